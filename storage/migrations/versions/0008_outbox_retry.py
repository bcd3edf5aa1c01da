"""outbox retry: who holds a row's lease, since when a row has been failing, bundled staf notices

Revision ID: 0008_outbox_retry
Revises: 0007
Create Date: 2026-11-30

`claimed_by` lets a new leader release the rows of the worker whose lock it took over
(scheduling/worker.py); `failing_since` starts the retry horizon (scheduling/retry.py); `bundle`
finds the staf member's open dead-letter notice that a new dead letter joins
(scheduling/dead_letters.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_outbox_retry"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("failing_since", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("bundle", sa.String(length=200), nullable=True))
        batch_op.create_index("ix_outbox_bundle", ["bundle"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_bundle")
        batch_op.drop_column("bundle")
        batch_op.drop_column("failing_since")
        batch_op.drop_column("claimed_by")
