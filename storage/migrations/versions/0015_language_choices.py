"""language choices: the language a person who is not in the people register chose (`taal en`, or the
language of the session they submitted an idea in), so the notices about their ideas come in it

Revision ID: 0015_language_choices
Revises: 0014_programme_choices
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_language_choices"
down_revision = "0014_programme_choices"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "language_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_language_choices")),
        sa.UniqueConstraint("email", name=op.f("uq_language_choices_email")),
    )


def downgrade() -> None:
    op.drop_table("language_choices")
