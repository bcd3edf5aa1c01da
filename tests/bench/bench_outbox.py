"""Outbox: delivering 1,000 mails and invitations to a local SMTP server through the outbox runner.

Floor (issue "Mail and calendar delivery"): `smtplib` sending the same messages (the same MIME
bytes, made before the clock starts, one connection) straight to the same server, in the same
run. The outbox adds what makes delivery safe: the claim with a lease, building and checking each
message, and marking each row sent in its own transaction. Measured on SQLite and, when its
binaries are there, PostgreSQL; no rate limit (with the default 30 a minute the outbox would take
33 minutes by design).
"""

from __future__ import annotations

import smtplib
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bot.bootstrap.app import build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.outbox import OutboxItem
from integrations.mail_payload import Limits
from integrations.mime import render_message
from integrations.smtp import SmtpChannel
from tests.conftest import START, PostgresCluster, _pg_bin
from tests.mailserver import HOST, smtp_server
from tests.outbox_rows import ATTENDEES, enqueue, invite_rows, mail, tracker

N = 1000
SENDER = "programmabureau@regiodeal-zod.nl"


def messages() -> list[OutboxItem]:
    """N rows: four in five plain mails, one in five an invitation (a REQUEST with three attendees)."""
    meeting = tracker()
    ics = meeting.invite(START)
    out = []
    for n in range(N):
        if n % 5 == 4:
            message = invite_rows(meeting, ics, "REQUEST", [ATTENDEES[n % 3].email])[0]
            message = type(message)(**{**message.__dict__, "key": f"{message.key}:{n}"})
        else:
            message = mail(f"bench:{n}", f"p{n}@voorbeeld.nl", subject=f"Bericht {n}",
                           body="Goedemorgen,\n\nUw idee is ontvangen en wordt opgepakt door het kernteam.\n")
        out.append(OutboxItem(n + 1, message.key, "mail", message.recipient, message.subject, message.body,
                              message.payload, 0, START))
    return out


def floor_run(port: int, items: list[OutboxItem]) -> float:
    built = [render_message(item, SENDER, Limits()) for item in items]  # made before the clock starts
    started = time.perf_counter()
    with smtplib.SMTP(HOST, port, local_hostname="regiodeal-zod.nl") as smtp:
        for item, data in zip(items, built, strict=True):
            smtp.sendmail(SENDER, [item.recipient], data)
    return time.perf_counter() - started


def outbox_run(base: Path, port: int, items: list[OutboxItem], database_url: str | None = None) -> float:
    env = {"VAART_VAR_DIR": str(base / "var")}
    if database_url:
        env["VAART_DATABASE_URL"] = database_url
    channel = SmtpChannel(HOST, port, SENDER, security="none")
    app = build(Settings.from_env(env), clock=ManualClock(START), channels={"mail": channel})
    try:
        for item in items:
            enqueue(app.engine, OutboundMessage(item.key, item.recipient, item.subject, item.body,
                                                payload=item.payload), START - timedelta(seconds=1))
        started = time.perf_counter()
        report = app.outbox.drain(rounds=N)
        elapsed = time.perf_counter() - started
        assert len(report.sent) == N, (len(report.sent), len(report.retried), len(report.dead))
    finally:
        channel.close()
        app.close()
    return elapsed


def main() -> None:
    items = messages()
    results: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp, smtp_server() as server:
        base = Path(tmp)
        floor = floor_run(server.port, items)
        results.append(("outbox on SQLite", outbox_run(base / "sqlite", server.port, items)))
        if _pg_bin() is not None:
            cluster = PostgresCluster()
            url = cluster.start()
            try:
                results.append(("outbox on PostgreSQL", outbox_run(base / "pg", server.port, items, url)))
            finally:
                cluster.stop()
        assert len(server.messages()) == N * (1 + len(results))
    print(f"  floor (smtplib, same {N} messages, one connection): {floor * 1000:8.0f} ms "
          f"({N / floor:7.0f} msg/s)")
    for name, elapsed in results:
        print(f"  {name + ':':<22} {elapsed * 1000:8.0f} ms ({N / elapsed:7.0f} msg/s), "
              f"ratio {elapsed / floor:.2f}x the floor")


if __name__ == "__main__":
    main()
