"""The kill test: outbox workers are SIGKILLed again and again, and no message is lost.

Worker processes (tests/kill_worker.py: the real runner and SMTP channel, a short lease) deliver
to a real SMTP server on 127.0.0.1. Each is killed at a random point: right after its claim was
committed and before the send, right after the server accepted a message and before the row was
marked sent, or after a random time (inside a transaction, in the middle of an SMTP exchange).
A final worker runs to the end. Then every row is sent and every message arrived. SMTP cannot
say whether an accepted message was accepted, so a kill between send and mark costs exactly one
extra copy (at-least-once delivery): byte for byte the same message with the same Message-ID and
X-Vaart-Key, so the recipient's client shows it once. Nothing else arrives twice.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from bot.bootstrap.app import App
from tests.mailserver import smtp_server
from tests.outbox_rows import enqueue, mail, statuses

ROOT = Path(__file__).parents[2]
MESSAGES = 200
KILLS = 9  # the three kinds of kill in turn: each three times


class Worker:
    def __init__(self, url: str, port: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.kill_worker", url, str(port)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        self.watchdog = threading.Timer(30, self.process.kill)  # a stuck worker fails the test, never hangs it
        self.watchdog.start()

    def line(self) -> str:
        return self.stdout.readline().strip()

    def go(self) -> None:
        self.stdin.write("go\n")
        self.stdin.flush()

    def kill(self) -> None:
        self.watchdog.cancel()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self.stdin.close()
        self.stdout.close()


def run_until(worker: Worker, target: str | None, count: int, at: float | None = None) -> tuple[str, str | None]:
    """Answer the worker's checkpoints until the *count*-th `target` checkpoint, then kill it there.
    With *at*, a timer kills it after that many seconds wherever it is. Returns how it ended."""
    if at is not None:
        timer = threading.Timer(at, lambda: worker.process.send_signal(signal.SIGKILL))
        timer.start()
    seen = 0
    while True:
        line = worker.line()
        if not line:  # killed by the timer
            worker.kill()
            return "timed", None
        if line == "done":
            worker.process.wait(10)
            worker.watchdog.cancel()
            return "done", None
        what, key = line.split(" ", 1)
        if what == target:
            seen += 1
            if seen == count:
                worker.kill()
                return what, key
        try:
            worker.go()
        except (BrokenPipeError, ValueError):
            worker.kill()
            return "timed", None


def test_killed_workers_lose_nothing_and_repeat_only_what_was_sent_before_it_was_marked(any_app: App) -> None:
    started = time.monotonic()
    rng = random.Random(20261123)
    now = datetime.now(UTC)  # the workers run on the system clock
    for n in range(MESSAGES):
        enqueue(any_app.engine, mail(f"kill:{n:03d}", f"p{n}@voorbeeld.nl", subject=f"Bericht {n}"), now)
    url = any_app.settings.database_url
    killed: Counter[str] = Counter()
    unmarked: list[str] = []  # accepted by the server, killed before the row was marked sent
    with smtp_server() as server:
        for turn in range(KILLS):
            worker = Worker(url, server.port)
            assert worker.line() == "ready"
            mode = ("before", "after", "timed")[turn % 3]
            if mode == "timed":
                how, key = run_until(worker, None, 0, at=rng.uniform(0.0, 0.05))
            else:
                how, key = run_until(worker, mode, rng.randint(1, 5))
            killed[how] += 1
            if how == "after" and key is not None:
                unmarked.append(key)
            if how == "done":
                break
        final = Worker(url, server.port)
        assert final.line() == "ready"
        assert run_until(final, None, 0) == ("done", None)
        received = server.messages()

    assert statuses(any_app.engine) == {"sent": MESSAGES}
    copies: dict[str, list[bytes]] = {}
    for message in received:
        copies.setdefault(message.key, []).append(message.data)
    assert sorted(copies) == [f"kill:{n:03d}" for n in range(MESSAGES)]  # every message arrived
    repeated = sorted(key for key, data in copies.items() if len(data) > 1)
    for key in repeated:  # a repeat is the same message: same bytes, so the same Message-ID and key
        assert len(set(copies[key])) == 1
    assert set(unmarked) <= set(repeated)  # sent-but-unmarked rows were sent again
    extra = sum(len(data) - 1 for data in copies.values())
    # each kill between send and mark makes exactly one extra copy (a row can be hit twice in a row),
    # a kill at a random time at most one, and a kill before the send none
    assert killed["after"] <= extra <= killed["after"] + killed["timed"]
    assert killed["before"] + killed["after"] + killed["timed"] == KILLS  # no worker got to the end
    print(f"\nkills: {dict(killed)}; messages {MESSAGES}, arrived {len(received)}, extra copies {extra}, "
          f"{time.monotonic() - started:.1f} s")
