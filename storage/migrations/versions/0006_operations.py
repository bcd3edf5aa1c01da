"""operations: pseudonyms for the audit log, the worker's heartbeat (storage/tables_ops.py)

Revision ID: 0006_operations
Revises: 0005
Create Date: 2026-11-24

Audit rows written before this revision hold e-mail addresses. They are pseudonymised here (see
`storage.pseudonyms`), which changes their content and so their hashes: the chain is checked
first (a broken chain stops the upgrade, so tampering is never sealed over), then every row is
rewritten and sealed again in order, and a last row `audit_pseudonymised` records how many rows
were rewritten and the head hash the chain had before. The append-only triggers are lifted for
the length of this one transaction only.
"""

from __future__ import annotations

import json
import re
import secrets
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from bot.domain.audit import GENESIS, chain_hash, verify_chain

revision = "0006_operations"
down_revision = "0005"
branch_labels = None
depends_on = None

EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
PSEUDONYM = re.compile(r"pid-[0-9a-f]{16}")
TEXT_COLUMNS = ("actor", "object", "result", "details")

audit_log = sa.table(
    "audit_log",
    *(sa.column(name) for name in ("seq", "at", "actor", "action", "object", "result", "origin", "details",
                                   "prev_hash", "hash")),
)
audit_head = sa.table("audit_head", sa.column("id"), sa.column("seq"), sa.column("hash"))
pseudonyms = sa.table("person_pseudonyms", sa.column("pseudonym"), sa.column("email"), sa.column("created_at"))


def upgrade() -> None:
    op.create_table(
        "person_pseudonyms",
        sa.Column("pseudonym", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("pseudonym", name=op.f("pk_person_pseudonyms")),
        sa.UniqueConstraint("email", name=op.f("uq_person_pseudonyms_email")),
    )
    op.create_table(
        "worker_leader",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("beat_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_worker_leader")),
    )
    _reseal("audit_pseudonymised", _to_pseudonyms)


def downgrade() -> None:
    _reseal("audit_pseudonyms_revealed", _to_addresses)
    op.drop_table("worker_leader")
    op.drop_table("person_pseudonyms")


# -- rewriting the chain once ------------------------------------------------------------------------
def _to_pseudonyms(conn: sa.Connection, rows: list[dict[str, Any]], now: datetime) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for row in rows:
        for name in TEXT_COLUMNS:
            for match in EMAIL.finditer(str(row[name])):
                mapping.setdefault(match.group(0).lower(), "pid-" + secrets.token_hex(8))
    for email, pseudonym in sorted(mapping.items()):
        conn.execute(pseudonyms.insert().values(pseudonym=pseudonym, email=email, created_at=now))
    return mapping


def _to_addresses(conn: sa.Connection, rows: list[dict[str, Any]], now: datetime) -> dict[str, str]:
    return {str(r.pseudonym): str(r.email) for r in conn.execute(sa.select(pseudonyms.c.pseudonym, pseudonyms.c.email))}


def _reseal(action: str, mapping_for: Any) -> None:
    conn = op.get_bind()
    rows = [dict(r) for r in conn.execute(sa.select(audit_log).order_by(audit_log.c.seq)).mappings()]
    if not rows:
        return
    head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)).first()
    head_seq, head_hash = (int(head.seq), str(head.hash)) if head else (0, GENESIS)
    problems = verify_chain(rows, head_seq, head_hash)
    if problems:
        where = ", ".join(f"{p.seq} ({p.problem})" for p in problems[:10])
        raise RuntimeError(f"audit_log chain is broken at {where}: run 'vaart audit verify' and investigate "
                           "before upgrading; this migration does not seal a broken chain")
    now = datetime.now(UTC)  # a migration runs outside the application and its clock
    mapping = mapping_for(conn, rows, now)
    pattern = EMAIL if action == "audit_pseudonymised" else PSEUDONYM

    def swap(text: str) -> str:
        return pattern.sub(lambda m: mapping.get(m.group(0).lower(), m.group(0)), text)

    _lift_guard(conn)
    prev = GENESIS
    for row in rows:
        values = {name: swap(str(row[name])) for name in TEXT_COLUMNS}
        if values["details"] != row["details"]:  # canonical JSON stays canonical: keys sorted, no spaces
            values["details"] = json.dumps(json.loads(values["details"]), sort_keys=True, ensure_ascii=False,
                                           separators=(",", ":"))
        digest = chain_hash(int(row["seq"]), prev, row["at"], values["actor"], row["action"], values["object"],
                            values["result"], row["origin"], values["details"])
        conn.execute(sa.update(audit_log).where(audit_log.c.seq == row["seq"])
                     .values(**values, prev_hash=prev, hash=digest))
        prev = digest
    seq = int(rows[-1]["seq"]) + 1
    at = now.isoformat(timespec="microseconds")
    details = json.dumps({"previous_head": head_hash, "rows": len(rows)}, sort_keys=True, separators=(",", ":"))
    digest = chain_hash(seq, prev, at, "systeem", action, "audit_log", "ok", "migratie", details)
    conn.execute(audit_log.insert().values(seq=seq, at=at, actor="systeem", action=action, object="audit_log",
                                           result="ok", origin="migratie", details=details, prev_hash=prev,
                                           hash=digest))
    conn.execute(sa.update(audit_head).where(audit_head.c.id == 1).values(seq=seq, hash=digest))
    _restore_guard(conn)


def _lift_guard(conn: sa.Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
    else:
        conn.execute(sa.text("DROP TRIGGER IF EXISTS audit_log_no_update"))
        conn.execute(sa.text("DROP TRIGGER IF EXISTS audit_log_no_delete"))


def _restore_guard(conn: sa.Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
        return
    for event in ("UPDATE", "DELETE"):
        conn.execute(sa.text(
            f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        ))
