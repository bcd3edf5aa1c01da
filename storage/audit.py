"""Reading the audit log back and checking its hash chain (`vaart audit verify`)."""

from __future__ import annotations

from sqlalchemy import Engine, select

from bot.domain.audit import GENESIS, ChainProblem, verify_chain
from storage import tables


def verify(engine: Engine) -> tuple[list[ChainProblem], int]:
    """Return the problems found (empty when intact) and the number of rows read."""
    with engine.connect() as conn:
        head = conn.execute(select(tables.audit_head).where(tables.audit_head.c.id == 1)).mappings().first()
        rows = conn.execute(select(tables.audit_log).order_by(tables.audit_log.c.seq)).mappings().all()
    head_seq = int(head["seq"]) if head else 0
    head_hash = str(head["hash"]) if head else GENESIS
    return verify_chain([dict(row) for row in rows], head_seq, head_hash), len(rows)
