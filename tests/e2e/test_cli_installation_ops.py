"""The operator's commands in an installation with two programmes (ZOD, VDG), on SQLite and
PostgreSQL: without `--programma` `outbox list`, `outbox retry --all`, `check`, `audit verify`,
`purge` and `backup` work on every programme's store and name the programme on each line (in JSON:
`programma`), with `--programma` on that one alone; what needs one store (`outbox retry ID`,
`backup --out FILE`) asks for the programme in one sentence."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from bot.bootstrap.clock import ManualClock
from bot.bootstrap.installation import Installation, build_installation
from bot.bootstrap.settings import Settings
from bot.cli.main import main
from storage import tables
from tests.cast import ANNA
from tests.conftest import START
from tests.e2e.test_cli_installation import refused, two_programmes_env
from tests.integration.test_audit_walk import tamper
from tests.integration.test_scale_ops import fill_outbox


@pytest.fixture
def env(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A clean environment of two programmes on a frozen clock: only what the test sets."""
    yield two_programmes_env(monkeypatch, tmp_path, database_url)


@pytest.fixture
def two(env: dict[str, str]) -> Iterator[Installation]:
    made = build_installation(Settings.from_env(env), clock=ManualClock(START))
    yield made
    made.close()


def dead(installation: Installation, code: str, sent: int, pending: int, at: datetime = START) -> None:
    """*sent* delivered rows and *pending* rows made dead letters, in programme *code*'s outbox."""
    engine = installation.app(code).engine
    fill_outbox(engine, sent, pending, at)
    with engine.begin() as conn:
        conn.execute(update(tables.outbox).where(tables.outbox.c.status == "pending")
                     .values(status="dead", last_error="relay weigert"))


def statuses(installation: Installation, code: str) -> dict[str, int]:
    o = tables.outbox.c
    with installation.app(code).engine.connect() as conn:
        return {str(s): int(n) for s, n in conn.execute(select(o.status, func.count()).group_by(o.status))}


def test_outbox_list_and_retry_all_work_on_every_programme_and_retry_id_asks_which(
    two: Installation, capsys: pytest.CaptureFixture[str]
) -> None:
    dead(two, "ZOD", 0, 1)
    dead(two, "VDG", 0, 2)
    assert main(["outbox", "list", "--status", "dead", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted(r["programma"] for r in rows) == ["VDG", "VDG", "ZOD"]
    assert main(["outbox", "list", "--status", "dead"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "ZOD:" and "VDG:" in lines and sum("reden: relay weigert" in line for line in lines) == 3
    assert main(["--programma", "VDG", "outbox", "list", "--json"]) == 0
    only = json.loads(capsys.readouterr().out)
    assert len(only) == 2 and "programma" not in only[0]  # one programme: the answer it always was

    err = refused(capsys, ["outbox", "retry", "1"])
    assert err == "Bericht 1 hoort bij de outbox van één programma, dus kies het met --programma (een van: ZOD, VDG)."
    assert statuses(two, "ZOD") == {"dead": 1} and statuses(two, "VDG") == {"dead": 2}
    assert main(["--programma", "vdg", "outbox", "retry", "1"]) == 0
    capsys.readouterr()
    assert statuses(two, "ZOD") == {"dead": 1} and statuses(two, "VDG") == {"dead": 1, "pending": 1}

    assert main(["outbox", "retry", "--all"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out] == ["ZOD", "VDG"]
    assert statuses(two, "ZOD") == {"pending": 1} and statuses(two, "VDG") == {"pending": 2}


def test_check_asks_every_programmes_database_and_channels(
    two: Installation, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--json"]) == 0
    checks = json.loads(capsys.readouterr().out)["checks"]
    assert {c["programma"] for c in checks} == {"ZOD", "VDG"}
    assert {c["name"] for c in checks} >= {"ZOD: database", "VDG: database", "VDG: outbox"}
    assert all(c["ok"] for c in checks)


def test_audit_verify_walks_every_programmes_chain_and_names_the_broken_one(
    two: Installation, capsys: pytest.CaptureFixture[str]
) -> None:
    for code in ("ZOD", "VDG"):
        two.app(code).ideas.submit(ANNA, "test", "Zorgbus", "Een bus")
    assert main(["audit", "verify"]) == 0
    assert [line.split(":")[0] for line in capsys.readouterr().out.splitlines()] == ["ZOD", "VDG"]

    tamper(two.app("VDG"), "UPDATE audit_log SET actor = 'mallory@x.nl' WHERE seq = 1")
    assert main(["audit", "verify"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("ZOD: ") and "VDG" not in captured.out
    assert captured.err and all(line.startswith("VDG: ") for line in captured.err.splitlines())
    assert main(["--programma", "ZOD", "audit", "verify"]) == 0


def test_purge_applies_each_programmes_own_retention_term(
    two: Installation, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VAART_VDG__VAART_RETENTION_DAYS", "30")
    for code in ("ZOD", "VDG"):
        fill_outbox(two.app(code).engine, 3, 0, START - timedelta(days=100))
    assert main(["purge"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["ZOD", "VDG"]
    assert "365" in lines[0] and "30" in lines[1]
    assert statuses(two, "ZOD") == {"sent": 3} and statuses(two, "VDG") == {}


def test_backup_writes_every_programmes_store_to_a_file_of_its_own(
    two: Installation, env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(capsys, ["backup", "--out", str(Path(env["VAART_BACKUP_DIR"]) / "x")])
    assert "--programma" in err and "ZOD, VDG" in err
    assert main(["backup"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["ZOD", "VDG"]
    stamp = f"{START.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    names = sorted(p.name for p in Path(env["VAART_BACKUP_DIR"]).iterdir())
    kind = "sqlite" if two.default.engine.dialect.name == "sqlite" else "dump"
    assert f"vaart-{stamp}.{kind}" in names and f"vaart-vdg-{stamp}.{kind}" in names, names


def test_the_workers_retention_job_keeps_each_programmes_own_term(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.bootstrap.ops_settings import OpsSettings
    from bot.worker import _jobs

    monkeypatch.setenv("VAART_VDG__VAART_RETENTION_DAYS", "30")
    made = build_installation(clock=ManualClock(START))  # the environment, as `vaart worker` reads it
    try:
        ops = OpsSettings.from_env(made.default.settings.env)
        for app in made.apps.values():
            fill_outbox(app.engine, 3, 0, START - timedelta(days=100))
            [retain] = [job for job_id, job, _, _ in _jobs(app, "host:1", ops, START) if job_id == "retention"]
            retain()
        assert statuses(made, "ZOD") == {"sent": 3} and statuses(made, "VDG") == {}
    finally:
        made.close()
