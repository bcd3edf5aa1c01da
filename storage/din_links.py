"""Keeps `idea_din` (storage.tables_cycle) true in the flush that adds or changes an idea.

The DIN links live in the idea's JSON (`ideas.din`), which is what the aggregate reads; the rows
here are the same links as an index, so the coverage overview counts with one GROUP BY instead of
reading every idea. Written in the same transaction as the idea, so they can never disagree.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction, attributes

from bot.domain.ideas import Idea
from storage.idea_rows import idea_id, stored_pairs, write_pairs
from storage.tables_cycle import idea_din

KINDS = (("opgaven", "opgave"), ("programmalijn", "programmalijn"), ("subdoelen", "subdoel"),
         ("principes", "principe"))
COLUMNS = ("kind", "value")
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
            write_pairs(conn, idea_din, COLUMNS, idea_id(obj), set(), din_pairs(obj.din))
    for obj in session.dirty:
        if isinstance(obj, Idea) and attributes.get_history(obj, "din").has_changes():
            row = idea_id(obj)
            write_pairs(conn, idea_din, COLUMNS, row, stored_pairs(conn, idea_din, COLUMNS, row), din_pairs(obj.din))
