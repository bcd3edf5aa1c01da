"""The `vaart` command (a stable interface: scripts and checks use it).

Exit status: 0 on success, 1 on a refused or invalid request (one Dutch line on stderr),
2 on wrong usage. Every command works on a fresh, empty store: it is migrated first.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.common import CHOSEN, OPERATOR, Runner, choose, chosen_code, chosen_settings, open_app
from bot.cli.parser import VaartParser
from bot.domain.errors import Refused
from bot.messages import render
from bot.private_files import write_private

if TYPE_CHECKING:
    from bot.bootstrap.app import App
    from bot.bootstrap.settings import Settings
    from bot.domain.decision_register import RegisterEntry
    from bot.domain.member_bodies import BodyDecision


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    runner: Runner = args.run
    choose(args.programma)
    try:
        _logging(args.command)
        return runner(args)
    except Refused as refusal:
        lang = getattr(args, "lang", None) or "nl"
        print(render(refusal.code, lang, **_flat(refusal.params)), file=sys.stderr)
        return 1


def _logging(command: str) -> None:
    """bot.bootstrap.logging_setup: VAART_LOG_FORMAT=json|text, VAART_LOG_LEVEL; INFO for the long-running processes."""
    import os

    from bot.bootstrap.logging_setup import configure
    from bot.bootstrap.ops_settings import OpsSettings

    ops = OpsSettings.from_env(os.environ)
    default = "INFO" if command in ("serve", "worker", "slack") else "WARNING"
    configure(os.environ, ops.log_format, ops.log_level or default)


def _flat(params: dict[str, Any]) -> dict[str, Any]:
    return {k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v for k, v in params.items()}


# -- commands -------------------------------------------------------------------------------
def _chat(args: argparse.Namespace) -> int:
    """The identity is checked before anything starts: a wrong --as is wrong usage (exit 2), not a refusal later."""
    from bot.domain.text import clean_email
    from bot.frontends.console import run_console

    try:
        clean_email(args.as_email)
    except Refused as refusal:
        print(render("console.bad_identity", args.lang or "nl", **_flat(refusal.params)), file=sys.stderr)
        return 2
    if chosen_code() is None and "VAART_PROGRAMMES" in os.environ:  # several: `programma CODE` switches
        return _chat_every_programme(args)
    app = open_app()
    try:
        return run_console(app.chat, lambda: app.outbox.drain().sent, args.as_email, sys.stdin, sys.stdout,
                           args.lang)
    finally:
        app.close()


def _chat_every_programme(args: argparse.Namespace) -> int:
    """The console on every programme of the installation, the default first; after each answer every
    programme's outbox is delivered."""
    from bot.bootstrap.installation import build_installation
    from bot.bootstrap.programme_desks import console_chats
    from bot.frontends.console import run_console
    from bot.services.ports.outbox import OutboxItem

    installation = build_installation()
    apps = list(installation.apps.values())

    def deliver() -> list[OutboxItem]:
        return [item for app in apps for item in app.outbox.drain().sent]

    try:
        return run_console(console_chats(apps), deliver, args.as_email, sys.stdin, sys.stdout, args.lang)
    finally:
        installation.close()


def _migrate(args: argparse.Namespace) -> int:
    """Every programme's store (one programme with `--programma`); one line per store."""
    from bot.cli.programmes import every_programme, migrate_every_programme
    from storage.migrate import current_revision

    if every_programme():
        return migrate_every_programme()
    app = open_app()
    print(f"database op schema {current_revision(app.engine)}")
    app.close()
    return 0


def _people_add(args: argparse.Namespace) -> int:
    app = open_app()
    reply = app.people.add(OPERATOR, "cli", args.email, args.name, args.role, args.organisation, args.language)
    print(app.chat.say(reply, "nl"))
    app.close()
    return 0


def _people_accounthouders(args: argparse.Namespace) -> int:
    """The accounthouders the programme file names (`leden` of the colleges, `[[accounthouders]]`) as people."""
    app = open_app()
    try:
        print(app.chat.say(app.people.add_accounthouders(OPERATOR, "cli"), "nl"))
    finally:
        app.close()
    return 0


def _people_list(args: argparse.Namespace) -> int:
    app = open_app()
    people = app.people.list()
    if args.json:
        print(json.dumps([{"email": p.email, "name": p.name, "organisation": p.organisation, "roles": p.roles}
                          for p in people], ensure_ascii=False, indent=2))
    for person in [] if args.json else people:
        roles = ", ".join(app.programme.role_name(r) for r in person.roles)
        print(f"{person.email:<40} {person.name:<30} {roles} ({person.organisation or '-'})")
    if not people and not args.json:
        print(render("people.none", "nl"))
    app.close()
    return 0


def _college_decisions(app: App, entries: Sequence[RegisterEntry]) -> dict[str, list[BodyDecision]]:
    """The member bodies' decisions behind the register's entries that no meeting took (nobody
    "present"); none at all in a programme that decides nothing per member body (the Regio Deal)."""
    from bot.domain.governance import PER_MEMBER_BODY

    profile = app.programme.governance
    if app.member_bodies is None or PER_MEMBER_BODY not in {d.procedure for d in profile.decisions.values()}:
        return {}
    return app.member_bodies.decisions_by_reference([e.reference for e in entries if not e.present])


def _decisions(args: argparse.Namespace) -> int:
    """The register: decisions on ideas and on spend requests; exports for publication under the Woo."""
    from bot.reports import decision_register as reg

    app = open_app()
    try:
        entries = app.ideas.register()
        describe = reg.woo_describer(app.people.list(), app.programme) if args.woo else None
        fmt = "json" if args.json else args.format
        if fmt == "xlsx":
            if not args.out:
                print("xlsx alleen naar een bestand: gebruik --out FILE", file=sys.stderr)
                return 2
            write_private(Path(args.out), reg.export_xlsx(entries, describe))
            return 0
        # text, JSON and CSV are written as they are made: the register is never held twice over
        chunks: Iterator[str]
        if fmt == "text":
            chunks = itertools.chain(reg.text_chunks(entries, "nl"), ["\n"])
        elif fmt == "json":  # a decision of the colleges carries their tally, not a meeting's "present"
            chunks = reg.json_chunks(entries, describe, _college_decisions(app, entries))
        else:
            chunks = reg.csv_chunks(entries, describe)
        if args.out:  # without --woo it holds e-mail addresses: the owner's only; a CSV file starts with a BOM
            first = ["\ufeff"] if fmt == "csv" else []
            write_private(Path(args.out), (c.encode("utf-8") for c in itertools.chain(first, chunks)))
        else:
            sys.stdout.writelines(chunks)
    finally:
        app.close()
    return 0


def _audit_verify(args: argparse.Namespace) -> int:
    """Every row (the default, and `--full`), or with `--incremental` the rows after the last
    checkpoint (the daily check); an intact walk records the next checkpoint. With several
    programmes and none chosen, every programme's chain, each line naming its programme."""
    from bot.bootstrap.store import open_store  # the store alone: the walk needs no chat, front end or channel
    from bot.cli.programmes import every_programme, labelled
    from storage.audit import verify_full, verify_incremental

    if every_programme():
        from bot.bootstrap.programmes import programme_entries

        chosen: list[tuple[str | None, Settings | None]] = [(e.code, e.settings) for e in programme_entries()]
    else:
        chosen = [(None, chosen_settings())]
    broken = 0
    for code, settings in chosen:
        store = open_store(settings)
        try:
            done = (verify_incremental if args.incremental else verify_full)(store.engine, store.clock.now())
        finally:
            store.close()
        if done.problems:
            broken += 1
            for problem in done.problems:
                print(labelled(code, render("audit.problem", "nl", seq=problem.seq, problem=problem.problem)),
                      file=sys.stderr)
            print(labelled(code, render("audit.broken", "nl", count=len(done.problems), rows=done.rows)),
                  file=sys.stderr)
        elif done.first > 1:
            print(labelled(code, render("audit.intact_since", "nl", count=done.rows, checkpoint=done.first - 1,
                                        head=done.head)))
        else:
            print(labelled(code, render("audit.intact", "nl", count=done.rows)))
    return 1 if broken else 0


def _demo(args: argparse.Namespace) -> int:
    from bot.bootstrap.settings import Settings
    from bot.cli.demo import run_demo

    settings = chosen_settings() or Settings.from_env()  # only its programme file: the tour has its own store
    return run_demo(sys.stdout, programme_file=settings.programme_file)


def _serve(args: argparse.Namespace) -> int:
    """Every programme of the installation: the default at `/`, the others under `/programma/<code>/`."""
    import gc

    import uvicorn

    from bot.asgi import create_asgi
    from bot.bootstrap.installation import build_installation
    from bot.bootstrap.ops_settings import OpsSettings

    installation = build_installation()
    app = installation.default
    grace = OpsSettings.from_env(app.settings.env).shutdown_grace
    asgi = create_asgi(app, installation)
    # What start-up made (modules, programmes, templates: ~160k objects) lives as long as the server: kept
    # out of the collector's full passes, which otherwise stop every request for 30-110 ms now and then.
    gc.collect()
    gc.freeze()
    # logging stays ours (bot.bootstrap.logging_setup); on SIGTERM uvicorn stops accepting, lets requests finish
    uvicorn.run(asgi, host=args.host, port=args.port, log_config=None,
                access_log=False, timeout_graceful_shutdown=int(grace))
    installation.close()
    return 0


def _worker(args: argparse.Namespace) -> int:
    """Every programme's outbox, reminders and rounds, each in its own store (one with `--programma`)."""
    from bot.cli.programmes import every_programme, installation_worker
    from bot.worker import run_worker

    if every_programme():
        return installation_worker(args.once, args.wait)
    app = open_app()
    try:
        return run_worker(app, once=args.once, wait=args.wait)
    finally:
        app.close()


# -- the parser ------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    """Every command and its help; public for the checks that read each command's help (the VDG sweep)."""
    parser = VaartParser(prog="vaart", description="vaart: de governance-bot van een "
                                     "samenwerkingsprogramma (zie vaart programmes)")
    parser.add_argument("--programma", metavar="CODE", default=None,
                        help=f"het programma waarop het commando werkt (of {CHOSEN}); standaard het eerste "
                        "van VAART_PROGRAMMES")
    sub = parser.add_subparsers(dest="command", required=True)

    chat = sub.add_parser("chat", help="de chat in de terminal")
    chat.add_argument("--as", dest="as_email", required=True, metavar="EMAIL",
                      help="het e-mailadres van wie er chat (make run: VAART_AS)")
    chat.add_argument("--lang", choices=["nl", "en"])
    chat.set_defaults(run=_chat)

    sub.add_parser("migrate", help="database naar het actuele schema (elk programma)").set_defaults(run=_migrate)
    from bot.cli.programmes import register as register_programmes

    register_programmes(sub)

    serve = sub.add_parser("serve", help="de ASGI-server")
    serve.add_argument("--host", default="127.0.0.1",
                       help="het adres waarop de server luistert (standaard %(default)s)")
    serve.add_argument("--port", type=int, default=8000, help="de poort (standaard %(default)s)")
    serve.set_defaults(run=_serve)

    worker = sub.add_parser("worker", help="planner en outbox")
    worker.add_argument("--once", action="store_true", help="één ronde en stoppen")
    worker.add_argument("--no-wait", dest="wait", action="store_false",
                        help="niet stand-by wachten als er al een worker leidt, maar stoppen (exit 1)")
    worker.set_defaults(run=_worker)

    from bot.cli.status import register as register_status

    register_status(sub)

    people = sub.add_parser("people", help="personen en rollen").add_subparsers(dest="people_command", required=True)
    add = people.add_parser("add", help="een persoon toevoegen of bijwerken, met rollen")
    add.add_argument("--name", required=True, help="de naam")
    add.add_argument("--email", required=True, help="het e-mailadres (de sleutel van de persoon)")
    add.add_argument("--role", action="append", default=[], help="herhaal voor meer rollen")
    add.add_argument("--organisation", help="de organisatie (gemeente, provincie, ...)")
    add.add_argument("--language", choices=["nl", "en"], help="de taal waarin vaart de persoon aanspreekt")
    add.set_defaults(run=_people_add)
    people.add_parser("accounthouders", help="de accounthouders uit het programmabestand als personen").set_defaults(
        run=_people_accounthouders
    )
    listing = people.add_parser("list", help="de personen met hun rollen")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_people_list)

    decisions = sub.add_parser("decisions", help="het besluitenregister")
    decisions.add_argument("--json", action="store_true", help="hetzelfde als --format json")
    decisions.add_argument("--format", choices=["text", "json", "csv", "xlsx"], default="text",
                           help="de vorm (standaard %(default)s)")
    decisions.add_argument("--out", metavar="FILE", help="naar een bestand (verplicht voor xlsx)")
    decisions.add_argument("--woo", action="store_true",
                           help="voor publicatie: persoonsgegevens vervangen door functie en organisatie")
    decisions.set_defaults(run=_decisions)

    audit = sub.add_parser("audit", help="het auditlog").add_subparsers(dest="audit_command", required=True)
    verify = audit.add_parser("verify", help="de hashketen controleren (standaard: alle regels)")
    how = verify.add_mutually_exclusive_group()
    how.add_argument("--full", action="store_true", help="alle regels vanaf de eerste (de standaard)")
    how.add_argument("--incremental", action="store_true",
                     help="alleen de regels na het laatste controlepunt (de dagelijkse controle)")
    verify.set_defaults(run=_audit_verify)

    sub.add_parser("demo", help="rondleiding op een nieuwe, lege opslag").set_defaults(run=_demo)
    # extensions: the meetings and budget areas register their commands below this line
    from bot.cli.meetings import register as register_meetings

    register_meetings(sub)
    from bot.cli.budget import register as register_budget

    register_budget(sub)
    from bot.cli.progress import register as register_progress

    register_progress(sub)

    from bot.cli.cycle import register as register_cycle

    register_cycle(sub)
    from bot.cli.execution import register as register_execution

    register_execution(sub)
    from bot.cli.slack import register as register_slack

    register_slack(sub)
    from bot.cli.delivery import register as register_delivery

    register_delivery(sub)
    from bot.cli.ops import register as register_ops

    register_ops(sub)
    from bot.cli.web import register as register_web

    register_web(sub)
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
