"""The `vaart` command in an installation with several programmes: `--programma` (and
`VAART_PROGRAMMA`) chooses the programme, `vaart programmes` lists them with their stores (no
password), `vaart migrate` brings every store to the head, `vaart worker --once` runs every
programme and one failing programme does not stop the others; bad input (an unknown programme,
duplicate codes or prefixes, an unreadable file) is one Dutch sentence, exit 1, and nothing is created.
Without `VAART_PROGRAMMES` the command is the one programme it always was."""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time as time_module
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.bootstrap.clock import ManualClock
from bot.bootstrap.installation import build_installation
from bot.bootstrap.settings import Settings
from bot.cli.main import main
from bot.domain.errors import Refused
from bot.messages import render
from bot.worker import run_once
from tests.conftest import START
from tests.unit.core.test_refusals_are_one_sentence import sentences

VDG_FILE = Path(__file__).resolve().parents[2] / "bot" / "programme" / "vdg.toml"


def clean_env(monkeypatch: pytest.MonkeyPatch, settings: dict[str, str]) -> dict[str, str]:
    """Only *settings* of vaart's, Slack's and Teams' variables are set: none of the caller's."""
    for name in [n for n in os.environ if n.startswith(("VAART_", "SLACK_", "TEAMS_"))]:
        monkeypatch.delenv(name)
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    return settings


def two_programmes_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str) -> dict[str, str]:
    """A clean environment of two programmes (ZOD the default, VDG) on a frozen clock."""
    settings = {"VAART_VAR_DIR": str(tmp_path / "var"), "VAART_PROGRAMMES": "zod,vdg", "VAART_NOW": START.isoformat(),
                "VAART_BACKUP_DIR": str(tmp_path / "backups")}
    if not database_url.startswith("sqlite"):
        settings["VAART_DATABASE_URL"] = database_url
    return clean_env(monkeypatch, settings)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A clean environment of vaart's settings: only what the test sets."""
    yield clean_env(monkeypatch, {"VAART_VAR_DIR": str(tmp_path / "var")})


def refused(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert len(sentences(err)) == 1, err
    return err


def test_vaart_programmes_lists_each_code_name_and_store_without_the_password(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("VAART_PROGRAMMES", "zod,vdg")
    monkeypatch.setenv("VAART_DATABASE_URL", "postgresql+psycopg://vaart:geheim@db.invalid/vaart")
    assert main(["programmes"]) == 0
    out = capsys.readouterr().out
    assert "geheim" not in out and "vaart:***@db.invalid/vaart" in out
    lines = out.strip().splitlines()
    assert lines[1].startswith("ZOD ") and "Regio Deal" in lines[1] and "schema" not in lines[1]
    assert lines[2].startswith("VDG ") and lines[2].endswith("(schema vdg)")
    assert not (tmp_path / "var").exists()  # a listing opens no store


def test_without_vaart_programmes_the_command_is_the_one_programme_it_always_was(
    env: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["programmes"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("ZOD ") and lines[1].rstrip().endswith("var/vaart.db")
    assert main(["--programma", "zod", "people", "list"]) == 0
    capsys.readouterr()
    err = refused(capsys, ["--programma", "VDG", "people", "list"])
    assert err == "Deze installatie kent het programma 'VDG' niet, dus kies een van: ZOD."


def test_migrate_brings_every_programmes_store_to_the_head(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("VAART_PROGRAMMES", f"zod,{VDG_FILE}")
    assert main(["migrate"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["ZOD", "VDG"]
    assert (tmp_path / "var" / "vaart.db").exists() and (tmp_path / "var" / "vaart-vdg.db").exists()
    monkeypatch.setenv("VAART_PROGRAMMA", "vdg")  # the environment's choice, as --programma
    assert main(["people", "add", "--name", "Pim", "--email", "p@vdg.invalid", "--role", "kernteam"]) == 0
    assert main(["people", "list"]) == 0
    assert "p@vdg.invalid" in capsys.readouterr().out
    assert main(["--programma", "ZOD", "people", "list"]) == 0
    assert "p@vdg.invalid" not in capsys.readouterr().out
    assert main(["calendar", "feeds"]) == 0  # VAART_PROGRAMMA=vdg: the VDG's feeds, under its path
    vdg_feeds = capsys.readouterr().out
    assert "http://127.0.0.1:8000/programma/vdg/calendar/algemeen_bestuur.ics?token=" in vdg_feeds
    assert main(["--programma", "ZOD", "calendar", "feeds"]) == 0
    zod_feeds = capsys.readouterr().out
    assert "http://127.0.0.1:8000/calendar/stuurgroep.ics?token=" in zod_feeds and "/programma/" not in zod_feeds


@pytest.mark.parametrize("argv", [["people", "list"], ["decisions", "--json"], ["status", "ZOD-2026-0001"],
                                  ["migrate"], ["worker", "--once"]])
def test_an_unknown_programme_is_refused_in_one_sentence_and_creates_nothing(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    argv: list[str]
) -> None:
    monkeypatch.setenv("VAART_PROGRAMMES", "zod,vdg")
    err = refused(capsys, ["--programma", "XYZ", *argv])
    assert err == "Deze installatie kent het programma 'XYZ' niet, dus kies een van: ZOD, VDG."
    assert not (tmp_path / "var").exists()


def test_duplicate_codes_prefixes_and_unreadable_files_stop_the_start_with_nothing_created(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("VAART_PROGRAMMES", "zod,zod")
    assert "allebei de code ZOD" in refused(capsys, ["migrate"])
    twin = tmp_path / "vdh.toml"
    twin.write_text(VDG_FILE.read_text(encoding="utf-8").replace('code = "VDG"', 'code = "VDH"', 1),
                    encoding="utf-8")
    monkeypatch.setenv("VAART_PROGRAMMES", f"vdg,{twin}")
    assert "allebei het referentievoorvoegsel VDG" in refused(capsys, ["people", "list"])
    monkeypatch.setenv("VAART_PROGRAMMES", f"zod,{tmp_path / 'weg.toml'}")
    assert "weg.toml uit VAART_PROGRAMMES is niet te lezen" in refused(capsys, ["migrate"])
    broken = tmp_path / "kapot.toml"
    broken.write_text("[programma\ncode = ", encoding="utf-8")
    monkeypatch.setenv("VAART_PROGRAMMES", f"zod,{broken}")
    assert "kapot.toml uit VAART_PROGRAMMES is niet te lezen" in refused(capsys, ["serve"])
    monkeypatch.setenv("VAART_PROGRAMMES", " , ")
    assert "noemt geen enkel programmabestand" in refused(capsys, ["migrate"])
    assert not (tmp_path / "var").exists()


def test_a_bad_second_programme_file_stops_the_installation_before_any_store_exists(
    env: dict[str, str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(VDG_FILE.read_text(encoding="utf-8").replace('code = "VDG"', 'code = "VDX"', 1)
                   .replace('referentie_prefix = "VDG"', 'referentie_prefix = "VDX"', 1)
                   .replace('procedure = "per-member-body"', 'procedure = "bij-toeval"', 1), encoding="utf-8")
    settings = Settings.from_env({**env, "VAART_PROGRAMMES": f"zod,{bad}"})
    with pytest.raises(Refused) as raised:
        build_installation(settings, clock=ManualClock(START))
    said = render(raised.value.code, "nl", **raised.value.params)
    assert raised.value.code == "programme.invalid" and said.startswith("Het programmabestand bad.toml start niet")
    assert not (tmp_path / "var").exists()


def test_the_worker_runs_every_programme_and_one_failing_does_not_stop_the_others(
    env: dict[str, str], caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    settings = Settings.from_env({**env, "VAART_PROGRAMMES": "vdg,zod", "VAART_VDG__VAART_SMTP_PASSWORD": "geheim"})
    installation = build_installation(settings, clock=ManualClock(START))
    try:
        vdg, zod = installation.apps["VDG"], installation.apps["ZOD"]
        assert vdg is installation.default and vdg.settings.database_url.endswith("/var/vaart.db")
        assert zod.settings.outbox_dir == tmp_path / "var" / "outbox" / "zod"
        zod.ideas.submit("anna@voorbeeld.nl", "test", "Zorgbus", "Een bus voor ouderen", opgaven=["5"])
        assert run_once(list(installation.apps.values())) == 0
        out = capsys.readouterr().out
        assert out.startswith("VDG:") and "\nZOD:\n" in out
        assert list((tmp_path / "var" / "outbox" / "zod").glob("*.eml"))  # the ZOD's mail in its own outbox

        def broken(*args: object, **kwargs: object) -> object:
            raise ConnectionError("smtp://gebruiker:geheim@relay.invalid weigert")

        vdg.outbox.drain = broken  # type: ignore[method-assign]
        zod.ideas.submit("anna@voorbeeld.nl", "test", "Dorpshuis", "Een huis voor het dorp", opgaven=["5"])
        before = len(list((tmp_path / "var" / "outbox" / "zod").glob("*.eml")))
        with caplog.at_level(logging.ERROR, logger="vaart.worker"):
            assert run_once(list(installation.apps.values())) == 1
        assert len(list((tmp_path / "var" / "outbox" / "zod").glob("*.eml"))) > before  # ZOD still delivered
        logged = "\n".join(r.getMessage() for r in caplog.records)
        assert "programme VDG failed in this round: ConnectionError" in logged and "geheim" not in logged
    finally:
        installation.close()


def test_vaart_worker_as_a_process_delivers_every_programmes_outbox_and_beats_in_every_store(
    env: dict[str, str], tmp_path: Path
) -> None:
    settings = Settings.from_env({**env, "VAART_PROGRAMMES": "zod,vdg"})
    installation = build_installation(settings, clock=ManualClock(START))
    try:
        installation.app("ZOD").ideas.submit("anna@voorbeeld.nl", "test", "Zorgbus", "Een bus", opgaven=["5"])
        installation.app("VDG").ideas.submit("anna@voorbeeld.nl", "test", "Warmte", "Een coördinator")
    finally:
        installation.close()
    root = Path(__file__).resolve().parents[2]
    process_env = {**{k: v for k, v in os.environ.items() if not k.startswith("VAART_")}, **env,
                   "PYTHONPATH": str(root), "VAART_PROGRAMMES": "zod,vdg", "VAART_WORKER_OUTBOX_INTERVAL": "0.2",
                   "VAART_WORKER_LOCK_INTERVAL": "0.2", "VAART_LOG_LEVEL": "INFO"}
    worker = subprocess.Popen([sys.executable, "-m", "bot.cli", "worker"], cwd=root, env=process_env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    outbox = tmp_path / "var" / "outbox"
    try:
        deadline = time_module.monotonic() + 60
        while time_module.monotonic() < deadline:
            if list(outbox.glob("*.eml")) and list((outbox / "vdg").glob("*.eml")) and _beats(tmp_path) == 2:
                break
            time_module.sleep(0.2)
        assert list(outbox.glob("*.eml")) and list((outbox / "vdg").glob("*.eml"))
        assert _beats(tmp_path) == 2  # the leader's heartbeat in both stores (/readyz of each)
    finally:
        worker.send_signal(signal.SIGTERM)
        _, err = worker.communicate(timeout=60)
    assert worker.returncode == 0, err


def _beats(tmp_path: Path) -> int:
    found = 0
    for name in ("vaart.db", "vaart-vdg.db"):
        with sqlite3.connect(tmp_path / "var" / name) as conn:
            found += conn.execute("SELECT count(*) FROM worker_leader WHERE name = 'worker'").fetchone()[0]
    return found


def test_vaart_status_of_a_chosen_programme_stays_on_the_light_path(env: dict[str, str], tmp_path: Path) -> None:
    settings = Settings.from_env({**env, "VAART_PROGRAMMES": "zod,vdg"})
    installation = build_installation(settings, clock=ManualClock(START))
    try:
        installation.app("VDG").ideas.submit("anna@voorbeeld.nl", "test", "Warmte", "Een coördinator")
    finally:
        installation.close()
    root = Path(__file__).resolve().parents[2]
    probe = ("import sys; from bot.cli.main import main; code = main(['--programma', 'vdg', 'status', "
             "'VDG-2026-0001']); heavy = [m for m in ('bot.bootstrap.app', 'bot.chat.bot', 'bot.frontends', "
             "'starlette', 'alembic') if m in sys.modules]; print('HEAVY', heavy); sys.exit(code)")
    process_env = {**{k: v for k, v in os.environ.items() if not k.startswith("VAART_")}, **env,
                   "PYTHONPATH": str(root), "VAART_PROGRAMMES": "zod,vdg"}
    done = subprocess.run([sys.executable, "-c", probe], cwd=root, env=process_env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "VDG-2026-0001" in done.stdout and "HEAVY []" in done.stdout


def test_vaart_chat_of_an_installation_switches_programmes_with_programma(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setenv("VAART_PROGRAMMES", "zod,vdg")
    monkeypatch.setattr(sys, "stdin", io.StringIO("programma\nprogramma VDG\nidee Warmtecoach | Een coach\n"
                                                  "programma ZOD\nidee Buurtbus | Een bus\n"))
    assert main(["chat", "--as", "anna@voorbeeld.nl"]) == 0
    out = capsys.readouterr().out
    assert "VDG-2026-0001" in out and "ZOD-2026-0001" in out
    installation = build_installation()
    try:
        assert installation.app("VDG").ideas.find("VDG-2026-0001") is not None
        assert installation.app("ZOD").ideas.find("VDG-2026-0001") is None
        assert installation.app("ZOD").ideas.find("ZOD-2026-0001") is not None
    finally:
        installation.close()
