"""teams: the conversation references of the Teams front end (storage/tables_teams.py)

Revision ID: 0007
Revises: 0006_operations
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006_operations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "teams_conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=400), nullable=False),
        sa.Column("conversation_type", sa.String(length=20), nullable=False),
        sa.Column("aad_object_id", sa.String(length=100), nullable=True),
        sa.Column("tenant_id", sa.String(length=100), nullable=True),
        sa.Column("service_url", sa.String(length=500), nullable=False),
        sa.Column("reference", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams_conversations")),
        sa.UniqueConstraint("conversation_id", name="uq_teams_conversations_conversation_id"),
    )
    op.create_index(
        "ix_teams_conversations_aad_object_id", "teams_conversations", ["aad_object_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_teams_conversations_aad_object_id", table_name="teams_conversations")
    op.drop_table("teams_conversations")
