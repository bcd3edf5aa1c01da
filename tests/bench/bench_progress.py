"""Progress: the report per reporting moment for 10,000 projects (6,000 with a report), from the SQLite store.

Baseline (issue "The programme cycle"): a hand-written SQL query of the same figures (every project
with its group, penvoerder and amounts per tranche, its report's text for the moment) on the same
database, in the same run. Aim: no more than 2x the floor. Both are timed as the best of a few runs,
and their figures are checked to agree.
"""

from __future__ import annotations

import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.reports.progress_report import ProgressOverview
from storage.tables_execution import moment_reports
from tests.bench.bench_budget import PROJECTS, best, fill
from tests.conftest import START, make_app

MOMENT = "2027-03"
RUNS = 5

FLOOR = """
    SELECT p.reference, p.project_group, p.penvoerder, t.tranche, t.amount, r.text
    FROM projects p
    LEFT JOIN project_tranches t ON t.project_id = p.id
    LEFT JOIN moment_reports r ON r.reference = p.reference AND r.moment = :moment
    ORDER BY p.id, t.position
"""


def add_reports(app: App) -> int:
    rows = [
        {"reference": f"P-{n:05d}", "moment": MOMENT, "text": f"Voortgang van project {n}: loopt volgens plan.",
         "milestones": "", "spent": Decimal("1000.00"), "risks": "", "reporter": "bench@vaart.local",
         "reported_at": START}
        for n in range(PROJECTS) if n % 5 < 3
    ]
    with app.engine.begin() as conn:
        conn.execute(moment_reports.insert(), rows)
    return len(rows)


def floor(engine: Engine) -> dict[str, Any]:
    """The same figures by hand-written SQL: cents per (group, tranche), and the projects reported."""
    sums: dict[tuple[str, str], int] = {}
    reported: set[str] = set()
    with engine.connect() as conn:
        for reference, group, _penvoerder, tranche, cents, report in conn.execute(text(FLOOR), {"moment": MOMENT}):
            if tranche is not None:
                sums[(group, tranche)] = sums.get((group, tranche), 0) + int(cents)
            if report is not None:
                reported.add(reference)
    return {"tranches": sums, "reported": reported}


def figures(overview: ProgressOverview) -> dict[str, Any]:
    sums = {(g.group, t): int(v * 100) for g in overview.groups for t, v in g.totals.items() if v}
    reported = {r.reference for g in overview.groups for r in g.rows if r.report is not None}
    return {"tranches": sums, "reported": reported}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(Path(tmp), ManualClock(START))
        try:
            started = time.perf_counter()
            fill(app)
            count = add_reports(app)
            loading = time.perf_counter() - started
            report_time, overview = best(lambda: app.execution.progress.overview(MOMENT, "programmalijn", "nl"))
            floor_time, sums = best(lambda: floor(app.engine))
        finally:
            app.close()
    mine = figures(overview)
    assert mine["tranches"] == sums["tranches"], "the report and the SQL floor disagree on the tranches"
    assert mine["reported"] == sums["reported"], "the report and the SQL floor disagree on who reported"
    print(f"  store filled: {PROJECTS} projects, {count} reports for {MOMENT} in {loading * 1000:8.0f} ms")
    print(f"  progress report from the store (service, best of {RUNS}):   {report_time * 1000:8.0f} ms")
    print(f"  floor (hand-written SQL, same figures, best of {RUNS}):      {floor_time * 1000:8.0f} ms")
    print(f"  ratio: {report_time / floor_time:.2f}x (aim: <= 2x)")


if __name__ == "__main__":
    main()
