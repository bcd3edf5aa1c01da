"""The outbox contract: the row a channel delivers, the channel, and the error a delivery raises.

The services write outbox rows, `scheduling.outbox` claims and retries them, and every adapter in
`integrations` and the chat front ends delivers them: all three meet here. Adapters wrap library
errors in `DeliveryError` with `raise ... from`, so callers never depend on a library's exception types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol


class DeliveryError(Exception):
    """A message could not be delivered. `permanent` means retrying will not help; `deferred` means
    nothing was sent (the channel holds the whole mailbox back until `retry_after` seconds have
    passed), so the outbox gives the message back without counting an attempt."""

    def __init__(self, reason: str, *, permanent: bool = False, retry_after: float | None = None,
                 deferred: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after
        self.deferred = deferred and not permanent


@dataclass(frozen=True)
class OutboxItem:
    id: int
    key: str
    channel: str
    recipient: str
    subject: str
    body: str
    payload: dict[str, Any]
    attempts: int
    created_at: datetime
    failing_since: datetime | None = None  # first failure of the current series of tries (scheduling.retry)


class Channel(Protocol):
    name: str

    def deliver(self, item: OutboxItem) -> None: ...
    def check(self) -> tuple[bool, str]: ...
