"""Requests under the AVG (GDPR) and the retention term: export a person's data, erase a person,
purge what is past its term.

Where a person's data lives is found, not listed: every text and JSON column of every table is
searched for the address, so a table added later is covered without touching this module.

**Export** (art. 15): every row that holds the address, per table, and the audit entries made
by or about the person (found by their pseudonym, shown with their address; other people in
those entries stay pseudonyms).

**Erase** (art. 17), in one transaction: what exists only for the person goes (their `people`
row or the language they chose as a guest, chat identities and the Teams conversation references
kept under them, cards posted to them, messages to them in the outbox, remembered replies that
mention them). What the programme
must keep (ideas, advice, decisions and the spending on record: the Archiefwet, and the decision
register is public under the Woo) is kept, with the address and the registered name replaced by
the person's pseudonym (`storage.pseudonyms`), so the records stay consistent with each other and
with the audit log. The ledger is append-only by
trigger like the audit log; for its `recorded_by` the guard is lifted inside this transaction
only (transactional DDL on both databases), so no one else can write to it meanwhile. The audit
log is never touched: its rows hold only pseudonyms, and deleting the mapping row last makes them
unlinkable, so `vaart audit verify` still passes. The erasure itself is on record as
`person_erased` under the pseudonym.

**Retention**: delivered and dead outbox messages (their bodies are personal data), unfinished
Teams form steps, digest entries (a notice bundled into a person's daily digest, and the count of
notices per person and day that decides the bundling) and remembered replies older than
VAART_RETENTION_DAYS are deleted, and the file outbox's copies with
them; the purge is on record in the audit log. Records the programme must keep are not purged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Connection, Engine, String, Table, Text, cast, delete, func, or_, select, text, update

from bot.domain.audit import AuditRecord
from bot.domain.errors import Refused
from storage import tables
from storage.pseudonyms import pseudonym_of, pseudonyms_for, reveal
from storage.tables_chat import identities
from storage.tables_execution import digest_entries, notice_counts
from storage.tables_ops import person_pseudonyms
from storage.tables_teams import teams_form_drafts
from storage.unit_of_work import SqlAlchemyUnitOfWork, session_factory

SKIPPED = frozenset({"audit_log", "audit_head", "person_pseudonyms", "alembic_version", "counters"})
APPEND_ONLY = frozenset({"ledger"})  # guarded by triggers; the audit log is never edited at all
SYSTEM = "systeem"


def _searchable(table: Table) -> list[Any]:
    return [c for c in table.columns if isinstance(c.type, String | Text | JSON)]


def _matching_rows(conn: Connection, table: Table, needles: Iterable[str]) -> list[dict[str, Any]]:
    """Rows of *table* that hold one of *needles* (case-insensitive) in a text or JSON column."""
    columns = _searchable(table)
    wanted = [n.lower() for n in needles if n]
    if not columns or not wanted:
        return []
    conditions = [func.lower(cast(c, Text)).contains(n, autoescape=True) for c in columns for n in wanted]
    rows = conn.execute(select(table).where(or_(*conditions))).mappings().all()
    return [dict(r) for r in rows]


def _linked(conn: Connection, address: str) -> dict[Table, list[dict[str, Any]]]:
    """Rows that belong to the person through their chat identity rather than their address: the
    Teams conversation references kept under their Entra object id, and the programme they chose for
    their direct messages (`programme_choices`, by their Slack or Teams id)."""
    ids = list(conn.execute(select(identities.c.external_user_id)
                            .where(func.lower(identities.c.email) == address)).scalars())
    if not ids:
        return {}
    found: dict[Table, list[dict[str, Any]]] = {}
    for name, column in (("teams_conversations", "aad_object_id"), ("programme_choices", "person")):
        table = tables.metadata.tables.get(name)
        if table is None or column not in table.columns:
            continue
        rows = [dict(r) for r in conn.execute(select(table).where(table.c[column].in_(ids))).mappings()]
        if rows:
            found[table] = rows
    return found


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _normalised(email: str) -> str:
    return email.strip().lower()


# -- export ----------------------------------------------------------------------------------------
def export_person(engine: Engine, email: str) -> dict[str, Any]:
    """Everything stored about *email*: rows per table and the audit entries under their pseudonym."""
    address = _normalised(email)
    with engine.connect() as conn:
        pseudonym = pseudonym_of(conn, address)
        found: dict[str, list[dict[str, Any]]] = {}
        for table in tables.metadata.sorted_tables:
            if table.name in SKIPPED:
                continue
            rows = _matching_rows(conn, table, [address])
            if rows:
                found[table.name] = [_jsonable(r) for r in rows]
        for table, rows in _linked(conn, address).items():
            found.setdefault(table.name, []).extend(_jsonable(r) for r in rows)
        audit: list[dict[str, Any]] = []
        if pseudonym is not None:
            a = tables.audit_log.c
            like = f"%{pseudonym}%"
            entries = conn.execute(
                select(tables.audit_log)
                .where(or_(a.actor == pseudonym, a.object == pseudonym, a.details.like(like)))
                .order_by(a.seq)
            ).mappings().all()
            audit = [reveal({k: r[k] for k in ("seq", "at", "actor", "action", "object", "result", "origin",
                                               "details")}, {pseudonym: address}) for r in entries]
    if not found and not audit:
        raise Refused("privacy.unknown_person", email=address)
    return {"email": address, "pseudonym": pseudonym, "tables": found, "audit_log": audit}


# -- erase -----------------------------------------------------------------------------------------
@dataclass
class Erasure:
    pseudonym: str
    deleted: dict[str, int] = field(default_factory=dict)
    pseudonymised: dict[str, int] = field(default_factory=dict)
    audit_entries: int = 0
    files: int = 0


def _deletes(table: Table, row: dict[str, Any], address: str) -> bool:
    """Rows that exist only for this person go; the rest is kept, pseudonymised."""
    name = table.name
    if name in ("people", "identities", "language_choices"):
        return str(row.get("email", "")).lower() == address
    if name in ("web_sessions", "web_login_tokens"):  # sign-in links and sessions of the web front end
        return str(row.get("email", "")).lower() == address
    if name in ("outbox", "chat_messages"):
        return str(row.get("recipient", "")).lower() == address
    return name == "processed_requests"


def _replacer(address: str, person_name: str | None, pseudonym: str) -> Any:
    parts = [re.escape(address)]
    if person_name and len(person_name) >= 5 and " " in person_name.strip():
        parts.append(re.escape(person_name.strip()))
    pattern = re.compile("|".join(parts), re.IGNORECASE)

    def swap(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(pseudonym, value)
        if isinstance(value, dict):
            return {swap(k): swap(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [swap(v) for v in value]
        return value

    return swap


def erase_person(engine: Engine, email: str, actor: str, origin: str, now: datetime,
                 outbox_dir: Path | None = None) -> Erasure:
    """Erase *email* (see the module's docstring). Refused when nothing about the address is stored."""
    address = _normalised(email)
    with SqlAlchemyUnitOfWork(session_factory(engine)) as uow:
        erasure = erase_within(uow, address, actor, origin, now)
        if erasure is None:
            raise Refused("privacy.unknown_person", email=address)
        uow.commit()
    erasure.files = _erase_files(outbox_dir, address)
    return erasure


def erase_within(uow: SqlAlchemyUnitOfWork, email: str, actor: str, origin: str, now: datetime) -> Erasure | None:
    """The erasure of *email* done inside *uow*'s open transaction, not committed (the caller commits,
    so several stores can each be made ready before any is committed); None when nothing about the
    address is stored there. The file outbox's copies are the caller's (`erase_files`), after the commit."""
    address = _normalised(email)
    conn = uow.session.connection()
    person_name = conn.execute(select(tables.people.c.name).where(tables.people.c.email == address)).scalar()
    existing = pseudonym_of(conn, address)
    needles = [address] + ([str(person_name)] if person_name else [])
    matches = {t: _matching_rows(conn, t, [address]) for t in tables.metadata.sorted_tables
               if t.name not in SKIPPED}
    matches = {t: rows for t, rows in matches.items() if rows}
    linked = _linked(conn, address)  # read before the identities go
    if not matches and existing is None:
        return None
    pseudonym = existing or pseudonyms_for(conn, [address], now)[address]
    erasure = Erasure(pseudonym)
    swap = _replacer(address, str(person_name) if person_name else None, pseudonym)
    # the name alone (in texts sent to or about others) is searched for too
    if person_name:
        for table in tables.metadata.sorted_tables:
            if table.name in SKIPPED:
                continue
            extra = _matching_rows(conn, table, needles[1:])
            if extra:
                known = {tuple(r[c.name] for c in table.primary_key.columns) for r in matches.get(table, [])}
                rows = matches.setdefault(table, [])
                rows += [r for r in extra if tuple(r[c.name] for c in table.primary_key.columns) not in known]
    for table, rows in matches.items():
        _erase_rows(conn, table, rows, address, swap, erasure)
    for table, rows in linked.items():  # conversation references and choices exist only for the person
        keys = list(table.primary_key.columns)
        for row in rows:
            conn.execute(delete(table).where(*[k == row[k.name] for k in keys]))
        erasure.deleted[table.name] = erasure.deleted.get(table.name, 0) + len(rows)
    if existing is not None:
        a = tables.audit_log.c
        erasure.audit_entries = int(conn.execute(
            select(func.count()).select_from(tables.audit_log)
            .where(or_(a.actor == pseudonym, a.object == pseudonym, a.details.like(f"%{pseudonym}%")))
        ).scalar_one())
    details = {"deleted": erasure.deleted, "pseudonymised": erasure.pseudonymised,
               "audit_entries": erasure.audit_entries}
    uow.append_audit(AuditRecord(at=_iso(now), actor=actor, action="person_erased", object=pseudonym,
                                 result="ok", origin=origin, details=details))
    conn.execute(delete(person_pseudonyms).where(person_pseudonyms.c.email == address))
    return erasure


def erase_files(outbox_dir: Path | None, email: str) -> int:
    """The file outbox's copies of messages to *email*, after its store's erasure was committed."""
    return _erase_files(outbox_dir, _normalised(email))


def _erase_rows(conn: Connection, table: Table, rows: list[dict[str, Any]], address: str, swap: Any,
                erasure: Erasure) -> None:
    keys = list(table.primary_key.columns)
    guard: list[str] | None = None  # the append-only triggers, lifted for this transaction only
    for row in rows:
        where = [k == row[k.name] for k in keys]
        changes: dict[str, Any] = {}
        remove = _deletes(table, row, address)
        if not remove:
            for column in _searchable(table):
                value = row[column.name]
                new = swap(value)
                if new != value:
                    length = getattr(column.type, "length", None)
                    changes[column.name] = new[:length] if isinstance(new, str) and length else new
            if not changes:
                continue
            if "version" in table.columns:  # an optimistic lock: a concurrent edit is told, not overwriting
                changes["version"] = table.c.version + 1
        if table.name in APPEND_ONLY and guard is None:
            guard = _lift_guard(conn, table.name)
        if remove:
            conn.execute(delete(table).where(*where))
            erasure.deleted[table.name] = erasure.deleted.get(table.name, 0) + 1
        else:
            conn.execute(update(table).where(*where).values(**changes))
            erasure.pseudonymised[table.name] = erasure.pseudonymised.get(table.name, 0) + 1
    if guard is not None:
        _restore_guard(conn, table.name, guard)


def _lift_guard(conn: Connection, name: str) -> list[str]:
    """Disable the table's triggers inside the current transaction; returns what restores them."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f'ALTER TABLE "{name}" DISABLE TRIGGER USER'))
        return []
    triggers = conn.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"), {"t": name}
    ).all()
    for trigger in triggers:
        conn.execute(text(f'DROP TRIGGER "{trigger.name}"'))
    return [str(t.sql) for t in triggers]


def _restore_guard(conn: Connection, name: str, saved: list[str]) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text(f'ALTER TABLE "{name}" ENABLE TRIGGER USER'))
        return
    for sql in saved:
        conn.execute(text(sql))


def _erase_files(directory: Path | None, address: str) -> int:
    """The file outbox's copies of messages that name the address (the embedded default's mail)."""
    if directory is None or not directory.is_dir():
        return 0
    needle = address.lower().encode()
    removed = 0
    for path in directory.iterdir():
        if path.is_file() and path.suffix in (".eml", ".ics") and _names(path.read_bytes(), needle):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _names(data: bytes, needle: bytes) -> bool:
    """Whether a stored message names the address: in its raw bytes, or in a part's decoded content
    (a calendar part travels as base64, text as quoted-printable; iCalendar lines are folded)."""
    if needle in data.lower():
        return True
    for part in message_from_bytes(data, policy=policy.compat32).walk():
        content = None if part.is_multipart() else part.get_payload(decode=True)
        if isinstance(content, bytes) and needle in content.replace(b"\r\n ", b"").replace(b"\n ", b"").lower():
            return True
    return False


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


# -- retention -------------------------------------------------------------------------------------
@dataclass
class Purge:
    cutoff: datetime
    outbox: int = 0
    requests: int = 0
    files: int = 0
    drafts: int = 0  # Teams form steps typed and never finished (they hold what the person typed)
    digests: int = 0  # digest entries (a notice to a person with its text) and notice counts per person and day

    @property
    def total(self) -> int:
        return self.outbox + self.requests + self.files + self.drafts + self.digests


def purge(engine: Engine, now: datetime, days: int, actor: str = SYSTEM, origin: str = "worker",
          outbox_dir: Path | None = None, dry_run: bool = False) -> Purge:
    """Delete what is past its term (see the module's docstring); on record when anything went."""
    cutoff = now - timedelta(days=days)
    report = Purge(cutoff)
    o = tables.outbox.c
    r = tables.processed_requests.c
    d = teams_form_drafts.c
    expired_outbox = or_(
        (o.status == "sent") & (o.sent_at < cutoff),
        (o.status == "dead") & (o.created_at < cutoff),
    )
    g, n = digest_entries.c, notice_counts.c
    # sent ones by when they went; one never sent by its day (like a dead outbox message, by its creation)
    expired_digests = or_(g.sent_at < cutoff, g.sent_at.is_(None) & (g.day < cutoff.date()))
    files = _expired_files(outbox_dir, cutoff) if outbox_dir else []
    report.files = len(files)
    with SqlAlchemyUnitOfWork(session_factory(engine)) as uow:
        conn = uow.session.connection()
        if dry_run:
            report.outbox = int(conn.execute(
                select(func.count()).select_from(tables.outbox).where(expired_outbox)).scalar_one())
            report.requests = int(conn.execute(
                select(func.count()).select_from(tables.processed_requests).where(r.at < cutoff)).scalar_one())
            report.drafts = int(conn.execute(
                select(func.count()).select_from(teams_form_drafts).where(d.updated_at < cutoff)).scalar_one())
            report.digests = int(conn.execute(
                select(func.count()).select_from(digest_entries).where(expired_digests)).scalar_one()) + int(
                conn.execute(select(func.count()).select_from(notice_counts).where(n.day < cutoff.date())).scalar_one())
            return report
        report.outbox = int(conn.execute(delete(tables.outbox).where(expired_outbox)).rowcount)
        report.requests = int(conn.execute(delete(tables.processed_requests).where(r.at < cutoff)).rowcount)
        report.drafts = int(conn.execute(delete(teams_form_drafts).where(d.updated_at < cutoff)).rowcount)
        report.digests = int(conn.execute(delete(digest_entries).where(expired_digests)).rowcount) + int(
            conn.execute(delete(notice_counts).where(n.day < cutoff.date())).rowcount)
        if report.total:
            details = {"days": days, "cutoff": cutoff.isoformat(), "outbox": report.outbox,
                       "requests": report.requests, "files": report.files}
            if report.drafts:
                details["drafts"] = report.drafts
            if report.digests:
                details["digests"] = report.digests
            uow.append_audit(AuditRecord(at=_iso(now), actor=actor, action="retention_purged", object="store",
                                         result="ok", origin=origin, details=details))
        uow.commit()
    for path in files:
        path.unlink(missing_ok=True)
    return report


def _expired_files(directory: Path, cutoff: datetime) -> list[Path]:
    if not directory.is_dir():
        return []
    limit = cutoff.timestamp()
    return [p for p in directory.iterdir() if p.is_file() and p.suffix in (".eml", ".ics")
            and p.stat().st_mtime < limit]

