"""Reading the audit log back and checking its hash chain (`vaart audit verify`).

The walk reads the log in seq order in slices of `SLICE` rows (keyset: `seq > last`), inside one
read-only transaction, so it holds one slice at a time whatever the log's length, sees one
consistent state, and never takes the write lock. `verify` walks every row (on demand, and after a
restore) and writes nothing; `verify_incremental` (the daily run) starts at the last checkpoint, the
row up to which it found the chain intact before: it checks that row is still what it was, walks
only the rows after it, and records the new head as the next checkpoint (the first run walks every
row). An edit before the checkpoint is left to the full walk (`vaart audit verify`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from bot.domain.audit import GENESIS, ChainProblem, ChainWalk, chain_hash
from storage import tables
from storage.engine import reader
from storage.tables_reads import audit_checkpoints

SLICE = 5000
_a = tables.audit_log.c
COLUMNS = (_a.seq, _a.prev_hash, _a.at, _a.actor, _a.action, _a.object, _a.result, _a.origin, _a.details, _a.hash)


@dataclass(frozen=True)
class Verification:
    problems: list[ChainProblem]
    rows: int  # rows read by this walk
    first: int  # the first seq it read (1 for a full walk)
    head: int  # the head's seq

    @property
    def intact(self) -> bool:
        return not self.problems


def _rows(conn: Connection, after: int) -> Iterator[Any]:
    while True:
        batch = conn.execute(select(*COLUMNS).where(_a.seq > after).order_by(_a.seq).limit(SLICE)).all()
        yield from batch
        if len(batch) < SLICE:
            return
        after = batch[-1].seq


def _head(conn: Connection) -> tuple[int, str]:
    head = conn.execute(select(tables.audit_head.c.seq, tables.audit_head.c.hash)
                        .where(tables.audit_head.c.id == 1)).first()
    return (int(head.seq), str(head.hash)) if head else (0, GENESIS)


def _walk(conn: Connection, after_seq: int = 0, after_hash: str = GENESIS) -> Verification:
    head_seq, head_hash = _head(conn)
    walk = ChainWalk(after_seq, after_hash)
    for r in _rows(conn, after_seq):  # COLUMNS is in `row`'s order: unpacking a Row is far cheaper than naming
        walk.row(*r)
    return Verification(walk.finish(head_seq, head_hash), walk.count, after_seq + 1, head_seq)


def verify(engine: Engine) -> tuple[list[ChainProblem], int]:
    """Every row from the first: the problems found (empty when intact) and the number of rows read."""
    with reader(engine).connect() as conn:
        done = _walk(conn)
    return done.problems, done.rows


def verify_full(engine: Engine, now: datetime) -> Verification:
    """The full walk, reading only (the checkpoints are the daily check's)."""
    with reader(engine).connect() as conn:
        return _walk(conn)


def verify_incremental(engine: Engine, now: datetime) -> Verification:
    """From the last checkpoint on (a full walk when there is none)."""
    with reader(engine).connect() as conn:
        c = audit_checkpoints.c
        last = conn.execute(select(c.seq, c.hash).where(c.seq > 0).order_by(c.id.desc()).limit(1)).first()
        if last is None:
            done = _walk(conn)
        else:
            at_checkpoint = conn.execute(select(*COLUMNS).where(_a.seq == last.seq)).first()
            if at_checkpoint is None or at_checkpoint.hash != last.hash or chain_hash(
                *at_checkpoint[:-1]
            ) != at_checkpoint.hash:
                head_seq, _ = _head(conn)
                return Verification([ChainProblem(int(last.seq), "checkpoint")], 0, int(last.seq), head_seq)
            done = _walk(conn, int(last.seq), str(last.hash))
    if done.intact:
        _checkpoint(engine, done, now, full=last is None)
    return done


def _checkpoint(engine: Engine, done: Verification, now: datetime, full: bool) -> None:
    """Record the head the walk ended on (rows appended since are for the next run)."""
    if done.head == 0:
        return
    with engine.begin() as conn:
        digest = conn.execute(select(_a.hash).where(_a.seq == done.head)).scalar_one()
        conn.execute(insert(audit_checkpoints).values(seq=done.head, hash=digest, verified_at=now, full=int(full)))
