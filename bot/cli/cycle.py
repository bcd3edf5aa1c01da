"""`vaart din coverage [--json] [--chart F.png]`: the DIN coverage overview (§5), zeroes first."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.common import with_app
from bot.cli.parser import Subcommands

if TYPE_CHECKING:
    from bot.bootstrap.app import App


def _coverage(app: App, args: argparse.Namespace) -> int:
    from bot.reports.coverage import chart_png, render_text, to_dict

    lang = args.lang or "nl"
    report = app.coverage.overview()
    if args.chart:
        target = Path(args.chart)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(chart_png(report, lang))
    if args.json:
        print(json.dumps(to_dict(report), ensure_ascii=False, indent=2))
    else:
        print(render_text(report, lang, app.programme.governance.procedure("voorstel")))
    return 0


def register(sub: Subcommands) -> None:
    din = sub.add_parser("din", help="het Doelen-Inspanningen-Netwerk").add_subparsers(dest="din_command",
                                                                                      required=True)
    coverage = din.add_parser("coverage", help="dekking: wat aan elk DIN-onderdeel gekoppeld is")
    coverage.add_argument("--json", action="store_true")
    coverage.add_argument("--chart", metavar="FILE", help="heatmap programmalijn x opgave als PNG")
    coverage.add_argument("--lang", choices=["nl", "en"])
    coverage.set_defaults(run=with_app(_coverage))
