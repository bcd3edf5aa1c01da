"""`budget` keeps its last report per grouping while the budget stands still (#17: `budget` at 100,000
ideas under 50 ms), on SQLite and PostgreSQL.

On SQLite the triggers of migration 0013 raise `budget:version` in the transaction that changes a
project, a tranche, a booking or a line, whoever writes it (a service, an import, plain SQL); the
kept report is used only while the version still reads the same. PostgreSQL keeps no version and
sums every time. Either way the figures are those summed afresh after every change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal

from sqlalchemy import event, text

from bot.bootstrap.app import App
from bot.reports.budget_report import GROUPINGS, BudgetReport
from bot.services.budget import BudgetService
from integrations.budget_import import read_budget_table
from tests.bench.scale_store import FIXTURE
from tests.integration.test_budget_store import ADMIN, DIRECTOR, SG, STAF, app, ask, to_agenda

__all__ = ["app"]  # the fixture: the cast on SQLite and on PostgreSQL


def fresh(app: App, by: str) -> BudgetReport:
    """The report summed in the database now (a service that has kept nothing)."""
    return BudgetService(app.budget.ctx).report(by)


def sql(app: App, statement: str) -> Callable[[], None]:
    def run() -> None:
        with app.engine.begin() as conn:
            conn.execute(text(statement))

    return run


@contextmanager
def group_bys(app: App) -> Iterator[list[str]]:
    """The GROUP BY statements sent to the database inside the block."""
    seen: list[str] = []

    def note(conn: object, cursor: object, statement: str, *rest: object) -> None:
        if "GROUP BY" in statement.upper():
            seen.append(statement)

    event.listen(app.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(app.engine, "before_cursor_execute", note)


def test_after_every_kind_of_budget_change_the_report_is_the_one_summed_afresh(app: App) -> None:
    app.budget.import_projects(ADMIN, "test", read_budget_table(FIXTURE), accept_differences=True)
    ref = to_agenda(app)
    changes = {
        "an akkoord allocates": lambda: app.ideas.decide(STAF, "test", ref, "akkoord", SG, "Breed gedragen",
                                                          amount=Decimal("45000.00")),
        "the penvoerder moves": lambda: app.ideas.set_penvoerder(STAF, "test", ref, "Gemeente Emmen"),
        "a request under the mandate is booked": lambda: app.budget.approve(DIRECTOR, "test", ask(app, "1000")),
        "a tranche is changed in SQL": sql(app, "UPDATE project_tranches SET amount = amount + 1 "
                                                "WHERE id = (SELECT min(id) FROM project_tranches)"),
        "a tranche is deleted in SQL": sql(app, "DELETE FROM project_tranches "
                                                "WHERE id = (SELECT max(id) FROM project_tranches)"),
        "a project changes group in SQL": sql(app, "UPDATE projects SET project_group = 'Elders' "
                                                   "WHERE id = (SELECT min(id) FROM projects)"),
        "a line changes group in SQL": sql(app, "UPDATE budget_lines SET line_group = 'Anders' WHERE key = 'mandaat'"),
    }
    before = {by: app.budget.report(by) for by in GROUPINGS}
    for name, change in changes.items():
        change()
        for by in GROUPINGS:
            assert app.budget.report(by) == fresh(app, by), (name, by)
    assert all(app.budget.report(by) != before[by] for by in GROUPINGS)


def test_an_unchanged_budget_is_not_summed_again_on_sqlite_and_always_on_postgresql(app: App) -> None:
    ref = to_agenda(app)
    app.ideas.decide(STAF, "test", ref, "akkoord", SG, "Breed gedragen", amount=Decimal("45000.00"))
    first = app.budget.report("programmalijn")
    with group_bys(app) as summed:
        again = app.budget.report("programmalijn")
    assert again == first
    assert (summed == []) is (app.engine.dialect.name == "sqlite")
    app.ideas.set_penvoerder(STAF, "test", ref, "Gemeente Emmen")  # another grouping's figures: a change all the same
    with group_bys(app) as summed:
        assert app.budget.report("programmalijn") == fresh(app, "programmalijn")
    assert summed != []
