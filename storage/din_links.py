"""Keeps `idea_din` (storage.tables_cycle) true in the flush that adds or changes an idea.

The DIN links live in the idea's JSON (`ideas.din`), which is what the aggregate reads; the rows
here are the same links as an index, so the coverage overview counts with one GROUP BY instead of
reading every idea. Written in the same transaction as the idea, so they can never disagree.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, event, insert, inspect, select
from sqlalchemy.orm import Session, UOWTransaction, attributes

from bot.domain.ideas import Idea
from storage.tables_cycle import idea_din

KINDS = (("opgaven", "opgave"), ("programmalijn", "programmalijn"), ("subdoelen", "subdoel"),
         ("principes", "principe"))
_installed = False


def din_pairs(din: dict[str, Any] | None) -> set[tuple[str, str]]:
    """(kind, value) for every link in an idea's DIN JSON."""
    pairs: set[tuple[str, str]] = set()
    for key, kind in KINDS:
        value = (din or {}).get(key)
        for name in [value] if isinstance(value, str) else value or []:
            if name:
                pairs.add((kind, str(name)[:300]))
    return pairs


def install() -> None:
    """Listen on every Session (idempotent); the composition root calls it with the mappers."""
    global _installed
    if not _installed:
        event.listen(Session, "after_flush", _after_flush)
        _installed = True


def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    conn = session.connection()
    for obj in session.new:
        if isinstance(obj, Idea):
            write(conn, _id(obj), set(), din_pairs(obj.din))
    for obj in session.dirty:
        if isinstance(obj, Idea) and attributes.get_history(obj, "din").has_changes():
            write(conn, _id(obj), stored(conn, _id(obj)), din_pairs(obj.din))


def _id(idea: Idea) -> int:
    return int(inspect(idea).mapper.primary_key_from_instance(idea)[0])


def stored(conn: Connection, idea_id: int) -> set[tuple[str, str]]:
    d = idea_din.c
    return {(r.kind, r.value) for r in conn.execute(select(d.kind, d.value).where(d.idea_id == idea_id))}


def write(conn: Connection, idea_id: int, before: set[tuple[str, str]], after: set[tuple[str, str]]) -> None:
    d = idea_din.c
    for kind, value in sorted(before - after):
        conn.execute(delete(idea_din).where(d.idea_id == idea_id, d.kind == kind, d.value == value))
    added = sorted(after - before)
    if added:
        conn.execute(insert(idea_din), [{"kind": k, "value": v, "idea_id": idea_id} for k, v in added])
