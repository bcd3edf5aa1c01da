"""the programme cycle: progress reports per reporting moment, their rounds, beschikkingen, and the
communicatiekalender, the daily digests of status notices

Revision ID: 0011_cycle_b
Revises: 0011_cycle_a
Create Date: 2026-12-01

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_cycle_b"
down_revision = "0011_cycle_a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "moment_reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(80), nullable=False),
        sa.Column("moment", sa.String(7), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("milestones", sa.Text(), nullable=False),
        sa.Column("spent", sa.BigInteger(), nullable=False),
        sa.Column("risks", sa.Text(), nullable=False),
        sa.Column("reporter", sa.String(254), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("moment", "reference", name="uq_moment_reports_moment_reference"),
    )
    op.create_index("ix_moment_reports_reported_at", "moment_reports", ["reported_at"])
    op.create_table(
        "reporting_rounds",
        sa.Column("moment", sa.String(7), primary_key=True),
        sa.Column("asked_at", sa.DateTime(timezone=True)),
        sa.Column("reminded_at", sa.DateTime(timezone=True)),
        sa.Column("told_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "beschikkingen",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(80), nullable=False, unique=True),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("kenmerk", sa.String(120), nullable=False),
        sa.Column("recorded_by", sa.String(254), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "communication_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.Integer(), nullable=False, unique=True),
        sa.Column("send_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("audience", sa.String(300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("planned_by", sa.String(254), nullable=False),
        sa.Column("planned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("recipients", sa.Integer()),
    )
    op.create_index("ix_communication_items_status_send_at", "communication_items", ["status", "send_at"])
    op.create_table(
        "notice_counts",
        sa.Column("recipient", sa.String(254), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("count", sa.Integer(), nullable=False),
    )
    op.create_table(
        "digest_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(300), nullable=False, unique=True),
        sa.Column("recipient", sa.String(254), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_digest_entries_sent_day", "digest_entries", ["sent_at", "day"])


def downgrade() -> None:
    op.drop_index("ix_digest_entries_sent_day", table_name="digest_entries")
    op.drop_table("digest_entries")
    op.drop_table("notice_counts")
    op.drop_index("ix_communication_items_status_send_at", table_name="communication_items")
    op.drop_table("communication_items")
    op.drop_table("beschikkingen")
    op.drop_table("reporting_rounds")
    op.drop_index("ix_moment_reports_reported_at", table_name="moment_reports")
    op.drop_table("moment_reports")
