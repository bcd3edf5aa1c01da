"""cycle a: the history of budget lines, the DIN links as rows, objections and escalations
(storage/tables_cycle.py)

Revision ID: 0011_cycle_a
Revises: 0010_programme_rules
Create Date: 2026-12-01

The DIN rows are filled from the ideas already in the store, in batches.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0011_cycle_a"
down_revision = "0010_programme_rules"
branch_labels = None
depends_on = None

BATCH = 5000
ideas = sa.table("ideas", sa.column("id"), sa.column("din"))
idea_din = sa.table("idea_din", sa.column("kind"), sa.column("value"), sa.column("idea_id"))
KINDS = (("opgaven", "opgave"), ("programmalijn", "programmalijn"), ("subdoelen", "subdoel"),
         ("principes", "principe"))


def upgrade() -> None:
    op.create_table(
        "budget_line_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("line_key", sa.String(length=80), nullable=False),
        sa.Column("amount_before", sa.BigInteger(), nullable=False),
        sa.Column("amount_after", sa.BigInteger(), nullable=False),
        sa.Column("decision_number", sa.String(length=40), nullable=False),
        sa.Column("changed_by", sa.String(length=254), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["line_key"], ["budget_lines.key"],
                                name=op.f("fk_budget_line_changes_line_key_budget_lines")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_line_changes")),
    )
    op.create_index("ix_budget_line_changes_line_id", "budget_line_changes", ["line_key", "id"], unique=False)
    op.create_table(
        "idea_din",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=300), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_idea_din_idea_id_ideas"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("kind", "value", "idea_id", name=op.f("pk_idea_din")),
    )
    op.create_index("ix_idea_din_idea_id", "idea_din", ["idea_id", "kind", "value"], unique=False)
    op.create_table(
        "objections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("decision_number", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("filed_by", sa.String(length=254), nullable=False),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("routed_to", sa.String(length=254), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("handling", sa.Text(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("handled_by", sa.String(length=254), nullable=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_objections_meeting_id_meetings"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objections")),
        sa.UniqueConstraint("reference", name=op.f("uq_objections_reference")),
    )
    op.create_index("ix_objections_decision_id", "objections", ["decision_number", "id"], unique=False)
    op.create_index("ix_objections_status_id", "objections", ["status", "id"], unique=False)
    op.create_index("ix_objections_meeting_id", "objections", ["meeting_id"], unique=False)
    op.create_table(
        "escalations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("subject_ref", sa.String(length=80), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raised_by", sa.String(length=254), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("outcome_by", sa.String(length=254), nullable=True),
        sa.Column("outcome_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalations")),
        sa.UniqueConstraint("reference", name=op.f("uq_escalations_reference")),
    )
    op.create_index("ix_escalations_subject_id", "escalations", ["subject_ref", "id"], unique=False)
    op.create_index("ix_escalations_status_id", "escalations", ["status", "id"], unique=False)
    _backfill(op.get_bind())


def din_rows(idea_id: int, din: Any) -> list[dict[str, Any]]:
    """The rows of one idea's DIN links (the same as storage.din_links writes at every change)."""
    if isinstance(din, str):
        din = json.loads(din)
    din = din or {}
    rows: set[tuple[str, str]] = set()
    for key, kind in KINDS:
        value = din.get(key)
        for name in ([value] if isinstance(value, str) else value or []):
            if name:
                rows.add((kind, str(name)[:300]))
    return [{"kind": k, "value": v, "idea_id": idea_id} for k, v in sorted(rows)]


def _backfill(conn: sa.Connection) -> None:
    last = 0
    while True:
        rows = conn.execute(
            sa.select(ideas.c.id, ideas.c.din).where(ideas.c.id > last).order_by(ideas.c.id).limit(BATCH)
        ).all()
        if not rows:
            break
        values = [r for row in rows for r in din_rows(row.id, row.din)]
        if values:
            conn.execute(idea_din.insert(), values)
        last = rows[-1].id


def downgrade() -> None:
    op.drop_index("ix_escalations_status_id", table_name="escalations")
    op.drop_index("ix_escalations_subject_id", table_name="escalations")
    op.drop_table("escalations")
    op.drop_index("ix_objections_meeting_id", table_name="objections")
    op.drop_index("ix_objections_status_id", table_name="objections")
    op.drop_index("ix_objections_decision_id", table_name="objections")
    op.drop_table("objections")
    op.drop_index("ix_idea_din_idea_id", table_name="idea_din")
    op.drop_table("idea_din")
    op.drop_index("ix_budget_line_changes_line_id", table_name="budget_line_changes")
    op.drop_table("budget_line_changes")
