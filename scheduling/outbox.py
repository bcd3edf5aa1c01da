"""The outbox runner: delivers what the core committed, with retries, and never twice.

Rows are claimed with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite transactions hold the
write lock from BEGIN IMMEDIATE) by a query that walks only the waiting rows (`due_query`),
delivered outside any transaction, then marked sent or
rescheduled with exponential backoff; after `max_attempts` a row is dead-lettered with its
reason for the staf to see and retry. A row whose lease runs out (a killed worker) is claimed
again; channels deliver idempotently by the row's key. A per-mailbox rate limit (messages per
sliding minute) gives rows back without using an attempt, and `on_dead` runs in the transaction
that marks a row dead, so the staf's notice commits with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, Select, and_, func, literal_column, or_, select, update

from bot.services.ports import Clock
from integrations.errors import DeliveryError
from scheduling.rate import SlidingWindowLimiter
from storage import tables
from storage.engine import reader

log = logging.getLogger("vaart.outbox")


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


class Channel(Protocol):
    name: str

    def deliver(self, item: OutboxItem) -> None: ...
    def check(self) -> tuple[bool, str]: ...


@dataclass
class RunReport:
    sent: list[OutboxItem] = field(default_factory=list)
    retried: list[OutboxItem] = field(default_factory=list)
    dead: list[OutboxItem] = field(default_factory=list)
    deferred: list[OutboxItem] = field(default_factory=list)  # held back by a rate limit, no attempt used


# Called in the transaction that marks a row dead (e.g. to tell the staf through the outbox).
DeadLetterHook = Callable[[Connection, OutboxItem, str, datetime], None]


class OutboxRunner:
    def __init__(
        self,
        engine: Engine,
        channels: Mapping[str, Channel],
        clock: Clock,
        *,
        max_attempts: int = 8,
        base_delay: timedelta = timedelta(seconds=30),
        lease: timedelta = timedelta(minutes=5),
        batch: int = 50,
        rate_limits: Mapping[str, float] | None = None,
        on_dead: DeadLetterHook | None = None,
    ) -> None:
        self.engine = engine
        self.channels = channels
        self.clock = clock
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.lease = lease
        self.batch = batch
        # per outbox channel name: messages per minute, counted per mailbox (the channel's `mailbox`):
        # channel names that send from one mailbox share one window
        self.limiters: dict[str, SlidingWindowLimiter] = {}
        windows: dict[str, SlidingWindowLimiter] = {}
        for name, rate in (rate_limits or {}).items():
            if rate > 0 and name in channels:
                mailbox = _mailbox(channels[name], name)
                self.limiters[name] = windows.setdefault(mailbox, SlidingWindowLimiter(rate))
        self.on_dead = on_dead

    def claim(self) -> list[OutboxItem]:
        now = self.clock.now()
        t = tables.outbox
        c = t.c
        due = due_query(now, self.batch)
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                due = due.with_for_update(skip_locked=True)
            ids = [row.id for row in conn.execute(due)]
            if not ids:
                return []
            conn.execute(update(t).where(c.id.in_(ids)).values(claimed_until=now + self.lease))
            rows = conn.execute(select(t).where(c.id.in_(ids)).order_by(c.id)).mappings().all()
        return [
            OutboxItem(
                id=r["id"],
                key=r["key"],
                channel=r["channel"],
                recipient=r["recipient"],
                subject=r["subject"],
                body=r["body"],
                payload=dict(r["payload"] or {}),
                attempts=r["attempts"],
                created_at=r["created_at"],
            )
            for r in rows
        ]

    def run_once(self, parallel: int = 1) -> RunReport:
        """Claim one batch and deliver it. Returns what happened to each message.

        With *parallel* > 1 the batch's recipients are served side by side (threads; every channel
        is thread-safe, and a chat channel's pacing per conversation then holds up only that
        recipient), each recipient's messages one after the other in the order they were written.
        """
        items = self.claim()
        if parallel <= 1 or len(items) <= 1:
            report = RunReport()
            for item in items:
                self._deliver(item, report)
            return report
        groups: dict[str, list[OutboxItem]] = {}
        for item in items:
            groups.setdefault(item.recipient.lower(), []).append(item)
        with ThreadPoolExecutor(max_workers=min(parallel, len(groups)), thread_name_prefix="outbox") as pool:
            reports = list(pool.map(self._deliver_all, groups.values()))
        total = RunReport()
        for part in reports:
            total.sent += part.sent
            total.retried += part.retried
            total.dead += part.dead
            total.deferred += part.deferred
        return total

    def _deliver_all(self, items: list[OutboxItem]) -> RunReport:
        report = RunReport()
        for item in items:
            self._deliver(item, report)
        return report

    def _deliver(self, item: OutboxItem, report: RunReport) -> None:
        channel = self.channels.get(item.channel)
        try:
            if channel is None:
                raise DeliveryError(f"no channel configured for '{item.channel}'", permanent=True)
            if self._held_back(item, channel, report):
                return
            channel.deliver(item)
        except DeliveryError as error:
            self._failed(item, error.reason, error.permanent, error.retry_after, report)
            return
        self._mark(item, status="sent", sent_at=self.clock.now(), claimed_until=None, last_error=None)
        report.sent.append(item)

    def _held_back(self, item: OutboxItem, channel: Channel, report: RunReport) -> bool:
        """Over the mailbox's rate: give the row back, due when the window has room, no attempt used."""
        limiter = self.limiters.get(item.channel)
        if limiter is None:
            return False
        now = self.clock.now()
        wait = limiter.take(_mailbox(channel, item.channel), now)
        if wait is None:
            return False
        self._mark(item, next_attempt_at=now + wait, claimed_until=None)
        report.deferred.append(item)
        return True

    def drain(self, rounds: int = 100, parallel: int = 1) -> RunReport:
        """Deliver until nothing is due (bounded). Used by the worker, the console and tests."""
        total = RunReport()
        for _ in range(rounds):
            report = self.run_once(parallel)
            total.sent += report.sent
            total.retried += report.retried
            total.dead += report.dead
            total.deferred += report.deferred
            if not (report.sent or report.retried or report.dead):
                break
        return total

    def _failed(
        self, item: OutboxItem, reason: str, permanent: bool, retry_after: float | None, report: RunReport
    ) -> None:
        attempts = item.attempts + 1
        if permanent or attempts >= self.max_attempts:
            log.warning("outbox %s dead after %d attempts: %s", item.key, attempts, reason)
            with self.engine.begin() as conn:
                conn.execute(
                    update(tables.outbox)
                    .where(tables.outbox.c.id == item.id)
                    .values(status="dead", attempts=attempts, last_error=reason[:2000], claimed_until=None)
                )
                if self.on_dead is not None:
                    self.on_dead(conn, item, reason, self.clock.now())
            report.dead.append(item)
            return
        delay = self.base_delay * (2 ** (attempts - 1))
        if retry_after is not None:
            delay = max(delay, timedelta(seconds=retry_after))
        log.info("outbox %s attempt %d failed, retry in %s: %s", item.key, attempts, delay, reason)
        self._mark(
            item,
            attempts=attempts,
            last_error=reason[:2000],
            next_attempt_at=self.clock.now() + delay,
            claimed_until=None,
        )
        report.retried.append(item)

    def _mark(self, item: OutboxItem, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(tables.outbox).where(tables.outbox.c.id == item.id).values(**values))


def due_query(now: datetime, batch: int) -> Select[tuple[int]]:
    """The ids of the next *batch* messages due, in the order they were written.

    Walks the partial index of the waiting rows (`ix_outbox_pending`, id order) and stops after
    *batch*: however many messages were ever sent, and whatever statistics the planner has
    gathered (on SQLite the index is named, so the plan cannot turn into a walk over every row).
    The status is a literal, not a parameter, so the planner can see the partial index applies.
    """
    c = tables.outbox.c
    return (
        select(c.id)
        .with_hint(tables.outbox, "INDEXED BY ix_outbox_pending", "sqlite")
        .where(
            and_(
                c.status == literal_column("'pending'"),
                c.next_attempt_at <= now,
                or_(c.claimed_until.is_(None), c.claimed_until < now),
            )
        )
        .order_by(c.id)
        .limit(batch)
    )


def waiting(engine: Engine) -> tuple[int, datetime | None]:
    """How many messages wait (due or not) and when the first of them is due (index range only)."""
    c = tables.outbox.c
    with reader(engine).connect() as conn:
        count, first = conn.execute(
            select(func.count(), func.min(c.next_attempt_at)).where(c.status == literal_column("'pending'"))
        ).one()
    return int(count), first


def _mailbox(channel: Channel, name: str) -> str:
    return str(getattr(channel, "mailbox", name)).lower()
