"""Keeps `idea_people` and `tallies` (storage.tables_reads) true in the transaction that changes an idea.

Every flush of a session that adds or changes an `Idea` writes the idea's involvement rows (the
submitter, the kernteam contact, each designer) and notes what the change does to the tallies:
ideas per status, ideas per person, decisions. The tallies are written once, just before the
commit, in the order of their names: two transactions that touch the same tallies then take their
row locks (PostgreSQL) in the same order and cannot deadlock on them, and each holds them only
for the moment before its commit. A rollback forgets the noted changes.

`rebuild(conn)` recomputes both tables from the ideas (after a bulk copy, or to repair).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, event, func, insert, select, update
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction, attributes

from bot.domain.assessment import Decision
from bot.domain.ideas import Idea
from storage import tables
from storage.idea_rows import idea_id, stored_pairs, write_pairs
from storage.tables_reads import DESIGNER, KERNTEAM, SUBMITTER, idea_people, tallies

DELTAS = "vaart.tally_deltas"
WATCHED = ("submitter", "kernteam_contact", "designers")
LINK_COLUMNS = ("email", "relation")  # the pairs of idea_people
_installed = False


def status_tally(status: str) -> str:
    return f"ideas:status:{status}"


def person_tally(email: str) -> str:
    return f"ideas:person:{email}"[:300]


DECISIONS_TALLY = "decisions"


def links_of(submitter: str, kernteam_contact: str | None, designers: Iterable[str]) -> set[tuple[str, str]]:
    """(email, relation) for everyone involved in an idea."""
    pairs = {(submitter, SUBMITTER)}
    if kernteam_contact:
        pairs.add((kernteam_contact, KERNTEAM))
    pairs |= {(email, DESIGNER) for email in designers}
    return pairs


def install() -> None:
    """Listen on every Session (idempotent): the composition root calls this with the mappers."""
    global _installed
    if _installed:
        return
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "before_commit", _before_commit)
    event.listen(Session, "after_transaction_end", _forget)
    _installed = True


def _deltas(session: Session) -> Counter[str]:
    found: Counter[str] | None = session.info.get(DELTAS)
    if found is None:
        found = session.info[DELTAS] = Counter()
    return found


def _forget(session: Session, transaction: SessionTransaction) -> None:
    """The outermost transaction ended: committed (the deltas were written) or rolled back."""
    if transaction.parent is None:
        session.info.pop(DELTAS, None)


def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    deltas = _deltas(session)
    conn = session.connection()
    for obj in session.new:
        if isinstance(obj, Idea):
            deltas[status_tally(obj.status)] += 1
            wanted = links_of(obj.submitter, obj.kernteam_contact, obj.designers)
            _write_links(conn, idea_id(obj), set(), wanted, deltas)
        elif isinstance(obj, Decision):
            deltas[DECISIONS_TALLY] += 1
    for obj in session.dirty:
        if isinstance(obj, Idea):
            _changed(conn, obj, deltas)
    for obj in session.deleted:
        if isinstance(obj, Idea):
            deltas[status_tally(_old(obj, "status"))] -= 1
            for email in {e for e, _ in _stored_links(conn, idea_id(obj))}:
                deltas[person_tally(email)] -= 1
        elif isinstance(obj, Decision):
            deltas[DECISIONS_TALLY] -= 1




def _old(obj: Any, name: str) -> Any:
    history = attributes.get_history(obj, name)
    if history.deleted:
        return history.deleted[0]
    return getattr(obj, name)


def _changed(conn: Connection, idea: Idea, deltas: Counter[str]) -> None:
    status = attributes.get_history(idea, "status")
    if status.deleted and status.added and status.deleted[0] != status.added[0]:
        deltas[status_tally(str(status.deleted[0]))] -= 1
        deltas[status_tally(str(status.added[0]))] += 1
    if any(attributes.get_history(idea, name).has_changes() for name in WATCHED):
        wanted = links_of(idea.submitter, idea.kernteam_contact, idea.designers)
        _write_links(conn, idea_id(idea), _stored_links(conn, idea_id(idea)), wanted, deltas)


def _stored_links(conn: Connection, idea: int) -> set[tuple[str, str]]:
    return stored_pairs(conn, idea_people, LINK_COLUMNS, idea)


def _write_links(
    conn: Connection, idea: int, stored: set[tuple[str, str]], wanted: set[tuple[str, str]], deltas: Counter[str]
) -> None:
    write_pairs(conn, idea_people, LINK_COLUMNS, idea, stored, wanted)
    before, after = {e for e, _ in stored}, {e for e, _ in wanted}
    for email in after - before:
        deltas[person_tally(email)] += 1
    for email in before - after:
        deltas[person_tally(email)] -= 1


def _before_commit(session: Session) -> None:
    if not session.in_transaction():
        return
    session.flush()
    deltas = session.info.pop(DELTAS, None)
    if deltas:
        apply(session.connection(), deltas)


def apply(conn: Connection, deltas: Counter[str]) -> None:
    """Add *deltas* to the tallies, in name order (see the module's docstring)."""
    t = tallies.c
    for name, delta in sorted(deltas.items()):
        if not delta:
            continue
        changed = conn.execute(update(tallies).where(t.name == name).values(value=t.value + delta)).rowcount
        if not changed:
            conn.execute(insert(tallies).values(name=name, value=delta))


def tally(conn: Connection, *names: str) -> int:
    """The sum of the named tallies (0 for one never counted)."""
    if not names:
        return 0
    total = conn.execute(select(func.sum(tallies.c.value)).where(tallies.c.name.in_(names))).scalar()
    return int(total or 0)


def rebuild(conn: Connection) -> None:
    """Recompute `idea_people` and `tallies` from the ideas and decisions (one pass, in batches)."""
    i = tables.ideas.c
    conn.execute(delete(idea_people))
    conn.execute(delete(tallies))
    counts: Counter[str] = Counter()
    last = 0
    while True:
        rows = conn.execute(
            select(i.id, i.status, i.submitter, i.kernteam_contact, i.designers)
            .where(i.id > last).order_by(i.id).limit(5000)
        ).all()
        if not rows:
            break
        links: list[dict[str, Any]] = []
        for row in rows:
            counts[status_tally(row.status)] += 1
            pairs = links_of(row.submitter, row.kernteam_contact, row.designers or [])
            links += [{"email": e, "relation": r, "idea_id": row.id} for e, r in sorted(pairs)]
            for email in {e for e, _ in pairs}:
                counts[person_tally(email)] += 1
        conn.execute(insert(idea_people), links)
        last = rows[-1].id
    counts[DECISIONS_TALLY] = int(conn.execute(select(func.count()).select_from(tables.decisions)).scalar_one())
    values = [{"name": name, "value": n} for name, n in sorted(counts.items()) if n]
    if values:
        conn.execute(insert(tallies), values)


def recount(conn: Connection) -> None:
    """Count the tallies afresh from `ideas`, `idea_people` and `decisions` (three GROUP BYs)."""
    i, p = tables.ideas.c, idea_people.c
    counts: dict[str, int] = {
        status_tally(status): int(n)
        for status, n in conn.execute(select(i.status, func.count()).group_by(i.status))
    }
    for email, n in conn.execute(select(p.email, func.count(func.distinct(p.idea_id))).group_by(p.email)):
        counts[person_tally(email)] = int(n)
    counts[DECISIONS_TALLY] = int(conn.execute(select(func.count()).select_from(tables.decisions)).scalar_one())
    conn.execute(delete(tallies))
    values = [{"name": name, "value": n} for name, n in sorted(counts.items()) if n]
    if values:
        conn.execute(insert(tallies), values)
