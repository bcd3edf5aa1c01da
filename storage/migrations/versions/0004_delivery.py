"""delivery: the Outlook calendar event behind each meeting invitation (storage/tables_delivery.py)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "graph_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mailbox", sa.String(length=254), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=False),
        sa.Column("event_id", sa.String(length=400), nullable=False),
        sa.Column("ical_uid", sa.String(length=400), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_graph_events")),
        sa.UniqueConstraint("mailbox", "uid", name="uq_graph_events_mailbox_uid"),
    )


def downgrade() -> None:
    op.drop_table("graph_events")
