"""`vaart worker`: the one scheduler process. Turns due reminders into outbox messages, delivers the
outbox, and purges what is past its retention term, on intervals (APScheduler 3.11).

Exactly one worker leads (`scheduling.worker_lock`): any further one started on the same store
stands by, tries the lock every VAART_WORKER_LOCK_INTERVAL seconds, and takes over as soon as the
leader is gone, whether it stopped or was killed (the lock dies with its connection or process).
The leader checks on the same interval that it still holds the lock, and writes a heartbeat to
`worker_leader` that every web process shows in /readyz and /metrics. The outbox serves up to
VAART_WORKER_DELIVERY_THREADS recipients side by side, so a chat platform's pacing of one
conversation (Slack: one message a second) holds up only that recipient. A leader that finds its lock
gone stops at once with exit status 1 (its supervisor restarts it, as a standby). Rows leased by a
killed leader come free when the lease runs out, so a takeover never delivers a row twice that the
old leader had marked sent.

On SIGTERM or SIGINT the worker finishes the round in progress (rows are marked sent or retried),
releases the lock and exits 0: a graceful stop for `docker compose stop` and systemd.

A misfire grace period and coalescing are set explicitly: APScheduler's default grace of one
second would silently skip runs after a pause.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import threading
from datetime import datetime, timedelta
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy import Engine, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.bootstrap.app import App
from bot.bootstrap.ops_settings import OpsSettings
from bot.domain.audit import bio
from bot.domain.timezone import AMSTERDAM
from bot.messages import render
from scheduling.worker_lock import WorkerLock
from storage.personal_data import purge
from storage.tables_ops import worker_leader

log = logging.getLogger("vaart.worker")
RETENTION_INTERVAL = timedelta(hours=6)


def _bio(holder: str, what: str, result: str = "ok") -> dict[str, str]:
    return bio("systeem", what, holder, result, "worker")


def run_worker(app: App, once: bool = False, wait: bool = True) -> int:
    if once:
        reminders = app.reminders.drain()
        log.info("reminders: %d claimed (%d late)", len(reminders.claimed), len(reminders.late))
        report = app.outbox.drain()
        log.info("outbox: %d sent, %d retried, %d dead", len(report.sent), len(report.retried), len(report.dead))
        return 0
    ops = OpsSettings.from_env(app.settings.env)
    holder = f"{socket.gethostname()}:{os.getpid()}"
    lock = WorkerLock(app.engine, app.settings.var_dir)
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
                print(render("worker.already_running", app.programme.language), file=sys.stderr)
                return 1
            log.info("another worker leads; standing by", extra=_bio(holder, "worker_standby"))
            while not lock.acquire():
                if stopping.wait(ops.lock_interval):
                    return 0
        if stopping.is_set():
            return 0
        since = app.clock.now()
        record_heartbeat(app.engine, holder, since, since)
        log.info("this worker leads", extra=_bio(holder, "worker_leader"))

        scheduler = BlockingScheduler(timezone="Europe/Amsterdam")
        schedulers.append(scheduler)

        def keep_leading() -> None:
            if not lock.held():
                log.error("the leader lock is gone; stopping", extra=_bio(holder, "worker_lost_lock", "fout"))
                lost.set()
                scheduler.shutdown(wait=False)
                return
            record_heartbeat(app.engine, holder, since, app.clock.now())

        def deliver() -> None:
            report = app.outbox.drain(rounds=20, parallel=ops.delivery_threads)
            if report.sent or report.retried or report.dead:
                log.info("outbox: %d sent, %d retried, %d dead", len(report.sent), len(report.retried),
                         len(report.dead), extra=_bio(holder, "outbox_delivered", f"{len(report.sent)} sent"))

        def retain() -> None:
            done = purge(app.engine, app.clock.now(), ops.retention_days, outbox_dir=app.settings.outbox_dir)
            if done.total:
                log.info("retention: %d messages, %d remembered replies, %d files purged", done.outbox,
                         done.requests, done.files, extra=_bio(holder, "retention_purged"))

        start = datetime.now(AMSTERDAM)  # APScheduler runs on the wall clock
        jobs = (
            ("leader", keep_leading, ops.lock_interval, None),
            ("reminders", app.reminders.run_once, ops.reminder_interval, start),  # catch up at once
            ("outbox", deliver, ops.outbox_interval, None),
            ("retention", retain, RETENTION_INTERVAL.total_seconds(), start),
        )
        for job_id, job, seconds, first in jobs:
            scheduler.add_job(job, "interval", seconds=seconds, id=job_id, max_instances=1, coalesce=True,
                              misfire_grace_time=300, **({"next_run_time": first} if first else {}))
        if not stopping.is_set():
            scheduler.start()
    finally:
        lock.release()
    return 1 if lost.is_set() else 0


def record_heartbeat(engine: Engine, holder: str, since: datetime, now: datetime) -> None:
    """The leader's heartbeat: who leads, since when, last seen (read by /readyz and /metrics)."""
    w = worker_leader.c
    with engine.begin() as conn:
        changed = conn.execute(
            update(worker_leader).where(w.name == "worker", w.holder == holder).values(beat_at=now)
        ).rowcount
        if changed:
            return
        insert = postgresql.insert(worker_leader) if conn.dialect.name == "postgresql" else sqlite.insert(worker_leader)
        conn.execute(
            insert.values(name="worker", holder=holder, since=since, beat_at=now).on_conflict_do_update(
                index_elements=["name"], set_={"holder": holder, "since": since, "beat_at": now}
            )
        )
