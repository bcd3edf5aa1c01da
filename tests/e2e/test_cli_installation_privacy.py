"""A person's data across every programme of an installation (ZOD, VDG), on SQLite and PostgreSQL:
without `--programma`, `export-person` gives every programme's part keyed by its code, `erase-person`
erases in every store or in none (naming the programme that could not), each programme's audit log
recording it, and `audit-log` shows every programme's log; one backup belongs to one programme, and
restoring it into another programme's store is refused in one sentence."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from bot.bootstrap.clock import ManualClock
from bot.bootstrap.installation import Installation, build_installation
from bot.bootstrap.settings import Settings
from bot.cli.main import main
from bot.domain.timezone import AMSTERDAM
from bot.services.ports.chat import ChatIdentity
from storage import tables
from storage.backup import Manifest, manifest_path
from storage.chat_repo import SqlChatDirectory
from tests.cast import ANNA, EMAIL
from tests.conftest import START
from tests.e2e.test_cli_installation import refused, two_programmes_env
from tests.integration.test_ops_privacy import _mentions
from tests.integration.test_store import register

KERNTEAM = EMAIL["kernteam"]  # registered kernteam in ZOD, an indiener in VDG


@pytest.fixture
def env(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A clean environment of two programmes on a frozen clock: only what the test sets."""
    yield two_programmes_env(monkeypatch, tmp_path, database_url)


@pytest.fixture
def two(env: dict[str, str]) -> Iterator[Installation]:
    """ANNA an indiener in both programmes; KERNTEAM kernteam in ZOD and an indiener in VDG."""
    made = build_installation(Settings.from_env(env), clock=ManualClock(START))
    register(made.app("ZOD"))
    made.app("ZOD").ideas.submit(ANNA, "test", "Zorgbus", "Een bus voor ouderen", opgaven=["5"])
    made.app("VDG").ideas.submit(ANNA, "test", "Dorpshuis", "Een dorpshuis")
    made.app("VDG").ideas.submit(KERNTEAM, "test", "Buurtzorg", "Zorg in de buurt")
    for app in made.apps.values():  # the chat router copies a Teams identity into every store
        SqlChatDirectory(app.engine).save_identity(ChatIdentity("teams", "aad-kern", KERNTEAM, "Kern Team"), START)
    yield made
    made.close()


def erased_entries(installation: Installation, code: str) -> int:
    a = tables.audit_log.c
    with installation.app(code).engine.connect() as conn:
        return len(conn.execute(select(a.seq).where(a.action == "person_erased")).all())


def test_export_without_programme_holds_every_programmes_part_under_its_code(
    two: Installation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export-person", KERNTEAM]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["VDG", "ZOD"]  # sorted keys, one part per programme
    assert "people" in data["ZOD"]["tables"] and "people" not in data["VDG"]["tables"]
    assert data["VDG"]["tables"]["ideas"][0]["submitter"] == KERNTEAM
    assert all(part["email"] == KERNTEAM for part in data.values())

    out = tmp_path / "anna.json"
    assert main(["export-person", ANNA.upper(), "--out", str(out)]) == 0
    anna = json.loads(out.read_text())
    assert {code: len(part["tables"]["ideas"]) for code, part in anna.items()} == {"ZOD": 1, "VDG": 1}
    assert oct(out.stat().st_mode & 0o777) == "0o600"

    assert main(["--programma", "VDG", "export-person", ANNA]) == 0
    alone = json.loads(capsys.readouterr().out)
    assert alone["email"] == ANNA and set(alone) == {"email", "pseudonym", "tables", "audit_log"}  # as ever

    err = refused(capsys, ["export-person", "niemand@example.org"])
    assert "niemand@example.org" in err


def test_erase_without_programme_erases_in_every_store_each_audit_log_recording_it(
    two: Installation, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["erase-person", KERNTEAM, "--dry-run"]) == 0
    dry = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in dry] == ["ZOD", "VDG"] and "people 1" in dry[0] and "ideas 1" in dry[1]
    assert all("identities 1" in line for line in dry)
    assert _mentions(two.app("VDG").engine, KERNTEAM)  # the dry run changed nothing

    assert main(["erase-person", KERNTEAM]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["ZOD", "VDG"] and all("gewist" in line for line in lines)
    for code in ("ZOD", "VDG"):
        assert _mentions(two.app(code).engine, KERNTEAM) == {}, code
        assert erased_entries(two, code) == 1
        assert SqlChatDirectory(two.app(code).engine).identity("teams", "aad-kern") is None
    assert main(["audit", "verify"]) == 0
    capsys.readouterr()

    assert main(["--programma", "ZOD", "erase-person", ANNA]) == 0  # one programme: as ever, the other keeps her
    capsys.readouterr()
    assert _mentions(two.app("ZOD").engine, ANNA) == {} and _mentions(two.app("VDG").engine, ANNA)
    assert main(["erase-person", ANNA]) == 0  # the rest of the installation: ZOD knows her no more
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("ZOD: Niets over") and lines[1].startswith("VDG: ") and "gewist" in lines[1]
    assert _mentions(two.app("VDG").engine, ANNA) == {}
    assert "geen gegevens" in refused(capsys, ["erase-person", ANNA])


def test_erase_and_export_change_and_give_nothing_when_one_programme_cannot_and_name_it(
    two: Installation, capsys: pytest.CaptureFixture[str]
) -> None:
    with two.app("VDG").engine.begin() as conn:  # a table is gone: the erasure fails midway in VDG
        conn.execute(text("DROP TABLE processed_requests"))
    err = refused(capsys, ["erase-person", KERNTEAM])
    assert "VDG" in err and "geen enkel programma" in err
    err = refused(capsys, ["export-person", KERNTEAM])  # no export with a programme's part missing
    assert "VDG" in err and "geen export" in err
    for code in ("ZOD", "VDG"):
        assert _mentions(two.app(code).engine, KERNTEAM), code
        assert erased_entries(two, code) == 0


def test_audit_log_without_programme_shows_every_programmes_log_each_line_named(
    two: Installation, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit-log"]) == 0
    lines = capsys.readouterr().out.splitlines()
    codes = [line.split(":")[0] for line in lines]
    assert codes == sorted(codes, key=["ZOD", "VDG"].index) and {"ZOD", "VDG"} == set(codes)
    assert sum(ANNA in line and "submitted" in line for line in lines) == 2  # pseudonyms shown as addresses
    assert main(["audit-log", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert {e["programma"] for e in entries} == {"ZOD", "VDG"}
    stored = datetime.fromisoformat(entries[0]["at"])  # as hashed: UTC with its offset
    assert stored.utcoffset() == timedelta(0)
    local = stored.astimezone(AMSTERDAM).strftime("%Y-%m-%d %H:%M:%S")  # the lines: local time, as `outbox list`
    assert local != stored.strftime("%Y-%m-%d %H:%M:%S") and f" {local} " in lines[0]
    assert main(["--programma", "VDG", "audit-log", "--json"]) == 0
    alone = json.loads(capsys.readouterr().out)
    assert alone and all("programma" not in e for e in alone) and len(alone) < len(entries)


def test_a_backup_names_its_programme_and_restores_only_into_that_programmes_store(
    two: Installation, env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup"]) == 0
    capsys.readouterr()
    files = {Manifest.read(p.with_suffix("")).programme: p.with_suffix("")  # type: ignore[union-attr]
             for p in Path(env["VAART_BACKUP_DIR"]).glob("*.json")}
    assert set(files) == {"ZOD", "VDG"}
    assert json.loads(manifest_path(files["VDG"]).read_text())["programme"] == "VDG"

    err = refused(capsys, ["--programma", "ZOD", "restore", str(files["VDG"])])
    assert "VDG" in err and "ZOD" in err and "--programma VDG" in err

    vdg = two.app("VDG")  # VDG's store is lost: emptied, then restored from its own file
    with vdg.engine.connect() as conn:
        ideas_before = conn.execute(select(tables.ideas.c.reference).order_by(tables.ideas.c.reference)).all()
    two.close()
    _empty(vdg.engine.url.render_as_string(hide_password=False), vdg.settings.database_schema)
    assert main(["restore", str(files["VDG"])]) == 0  # no --programma: the programme the file names
    assert "Hersteld" in capsys.readouterr().out
    again = build_installation(Settings.from_env(env), clock=ManualClock(START))
    try:
        with again.app("VDG").engine.connect() as conn:
            assert conn.execute(select(tables.ideas.c.reference)
                                .order_by(tables.ideas.c.reference)).all() == ideas_before
    finally:
        again.close()


def _empty(url: str, schema: str | None) -> None:
    """The store at *url* (in *schema* on PostgreSQL) left empty, as after losing it."""
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        return
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        engine.dispose()
