"""A console conversation in an installation with two programmes (ZOD and VDG, each a whole App on its
own SQLite store): `programma` lists them, `programma CODE` switches for the session, each line goes to
the programme chosen, an unknown code is refused in one sentence (English when chosen), and a new
session starts in the default programme again (the console's choice is not persisted)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.programme_desks import console_chats
from bot.bootstrap.settings import Settings
from bot.frontends.console import run_console
from tests.cast import ANNA
from tests.conftest import START
from tests.e2e.test_console_vdg import VDG
from tests.unit.core.test_refusals_are_one_sentence import sentences


@pytest.fixture
def apps(tmp_path: Path) -> Iterator[tuple[App, App]]:
    clock = ManualClock(START)
    zod = build(Settings.from_env({"VAART_VAR_DIR": str(tmp_path / "zod")}), clock=clock)
    vdg = build(Settings.from_env({"VAART_VAR_DIR": str(tmp_path / "vdg"), "VAART_PROGRAMME": str(VDG)}), clock=clock)
    yield zod, vdg
    zod.close()
    vdg.close()


def converse(apps: tuple[App, App], *lines: str) -> list[str]:
    zod, vdg = apps
    out = io.StringIO()
    run_console(console_chats([zod, vdg]), lambda: [*zod.outbox.drain().sent, *vdg.outbox.drain().sent], ANNA,
                io.StringIO("\n".join(lines) + "\n"), out)
    return out.getvalue().split("\n")


def test_a_console_conversation_switches_programmes_and_each_line_goes_to_the_chosen_one(
    apps: tuple[App, App],
) -> None:
    zod, vdg = apps
    said = "\n".join(converse(
        apps,
        "idee Buurtbus | Een bus voor ouderen",
        "programma",
        "programma VDG",
        "idee Warmtecoach | Een coach voor de warmtetransitie",
        "mijn",
    ))
    assert "ZOD-2026-0001" in said and "VDG-2026-0001" in said
    assert "wat u hier verder typt, gaat naar dit programma" in said and "directe berichten" not in said
    assert [i.title for i in zod.ideas.open_ideas()] == ["Buurtbus"]
    assert [i.title for i in vdg.ideas.open_ideas()] == ["Warmtecoach"]
    in_vdg, in_zod = "\n".join(converse(apps, "programma VDG", "mijn")), "\n".join(converse(apps, "mijn"))
    assert "Warmtecoach" in in_vdg and "Buurtbus" not in in_vdg
    assert "Buurtbus" in in_zod and "Warmtecoach" not in in_zod
    listing = said[said.index("De programma's van deze installatie"):]
    assert "ZOD" in listing.splitlines()[1] and "← huidig" in listing.splitlines()[1]


def test_the_language_carries_over_an_unknown_code_is_refused_and_a_new_session_starts_in_the_language_chosen(
    apps: tuple[App, App],
) -> None:
    lines = converse(apps, "taal en", "programme VDG", "programme XYZ", "programma")
    refusal = next(line for line in lines if "XYZ" in line)
    assert refusal.startswith("I do not know programme 'XYZ'") and len(sentences(refusal)) == 1
    assert any("← current" in line and "VDG" in line for line in lines)  # English in VDG too
    again = converse(apps, "programma")  # the guest's choice is remembered by the programme it was made in
    assert any("← current" in line and "ZOD" in line for line in again)


def test_one_programme_console_is_the_console_of_before(tmp_path: Path) -> None:
    app = build(Settings.from_env({"VAART_VAR_DIR": str(tmp_path / "var")}), clock=ManualClock(START))
    out = io.StringIO()
    run_console(console_chats([app]), lambda: app.outbox.drain().sent, ANNA, io.StringIO("programma\nidee A | B\n"),
                out)
    assert "Dat commando ken ik niet: 'programma'" in out.getvalue() and "ZOD-2026-0001" in out.getvalue()
    app.close()
