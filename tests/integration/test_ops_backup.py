"""The restore drill, on SQLite and on PostgreSQL: `vaart backup` of a store in use, `vaart restore`
into a fresh database, then `vaart audit verify` passes and every table holds the same rows. A
restore into a database that is not empty, a damaged file, and a manifest that disagrees are refused.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, inspect, select, text
from sqlalchemy.engine import make_url

from bot.bootstrap.app import App
from bot.cli.main import main as vaart
from storage import tables
from storage.backup import conninfo, manifest_path
from storage.engine import make_engine
from tests.cast import ANNA, EMAIL
from tests.integration.test_store import register, walk_to_decision


@pytest.fixture
def fresh_url(database_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A second, empty database next to *database_url*, to restore into."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored' / 'vaart.db'}"
        return
    server = str(request.getfixturevalue("postgres_server"))
    name = f"r_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _use(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str) -> None:
    monkeypatch.setenv("VAART_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("VAART_DATABASE_URL", url)
    monkeypatch.setenv("VAART_NOW", "2026-11-23T09:30:00")


def _fill(app: App) -> None:
    register(app)
    ref = app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus voor ouderen", opgaven=["5"]).params["reference"]
    walk_to_decision(app, ref)
    spend = app.budget.request(EMAIL["kernteam"], "test", Decimal("12500.00"), "Onderzoek vervoer", kind="onderzoek")
    app.budget.approve(EMAIL["director"], "test", spend.params["reference"])
    app.ideas.submit("bob@voorbeeld.nl", "slack", "Fietspad", "Een pad", request_key="slack:Ev9")
    app.outbox.drain()


def _rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
        for table in tables.metadata.sorted_tables:
            if table.name in present:
                out[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key.columns))]
        out["alembic_version"] = [tuple(r) for r in conn.execute(text("SELECT version_num FROM alembic_version"))]
    return out


def test_a_backup_restored_into_a_fresh_database_verifies_and_holds_the_same_rows(
    any_app: App, fresh_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(any_app)
    source_url = any_app.settings.database_url
    _use(monkeypatch, tmp_path, source_url)
    backup_file = tmp_path / "backups" / "drill.bak"
    assert vaart(["backup", "--out", str(backup_file)]) == 0
    said = capsys.readouterr().out
    assert "Back-up gemaakt" in said
    assert oct(backup_file.stat().st_mode & 0o777) == "0o600"
    manifest = json.loads(manifest_path(backup_file).read_text())
    assert manifest["format"] == ("pg_dump" if source_url.startswith("postgresql") else "sqlite")
    assert manifest["tables"]["ideas"] == 2 and manifest["tables"]["ledger"] >= 1
    assert manifest["audit_seq"] > 20 and len(manifest["sha256"]) == 64
    at_backup = _rows(any_app.engine)
    any_app.ideas.submit("later@voorbeeld.nl", "test", "Na de back-up", "x")  # not in the backup

    _use(monkeypatch, tmp_path, fresh_url)
    assert vaart(["restore", str(backup_file)]) == 0
    assert "alle tabellen gelijk aan het manifest" in capsys.readouterr().out
    assert vaart(["audit", "verify"]) == 0
    assert "auditlog intact" in capsys.readouterr().out

    restored = make_engine(fresh_url)
    restored_rows = _rows(restored)
    assert restored_rows == at_backup
    assert sum(map(len, restored_rows.values())) > 100
    with restored.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == manifest["audit_seq"]
    restored.dispose()

    assert vaart(["restore", str(backup_file)]) == 1  # the target is not empty any more
    assert "lege database" in capsys.readouterr().err
    assert vaart(["people", "list"]) == 0 and EMAIL["staf"] in capsys.readouterr().out  # and in use


def test_a_damaged_backup_or_a_disagreeing_manifest_is_refused(
    app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(app)
    _use(monkeypatch, tmp_path, app.settings.database_url)
    backup_file = tmp_path / "b.sqlite"
    assert vaart(["backup", "--out", str(backup_file)]) == 0
    assert vaart(["backup", "--out", str(backup_file)]) == 1  # never overwritten
    assert vaart(["backup"]) == 0  # by default under $VAART_VAR_DIR/backups, named by the time
    assert (tmp_path / "var" / "backups" / "vaart-20261123T083000Z.sqlite").is_file()
    capsys.readouterr()

    _use(monkeypatch, tmp_path, f"sqlite:///{tmp_path / 'one' / 'vaart.db'}")
    manifest = json.loads(manifest_path(backup_file).read_text())
    manifest["tables"]["ideas"] += 1
    manifest_file = manifest_path(backup_file)
    original = manifest_file.read_text()
    manifest_file.write_text(json.dumps(manifest))
    assert vaart(["restore", str(backup_file)]) == 1
    err = capsys.readouterr().err
    assert "Tabel ideas: 3 rijen in het manifest, 2 hersteld" in err and "NIET" in err

    manifest_file.write_text(original)
    with backup_file.open("r+b") as handle:
        handle.seek(5000)
        handle.write(b"\x00\xff\x00\xff")
    _use(monkeypatch, tmp_path, f"sqlite:///{tmp_path / 'two' / 'vaart.db'}")
    assert vaart(["restore", str(backup_file)]) == 1
    assert "controlesom" in capsys.readouterr().err

    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hallo")
    assert vaart(["restore", str(not_a_backup)]) == 1
    assert "geen back-up van vaart" in capsys.readouterr().err


def test_the_password_never_reaches_the_command_line() -> None:
    url = make_url("postgresql+psycopg://vaart:pa'ss@127.0.0.1:5433/vaart?sslmode=require")
    assert conninfo(url) == "host='127.0.0.1' port='5433' user='vaart' dbname='vaart' sslmode='require'"
