"""rounds: the schriftelijke ronde, its rounds and votes (storage/tables_rounds.py)

Revision ID: 0013_rounds
Revises: 0012_teams_drafts
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_rounds"
down_revision = "0012_teams_drafts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "written_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("subject_kind", sa.String(length=10), nullable=False),
        sa.Column("subject_ref", sa.String(length=40), nullable=False),
        sa.Column("open_subject", sa.String(length=40), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("started_by", sa.String(length=254), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reminders_sent", sa.JSON(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_number", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_written_rounds")),
        sa.UniqueConstraint("reference", name=op.f("uq_written_rounds_reference")),
        sa.UniqueConstraint("open_subject", name=op.f("uq_written_rounds_open_subject")),
    )
    op.create_index("ix_written_rounds_status_deadline", "written_rounds", ["status", "deadline"])
    op.create_index("ix_written_rounds_subject_ref", "written_rounds", ["subject_ref", "id"])
    op.create_index("ix_written_rounds_closed_at", "written_rounds", ["closed_at"])
    op.create_table(
        "round_votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("choice", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("voted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["written_rounds.id"], ondelete="CASCADE",
                                name=op.f("fk_round_votes_round_id_written_rounds")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_votes")),
        sa.UniqueConstraint("round_id", "email", name="uq_round_votes_round_id"),
    )


def downgrade() -> None:
    op.drop_table("round_votes")
    op.drop_index("ix_written_rounds_closed_at", table_name="written_rounds")
    op.drop_index("ix_written_rounds_subject_ref", table_name="written_rounds")
    op.drop_index("ix_written_rounds_status_deadline", table_name="written_rounds")
    op.drop_table("written_rounds")
