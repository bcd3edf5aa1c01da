"""The worker's parts, in process: the leader lock on SQLite and PostgreSQL (taken once, given back,
lost when its connection is killed), the heartbeat, and parallel delivery that serves recipients side
by side while keeping each recipient's messages in order.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from bot.bootstrap.app import App
from bot.bootstrap.ops_settings import OpsSettings
from bot.domain.errors import Refused
from bot.services.ports.outbox import OutboxItem
from bot.worker import record_heartbeat
from scheduling.outbox import OutboxRunner
from scheduling.worker_lock import WorkerLock
from storage.tables_ops import worker_leader
from tests.outbox_rows import enqueue, mail, statuses


def test_one_lock_holder_at_a_time_and_the_lock_comes_free(any_app: App, tmp_path: Path) -> None:
    first, second = WorkerLock(any_app.engine, tmp_path), WorkerLock(any_app.engine, tmp_path)
    assert first.acquire()
    assert first.held()
    assert not second.acquire() and not second.held()
    first.release()
    assert not first.held()
    assert second.acquire() and second.held()
    second.release()


@pytest.mark.postgres
def test_a_leader_whose_connection_is_killed_knows_it_lost_the_lock(postgres_url: str, tmp_path: Path) -> None:
    engine = create_engine(postgres_url)
    leader, standby = WorkerLock(engine, tmp_path), WorkerLock(engine, tmp_path)
    assert leader.acquire() and not standby.acquire()
    with engine.connect() as conn:  # what a database restart or an administrator does to the connection
        killed = conn.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND pid <> pg_backend_pid()"
        )).scalars().all()
    assert killed == [True]
    deadline = time.monotonic() + 5
    while leader.held() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not leader.held()  # the leader finds out at its next check, and stops
    assert standby.acquire()  # the standby takes over
    leader.release()  # releasing a lock already gone is harmless
    standby.release()
    engine.dispose()


def test_the_heartbeat_names_the_leader_and_moves_on(any_app: App) -> None:
    now = any_app.clock.now()
    record_heartbeat(any_app.engine, "host-a:1", now, now)
    later = now + timedelta(minutes=1)
    record_heartbeat(any_app.engine, "host-a:1", now, later)
    record_heartbeat(any_app.engine, "host-b:2", later, later)  # a new leader takes the row over
    with any_app.engine.connect() as conn:
        rows = conn.execute(select(worker_leader)).mappings().all()
    assert [(r["holder"], r["since"], r["beat_at"]) for r in rows] == [("host-b:2", later, later)]


class Slow:
    """A channel that takes its time per message, and remembers who delivered what, when."""

    name = "file"

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, float, str]] = []
        self.lock = threading.Lock()

    def deliver(self, item: OutboxItem) -> None:
        time.sleep(0.05)
        with self.lock:
            self.seen.append((item.recipient, item.key, time.monotonic(), threading.current_thread().name))

    def check(self) -> tuple[bool, str]:
        return True, "slow"


def test_parallel_delivery_serves_recipients_side_by_side_in_order(app: App) -> None:
    now: datetime = app.clock.now()
    for n in range(4):
        for person in range(10):
            enqueue(app.engine, mail(f"p{person}:{n}", f"p{person}@voorbeeld.nl"), now)
    channel = Slow()
    runner = OutboxRunner(app.engine, {"mail": channel}, app.clock, batch=40)
    started = time.monotonic()
    report = runner.drain(parallel=10)
    elapsed = time.monotonic() - started
    assert len(report.sent) == 40 and statuses(app.engine) == {"sent": 40}
    assert elapsed < 40 * 0.05 / 2  # sequentially it would take 2 s
    for person in range(10):
        mine = [key for recipient, key, _, _ in channel.seen if recipient == f"p{person}@voorbeeld.nl"]
        assert mine == [f"p{person}:{n}" for n in range(4)]  # each recipient in the order written
    assert len({thread for *_, thread in channel.seen}) > 1


def test_operational_settings_are_checked() -> None:
    ops = OpsSettings.from_env({"VAART_LOG_FORMAT": "JSON", "VAART_RETENTION_DAYS": "30",
                                "VAART_WORKER_DELIVERY_THREADS": "4", "VAART_LOG_LEVEL": "debug"})
    assert (ops.log_format, ops.retention_days, ops.delivery_threads, ops.log_level) == ("json", 30, 4, "DEBUG")
    wrong = (({"VAART_LOG_FORMAT": "xml"}, "ops.bad_setting"), ({"VAART_RETENTION_DAYS": "0"}, "ops.too_small"),
             ({"VAART_WORKER_OUTBOX_INTERVAL": "snel"}, "delivery.not_a_number"))
    for env, code in wrong:
        with pytest.raises(Refused) as refused:
            OpsSettings.from_env(env)
        assert refused.value.code == code
