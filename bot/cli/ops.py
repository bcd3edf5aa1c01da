"""`vaart backup|restore|purge`: operating vaart from a shell (the AVG requests and `audit-log` are
`bot.cli.privacy`'s, registered here with them).

`backup [--out FILE]` writes a consistent copy and its manifest (`storage.backup`), the manifest
naming the programme whose store it is; `restore FILE` puts it into the empty database of that
programme's store and checks it (audit chain, row counts per table): exit 1 when anything does not
match. `purge [--dry-run] [--days N]` applies the retention term now (the worker does so every six
hours).

With several programmes and no `--programma`, `backup` and `purge` work on every programme's store in
turn (`bot.cli.programmes.each_chosen`), each line naming its programme; a further programme's backup
is named `vaart-<code>-<time>`, so the programmes' files never overwrite each other. **One backup
belongs to one programme**: `restore FILE` without `--programma` restores into the store of the
programme its manifest names (an older file that names none: the default programme's, as before);
a file whose manifest names another programme than the chosen one (or, with one programme, than the
installation's own) is refused in one sentence before anything is touched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.bootstrap.ops_settings import OpsSettings
from bot.cli import privacy
from bot.cli.common import OPERATOR, chosen_code
from bot.cli.parser import Subcommands
from bot.cli.programmes import each_chosen, every_programme, is_default, labelled
from bot.domain.errors import Refused
from bot.messages import render

if TYPE_CHECKING:
    from bot.bootstrap.app import App


def register(sub: Subcommands) -> None:
    backup = sub.add_parser("backup", help="een back-up van de database, met manifest")
    backup.add_argument("--out", type=Path, metavar="FILE", help="standaard: $VAART_BACKUP_DIR/vaart-<tijd>.<soort>")
    backup.set_defaults(run=_backup)

    restore = sub.add_parser("restore", help="een back-up terugzetten in een nieuwe, lege database en controleren")
    restore.add_argument("file", type=Path, help="het back-upbestand (vaart backup)")
    restore.set_defaults(run=_restore)

    export = sub.add_parser("export-person", help="alle gegevens over een persoon (AVG art. 15), als JSON")
    export.add_argument("email", help="het e-mailadres van de persoon")
    export.add_argument("--out", type=Path, metavar="FILE")
    export.set_defaults(run=privacy.export)

    erase = sub.add_parser("erase-person", help="een persoon wissen (AVG art. 17); besluiten en audit blijven, "
                                                "gepseudonimiseerd")
    erase.add_argument("email", help="het e-mailadres van de persoon")
    erase.add_argument("--dry-run", action="store_true", help="alleen tonen wat er gevonden is")
    erase.set_defaults(run=privacy.erase)

    purge = sub.add_parser("purge", help="verwijderen wat de bewaartermijn voorbij is (VAART_RETENTION_DAYS)")
    purge.add_argument("--days", type=int, help="een andere termijn voor deze keer")
    purge.add_argument("--dry-run", action="store_true", help="alleen tellen wat zou verdwijnen")
    purge.set_defaults(run=_purge)

    log = sub.add_parser("audit-log", help="het auditlog lezen, met adressen in plaats van pseudoniemen")
    log.add_argument("--object", metavar="REF", help="alleen de regels over dit object (een kenmerk)")
    log.add_argument("--limit", type=int, default=200)
    log.add_argument("--json", action="store_true")
    log.set_defaults(run=privacy.audit_log)


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
        return target, backup(app.engine, target.resolve(), now, ops.pg_bin, programme=app.programme.code)

    for code, (target, manifest) in each_chosen(one):
        print(labelled(code, render("ops.backup_done", "nl", path=target, size=_size(target),
                                    rows=sum(manifest.tables.values()), tables=len(manifest.tables),
                                    seq=manifest.audit_seq)))
    return 0


def _restore(args: argparse.Namespace) -> int:
    """Not through `build()`: that would migrate the empty target first, and it must stay empty."""
    from bot.bootstrap.programmes import programme_entries, selected
    from storage.backup import Manifest, restore
    from storage.engine import make_engine

    manifest = Manifest.read(args.file.resolve()) if args.file.is_file() else None
    code = chosen_code()
    if code is None and every_programme() and manifest is not None and manifest.programme:
        code = manifest.programme  # several programmes, none chosen: the one the file belongs to
    entry = selected(programme_entries(), code)
    settings = entry.settings
    ops = OpsSettings.from_env(settings.env)
    engine = make_engine(settings.database_url, file_mode=settings.file_mode, schema=settings.database_schema)
    try:
        result = restore(engine, args.file.resolve(), ops.pg_bin, programme=entry.code)
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
