"""What the `vaart` command loads before it answers (#17: "import only what the command needs").

A lookup from a shell on an SQLite store at HEAD pays for the standard library's `sqlite3` and the
services it asks: not SQLAlchemy (`storage.sqlite_lookup` reads the same rows), nor the Slack and
Teams front ends, the Graph and calendar libraries, the web server or an event loop; `vaart --help`
loads no database library at all. The modules are read from `python -X importtime` of the
real process (no timing is asserted: speed is in `make bench`, bench_cli).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cast import ANNA, EMAIL
from tests.e2e.test_console_cycle import FACILITATOR, Chat
from tests.e2e.test_console_rules import REF, cli

NOT_FOR_A_LOOKUP = (
    "slack_bolt", "slack_sdk", "msal", "O365", "icalendar", "recurring_ical_events", "microsoft_agents",
    "starlette", "uvicorn", "jinja2", "openpyxl", "apscheduler", "alembic", "prometheus_client",
    "sqlalchemy.dialects.postgresql", "psycopg", "bot.frontends", "bot.bootstrap.app", "bot.chat.bot",
)


def imported(var_dir: Path, *argv: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run `vaart ARGV` as its own process on the store in *var_dir*; its output and every module it imported."""
    env = {**os.environ, "VAART_VAR_DIR": str(var_dir)}
    env.pop("VAART_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "bot.cli", *argv], capture_output=True,
                          text=True, env=env, timeout=120, check=False)
    modules = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    return done, modules - {"package"}  # the header line's last column


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


@pytest.fixture
def escalated(tmp_path: Path) -> Iterator[Chat]:
    """Anna's idea on an SQLite store, escalated by the kernteam: its status carries a note."""
    chat = Chat(tmp_path)
    assert REF in chat.say(ANNA, "idee Zorgbus | Een bus voor ouderen | opgaven: 5 | programmalijn: Zorg")
    assert FACILITATOR in chat.say(EMAIL["kernteam"], f"escaleer {REF} De partners zijn het oneens")
    yield chat
    chat.close()


def test_vaart_status_on_sqlite_loads_no_sqlalchemy_front_end_calendar_graph_or_event_loop(escalated: Chat) -> None:
    done, modules = imported(escalated.tmp_path / "var", "status", REF)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Escalatie: ZOD-ESC-2026-001" in done.stdout
    assert {"sqlite3", "storage.sqlite_lookup", "bot.bootstrap.store"} <= modules  # the parse read the real list
    assert loaded(modules, ("sqlalchemy", "asyncio", *NOT_FOR_A_LOOKUP)) == []


def test_vaart_status_on_a_new_store_migrates_it_through_sqlalchemy(tmp_path: Path) -> None:
    done, modules = imported(tmp_path / "var", "status", REF)
    assert done.returncode == 1 and REF in done.stderr
    assert {"sqlalchemy.orm", "alembic", "storage.migrate"} <= modules  # a store to migrate takes the full path
    # Alembic brings SQLAlchemy's dialects; nothing of the front ends, channels or calendars comes along
    front_ends = tuple(n for n in NOT_FOR_A_LOOKUP if not n.startswith(("alembic", "sqlalchemy", "psycopg")))
    assert loaded(modules, front_ends) == []


def test_vaart_help_loads_no_database_library(tmp_path: Path) -> None:
    done, modules = imported(tmp_path / "var", "--help")
    assert done.returncode == 0 and "status" in done.stdout
    assert "bot.cli.main" in modules
    assert loaded(modules, ("sqlalchemy", "sqlite3", "psycopg", *NOT_FOR_A_LOOKUP)) == []


def test_vaart_status_shows_exactly_what_the_chat_status_shows(
    escalated: Chat, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the operator holds the store, so sees the escalation's reason as the kernteam does (§3.2)
    in_chat = escalated.say(EMAIL["kernteam"], f"status {REF}").strip()
    code, shown = cli(escalated, monkeypatch, capsys, "status", REF)
    assert code == 0 and shown.strip() == in_chat and "reden: De partners zijn het oneens" in shown
    code, shown = cli(escalated, monkeypatch, capsys, "status", REF, "--as", ANNA)
    assert code == 0 and escalated.say(ANNA, f"status {REF}").strip().endswith("\n" + shown.strip())  # after a welcome
    code, shown = cli(escalated, monkeypatch, capsys, "status", REF, "--as", "iemand@elders.nl")
    assert code == 1 and "ZOD-2026-0001" in shown and "Zorgbus" not in shown
