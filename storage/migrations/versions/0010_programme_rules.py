"""programme rules: the penvoerder of a project, and meetings dated by a rule (an assumption)

Revision ID: 0010_programme_rules
Revises: 0009_reads
Create Date: 2026-12-01

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_programme_rules"
down_revision = "0009_reads"
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
