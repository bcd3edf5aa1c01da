"""The per-member-body procedure's tables (migration 0013_vdg): the preparatory gremium's advice on
a proposal (the PHO) and each member body's decision on it (a collegebesluit), one per body."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Integer, String, Table, Text, UniqueConstraint

from storage.columns import AwareDateTime, Money, metadata

preparatory_advices = Table(
    "preparatory_advices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(40), nullable=False, index=True),
    Column("gremium", String(80), nullable=False),
    Column("positive", Boolean, nullable=False),
    Column("text", Text, nullable=False),
    Column("amount", Money),
    Column("recorded_by", String(254), nullable=False),
    Column("recorded_at", AwareDateTime, nullable=False),
    Column("deadline", Date, nullable=False),
)

body_decisions = Table(
    "body_decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(40), nullable=False),
    Column("body", String(120), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("decided_on", Date, nullable=False),
    Column("conditions", Text, nullable=False),
    Column("recorded_by", String(254), nullable=False),
    Column("recorded_at", AwareDateTime, nullable=False),
    Column("late", Boolean, nullable=False),
    # one decision per body and proposal; the tally reads one proposal's rows through this index
    UniqueConstraint("reference", "body", name="uq_body_decisions_reference"),
)
