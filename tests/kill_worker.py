"""A small outbox worker for the kill test: `python -m tests.kill_worker DATABASE_URL SMTP_PORT`.

It runs the real `OutboxRunner` with the real SMTP channel on the system clock, with a short
lease so that rows of a killed worker come free quickly. Around every delivery it stops at two
checkpoints and waits for a line on stdin: `before KEY` (the claim is committed, nothing sent)
and `after KEY` (the server accepted the message, the row is not yet marked sent). The test
answers, or kills the process right there with SIGKILL. It prints `done` when nothing is left.
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta

from sqlalchemy import func, select

from bot.bootstrap.clock import SystemClock
from bot.services.ports.outbox import OutboxItem
from integrations.smtp import SmtpChannel
from scheduling.outbox import OutboxRunner
from storage import tables
from storage.engine import make_engine

SENDER = "programmabureau@regiodeal-zod.nl"


def checkpoint(what: str, key: str) -> None:
    sys.stdout.write(f"{what} {key}\n")
    sys.stdout.flush()
    if not sys.stdin.readline():
        raise SystemExit(3)  # the test went away


class Checkpoints:
    name = "smtp"

    def __init__(self, inner: SmtpChannel) -> None:
        self.inner = inner
        self.mailbox = inner.mailbox

    def deliver(self, item: OutboxItem) -> None:
        checkpoint("before", item.key)
        self.inner.deliver(item)
        checkpoint("after", item.key)

    def check(self) -> tuple[bool, str]:
        return self.inner.check()


def main(argv: list[str]) -> int:
    url, port = argv[0], int(argv[1])
    engine = make_engine(url)
    channel = SmtpChannel("127.0.0.1", port, SENDER, security="none", timeout=10)
    runner = OutboxRunner(engine, {"mail": Checkpoints(channel)}, SystemClock(), batch=5,
                          lease=timedelta(milliseconds=300), base_delay=timedelta(milliseconds=50))
    print("ready", flush=True)
    t = tables.outbox
    while True:
        report = runner.run_once()
        if report.sent or report.retried or report.dead:
            continue
        with engine.connect() as conn:
            left = conn.execute(select(func.count()).select_from(t).where(t.c.status == "pending")).scalar_one()
        if not left:
            break
        time.sleep(0.05)  # rows still leased by a killed worker
    channel.close()
    engine.dispose()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
