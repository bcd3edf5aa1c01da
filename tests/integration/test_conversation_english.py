"""English all through: every chat command, typed in English by a guest and by each role, answers
without a Dutch sentence of the catalogue; every English catalogue text is English; every command
has its usage and its help line in both languages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.bootstrap.app import App
from bot.chat.help import usage_text
from bot.messages import _CATALOGUE, has, render
from tests.cast import CAST, EMAIL
from tests.conversation import leaks

ADMIN = "beheer@vaart.local"


@pytest.fixture
def cast_app(app: App) -> Iterator[App]:
    for email, name, roles in CAST.values():
        app.people.add(ADMIN, "test", email, name, roles, language="en")
    yield app


def english_words(app: App) -> list[str]:
    """Each command once, by its English name (the first alias that is not Dutch), else its name."""
    seen: dict[str, str] = {}
    for word, command in app.chat.commands.items():
        english = usage_text(command, "en").split()[0]
        seen.setdefault(command.name, english if english in app.chat.commands else word)
    return sorted(seen.values())


def test_every_command_has_its_usage_and_help_line_in_both_languages(app: App) -> None:
    names = {command.name for command in app.chat.commands.values()}
    missing = [name for name in names if not (has(f"usage.{name}") and has(f"help.cmd.{name}"))]
    assert not missing
    for name in names:
        for code in (f"usage.{name}", f"help.cmd.{name}"):
            assert code in _CATALOGUE["en"] and code in _CATALOGUE["nl"]
        english = _CATALOGUE["en"][f"usage.{name}"].split()[0]
        assert english in app.chat.commands, f"the English usage of {name} starts with no command: {english}"


def test_no_english_catalogue_text_carries_a_dutch_sentence() -> None:
    bad = {code: leaks(text) for code, text in _CATALOGUE["en"].items() if leaks(text)}
    assert not bad


def test_every_command_in_english_answers_without_dutch(cast_app: App) -> None:
    app = cast_app
    people = ["guest@example.org", *EMAIL.values()]
    lines = ["help", "help all", "help status", "meetinghelp", "budget help", "status ZOD-2026-0001",
             "status ZOD-U-2026-0001", "status ZOD-B-2026-001", "status nonsense",
             "idea Playground | A playground for the village", "status ZOD-2026-0001",
             "spend 12.500 Research into transport", "status ZOD-U-2026-0001", "nocommand"]
    for word in english_words(app):
        lines += [word, f"{word} x", f"{word} ZOD-2026-0001"]
    problems: dict[str, list[str]] = {}
    for email in people:
        session = app.chat.session(email, "console", "en")
        for line in lines:
            if line.split()[0] in ("idea", "advice") and len(line.split()) <= 2:
                answer = app.chat.handle(session, line)
                while session.dialog is not None:
                    answer += "\n" + app.chat.handle(session, "cancel")
            else:
                answer = app.chat.handle(session, line)
            found = leaks(answer)
            if found:
                problems[f"{email}: {line}"] = found
    assert not problems


def test_a_usage_refusal_reads_in_english(cast_app: App) -> None:
    session = cast_app.chat.session(EMAIL["staf"], "console", "en")
    said = cast_app.chat.handle(session, "spend")
    assert "spend AMOUNT DESCRIPTION" in said and "BEDRAG" not in said
    assert render("usage.uitgave", "en") in said
