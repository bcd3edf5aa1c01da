"""`vaart backup|restore|export-person|erase-person|purge|audit-log`: operating vaart from a shell.

`backup [--out FILE]` writes a consistent copy and its manifest (`storage.backup`); `restore FILE`
puts it into the empty database of VAART_DATABASE_URL and checks it (audit chain, row counts per
table): exit 1 when anything does not match. `export-person EMAIL [--out FILE]` and
`erase-person EMAIL [--dry-run]` answer requests under the AVG (`storage.personal_data`); `purge
[--dry-run] [--days N]` applies the retention term now (the worker does so every six hours).
`audit-log [--object REF] [--limit N] [--json]` shows the audit log with pseudonyms resolved to
addresses where the person has not been erased.

With several programmes and no `--programma`, `backup` and `purge` work on every programme's store in
turn (`bot.cli.programmes.each_chosen`), each line naming its programme; a further programme's backup
is named `vaart-<code>-<time>`, so the programmes' files never overwrite each other. `restore`, the
AVG requests and `audit-log` stay on one programme: the default, or the one chosen.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.bootstrap.ops_settings import OpsSettings
from bot.cli.common import OPERATOR, chosen_settings, open_app
from bot.cli.programmes import each_chosen, every_programme, is_default, labelled
from bot.domain.errors import Refused
from bot.messages import render
from bot.private_files import private_dir, write_private

if TYPE_CHECKING:
    from bot.bootstrap.app import App


def register(sub: Any) -> None:
    backup = sub.add_parser("backup", help="een back-up van de database, met manifest")
    backup.add_argument("--out", type=Path, metavar="FILE", help="standaard: $VAART_BACKUP_DIR/vaart-<tijd>.<soort>")
    backup.set_defaults(run=_backup)

    restore = sub.add_parser("restore", help="een back-up terugzetten in een nieuwe, lege database en controleren")
    restore.add_argument("file", type=Path)
    restore.set_defaults(run=_restore)

    export = sub.add_parser("export-person", help="alle gegevens over een persoon (AVG art. 15), als JSON")
    export.add_argument("email")
    export.add_argument("--out", type=Path, metavar="FILE")
    export.set_defaults(run=_export)

    erase = sub.add_parser("erase-person", help="een persoon wissen (AVG art. 17); besluiten en audit blijven, "
                                                "gepseudonimiseerd")
    erase.add_argument("email")
    erase.add_argument("--dry-run", action="store_true", help="alleen tonen wat er gevonden is")
    erase.set_defaults(run=_erase)

    purge = sub.add_parser("purge", help="verwijderen wat de bewaartermijn voorbij is (VAART_RETENTION_DAYS)")
    purge.add_argument("--days", type=int, help="een andere termijn voor deze keer")
    purge.add_argument("--dry-run", action="store_true")
    purge.set_defaults(run=_purge)

    log = sub.add_parser("audit-log", help="het auditlog lezen, met adressen in plaats van pseudoniemen")
    log.add_argument("--object", metavar="REF")
    log.add_argument("--limit", type=int, default=200)
    log.add_argument("--json", action="store_true")
    log.set_defaults(run=_audit_log)


def _size(path: Path) -> str:
    size = float(path.stat().st_size)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


def _backup(args: argparse.Namespace) -> int:
    from storage.backup import Manifest, backup, default_name

    if args.out and every_programme():
        from bot.bootstrap.programmes import programme_entries

        raise Refused("installation.backup_out_needs_programme",
                      options=", ".join(e.code for e in programme_entries()))

    def one(app: App) -> tuple[Path, Manifest]:
        ops = OpsSettings.from_env(app.settings.env)
        now = app.clock.now()
        name = default_name(app.engine, now)
        if not is_default(app):  # vaart-vdg-<time>: beside the default's, never over it
            name = name.replace("vaart-", f"vaart-{app.programme.code.lower()}-", 1)
        target: Path = args.out or (ops.backup_dir or app.settings.var_dir / "backups") / name
        return target, backup(app.engine, target.resolve(), now, ops.pg_bin)

    for code, (target, manifest) in each_chosen(one):
        print(labelled(code, render("ops.backup_done", "nl", path=target, size=_size(target),
                                    rows=sum(manifest.tables.values()), tables=len(manifest.tables),
                                    seq=manifest.audit_seq)))
    return 0


def _restore(args: argparse.Namespace) -> int:
    """Not through `build()`: that would migrate the empty target first, and it must stay empty."""
    from bot.bootstrap.settings import Settings
    from storage.backup import restore
    from storage.engine import make_engine

    settings = chosen_settings() or Settings.from_env()
    ops = OpsSettings.from_env(settings.env)
    engine = make_engine(settings.database_url, file_mode=settings.file_mode, schema=settings.database_schema)
    try:
        result = restore(engine, args.file.resolve(), ops.pg_bin)
    finally:
        engine.dispose()
    rows = sum(result.tables.values())
    for table, (expected, found) in sorted(result.mismatches.items()):
        print(render("ops.restore_mismatch", "nl", table=table, expected=expected, found=found), file=sys.stderr)
    if result.audit_problems:
        for problem in result.audit_problems:
            print(f"audit: regel {problem.seq}: {problem.problem}", file=sys.stderr)
        print(render("ops.restore_audit", "nl", count=len(result.audit_problems)), file=sys.stderr)
    if not result.ok:
        print(render("ops.restore_failed", "nl"), file=sys.stderr)
        return 1
    if result.manifest is None:
        print(render("ops.restore_no_manifest", "nl", path=args.file, rows=rows))
    else:
        print(render("ops.restore_done", "nl", path=args.file, rows=rows, tables=len(result.tables),
                     audit=result.audit_rows))
    return 0


def _export(args: argparse.Namespace) -> int:
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


def _erase(args: argparse.Namespace) -> int:
    from storage.personal_data import erase_person, export_person

    app = open_app()
    try:
        if args.dry_run:
            data = export_person(app.engine, args.email)
            found = {name: len(rows) for name, rows in data["tables"].items()}
            found["audit_log"] = len(data["audit_log"])
            print(render("privacy.dry_run", "nl", email=data["email"],
                         found=", ".join(f"{k} {v}" for k, v in sorted(found.items()))))
            return 0
        done = erase_person(app.engine, args.email, OPERATOR, "cli", app.clock.now(),
                            outbox_dir=app.settings.outbox_dir)
    finally:
        app.close()
    print(render("privacy.erased", "nl", email=args.email.strip().lower(),
                 deleted=sum(done.deleted.values()) + done.files, pseudonymised=sum(done.pseudonymised.values()),
                 pseudonym=done.pseudonym, audit=done.audit_entries))
    return 0


def _purge(args: argparse.Namespace) -> int:
    from storage.personal_data import Purge, purge

    def one(app: App) -> tuple[int, Purge]:  # each programme's own term (VAART_<CODE>__VAART_RETENTION_DAYS)
        days = args.days or OpsSettings.from_env(app.settings.env).retention_days
        return days, purge(app.engine, app.clock.now(), days, actor=OPERATOR, origin="cli",
                           outbox_dir=app.settings.outbox_dir, dry_run=args.dry_run)

    verb = render("retention.verb_dry" if args.dry_run else "retention.verb_done", "nl")
    for code, (days, done) in each_chosen(one):
        print(labelled(code, render("retention.purged", "nl", days=days, cutoff=done.cutoff.strftime("%d-%m-%Y"),
                                    outbox=done.outbox, requests=done.requests, digests=done.digests,
                                    files=done.files, verb=verb)))
    return 0


def _audit_log(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from storage import tables
    from storage.pseudonyms import addresses_for, reveal

    a = tables.audit_log.c
    app = open_app()
    try:
        query = select(tables.audit_log).order_by(a.seq.desc()).limit(args.limit)
        if args.object:
            query = query.where(a.object == args.object)
        with app.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
            known = addresses_for(conn, [r[k] for r in rows for k in ("actor", "object", "details")])
    finally:
        app.close()
    entries = [reveal({k: r[k] for k in ("seq", "at", "actor", "action", "object", "result", "origin")}
                      | {"details": json.loads(r["details"])}, known) for r in reversed(rows)]
    if args.json:
        print(json.dumps(entries, ensure_ascii=False, indent=2))
        return 0
    for e in entries:
        print(f"{e['seq']:>6} {e['at'][:19]} {e['actor']:<32} {e['action']:<24} {e['object']:<16} {e['result']}")
    return 0
