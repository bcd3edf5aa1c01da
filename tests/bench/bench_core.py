"""Core: submitting and routing 1,000 ideas through the service layer on SQLite.

Baseline (issue "The core"): the same rows (ideas, audit entries, outbox messages, counters, and
what the lists read: the submitter's pseudonym, the idea's people and DIN links, the notice count
and the tallies) written with plain SQLAlchemy Core statements, one transaction per command as the
service uses, in the same run. Aim: no more than 3x the floor.
"""

from __future__ import annotations

import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from bot.bootstrap.clock import ManualClock
from storage import tables
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.tables_cycle import idea_din
from storage.tables_execution import notice_counts
from storage.tables_ops import person_pseudonyms
from storage.tables_reads import idea_people, tallies
from tests.cast import EMAIL
from tests.conftest import START, make_app
from tests.scenario import register_cast

N = 1000
WRITTEN = (
    tables.ideas,
    tables.audit_log,
    tables.outbox,
    person_pseudonyms,
    idea_people,
    idea_din,
    notice_counts,
    tallies,
)


def service_run(base: Path) -> tuple[float, str]:
    clock = ManualClock(START)
    app = make_app(base, clock)
    register_cast(app.people, origin="bench")
    started = time.perf_counter()
    for n in range(N):
        ref = app.ideas.submit(
            f"indiener{n}@voorbeeld.nl", "bench", f"Idee {n}", "Een omschrijving van het idee", opgaven=["1"]
        ).params["reference"]
        app.ideas.pick_up(EMAIL["kernteam"], "bench", ref)
        clock.advance(timedelta(seconds=1))
    elapsed = time.perf_counter() - started
    url = app.settings.database_url
    app.close()
    return elapsed, url


def _rows(conn: Connection, table: Any, *order: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(select(table).order_by(*order)).mappings()]


def _by(rows: list[dict[str, Any]], key: str) -> dict[Any, list[dict[str, Any]]]:
    grouped: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(row)
    return grouped


def _count(conn: Connection, deltas: dict[str, int]) -> None:
    """The tallies a command changes, as a plain UPDATE (an INSERT for one not counted yet)."""
    t = tallies.c
    for name, delta in sorted(deltas.items()):
        if not conn.execute(update(tallies).where(t.name == name).values(value=t.value + delta)).rowcount:
            conn.execute(insert(tallies).values(name=name, value=delta))


def floor_run(base: Path, source_url: str) -> float:
    """Write the rows the service wrote with plain statements, one transaction per command."""
    source = make_engine(source_url)
    with source.connect() as conn:
        ideas = _rows(conn, tables.ideas, tables.ideas.c.id)
        audit = _rows(conn, tables.audit_log, tables.audit_log.c.seq)
        outbox = _rows(conn, tables.outbox, tables.outbox.c.id)
        people = _by(_rows(conn, idea_people, idea_people.c.idea_id), "idea_id")
        din = _by(_rows(conn, idea_din, idea_din.c.idea_id), "idea_id")
        pseudonyms = {r["email"]: r for r in _rows(conn, person_pseudonyms, person_pseudonyms.c.email)}
        notices = {r["recipient"]: r for r in _rows(conn, notice_counts, notice_counts.c.recipient)}
        expected = _counts(conn)
    source.dispose()
    by_ref_audit = _by(audit, "object")
    by_ref_outbox: dict[str, list[dict[str, Any]]] = {}
    for row in outbox:
        by_ref_outbox.setdefault(row["key"].split(":")[0], []).append(row)
    engine = make_engine(f"sqlite:///{base / 'floor.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(insert(tables.counters).values(name="idea", value=0))
        # the cast's pseudonyms and audit entries, which the service run wrote before its timing started
        submitters = {idea["submitter"] for idea in ideas}
        conn.execute(insert(person_pseudonyms), [r for email, r in pseudonyms.items() if email not in submitters])
        references = {idea["reference"] for idea in ideas}
        conn.execute(insert(tables.audit_log), [r for r in audit if r["object"] not in references])
    started = time.perf_counter()
    for idea in ideas:
        ref, submitter = idea["reference"], idea["submitter"]
        rows_audit = by_ref_audit.get(ref, [])
        rows_outbox = by_ref_outbox.get(ref, [])
        half_a, half_o = len(rows_audit) // 2, len(rows_outbox) // 2
        involved = people.get(idea["id"], [])
        with engine.begin() as conn:  # the submit command
            conn.execute(update(tables.counters).values(value=tables.counters.c.value + 1))
            if submitter in pseudonyms:
                conn.execute(insert(person_pseudonyms).values(**pseudonyms[submitter]))
            conn.execute(insert(tables.ideas).values(**{**idea, "status": "ingediend"}))
            for row in din.get(idea["id"], []):
                conn.execute(insert(idea_din).values(**row))
            for row in involved:
                if row["relation"] == "submitter":
                    conn.execute(insert(idea_people).values(**row))
            for row in rows_audit[:half_a]:
                conn.execute(insert(tables.audit_log).values(**row))
            for row in rows_outbox[:half_o]:
                conn.execute(insert(tables.outbox).values(**row))
            if submitter in notices:
                conn.execute(insert(notice_counts).values(**notices[submitter]))
            _count(conn, {"ideas:status:ingediend": 1, f"ideas:person:{submitter}": 1})
        with engine.begin() as conn:  # the pick-up command
            conn.execute(update(tables.ideas).where(tables.ideas.c.id == idea["id"]).values(status=idea["status"]))
            for row in involved:
                if row["relation"] != "submitter":
                    conn.execute(insert(idea_people).values(**row))
            for row in rows_audit[half_a:]:
                conn.execute(insert(tables.audit_log).values(**row))
            for row in rows_outbox[half_o:]:
                conn.execute(insert(tables.outbox).values(**row))
            _count(
                conn,
                {
                    "ideas:status:ingediend": -1,
                    f"ideas:status:{idea['status']}": 1,
                    **{f"ideas:person:{r['email']}": 1 for r in involved if r["relation"] != "submitter"},
                },
            )
    elapsed = time.perf_counter() - started
    with engine.connect() as conn:
        wrote = _counts(conn)
    engine.dispose()
    if wrote != expected:  # the same rows, or the ratio means nothing
        raise AssertionError(f"the floor wrote other rows than the service: {wrote} against {expected}")
    return elapsed


def _counts(conn: Connection) -> dict[str, int]:
    """The rows in each table both runs write."""
    return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for t in WRITTEN}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        service, url = service_run(base / "service")
        floor = floor_run(base, url)
    print(
        f"  service layer: {N} ideas submitted + routed in {service * 1000:8.0f} ms "
        f"({service / N * 1000:.2f} ms per idea)"
    )
    print(f"  floor (plain SQLAlchemy statements, same rows, same transactions): {floor * 1000:8.0f} ms")
    print(f"  ratio: {service / floor:.2f}x (aim: <= 3x)")


if __name__ == "__main__":
    main()
