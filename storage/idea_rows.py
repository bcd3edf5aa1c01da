"""The rows an idea keeps beside itself in a table of its own (`idea_people`, `idea_din`): pairs of
values under the idea's id, brought to what the idea says now by deleting and inserting only the
difference, in the flush that changed the idea."""

from __future__ import annotations

from sqlalchemy import Connection, Table, delete, insert, inspect, select

from bot.domain.ideas import Idea

Pair = tuple[str, str]


def idea_id(idea: Idea) -> int:
    """The store's id of a mapped idea (known after the flush that inserted it)."""
    return int(inspect(idea).mapper.primary_key_from_instance(idea)[0])


def stored_pairs(conn: Connection, table: Table, columns: tuple[str, str], idea: int) -> set[Pair]:
    first, second = (table.c[name] for name in columns)
    return {(str(r[0]), str(r[1])) for r in conn.execute(select(first, second).where(table.c.idea_id == idea))}


def write_pairs(
    conn: Connection, table: Table, columns: tuple[str, str], idea: int, stored: set[Pair], wanted: set[Pair]
) -> None:
    """Delete the pairs no longer wanted, insert the new ones; the rest stays untouched."""
    first, second = (table.c[name] for name in columns)
    for a, b in sorted(stored - wanted):
        conn.execute(delete(table).where(table.c.idea_id == idea, first == a, second == b))
    added = sorted(wanted - stored)
    if added:
        conn.execute(insert(table), [{columns[0]: a, columns[1]: b, "idea_id": idea} for a, b in added])
