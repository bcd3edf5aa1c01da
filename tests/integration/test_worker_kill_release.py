"""A leader SIGKILLed in the middle of delivering, on SQLite and PostgreSQL: real `vaart worker`
processes and a real SMTP server on 127.0.0.1 that holds the leader's messages in DATA. The rows
the dead leader had claimed do not wait out their 5-minute lease: the standby that takes the lock
releases them at once (it logs how many) and delivers every message exactly once.
"""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bot.bootstrap.clock import ManualClock
from storage import tables
from tests.conftest import make_app
from tests.integration.test_worker_takeover import Worker, _batch, _wait_sent
from tests.mailserver import Recorder, smtp_server

LEASE = 300  # seconds: the outbox runner's default lease, what the claimed rows used to wait out


@dataclass
class Holding(Recorder):
    """Holds every message in DATA while `hold` is set, then refuses it (4xx: nothing accepted)."""

    hold: threading.Event = field(default_factory=threading.Event)
    held: int = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if not self.hold.is_set():
            return await super().handle_DATA(server, session, envelope)
        with self.lock:
            self.held += 1
        while self.hold.is_set():
            await asyncio.sleep(0.05)
        return "451 4.3.0 Try again later"


def _until(condition: Any, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        time.sleep(0.05)


def test_the_rows_a_killed_leader_had_claimed_are_released_at_takeover_not_after_the_lease(
    tmp_path: Path, database_url: str, clock: ManualClock
) -> None:
    app = make_app(tmp_path, clock, database_url)
    var = tmp_path / "var"  # shared: on SQLite the leader lock is a file next to the store
    recorder = Holding()
    recorder.hold.set()
    workers: list[Worker] = []
    o = tables.outbox.c
    try:
        with smtp_server(recorder=recorder) as server:
            first = Worker(database_url, var, server.port)
            workers.append(first)
            first.wait_for("worker_leader")
            second = Worker(database_url, var, server.port)
            workers.append(second)
            second.wait_for("worker_standby")

            keys = _batch(app.engine, "held")
            _until(lambda: recorder.held >= 1, "the leader to be in the middle of a delivery")
            with app.engine.connect() as conn:
                claimed = conn.execute(select(func.count()).where(
                    o.status == "pending", o.claimed_by.like(f"%:{first.process.pid}"))).scalar_one()
            assert claimed > 0

            first.process.send_signal(signal.SIGKILL)
            first.process.wait(10)
            killed_at = time.monotonic()
            recorder.hold.clear()  # the relay answers again; the dead leader's connections are gone
            second.wait_for("worker_takeover", timeout=15)
            _wait_sent(app.engine, len(keys), timeout=LEASE / 5)  # before: nothing until the lease ran out
            waited = time.monotonic() - killed_at

            takeover = next(line for line in second.lines if line.get("what") == "worker_takeover")
            assert takeover["result"] == f"{claimed} released"
            assert takeover["object"].endswith(f":{first.process.pid}")
            received = Counter(message.key for message in server.messages())
            assert sorted(received) == sorted(keys) and set(received.values()) == {1}
            print(f"\n{claimed} claimed rows of the killed leader all sent {waited:.1f} s after the SIGKILL "
                  f"(lease {LEASE} s)")
    finally:
        for worker in workers:
            worker.stop()
        app.close()
