"""programme choices: the programme each person chose for their direct messages, per platform
(storage/tables_programmes.py), in the default programme's store of an installation

Revision ID: 0014_programme_choices
Revises: 0013_budget_version
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_programme_choices"
down_revision = "0013_budget_version"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programme_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("person", sa.String(length=254), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_choices")),
        sa.UniqueConstraint("platform", "person", name="uq_programme_choices_platform_person"),
    )


def downgrade() -> None:
    op.drop_table("programme_choices")
