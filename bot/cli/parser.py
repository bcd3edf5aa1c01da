"""The `vaart` command's parser: argparse with its own words in Dutch, like the help the commands give.

argparse writes "usage:", "options:", "show this help message and exit" and its errors ("the following
arguments are required: --as") in English; `vaart -h` would read in two languages, and a mistyped
command would be answered in the one the rest of the CLI does not speak. argparse looks each of its
words up through its module's `_` when it uses it, so `VaartParser` lends it Dutch ones while it
builds, parses and formats, and gives the English back after (no other parser in the process changes).
Each command's help is its description too (`vaart demo -h` says what the command does), and the
options many commands share get their help here, in one place.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn, TypeAlias

# argparse's own words (Python 3.11), by the English it looks up.
WORDS = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "deze hulp tonen en stoppen",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "one of the arguments %s is required": "een van de argumenten %s is nodig",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde (%(type)s): %(value)r",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "not allowed with argument %s": "niet samen met argument %s",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "ignored explicit argument %r": "genegeerde waarde %r",
    "unexpected option string: %s": "onverwachte optie: %s",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
}
PLURALS = {"expected %s argument": ("verwacht %s waarde", "verwacht %s waarden")}

# The help of the options several commands share, by option.
SHARED_HELP = {
    "--json": "als JSON",
    "--lang": "de taal van wat het commando zegt: nl (standaard) of en",
    "--out": "naar dit bestand in plaats van het scherm",
    "--year": "het jaar (JJJJ)",
    "--limit": "hoogstens zoveel regels (standaard %(default)s)",
    "--time": "het nieuwe tijdstip (UU:MM; standaard blijft het tijdstip)",
}


def _dutch(text: str) -> str:
    return WORDS.get(text, text)


def _dutch_plural(singular: str, plural: str, count: int) -> str:
    one, many = PLURALS.get(singular, (singular, plural))
    return one if count == 1 else many


# argparse's `_` and `ngettext`: module globals it calls at each use, which typeshed does not declare
_ARGPARSE: Any = argparse


@contextmanager
def _in_dutch() -> Iterator[None]:
    """argparse's words in Dutch for the duration (re-entrant: subparsers parse inside their parent)."""
    before = (_ARGPARSE._, _ARGPARSE.ngettext)
    _ARGPARSE._, _ARGPARSE.ngettext = _dutch, _dutch_plural
    try:
        yield
    finally:
        _ARGPARSE._, _ARGPARSE.ngettext = before


class Commands(argparse._SubParsersAction):  # type: ignore[type-arg]  # argparse's own, made public nowhere
    """The subcommands: each one's help is also its description, shown by `vaart COMMAND -h`; a missing
    command is named by its choices ("deze argumenten ontbreken: {add,list}"), not by its dest."""

    @property  # type: ignore[override]  # Action.metavar is a plain attribute
    def metavar(self) -> str | None:
        return self._metavar or ("{" + ",".join(self.choices) + "}" if self.choices else None)

    @metavar.setter
    def metavar(self, value: str | None) -> None:
        self._metavar = value

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if kwargs.get("help") and not kwargs.get("description"):
            kwargs["description"] = kwargs["help"]
        return super().add_parser(name, **kwargs)  # the parser it makes is a VaartParser: Dutch from the start


Subcommands: TypeAlias = "argparse._SubParsersAction[VaartParser]"


class VaartParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Dutch: its own words, and the shared options' help (`SHARED_HELP`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _in_dutch():
            super().__init__(*args, **kwargs)
        self.register("action", "parsers", Commands)

    def add_argument(self, *names: Any, **kwargs: Any) -> argparse.Action:
        if "help" not in kwargs:
            shared = next((SHARED_HELP[n] for n in names if n in SHARED_HELP), None)
            if shared is not None:
                kwargs["help"] = shared
        return super().add_argument(*names, **kwargs)

    def parse_known_args(  # type: ignore[override]  # the same call, in Dutch
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        with _in_dutch():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _in_dutch():
            return super().format_usage()

    def format_help(self) -> str:
        with _in_dutch():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with _in_dutch():
            super().error(message)


def every_command(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Each command under *parser* with its words, down to the last subcommand, an alias's parser once
    (by its first name): for the checks that read every command's help."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            seen: set[int] = set()
            for name, child in action.choices.items():
                if id(child) not in seen:
                    seen.add(id(child))
                    yield (*path, name), child
                    yield from every_command(child, (*path, name))
