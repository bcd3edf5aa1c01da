"""`vaart budget ...`: import project tables, the budget report and its exports, lines, requests,
the mandate report and the cofinancing split.

`vaart budget import FILE` is all or nothing: a row that cannot be read rejects the whole file,
each such row on stderr with its line number (exit 1). Declared totals that differ from their
rows are reported one by one; the file is then stored only with `--accept-differences` (the
differences go into the audit log), otherwise nothing is stored and the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.common import OPERATOR, with_app
from bot.cli.parser import Subcommands
from bot.domain.dates import parse_date
from bot.domain.errors import Refused
from bot.domain.money import format_euro, parse_amount
from bot.domain.timezone import to_local
from bot.reports.budget_report import GROUPINGS, line_text

if TYPE_CHECKING:
    from bot.bootstrap.app import App


def _write(path: str, data: bytes) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


# -- commands -----------------------------------------------------------------------------------
def _import(app: App, args: argparse.Namespace) -> int:
    from integrations.budget_import import read_budget_table
    from integrations.budget_import.explain import explain_refusal, explain_result

    lang = args.lang or "nl"
    try:
        result = read_budget_table(args.file)
    except Refused as refusal:
        for line in explain_refusal(refusal, lang):
            print(line, file=sys.stderr)
        return 1
    explanation = explain_result(result, lang)
    if not result.ok and not args.accept_differences:
        for line in explanation:
            print(line, file=sys.stderr)
    # refuses (and puts on record) a table whose declared totals differ, unless they are accepted
    reply = app.budget.import_projects(OPERATOR, "cli", result, accept_differences=args.accept_differences)
    for line in explanation:
        print(line)
    print(app.chat.say(reply, lang))
    return 0


def _report(app: App, args: argparse.Namespace) -> int:
    from bot.reports.budget_report import chart_png, export_csv, export_xlsx, render_text, to_dict

    lang = args.lang or "nl"
    report = app.budget.report(args.by)
    if args.csv:
        _write(args.csv, export_csv(report, lang))
    if args.xlsx:
        _write(args.xlsx, export_xlsx(report, lang))
    if args.chart:
        _write(args.chart, chart_png(report, lang))
    if args.json:
        print(json.dumps(to_dict(report), ensure_ascii=False, indent=2))
    else:
        print(render_text(report, lang), end="")
    return 0


def _lines(app: App, args: argparse.Namespace) -> int:
    rows = app.budget.lines()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "key": line.key,
                        "name": line.name,
                        "kind": line.kind.value,
                        "group": line.group,
                        "budget": f"{b.budget:.2f}",
                        "allocated": f"{b.committed:.2f}",
                        "spent": f"{b.spent:.2f}",
                        "available": f"{b.available:.2f}",
                    }
                    for line, b in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    from bot.messages import render

    print(render("budget.lines.header", args.lang or "nl"))
    for line, b in rows:
        print(line_text(line, b, args.lang or "nl"))
    return 0


def _set_line(app: App, args: argparse.Namespace) -> int:
    reply = app.budget.set_line(OPERATOR, "cli", args.key, parse_amount(args.amount), args.besluit or "")
    print(app.chat.say(reply, args.lang or "nl"))
    return 0


def _budget_decision(app: App, args: argparse.Namespace) -> int:
    """`vaart budget decision DATUM begroting|herziening TEKST`: the stuurgroep's decision on the begroting."""
    reply = app.budget.record_budget_decision(OPERATOR, "cli", parse_date(args.date), args.kind, " ".join(args.text))
    print(app.chat.say(reply, args.lang or "nl"))
    return 0


def _line_history(app: App, args: argparse.Namespace) -> int:
    """Every change of one line: the amount before and after, the decision, who and when."""
    from bot.messages import render

    lang = args.lang or "nl"
    changes, after = [], None
    while True:  # the whole history, one page of the index at a time
        page = app.budget.line_history(args.key, after)
        changes += page.items
        if page.after is None:
            break
        after = page.after
    if args.json:
        print(json.dumps({"line": args.key, "changes": [
            {"before": f"{c.amount_before:.2f}", "after": f"{c.amount_after:.2f}", "decision": c.decision_number,
             "by": c.changed_by, "at": to_local(c.changed_at).isoformat()} for c in changes]},
            ensure_ascii=False, indent=2))
        return 0
    if not changes:
        print(render("budget.history.none", lang, line=args.key))
        return 0
    print(render("budget.history.header", lang, line=args.key))
    for c in changes:
        print(render("budget.history.line", lang, at=to_local(c.changed_at).strftime("%d-%m-%Y %H:%M"),
                     before=format_euro(c.amount_before), after=format_euro(c.amount_after),
                     decision=c.decision_number, by=c.changed_by))
    return 0


def _requests(app: App, args: argparse.Namespace) -> int:
    requests = app.budget.open_requests()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "reference": r.reference,
                        "amount": f"{r.amount:.2f}",
                        "kind": r.kind,
                        "purpose": r.purpose,
                        "requester": r.requester,
                        "line": r.line_key,
                        "idea": r.idea_ref,
                        "status": r.status.value,
                        "requested_at": to_local(r.requested_at).isoformat(),
                        "reasons": r.reason.split(",") if r.reason else [],
                    }
                    for r in requests
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    from bot.messages import profiled, render

    lang = args.lang or "nl"
    procedure = app.programme.governance.procedure("uitgave")  # the VDG's referred requests lie with the colleges
    if not requests:
        print(render("budget.requests.none", lang))
    else:
        print(render("budget.requests.header", lang))
    for r in requests:
        print(
            render(
                "budget.requests.line",
                lang,
                reference=r.reference,
                date=to_local(r.requested_at).strftime("%d-%m-%Y"),
                amount=format_euro(r.amount),
                kind=r.kind,
                state=render(profiled("budget.status", r.status.value, procedure), lang),
                purpose=r.purpose,
                requester=r.requester,
            )
        )
    return 0


def _mandate_report(app: App, args: argparse.Namespace) -> int:
    print(app.budget.mandate_report(parse_date(args.since), args.lang or "nl"), end="")
    return 0


def _cofinancing(app: App, args: argparse.Namespace) -> int:
    amount = parse_amount(args.amount)
    if args.json:
        shares = app.budget.cofinancing(amount)
        print(json.dumps({name: f"{value:.2f}" for name, value in shares.items()}, ensure_ascii=False, indent=2))
        return 0
    from bot.chat.budget_commands import cofinancing_text

    print(cofinancing_text(app.budget, amount, args.lang or "nl"))
    return 0


# -- the parser ---------------------------------------------------------------------------------
def register(sub: Subcommands) -> None:
    """Add `vaart budget ...` to the `vaart` parser's subcommands."""
    budget = sub.add_parser("budget", help="begroting, uitgaven en rapportages").add_subparsers(
        dest="budget_command", required=True
    )

    def command(
        name: str, work: Callable[[App, argparse.Namespace], int], text: str, aliases: tuple[str, ...] = ()
    ) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = budget.add_parser(name, help=text, aliases=list(aliases))
        parser.add_argument("--lang", choices=["nl", "en"])
        parser.set_defaults(run=with_app(work))
        return parser

    imp = command("import", _import, "projecttabel (CSV/XLSX zoals het Uitvoeringsprogramma 2021) inlezen")
    imp.add_argument("file", metavar="FILE", help="het bestand (.csv of .xlsx)")
    imp.add_argument(
        "--accept-differences",
        action="store_true",
        help="ook opslaan als opgegeven totalen niet kloppen met de regels (verschillen gaan in het auditlog)",
    )

    report = command("report", _report, "begroting per pijler/programmalijn/penvoerder en tranche")
    report.add_argument("--by", choices=list(GROUPINGS),
                        help="ingedeeld naar (standaard: zoals het programmabestand zegt)")
    report.add_argument("--json", action="store_true")
    report.add_argument("--csv", metavar="FILE", help="ook als CSV naar dit bestand")
    report.add_argument("--xlsx", metavar="FILE", help="ook als Excel-werkmap naar dit bestand")
    report.add_argument("--chart", metavar="FILE", help="staafdiagram als PNG")

    lines = command("lines", _lines, "begrotingsregels met toegekend, besteed en beschikbaar")
    lines.add_argument("--json", action="store_true")

    set_line = command(
        "set-line", _set_line, "een begrotingsregel op het bij begrotingsbesluit vastgestelde bedrag zetten"
    )
    set_line.add_argument("key", metavar="SLEUTEL", help="de regel (vaart budget lines toont de sleutels)")
    set_line.add_argument("amount", metavar="BEDRAG", help="het vastgestelde bedrag in euro (1.250.000 of 1250000,00)")
    set_line.add_argument("--besluit", "--decision", dest="besluit", metavar="BESLUITNUMMER",
                          help="het begrotingsbesluit dat het bedrag vaststelt (verplicht)")

    resolution = command("decision", _budget_decision,
                         "een begrotingsbesluit vastleggen (begroting of herziening)")
    resolution.add_argument("date", metavar="DATUM", help="de datum van de vergadering waarin het besluit viel")
    resolution.add_argument("kind", metavar="begroting|herziening", help="de begroting zelf of een herziening")
    resolution.add_argument("text", metavar="TEKST", nargs="+", help="wat het besluit inhoudt")

    history = command("line-history", _line_history, "de geschiedenis van een begrotingsregel, met besluit")
    history.add_argument("key", metavar="SLEUTEL", help="de regel (vaart budget lines toont de sleutels)")
    history.add_argument("--json", action="store_true")

    requests = command("requests", _requests, "openstaande uitgaveverzoeken")
    requests.add_argument("--json", action="store_true")

    mandate = command("mandate-report", _mandate_report,
                      "de uitgaveverzoeken sinds een datum (de vorige vergadering): besloten en doorverwezen")
    mandate.add_argument("--since", required=True, metavar="JJJJ-MM-DD",
                         help="vanaf deze datum (de vorige vergadering)")

    cof = command(
        "cofinanciering",
        _cofinancing,
        "cofinanciering verdelen over de gemeenten naar inwonertal (na het vaste aandeel van een "
        "medefinancier, als het programma er een noemt)",
        aliases=("cofinancing",),
    )
    cof.add_argument("amount", metavar="BEDRAG", help="het bedrag in euro dat verdeeld wordt")
    cof.add_argument("--json", action="store_true")
