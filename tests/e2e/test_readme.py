"""The README's first commands, run as a newcomer types them: a README example that stops working fails here.

The "Trying it" block is a transcript: shell lines, and under a `make run` the lines typed at the chat's
`vaart>` prompt. Each shell line runs as written (from the project root, in a shell, on a fresh store),
with the typed lines on its standard input; `  # ...` is a comment, in the chat as in the shell.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
README = (ROOT / "README.md").read_text()
PROMPT = "vaart> "


@dataclass
class Step:
    command: str
    typed: list[str] = field(default_factory=list)


def _block(heading: str) -> list[str]:
    section = README.split(heading, 1)[1]
    match = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert match, f"no sh block under {heading!r}"
    return match.group(1).splitlines()


def _uncomment(line: str) -> str:
    return re.split(r"\s{2,}#\s", line, maxsplit=1)[0].strip()


def _steps(lines: list[str]) -> list[Step]:
    steps: list[Step] = []
    for line in lines:
        if line.startswith(PROMPT):
            assert steps, "a typed line before any command"
            steps[-1].typed.append(_uncomment(line.removeprefix(PROMPT)))
        elif _uncomment(line):
            steps.append(Step(_uncomment(line)))
    return steps


def _run(step: Step, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    stdin = "".join(f"{typed}\n" for typed in step.typed)
    return subprocess.run(step.command, shell=True, cwd=ROOT, env=env, input=stdin, capture_output=True,
                          text=True, timeout=300, check=False)


@pytest.fixture
def newcomer(tmp_path: Path) -> dict[str, str]:
    """A fresh store for the README's commands; the project's .venv is the one make test installed."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("VAART_", "MAKE", "MFLAGS"))}
    env["VAART_VAR_DIR"] = str(tmp_path / "var")
    return env


def test_the_first_two_commands_are_make_run_and_make_test() -> None:
    first = [_uncomment(line) for line in README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()]
    assert first == ["make run", "make test"]
    for target in first:  # both are real targets of this Makefile (make -n runs nothing)
        dry = subprocess.run(["make", "-n", target.split()[1]], cwd=ROOT, capture_output=True, text=True, check=False)
        assert dry.returncode == 0, dry.stderr


def test_make_run_chats_as_the_guest_the_readme_names() -> None:
    dry = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=False,
                         env={k: v for k, v in os.environ.items() if k != "AS"})
    assert "vaart chat --as gast@voorbeeld.nl" in dry.stdout
    assert "as gast@voorbeeld.nl" in README.split("```", 2)[1]


def test_trying_it_works_as_written_on_a_fresh_store(newcomer: dict[str, str]) -> None:
    steps = _steps(_block("## Trying it"))
    assert [step.command.split()[:2] for step in steps] == [["make", "run"], [".venv/bin/vaart", "people"],
                                                            ["make", "run"]]
    guest, add, kernteam = (_run(step, newcomer) for step in steps)

    assert guest.returncode == 0, guest.stderr
    assert re.search(r"onder nummer ZOD-\d{4}-\d{4}", guest.stdout), guest.stdout
    assert "geen geldig e-mailadres" not in guest.stdout + guest.stderr
    assert add.returncode == 0, add.stderr
    assert kernteam.returncode == 0, kernteam.stderr
    assert "Buurtbus" in kernteam.stdout, kernteam.stdout


def test_the_chat_refuses_an_identity_that_is_not_an_e_mail_address_at_start(newcomer: dict[str, str]) -> None:
    result = subprocess.run([str(ROOT / ".venv/bin/vaart"), "chat", "--as", "as"], cwd=ROOT, env=newcomer,
                            input="idee Buurtbus | Een bus\n", capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == ("'as' is geen e-mailadres: start de chat met --as en uw e-mailadres, "
                                     "bijvoorbeeld --as gast@voorbeeld.nl.")
    assert result.stdout == ""
    assert not (Path(newcomer["VAART_VAR_DIR"]) / "vaart.db").exists()  # nothing started, nothing stored
