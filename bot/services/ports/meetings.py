"""The ports of the meetings area: a repository of meetings, agenda items, reminder rows and feed
tokens, reached through the same unit of work as ideas and people so an agenda change, its audit
entry and its invitations commit together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol, cast

from bot.domain.meetings import AgendaItem, MeetingRecord
from bot.services.ports.unit_of_work import UnitOfWork

ROLE_PREFIX = "rol:"  # a reminder for a role: whoever holds it when the reminder falls due


@dataclass(frozen=True)
class ReminderRow:
    """A reminder to be sent: *recipient* is an e-mail address or "rol:<role>" (resolved when sent)."""

    key: str
    recipient: str
    kind: str
    step: str
    due_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)


class MeetingRepository(Protocol):
    def add(self, meeting: MeetingRecord) -> MeetingRecord: ...
    def save(self, meeting: MeetingRecord) -> None: ...
    def get(self, uid: str) -> MeetingRecord | None: ...
    def by_id(self, meeting_id: int) -> MeetingRecord | None: ...
    def existing_uids(self, uids: Iterable[str]) -> set[str]: ...
    def on_day(self, day: date, gremium: str | None = None) -> list[MeetingRecord]: ...
    def between(
        self, first: date, last: date, gremium: str | None = None, include_cancelled: bool = True,
        limit: int | None = None,
    ) -> list[MeetingRecord]: ...
    def of_gremium(self, gremium: str) -> list[MeetingRecord]: ...
    def agenda(self, meeting_id: int) -> list[AgendaItem]: ...
    def add_agenda_item(self, item: AgendaItem) -> bool: ...
    def move_agenda(self, from_meeting: int, to_meeting: int) -> list[str]: ...
    def drop_from_agenda(self, reference: str, after: datetime) -> list[date]: ...
    def plan_reminders(self, meeting_id: int, rows: Sequence[ReminderRow]) -> int: ...
    def drop_unsent_reminders(self, meeting_id: int) -> int: ...
    def feed_token(self, gremium: str) -> str | None: ...
    def set_feed_token(self, gremium: str, token: str, at: datetime) -> None: ...


class MeetingUnitOfWork(UnitOfWork, Protocol):
    @property
    def meetings(self) -> MeetingRepository: ...


def meeting_uow(uow: UnitOfWork) -> MeetingUnitOfWork:
    """The unit of work as the meetings area sees it (the store's unit of work offers `meetings`)."""
    if not hasattr(uow, "meetings"):
        raise TypeError(f"{type(uow).__name__} has no meetings repository")
    return cast(MeetingUnitOfWork, uow)
