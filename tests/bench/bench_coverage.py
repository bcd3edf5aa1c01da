"""DIN coverage: the overview (§5) for 10,000 projects with their DIN links and ledger, from SQLite.

Baseline (issue #14, part 5): a hand-written SQL of the same figures (ideas per DIN element and
stage, money allocated less released per element, the programmalijn x opgave heat map with its
money, the ideas not linked to both) on the same database, in the same run. Aim: no more than 2x
the floor. Both are the best of a few runs, and their figures are checked to agree.
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, text

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.domain.cycle import STAGES, Coverage
from storage import tables
from storage.din_links import din_pairs
from storage.tables_budget import budget_lines, ledger
from storage.tables_cycle import idea_din
from tests.bench.bench_budget import RUNS, best  # one way of timing for every bench of a report
from tests.conftest import START, make_app

PROJECTS = 10_000
STATUSES = ("akkoord", "in_uitvoering", "afgerond", "in_uitvoering")


def fill(app: App) -> None:
    """10,000 running or finished projects, each with its DIN links, an allocation and now and then a
    release, written in bulk (the rows `storage.din_links` would write for each)."""
    rng = random.Random(2023)
    programme = app.programme
    lines = list(programme.programme_lines)
    ideas, links, bookings = [], [], []
    for n in range(1, PROJECTS + 1):
        line = lines[n % len(lines)]
        subgoals = programme.programme_lines[line]
        din = {
            "opgaven": rng.sample(list(programme.opgaven), rng.randint(1, 2)),
            "programmalijn": line,
            "subdoelen": rng.sample(list(subgoals), 1) if n % 7 else [],  # some without a subdoel
            "principes": rng.sample(list(programme.principles[:4]), rng.randint(1, 2)),  # the fifth: nothing
        }
        ref = f"ZOD-2025-{n:05d}"
        ideas.append({"id": n, "reference": ref, "title": f"Project {n}", "description": "x", "submitter": "a@b.nl",
                      "submitted_at": START, "origin": "bench", "status": STATUSES[n % len(STATUSES)],
                      "designers": [], "parts": {}, "din": din, "recusals": {}, "version": 1})
        links += [{"kind": k, "value": v, "idea_id": n} for k, v in sorted(din_pairs(din))]
        at = START + timedelta(minutes=n)
        bookings.append({"line_key": "zorg_en_welzijn", "kind": "allocation", "amount": rng.randint(10_000, 500_000),
                         "at": at, "reference": ref, "note": "bench", "recorded_by": "bench@vaart.local"})
        if n % 5 == 0:
            bookings.append({"line_key": "zorg_en_welzijn", "kind": "release", "amount": rng.randint(1, 9_999),
                             "at": at, "reference": ref, "note": "bench", "recorded_by": "bench@vaart.local"})
    with app.engine.begin() as conn:
        if not conn.execute(text("SELECT COUNT(*) FROM budget_lines WHERE key = 'zorg_en_welzijn'")).scalar_one():
            conn.execute(insert(budget_lines).values(key="zorg_en_welzijn", name="Zorg en Welzijn",
                                                     kind="programmalijn", line_group="Zorg en Welzijn",
                                                     amount=4_800_000, updated_at=START))
        conn.execute(insert(tables.ideas), ideas)
        conn.execute(insert(idea_din), links)
        conn.execute(insert(ledger), bookings)


FLOOR_COUNTS = """
    SELECT d.kind, d.value, i.status, COUNT(*) FROM idea_din d JOIN ideas i ON i.id = d.idea_id
    GROUP BY d.kind, d.value, i.status
"""
FLOOR_MONEY = """
    SELECT d.kind, d.value, SUM(CASE l.kind WHEN 'allocation' THEN l.amount ELSE -l.amount END)
    FROM idea_din d JOIN ideas i ON i.id = d.idea_id
    JOIN ledger l ON l.reference = i.reference AND l.kind IN ('allocation', 'release')
    GROUP BY d.kind, d.value
"""
FLOOR_HEAT = """
    SELECT a.value, b.value, COUNT(*) FROM idea_din a JOIN idea_din b ON b.idea_id = a.idea_id AND b.kind = 'opgave'
    WHERE a.kind = 'programmalijn' GROUP BY a.value, b.value
"""
FLOOR_HEAT_MONEY = """
    SELECT a.value, b.value, SUM(CASE l.kind WHEN 'allocation' THEN l.amount ELSE -l.amount END)
    FROM idea_din a JOIN idea_din b ON b.idea_id = a.idea_id AND b.kind = 'opgave'
    JOIN ideas i ON i.id = a.idea_id JOIN ledger l ON l.reference = i.reference AND l.kind IN ('allocation', 'release')
    WHERE a.kind = 'programmalijn' GROUP BY a.value, b.value
"""
FLOOR_UNLINKED = """
    SELECT (SELECT COUNT(*) FROM ideas) - (SELECT COUNT(DISTINCT a.idea_id) FROM idea_din a
        JOIN idea_din b ON b.idea_id = a.idea_id AND b.kind = 'opgave' WHERE a.kind = 'programmalijn')
"""


def floor(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        counts: dict[tuple[str, str, str], int] = {}
        for kind, value, status, n in conn.execute(text(FLOOR_COUNTS)):
            key = (kind, value, STAGES[status].value)
            counts[key] = counts.get(key, 0) + int(n)
        money = {(k, v): int(s) for k, v, s in conn.execute(text(FLOOR_MONEY))}  # cents
        heat = {(a, b): int(n) for a, b, n in conn.execute(text(FLOOR_HEAT))}
        heat_money = {(a, b): int(s) for a, b, s in conn.execute(text(FLOOR_HEAT_MONEY))}  # cents
        unlinked = int(conn.execute(text(FLOOR_UNLINKED)).scalar_one())
    return {"counts": counts, "money": money, "heat": heat, "heat_money": heat_money, "unlinked": unlinked}


def figures(report: Coverage) -> dict[str, Any]:
    counts = {}
    for r in report.rows:
        for stage, n in (("idee", r.ideas), ("voorstel", r.proposals), ("project", r.projects)):
            if n:
                counts[(r.kind, r.name, stage)] = n
    money = {(r.kind, r.name): int(r.allocated * 100) for r in report.rows if r.projects}
    return {"counts": counts, "money": money, "heat": {k: v for k, v in report.heat.items() if v},
            "heat_money": {k: int(v * 100) for k, v in report.heat_money.items()}, "unlinked": report.unlinked}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(Path(tmp), ManualClock(START))
        try:
            started = time.perf_counter()
            fill(app)
            loading = time.perf_counter() - started
            mine_time, report = best(app.coverage.overview)
            floor_time, sums = best(lambda: floor(app.engine))
        finally:
            app.close()
    mine = figures(report)
    assert mine == sums, "the coverage overview and the SQL floor disagree"
    assert any(r.empty for r in report.rows) and report.rows[0].empty, "nothing linked must come first"
    print(f"  store filled: {PROJECTS} projects with DIN links and ledger in {loading * 1000:8.0f} ms")
    print(f"  coverage overview from the store (service, best of {RUNS}):   {mine_time * 1000:8.0f} ms")
    print(f"  floor (hand-written SQL, same figures, best of {RUNS}):        {floor_time * 1000:8.0f} ms")
    print(f"  ratio: {mine_time / floor_time:.2f}x (aim: <= 2x)")


if __name__ == "__main__":
    main()
