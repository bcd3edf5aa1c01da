"""The outbox runner: delivers what the core committed, retries with backoff, dead-letters, never twice."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.services.ports.outbox import DeliveryError, OutboxItem
from integrations.file_outbox import FileOutbox
from scheduling.outbox import OutboxRunner
from tests.cast import ANNA


class RecordingChannel:
    """A channel that remembers what it delivered (a fake of our own port, not a mock)."""

    name = "recording"

    def __init__(self, failures: int = 0, permanent: bool = False) -> None:
        self.delivered: list[str] = []
        self.failures = failures
        self.permanent = permanent
        self.lock = threading.Lock()

    def deliver(self, item: OutboxItem) -> None:
        with self.lock:
            if self.failures:
                self.failures -= 1
                raise DeliveryError("server said 451", permanent=self.permanent)
            self.delivered.append(item.key)

    def check(self) -> tuple[bool, str]:
        return True, "recording"


def statuses(app: App) -> dict[str, int]:
    with app.engine.connect() as conn:
        rows = conn.execute(text("SELECT status, COUNT(*) FROM outbox GROUP BY status")).all()
    return {row[0]: int(row[1]) for row in rows}


def test_the_file_outbox_writes_one_eml_per_message_once(app: App) -> None:
    app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus")
    report = app.outbox.drain()
    assert len(report.sent) >= 1
    files = sorted(app.settings.outbox_dir.glob("*.eml"))
    assert len(files) == len(report.sent)
    channel = FileOutbox(app.settings.outbox_dir, app.programme.mailbox)
    channel.deliver(report.sent[0])  # a retry after a crash between send and mark-sent
    assert sorted(app.settings.outbox_dir.glob("*.eml")) == files
    assert "Zorgbus" in files[0].read_text(encoding="utf-8")


def test_a_failing_channel_is_retried_with_backoff_then_delivered(any_app: App) -> None:
    clock = any_app.clock
    assert isinstance(clock, ManualClock)
    channel = RecordingChannel(failures=2)
    runner = OutboxRunner(any_app.engine, {"mail": channel}, clock, base_delay=timedelta(seconds=30))
    any_app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus")
    first = runner.run_once()
    assert len(first.retried) == 1 and channel.delivered == []
    assert runner.run_once().retried == []  # not due yet: backoff
    clock.advance(timedelta(seconds=31))
    assert len(runner.run_once().retried) == 1  # second failure, now 60 s backoff
    clock.advance(timedelta(seconds=61))
    assert len(runner.run_once().sent) == 1
    assert statuses(any_app) == {"sent": 1}


def test_after_max_attempts_a_message_is_dead_lettered_with_its_reason(any_app: App) -> None:
    clock = any_app.clock
    assert isinstance(clock, ManualClock)
    channel = RecordingChannel(failures=99)
    runner = OutboxRunner(any_app.engine, {"mail": channel}, clock, max_attempts=3, base_delay=timedelta(seconds=1))
    any_app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus")
    for _ in range(5):
        runner.run_once()
        clock.advance(timedelta(minutes=5))
    assert statuses(any_app) == {"dead": 1}
    with any_app.engine.connect() as conn:
        assert conn.execute(text("SELECT last_error, attempts FROM outbox")).one() == ("server said 451", 3)


def test_a_permanent_failure_is_dead_at_once_and_the_rest_keeps_flowing(any_app: App) -> None:
    channel = RecordingChannel(failures=1, permanent=True)
    runner = OutboxRunner(any_app.engine, {"mail": channel}, any_app.clock)
    any_app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus")
    any_app.ideas.submit("bert@voorbeeld.nl", "test", "Speeltuin", "Een speeltuin")
    report = runner.run_once()
    assert len(report.dead) == 1 and len(report.sent) == 1


def test_a_worker_killed_after_claiming_leaves_the_message_for_the_next_after_the_lease(any_app: App) -> None:
    clock = any_app.clock
    assert isinstance(clock, ManualClock)
    channel = RecordingChannel()
    runner = OutboxRunner(any_app.engine, {"mail": channel}, clock, lease=timedelta(minutes=5))
    any_app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus")
    claimed = runner.claim()  # ... and the process dies here
    assert len(claimed) == 1
    assert runner.run_once().sent == []  # still leased
    clock.advance(timedelta(minutes=6))
    assert [i.key for i in runner.run_once().sent] == [claimed[0].key]


def test_two_runners_at_once_deliver_every_message_exactly_once(any_app: App, tmp_path: Path) -> None:
    for n in range(40):
        any_app.ideas.submit(f"p{n}@voorbeeld.nl", "test", f"Idee {n}", "Omschrijving")
    channel = RecordingChannel()
    runners = [OutboxRunner(any_app.engine, {"mail": channel}, any_app.clock, batch=5) for _ in range(2)]
    threads = [threading.Thread(target=r.drain) for r in runners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(channel.delivered) == 40
    assert len(set(channel.delivered)) == 40
    assert statuses(any_app) == {"sent": 40}
