"""Meetings in the store on SQLite and PostgreSQL: generating a year, invitations that keep their UID
and raise SEQUENCE, refusals that change nothing, the agenda rule, the feed and the export."""

from __future__ import annotations

import email
import email.policy
import warnings
from datetime import date, datetime, timedelta
from email.message import Message
from pathlib import Path

import html5lib
import pytest
import vobject
from icalendar import Calendar
from sqlalchemy import select, text

from bot.asgi import create_asgi
from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.domain.timezone import AMSTERDAM
from storage import tables
from tests.cast import EMAIL
from tests.scenario import register_cast, submit, walk

with warnings.catch_warnings():  # starlette's notice about its httpx-based client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ADMIN = "beheer@vaart.local"
JUNE = "zod-stuurgroep-20240628@regiodeal-zod.nl"
JAN_15 = datetime(2024, 1, 15, 10, 0, tzinfo=AMSTERDAM)


def register(app: App) -> None:
    register_cast(app.people)


def at(app: App, moment: datetime) -> ManualClock:
    clock = app.clock
    assert isinstance(clock, ManualClock)
    clock.set(moment)
    return clock


def invites(app: App, uid: str) -> list[tuple[str, dict[str, object]]]:
    c = tables.outbox.c
    with app.engine.connect() as conn:
        rows = conn.execute(select(c.recipient, c.payload).where(c.key.like("invite:%")).order_by(c.id)).all()
    return [(r.recipient, r.payload) for r in rows if r.payload["uid"] == uid]


def event_of(ics: str) -> tuple[Calendar, object]:
    calendar = Calendar.from_ical(ics)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return calendar, events[0]


def ready_for_agenda(app: App, title: str) -> str:
    ref = submit(app.ideas, title, "Een voorstel", programmalijn="2")
    walk(app.ideas, app.programme, ref, Status.GETOETST, link_programmalijn=False)
    return ref


def test_a_year_is_stored_once_and_the_attendees_come_from_the_people_store(any_app: App) -> None:
    register(any_app)
    at(any_app, JAN_15)
    first = any_app.meetings.generate(ADMIN, "cli", 2024)
    assert first.params["created"] > 70 and first.params["existing"] == 0
    again = any_app.meetings.generate(ADMIN, "cli", 2024)
    assert again.params["created"] == 0 and again.params["invites"] == 0  # nothing twice
    records = any_app.meetings.year_records(2024)
    assert all(r.id is not None and r.sequence == 0 for r in records)
    assert len({r.uid for r in records}) == len(records)
    stuurgroep = [(r.day, r.gremium) for r in records if r.gremium == "stuurgroep"]
    assert stuurgroep == [(date(2024, 6, 28), "stuurgroep"), (date(2024, 12, 13), "stuurgroep")]
    invited = {recipient for recipient, _ in invites(any_app, JUNE)}
    assert invited == {EMAIL["sg1"], EMAIL["sg2"], EMAIL["director"], EMAIL["staf"]}
    notes = {w["code"] for w in first.params["warnings"]}
    assert notes == {"invite.week_only"}  # Den Haag overleg: only the week is known, no invitation yet


def test_a_gremium_nobody_belongs_to_is_a_warning_and_its_meetings_still_exist(app: App) -> None:
    at(app, JAN_15)
    reply = app.meetings.generate(ADMIN, "cli", 2024)
    assert {"code": "invite.no_attendees", "params": {"gremium": "Stuurgroep"}} in reply.params["warnings"]
    assert reply.params["invites"] == 0 and reply.params["created"] > 70


def test_move_and_cancel_keep_the_uid_raise_sequence_and_stamp_afresh(any_app: App) -> None:
    register(any_app)
    clock = at(any_app, JAN_15)
    any_app.meetings.generate(ADMIN, "cli", 2024)
    clock.advance(timedelta(days=3))
    moved = any_app.meetings.move(EMAIL["staf"], "test", date(2024, 7, 5), gremium="stuurgroep", day=date(2024, 6, 28))
    assert moved.params["uid"] == JUNE and moved.params["sequence"] == 1
    clock.advance(timedelta(days=1))
    cancelled = any_app.meetings.cancel(EMAIL["director"], "test", uid=JUNE)
    assert cancelled.params["sequence"] == 2

    sent = [payload for recipient, payload in invites(any_app, JUNE) if recipient == EMAIL["sg1"]]
    assert [(p["method"], p["sequence"]) for p in sent] == [("REQUEST", 0), ("REQUEST", 1), ("CANCEL", 2)]
    stamps = []
    for payload in sent:
        calendar, event = event_of(str(payload["ics"]))
        assert calendar["METHOD"] == payload["method"]
        assert str(event["UID"]) == JUNE
        assert int(event["SEQUENCE"]) == payload["sequence"]
        assert str(event["ORGANIZER"]) == "mailto:programma@regiodeal-zod.nl"
        stamps.append(event["DTSTAMP"].dt)
    assert stamps[0] < stamps[1] < stamps[2]
    _, update = event_of(str(sent[1]["ics"]))
    assert update["DTSTART"].dt == datetime(2024, 7, 5, 10, tzinfo=AMSTERDAM)
    assert all(a.params["RSVP"] == "TRUE" for a in update.get("ATTENDEE"))
    assert "Agenda" in str(update["DESCRIPTION"]) and "Locatie" in str(update["DESCRIPTION"])
    _, cancel = event_of(str(sent[2]["ics"]))
    assert str(cancel["STATUS"]) == "CANCELLED"

    # the invitation as it leaves the house: an .eml whose MIME method equals the file's METHOD
    any_app.outbox.drain()
    files = sorted(any_app.settings.outbox_dir.glob(f"invite_{JUNE.replace('@', '_')}_2_CANCEL_*.eml"))
    assert len(files) == 4
    message: Message = email.message_from_bytes(files[0].read_bytes())
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1 and parts[0].get_param("method") == "CANCEL"
    calendar, event = event_of(parts[0].get_payload(decode=True).decode("utf-8"))
    assert calendar["METHOD"] == "CANCEL" and int(event["SEQUENCE"]) == 2
    # the file is one for everyone (Outlook's cancellation comment): it says the meeting is off, to nobody
    assert str(event["DESCRIPTION"]).startswith("Stuurgroep van 05-07-2024 gaat niet door.\n")
    assert event["DESCRIPTION"].params["LANGUAGE"] == "nl" and "Beste" not in str(event["DESCRIPTION"])


def test_the_coming_meetings_follow_the_store_and_the_day_while_the_calendar_is_expanded_once(app: App) -> None:
    """The calendar's windows are kept expanded (`MeetingQueries._planned`); what the store holds
    and the day it is are read every time."""
    from bot.domain.series import expand
    from bot.services.calendar_setup import HORIZON

    register(app)
    clock = at(app, JAN_15)
    before = app.meetings.upcoming("stuurgroep", limit=20)
    assert JUNE in [m.uid for m in before] and app.meetings.upcoming("stuurgroep", limit=20) == before
    app.meetings.move(EMAIL["staf"], "test", date(2024, 7, 5), gremium="stuurgroep", day=date(2024, 6, 28))
    june = next(m for m in app.meetings.upcoming("stuurgroep", limit=20) if m.uid == JUNE)
    assert june.day == date(2024, 7, 5) and june.sequence == 1
    clock.set(datetime(2024, 3, 1, 10, 0, tzinfo=AMSTERDAM))
    later = app.meetings.upcoming(limit=50)
    assert later[0].day >= date(2024, 3, 1) and [m for m in later if m.day < date(2024, 3, 1)] == []
    today = clock.now().date()
    setup = app.meetings.setup
    assert app.meetings._planned(today, today + HORIZON) == tuple(
        expand(setup.calendar, (today, today + HORIZON), setup.workdays))


def test_an_english_reader_gets_an_invitation_whose_html_says_english(app: App) -> None:
    register(app)
    app.people.set_language(EMAIL["sg1"], "test", "en")
    at(app, JAN_15)
    app.meetings.generate(ADMIN, "cli", 2024)
    app.outbox.drain()
    languages = {}
    for path in app.settings.outbox_dir.glob(f"invite_{JUNE.replace('@', '_')}_0_REQUEST_*.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.SMTP)
        (part,) = [p for p in message.walk() if p.get_content_type() == "text/html"]
        html = part.get_payload(decode=True).decode("utf-8")
        languages[str(message["To"])] = html5lib.parse(html, namespaceHTMLElements=False).get("lang")
    assert languages[EMAIL["sg1"]] == "en"
    assert {lang for to, lang in languages.items() if to != EMAIL["sg1"]} == {"nl"} and len(languages) > 2


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda m: m.move(ADMIN, "cli", date(2024, 1, 8), uid=JUNE), "meeting.move_into_past"),
        (lambda m: m.move(ADMIN, "cli", date(2024, 6, 29), uid=JUNE), "meeting.closed_day"),  # a Saturday
        (lambda m: m.move(ADMIN, "cli", date(2024, 5, 9), uid=JUNE), "meeting.closed_day"),  # Hemelvaartsdag
        (lambda m: m.move(ADMIN, "cli", date(2024, 7, 5), uid="nope@x.nl"), "meeting.unknown"),
        (lambda m: m.move(EMAIL["kernteam"], "test", date(2024, 7, 5), uid=JUNE), "meeting.wrong_role"),
        (lambda m: m.add(ADMIN, "cli", "stuurgroep", date(2024, 12, 25)), "meeting.closed_day"),
        (lambda m: m.add(ADMIN, "cli", "stuurgroep", date(2024, 6, 28)), "meeting.exists"),
        (lambda m: m.add(ADMIN, "cli", "raad", date(2024, 6, 27)), "meeting.unknown_gremium"),
        (lambda m: m.generate(ADMIN, "cli", 2031), "period.year"),  # §8: the looptijd is 2023-2027
        (lambda m: m.add(ADMIN, "cli", "stuurgroep", date(2028, 1, 14)), "period.meeting"),
        (lambda m: m.move(ADMIN, "cli", date(2028, 1, 14), uid=JUNE), "period.meeting"),
    ],
)
def test_bad_changes_are_refused_and_change_nothing(app: App, change: object, code: str) -> None:
    register(app)
    at(app, JAN_15)
    app.meetings.generate(ADMIN, "cli", 2024)
    with app.engine.connect() as conn:
        before = conn.execute(text("SELECT uid, sequence, status, starts_at FROM meetings ORDER BY uid")).all()
        outbox = conn.execute(text("SELECT COUNT(*) FROM outbox")).scalar_one()
    with pytest.raises(Refused) as refused:
        change(app.meetings)  # type: ignore[operator]
    assert refused.value.code == code
    with app.engine.connect() as conn:
        assert conn.execute(text("SELECT uid, sequence, status, starts_at FROM meetings ORDER BY uid")).all() == before
        assert conn.execute(text("SELECT COUNT(*) FROM outbox")).scalar_one() == outbox


def test_an_attendee_without_a_usable_address_is_a_warning_not_a_crash(app: App) -> None:
    register(app)
    with app.engine.begin() as conn:  # what an import from elsewhere could leave behind
        conn.execute(
            text("INSERT INTO people (email, name, roles) VALUES ('geen adres', 'Zonder Adres', '[\"stuurgroep\"]')")
        )
    at(app, JAN_15)
    reply = app.meetings.generate(ADMIN, "cli", 2024)
    assert {"code": "invite.attendee_without_email", "params": {"name": "Zonder Adres", "email": "geen adres"}} in (
        reply.params["warnings"]
    )
    assert {r for r, _ in invites(app, JUNE)} == {EMAIL["sg1"], EMAIL["sg2"], EMAIL["director"], EMAIL["staf"]}


def test_proposals_go_to_the_first_meeting_whose_route_is_open_and_late_ones_need_admission(any_app: App) -> None:
    register(any_app)
    clock = at(any_app, datetime(2024, 5, 21, 9, 0, tzinfo=AMSTERDAM))
    any_app.meetings.generate(ADMIN, "cli", 2024, invite=False)
    early = ready_for_agenda(any_app, "Zorgbus")
    reply = any_app.ideas.schedule(EMAIL["director"], "test", early)
    assert reply.params["date"] == "28-06-2024" and reply.params["late"] is False

    clock.set(datetime(2024, 6, 10, 9, 0, tzinfo=AMSTERDAM))  # the route to 28 June began on 7 June
    late = ready_for_agenda(any_app, "Dorpshuis")
    with pytest.raises(Refused) as refused:
        any_app.ideas.schedule(EMAIL["director"], "test", late, date(2024, 6, 28))
    assert refused.value.code == "agenda.late" and refused.value.params["next"] == "13-12-2024"
    assert any_app.ideas.schedule(EMAIL["director"], "test", late).params["date"] == "13-12-2024"

    third = ready_for_agenda(any_app, "Laadpalen")
    admitted = any_app.ideas.schedule(EMAIL["director"], "test", third, date(2024, 6, 28), admit=True)
    assert admitted.params["late"] is True
    view = any_app.meetings.agenda(date(2024, 6, 28))
    assert [(i.idea_reference, i.late, i.admitted_by) for i, _ in view.items] == [
        (early, False, None),
        (third, True, EMAIL["director"]),
    ]

    # cancelling the June meeting takes its agenda to December, and the ideas follow
    any_app.meetings.cancel(EMAIL["staf"], "test", gremium="stuurgroep", day=date(2024, 6, 28))
    december = any_app.meetings.agenda(date(2024, 12, 13))
    assert {i.idea_reference for i, _ in december.items} == {early, late, third}
    assert any_app.ideas.status(EMAIL["director"], early).meeting_date == date(2024, 12, 13)
    assert any_app.ideas.status(EMAIL["director"], early).state is Status.GEAGENDEERD


def test_the_agenda_in_chat_with_the_document_route(app: App) -> None:
    register(app)
    at(app, datetime(2024, 5, 21, 9, 0, tzinfo=AMSTERDAM))
    app.meetings.generate(ADMIN, "cli", 2024, invite=False)
    ref = ready_for_agenda(app, "Zorgbus")
    director = app.chat.session(EMAIL["director"], "console")
    assert "28-06-2024" in app.chat.handle(director, f"agenderen {ref}")
    staf = app.chat.session(EMAIL["staf"], "console")
    agenda = app.chat.handle(staf, "agenda 28-06-2024")
    assert ref in agenda and "vrijdag 7 juni 2024" in agenda
    assert "Stuurgroep" in app.chat.handle(staf, "vergaderingen stuurgroep")
    assert "verplaatst" in app.chat.handle(staf, "verplaats stuurgroep 28-06-2024 04-07-2024 14:00")
    assert "niet gewerkt" in app.chat.handle(staf, "verplaats stuurgroep 04-07-2024 06-07-2024")
    assert "Vergaderingen plannen" in app.chat.handle(app.chat.session(EMAIL["sg1"], "console"), "annuleer 04-07-2024")
    assert "vrijdag 14 juni 2024" in app.chat.handle(staf, "route 2024-06-28")
    assert app.ideas.status(EMAIL["director"], ref).meeting_date == date(2024, 7, 4)


def test_each_gremium_has_a_feed_behind_its_own_token(any_app: App) -> None:
    register(any_app)
    at(any_app, JAN_15)
    any_app.meetings.generate(ADMIN, "cli", 2024)
    any_app.meetings.move(ADMIN, "cli", date(2024, 7, 5), uid=JUNE)
    tokens = any_app.meetings.feed_tokens(ADMIN, "cli")
    assert len(set(tokens.values())) == len(tokens) and all(len(t) >= 32 for t in tokens.values())
    client = TestClient(create_asgi(any_app))
    response = client.get(f"/calendar/stuurgroep.ics?token={tokens['stuurgroep']}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    events = {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert int(events[JUNE]["SEQUENCE"]) == 1 and events[JUNE]["DTSTART"].dt.date() == date(2024, 7, 5)
    assert client.get(f"/calendar/stuurgroep.ics?token={tokens['kernteam']}").status_code == 403
    assert client.get("/calendar/stuurgroep.ics").status_code == 403
    assert client.get(f"/calendar/raad.ics?token={tokens['kernteam']}").status_code == 404


def test_the_feeds_carry_every_year_of_the_programme(any_app: App) -> None:
    """§8: "een periode van vier jaar (2023-2027)"; Bijlage 2 and the rules for the other years, read
    back by recurring_ical_events, with a moved stuurgroep at its new date."""
    import recurring_ical_events

    register(any_app)
    at(any_app, datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM))
    any_app.meetings.move(ADMIN, "cli", date(2027, 7, 9), gremium="stuurgroep", day=date(2027, 7, 2))
    tokens = any_app.meetings.feed_tokens(ADMIN, "cli")
    client = TestClient(create_asgi(any_app))
    for gremium, year, least in (("stuurgroep", 2024, 2), ("stuurgroep", 2025, 2), ("kernteam", 2027, 40),
                                 ("kern_coordinatieteam", 2026, 6), ("den_haag_zod", 2027, 4)):  # fmt: skip
        body = client.get(f"/calendar/{gremium}.ics?token={tokens[gremium]}").content
        found = recurring_ical_events.of(Calendar.from_ical(body)).between(date(year, 1, 1), date(year + 1, 1, 1))
        assert len(found) >= least, (gremium, year)
    body = client.get(f"/calendar/stuurgroep.ics?token={tokens['stuurgroep']}").content
    in_2027 = recurring_ical_events.of(Calendar.from_ical(body)).between(date(2027, 1, 1), date(2028, 1, 1))
    assert sorted(e.decoded("DTSTART").astimezone(AMSTERDAM).date() for e in in_2027) == [
        date(2027, 7, 9), date(2027, 12, 17),
    ]  # fmt: skip
    moved = [e for e in in_2027 if e.decoded("DTSTART").astimezone(AMSTERDAM).date() == date(2027, 7, 9)]
    assert "aanname" not in str(moved[0]["DESCRIPTION"])  # the staf chose it
    assert all("aanname" in str(e["DESCRIPTION"]) for e in in_2027 if e not in moved)


def test_a_feed_and_an_export_without_meetings_are_still_valid_calendars(app: App, tmp_path: Path) -> None:
    at(app, datetime(2026, 1, 15, 10, 0, tzinfo=AMSTERDAM))
    _, early = app.meetings.export(2023, tmp_path)  # in the looptijd (§8), but Bijlage 2 starts in 2024
    assert [w["code"] for w in early] == ["period.year_without_calendar"]
    for data in [(tmp_path / "zod-stuurgroep-2023.ics").read_bytes()]:
        calendar = Calendar.from_ical(data)
        assert calendar.walk("VEVENT") == []
        assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]  # RFC 5545 3.6: one component at least
        assert [c.name for c in vobject.readOne(data.decode("utf-8")).components()] == ["VTIMEZONE"]


def test_the_export_writes_every_gremium_or_nothing(app: App, tmp_path: Path) -> None:
    at(app, JAN_15)
    out = tmp_path / "kalenders"
    paths, warnings = app.meetings.export(2024, out)
    assert [p.name for p in paths] == [
        f"zod-{key}-2024.ics"
        for key in (
            "kernteam",
            "coordinatieteam",
            "kern_coordinatieteam",
            "stuurgroep",
            "ambtelijke_cockpit",
            "den_haag_zod",
        )
    ]
    assert warnings == []
    _, later = app.meetings.export(2025, out)  # the seeds give no dates after 2024: the rules do
    assert later == []
    _, early = app.meetings.export(2023, out)  # in the looptijd, but Bijlage 2 starts in 2024
    assert [w["code"] for w in early] == ["period.year_without_calendar"]
    kernteam = Calendar.from_ical(paths[0].read_bytes())
    assert len(list(kernteam.walk("VEVENT"))) > 40
    blocked = tmp_path / "bestand"
    blocked.write_text("geen map")
    with pytest.raises(Refused) as refused:
        app.meetings.export(2024, blocked / "sub")
    assert refused.value.code == "calendar.cannot_write"
    with pytest.raises(Refused):
        app.meetings.export(2031, tmp_path / "leeg")
    assert not (tmp_path / "leeg").exists()


def test_spending_outside_the_mandate_is_on_the_next_stuurgroep_agenda(app: App) -> None:
    from decimal import Decimal

    from bot.chat.meeting_commands import agenda_text

    register(app)
    at(app, datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM))
    app.meetings.add(EMAIL["staf"], "test", "stuurgroep", date(2027, 1, 22))
    app.meetings.add(EMAIL["staf"], "test", "stuurgroep", date(2027, 6, 25))
    big = app.budget.request(EMAIL["kernteam"], "test", Decimal("60000.00"), "Verkenning grensregio", "onderzoek")
    next_one = agenda_text(app.meetings.agenda(date(2027, 1, 22)), "nl")
    assert big.params["reference"] in next_one and "60.000,00" in next_one
    assert big.params["reference"] not in agenda_text(app.meetings.agenda(date(2027, 6, 25)), "nl")
