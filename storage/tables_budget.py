"""Tables for the budget: lines, projects with their tranches, the ledger, spend requests and the
stuurgroep's decisions on them (migration 0003).

Kept apart from `storage.tables` so the budget can grow without touching the core schema;
`storage.tables` imports this module at its end, so one `metadata` describes the whole database.
Money is whole cents (`Money`). The ledger is append-only (the migration adds triggers that refuse
UPDATE and DELETE): balances are summed from it, never stored, so it is the single truth. A line
row is what an approval locks (SELECT ... FOR UPDATE) before it re-reads the line's balance.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from storage.columns import AwareDateTime, Money, metadata

budget_lines = Table(
    "budget_lines",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("line_group", String(200)),
    Column("amount", Money, nullable=False),
    Column("updated_at", AwareDateTime),
)

projects = Table(
    "projects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(80), nullable=False, unique=True),
    Column("name", String(300), nullable=False),
    Column("project_group", String(200)),
    Column("penvoerder", String(200), nullable=False),
    Column("line_key", String(80), ForeignKey("budget_lines.key")),
    Column("parent", String(80)),
    Column("cofinanciering", Money),
    Column("remarks", JSON, nullable=False),
    Column("progress", JSON, nullable=False),
    Column("source", String(200), nullable=False),
    Column("recorded_at", AwareDateTime, nullable=False),
)

project_tranches = Table(
    "project_tranches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("tranche", String(40), nullable=False),
    Column("amount", Money, nullable=False),
    UniqueConstraint("project_id", "tranche", name="uq_project_tranches_project_tranche"),
)

ledger = Table(
    "ledger",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("line_key", String(80), ForeignKey("budget_lines.key"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("amount", Money, nullable=False),
    Column("at", AwareDateTime, nullable=False),
    Column("reference", String(80), nullable=False, index=True),
    Column("tranche", String(40)),
    Column("note", String(200), nullable=False),
    Column("recorded_by", String(254), nullable=False),
)

spend_requests = Table(
    "spend_requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(40), nullable=False, unique=True),
    Column("amount", Money, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("purpose", Text, nullable=False),
    Column("purpose_key", String(300), nullable=False, index=True),
    Column("idea_ref", String(40), index=True),
    Column("requester", String(254), nullable=False),
    Column("line_key", String(80), ForeignKey("budget_lines.key"), nullable=False),
    Column("requested_at", AwareDateTime, nullable=False),
    Column("status", String(20), nullable=False),
    Column("decided_by", String(254)),
    Column("decided_at", AwareDateTime),
    Column("decided_via", String(20)),
    Column("reason", Text, nullable=False),
    Column("decision_number", String(40)),
    Index("ix_spend_requests_requested_at", "requested_at"),
    Index("ix_spend_requests_status_id", "status", "id"),  # the open requests, one page in id order
)

budget_decisions = Table(
    "budget_decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String(40), nullable=False, unique=True),
    Column("request_ref", String(40), ForeignKey("spend_requests.reference"), nullable=False, index=True),
    Column("subject", String(300), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("decided_on", Date, nullable=False),
    Column("present", JSON, nullable=False),
    Column("recused", JSON, nullable=False),
    Column("objections", JSON, nullable=False),
    Column("conditions", JSON, nullable=False),
    Column("considerations", Text, nullable=False),
    Column("amount", Money),
    Column("requester", String(254), nullable=False),
    Column("recorded_by", String(254), nullable=False),
    Column("recorded_at", AwareDateTime, nullable=False),
)
