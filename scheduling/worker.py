"""`vaart worker`: the one scheduler process. Turns due reminders into outbox messages and delivers
the outbox on an interval (APScheduler 3.11). A second worker started by mistake refuses to start
(`scheduling.worker_lock`); the claims themselves are safe against it anyway.

A misfire grace period and coalescing are set explicitly: APScheduler's default grace of one
second would silently skip runs after a pause.
"""

from __future__ import annotations

import logging
import signal
import sys
from datetime import datetime
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler

from bot.bootstrap import App
from bot.chat.messages import render
from bot.domain.timezone import AMSTERDAM
from scheduling.worker_lock import WorkerLock

log = logging.getLogger("vaart.worker")
OUTBOX_INTERVAL_SECONDS = 10
REMINDER_INTERVAL_SECONDS = 60


def run_worker(app: App, once: bool = False) -> int:
    if once:
        reminders = app.reminders.drain()
        log.info("reminders: %d claimed (%d late)", len(reminders.claimed), len(reminders.late))
        report = app.outbox.drain()
        log.info("outbox: %d sent, %d retried, %d dead", len(report.sent), len(report.retried), len(report.dead))
        return 0
    lock = WorkerLock(app.engine, app.settings.var_dir)
    if not lock.acquire():
        print(render("worker.already_running", app.programme.language), file=sys.stderr)
        return 1
    scheduler = BlockingScheduler(timezone="Europe/Amsterdam")
    scheduler.add_job(
        app.reminders.run_once,
        "interval",
        seconds=REMINDER_INTERVAL_SECONDS,
        id="reminders",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=300,
        next_run_time=datetime.now(AMSTERDAM),  # catch up at once with what fell due while we were down
    )
    scheduler.add_job(
        app.outbox.run_once,
        "interval",
        seconds=OUTBOX_INTERVAL_SECONDS,
        id="outbox",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=300,
    )

    def stop(signum: int, frame: FrameType | None) -> None:
        log.info("worker stopping on signal %d", signum)
        scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        scheduler.start()
    finally:
        lock.release()
    return 0
