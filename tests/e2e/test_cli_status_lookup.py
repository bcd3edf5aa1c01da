"""`vaart status` on an SQLite store at HEAD reads with the standard library (`storage.sqlite_lookup`),
not SQLAlchemy (#17: under 400 ms as a whole process). These specs hold it to the SQLAlchemy path:
the same objects from the same rows, and the same bytes on stdout, for an idea with an advice, an
escalation, a written round and its decision, for the colleges' decisions of the VDG, and on
PostgreSQL (which keeps the SQLAlchemy path). A store that is new or behind is migrated first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings
from bot.bootstrap.store import Lookup, open_lookup
from bot.cli.main import main
from storage.migrate import HEAD
from tests.cast import ANNA, CAST, EMAIL
from tests.conftest import START, make_app
from tests.e2e import test_console_vdg as vdg
from tests.e2e.test_console_rules import REF, Chat

ROUND = "ZOD-R-2026-001"
VIEWERS = ((), ("--as", ANNA), ("--as", EMAIL["sg1"]), ("--as", "iemand@elders.nl"), ("--lang", "en"))


class _Chat(Chat):
    """The rules' console chat on any database."""

    def __init__(self, tmp_path: Path, database_url: str | None = None) -> None:
        self.tmp_path = tmp_path
        self.clock = ManualClock(START)
        self.app = make_app(tmp_path, self.clock, database_url)
        for email, name, roles in CAST.values():
            self.app.people.add("beheer@vaart.local", "test", email, name, roles)


def _walked(chat: Chat) -> Chat:
    """Anna's Zorgbus assessed, escalated, agreed in a written round: an advice, a decision, votes."""
    chat.to_toetsing()
    chat.advice()
    assert "ZOD-ESC-2026-001" in chat.say(EMAIL["kernteam"], f"escaleer {REF} De partners zijn het oneens")
    assert ROUND in chat.say(EMAIL["staf"], f"ronde start {REF} 27-11-2026 | bedrag: 45.000 | toelichting: Start")
    chat.say(EMAIL["sg1"], f"ronde {ROUND} akkoord")
    chat.say(EMAIL["sg2"], f"ronde {ROUND} akkoord")
    return chat


@pytest.fixture
def walked(tmp_path: Path) -> Iterator[Chat]:
    chat = _walked(_Chat(tmp_path))
    yield chat
    chat.close()


def _status(env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
            *argv: str) -> tuple[int, str, str]:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code = main(["status", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _env(chat: Chat, database_url: str | None = None) -> dict[str, str]:
    env = {"VAART_VAR_DIR": str(chat.tmp_path / "var"), "VAART_NOW": chat.clock.now().isoformat()}
    if database_url:
        env["VAART_DATABASE_URL"] = database_url
    return env


def _orm_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.bootstrap.store._sqlite_at_head", lambda settings: None)


def _read(lookup: Lookup, reference: str) -> tuple[object, ...]:
    try:
        return (
            lookup.ideas.find(reference),
            lookup.person(EMAIL["sg1"]),
            lookup.person("iemand@elders.nl"),
            lookup.escalations.of(reference),
            lookup.rounds_of(reference),
            lookup.bodies.state(reference) if lookup.bodies else None,
        )
    finally:
        lookup.close()


def test_the_standard_library_lookup_reads_the_same_objects_as_sqlalchemy(
    walked: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VAART_DATABASE_URL", raising=False)
    settings = Settings.from_env({"VAART_VAR_DIR": str(walked.tmp_path / "var")})
    fast = _read(open_lookup(settings), REF)
    idea, _, _, escalations, rounds, _ = fast
    assert idea is not None and idea.advices and idea.decisions  # type: ignore[attr-defined]
    assert escalations and rounds and rounds[0].votes  # type: ignore[attr-defined]
    _orm_only(monkeypatch)
    assert _read(open_lookup(settings), REF) == fast


def test_vaart_status_prints_the_same_bytes_on_the_standard_library_and_the_sqlalchemy_path(
    walked: Chat, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("VAART_DATABASE_URL", raising=False)
    env = _env(walked)
    fast = [_status(env, monkeypatch, capsys, REF, *viewer) for viewer in VIEWERS]
    assert fast[0][0] == 0 and "Escalatie: ZOD-ESC-2026-001" in fast[0][1] and ROUND in fast[0][1]
    assert fast[3][0] == 1 and fast[3][1] == "" and "Zorgbus" not in fast[3][2]
    _orm_only(monkeypatch)
    assert [_status(env, monkeypatch, capsys, REF, *viewer) for viewer in VIEWERS] == fast


@pytest.mark.postgres
def test_vaart_status_on_postgresql_prints_what_the_sqlite_lookup_prints(
    walked: Chat, tmp_path_factory: pytest.TempPathFactory, postgres_url: str,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("VAART_DATABASE_URL", raising=False)
    on_sqlite = [_status(_env(walked), monkeypatch, capsys, REF, *viewer) for viewer in VIEWERS]
    on_postgres = _walked(_Chat(tmp_path_factory.mktemp("pg"), postgres_url))
    try:
        env = _env(on_postgres, postgres_url)
        assert [_status(env, monkeypatch, capsys, REF, *viewer) for viewer in VIEWERS] == on_sqlite
    finally:
        on_postgres.close()


def test_the_colleges_decisions_read_the_same_on_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chat = vdg.Chat(tmp_path)
    try:
        chat.to_colleges()
        for gemeente in vdg.GEMEENTEN[:3]:
            chat.say(vdg.accounthouder(gemeente), f"collegebesluit {vdg.REF} {gemeente} akkoord")
        env = {"VAART_VAR_DIR": str(tmp_path / "var"), "VAART_PROGRAMME": str(vdg.VDG),
               "VAART_NOW": chat.clock.now().isoformat()}
        monkeypatch.delenv("VAART_DATABASE_URL", raising=False)
        settings = Settings.from_env(env)
        fast = _read(open_lookup(settings), vdg.REF)
        assert fast[-1] is not None and len(fast[-1].decisions) == 3  # type: ignore[attr-defined]
        shown = _status(env, monkeypatch, capsys, vdg.REF)
        assert shown[0] == 0 and "Aa en Hunze" in shown[1]
        _orm_only(monkeypatch)
        assert _read(open_lookup(settings), vdg.REF) == fast
        assert _status(env, monkeypatch, capsys, vdg.REF) == shown
    finally:
        chat.app.close()


def test_a_new_or_older_store_is_migrated_before_the_lookup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("VAART_DATABASE_URL", raising=False)
    env = {"VAART_VAR_DIR": str(tmp_path / "var")}
    code, out, err = _status(env, monkeypatch, capsys, "ZOD-2026-0099")
    assert code == 1 and out == "" and "ZOD-2026-0099" in err
    store = tmp_path / "var" / "vaart.db"
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
        db.execute("UPDATE alembic_version SET version_num = 'older'")
    with pytest.raises(Exception, match="older"):  # not read as if current: Alembic is asked, and knows no 'older'
        _status(env, monkeypatch, capsys, "ZOD-2026-0099")


def test_an_unknown_idea_is_refused_on_the_command_line_without_the_chats_advice(
    walked: Chat, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("VAART_DATABASE_URL", raising=False)
    env = _env(walked)
    code, out, err = _status(env, monkeypatch, capsys, "ZOD-2026-0999")
    assert (code, out) == (1, "")
    assert err == ("Ik ken geen idee met referentie 'ZOD-2026-0999'; controleer het nummer (het staat in de "
                   "ontvangstbevestiging).\n")  # not "typ 'mijn' voor uw ideeën": no chat here
    _orm_only(monkeypatch)
    assert _status(env, monkeypatch, capsys, "ZOD-2026-0999") == (code, out, err)
