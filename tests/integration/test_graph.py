"""The Outlook channel against a fake identity platform and Graph on 127.0.0.1 (tests/fake_graph.py).

The fake records every request, so these tests check the exact calls vaart makes: the OpenID
configuration and the client-credentials token request (msal, through O365), sendMail in JSON
and in MIME, one calendar event per meeting that is patched and cancelled in place. It answers
429 with Retry-After 0 and 2 s, 503, 401 and 403 in turn, a lost answer to a create, an expired
secret and a mailbox without permission: nothing is lost and nothing is sent twice.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import delete, select

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings
from bot.cli.main import main as vaart
from bot.services.ports.outbox import DeliveryError, OutboxItem
from integrations.ics.invites import Participant
from integrations.mime import message_id
from integrations.outlook import GraphClient, OutlookChannel, graph_account
from integrations.outlook.channel import UID_PROPERTY, transaction_id
from scheduling.dead_letters import staf_notifier
from scheduling.outbox import OutboxRunner
from storage.delivery_repo import SqlEventLinks
from storage.tables_delivery import graph_events
from tests.cast import EMAIL
from tests.fake_graph import CLIENT_ID, CLIENT_SECRET, MAILBOX, TENANT, FakeGraph, fake_graph
from tests.outbox_rows import ATTENDEES, MEETING_START, enqueue, invite_rows, mail, row, statuses, tracker

USERS = f"/v1.0/users/{MAILBOX}"


@pytest.fixture
def fake() -> Iterator[FakeGraph]:
    with fake_graph() as server:
        yield server


def channel_for(app: App, fake: FakeGraph, *, sleep: Callable[[float], None] = time.sleep,
                monotonic: Callable[[], float] = time.monotonic, mailbox: str = MAILBOX) -> OutlookChannel:
    account = graph_account(tenant_id=TENANT, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, mailbox=mailbox,
                            graph_url=fake.url + "/", authority_url=fake.url)
    client = GraphClient(account, mailbox, sleep=sleep, monotonic=monotonic)
    return OutlookChannel(client, SqlEventLinks(app.engine), app.clock)


def on_the_app_clock(app: App) -> Callable[[], float]:
    """A monotonic clock that is the app's manual clock, for the client's and the fake's pauses."""
    return lambda: app.clock.now().timestamp()


def runner_for(app: App, channel: OutlookChannel) -> OutboxRunner:
    return OutboxRunner(app.engine, {"mail": channel}, app.clock, on_dead=staf_notifier("mail"))


def sent_keys(fake: FakeGraph) -> list[str]:
    return sorted(s.key for s in fake.sent)


def test_sign_in_and_a_mail_make_exactly_these_requests(app: App, fake: FakeGraph) -> None:
    channel = channel_for(app, fake)
    enqueue(app.engine, mail("k1", "anna@voorbeeld.nl", subject="Uw idee", body="Dank voor uw idee."),
            app.clock.now())
    assert len(runner_for(app, channel).drain().sent) == 1

    openid, token, send = fake.requests
    assert (openid.method, openid.path) == ("GET", f"/{TENANT}/v2.0/.well-known/openid-configuration")
    assert (token.method, token.path) == ("POST", f"/{TENANT}/oauth2/v2.0/token")
    assert {k: v for k, v in token.form.items() if k != "client_info"} == {
        "grant_type": "client_credentials",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scope": "https://graph.microsoft.com/.default",
    }
    assert (send.method, send.path) == ("POST", f"{USERS}/sendMail")
    assert send.headers["authorization"] == f"Bearer {fake.tokens[0]}"
    assert send.headers["content-type"] == "application/json"
    assert send.headers["prefer"] == 'IdType="ImmutableId"'
    assert send.json == {
        "message": {
            "subject": "Uw idee",
            "body": {"contentType": "Text", "content": "Dank voor uw idee."},
            "toRecipients": [{"emailAddress": {"address": "anna@voorbeeld.nl"}}],
            "internetMessageId": message_id("k1"),
            "internetMessageHeaders": [{"name": "X-Vaart-Key", "value": "k1"}],
        },
        "saveToSentItems": True,
    }
    enqueue(app.engine, mail("k2", "bert@voorbeeld.nl"), app.clock.now())
    runner_for(app, channel).drain()
    assert len(fake.requests) == 4 and len(fake.token_requests()) == 1  # the token is reused from memory


def test_a_meeting_is_one_outlook_event_updated_and_cancelled_in_place(any_app: App, fake: FakeGraph) -> None:
    app = any_app
    clock = app.clock
    assert isinstance(clock, ManualClock)
    channel = channel_for(app, fake)
    outbox = runner_for(app, channel)
    meeting = tracker()
    recipients = [a.email for a in ATTENDEES]

    for message in invite_rows(meeting, meeting.invite(clock.now()), "REQUEST", recipients):
        enqueue(app.engine, message, clock.now())
    assert len(outbox.drain().sent) == 3
    lookup, create = fake.graph_requests()
    assert (lookup.method, lookup.path) == ("GET", f"{USERS}/events")
    assert lookup.query == {
        "$filter": f"singleValueExtendedProperties/Any(ep: ep/id eq '{UID_PROPERTY}' and ep/value eq '{meeting.uid}')",
        "$select": "id,iCalUId",
    }
    assert (create.method, create.path) == ("POST", f"{USERS}/events")
    body = create.json
    assert body["subject"] == "Stuurgroep Regio Deal"
    assert body["start"] == {"dateTime": "2026-12-10T13:00:00", "timeZone": "UTC"}
    assert body["end"] == {"dateTime": "2026-12-10T15:00:00", "timeZone": "UTC"}
    assert body["location"] == {"displayName": "Gemeentehuis Emmen"}
    assert body["attendees"] == [
        {"emailAddress": {"address": a.email, "name": a.name}, "type": "required"} for a in ATTENDEES
    ]
    assert body["transactionId"] == transaction_id(MAILBOX, meeting.uid, 0)
    assert body["singleValueExtendedProperties"] == [{"id": UID_PROPERTY, "value": meeting.uid}]
    (event,) = fake.events.values()
    with app.engine.connect() as conn:
        link = conn.execute(select(graph_events)).mappings().one()
    assert (link["event_id"], link["ical_uid"], link["sequence"]) == (event["id"], event["iCalUId"], 0)

    clock.advance(timedelta(hours=1))
    moved = MEETING_START + timedelta(days=1)
    for message in invite_rows(meeting, meeting.move(moved, moved + timedelta(hours=2), clock.now()), "REQUEST",
                               recipients):
        enqueue(app.engine, message, clock.now())
    assert len(outbox.drain().sent) == 3
    (patch,) = fake.graph_requests()[2:]
    assert (patch.method, patch.path) == ("PATCH", f"{USERS}/events/{event['id']}")
    assert patch.json["start"] == {"dateTime": "2026-12-11T13:00:00", "timeZone": "UTC"}
    assert "transactionId" not in patch.json

    clock.advance(timedelta(hours=1))
    for message in invite_rows(meeting, meeting.cancel(clock.now()), "CANCEL", recipients):
        enqueue(app.engine, message, clock.now())
    assert len(outbox.drain().sent) == 3
    (cancel,) = fake.graph_requests()[3:]
    assert (cancel.method, cancel.path) == ("POST", f"{USERS}/events/{event['id']}/cancel")
    assert cancel.json == {"comment": "Agenda: besluitvorming over de Zorgbus."}  # the meeting's text
    assert len(fake.events) == 1 and event["cancelled"] and fake.sent == []
    assert statuses(app.engine) == {"sent": 9}


def test_429_503_401_and_403_in_turn_lose_nothing_and_send_nothing_twice(app: App, fake: FakeGraph) -> None:
    app.people.add("beheer@vaart.local", "test", EMAIL["staf"], "Sanne Staf", ["staf"])
    channel = channel_for(app, fake)
    for n in range(5):
        enqueue(app.engine, mail(f"m{n}", f"p{n}@voorbeeld.nl"), app.clock.now())
    fake.fail_next("POST", "/sendMail", 429, {"Retry-After": "0"})
    fake.fail_next("POST", "/sendMail", 429, {"Retry-After": "2"})
    fake.fail_next("POST", "/sendMail", 503, {"Retry-After": "1"})
    fake.fail_next("POST", "/sendMail", 401)
    denied = {"error": {"code": "ErrorAccessDenied", "message": "Access is denied."}}
    fake.fail_next("POST", "/sendMail", 403, body=denied)
    runner = runner_for(app, channel)
    report = runner.drain()
    assert isinstance(app.clock, ManualClock)
    app.clock.advance(timedelta(minutes=15))  # the staf's notice waits that long for others to join it
    runner.drain()

    posts = [r for r in fake.graph_requests() if r.path.endswith("/sendMail")]
    first_five = [r.at for r in posts[:5]]
    assert first_five[1] - first_five[0] < 1.0  # Retry-After: 0
    assert first_five[2] - first_five[1] >= 2.0  # Retry-After: 2
    assert first_five[3] - first_five[2] >= 1.0  # 503 with Retry-After: 1
    assert len(fake.token_requests()) == 2  # the 401 made vaart sign in again, once
    assert posts[4].headers["authorization"] == f"Bearer {fake.tokens[1]}"
    dead = row(app.engine, "m0")
    assert dead["status"] == "dead" and "403" in dead["last_error"] and "ErrorAccessDenied" in dead["last_error"]
    assert [i.key for i in report.dead] == ["m0"]
    notices = [s for s in fake.sent if s.key.startswith("dead:")]
    assert len(notices) == 1 and notices[0].body is not None
    assert notices[0].body["message"]["toRecipients"] == [{"emailAddress": {"address": EMAIL["staf"]}}]
    assert sent_keys(fake) == sorted(["m1", "m2", "m3", "m4", notices[0].key])  # each exactly once
    assert statuses(app.engine) == {"sent": 5, "dead": 1}


def test_a_long_retry_after_is_left_to_the_outbox(app: App, fake: FakeGraph) -> None:
    clock = app.clock
    assert isinstance(clock, ManualClock)
    channel = channel_for(app, fake)
    outbox = runner_for(app, channel)
    enqueue(app.engine, mail("slow", "p@voorbeeld.nl"), clock.now())
    fake.fail_next("POST", "/sendMail", 504, {"Retry-After": "120"})
    assert len(outbox.run_once().retried) == 1
    assert row(app.engine, "slow")["next_attempt_at"] >= clock.now() + timedelta(seconds=120)
    clock.advance(timedelta(seconds=90))
    assert outbox.run_once().sent == []
    clock.advance(timedelta(seconds=31))
    assert len(outbox.run_once().sent) == 1
    assert sent_keys(fake) == ["slow"]


def test_a_lost_answer_or_a_lost_link_makes_no_second_event(app: App, fake: FakeGraph) -> None:
    clock = app.clock
    assert isinstance(clock, ManualClock)
    channel = channel_for(app, fake)
    outbox = runner_for(app, channel)
    meeting = tracker()
    fake.fail_next("POST", "/events", 504, {"Retry-After": "0"}, after_effect=True)  # made, but the answer is lost
    for message in invite_rows(meeting, meeting.invite(clock.now()), "REQUEST", ["b.bestuur@emmen.nl"]):
        enqueue(app.engine, message, clock.now())
    assert len(outbox.drain().sent) == 1
    creates = [r for r in fake.graph_requests() if r.method == "POST" and r.path.endswith("/events")]
    assert len(creates) == 2 and creates[0].json["transactionId"] == creates[1].json["transactionId"]
    assert len(fake.events) == 1

    with app.engine.begin() as conn:  # a crash between Graph's answer and storing the link
        conn.execute(delete(graph_events))
    clock.advance(timedelta(hours=1))
    moved = MEETING_START + timedelta(hours=3)
    for message in invite_rows(meeting, meeting.move(moved, moved + timedelta(hours=1), clock.now()), "REQUEST",
                               ["b.bestuur@emmen.nl"]):
        enqueue(app.engine, message, clock.now())
    assert len(outbox.drain().sent) == 1
    assert [r.method for r in fake.graph_requests()[-2:]] == ["GET", "PATCH"]
    assert len(fake.events) == 1


def test_an_expired_secret_is_a_dead_letter_and_its_notice_does_not_loop(app: App, fake: FakeGraph) -> None:
    app.people.add("beheer@vaart.local", "test", EMAIL["staf"], "Sanne Staf", ["staf"])
    fake.secret_expired = True
    channel = channel_for(app, fake)
    enqueue(app.engine, mail("expired", "p@voorbeeld.nl"), app.clock.now())
    runner = runner_for(app, channel)
    report = runner.drain()
    reason = str(row(app.engine, "expired")["last_error"])
    assert "invalid_client" in reason and "AADSTS7000222" in reason
    assert [i.key for i in report.dead] == ["expired"]
    assert isinstance(app.clock, ManualClock)
    app.clock.advance(timedelta(minutes=15))  # the notice's bundling window
    notice = runner.drain()
    assert [i.key[:5] for i in notice.dead] == ["dead:"]
    assert statuses(app.engine) == {"dead": 2}  # the notice died too, and no more
    assert fake.graph_requests() == []


def test_a_mailbox_without_permission_is_a_dead_letter(app: App, fake: FakeGraph) -> None:
    fake.denied.add(MAILBOX)
    channel = channel_for(app, fake)
    enqueue(app.engine, mail("denied", "p@voorbeeld.nl"), app.clock.now())
    assert len(runner_for(app, channel).run_once().dead) == 1
    assert "Graph 403 on POST /users/" in str(row(app.engine, "denied")["last_error"])
    ok, detail = channel.check()
    assert not ok and "403" in detail


def test_a_meeting_with_colleagues_and_outside_guests_is_one_event_with_one_attendee_list(
        app: App, fake: FakeGraph) -> None:
    channel = channel_for(app, fake)
    meeting = tracker()  # two guests outside the organisation (emmen.nl, coevorden.nl), one colleague
    recipients = [a.email for a in ATTENDEES]
    for message in invite_rows(meeting, meeting.invite(app.clock.now()), "REQUEST", recipients):
        enqueue(app.engine, message, app.clock.now())
    assert len(runner_for(app, channel).drain().sent) == 3
    (event,) = fake.events.values()
    assert [(a["emailAddress"]["address"], a["emailAddress"]["name"]) for a in event["attendees"]] == [
        (a.email, a.name) for a in ATTENDEES
    ]
    assert fake.sent == []  # Exchange invites everyone, outside guests included; vaart sends no second invite
    assert [r.method for r in fake.graph_requests()] == ["GET", "POST"]  # the next rows find this version there


def test_the_cancellation_comment_is_the_meetings_text_whoever_comes_first(app: App, fake: FakeGraph) -> None:
    clock = app.clock
    assert isinstance(clock, ManualClock)
    channel = channel_for(app, fake)
    comments = []
    for n, order in enumerate((ATTENDEES, tuple(reversed(ATTENDEES)))):
        meeting = tracker(uid=f"stuurgroep-{n}@regiodeal-zod.nl")
        first = invite_rows(meeting, meeting.invite(clock.now()), "REQUEST", [a.email for a in order])
        last = invite_rows(meeting, meeting.cancel(clock.now()), "CANCEL", [a.email for a in order])
        for message in [*first, *last]:
            enqueue(app.engine, message, clock.now())
        assert len(runner_for(app, channel).drain().sent) == 6
        comments.append(fake.comments[-1])
    assert comments[0] == comments[1] == "Agenda: besluitvorming over de Zorgbus."
    for attendee in ATTENDEES:  # the fake also refuses a comment that names an attendee
        assert attendee.email not in comments[0] and attendee.name not in comments[0]


def test_a_429_pauses_the_whole_mailbox_while_the_outbox_serves_the_others(app: App, fake: FakeGraph) -> None:
    clock = app.clock
    assert isinstance(clock, ManualClock)
    fake.clock = on_the_app_clock(app)
    busy = channel_for(app, fake, monotonic=on_the_app_clock(app))
    other = channel_for(app, fake, monotonic=on_the_app_clock(app), mailbox="secretariaat@regiodeal-zod.nl")
    outbox = OutboxRunner(app.engine, {"mail": busy, "other": other}, clock)
    for n in range(3):
        enqueue(app.engine, mail(f"busy{n}", f"p{n}@voorbeeld.nl"), clock.now())
        enqueue(app.engine, replace(mail(f"other{n}", f"q{n}@voorbeeld.nl"), channel="other"), clock.now())
    fake.fail_next("POST", "/sendMail", 429, {"Retry-After": "120"})

    report = outbox.run_once()
    sends = [r for r in fake.graph_requests() if r.path.endswith("/sendMail")]
    assert [r.path.split("/")[3] for r in sends] == [MAILBOX] + ["secretariaat@regiodeal-zod.nl"] * 3
    assert sorted(i.key for i in report.sent) == ["other0", "other1", "other2"]
    assert [i.key for i in report.retried] == ["busy0"]  # the request that got the 429
    assert sorted(i.key for i in report.deferred) == ["busy1", "busy2"]  # never sent: no attempt used
    assert [row(app.engine, k)["attempts"] for k in ("busy0", "busy1", "busy2")] == [1, 0, 0]
    assert all(row(app.engine, k)["next_attempt_at"] >= clock.now() + timedelta(seconds=119) for k in
               ("busy0", "busy1", "busy2"))

    clock.advance(timedelta(seconds=60))
    assert busy.client.paused_for() == 60.0
    with pytest.raises(DeliveryError) as held:  # any request to the mailbox, not only the outbox's
        busy.deliver(OutboxItem(99, "direct", "mail", "r@voorbeeld.nl", "Onderwerp", "Tekst", {}, 0, clock.now()))
    assert held.value.deferred and held.value.retry_after == 60.0
    assert len(fake.graph_requests()) == 4

    clock.advance(timedelta(seconds=61))
    assert sorted(i.key for i in outbox.drain().sent) == ["busy0", "busy1", "busy2"]
    assert sent_keys(fake) == sorted([f"busy{n}" for n in range(3)] + [f"other{n}" for n in range(3)])


def test_every_imip_part_names_the_sending_mailbox_as_organizer(app: App, fake: FakeGraph) -> None:
    from integrations.ics.events import Recurrence
    from integrations.ics.invites import build_invite

    mailbox = "vergaderingen@regiodeal-zod.nl"  # not the programme file's organiser (programmabureau@...)
    channel = channel_for(app, fake, mailbox=mailbox)
    series = build_invite("kernteam-2027@regiodeal-zod.nl", 0, app.clock.now(), "REQUEST",
                          Participant(MAILBOX, "Programmabureau"), [Participant("k.kern@regiodeal-zod.nl")],
                          summary="Kernteam", start=MEETING_START, end=MEETING_START + timedelta(hours=1),
                          recurrence=Recurrence(2, MEETING_START.weekday(), MEETING_START + timedelta(weeks=20)))
    enqueue(app.engine, mail("series", "k.kern@regiodeal-zod.nl", ics=series.decode(), method="REQUEST"),
            app.clock.now())
    meeting = tracker()  # a cancellation of a meeting that has no event here goes as iMIP too
    for message in invite_rows(meeting, meeting.cancel(app.clock.now()), "CANCEL", ["b.bestuur@emmen.nl"]):
        enqueue(app.engine, message, app.clock.now())
    assert len(runner_for(app, channel).drain().sent) == 2
    assert len(fake.sent) == 2
    for sent in fake.sent:
        assert sent.mime is not None and sent.mime["From"] == mailbox
        part = next(p for p in sent.mime.walk() if p.get_content_type() == "text/calendar")
        (event,) = Calendar.from_ical(part.get_content()).walk("VEVENT")
        assert str(event["ORGANIZER"]) == f"mailto:{mailbox}"
        assert event["ORGANIZER"].params["CN"] in ("Programmabureau", "Regio Deal Zuid- en Oost-Drenthe")


def test_a_series_goes_as_imip_mail(app: App, fake: FakeGraph) -> None:
    from integrations.ics.events import Recurrence
    from integrations.ics.invites import build_invite

    ics = build_invite("kernteam-2027@regiodeal-zod.nl", 0, app.clock.now(), "REQUEST",
                       Participant(MAILBOX), [Participant("k.kern@regiodeal-zod.nl")], summary="Kernteam",
                       start=MEETING_START, end=MEETING_START + timedelta(hours=1),
                       recurrence=Recurrence(2, MEETING_START.weekday(), MEETING_START + timedelta(weeks=20)))
    enqueue(app.engine, mail("series", "k.kern@regiodeal-zod.nl", ics=ics.decode(), method="REQUEST"),
            app.clock.now())
    assert len(runner_for(app, channel_for(app, fake)).drain().sent) == 1
    assert fake.events == {} and sent_keys(fake) == ["series"] and fake.sent[0].mime is not None


def test_no_more_than_four_requests_are_in_flight_for_the_mailbox(app: App, fake: FakeGraph) -> None:
    channel = channel_for(app, fake)
    channel.client.sign_in()
    fake.delay = 0.15
    items = [OutboxItem(n, f"c{n}", "mail", f"p{n}@voorbeeld.nl", "Onderwerp", "Tekst", {}, 0, app.clock.now())
             for n in range(12)]
    threads = [threading.Thread(target=channel.deliver, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sent_keys(fake) == sorted(i.key for i in items)
    assert fake.max_in_flight == 4


def test_tokens_and_the_secret_reach_no_log_and_no_file(app: App, fake: FakeGraph, caplog: pytest.LogCaptureFixture,
                                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.DEBUG)
    channel = channel_for(app, fake)
    logging.getLogger("O365.connection").setLevel(logging.DEBUG)  # even when someone turns debugging on
    enqueue(app.engine, mail("log1", "p@voorbeeld.nl"), app.clock.now())
    fake.fail_next("POST", "/sendMail", 401)
    assert len(runner_for(app, channel).drain().sent) == 1
    assert len(fake.tokens) == 2 and caplog.records
    for secret in [*fake.tokens, CLIENT_SECRET]:
        assert secret not in caplog.text
        assert secret not in repr(channel) and secret not in repr(channel.client.account)
    assert "Bearer [verborgen]" in caplog.text  # O365's debug lines were there, without the token
    assert not [p for p in tmp_path.rglob("*") if "token" in p.name.lower()]
    logging.getLogger("O365.connection").setLevel(logging.INFO)


def test_the_graph_channel_is_built_from_settings_and_checked(tmp_path: Path, fake: FakeGraph,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    env = {
        "VAART_VAR_DIR": str(tmp_path / "var"),
        "VAART_MAIL": "graph",
        "VAART_GRAPH_TENANT_ID": TENANT,
        "VAART_GRAPH_CLIENT_ID": CLIENT_ID,
        "VAART_GRAPH_CLIENT_SECRET": CLIENT_SECRET,
        "VAART_GRAPH_MAILBOX": MAILBOX,
        "VAART_GRAPH_URL": fake.url,
        "VAART_GRAPH_AUTHORITY_URL": fake.url,
    }
    app = build(Settings.from_env(env))
    try:
        assert isinstance(app.outbox.channels["mail"], OutlookChannel)
        assert app.outbox.limiters["mail"].limit == 30
    finally:
        app.close()
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert vaart(["check"]) == 0
    out = capsys.readouterr().out
    assert f"ok   mail (graph): {MAILBOX}" in out and CLIENT_SECRET not in out
    fake.denied.add(MAILBOX)
    assert vaart(["check"]) == 1
    assert "FOUT mail (graph)" in capsys.readouterr().out
    monkeypatch.delenv("VAART_GRAPH_CLIENT_SECRET")
    assert vaart(["check"]) == 1
    assert "VAART_GRAPH_CLIENT_SECRET" in capsys.readouterr().err

