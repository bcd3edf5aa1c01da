"""`vaart status REF` answers every reference the chat's `status` answers (a spend request, a decision, a
meeting, a written round, an objection, an escalation), with the chat's text: `--as` someone reads what
that person reads in the chat (a refusal too, on stderr, exit 1); the operator reads what the register's
best-placed reader reads (the programmadirecteur: every escalation's reason). An idea keeps the store's
lookup without SQLAlchemy; a reference of no known shape is one Dutch sentence, exit 1. On SQLite and on
PostgreSQL, and for the VDG's references with `--programma`.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cast import ANNA, EMAIL
from tests.e2e import test_console_vdg as vdg
from tests.e2e.test_cli_status_lookup import _Chat, _env, _status, _walked
from tests.e2e.test_console_rules import REF, Chat

SPEND = "ZOD-U-2026-0001"
DECISION = "ZOD-B-2026-001"
OBJECTION = "ZOD-BZ-2026-001"
ESCALATION = "ZOD-ESC-2026-001"
ROUND = "ZOD-R-2026-001"
MEETING = "zod-stuurgroep-20261211@regiodeal-zod.nl"
KINDS = (SPEND, DECISION, OBJECTION, ESCALATION, ROUND, MEETING)
VIEWERS = (EMAIL["director"], EMAIL["sg1"], EMAIL["kernteam"], ANNA, "iemand@elders.nl")


def _every_kind(chat: Chat) -> Chat:
    """The walked Zorgbus (an escalation, a round and its decision), a spend request, an objection, a meeting."""
    _walked(chat)
    assert SPEND in chat.say(EMAIL["kernteam"], "uitgave 12.000 Onderzoek naar vervoer | soort: onderzoek")
    assert OBJECTION in chat.say(ANNA, f"bezwaar {DECISION} proces Niet gehoord")
    assert "Stuurgroep op 11-12-2026" in chat.say(EMAIL["staf"], "vergadering stuurgroep 11-12-2026")
    return chat


@pytest.fixture
def every_kind(tmp_path: Path) -> Iterator[Chat]:
    chat = _every_kind(_Chat(tmp_path))
    yield chat
    chat.close()


def _chat_status(chat: Chat, who: str, reference: str) -> str:
    """What *who* reads after `status REF` in the chat, without a guest's welcome."""
    session = chat.app.chat.session(who, "test")
    session.welcomed = True
    return chat.app.chat.handle(session, f"status {reference}")


def _as_the_chat_says(chat: Chat, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                      env: dict[str, str]) -> None:
    for reference in KINDS:
        for who in VIEWERS:
            code, out, err = _status(env, monkeypatch, capsys, reference, "--as", who)
            assert (out if code == 0 else err) == _chat_status(chat, who, reference) + "\n", (reference, who)
        code, out, err = _status(env, monkeypatch, capsys, reference)
        assert (code, err) == (0, ""), reference
        assert out == _chat_status(chat, EMAIL["director"], reference) + "\n", reference


def test_vaart_status_answers_every_kind_of_reference_with_the_chats_text_for_each_viewer(
    every_kind: Chat, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("VAART_DATABASE_URL", raising=False)
    _as_the_chat_says(every_kind, monkeypatch, capsys, _env(every_kind))
    code, out, _ = _status(_env(every_kind), monkeypatch, capsys, SPEND, "--as", ANNA)
    assert code == 1 and out == ""  # a spend request is for the register's people and its requester
    code, out, _ = _status(_env(every_kind), monkeypatch, capsys, ESCALATION)
    assert code == 0 and "De partners zijn het oneens" in out  # the operator reads the reason


@pytest.mark.postgres
def test_vaart_status_answers_every_kind_of_reference_on_postgresql(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chat = _every_kind(_Chat(tmp_path, postgres_url))
    try:
        _as_the_chat_says(chat, monkeypatch, capsys, _env(chat, postgres_url))
    finally:
        chat.close()


@pytest.mark.parametrize("reference", ["ZOD-U-2026-0099", "ZOD-B-2026-099", "ZOD-2026", "onzin", "VDG-2026-0001"])
def test_an_unknown_or_malformed_reference_is_one_dutch_sentence_and_exit_1(
    every_kind: Chat, reference: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("VAART_DATABASE_URL", raising=False)
    code, out, err = _status(_env(every_kind), monkeypatch, capsys, reference)
    assert (code, out) == (1, "") and err.count("\n") == 1 and reference in err
    assert err == _chat_status(every_kind, EMAIL["director"], reference) + "\n"


def test_an_idea_keeps_the_lookup_without_sqlalchemy_and_another_kind_takes_the_application(
    every_kind: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each in a process of its own: whether SQLAlchemy was imported is what the process says at its end."""
    monkeypatch.delenv("VAART_DATABASE_URL", raising=False)
    probe = ("import sys, bot.cli.main as m; code = m.main(['status', sys.argv[1]]); "
             "print('sqlalchemy' in sys.modules, code)")
    env = {**_env(every_kind), "PATH": "/usr/bin:/bin"}
    said = {ref: subprocess.run([sys.executable, "-c", probe, ref], env=env, capture_output=True, text=True,
                                check=True, cwd=Path(__file__).parents[2]).stdout.splitlines()[-1]
            for ref in (REF, SPEND)}
    assert said == {REF: "False 0", SPEND: "True 0"}


def test_vaart_programma_vdg_status_answers_the_vdgs_spend_request_and_decision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chat = vdg.Chat(tmp_path, f"sqlite:///{tmp_path / 'var' / 'vaart-vdg.db'}")  # the VDG's store beside ZOD's
    try:
        spend = "VDG-U-2026-0001"
        assert spend in chat.say(vdg.REGISSEUR, "uitgave 5.000 Drukwerk voor de campagne | regel: communicatie")
        monkeypatch.delenv("VAART_DATABASE_URL", raising=False)
        env = {"VAART_VAR_DIR": str(tmp_path / "var"), "VAART_PROGRAMMES": "zod,vdg",
               "VAART_NOW": chat.clock.now().isoformat()}
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        from bot.cli.main import main

        assert main(["--programma", "vdg", "status", spend]) == 0
        out = capsys.readouterr().out
        session = chat.app.chat.session(vdg.REGISSEUR, "test")
        assert out == chat.app.chat.handle(session, f"status {spend}") + "\n" and "Drukwerk" in out
        assert main(["--programma", "vdg", "status", "ZOD-U-2026-0001"]) == 1
        assert "VDG-U-2026-0001" in capsys.readouterr().err  # the VDG's shapes, not the Regio Deal's
    finally:
        chat.app.close()
