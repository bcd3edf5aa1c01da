"""Dead letters: telling the staf, listing the outbox and sending a dead message again.

A message that cannot be delivered (a bad address, a mailbox without permission, an expired
secret, a body too large, or too many failed attempts) is dead-lettered with its reason. The
staf hear about it through the outbox itself, in the same transaction that marks the row dead,
so the notice is neither lost nor sent for a row that did not die. A notice that dies itself
raises no further notice. `vaart outbox list` and `vaart outbox retry ID` are built on this.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.domain.errors import Refused
from bot.messages import render
from bot.services.ports.outbox import OutboxItem
from scheduling.outbox import DeadLetterHook
from storage import tables

log = logging.getLogger("vaart.outbox")
NOTICE_KIND = "outbox.dead"
STAF_ROLE = "staf"
STATUSES = ("pending", "sent", "dead")


def staf_notifier(channel: str, default_language: str = "nl") -> DeadLetterHook:
    """A hook for `OutboxRunner(on_dead=...)`: one outbox message per staf member about the dead row."""

    def notify(conn: Connection, item: OutboxItem, reason: str, now: datetime) -> None:
        if item.payload.get("kind") == NOTICE_KIND:
            log.error("outbox notice %s to the staf could not be delivered: %s", item.key, reason)
            return
        p = tables.people.c
        staf = [
            (row.email, row.language or default_language)
            for row in conn.execute(select(p.email, p.roles, p.language).order_by(p.email))
            if STAF_ROLE in (row.roles or [])
        ]
        if not staf:
            log.error("outbox %s is dead and nobody has the role %r to be told", item.key, STAF_ROLE)
            return
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        stamp = now.isoformat(timespec="microseconds")
        for email, lang in staf:
            params = {
                "id": item.id,
                "recipient": item.recipient,
                "subject": item.subject,
                "reason": reason,
                "attempts": item.attempts + 1,
            }
            conn.execute(
                insert(tables.outbox)
                .values(
                    key=f"dead:{item.id}:{stamp}:{email}"[:200],
                    channel=channel,
                    recipient=email,
                    subject=render("delivery.dead.subject", lang, subject=item.subject)[:300],
                    body=render("delivery.dead", lang, **params),
                    payload={"kind": NOTICE_KIND, "outbox_id": item.id, "reason": reason[:500]},
                    created_at=now,
                    status="pending",
                    attempts=0,
                    next_attempt_at=now,
                )
                .on_conflict_do_nothing(index_elements=["key"])
            )

    return notify


@dataclass(frozen=True)
class OutboxRow:
    id: int
    key: str
    channel: str
    recipient: str
    subject: str
    status: str
    attempts: int
    created_at: datetime
    next_attempt_at: datetime
    last_error: str | None
    sent_at: datetime | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "channel": self.channel,
            "recipient": self.recipient,
            "subject": self.subject,
            "status": self.status,
            "attempts": self.attempts,
            "created_at": self.created_at.isoformat(),
            "next_attempt_at": self.next_attempt_at.isoformat(),
            "last_error": self.last_error,
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
        }


_COLUMNS = (
    "id",
    "key",
    "channel",
    "recipient",
    "subject",
    "status",
    "attempts",
    "created_at",
    "next_attempt_at",
    "last_error",
    "sent_at",
)


def outbox_rows(engine: Engine, status: str | None = None, limit: int = 1000) -> list[OutboxRow]:
    """The outbox, newest first, optionally only one status."""
    t = tables.outbox
    query = select(*(t.c[name] for name in _COLUMNS)).order_by(t.c.id.desc()).limit(limit)
    if status is not None:
        query = query.where(t.c.status == status)
    with engine.connect() as conn:
        return [OutboxRow(**row) for row in conn.execute(query).mappings()]


def retry_dead(engine: Engine, message_id: int, now: datetime) -> OutboxRow:
    """Send a dead message again: pending, due now, attempts from zero; the last error stays visible."""
    t = tables.outbox
    with engine.begin() as conn:
        row = conn.execute(select(*(t.c[name] for name in _COLUMNS)).where(t.c.id == message_id)).mappings().first()
        if row is None:
            raise Refused("outbox.not_found", id=message_id)
        if row["status"] != "dead":
            raise Refused("outbox.not_dead", id=message_id, status=row["status"])
        conn.execute(
            update(t)
            .where(t.c.id == message_id, t.c.status == "dead")
            .values(status="pending", attempts=0, next_attempt_at=now, claimed_until=None)
        )
    log.info("outbox %s (%s) put back for delivery", message_id, row["key"])
    return OutboxRow(**{**row, "status": "pending", "attempts": 0, "next_attempt_at": now})


def counts(engine: Engine, statuses: Sequence[str] = STATUSES) -> dict[str, int]:
    t = tables.outbox
    with engine.connect() as conn:
        found = {r[0]: int(r[1]) for r in conn.execute(select(t.c.status, func.count()).group_by(t.c.status))}
    return {status: found.get(status, 0) for status in statuses}
