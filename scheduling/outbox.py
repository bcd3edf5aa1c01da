"""The outbox runner: delivers what the core committed, with retries, and never twice.

Rows are claimed with a lease in the runner's name (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite
transactions hold the write lock from BEGIN IMMEDIATE) by a query that walks only the waiting rows
(`due_query`), delivered outside any transaction, then
marked sent or rescheduled by the retry policy (`scheduling.retry`: exponential backoff up to 15
minutes, for one working day after the first failure by default); after that, or on a permanent
failure, a row is dead-lettered with its reason for the staf to see and retry. A row whose lease
runs out is claimed again, and a new leader frees the rows of the worker whose lock it took over at
once (`release_claims`); channels deliver idempotently by the row's key. A per-mailbox rate limit
(messages per sliding minute) gives rows back without using an attempt, and so does a channel that
sent nothing because its mailbox is throttled (a deferred `DeliveryError`); `on_dead` runs in the
transaction that marks a row dead, so the staf's notice commits with it.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Select, and_, func, literal_column, or_, select, update

from bot.services.ports.outbox import Channel, DeliveryError, OutboxItem
from bot.services.ports.unit_of_work import Clock
from scheduling.rate import SlidingWindowLimiter
from scheduling.retry import RetryPolicy
from storage import tables
from storage.engine import reader

log = logging.getLogger("vaart.outbox")


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
        retry: RetryPolicy | None = None,
        max_attempts: int | None = None,
        base_delay: timedelta | None = None,
        lease: timedelta = timedelta(minutes=5),
        batch: int = 50,
        rate_limits: Mapping[str, float] | None = None,
        on_dead: DeadLetterHook | None = None,
        owner: str | None = None,
    ) -> None:
        self.engine = engine
        self.channels = channels
        self.clock = clock
        policy = retry or RetryPolicy()
        if max_attempts is not None:
            policy = replace(policy, max_attempts=max_attempts)
        if base_delay is not None:
            policy = replace(policy, base_delay=base_delay)
        self.retry = policy
        self.lease = lease
        # whose lease a claimed row is under: the worker's leader lock holder uses the same name
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}"
        # a leader that lost its lock stops between two messages (set by scheduling.worker)
        self.keep_going: Callable[[], bool] = lambda: True
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
            conn.execute(update(t).where(c.id.in_(ids)).values(claimed_until=now + self.lease, claimed_by=self.owner))
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
                failing_since=r["failing_since"],
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
        if not self.keep_going():  # this runner's worker no longer leads: another one takes over
            self._give_back(item)
            report.deferred.append(item)
            return
        channel = self.channels.get(item.channel)
        try:
            if channel is None:
                raise DeliveryError(f"no channel configured for '{item.channel}'", permanent=True)
            if self._held_back(item, channel, report):
                return
            channel.deliver(item)
        except DeliveryError as error:
            if error.deferred:  # nothing was sent (a throttled mailbox): back later, no attempt used
                wait = timedelta(seconds=error.retry_after) if error.retry_after else self.retry.base_delay
                self._mark(item, next_attempt_at=self.clock.now() + wait, claimed_until=None, claimed_by=None,
                           last_error=error.reason[:2000])
                report.deferred.append(item)
                return
            self._failed(item, error.reason, error.permanent, error.retry_after, report)
            return
        self._mark(item, status="sent", sent_at=self.clock.now(), claimed_until=None, claimed_by=None, last_error=None)
        report.sent.append(item)

    def _give_back(self, item: OutboxItem) -> None:
        """Undo our claim on *item*, unless another runner holds it by now."""
        c = tables.outbox.c
        with self.engine.begin() as conn:
            conn.execute(update(tables.outbox).where(c.id == item.id, c.claimed_by == self.owner)
                         .values(claimed_until=None, claimed_by=None))

    def release_claims(self, owner: str) -> int:
        """Free the pending rows *owner* had claimed: it is gone (its leader lock came free).

        Called by a new leader at takeover, so a killed worker's rows go out now instead of after
        the lease. Rows already marked sent or dead are untouched; a row the dead worker had sent
        but not yet marked is sent again (at-least-once, same Message-ID: see the kill test).
        """
        c = tables.outbox.c
        with self.engine.begin() as conn:
            released = conn.execute(
                update(tables.outbox)
                .where(c.status == "pending", c.claimed_by == owner, c.claimed_until.is_not(None))
                .values(claimed_until=None, claimed_by=None)
            ).rowcount
        if released:
            log.info("outbox: %d rows claimed by %s released", released, owner)
        return int(released)

    def _held_back(self, item: OutboxItem, channel: Channel, report: RunReport) -> bool:
        """Over the mailbox's rate: give the row back, due when the window has room, no attempt used."""
        limiter = self.limiters.get(item.channel)
        if limiter is None:
            return False
        now = self.clock.now()
        wait = limiter.take(_mailbox(channel, item.channel), now)
        if wait is None:
            return False
        self._mark(item, next_attempt_at=now + wait, claimed_until=None, claimed_by=None)
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
            if not (report.sent or report.retried or report.dead) or not self.keep_going():
                break
        return total

    def _failed(
        self, item: OutboxItem, reason: str, permanent: bool, retry_after: float | None, report: RunReport
    ) -> None:
        now = self.clock.now()
        attempts = item.attempts + 1
        since = item.failing_since or now
        again = None if permanent else self.retry.next_attempt(attempts, since, now, retry_after)
        if again is None:
            log.warning("outbox %s dead after %d attempts since %s: %s", item.key, attempts, since, reason)
            with self.engine.begin() as conn:
                conn.execute(
                    update(tables.outbox)
                    .where(tables.outbox.c.id == item.id)
                    .values(status="dead", attempts=attempts, last_error=reason[:2000], claimed_until=None,
                            claimed_by=None, failing_since=since)
                )
                if self.on_dead is not None:
                    self.on_dead(conn, item, reason, now)
            report.dead.append(item)
            return
        log.info("outbox %s attempt %d failed, retry at %s: %s", item.key, attempts, again, reason)
        self._mark(
            item,
            attempts=attempts,
            last_error=reason[:2000],
            next_attempt_at=again,
            claimed_until=None,
            claimed_by=None,
            failing_since=since,
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
