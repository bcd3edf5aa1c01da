"""`vaart progress report --moment 2027-03 [--by pijler|programmalijn|penvoerder] [--xlsx F]`: the
progress report per reporting moment in the layout of the 2021 tables (text, or an XLSX file)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.common import with_app
from bot.cli.parser import Subcommands
from bot.messages import render
from bot.private_files import write_private
from bot.reports.budget_report import GROUPINGS, GroupBy

if TYPE_CHECKING:
    from bot.bootstrap.app import App


def _report(app: App, args: argparse.Namespace) -> int:
    from bot.reports.progress_report import export_progress_xlsx, render_progress_text

    lang = args.lang or app.programme.language
    grouping = args.by or str(app.programme.raw.get("begroting", {}).get("indeling", "pijler"))
    by: GroupBy = next((g for g in GROUPINGS if g == grouping), "pijler")
    overview = app.execution.progress.overview(args.moment, by, lang)
    if args.xlsx:
        write_private(Path(args.xlsx), export_progress_xlsx(overview, lang))
        print(render("progress.report.written", lang, path=args.xlsx))
        return 0
    print(render_progress_text(overview, lang), end="")
    return 0


def register(sub: Subcommands) -> None:
    """Add `vaart progress ...` to the `vaart` parser's subcommands."""
    progress = sub.add_parser("progress", help="voortgang per rapportagemoment").add_subparsers(
        dest="progress_command", required=True
    )
    report = progress.add_parser("report", help="het voortgangsoverzicht zoals de tabellen van 2021")
    report.add_argument("--moment", metavar="JJJJ-MM", help="het rapportagemoment (standaard: het open moment)")
    report.add_argument("--by", choices=list(GROUPINGS), help="ingedeeld naar")
    report.add_argument("--xlsx", metavar="FILE", help="ook als Excel-werkmap naar dit bestand")
    report.add_argument("--lang", choices=["nl", "en"])
    report.set_defaults(run=with_app(_report))
