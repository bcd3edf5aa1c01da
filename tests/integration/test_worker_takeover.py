"""Exactly one worker leads: two real `vaart worker` processes against one PostgreSQL, delivering to a
real SMTP server on 127.0.0.1. The first leads and delivers, the second stands by and delivers
nothing. The leader is SIGKILLed (no goodbye: the advisory lock goes with its connection); the
standby takes over within a few lock intervals and delivers what came in since. Every message
arrived exactly once. A worker started with --no-wait while another leads refuses; the new leader
stops gracefully on SIGTERM.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from storage.tables_ops import worker_leader
from tests.conftest import make_app
from tests.mailserver import smtp_server
from tests.outbox_rows import enqueue, mail, statuses

ROOT = Path(__file__).parents[2]
BATCH = 30
pytestmark = pytest.mark.postgres


class Worker:
    def __init__(self, url: str, var_dir: Path, smtp_port: int, *args: str) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "VAART_DATABASE_URL": url,
            "VAART_VAR_DIR": str(var_dir),
            "VAART_MAIL": "smtp",
            "VAART_SMTP_HOST": "127.0.0.1",
            "VAART_SMTP_PORT": str(smtp_port),
            "VAART_SMTP_SECURITY": "none",
            "VAART_MAIL_RATE": "0",
            "VAART_WORKER_OUTBOX_INTERVAL": "0.2",
            "VAART_WORKER_LOCK_INTERVAL": "0.2",
            "VAART_LOG_FORMAT": "json",
            "VAART_LOG_LEVEL": "INFO",
        }
        env.pop("VAART_NOW", None)  # the workers run on the system clock
        self.process = subprocess.Popen([sys.executable, "-m", "bot.cli", "worker", *args], cwd=ROOT, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: list[dict[str, Any]] = []
        self.raw: list[str] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._changed:
                self.raw.append(line)
                with contextlib.suppress(ValueError):  # a line that is not JSON (a crash's traceback)
                    self.lines.append(json.loads(line))
                self._changed.notify_all()

    def said(self, what: str) -> bool:
        with self._changed:
            return any(entry.get("what") == what for entry in self.lines)

    def wait_for(self, what: str, timeout: float = 30) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: any(e.get("what") == what for e in self.lines), timeout):
                raise AssertionError(f"worker {self.process.pid} never logged {what}: {''.join(self.raw)[-2000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)


def _wait_sent(engine: Engine, count: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while statuses(engine).get("sent", 0) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"only {statuses(engine)} of {count} sent")
        time.sleep(0.05)


def _batch(engine: Engine, name: str) -> list[str]:
    keys = [f"takeover:{name}:{n:02d}" for n in range(BATCH)]
    now = datetime.now(UTC)
    for key in keys:
        enqueue(engine, mail(key, f"{key.replace(':', '-')}@voorbeeld.nl", subject=key), now)
    return keys


def test_a_killed_leader_is_replaced_by_the_standby_and_nothing_is_sent_twice(
    tmp_path: Path, postgres_url: str, clock: ManualClock
) -> None:
    app: App = make_app(tmp_path, clock, postgres_url)
    workers: list[Worker] = []
    try:
        with smtp_server() as server:
            first = Worker(postgres_url, tmp_path / "a", server.port)
            workers.append(first)
            first.wait_for("worker_leader")
            second = Worker(postgres_url, tmp_path / "b", server.port)
            workers.append(second)
            second.wait_for("worker_standby")

            keys = _batch(app.engine, "a")
            _wait_sent(app.engine, BATCH)
            first.wait_for("outbox_delivered")  # its log line follows the commit the store already shows
            assert not second.said("outbox_delivered")
            assert not second.said("worker_leader")
            refused = Worker(postgres_url, tmp_path / "c", server.port, "--no-wait")
            workers.append(refused)
            assert refused.process.wait(30) == 1  # a third one, told not to wait, refuses

            killed_at = time.monotonic()
            first.process.send_signal(signal.SIGKILL)
            first.process.wait(10)
            keys += _batch(app.engine, "b")
            second.wait_for("worker_leader", timeout=15)
            took_over = time.monotonic() - killed_at
            _wait_sent(app.engine, 2 * BATCH)
            received = Counter(message.key for message in server.messages())

            assert statuses(app.engine) == {"sent": 2 * BATCH}
            assert sorted(received) == sorted(keys)
            assert set(received.values()) == {1}  # nothing sent twice
            assert took_over < 10
            with app.engine.connect() as conn:
                holder = conn.execute(select(worker_leader.c.holder)).scalar_one()
            assert holder.endswith(f":{second.process.pid}")

            second.process.send_signal(signal.SIGTERM)
            assert second.process.wait(15) == 0  # a graceful stop
            second.wait_for("worker_stop", timeout=5)
    finally:
        for worker in workers:
            worker.stop()
        app.close()
