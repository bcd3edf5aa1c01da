"""Core: submitting and routing 1,000 ideas through the service layer on SQLite.

Baseline (issue "The core"): the same rows (ideas, audit entries, outbox messages, counters)
written with plain SQLAlchemy Core inserts, one transaction per command as the service uses,
in the same run. Aim: no more than 3x the floor.
"""

from __future__ import annotations

import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from bot.bootstrap.clock import ManualClock
from storage import tables
from storage.engine import make_engine
from storage.migrate import upgrade
from tests.cast import EMAIL
from tests.conftest import START, make_app
from tests.scenario import register_cast

N = 1000


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


def floor_run(base: Path, source_url: str) -> float:
    """Insert the rows the service wrote, with plain inserts, one transaction per command."""
    source = make_engine(source_url)
    with source.connect() as conn:
        ideas = [dict(r) for r in conn.execute(select(tables.ideas).order_by(tables.ideas.c.id)).mappings()]
        audit = [dict(r) for r in conn.execute(select(tables.audit_log).order_by(tables.audit_log.c.seq)).mappings()]
        outbox = [dict(r) for r in conn.execute(select(tables.outbox).order_by(tables.outbox.c.id)).mappings()]
    source.dispose()
    by_ref_audit: dict[str, list[dict[str, Any]]] = {}
    for row in audit:
        by_ref_audit.setdefault(row["object"], []).append(row)
    by_ref_outbox: dict[str, list[dict[str, Any]]] = {}
    for row in outbox:
        by_ref_outbox.setdefault(row["key"].split(":")[0], []).append(row)
    engine = make_engine(f"sqlite:///{base / 'floor.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(insert(tables.counters).values(name="idea", value=0))
    started = time.perf_counter()
    for idea in ideas:
        ref = idea["reference"]
        rows_audit = by_ref_audit.get(ref, [])
        rows_outbox = by_ref_outbox.get(ref, [])
        half_a, half_o = len(rows_audit) // 2, len(rows_outbox) // 2
        with engine.begin() as conn:  # the submit command
            conn.execute(update(tables.counters).values(value=tables.counters.c.value + 1))
            conn.execute(insert(tables.ideas).values(**{**idea, "status": "ingediend"}))
            for row in rows_audit[:half_a]:
                conn.execute(insert(tables.audit_log).values(**row))
            for row in rows_outbox[:half_o]:
                conn.execute(insert(tables.outbox).values(**row))
        with engine.begin() as conn:  # the pick-up command
            conn.execute(update(tables.ideas).where(tables.ideas.c.id == idea["id"]).values(status=idea["status"]))
            for row in rows_audit[half_a:]:
                conn.execute(insert(tables.audit_log).values(**row))
            for row in rows_outbox[half_o:]:
                conn.execute(insert(tables.outbox).values(**row))
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        service, url = service_run(base / "service")
        floor = floor_run(base, url)
    print(
        f"  service layer: {N} ideas submitted + routed in {service * 1000:8.0f} ms "
        f"({service / N * 1000:.2f} ms per idea)"
    )
    print(f"  floor (plain SQLAlchemy inserts, same rows, same transactions): {floor * 1000:8.0f} ms")
    print(f"  ratio: {service / floor:.2f}x (aim: <= 3x)")


if __name__ == "__main__":
    main()
