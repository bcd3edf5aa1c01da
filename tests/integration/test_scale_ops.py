"""Operations that must not grow with the store: start-up reads nothing, a scrape and the outbox
claim walk only the rows that need attention (the plan checked with EXPLAIN), `worker --once`
drains whatever is due and says what is left."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert, text

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.metrics import attention_query
from bot.bootstrap.settings import Settings
from bot.worker import run_once
from scheduling.outbox import OutboxItem, due_query
from storage import tables
from storage.engine import optimize
from tests.conftest import START


class Counting:
    """A channel that delivers by counting (a fake of our own port, not a mock)."""

    name = "mail"

    def __init__(self) -> None:
        self.delivered = 0

    def deliver(self, item: OutboxItem) -> None:
        self.delivered += 1

    def check(self) -> tuple[bool, str]:
        return True, "counting"


def fill_outbox(engine: Engine, sent: int, pending: int, at: datetime, later: int = 0) -> None:
    """*sent* delivered rows, *pending* due ones, *later* ones due in a day (a retry waiting)."""
    def row(n: int, status: str, due: datetime) -> dict[str, Any]:
        return {"key": f"m{n}", "channel": "mail", "recipient": f"p{n % 50}@voorbeeld.nl", "subject": "S",
                "body": "B", "payload": {}, "created_at": at, "status": status, "attempts": 0,
                "next_attempt_at": due, "sent_at": at if status == "sent" else None}
    rows = [row(n, "sent", at) for n in range(sent)]
    rows += [row(sent + n, "pending", at) for n in range(pending)]
    rows += [row(sent + pending + n, "pending", at + timedelta(days=1)) for n in range(later)]
    with engine.begin() as conn:
        for start in range(0, len(rows), 5000):
            conn.execute(insert(tables.outbox), rows[start : start + 5000])


def plan(engine: Engine, statement: Any) -> str:
    """The database's plan for *statement*, as one string."""
    compiled = statement.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            return " | ".join(str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
        return " | ".join(str(r[0]) for r in conn.execute(text(f"EXPLAIN {compiled}")))


def test_building_the_application_reads_nothing_from_the_outbox(tmp_path: Path, database_url: str) -> None:
    settings = Settings.from_env({"VAART_VAR_DIR": str(tmp_path / "var"), "VAART_DATABASE_URL": database_url})
    first = build(settings, clock=ManualClock(START))
    fill_outbox(first.engine, 2000, 3, START)
    first.close()
    statements: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        app = build(settings, clock=ManualClock(START))
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    try:
        assert [s for s in statements if "outbox" in s.lower()] == []
        assert b'vaart_outbox_messages{channel="mail",programma="ZOD",status="pending"} 3.0' in app.metrics.render()[0]
    finally:
        app.close()


@pytest.mark.parametrize("sent, pending", [(20_000, 5), (200, 3_000)])
def test_the_claim_and_a_scrape_walk_the_waiting_rows_whatever_the_statistics(
    any_app: App, sent: int, pending: int
) -> None:
    fill_outbox(any_app.engine, sent, pending, START)
    with any_app.engine.connect() as conn:  # statistics, as the worker's hourly PRAGMA optimize gathers them
        conn.execute(text("ANALYZE"))
        conn.commit()
    optimize(any_app.engine)
    claim = plan(any_app.engine, due_query(START + timedelta(minutes=1), 50))
    scrape = plan(any_app.engine, attention_query())
    assert "ix_outbox_pending" in claim, claim
    if sent > pending:  # (with most rows waiting, a scan of the table costs the same and may be chosen)
        assert "ix_outbox_due" in scrape, scrape
    if any_app.engine.dialect.name == "sqlite":
        assert "USE TEMP B-TREE FOR ORDER BY" not in claim  # the index gives the order: it stops after 50
    ids = [row.id for row in any_app.outbox.claim()]
    assert len(ids) == min(50, pending) and ids == sorted(ids)


def test_worker_once_delivers_everything_due_and_says_what_is_left(tmp_path: Path, database_url: str) -> None:
    settings = Settings.from_env({"VAART_VAR_DIR": str(tmp_path / "var"), "VAART_DATABASE_URL": database_url})
    channel = Counting()
    app = build(settings, clock=ManualClock(START), channels={"mail": channel})
    try:
        fill_outbox(app.engine, 0, 5_200, START, later=2)  # more than the 100 rounds of 50 of one drain
        out = io.StringIO()
        assert run_once(app, out) == 0
        assert channel.delivered == 5_200
        text_ = out.getvalue()
        assert "Berichten: 5200 bezorgd, 0 later opnieuw, 0 onbestelbaar." in text_
        assert "Nog 2 berichten in de outbox, niet eerder aan de beurt dan 24-11-2026 09:30" in text_
        fill_outbox(app.engine, 0, 0, START)
        with app.engine.begin() as conn:
            conn.execute(tables.outbox.delete().where(tables.outbox.c.status == "pending"))
        again = io.StringIO()
        run_once(app, again)
        assert "Er wacht niets meer in de outbox." in again.getvalue()
    finally:
        app.close()
