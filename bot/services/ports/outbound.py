"""What the core wants to tell someone: written to the outbox in the same transaction as the change.

Delivery happens later, from the outbox, with retries; the key makes delivery idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class OutboundMessage:
    key: str
    recipient: str
    subject: str
    body: str
    channel: str = "mail"
    payload: dict[str, Any] = field(default_factory=dict)
