"""A meeting in the store and the rules for changing it: moving and cancelling.

The vergaderkalender (`bot.domain.series`) says when gremia meet; once a meeting is in the store
it has a life of its own: it can be moved or cancelled, and every such change is a new version of
its invitation (same UID, SEQUENCE + 1, a fresh DTSTAMP). This module holds that state and refuses
changes that make no sense (a move into the past or onto a day nobody works, changing a cancelled
meeting) before anything is changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.domain.assessment import DomainEvent
from bot.domain.errors import Refused
from bot.domain.timezone import require_aware, to_local


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"
    MOVED = "moved"
    CANCELLED = "cancelled"


@dataclass
class MeetingRecord:
    """One dated meeting of a gremium, with the version of its invitation."""

    uid: str
    gremium: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    title: str
    dtstamp: datetime
    created_at: datetime
    week_only: bool = False
    location: str = ""
    agenda: str = ""
    sequence: int = 0
    status: str = MeetingStatus.SCHEDULED.value
    invited_sequence: int | None = None
    assumed: bool = False  # dated by a meeting rule marked as an assumption, until the staf moves it
    id: int | None = None

    @property
    def day(self) -> date:
        return to_local(self.starts_at).date()

    @property
    def cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED.value

    @property
    def needs_invite(self) -> bool:
        """Whether the attendees have not yet seen the current version."""
        return self.invited_sequence is None or self.invited_sequence < self.sequence

    def move(self, starts_at: datetime, ends_at: datetime, now: datetime, closed_reason: str | None) -> DomainEvent:
        """A new time. *closed_reason* says why the new day is not a working day (None: it is one)."""
        require_aware(starts_at)
        require_aware(ends_at)
        if self.cancelled:
            raise Refused("meeting.cancelled", uid=self.uid, date=self.day.isoformat())
        if ends_at <= starts_at:
            raise Refused("meeting.end_before_start", start=_hm(starts_at), end=_hm(ends_at))
        if starts_at <= now:
            raise Refused("meeting.move_into_past", date=to_local(starts_at).date().isoformat())
        if closed_reason is not None:
            raise Refused("meeting.closed_day", date=to_local(starts_at).date().isoformat(), reason=closed_reason)
        if starts_at == self.starts_at and ends_at == self.ends_at and not self.week_only:
            raise Refused("meeting.unchanged", date=self.day.isoformat())
        before = self.day
        self.starts_at, self.ends_at = starts_at, ends_at
        self.week_only = False  # once a date is given, the meeting is no longer "week only"
        self.assumed = False  # nor the rule's assumption: the staf chose this date
        self._new_version(MeetingStatus.MOVED, now)
        return DomainEvent("meeting_moved", {"from": before.isoformat(), "to": self.day.isoformat(),
                                             "sequence": self.sequence})

    def cancel(self, now: datetime) -> DomainEvent:
        if self.cancelled:
            raise Refused("meeting.cancelled", uid=self.uid, date=self.day.isoformat())
        if self.ends_at <= now:
            raise Refused("meeting.in_past", date=self.day.isoformat())
        self._new_version(MeetingStatus.CANCELLED, now)
        return DomainEvent("meeting_cancelled", {"date": self.day.isoformat(), "sequence": self.sequence})

    def _new_version(self, status: MeetingStatus, now: datetime) -> None:
        self.status = status.value
        self.sequence += 1
        self.dtstamp = max(require_aware(now), self.dtstamp)


@dataclass
class AgendaItem:
    """A proposal on the agenda of a stuurgroep meeting; *late* ones were admitted explicitly."""

    meeting_id: int
    idea_reference: str
    late: bool
    added_at: datetime
    admitted_by: str | None = None
    id: int | None = None


def _hm(moment: datetime) -> str:
    return to_local(moment).strftime("%H:%M")
