"""`vaart worker`: the one scheduler process. Turns due reminders into outbox messages, delivers the
outbox, and purges what is past its retention term, on intervals (APScheduler 3.11); once an hour
it refreshes SQLite's planner statistics (PRAGMA optimize) and once a day it checks the audit log's
chain from its last checkpoint. `vaart worker --once` delivers everything due and says what is left.

Exactly one worker leads (`scheduling.worker_lock`): any further one started on the same store
stands by, tries the lock every VAART_WORKER_LOCK_INTERVAL seconds, and takes over as soon as the
leader is gone, whether it stopped or was killed (the lock dies with its connection or process).
The leader checks on the same interval that it still holds the lock, and writes a heartbeat to
`worker_leader` that every web process shows in /readyz and /metrics. The outbox serves up to
VAART_WORKER_DELIVERY_THREADS recipients side by side, so a chat platform's pacing of one
conversation (Slack: one message a second) holds up only that recipient. A leader that finds its lock
gone stops at once with exit status 1 (its supervisor restarts it, as a standby), and its outbox
stops between two messages. Holding the lock proves the previous leader is gone (the lock dies
with its process or connection), so a new leader first releases the outbox rows the previous one
had claimed (`worker_leader` names it; the rows carry its name in `claimed_by`): they go out at once
instead of after the 5-minute lease. A row the old leader had marked sent is never touched.

On SIGTERM or SIGINT the worker finishes the round in progress (rows are marked sent or retried),
releases the lock and exits 0: a graceful stop for `docker compose stop` and systemd.

A misfire grace period and coalescing are set explicitly: APScheduler's default grace of one
second would silently skip runs after a pause.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import partial
from types import FrameType
from typing import TextIO

from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy import Engine, select, update

from bot.bootstrap.app import App
from bot.bootstrap.ops_settings import OpsSettings
from bot.domain.audit import bio
from bot.domain.timezone import AMSTERDAM, to_local
from bot.messages import render
from scheduling.outbox import OutboxRunner, waiting
from scheduling.worker_lock import WorkerLock
from storage.audit import verify_incremental
from storage.engine import optimize, upsert
from storage.personal_data import purge
from storage.tables_ops import worker_leader

log = logging.getLogger("vaart.worker")
RETENTION_INTERVAL = timedelta(hours=6)
OPTIMIZE_INTERVAL = timedelta(hours=1)
AUDIT_INTERVAL = timedelta(days=1)


def _bio(holder: str, what: str, result: str = "ok") -> dict[str, str]:
    return bio("systeem", what, holder, result, "worker")


def run_once(app: App | Sequence[App], out: TextIO | None = None) -> int:
    """`vaart worker --once`: every due reminder, then the outbox until nothing is due any more; says
    what it did and what is left (messages to retry later or held back by a rate limit). With several
    programmes each one in its own store, one after the other; one that fails is logged (its code and
    the kind of error, nothing of its settings) and the others still run: exit status 1 then."""
    apps = [app] if isinstance(app, App) else list(app)
    if len(apps) == 1:  # one programme: as it always was (an error is the command's error)
        _run_once(apps[0], out)
        return 0
    failed = 0
    for one in apps:
        print(f"{one.programme.code}:", file=out or sys.stdout)
        try:
            _run_once(one, out)
        except Exception as exc:  # one programme's failure must not stop the others: logged, counted
            failed += 1
            log.error("programme %s failed in this round: %s", one.programme.code, type(exc).__name__,
                      extra=_bio(one.programme.code, "programme_failed", "fout"))
    return 1 if failed else 0


def _run_once(app: App, out: TextIO | None) -> None:
    claimed = late = 0
    rounds, _ = app.execution.run_due()  # the reporting rounds and the communicatiekalender
    while rounds:
        rounds = app.execution.progress.run_rounds()
    app.rounds.run_due()  # the schriftelijke rondes: reminders, and closing at the deadline
    while True:
        reminders = app.reminders.run_once()
        claimed, late = claimed + len(reminders.claimed), late + len(reminders.late)
        if not reminders.claimed:
            break
    sent = retried = dead = 0
    while True:
        report = app.outbox.drain(rounds=100)
        sent, retried, dead = sent + len(report.sent), retried + len(report.retried), dead + len(report.dead)
        if not (report.sent or report.retried or report.dead):
            break
    lang = app.programme.language
    left, first = waiting(app.engine)
    lines = [render("worker.once", lang, reminders=claimed, late=late, sent=sent, retried=retried, dead=dead)]
    if left:
        when = to_local(first).strftime("%d-%m-%Y %H:%M") if first is not None else "-"
        lines.append(render("worker.once_left", lang, count=left, first=when))
    else:
        lines.append(render("worker.once_empty", lang))
    print("\n".join(lines), file=out or sys.stdout)
    optimize(app.engine)


def run_worker(app: App | Sequence[App], once: bool = False, wait: bool = True) -> int:
    """The worker for one programme or for every programme of an installation (the default first):
    one leader lock (the default programme's store), one scheduler, each programme's jobs on its
    own store; a job of one programme that fails is logged and the others run on."""
    apps = [app] if isinstance(app, App) else list(app)
    if once:
        return run_once(apps)
    lead = apps[0]
    ops = OpsSettings.from_env(lead.settings.env)
    holder = lead.outbox.owner  # the name the outbox claims rows under: "host:pid"
    lock = WorkerLock(lead.engine, lead.settings.var_dir)
    stopping = threading.Event()
    lost = threading.Event()
    schedulers: list[BlockingScheduler] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        log.info("worker stopping on signal %d", signum, extra=_bio(holder, "worker_stop"))
        stopping.set()
        for scheduler in schedulers:
            if scheduler.running:
                scheduler.shutdown(wait=True)  # the round in progress finishes

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        if not lock.acquire():
            if not wait:
                print(render("worker.already_running", lead.programme.language), file=sys.stderr)
                return 1
            log.info("another worker leads; standing by", extra=_bio(holder, "worker_standby"))
            while not lock.acquire():
                if stopping.wait(ops.lock_interval):
                    return 0
        if stopping.is_set():
            return 0
        since = lead.clock.now()
        for one in apps:
            take_over(one.engine, one.outbox, holder, since)
            one.outbox.keep_going = lambda: not lost.is_set()
        log.info("this worker leads", extra=_bio(holder, "worker_leader"))

        scheduler = BlockingScheduler(timezone="Europe/Amsterdam")
        schedulers.append(scheduler)

        def keep_leading() -> None:
            if not lock.held():
                log.error("the leader lock is gone; stopping", extra=_bio(holder, "worker_lost_lock", "fout"))
                lost.set()
                scheduler.shutdown(wait=False)
                return
            for one in apps:
                guarded(one, "leader", partial(beat, one))()

        def beat(one: App) -> None:
            record_heartbeat(one.engine, holder, since, one.clock.now())

        start = datetime.now(AMSTERDAM)  # APScheduler runs on the wall clock
        scheduler.add_job(keep_leading, "interval", seconds=ops.lock_interval, id="leader", max_instances=1,
                          coalesce=True, misfire_grace_time=300)
        for index, one in enumerate(apps):
            suffix = "" if index == 0 else f":{one.programme.code}"
            for job_id, job, seconds, first in _jobs(one, holder, ops, start):
                scheduler.add_job(guarded(one, job_id, job), "interval", seconds=seconds, id=job_id + suffix,
                                  max_instances=1, coalesce=True, misfire_grace_time=300,
                                  **({"next_run_time": first} if first else {}))
        if not stopping.is_set():
            scheduler.start()
    finally:
        lock.release()
    return 1 if lost.is_set() else 0


def guarded(app: App, job_id: str, job: Callable[[], object]) -> Callable[[], None]:
    """*job* of one programme: a failure is logged with the programme's code and the kind of error
    (no message: a driver's may carry a host or a user) and the other programmes' jobs run on."""

    def run() -> None:
        try:
            job()
        except Exception as exc:  # logged here, so one programme's outage never stops the others
            log.error("programme %s: job %s failed: %s", app.programme.code, job_id, type(exc).__name__,
                      extra=_bio(app.programme.code, f"{job_id}_failed", "fout"))

    return run


Job = tuple[str, Callable[[], object], float, datetime | None]


def _jobs(app: App, holder: str, ops: OpsSettings, start: datetime) -> tuple[Job, ...]:
    """One programme's jobs: (id, job, interval in seconds, first run or None)."""

    def deliver() -> None:
        report = app.outbox.drain(rounds=20, parallel=ops.delivery_threads)
        if report.sent or report.retried or report.dead:
            log.info("outbox: %d sent, %d retried, %d dead", len(report.sent), len(report.retried),
                     len(report.dead), extra=_bio(holder, "outbox_delivered", f"{len(report.sent)} sent"))

    def execution() -> None:
        rounds, items = app.execution.run_due()
        if rounds or items:
            log.info("execution: rounds %s, %d calendar item(s) sent", ", ".join(rounds) or "-", items,
                     extra=_bio(holder, "execution_due", f"{items} sent"))

    def written_rounds() -> None:
        reminded, shut = app.rounds.run_due()
        if reminded or shut:
            log.info("written rounds: %d reminder(s), %d closed", reminded, shut,
                     extra=_bio(holder, "rounds_due", f"{shut} closed"))

    def check_chain() -> None:
        done = verify_incremental(app.engine, app.clock.now())  # the daily check; a full walk on demand
        if done.problems:
            log.error("audit log NOT intact: %d problem(s) from row %d", len(done.problems), done.first,
                      extra=_bio(holder, "audit_verified", "fout"))
        else:
            log.info("audit log intact up to row %d (%d rows read)", done.head, done.rows,
                     extra=_bio(holder, "audit_verified"))

    def tune() -> None:
        optimize(app.engine)  # the planner's statistics follow the store as it grows (SQLite)

    days = OpsSettings.from_env(app.settings.env).retention_days  # the programme's own term (VAART_<CODE>__...)

    def retain() -> None:
        done = purge(app.engine, app.clock.now(), days, outbox_dir=app.settings.outbox_dir)
        if done.total:
            log.info("retention: %d messages, %d remembered replies, %d files purged", done.outbox,
                     done.requests, done.files, extra=_bio(holder, "retention_purged"))

    return (
        ("reminders", app.reminders.run_once, ops.reminder_interval, start),  # catch up at once
        ("execution", execution, ops.reminder_interval, start),  # reporting rounds, communicatiekalender
        ("rounds", written_rounds, ops.reminder_interval, start),  # the schriftelijke rondes
        ("outbox", deliver, ops.outbox_interval, None),
        ("retention", retain, RETENTION_INTERVAL.total_seconds(), start),
        ("optimize", tune, OPTIMIZE_INTERVAL.total_seconds(), None),
        ("audit", check_chain, AUDIT_INTERVAL.total_seconds(), None),
    )


def take_over(engine: Engine, outbox: OutboxRunner, holder: str, now: datetime) -> int:
    """Lead from now on (the caller holds the lock): free the previous leader's claims, then beat.

    The lock came free, so the previous leader's process or connection is gone, and with it every
    delivery it had in hand. Returns how many claimed rows were released.
    """
    previous = leader(engine)
    released = outbox.release_claims(previous) if previous is not None else 0
    if previous is not None:
        log.info("took over from %s: %d claimed rows released", previous, released,
                 extra=_bio(previous, "worker_takeover", f"{released} released"))
    record_heartbeat(engine, holder, now, now)
    return released


def leader(engine: Engine) -> str | None:
    """Who led last (the holder in `worker_leader`), or None on a store no worker has led."""
    w = worker_leader.c
    with engine.connect() as conn:
        return conn.execute(select(w.holder).where(w.name == "worker")).scalar()


def record_heartbeat(engine: Engine, holder: str, since: datetime, now: datetime) -> None:
    """The leader's heartbeat: who leads, since when, last seen (read by /readyz and /metrics)."""
    w = worker_leader.c
    with engine.begin() as conn:
        changed = conn.execute(
            update(worker_leader).where(w.name == "worker", w.holder == holder).values(beat_at=now)
        ).rowcount
        if changed:
            return
        insert = upsert(conn.dialect.name, worker_leader)
        conn.execute(
            insert.values(name="worker", holder=holder, since=since, beat_at=now).on_conflict_do_update(
                index_elements=["name"], set_={"holder": holder, "since": since, "beat_at": now}
            )
        )
