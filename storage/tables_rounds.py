"""Tables of the schriftelijke ronde (migration 0013_rounds): one row per round, one per vote.

`open_subject` holds the subject's reference while the round is open and NULL after: its unique
constraint makes a second open round on the same idea or spend request impossible, also when two
starts race (NULLs never collide, on SQLite and PostgreSQL alike).
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from storage.columns import AwareDateTime, Money, metadata

written_rounds = Table(
    "written_rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(40), nullable=False, unique=True),
    Column("subject_kind", String(10), nullable=False),  # idea or spend
    Column("subject_ref", String(40), nullable=False),
    Column("open_subject", String(40), unique=True),
    Column("title", Text, nullable=False),
    Column("amount", Money),
    Column("deadline", Date, nullable=False),
    Column("members", JSON, nullable=False),
    Column("note", Text, nullable=False),
    Column("started_by", String(254), nullable=False),
    Column("started_at", AwareDateTime, nullable=False),
    Column("status", String(20), nullable=False),
    Column("reminders_sent", JSON, nullable=False),
    Column("closed_at", AwareDateTime),
    Column("decision_number", String(40)),
    Index("ix_written_rounds_status_deadline", "status", "deadline"),  # the worker's due rounds
    Index("ix_written_rounds_subject_ref", "subject_ref", "id"),  # a subject's rounds (status)
    Index("ix_written_rounds_closed_at", "closed_at"),  # closed between two meetings (the package)
)

round_votes = Table(
    "round_votes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("written_rounds.id", ondelete="CASCADE"), nullable=False),
    Column("email", String(254), nullable=False),
    Column("choice", String(20), nullable=False),
    Column("reason", Text, nullable=False),
    Column("voted_at", AwareDateTime, nullable=False),
    UniqueConstraint("round_id", "email", name="uq_round_votes_round_id"),
)
