"""The `vaart` command in an installation with several programmes (`VAART_PROGRAMMES`): the list
of programmes with their stores, and the commands that work on every programme at once when no
`--programma` chose one (`migrate`, `worker`, and through `each_chosen` the operator's `outbox
list`, `outbox retry --all`, `check`, `audit verify`, `purge` and `backup`, each line or row of
whose answer names its programme). See `bot.bootstrap.programmes`."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from bot.cli.common import chosen_code, open_app
from bot.cli.parser import Subcommands
from bot.messages import render

if TYPE_CHECKING:
    from bot.bootstrap.app import App

T = TypeVar("T")

PROGRAMMES = "VAART_PROGRAMMES"  # bot.bootstrap.programmes.PROGRAMMES; not imported, so `vaart --help` stays light


def every_programme() -> bool:
    """Several programmes and none chosen: the command works on all of them."""
    return PROGRAMMES in os.environ and chosen_code() is None


def each_chosen(work: Callable[[App], T]) -> list[tuple[str | None, T]]:
    """*work* on the chosen programme (its code None: the answer stays as in an installation of one),
    or on every programme in turn, the default first, when there are several and none was chosen."""
    if not every_programme():
        app = open_app()
        try:
            return [(None, work(app))]
        finally:
            app.close()
    from bot.bootstrap.installation import build_installation

    installation = build_installation()
    try:
        return [(code, work(app)) for code, app in installation.apps.items()]
    finally:
        installation.close()


def is_default(app: App) -> bool:
    """Whether *app* is the installation's default programme (the one at `/`, the first listed)."""
    from bot.bootstrap.programmes import programme_entries

    return programme_entries()[0].code == app.programme.code


def labelled(code: str | None, line: str) -> str:
    """A line of one programme's answer: as alone, or after its code when every programme answers."""
    return line if code is None else f"{code}: {line}"


def migrate_every_programme() -> int:
    from bot.bootstrap.installation import build_installation
    from storage.migrate import current_revision

    installation = build_installation()  # building migrates each store
    try:
        for code, app in installation.apps.items():
            print(f"{code}: database op schema {current_revision(app.engine)}")
    finally:
        installation.close()
    return 0


def installation_worker(once: bool, wait: bool) -> int:
    from bot.bootstrap.installation import build_installation
    from bot.worker import run_worker

    installation = build_installation()
    try:
        return run_worker(list(installation.apps.values()), once=once, wait=wait)
    finally:
        installation.close()


def _programmes(args: argparse.Namespace) -> int:
    """The installation's programmes: code, name, store (its URL without the password), the default first."""
    from bot.bootstrap.programmes import programme_entries, public_url

    entries = programme_entries()
    if args.json:
        print(json.dumps([{"code": e.code, "naam": e.name, "referentie_prefix": e.prefix, "standaard": e.default,
                           "opslag": public_url(e.settings.database_url), "schema": e.settings.database_schema,
                           "web": e.web_prefix + "/"} for e in entries], ensure_ascii=False, indent=2))
        return 0
    print(render("installation.programmes_header", "nl"))
    for e in entries:
        store = public_url(e.settings.database_url)
        if e.settings.database_schema:
            store += f" (schema {e.settings.database_schema})"
        print(f"{e.code:<8} {e.name:<60} {store}")
    return 0


def register(sub: Subcommands) -> None:
    programmes = sub.add_parser("programmes", aliases=["programmas"], help="de programma's van deze installatie")
    programmes.add_argument("--json", action="store_true")
    programmes.set_defaults(run=_programmes)
