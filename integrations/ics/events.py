"""Building VEVENTs and VCALENDARs the one way vaart writes them.

Both the published calendars and the invites go through here, so the rules from the
architecture's pitfalls hold everywhere: a single meeting is written in UTC; a series is written
in Europe/Amsterdam wall-clock time with RRULE/EXDATE/RDATE and the hand-written RRULE-style
VTIMEZONE; an entry of which only the week is known is an all-day, transparent event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from icalendar import Calendar, Event

from bot.domain.timezone import AMSTERDAM, require_aware
from integrations.ics.vtimezone import amsterdam_vtimezone

PRODID = "-//vaart//Regio Deal vergaderkalender//NL"
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Recurrence:
    """A weekly series: every ``interval_weeks`` weeks on ``weekday`` (0 = Monday) until ``until``,
    without ``exdates`` and with ``rdates``; all aware datetimes (written in Europe/Amsterdam)."""

    interval_weeks: int
    weekday: int
    until: datetime
    exdates: tuple[datetime, ...] = ()
    rdates: tuple[datetime, ...] = ()


def _local(moment: datetime) -> datetime:
    return require_aware(moment).astimezone(AMSTERDAM)


def _utc(moment: datetime) -> datetime:
    return require_aware(moment).astimezone(UTC)


def build_event(
    *,
    uid: str,
    dtstamp: datetime,
    summary: str,
    start: datetime | date,
    end: datetime | date,
    description: str = "",
    location: str = "",
    sequence: int = 0,
    recurrence: Recurrence | None = None,
    status: str | None = None,
    transparent: bool = False,
) -> Event:
    """One VEVENT. *start*/*end* are aware datetimes, or dates for an all-day entry."""
    if not uid or any(ch.isspace() for ch in uid):
        raise ValueError(f"a UID is non-empty and has no white space: {uid!r}")
    if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 0:
        raise ValueError(f"SEQUENCE is a whole number, 0 or more: {sequence!r}")
    timed = isinstance(start, datetime)
    if timed != isinstance(end, datetime):
        raise ValueError("start and end are both datetimes or both dates")
    if end <= start:
        raise ValueError(f"end ({end}) is not after start ({start})")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _utc(dtstamp).replace(microsecond=0))
    event.add("sequence", sequence)
    event.add("summary", summary)
    if isinstance(start, datetime) and isinstance(end, datetime):
        if recurrence is None:
            event.add("dtstart", _utc(start))
            event.add("dtend", _utc(end))
        else:
            event.add("dtstart", _local(start))
            event.add("dtend", _local(end))
            rule = {
                "freq": "weekly",
                "interval": recurrence.interval_weeks,
                "byday": _BYDAY[recurrence.weekday],
                "until": _utc(recurrence.until),
            }
            event.add("rrule", rule)
            if recurrence.exdates:
                event.add("exdate", [_local(d) for d in recurrence.exdates])
            if recurrence.rdates:
                event.add("rdate", [_local(d) for d in recurrence.rdates])
    else:
        if recurrence is not None:
            raise ValueError("an all-day entry cannot be a series")
        event.add("dtstart", start)
        event.add("dtend", end)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if status is not None:
        event.add("status", status)
    event.add("transp", "TRANSPARENT" if transparent else "OPAQUE")
    return event


def uses_local_time(events: Sequence[Event]) -> bool:
    """Whether any event starts in local time (a series): then the calendar needs the VTIMEZONE."""
    for event in events:
        start = event.get("DTSTART")
        if start is not None and "TZID" in start.params:
            return True
    return False


def build_calendar(
    events: Sequence[Event], *, method: str | None = None, name: str | None = None
) -> Calendar:
    """A VCALENDAR around *events*, with the VTIMEZONE when one of them is in local time, and also
    when there are none: RFC 5545 3.6 wants at least one component, so the calendar of a gremium
    without meetings (an export, a feed) holds the programme's time zone and stays valid."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method is not None:
        calendar.add("method", method)
    if name is not None:
        calendar.add("x-wr-calname", name)
    if not events or uses_local_time(events):
        calendar.add_component(amsterdam_vtimezone())
    for event in events:
        calendar.add_component(event)
    return calendar
