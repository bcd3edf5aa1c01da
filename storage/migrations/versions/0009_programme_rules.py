"""programme rules: the penvoerder of a project, and meetings dated by a rule (an assumption)

Revision ID: 0009_programme_rules
Revises: 0008_outbox_retry, 0008_web
Create Date: 2026-12-01

Also the merge point of the two 0008 branches (outbox retry, web), which both revise 0007.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_programme_rules"
down_revision = ("0008_outbox_retry", "0008_web")
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both databases (SQLite 3.35+ drops columns natively): a batch copy of
# `meetings` would drop the old table, and with foreign keys on that deletes its agenda items.
def upgrade() -> None:
    op.add_column("ideas", sa.Column("penvoerder", sa.String(length=200), nullable=True))
    op.add_column("meetings", sa.Column("assumed", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("meetings", "assumed")
    op.drop_column("ideas", "penvoerder")
