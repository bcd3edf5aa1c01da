"""`vaart -h` and a mistyped `vaart` line read in one language: argparse's own words in Dutch, each
command's help as its description, and a help line for every argument (bot/cli/parser.py)."""

from __future__ import annotations

import argparse

import pytest

from bot.cli.main import build_parser, main
from bot.cli.parser import every_command

ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "error:", "the following arguments")


def test_every_commands_help_is_dutch_and_says_what_the_command_does() -> None:
    commands = dict(every_command(build_parser()))
    assert ("people", "add") in commands and ("budget", "report") in commands
    for line, command in commands.items():
        text = command.format_help()
        assert text.startswith(f"gebruik: vaart {' '.join(line)}"), line
        assert not [word for word in ENGLISH if word in text], (line, text)
        assert command.description, f"vaart {' '.join(line)} -h says nothing of what it does"
        bare = [a.dest for a in command._actions if not a.help and not isinstance(a, argparse._SubParsersAction)]
        assert not bare, f"vaart {' '.join(line)}: arguments without help: {bare}"


def test_a_mistyped_line_is_answered_in_dutch_with_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as missing:
        main(["people"])
    assert missing.value.code == 2
    said = capsys.readouterr().err
    assert said.startswith("gebruik: vaart people")
    assert "vaart people: fout: deze argumenten ontbreken: {add,accounthouders,list}" in said
    with pytest.raises(SystemExit):
        main(["meetings", "list", "--limit", "veel"])
    assert "argument --limit: ongeldige waarde (int): 'veel'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["chat", "--as"])
    assert "argument --as: verwacht één waarde" in capsys.readouterr().err


def test_other_parsers_in_the_process_keep_argparses_english(capsys: pytest.CaptureFixture[str]) -> None:
    build_parser().format_help()
    other = argparse.ArgumentParser(prog="ander")
    other.add_argument("--x", required=True)
    assert other.format_help().startswith("usage: ander")
    with pytest.raises(SystemExit):
        other.parse_args([])
    assert "the following arguments are required: --x" in capsys.readouterr().err
