"""Invitations: METHOD, a stable UID, SEQUENCE and DTSTAMP from the caller, the programme mailbox
as ORGANIZER, ATTENDEEs with RSVP=TRUE, CANCEL with STATUS:CANCELLED; over any sequence of moves
and cancellations the UID stays and SEQUENCE strictly increases."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from bot.domain.series import expand
from bot.programme.calendar import calendar_config
from bot.services.ports.calendar_files import Participant
from integrations.ics.invites import InviteTracker, Method, build_invite, content_type, meeting_invite, series_invite
from tests.unit.scheduling.zod import raw_config

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ORGANIZER = Participant("programma@regiodeal-zod.nl", "Programmabureau Regio Deal ZOD")
ATTENDEES = [Participant("j.jansen@emmen.nl", "Jan Jansen"), "a.bakker@coevorden.nl"]
START = datetime(2024, 6, 28, 10, 0, tzinfo=AMSTERDAM)
END = datetime(2024, 6, 28, 12, 0, tzinfo=AMSTERDAM)
STAMP = datetime(2024, 6, 1, 9, 15, 30, tzinfo=UTC)


def parse(data: bytes) -> tuple[Calendar, Event]:
    calendar = Calendar.from_ical(data)
    [event] = calendar.events
    return calendar, event


def request(**changes: object) -> bytes:
    arguments: dict[str, object] = {
        "meeting_uid": "zod-stuurgroep-20240628@regiodeal-zod.nl",
        "sequence": 0,
        "dtstamp": STAMP,
        "method": "REQUEST",
        "organizer": ORGANIZER,
        "attendees": ATTENDEES,
        "summary": "Stuurgroep",
        "start": START,
        "end": END,
        "description": "Agenda: besluit over voorstel ZOD-2024-0007\nLocatie: Gemeentehuis Emmen",
        "location": "Gemeentehuis Emmen",
    }
    arguments.update(changes)
    return build_invite(**arguments)  # type: ignore[arg-type]


def test_an_invite_is_a_request_with_uid_sequence_and_the_callers_dtstamp() -> None:
    calendar, event = parse(request(sequence=3))
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == "zod-stuurgroep-20240628@regiodeal-zod.nl"
    assert event["SEQUENCE"] == 3
    assert event.decoded("DTSTAMP") == STAMP
    assert str(event["STATUS"]) == "CONFIRMED"


def test_the_organizer_is_the_programme_mailbox() -> None:
    _, event = parse(request())
    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:programma@regiodeal-zod.nl"
    assert organizer.params["CN"] == "Programmabureau Regio Deal ZOD"


def test_every_attendee_is_asked_to_respond() -> None:
    _, event = parse(request())
    attendees = event["ATTENDEE"]
    assert [str(a) for a in attendees] == ["mailto:j.jansen@emmen.nl", "mailto:a.bakker@coevorden.nl"]
    for attendee in attendees:
        assert attendee.params["RSVP"] == "TRUE"
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
        assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    assert attendees[0].params["CN"] == "Jan Jansen"


def test_a_single_meeting_invite_is_in_utc_without_a_vtimezone() -> None:
    data = request()
    assert b"DTSTART:20240628T080000Z" in data
    assert b"VTIMEZONE" not in data


def test_the_description_contains_the_agenda_and_location_in_words() -> None:
    _, event = parse(request())
    assert "Agenda: besluit over voorstel ZOD-2024-0007" in str(event["DESCRIPTION"])
    assert "Locatie: Gemeentehuis Emmen" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Gemeentehuis Emmen"


def test_a_cancellation_is_method_cancel_with_status_cancelled() -> None:
    calendar, event = parse(request(method=Method.CANCEL, sequence=1))
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert all("RSVP" not in a.params for a in event["ATTENDEE"])


def test_the_mime_type_carries_the_same_method_as_the_file() -> None:
    assert content_type("request") == "text/calendar; method=REQUEST; charset=UTF-8"
    assert content_type(Method.CANCEL) == "text/calendar; method=CANCEL; charset=UTF-8"


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"dtstamp": datetime(2024, 6, 1, 9, 0)}, "naive"),
        ({"sequence": -1}, "SEQUENCE"),
        ({"method": "PUBLISH"}, "PUBLISH"),
        ({"attendees": []}, "attendee"),
        ({"organizer": "programmabureau"}, "e-mail"),
        ({"meeting_uid": "two words"}, "UID"),
        ({"end": START}, "not after"),
    ],
)
def test_an_invalid_invite_is_refused(changes: dict[str, object], fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        request(**changes)


def test_an_invite_for_a_calendar_meeting_uses_its_stable_uid_and_texts() -> None:
    config = calendar_config(raw_config())
    meeting = next(m for m in expand(config, 2024) if m.gremium == "stuurgroep")
    _, event = parse(
        meeting_invite(config, meeting, sequence=0, dtstamp=STAMP, method="REQUEST", attendees=ATTENDEES)
    )
    assert str(event["UID"]) == "zod-stuurgroep-20240628@regiodeal-zod.nl"
    assert str(event["ORGANIZER"]) == "mailto:programma@regiodeal-zod.nl"
    assert "Agenda:" in str(event["DESCRIPTION"]) and "Locatie:" in str(event["DESCRIPTION"])
    assert event.decoded("DTSTART") == datetime(2024, 6, 28, 8, 0, tzinfo=UTC)


def test_a_series_invite_is_in_local_time_with_the_rrule_style_vtimezone() -> None:
    config = calendar_config(raw_config())
    data = series_invite(
        config, "kernteam", 2024, sequence=0, dtstamp=STAMP, method="REQUEST", attendees=ATTENDEES
    )
    calendar, event = parse(data)
    assert str(event["UID"]) == "zod-kernteam-reeks-2024@regiodeal-zod.nl"
    assert "RRULE" in event and "EXDATE" in event
    [timezone] = calendar.timezones
    assert all("RRULE" in part and "RDATE" not in part for part in timezone.subcomponents)


def test_the_tracker_bumps_the_sequence_on_a_move_and_keeps_the_uid() -> None:
    tracker = InviteTracker(
        "uid-1@regiodeal-zod.nl", ORGANIZER, ATTENDEES, summary="Stuurgroep", start=START, end=END
    )
    first = parse(tracker.invite(STAMP))[1]
    moved = parse(
        tracker.move(START + timedelta(days=7), END + timedelta(days=7), STAMP + timedelta(hours=1))
    )[1]
    assert (first["SEQUENCE"], moved["SEQUENCE"]) == (0, 1)
    assert str(first["UID"]) == str(moved["UID"])
    assert moved.decoded("DTSTART") == datetime(2024, 7, 5, 8, 0, tzinfo=UTC)


def test_the_tracker_refuses_an_older_dtstamp_and_stays_unchanged() -> None:
    tracker = InviteTracker(
        "uid-1@regiodeal-zod.nl", ORGANIZER, ATTENDEES, summary="Stuurgroep", start=START, end=END
    )
    tracker.invite(STAMP)
    with pytest.raises(ValueError, match="older"):
        tracker.cancel(STAMP - timedelta(seconds=1))
    assert tracker.sequence == 0 and not tracker.cancelled


actions = st.lists(
    st.one_of(
        st.tuples(
            st.just("move"), st.integers(min_value=-30, max_value=30), st.integers(min_value=1, max_value=240)
        ),
        st.tuples(st.just("cancel"), st.just(0), st.just(0)),
        st.tuples(st.just("invite"), st.just(0), st.just(0)),
    ),
    min_size=1,
    max_size=12,
)


@settings(database=None, max_examples=60, deadline=None)
@given(actions, st.lists(st.integers(min_value=0, max_value=86_400), min_size=12, max_size=12))
def test_over_any_moves_and_cancellations_the_uid_stays_and_the_sequence_strictly_increases(
    steps: list[tuple[str, int, int]], gaps: list[int]
) -> None:
    uid = "zod-stuurgroep-20240628@regiodeal-zod.nl"
    tracker = InviteTracker(uid, ORGANIZER, ATTENDEES, summary="Stuurgroep", start=START, end=END)
    stamp = STAMP
    sent = [parse(tracker.invite(stamp))]
    for (action, days, minutes), gap in zip(steps, gaps, strict=False):
        stamp += timedelta(seconds=gap)
        was_cancelled = tracker.cancelled
        if action == "move":
            start = START + timedelta(days=days)
            data = tracker.move(start, start + timedelta(minutes=minutes), stamp)
        elif action == "cancel":
            data = tracker.cancel(stamp)
        else:
            data = tracker.invite(stamp)
            if not was_cancelled:
                continue  # sending the same version again: same SEQUENCE by design
        calendar, event = parse(data)
        expected_method = "CANCEL" if action == "cancel" else "REQUEST"
        assert str(calendar["METHOD"]) == expected_method
        assert (str(event["STATUS"]) == "CANCELLED") == (action == "cancel")
        assert event.decoded("DTSTAMP") == stamp.replace(microsecond=0)
        sent.append((calendar, event))
    assert {str(event["UID"]) for _, event in sent} == {uid}
    sequences = [event["SEQUENCE"] for _, event in sent]
    assert all(a < b for a, b in pairwise(sequences))
    assert sequences[-1] == tracker.sequence


def test_an_all_day_invite_is_possible_for_a_week_only_meeting() -> None:
    config = calendar_config(raw_config())
    meeting = next(m for m in expand(config, 2024) if m.gremium == "den_haag_zod")
    _, event = parse(
        meeting_invite(config, meeting, sequence=0, dtstamp=STAMP, method="REQUEST", attendees=ATTENDEES)
    )
    assert event.decoded("DTSTART") == date(2024, 2, 26)
    assert str(event["UID"]) == "zod-den_haag_zod-2024-w09@regiodeal-zod.nl"
