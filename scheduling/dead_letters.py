"""Dead letters: telling the staf, listing the outbox and sending dead messages again.

A message that cannot be delivered (a bad address, a mailbox without permission, an expired
secret, a body too large, or a relay that stayed down past the retry horizon) is dead-lettered
with its reason. The staf hear about it through the outbox itself, in the same transaction that
marks the row dead, so the notice is neither lost nor sent for a row that did not die. Notices
are bundled: a staf member has at most one open notice (pending, not being delivered); a new
dead letter joins it, and a new notice waits `window` (15 minutes) for others to join, so an
outage that kills 46 mails gives each staf member one notice, not 46. A notice that dies itself
raises no further notice. `vaart outbox list` and `vaart outbox retry ID | --all [--since]` are
built on this.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, or_, select, update
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
NOTICE_WINDOW = timedelta(minutes=15)
NOTICE_KEY = "dead:"  # every notice's key starts so
LISTED = 25  # dead letters named one by one in a notice; the rest are counted


def staf_notifier(channel: str, default_language: str = "nl", window: timedelta = NOTICE_WINDOW) -> DeadLetterHook:
    """A hook for `OutboxRunner(on_dead=...)`: the dead row joins each staf member's open notice."""

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
        dead = {"id": item.id, "recipient": item.recipient, "subject": item.subject[:200],
                "reason": reason[:300], "attempts": item.attempts + 1}
        for email, lang in staf:
            if not _join(conn, email, lang, dead, now):
                _open(conn, channel, email, lang, dead, now, window)

    return notify


def _join(conn: Connection, email: str, lang: str, dead: dict[str, Any], now: datetime) -> bool:
    """Add *dead* to *email*'s open notice; False when there is none (or it is being delivered)."""
    o = tables.outbox.c
    free = or_(o.claimed_until.is_(None), o.claimed_until < now)
    found = conn.execute(
        select(o.id, o.payload).where(o.bundle == _bundle(email), o.status == "pending", free)
        .order_by(o.id.desc()).limit(1)
    ).first()
    if found is None:
        return False
    payload = dict(found.payload or {})
    listed = [*payload.get("dead", []), dead][:LISTED]
    count = int(payload.get("count", len(payload.get("dead", [])))) + 1
    payload.update(dead=listed, count=count, outbox_ids=[*payload.get("outbox_ids", []), dead["id"]][-1000:])
    subject, body = _notice(lang, listed, count)
    changed = conn.execute(
        update(tables.outbox).where(o.id == found.id, o.status == "pending", free)
        .values(subject=subject, body=body, payload=payload)
    ).rowcount
    return bool(changed)  # 0: a runner claimed it in the meantime; a new notice follows


def _open(conn: Connection, channel: str, email: str, lang: str, dead: dict[str, Any], now: datetime,
          window: timedelta) -> None:
    subject, body = _notice(lang, [dead], 1)
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stamp = now.isoformat(timespec="microseconds")
    conn.execute(
        insert(tables.outbox)
        .values(
            key=f"{NOTICE_KEY}{dead['id']}:{stamp}:{email}"[:200],
            channel=channel,
            recipient=email,
            subject=subject,
            body=body,
            payload={"kind": NOTICE_KIND, "dead": [dead], "count": 1, "outbox_ids": [dead["id"]]},
            created_at=now,
            status="pending",
            attempts=0,
            next_attempt_at=now + window,  # others that die meanwhile join this notice
            bundle=_bundle(email),
        )
        .on_conflict_do_nothing(index_elements=["key"])
    )


def _bundle(email: str) -> str:
    return f"dead:{email}"[:200]


def _notice(lang: str, listed: Sequence[dict[str, Any]], count: int) -> tuple[str, str]:
    """Subject and body of a notice about *count* dead letters, the first of them *listed*."""
    if count == 1:
        one = listed[0]
        return (render("delivery.dead.subject", lang, subject=one["subject"])[:300],
                render("delivery.dead", lang, **one))
    lines = [render("delivery.dead_bundle", lang, count=count)]
    lines += [render("delivery.dead_line", lang, **entry) for entry in listed]
    if count > len(listed):
        lines.append(render("delivery.dead_more", lang, more=count - len(listed)))
    lines.append(render("delivery.dead_bundle_fix", lang, first=min(e["id"] for e in listed)))
    return render("delivery.dead_bundle.subject", lang, count=count)[:300], "\n".join(lines)


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
            .values(status="pending", attempts=0, next_attempt_at=now, claimed_until=None, claimed_by=None,
                    failing_since=None)
        )
    log.info("outbox %s (%s) put back for delivery", message_id, row["key"])
    return OutboxRow(**{**row, "status": "pending", "attempts": 0, "next_attempt_at": now})


@dataclass(frozen=True)
class RetriedAll:
    dead: int  # dead letters put back, with a fresh retry horizon
    waiting: int  # failing messages that were waiting for their next try, now due


def retry_all(engine: Engine, now: datetime, since: datetime | None = None) -> RetriedAll:
    """After fixing the cause (the relay is back): every dead message again, and the waiting ones now.

    With *since*, only messages failing (or, from before vaart kept that, made) since then. The
    staf's own notices about dead letters are not sent again: they would announce what is retried.
    """
    o = tables.outbox.c
    started = func.coalesce(o.failing_since, o.created_at)
    recent = [started >= since] if since is not None else []
    with engine.begin() as conn:
        dead = conn.execute(
            update(tables.outbox)
            .where(o.status == "dead", o.key.not_like(f"{NOTICE_KEY}%"), *recent)
            .values(status="pending", attempts=0, next_attempt_at=now, claimed_until=None, claimed_by=None,
                    failing_since=None)
        ).rowcount
        waiting = conn.execute(
            update(tables.outbox)
            .where(o.status == "pending", o.attempts > 0, o.next_attempt_at > now, *recent)
            .values(next_attempt_at=now)
        ).rowcount
    log.info("outbox: %d dead messages put back, %d waiting ones due now", dead, waiting)
    return RetriedAll(int(dead), int(waiting))


def counts(engine: Engine, statuses: Sequence[str] = STATUSES) -> dict[str, int]:
    t = tables.outbox
    with engine.connect() as conn:
        found = {r[0]: int(r[1]) for r in conn.execute(select(t.c.status, func.count()).group_by(t.c.status))}
    return {status: found.get(status, 0) for status in statuses}
