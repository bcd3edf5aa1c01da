"""teams drafts: the earlier steps of a Teams form shown in steps (storage/tables_teams.py)

Revision ID: 0012_teams_drafts
Revises: 0011_cycle_b
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_teams_drafts"
down_revision = "0011_cycle_b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "teams_form_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("form", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("step_values", sa.JSON(), nullable=False),
        sa.Column("done_key", sa.String(length=200), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams_form_drafts")),
        sa.UniqueConstraint("email", "form", "reference", name="uq_teams_form_drafts_email"),
    )


def downgrade() -> None:
    op.drop_table("teams_form_drafts")
