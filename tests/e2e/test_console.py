"""Conversation tests: the `vaart` command, typed into as different people, through the whole route.

They run the command in this process (`bot.cli.main.main` with the conversation on stdin), so a
conversation of forty turns takes seconds; `test_the_real_vaart_chat_command_answers_on_stdout` runs
the installed command as its own process, the path scripts and the README take.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from bot.cli.main import main
from tests.cast import ANNA, CAST, DIRK, EMAIL, PARTS

VAART = [sys.executable, "-m", "bot.cli"]


class Vaart:
    def __init__(self, var_dir: Path, monkeypatch: pytest.MonkeyPatch | None = None) -> None:
        """In-process with *monkeypatch* (it sets the environment for each run), else as processes."""
        self.env = {**os.environ, "VAART_VAR_DIR": str(var_dir), "VAART_NOW": "2026-11-23T10:00:00"}
        self.env.pop("VAART_DATABASE_URL", None)
        self.monkeypatch = monkeypatch

    def run(self, *args: str, stdin: str = "", now: str | None = None) -> subprocess.CompletedProcess[str]:
        """`vaart ARGS` with *stdin*, in this process: exit status, stdout and stderr as a process gives
        them; *now*: another moment than the conversation's (the stuurgroep decides in its meeting)."""
        env = self.env if now is None else {**self.env, "VAART_NOW": now}
        if self.monkeypatch is None:
            return self.run_process(*args, stdin=stdin, env=env)
        out, err = io.StringIO(), io.StringIO()
        with self.monkeypatch.context() as patch:
            for name in ("VAART_VAR_DIR", "VAART_NOW"):
                patch.setenv(name, env[name])
            patch.delenv("VAART_DATABASE_URL", raising=False)
            patch.setattr(sys, "stdin", io.StringIO(stdin))
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(list(args))
                except SystemExit as leaving:  # argparse's wrong usage
                    code = leaving.code if isinstance(leaving.code, int) else 2
        return subprocess.CompletedProcess([*VAART, *args], code, out.getvalue(), err.getvalue())

    def run_process(
        self, *args: str, stdin: str = "", env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """The real command, as its own process."""
        env = env or self.env
        return subprocess.run(
            [*VAART, *args], input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False
        )

    def chat(self, email: str, *lines: str, now: str | None = None) -> str:
        """*now*: another moment than the conversation's (the stuurgroep decides in its meeting)."""
        result = self.run("chat", "--as", email, stdin="\n".join(lines) + "\n", now=now)
        assert result.returncode == 0, result.stderr
        return result.stdout


@pytest.fixture
def vaart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Vaart:
    return Vaart(tmp_path / "var", monkeypatch)


def test_the_whole_route_as_a_conversation_between_the_roles(vaart: Vaart, tmp_path: Path) -> None:
    for email, name, roles in CAST.values():
        args = ["people", "add", "--name", name, "--email", email]
        for role in roles:
            args += ["--role", role]
        assert vaart.run(*args).returncode == 0

    said = vaart.chat(ANNA, "idee Zorgbus | Een bus die ouderen naar de huisarts brengt | opgaven: 5", "mijn")
    assert "ZOD-" in said and "Zorgbus" in said
    ref = said.split("onder nummer ")[1].split(".")[0]

    assert "opgepakt" in vaart.chat(EMAIL["kernteam"], f"oppakken {ref}")
    assert "Ontwerpteam gevormd" in vaart.chat(EMAIL["kernteam"], f"orientatie {ref} ontwerpteam {DIRK}, {ANNA}")
    designer = vaart.chat(
        DIRK,
        f"voorstel {ref} project",
        *(f"deel {ref} {k} {v}" for k, v in PARTS.items()),
        f"din {ref} programmalijn Zorg en Welzijn",
        f"din {ref} subdoel 1",
        f"din {ref} principe 1",
    )
    assert "alle onderdelen van het voorstel zijn ingevuld" in designer
    assert "klaar voor toetsing" in vaart.chat(EMAIL["director"], f"toetsing {ref}")

    answers = [f"advies {ref}"] + ["voldoet: sterk onderbouwd"] * 10 + ["positief", "Betrek de huisartsenpost"]
    assert "Advies over" in vaart.chat(EMAIL["chair"], *answers)
    assert "op de agenda" in vaart.chat(EMAIL["director"], f"agenderen {ref} 11-12-2026 toelaten")
    decided = vaart.chat(
        EMAIL["staf"],
        f"besluit {ref} akkoord | aanwezig: {EMAIL['sg1']}, {EMAIL['sg2']} | bedrag: € 45.000 "
        "| overwegingen: Breed gedragen",
        now="2026-12-11T14:00:00",
    )
    assert "akkoord" in decided and "ZOD-B-" in decided
    assert "in uitvoering" in vaart.chat(EMAIL["kernteam"], f"uitvoering {ref}")
    status = vaart.chat(ANNA, f"status {ref}")
    assert "In uitvoering" in status and "€ 45.000,00" in status and "Breed gedragen" in status

    mails = sorted((tmp_path / "var" / "outbox").glob("*.eml"))
    decision_mail = [m for m in mails if "decided" in m.name and "anna" in m.name]
    assert decision_mail and "Breed gedragen" in decision_mail[0].read_text()
    assert vaart.run("audit", "verify").returncode == 0
    register = vaart.run("decisions", "--json")
    assert '"outcome": "akkoord"' in register.stdout


def test_an_unknown_person_may_submit_and_follow_but_nothing_else(vaart: Vaart) -> None:
    said = vaart.chat(
        "burger@voorbeeld.nl",
        "idee Speeltuin | Een speeltuin in Nieuw-Amsterdam",
        "oppakken ZOD-2026-0001",
        "besluiten",
    )
    assert said.count("niet in het personenbestand") == 2


def test_the_real_vaart_chat_command_answers_on_stdout(vaart: Vaart) -> None:
    said = vaart.run_process("chat", "--as", ANNA, stdin="idee Speeltuin | Een speeltuin in Nieuw-Amsterdam\nmijn\n")
    assert said.returncode == 0, said.stderr
    assert "ZOD-2026-0001" in said.stdout and "Speeltuin" in said.stdout


def test_english_on_request(vaart: Vaart) -> None:
    said = vaart.run("chat", "--as", "guest@example.org", "--lang", "en", stdin="idea Playground | A playground\n")
    assert "Thank you!" in said.stdout


def test_a_guided_idea_can_be_cancelled_and_nothing_is_saved(vaart: Vaart) -> None:
    said = vaart.chat(ANNA, "idee", "Zorgbus", "annuleer", "mijn")
    assert "Afgebroken" in said and "geen ideeën" in said


def test_a_guided_idea_reasks_a_bad_answer(vaart: Vaart) -> None:
    said = vaart.chat(ANNA, "idee", "", "Zorgbus", "Een bus", "-", "1, 99", "1, 5", "2", "Advies")
    assert "is leeg" in said
    assert "Geen (eenduidige) opgave" in said or "ontvangen" in said


def test_refusals_are_one_dutch_sentence_with_exit_status_1(vaart: Vaart) -> None:
    result = vaart.run("people", "add", "--name", "X", "--email", "x@y.nl", "--role", "kernteam", "--role", "staf")
    assert result.returncode == 1
    assert "Rolzuiverheid" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert vaart.run("people", "add", "--name", "X").returncode == 2


def test_a_person_without_a_role_is_added_and_said_to_be_so(vaart: Vaart) -> None:
    added = vaart.run("people", "add", "--name", "Bea Burger", "--email", "bea@example.org")
    assert added.stdout == "Bea Burger (bea@example.org) toegevoegd, zonder rol.\n"
    again = vaart.run("people", "add", "--name", "Bea Burger", "--email", "bea@example.org", "--role", "kernteam")
    assert again.stdout == "Bea Burger (bea@example.org) bijgewerkt; rol(len): kernteam.\n"


def test_the_demo_runs_the_route_to_a_decision(vaart: Vaart) -> None:
    result = vaart.run("demo")
    assert result.returncode == 0, result.stderr
    assert "Besluit ZOD-B-2027-001" in result.stdout
    assert "Stukken stuurgroep 22 januari 2027" in result.stdout and "Herinnering" in result.stdout
    assert "kan nog niet naar toetsing" in result.stdout


def test_a_one_line_idea_in_english_keeps_its_named_parts_and_whatever_else_was_typed(vaart: Vaart) -> None:
    added = vaart.run("people", "add", "--name", "Anna", "--email", "anna@example.org", "--language", "en")
    assert added.returncode == 0
    said = vaart.chat("anna@example.org", "idea Care bus | Goal: bring elderly people to the GP | challenges: 1, 5 "
                      "| line: Zorg en Welzijn | organisation: Zorgcoop", "status ZOD-2026-0001")
    assert "DIN — challenges: Intergenerationele armoede; Het verdwijnen en de nabijheid van voorzieningen; "\
           "programme line: Zorg en Welzijn" in said and "Organisation: Zorgcoop" in said
    export = json.loads(vaart.run("export-person", "anna@example.org").stdout)
    assert "Goal: bring elderly people to the GP" in json.dumps(export, ensure_ascii=False)  # description, not lost


def _mails_to(var: Path, who: str) -> list[str]:
    """The subjects of the file outbox's mails to *who*, oldest first."""
    mails = sorted((var / "outbox").glob("*.eml"), key=lambda m: m.stat().st_mtime_ns)
    parsed = [message_from_bytes(m.read_bytes(), policy=policy.default) for m in mails]
    return [str(m["Subject"]) for m in parsed if who in str(m["To"])]


def test_a_guest_is_written_to_in_the_language_they_use_and_keeps_it_once_registered(
    vaart: Vaart, tmp_path: Path
) -> None:
    var, guest, chooser = tmp_path / "var", "guest@example.org", "kiezer@example.org"
    said = vaart.run("chat", "--as", guest, "--lang", "en", stdin="idea Playground | A playground\n")
    assert "Thank you!" in said.stdout
    assert _mails_to(var, guest) == ["[ZOD-2026-0001] Your idea was received: Playground"]

    assert "Language set to en." in vaart.chat(chooser, "taal en")  # stored, not only for this session
    again = vaart.chat(chooser, "idea Bench | A bench in the park")
    assert again.startswith("Welcome to vaart") and "Thank you!" in again
    assert _mails_to(var, chooser) == ["[ZOD-2026-0002] Your idea was received: Bench"]

    assert vaart.run("people", "add", "--name", "Kim Kiezer", "--email", chooser, "--role", "kernteam").returncode == 0
    assert "You are Kim Kiezer" in vaart.chat(chooser, "whoami")  # the choice made as a guest carried over
    assert vaart.run("people", "add", "--name", "Kim Kiezer", "--email", chooser, "--role", "staf").returncode == 0
    assert "You are Kim Kiezer" in vaart.chat(chooser, "whoami")  # updating the roles left the choice alone

    assert "Taal ingesteld op nl." in vaart.chat(guest, "taal nl")
    assert vaart.run("erase-person", guest).returncode == 0
    export = vaart.run("export-person", guest)
    assert export.returncode == 1 and "language_choices" not in export.stdout
