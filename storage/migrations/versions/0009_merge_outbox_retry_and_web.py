"""merge: the outbox retry columns and the web tables both followed 0007; one head again

Revision ID: 0009
Revises: 0008_outbox_retry, 0008_web
Create Date: 2026-12-01
"""

from __future__ import annotations

revision = "0009"
down_revision = ("0008_outbox_retry", "0008_web")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: both branches are applied; this only joins them."""


def downgrade() -> None:
    """Nothing to undo: going below this revision leaves both branches as they are."""
