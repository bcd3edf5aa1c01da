"""What every area of the `vaart` command shares: the one way it builds the application (from the
environment, migrating a fresh store first) and closes it again."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.bootstrap.app import App

OPERATOR = "beheer@vaart.local"  # who the command line acts as: whoever runs it holds the database already
Runner = Callable[[argparse.Namespace], int]


def open_app() -> App:
    """The application from the environment; imported here, so `vaart --help` loads none of it."""
    from bot.bootstrap.app import build

    return build()


def with_app(work: Callable[[App, argparse.Namespace], int]) -> Runner:
    """A command that runs *work* on the application and always closes it."""

    def run(args: argparse.Namespace) -> int:
        app = open_app()
        try:
            return work(app, args)
        finally:
            app.close()

    return run
