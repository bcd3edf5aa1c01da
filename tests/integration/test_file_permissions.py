"""Files with personal data are the owner's only (0600, directories 0700) whatever the umask: the
SQLite store with its -wal and -shm, the file outbox, the worker's lock, backups and exports.
A store and outbox left open by an older version are tightened when vaart opens them."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.bootstrap.app import build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings
from bot.cli.main import main as vaart
from bot.domain.errors import Refused
from scheduling.worker_lock import WorkerLock
from tests.cast import ANNA
from tests.conftest import make_app


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def modes(root: Path) -> dict[str, int]:
    """Every file and directory under *root* (itself included) with its permission bits."""
    found = {".": mode(root)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = mode(path)
    return found


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The worst umask: nothing taken away, so every mode below is vaart's own doing."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def test_with_umask_000_the_store_and_the_file_outbox_are_the_owners_only(
    tmp_path: Path, clock: ManualClock, open_umask: None
) -> None:
    app = make_app(tmp_path, clock)
    try:
        app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus")
        assert app.outbox.drain().sent
        lock = WorkerLock(app.engine, app.settings.var_dir)
        assert lock.acquire()
        lock.release()
        var = app.settings.var_dir
        found = modes(var)
    finally:
        app.close()
    assert {"vaart.db", "vaart.db-wal", "vaart.db-shm", "outbox", "worker.lock"} <= set(found)
    assert any(name.endswith(".eml") for name in found)
    wrong = {name: f"{m:04o}" for name, m in found.items() if m != (0o700 if (var / name).is_dir() else 0o600)}
    assert wrong == {}


def test_an_older_store_and_outbox_left_open_are_tightened_when_vaart_opens_them(
    tmp_path: Path, clock: ManualClock, open_umask: None
) -> None:
    app = make_app(tmp_path, clock)
    app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus")
    app.outbox.drain()
    app.close()
    var = tmp_path / "var"
    old = [var / "vaart.db", var / "vaart.db-wal", var / "vaart.db-shm", *(var / "outbox").glob("*.eml")]
    for path in old:
        if path.exists():
            path.chmod(0o644)
    (var / "outbox").chmod(0o755)

    again = make_app(tmp_path, clock)
    try:
        again.ideas.submit(ANNA, "test", "Fietspad", "Een pad")
        again.outbox.drain()
    finally:
        again.close()
    assert mode(var / "vaart.db") == 0o600
    assert all(mode(p) == 0o600 for p in (var / "vaart.db-wal", var / "vaart.db-shm") if p.exists())
    assert mode(var / "outbox") == 0o700  # nobody else can open the older messages in it any more
    new = [p for p in (var / "outbox").glob("*.eml") if p not in old]
    assert new and all(mode(p) == 0o600 for p in new)


def test_vaart_file_mode_may_open_files_to_the_group_but_never_to_others(
    tmp_path: Path, clock: ManualClock, open_umask: None
) -> None:
    env = {"VAART_VAR_DIR": str(tmp_path / "var"), "VAART_FILE_MODE": "0640"}
    app = build(Settings.from_env(env), clock=clock)
    try:
        app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus")
        app.outbox.drain()
    finally:
        app.close()
    var = tmp_path / "var"
    assert mode(var / "vaart.db") == 0o640 and mode(var / "outbox") == 0o750
    assert {mode(p) for p in (var / "outbox").glob("*.eml")} == {0o640}
    for refused in ("0644", "0666", "0700", "rw-r--r--"):
        with pytest.raises(Refused) as caught:
            Settings.from_env({**env, "VAART_FILE_MODE": refused})
        assert caught.value.code == "files.bad_mode"


def test_backups_and_the_exports_of_personal_data_are_the_owners_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_umask: None, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VAART_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("VAART_NOW", "2026-11-23T10:00:00")
    monkeypatch.delenv("VAART_DATABASE_URL", raising=False)
    assert vaart(["people", "add", "--name", "Anna", "--email", ANNA, "--role", "kernteam"]) == 0
    out = tmp_path / "exports" / "nieuw"
    assert vaart(["export-person", ANNA, "--out", str(out / "anna.json")]) == 0
    assert vaart(["decisions", "--format", "csv", "--out", str(tmp_path / "register.csv")]) == 0
    assert vaart(["backup", "--out", str(tmp_path / "backups" / "b.db")]) == 0
    capsys.readouterr()
    assert mode(out / "anna.json") == 0o600 and mode(out) == 0o700 and mode(out.parent) == 0o700
    assert mode(tmp_path / "register.csv") == 0o600
    assert mode(tmp_path / "backups") == 0o700 and mode(tmp_path / "backups" / "b.db") == 0o600
