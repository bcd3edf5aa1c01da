"""`vaart outbox list|retry` and `vaart check`: what the staf need when a message does not arrive.

`vaart outbox list [--status dead|pending|sent] [--json]` shows the outbox (newest first) with the
reason of the last failure; `vaart outbox retry ID` sends a dead message again, `vaart outbox retry
--all [--since WHEN]` every one (after a relay outage) and makes the waiting ones due now; `vaart
check` asks every channel and the database whether they work, and exits 1 when one does not.
With several programmes and no `--programma` (`bot.cli.programmes.each_chosen`) each works on every
programme's store in turn and names the programme on each line (in JSON: `programma`); `retry ID`
needs the programme chosen, since an ID is one store's.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.cli.parser import Subcommands
from bot.cli.programmes import each_chosen, every_programme, labelled
from bot.domain.errors import Refused
from bot.domain.timezone import AMSTERDAM
from bot.messages import render
from bot.services.ports.outbox import STATUSES

if TYPE_CHECKING:
    from bot.bootstrap.app import App


def register(sub: Subcommands) -> None:
    outbox = sub.add_parser("outbox", help="de outbox: bekijken en onbestelbare berichten opnieuw versturen")
    commands = outbox.add_subparsers(dest="outbox_command", required=True)
    listing = commands.add_parser("list", help="berichten in de outbox, nieuwste eerst")
    listing.add_argument("--status", choices=STATUSES, help="alleen berichten met deze status")
    listing.add_argument("--limit", type=int, default=200)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_list)
    retry = commands.add_parser("retry", help="onbestelbare berichten opnieuw versturen: één (ID) of alle (--all)")
    retry.add_argument("id", type=int, nargs="?", help="het nummer van het bericht (vaart outbox list)")
    retry.add_argument("--all", action="store_true", help="alle onbestelbare berichten, en wachtende nu meteen")
    retry.add_argument("--since", metavar="WHEN", help="met --all: alleen wat sinds dan faalt (2026-11-23[T09:00])")
    retry.set_defaults(run=_retry)
    check = sub.add_parser("check", help="werken de bezorgkanalen en de database?")
    check.add_argument("--json", action="store_true")
    check.set_defaults(run=_check)


def _list(args: argparse.Namespace) -> int:
    from scheduling.dead_letters import outbox_rows

    answers = each_chosen(lambda app: (outbox_rows(app.engine, args.status, args.limit), app.clock.now().tzinfo))
    if args.json:
        print(json.dumps([r.as_json() if code is None else {"programma": code, **r.as_json()}
                          for code, (rows, _) in answers for r in rows], ensure_ascii=False, indent=2))
        return 0
    for code, (rows, zone) in answers:
        if code is not None:
            print(f"{code}:")
        if not rows:
            print(render("outbox.empty" if args.status else "outbox.empty_all", "nl"))
        for r in rows:
            when = (r.sent_at or r.next_attempt_at).astimezone(zone).strftime("%Y-%m-%d %H:%M")
            print(f"{r.id:>6} {r.status:<8} {r.attempts:>2}x {when} {r.channel:<6} {r.recipient:<40} "
                  f"{r.subject[:60]}")
            if r.last_error and r.status != "sent":
                print(f"{'':>6} reden: {r.last_error[:300]}")
    return 0


def _retry(args: argparse.Namespace) -> int:
    if (args.id is None) == (not args.all) or (args.since and not args.all):
        print(render("outbox.retry_usage", "nl"), file=sys.stderr)
        return 2
    since = _moment(args.since) if args.since else None
    from scheduling.dead_letters import retry_all, retry_dead

    if args.all:
        for code, done in each_chosen(lambda app: retry_all(app.engine, app.clock.now(), since)):
            print(labelled(code, render("outbox.retried_all", "nl", dead=done.dead, waiting=done.waiting)))
        return 0
    if every_programme():  # an ID is one store's: which programme's?
        from bot.bootstrap.programmes import programme_entries

        raise Refused("installation.retry_needs_programme", id=args.id,
                      options=", ".join(e.code for e in programme_entries()))
    [(_, row)] = each_chosen(lambda app: retry_dead(app.engine, args.id, app.clock.now()))
    print(render("outbox.retried", "nl", id=row.id, recipient=row.recipient))
    return 0


def _moment(text: str) -> datetime:
    """--since: a date (its start) or a time, Amsterdam time unless it carries an offset."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise Refused("outbox.bad_since", value=text[:40]) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)


def _check(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    try:
        answers = each_chosen(_checks)
    except SQLAlchemyError as exc:
        return _report([{"name": "database", "ok": False, "detail": str(exc).splitlines()[0]}], args.json)
    results = [r if code is None else {"programma": code, **r, "name": labelled(code, r["name"])}
               for code, checks in answers for r in checks]
    return _report(results, args.json)


def _checks(app: App) -> list[dict[str, Any]]:
    """One programme's checks: its database, every channel, its outbox."""
    from bot.bootstrap.health import check_channels
    from scheduling.dead_letters import counts

    results = [_database(app)]
    for check in check_channels(app.outbox.channels):
        detail = f"{type(check.error).__name__}: {check.error}" if check.error is not None else check.detail
        results.append({"name": f"{check.name} ({check.channel})", "ok": check.ok, "detail": detail})
    waiting = counts(app.engine)
    results.append({"name": "outbox", "ok": True,
                    "detail": f"{waiting['pending']} te versturen, {waiting['dead']} onbestelbaar, "
                              f"{waiting['sent']} verstuurd"})
    return results


def _database(app: App) -> dict[str, Any]:
    from sqlalchemy.exc import SQLAlchemyError

    try:
        from bot.bootstrap.health import database_state

        state = database_state(app.engine)
    except SQLAlchemyError as exc:
        return {"name": "database", "ok": False, "detail": str(exc).splitlines()[0]}
    detail = f"{state.backend}, schema {state.revision} (nieuwste {state.head})"
    return {"name": "database", "ok": state.ok, "detail": detail}


def _report(results: list[dict[str, Any]], as_json: bool) -> int:
    healthy = all(r["ok"] for r in results)
    if as_json:
        print(json.dumps({"ok": healthy, "checks": results}, ensure_ascii=False, indent=2))
    else:
        for r in results:
            print(f"{'ok  ' if r['ok'] else 'FOUT'} {r['name']}: {r['detail']}")
    if not healthy:
        print("niet alles werkt: zie de regels met FOUT", file=sys.stderr)
    return 0 if healthy else 1
