"""web: sign-in links, sessions and Entra sign-ins of the web front end; the board's index
(storage/tables_web.py)

Revision ID: 0008_web
Revises: 0008_outbox_retry
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_web"
down_revision = "0008_outbox_retry"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_login_tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_web_login_tokens")),
    )
    op.create_index("ix_web_login_tokens_email", "web_login_tokens", ["email"])
    op.create_index("ix_web_login_tokens_expires_at", "web_login_tokens", ["expires_at"])
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("via", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_web_sessions")),
    )
    op.create_index("ix_web_sessions_email", "web_sessions", ["email"])
    op.create_index("ix_web_sessions_expires_at", "web_sessions", ["expires_at"])
    op.create_table(
        "web_auth_flows",
        sa.Column("state_hash", sa.String(length=64), nullable=False),
        sa.Column("flow", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("state_hash", name=op.f("pk_web_auth_flows")),
    )
    op.create_index("ix_web_auth_flows_expires_at", "web_auth_flows", ["expires_at"])
    op.create_index("ix_ideas_status_updated", "ideas", ["status", "updated_at"])
    op.create_index("ix_audit_log_object", "audit_log", ["object", "seq"])
    op.create_index("ix_ideas_organisation", "ideas", ["organisation"])


def downgrade() -> None:
    op.drop_index("ix_ideas_organisation", table_name="ideas")
    op.drop_index("ix_audit_log_object", table_name="audit_log")
    op.drop_index("ix_ideas_status_updated", table_name="ideas")
    op.drop_index("ix_web_auth_flows_expires_at", table_name="web_auth_flows")
    op.drop_table("web_auth_flows")
    op.drop_index("ix_web_sessions_expires_at", table_name="web_sessions")
    op.drop_index("ix_web_sessions_email", table_name="web_sessions")
    op.drop_table("web_sessions")
    op.drop_index("ix_web_login_tokens_expires_at", table_name="web_login_tokens")
    op.drop_index("ix_web_login_tokens_email", table_name="web_login_tokens")
    op.drop_table("web_login_tokens")
