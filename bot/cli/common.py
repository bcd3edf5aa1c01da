"""What every area of the `vaart` command shares: the one way it builds the application (from the
environment, migrating a fresh store first) and closes it again, for the programme the command
works on (`vaart --programma CODE`, or `VAART_PROGRAMMA`; the installation's default without)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.bootstrap.app import App
    from bot.bootstrap.settings import Settings

OPERATOR = "beheer@vaart.local"  # who the command line acts as: whoever runs it holds the database already
Runner = Callable[[argparse.Namespace], int]
CHOSEN = "VAART_PROGRAMMA"  # the environment's choice of programme; `--programma` wins over it
_chosen: list[str | None] = [None]  # what `--programma` said in this run (bot.cli.main sets it)


def choose(code: str | None) -> None:
    _chosen[0] = code


def chosen_code() -> str | None:
    return _chosen[0] or os.environ.get(CHOSEN) or None


def chosen_settings() -> Settings | None:
    """The settings of the chosen programme; None (the environment, as ever) in an installation of
    one programme where no programme was chosen."""
    code = chosen_code()
    if code is None and "VAART_PROGRAMMES" not in os.environ:
        return None
    from bot.bootstrap.programmes import selected_settings

    return selected_settings(code)


def chosen_prefix() -> str:
    """The web path of the chosen programme's pages and feeds ("" for the default, at "/")."""
    code = chosen_code()
    if code is None and "VAART_PROGRAMMES" not in os.environ:
        return ""
    from bot.bootstrap.programmes import programme_entries, selected

    return selected(programme_entries(), code).web_prefix


def open_app() -> App:
    """The application from the environment; imported here, so `vaart --help` loads none of it."""
    from bot.bootstrap.app import build

    return build(chosen_settings())


def with_app(work: Callable[[App, argparse.Namespace], int]) -> Runner:
    """A command that runs *work* on the application and always closes it."""

    def run(args: argparse.Namespace) -> int:
        app = open_app()
        try:
            return work(app, args)
        finally:
            app.close()

    return run
