"""reads: who is involved in which idea, tallies, audit checkpoints, and the indexes the paged
lists and the outbox claim walk (storage/tables_reads.py, storage/tables.py)

Revision ID: 0009_reads
Revises: 0008_web
Create Date: 2026-12-01

The involvement rows and the tallies are filled from the ideas already in the store, in batches
(the designers come out of their JSON column here, once, instead of at every "mijn").
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0009_reads"
down_revision = "0008_web"
branch_labels = None
depends_on = None

BATCH = 5000
PENDING = sa.text("status = 'pending'")
ideas = sa.table(
    "ideas", sa.column("id"), sa.column("status"), sa.column("submitter"), sa.column("kernteam_contact"),
    sa.column("designers"),
)
decisions = sa.table("decisions", sa.column("id"))
idea_people = sa.table("idea_people", sa.column("email"), sa.column("relation"), sa.column("idea_id"))
tallies = sa.table("tallies", sa.column("name"), sa.column("value"))


def upgrade() -> None:
    op.create_table(
        "idea_people",
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_idea_people_idea_id_ideas"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("email", "relation", "idea_id", name=op.f("pk_idea_people")),
    )
    op.create_index("ix_idea_people_email_idea", "idea_people", ["email", "idea_id"], unique=False)
    op.create_index("ix_idea_people_idea_id", "idea_people", ["idea_id"], unique=False)
    op.create_table(
        "tallies",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_tallies")),
    )
    op.create_table(
        "audit_checkpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("full", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_checkpoints")),
    )
    with op.batch_alter_table("ideas") as batch_op:
        batch_op.drop_index("ix_ideas_status")
        batch_op.create_index("ix_ideas_status_id", ["status", "id"], unique=False)
        batch_op.create_index("ix_ideas_status_contact", ["status", "kernteam_contact", "id"], unique=False)
    op.create_index("ix_decisions_decided_on_id", "decisions", ["decided_on", "id"], unique=False)
    op.create_index("ix_outbox_pending", "outbox", ["id"], unique=False, sqlite_where=PENDING,
                    postgresql_where=PENDING)
    with op.batch_alter_table("spend_requests") as batch_op:
        batch_op.drop_index("ix_spend_requests_status")
        batch_op.create_index("ix_spend_requests_status_id", ["status", "id"], unique=False)
    _backfill(op.get_bind())


def _designers(value: Any) -> list[str]:
    if isinstance(value, str):
        value = json.loads(value)
    return [str(e) for e in value or []]


def _backfill(conn: sa.Connection) -> None:
    counts: Counter[str] = Counter()
    last = 0
    while True:
        rows = conn.execute(
            sa.select(ideas.c.id, ideas.c.status, ideas.c.submitter, ideas.c.kernteam_contact, ideas.c.designers)
            .where(ideas.c.id > last).order_by(ideas.c.id).limit(BATCH)
        ).all()
        if not rows:
            break
        links: list[dict[str, Any]] = []
        for row in rows:
            counts[f"ideas:status:{row.status}"] += 1
            pairs = {(row.submitter, "submitter")}
            if row.kernteam_contact:
                pairs.add((row.kernteam_contact, "kernteam"))
            pairs |= {(email, "designer") for email in _designers(row.designers)}
            links += [{"email": e, "relation": r, "idea_id": row.id} for e, r in sorted(pairs)]
            for email in {e for e, _ in pairs}:
                counts[f"ideas:person:{email}"] += 1
        conn.execute(idea_people.insert(), links)
        last = rows[-1].id
    counts["decisions"] = int(conn.execute(sa.select(sa.func.count()).select_from(decisions)).scalar_one())
    values = [{"name": name[:300], "value": n} for name, n in sorted(counts.items()) if n]
    if values:
        conn.execute(tallies.insert(), values)


def downgrade() -> None:
    with op.batch_alter_table("spend_requests") as batch_op:
        batch_op.drop_index("ix_spend_requests_status_id")
        batch_op.create_index("ix_spend_requests_status", ["status"], unique=False)
    op.drop_index("ix_outbox_pending", table_name="outbox")
    op.drop_index("ix_decisions_decided_on_id", table_name="decisions")
    with op.batch_alter_table("ideas") as batch_op:
        batch_op.drop_index("ix_ideas_status_contact")
        batch_op.drop_index("ix_ideas_status_id")
        batch_op.create_index("ix_ideas_status", ["status"], unique=False)
    op.drop_table("audit_checkpoints")
    op.drop_table("tallies")
    op.drop_index("ix_idea_people_idea_id", table_name="idea_people")
    op.drop_index("ix_idea_people_email_idea", table_name="idea_people")
    op.drop_table("idea_people")
