"""The port the Outlook channel needs from the store: which calendar event carries a meeting's
invitations (Graph event id and iCalUId per mailbox and UID), so updates and the cancellation go
to the same event instead of making a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class EventLink:
    mailbox: str
    uid: str
    event_id: str
    ical_uid: str
    sequence: int
    cancelled: bool


class EventLinks(Protocol):
    def get(self, mailbox: str, uid: str) -> EventLink | None: ...
    def save(self, link: EventLink, at: datetime) -> None: ...
