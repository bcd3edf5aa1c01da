"""The port for calendar files: what the meetings service asks of the ICS adapter (`integrations.ics`).

The service decides what a meeting's invitation or published calendar says (UID, SEQUENCE, times,
the words); the adapter writes it as iCalendar: iTIP REQUEST/CANCEL for invitations, a plain
calendar for feeds and exports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol


class InviteMethod(StrEnum):
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


@dataclass(frozen=True)
class Participant:
    """An organizer or attendee: e-mail address and, optionally, the name shown."""

    email: str
    name: str = ""


@dataclass(frozen=True)
class CalendarEntry:
    """One meeting as a calendar entry: aware datetimes, or dates for an all-day (week-only) entry."""

    uid: str
    dtstamp: datetime
    summary: str
    start: datetime | date
    end: datetime | date
    description: str = ""
    location: str = ""
    sequence: int = 0
    status: str = "CONFIRMED"
    transparent: bool = False


class CalendarFiles(Protocol):
    def invite(
        self,
        entry: CalendarEntry,
        method: InviteMethod,
        organizer: Participant,
        attendees: Sequence[Participant],
        language: str | None = None,
    ) -> bytes: ...
    def calendar(self, entries: Sequence[CalendarEntry], name: str) -> bytes: ...
