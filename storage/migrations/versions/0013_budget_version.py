"""budget version: a number every change of the budget's rows raises, in the changing transaction

SQLite only. Triggers on projects, project_tranches, ledger and budget_lines raise the counter
`budget:version` in the transaction that changes them, whatever path writes (services, imports,
a copy in SQL), so a report computed at version N is known to be current while the counter still
reads N (`BudgetService.report` keeps the last one per grouping). SQLite serialises its writers,
so the one counter row costs nothing in concurrency. On PostgreSQL the same row would be a lock
every budget change takes after its own row locks (a deadlock between two changes of one
project), so there is no counter there and the report is summed in the database every time.

Revision ID: 0013_budget_version
Revises: 0012_teams_drafts
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0013_budget_version"
down_revision = "0013_cycle_gaps"
branch_labels = None
depends_on = None

NAME = "budget:version"
TABLES = ("projects", "project_tranches", "ledger", "budget_lines")
EVENTS = ("INSERT", "UPDATE", "DELETE")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"INSERT INTO counters (name, value) VALUES ('{NAME}', 0) ON CONFLICT (name) DO NOTHING")
    for table in TABLES:
        for event in EVENTS:
            op.execute(
                f"CREATE TRIGGER budget_version_{table}_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN UPDATE counters SET value = value + 1 WHERE name = '{NAME}'; END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        for event in EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS budget_version_{table}_{event.lower()}")
    op.execute(f"DELETE FROM counters WHERE name = '{NAME}'")
