"""`vaart worker`: the one scheduler process. Delivers the outbox on an interval (APScheduler 3.11).

A misfire grace period and coalescing are set explicitly: APScheduler's default grace of one
second would silently skip runs after a pause.
"""

from __future__ import annotations

import logging
import signal
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler

from bot.bootstrap import App

log = logging.getLogger("vaart.worker")
OUTBOX_INTERVAL_SECONDS = 10


def run_worker(app: App, once: bool = False) -> int:
    if once:
        report = app.outbox.drain()
        log.info("outbox: %d sent, %d retried, %d dead", len(report.sent), len(report.retried), len(report.dead))
        return 0
    scheduler = BlockingScheduler(timezone="Europe/Amsterdam")
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
    scheduler.start()
    return 0
