"""`vaart export-person`, `erase-person` and `audit-log`: a person's data and the audit log, for one
programme or, in an installation of several with no `--programma`, for every programme at once.

A data subject's request under the AVG covers the whole installation, so without `--programma`
`export-person` gives one JSON object keyed by programme code (each part that programme's export;
a programme that holds nothing of the person is left out), `erase-person` erases in every store
all-or-nothing as far as separate stores allow (`storage.personal_data_stores`), each programme's
audit log recording it, and `audit-log` shows every programme's log, each line after its code (in
JSON a `programma` field). With one programme, or one chosen, every answer is as it always was.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from bot.cli.common import OPERATOR, open_app
from bot.cli.programmes import each_chosen, every_programme, labelled
from bot.messages import render
from bot.private_files import private_dir, write_private

if TYPE_CHECKING:
    from bot.bootstrap.app import App
    from storage.personal_data import Erasure


def export(args: argparse.Namespace) -> int:
    if every_programme():
        from bot.bootstrap.installation import build_installation
        from storage.personal_data_stores import export_everywhere

        installation = build_installation()
        try:
            data: dict[str, Any] = export_everywhere(
                {code: app.engine for code, app in installation.apps.items()}, args.email)
        finally:
            installation.close()
    else:
        from storage.personal_data import export_person

        app = open_app()
        try:
            data = export_person(app.engine, args.email)
        finally:
            app.close()
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if args.out:
        private_dir(args.out.parent, tighten=False)
        write_private(args.out, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


def _found(data: dict[str, Any]) -> str:
    found = {name: len(rows) for name, rows in data["tables"].items()}
    found["audit_log"] = len(data["audit_log"])
    return ", ".join(f"{k} {v}" for k, v in sorted(found.items()))


def _erased_line(email: str, done: Erasure) -> str:
    return render("privacy.erased", "nl", email=email, deleted=sum(done.deleted.values()) + done.files,
                  pseudonymised=sum(done.pseudonymised.values()), pseudonym=done.pseudonym, audit=done.audit_entries)


def erase(args: argparse.Namespace) -> int:
    email = args.email.strip().lower()
    if every_programme():
        return _erase_everywhere(args, email)
    from storage.personal_data import erase_person, export_person

    app = open_app()
    try:
        if args.dry_run:
            print(render("privacy.dry_run", "nl", email=email, found=_found(export_person(app.engine, args.email))))
            return 0
        done = erase_person(app.engine, args.email, OPERATOR, "cli", app.clock.now(),
                            outbox_dir=app.settings.outbox_dir)
    finally:
        app.close()
    print(_erased_line(email, done))
    return 0


def _erase_everywhere(args: argparse.Namespace, email: str) -> int:
    from bot.bootstrap.installation import build_installation
    from storage.personal_data_stores import Store, erase_everywhere, export_everywhere

    installation = build_installation()
    try:
        if args.dry_run:
            found = export_everywhere({code: app.engine for code, app in installation.apps.items()}, args.email)
            for code in installation.apps:
                line = (render("privacy.dry_run", "nl", email=email, found=_found(found[code])) if code in found
                        else render("privacy.nothing_here", "nl", email=email))
                print(labelled(code, line))
            return 0
        stores = {code: Store(app.engine, app.settings.outbox_dir) for code, app in installation.apps.items()}
        done = erase_everywhere(stores, args.email, OPERATOR, "cli", installation.default.clock.now())
    finally:
        installation.close()
    for code, erasure in done.items():
        line = _erased_line(email, erasure) if erasure else render("privacy.nothing_here", "nl", email=email)
        print(labelled(code, line))
    return 0


def audit_log(args: argparse.Namespace) -> int:
    def one(app: App) -> list[dict[str, Any]]:
        return _entries(app, args.object, args.limit)

    entries: list[dict[str, Any]] = []
    for code, rows in each_chosen(one):
        entries += rows if code is None else [{"programma": code} | e for e in rows]
    if args.json:
        print(json.dumps(entries, ensure_ascii=False, indent=2))
        return 0
    if not entries:
        about = args.object[:80] if args.object else None
        print(render("audit.log_empty_for", "nl", object=about) if about else render("audit.log_empty", "nl"))
    for e in entries:
        line = f"{e['seq']:>6} {_local(e['at'])} {e['actor']:<32} {e['action']:<24} {e['object']:<16} {e['result']}"
        print(labelled(e.get("programma"), line))
    return 0


def _local(stored: str) -> str:
    """An entry's moment as `outbox list` shows one: local time (Europe/Amsterdam), not the stored UTC
    (which `--json` keeps, offset and all, as the chain hashes it)."""
    from datetime import datetime

    from bot.domain.timezone import to_local

    return to_local(datetime.fromisoformat(stored)).strftime("%Y-%m-%d %H:%M:%S")


def _entries(app: App, object_ref: str | None, limit: int) -> list[dict[str, Any]]:
    """The newest *limit* entries of *app*'s audit log, oldest first, pseudonyms revealed where known."""
    from sqlalchemy import select

    from storage import tables
    from storage.pseudonyms import addresses_for, reveal

    a = tables.audit_log.c
    query = select(tables.audit_log).order_by(a.seq.desc()).limit(limit)
    if object_ref:
        query = query.where(a.object == object_ref)
    with app.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
        known = addresses_for(conn, [r[k] for r in rows for k in ("actor", "object", "details")])
    return [reveal({k: r[k] for k in ("seq", "at", "actor", "action", "object", "result", "origin")}
                   | {"details": json.loads(r["details"])}, known) for r in reversed(rows)]
