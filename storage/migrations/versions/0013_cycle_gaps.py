"""cycle gaps: the stuurgroep's budget decisions (begroting and herziening, §6), which a budget line
change must cite (storage/tables_cycle.py `budget_resolutions`)

Revision ID: 0013_cycle_gaps
Revises: 0012_teams_drafts
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_cycle_gaps"
down_revision = "0013_vdg"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "budget_resolutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=254), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_budget_resolutions_meeting_id_meetings"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_resolutions")),
        sa.UniqueConstraint("number", name=op.f("uq_budget_resolutions_number")),
    )
    with op.batch_alter_table("budget_resolutions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_resolutions_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index("ix_budget_resolutions_decided_on_id", ["decided_on", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("budget_resolutions", schema=None) as batch_op:
        batch_op.drop_index("ix_budget_resolutions_decided_on_id")
        batch_op.drop_index(batch_op.f("ix_budget_resolutions_meeting_id"))
    op.drop_table("budget_resolutions")
