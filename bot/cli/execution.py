"""`vaart beschikking record|realise|list` and `vaart communication plan|list|move|cancel`: the subsidie-
beschikking after akkoord (§3.1) and the communicatiekalender (§7) from the command line, through the
same services and wording as the chat's `beschikking`, `realisatie`, `beschikkingen` and `communicatie`.
The operator acts as `beheer@vaart.local` (origin "cli", who holds the store already)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from bot.cli.common import OPERATOR, with_app
from bot.cli.parser import Subcommands
from bot.domain.dates import parse_date
from bot.domain.money import parse_amount
from bot.domain.timezone import to_local
from bot.messages import render
from bot.services.ports.read_models import Page

if TYPE_CHECKING:
    from bot.bootstrap.app import App

ORIGIN = "cli"
T = TypeVar("T")


def _every(fetch: Callable[[str | None], Page[T]]) -> Iterator[T]:
    """Every item of a paged list, one page of its index at a time."""
    after: str | None = None
    while True:
        page = fetch(after)
        yield from page.items
        if page.after is None:
            return
        after = page.after


def _say(app: App, args: argparse.Namespace, reply: Any) -> int:
    print(app.chat.say(reply, args.lang or app.programme.language))
    return 0


# -- beschikkingen -----------------------------------------------------------------------------------
def _record(app: App, args: argparse.Namespace) -> int:
    reply = app.execution.beschikking.record(OPERATOR, ORIGIN, args.reference, parse_date(args.date),
                                             parse_amount(args.amount), " ".join(args.kenmerk))
    return _say(app, args, reply)


def _realise(app: App, args: argparse.Namespace) -> int:
    reply = app.execution.beschikking.realise(OPERATOR, ORIGIN, args.reference, parse_amount(args.amount),
                                              " ".join(args.note))
    return _say(app, args, reply)


def _money(app: App, args: argparse.Namespace) -> int:
    from bot.chat.execution_commands import money_line, money_totals

    lang = args.lang or app.programme.language
    service = app.execution.beschikking
    projects = list(_every(lambda after: service.money_page(after)))
    totals = service.totals()
    if args.json:
        def cents(value: Any) -> str | None:
            return None if value is None else f"{value:.2f}"

        print(json.dumps({
            "projects": [{"reference": m.reference, "name": m.name, "allocated": cents(m.allocated),
                          "beschikt": cents(m.beschikt), "realised": cents(m.realised),
                          "remaining": cents((m.beschikt or 0) - m.realised)} for m in projects],
            "totals": {"allocated": cents(totals.allocated), "beschikt": cents(totals.beschikt),
                       "realised": cents(totals.realised), "remaining": cents(totals.remaining)},
        }, ensure_ascii=False, indent=2))
        return 0
    if not projects:
        print(render("beschikking.list.empty", lang))
        return 0
    print("\n".join([render("beschikking.list.title", lang), *(money_line(m, lang) for m in projects),
                     money_totals(totals, lang)]))
    return 0


# -- the communicatiekalender ------------------------------------------------------------------------
def _when(args: argparse.Namespace) -> Any:
    from bot.chat.execution_commands import when_of

    moment, _rest = when_of([args.date, *([args.time] if args.time else [])])
    return moment


def _plan(app: App, args: argparse.Namespace) -> int:
    reply = app.execution.communication.plan(OPERATOR, ORIGIN, _when(args), args.channel, args.audience,
                                             " ".join(args.text))
    return _say(app, args, reply)


def _move(app: App, args: argparse.Namespace) -> int:
    return _say(app, args, app.execution.communication.move(OPERATOR, ORIGIN, args.reference, _when(args)))


def _cancel(app: App, args: argparse.Namespace) -> int:
    return _say(app, args, app.execution.communication.cancel(OPERATOR, ORIGIN, args.reference))


def _items(app: App, args: argparse.Namespace) -> int:
    from bot.chat.execution_commands import item_line

    lang = args.lang or app.programme.language
    service = app.execution.communication
    items = list(_every(lambda after: service.page(after, include_done=args.all)))
    if args.json:
        print(json.dumps([{"reference": i.reference, "at": to_local(i.send_at).isoformat(), "channel": i.channel,
                           "audience": i.audience, "status": i.status, "text": i.text, "planned_by": i.planned_by,
                           "recipients": i.recipients} for i in items], ensure_ascii=False, indent=2))
        return 0
    if not items:
        print(render("communication.list.empty", lang))
        return 0
    print("\n".join([render("communication.list.title", lang), *(item_line(i, lang) for i in items)]))
    return 0


def register(sub: Subcommands) -> None:
    """Add `vaart beschikking ...` and `vaart communication ...` to the `vaart` parser's subcommands."""
    def command(parent: Any, name: str, work: Callable[[App, argparse.Namespace], int], text: str) -> Any:
        parser = parent.add_parser(name, help=text)
        parser.add_argument("--lang", choices=["nl", "en"])
        parser.set_defaults(run=with_app(work))
        return parser

    besch = sub.add_parser("beschikking", help="subsidiebeschikkingen na een akkoord").add_subparsers(
        dest="beschikking_command", required=True)
    record = command(besch, "record", _record, "de beschikking vastleggen (datum, bedrag, kenmerk)")
    record.add_argument("reference", metavar="REF", help="het kenmerk van het idee met een akkoord")
    record.add_argument("date", metavar="DATUM", help="de datum van de beschikking (DD-MM-JJJJ of JJJJ-MM-DD)")
    record.add_argument("amount", metavar="BEDRAG", help="het beschikte bedrag in euro")
    record.add_argument("kenmerk", metavar="KENMERK", nargs="+", help="het kenmerk van de beschikking")
    realise = command(besch, "realise", _realise, "een realisatie tegenover de beschikking boeken")
    realise.add_argument("reference", metavar="REF", help="het idee met een beschikking")
    realise.add_argument("amount", metavar="BEDRAG", help="het gerealiseerde bedrag in euro")
    realise.add_argument("note", metavar="OMSCHRIJVING", nargs="*", help="waarvoor (niet verplicht)")
    listing = command(besch, "list", _money, "per project: toegekend, beschikt, gerealiseerd en wat resteert")
    listing.add_argument("--json", action="store_true")

    comm = sub.add_parser("communication", aliases=["communicatie"],
                          help="de communicatiekalender").add_subparsers(dest="communication_command", required=True)
    plan = command(comm, "plan", _plan, "een bericht plannen: wanneer, kanaal, doelgroep, tekst")
    plan.add_argument("date", metavar="DATUM", help="de dag van verzenden (DD-MM-JJJJ of JJJJ-MM-DD)")
    plan.add_argument("--time", metavar="UU:MM", help="het tijdstip (standaard 09:00)")
    plan.add_argument("channel", metavar="KANAAL", help="waarlangs (nieuwsbrief, website, persbericht, ...)")
    plan.add_argument("audience", metavar="DOELGROEP", help="voor wie (partners, inwoners, pers, ...)")
    plan.add_argument("text", metavar="TEKST", nargs="+", help="het bericht")
    items = command(comm, "list", _items, "de geplande berichten (met --all ook verzonden en geannuleerde)")
    items.add_argument("--all", action="store_true", help="ook verzonden en geannuleerde berichten")
    items.add_argument("--json", action="store_true")
    move = command(comm, "move", _move, "een gepland bericht verplaatsen")
    move.add_argument("reference", metavar="C-N", help="het geplande bericht (vaart communication list)")
    move.add_argument("date", metavar="DATUM", help="de nieuwe dag (DD-MM-JJJJ of JJJJ-MM-DD)")
    move.add_argument("--time", metavar="UU:MM")
    cancel = command(comm, "cancel", _cancel, "een gepland bericht annuleren")
    cancel.add_argument("reference", metavar="C-N", help="het geplande bericht (vaart communication list)")
