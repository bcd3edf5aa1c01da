"""Tables of the programme cycle after the decision (migration 0011_cycle_a): the history of every
budget line, the DIN links of every idea as rows (so the coverage overview is a GROUP BY on an
index, not a walk through every idea's JSON), objections against decisions and escalations.

Kept apart from `storage.tables` like the other areas; `storage.tables` imports it at its end.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table, Text

from storage.columns import AwareDateTime, Money, metadata

budget_line_changes = Table(
    "budget_line_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("line_key", String(80), ForeignKey("budget_lines.key"), nullable=False),
    Column("amount_before", Money, nullable=False),
    Column("amount_after", Money, nullable=False),
    Column("decision_number", String(40), nullable=False),
    Column("changed_by", String(254), nullable=False),
    Column("changed_at", AwareDateTime, nullable=False),
    Index("ix_budget_line_changes_line_id", "line_key", "id"),  # one line's history, in order
)

idea_din = Table(
    "idea_din",
    metadata,
    Column("kind", String(20), primary_key=True),  # opgave, programmalijn, subdoel, principe
    Column("value", String(300), primary_key=True),
    Column("idea_id", Integer, ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_idea_din_idea_id", "idea_id", "kind", "value"),  # an idea's links: the heat map's self-join
)

objections = Table(
    "objections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(40), nullable=False, unique=True),
    Column("decision_number", String(40), nullable=False),
    Column("kind", String(20), nullable=False),  # inhoud (to the stuurgroep) or proces (to the province)
    Column("text", Text, nullable=False),
    Column("filed_by", String(254), nullable=False),
    Column("filed_at", AwareDateTime, nullable=False),
    Column("routed_to", String(254), nullable=False),  # the meeting date or the province's address
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="SET NULL"), index=True),
    Column("status", String(20), nullable=False),
    Column("handling", Text),
    Column("outcome", Text),
    Column("handled_by", String(254)),
    Column("handled_at", AwareDateTime),
    Index("ix_objections_decision_id", "decision_number", "id"),
    Index("ix_objections_status_id", "status", "id"),
)

escalations = Table(
    "escalations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(40), nullable=False, unique=True),
    Column("subject_ref", String(80), nullable=False),  # the idea or project escalated
    Column("reason", Text, nullable=False),
    Column("raised_by", String(254), nullable=False),
    Column("raised_at", AwareDateTime, nullable=False),
    Column("status", String(20), nullable=False),
    Column("outcome", Text),
    Column("outcome_by", String(254)),
    Column("outcome_at", AwareDateTime),
    Index("ix_escalations_subject_id", "subject_ref", "id"),
    Index("ix_escalations_status_id", "status", "id"),
)

budget_resolutions = Table(
    "budget_resolutions",  # migration 0013_cycle_gaps
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String(40), nullable=False, unique=True),  # ZOD-B-JJJJ-NNN, the register's counter
    Column("kind", String(20), nullable=False),  # begroting (the multi-year budget) or herziening (a revision)
    Column("decided_on", Date, nullable=False),
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="SET NULL"), index=True),
    Column("text", Text, nullable=False),
    Column("recorded_by", String(254), nullable=False),
    Column("recorded_at", AwareDateTime, nullable=False),
    Index("ix_budget_resolutions_decided_on_id", "decided_on", "id"),
)
