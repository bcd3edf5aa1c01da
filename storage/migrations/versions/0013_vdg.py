"""vdg: the per-member-body procedure's preparatory advices and bodies' decisions (storage/tables_governance.py)

Revision ID: 0013_vdg
Revises: 0012_teams_drafts
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_vdg"
down_revision = "0013_rounds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "preparatory_advices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("gremium", sa.String(length=80), nullable=False),
        sa.Column("positive", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("recorded_by", sa.String(length=254), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_preparatory_advices")),
    )
    op.create_index(op.f("ix_preparatory_advices_reference"), "preparatory_advices", ["reference"])
    op.create_table(
        "body_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("body", sa.String(length=120), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=254), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_body_decisions")),
        sa.UniqueConstraint("reference", "body", name="uq_body_decisions_reference"),
    )


def downgrade() -> None:
    op.drop_table("body_decisions")
    op.drop_index(op.f("ix_preparatory_advices_reference"), table_name="preparatory_advices")
    op.drop_table("preparatory_advices")
