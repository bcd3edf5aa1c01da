"""The meetings area of the `vaart` command: `route`, `calendar export|feeds` and `meetings ...`.

`vaart route DATE --json` prints exactly the JSON of the architecture on stdout; warnings of the
plan go to stderr, so scripts can parse stdout. A date that does not exist is refused with one
Dutch line on stderr and exit status 1 (see `bot.cli.main.main`). The route is pure configuration and
does not open the store; the other commands work on the store (migrated first, as everywhere).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.common import OPERATOR, open_app
from bot.cli.parser import Subcommands
from bot.domain.dates import parse_meeting_date, parse_year
from bot.domain.timezone import to_local
from bot.messages import render

if TYPE_CHECKING:  # the rest is imported by the command that needs it: `vaart --help` stays light
    from bot.services.base import Reply

ORIGIN = "cli"


def _warn(lines: list[str]) -> None:
    for line in lines:
        print(f"{render('route.warning', 'nl')}: {line}", file=sys.stderr)


def _say(reply: Reply) -> None:
    from bot.services.calendar_setup import notes_text

    print(render(reply.code, "nl", **reply.params))
    _warn(notes_text(reply, "nl"))


def _time(text: str | None) -> time | None:
    from bot.chat.meeting_commands import parse_time

    return parse_time(text) if text else None


# -- commands ---------------------------------------------------------------------------------------
def _route(args: argparse.Namespace) -> int:
    from bot.bootstrap.settings import Settings, load_programme
    from bot.cli.common import chosen_settings
    from bot.reports.route import render_route
    from bot.services.route import route_gremium_name, route_json, route_plan, route_warnings

    settings = chosen_settings() or Settings.from_env()
    programme = load_programme(settings.programme_file, settings.language)
    plan = route_plan(programme.raw, args.date)
    procedure = programme.governance.procedure("voorstel")  # the VDG's route leads to its bestuur, not a stuurgroep
    gremium = route_gremium_name(programme.raw)
    if args.json:
        sys.stdout.write(route_json(plan))
        _warn(route_warnings(plan, "nl", procedure, gremium))
    else:
        sys.stdout.write(render_route(plan, "nl", procedure, gremium))
    return 0


def _calendar_export(args: argparse.Namespace) -> int:
    year = parse_year(args.year)
    app = open_app()
    try:
        paths, warnings = app.meetings.export(year, Path(args.out))
    finally:
        app.close()
    for path in paths:
        print(path)
    _warn([render(w["code"], "nl", **w["params"]) for w in warnings])
    return 0


def _calendar_feeds(args: argparse.Namespace) -> int:
    app = open_app()
    try:
        tokens = app.meetings.feed_tokens(OPERATOR, ORIGIN)
    finally:
        app.close()
    from bot.cli.common import chosen_prefix

    base = args.base_url.rstrip("/") + chosen_prefix()  # a further programme's feeds live under its code
    for gremium, token in tokens.items():
        print(render("feeds.line", "nl", gremium=gremium, url=f"{base}/calendar/{gremium}.ics?token={token}"))
    return 0


def _meetings_generate(args: argparse.Namespace) -> int:
    year = parse_year(args.year)
    app = open_app()
    try:
        _say(app.meetings.generate(OPERATOR, ORIGIN, year, invite=not args.no_invites))
    finally:
        app.close()
    return 0


def _meetings_list(args: argparse.Namespace) -> int:
    from bot.chat.meeting_commands import meeting_line

    app = open_app()
    try:
        if args.year is not None:
            records = app.meetings.year_records(parse_year(args.year), args.gremium)
        else:
            records = app.meetings.upcoming(args.gremium, limit=args.limit)
    finally:
        app.close()
    if args.json:
        rows = [
            {
                "uid": r.uid,
                "gremium": r.gremium,
                "date": r.day.isoformat(),
                "start": None if r.week_only else to_local(r.starts_at).strftime("%H:%M"),
                "end": None if r.week_only else to_local(r.ends_at).strftime("%H:%M"),
                "week_only": r.week_only,
                "status": r.status,
                "sequence": r.sequence,
                "title": r.title,
                "assumed": r.assumed,
                "in_store": r.id is not None,
            }
            for r in records
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print("\n".join(meeting_line(r, "nl") for r in records) or render("meetings.none", "nl"))
    return 0


def _meetings_add(args: argparse.Namespace) -> int:
    day = parse_meeting_date(args.date)
    start = _time(args.start)
    app = open_app()
    try:
        _say(app.meetings.add(OPERATOR, ORIGIN, args.gremium, day, start))
    finally:
        app.close()
    return 0


def _target(args: argparse.Namespace) -> dict[str, Any]:
    if "@" in args.target:
        return {"uid": args.target}
    return {"gremium": args.gremium, "day": parse_meeting_date(args.target)}


def _meetings_move(args: argparse.Namespace) -> int:
    target = _target(args)
    new_day = parse_meeting_date(args.new_date)
    start = _time(args.time)
    app = open_app()
    try:
        _say(app.meetings.move(OPERATOR, ORIGIN, new_day, new_start=start, **target))
    finally:
        app.close()
    return 0


def _meetings_cancel(args: argparse.Namespace) -> int:
    target = _target(args)
    app = open_app()
    try:
        _say(app.meetings.cancel(OPERATOR, ORIGIN, **target))
    finally:
        app.close()
    return 0


# -- the parser ---------------------------------------------------------------------------------------
def register(sub: Subcommands) -> None:
    """Add the meetings commands to the `vaart` parser's subcommands."""
    route = sub.add_parser("route", help="de documentroute naar een vergadering van het gremium van [route]")
    route.add_argument("date", metavar="JJJJ-MM-DD", help="de dag van de vergadering")
    route.add_argument("--json", action="store_true")
    route.set_defaults(run=_route)

    calendar = sub.add_parser("calendar", help="vergaderkalenders (.ics)").add_subparsers(
        dest="calendar_command", required=True
    )
    export = calendar.add_parser("export", help="één .ics per gremium voor een jaar")
    export.add_argument("--year", required=True)
    export.add_argument("--out", required=True, metavar="MAP", help="de map waarin de .ics-bestanden komen")
    export.set_defaults(run=_calendar_export)
    feeds = calendar.add_parser("feeds", help="de adressen (met geheime sleutel) van de agendafeeds")
    feeds.add_argument("--base-url", default="http://127.0.0.1:8000",
                       help="het adres waaronder vaart serve bereikbaar is (standaard %(default)s)")
    feeds.set_defaults(run=_calendar_feeds)

    meetings = sub.add_parser("meetings", help="vergaderingen in de opslag").add_subparsers(
        dest="meetings_command", required=True
    )
    generate = meetings.add_parser("generate", help="de vergaderingen van een jaar opslaan en uitnodigen")
    generate.add_argument("--year", required=True)
    generate.add_argument("--no-invites", action="store_true", help="alleen opslaan, niet uitnodigen")
    generate.set_defaults(run=_meetings_generate)
    listing = meetings.add_parser("list", help="komende vergaderingen, of die van een jaar")
    listing.add_argument("--gremium", help="alleen de vergaderingen van dit gremium")
    listing.add_argument("--year", help="alle vergaderingen van dit jaar (JJJJ) in plaats van de komende")
    listing.add_argument("--limit", type=int, default=20)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_meetings_list)
    add = meetings.add_parser("add", help="een vergadering toevoegen")
    add.add_argument("--gremium", required=True, help="het gremium (zoals in het programmabestand)")
    add.add_argument("--date", required=True, metavar="JJJJ-MM-DD", help="de dag")
    add.add_argument("--start", metavar="UU:MM", help="het begin (standaard dat van het gremium)")
    add.set_defaults(run=_meetings_add)
    move = meetings.add_parser("move", help="een vergadering verplaatsen (UID of datum)")
    move.add_argument("target", metavar="UID|JJJJ-MM-DD", help="de vergadering: haar UID of haar dag")
    move.add_argument("new_date", metavar="NIEUWE-DATUM", help="de nieuwe dag (JJJJ-MM-DD)")
    move.add_argument("--gremium", help="het gremium, als er die dag meer vergaderingen zijn")
    move.add_argument("--time", metavar="UU:MM")
    move.set_defaults(run=_meetings_move)
    cancel = meetings.add_parser("cancel", help="een vergadering annuleren (UID of datum)")
    cancel.add_argument("target", metavar="UID|JJJJ-MM-DD", help="de vergadering: haar UID of haar dag")
    cancel.add_argument("--gremium", help="het gremium, als er die dag meer vergaderingen zijn")
    cancel.set_defaults(run=_meetings_cancel)
