"""Budget: the report for 10,000 projects and 100,000 ledger rows, read from the SQLite store.

Baseline (issue "Budget, the €50,000 mandate, decisions register and reports"): a hand-written
SQL GROUP BY of the same figures (amounts and counts per group and tranche, projects per group,
allocated and spent per group) on the same database, in the same run. Aim: no more than 2x the
floor. Both are timed as the best of a few runs, and their figures are checked to agree.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.domain.budget import LedgerEntry, LedgerKind, Project
from bot.reports.budget_report import BudgetReport
from bot.services.budget_lines import budget_config
from bot.services.ports.budget import budget_uow
from tests.conftest import START, make_app

PROJECTS = 10_000
LEDGER = 100_000
RUNS = 5
TRANCHES = ("1e tranche", "2e tranche", "3e tranche", "4e tranche", "5e tranche")
PENVOERDERS = (
    "gem. Emmen",
    "gem. Coevorden",
    "gem. Hoogeveen",
    "gem. Borger-Odoorn",
    "gem. Hardenberg",
    "Provincie Drenthe",
    "Provincie Overijssel",
    "Treant",
    "Alfa-college",
    "RUG",
)


def fill(app: App) -> None:
    """10,000 projects on the programmalijn lines and 100,000 bookings, written through the repository."""
    rng = random.Random(2021)
    config = budget_config(app.programme)
    lines = [line for line in config.lines if line.group]
    projects = []
    for n in range(PROJECTS):
        line = lines[n % len(lines)]
        chosen = rng.sample(TRANCHES, rng.randint(1, 4))
        tranches = {t: Decimal(rng.randint(1_000, 500_000)).quantize(Decimal("0.01")) for t in TRANCHES if t in chosen}
        projects.append(
            Project(f"P-{n:05d}", f"Project {n}", line.group, rng.choice(PENVOERDERS), tranches, line_key=line.key)
        )
    kinds = (LedgerKind.ALLOCATION,) * 5 + (LedgerKind.REALISATION,) * 4 + (LedgerKind.RELEASE,)
    entries = []
    for n in range(LEDGER):
        at = START + timedelta(minutes=n)
        amount = Decimal(rng.randint(100, 5_000_000)) / 100
        if n % 10 == 9:  # a request under the mandate: no project, counts for its line
            entries.append(LedgerEntry("mandaat", rng.choice(kinds), amount, at, f"ZOD-U-2026-{n:05d}"))
        else:
            project = projects[rng.randrange(PROJECTS)]
            assert project.line_key is not None
            entries.append(LedgerEntry(project.line_key, rng.choice(kinds), amount, at, project.reference))
    with app.budget.ctx.uow_factory() as uow:
        repo = budget_uow(uow).budget
        repo.ensure_lines(config.lines, START)
        repo.save_projects(projects, "bench", START)
        repo.add_entries(entries, "bench@vaart.local")
        uow.commit()


FLOOR_TRANCHES = """
    SELECT p.project_group, t.tranche, SUM(t.amount), COUNT(*)
    FROM project_tranches t JOIN projects p ON p.id = t.project_id
    GROUP BY p.project_group, t.tranche
"""
FLOOR_PROJECTS = """
    SELECT project_group, COUNT(*) FROM projects
    WHERE reference NOT IN (SELECT parent FROM projects WHERE parent IS NOT NULL)
    GROUP BY project_group
"""
FLOOR_LEDGER = """
    SELECT COALESCE(p.project_group, b.line_group, l.line_key) AS g, l.kind, SUM(l.amount)
    FROM ledger l
    LEFT JOIN projects p ON p.reference = l.reference
    LEFT JOIN budget_lines b ON b.key = l.line_key
    GROUP BY g, l.kind
"""


def floor(engine: Engine) -> dict[str, Any]:
    """The same figures by hand-written SQL: cents per (group, tranche), projects and money per group."""
    with engine.connect() as conn:
        tranches = {(g, t): (int(s), int(c)) for g, t, s, c in conn.execute(text(FLOOR_TRANCHES))}
        projects = {g: int(c) for g, c in conn.execute(text(FLOOR_PROJECTS))}
        money = {(g, k): int(s) for g, k, s in conn.execute(text(FLOOR_LEDGER))}
    return {"tranches": tranches, "projects": projects, "money": money}


def figures(report: BudgetReport) -> dict[str, Any]:
    """The report's figures in the floor's shape (whole cents), to check both agree."""

    def cents(value: Decimal) -> int:
        return int(value * 100)

    tranches = {
        (r.group, t): (cents(r.tranches[t]), r.counts[t]) for r in report.rows for t in report.tranches if r.counts[t]
    }
    projects = {r.group: r.projects for r in report.rows if r.projects}
    return {"tranches": tranches, "projects": projects}


def best(work: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(Path(tmp), ManualClock(START))
        try:
            started = time.perf_counter()
            fill(app)
            loading = time.perf_counter() - started
            report_time, report = best(lambda: app.budget.report("programmalijn"))
            floor_time, sums = best(lambda: floor(app.engine))
        finally:
            app.close()
    mine = figures(report)
    assert mine["tranches"] == sums["tranches"], "the report and the SQL floor disagree on the tranches"
    assert mine["projects"] == sums["projects"], "the report and the SQL floor disagree on the projects"
    allocated = sum(v for (_, kind), v in sums["money"].items() if kind == "allocation")
    released = sum(v for (_, kind), v in sums["money"].items() if kind == "release")
    assert int(report.totals.allocated * 100) == allocated - released, "allocated differs from the floor"
    print(f"  store filled: {PROJECTS} projects, {LEDGER} ledger rows in {loading * 1000:8.0f} ms")
    print(f"  budget report from the store (service, best of {RUNS}):   {report_time * 1000:8.0f} ms")
    print(f"  floor (hand-written SQL GROUP BY, same figures, best of {RUNS}): {floor_time * 1000:8.0f} ms")
    print(f"  ratio: {report_time / floor_time:.2f}x (aim: <= 2x)")


if __name__ == "__main__":
    main()
