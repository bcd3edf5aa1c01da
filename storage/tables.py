"""The database schema as SQLAlchemy Core tables. Alembic migrations create exactly this.

Types are chosen to behave the same on SQLite and PostgreSQL: money is Numeric(14, 2), times
are stored timezone-aware (UTC on the way in), audit timestamps are ISO text so the hash chain
reads back byte for byte on both.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    text,
)

from storage.columns import AwareDateTime as AwareDateTime
from storage.columns import Money as Money
from storage.columns import metadata as metadata

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("organisation", String(200)),
    Column("roles", JSON, nullable=False),
    Column("language", String(5)),
)

language_choices = Table(  # the language someone not in `people` chose (`taal en`, or the one they submitted in)
    "language_choices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("language", String(5), nullable=False),
    Column("updated_at", AwareDateTime, nullable=False),
)

ideas = Table(
    "ideas",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(40), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("submitter", String(254), nullable=False, index=True),
    Column("submitted_at", AwareDateTime, nullable=False),
    Column("origin", String(20), nullable=False),
    Column("organisation", String(200)),
    Column("support_asked", Text),
    Column("status", String(40), nullable=False),
    Column("kernteam_contact", String(254)),
    Column("designers", JSON, nullable=False),
    Column("outcome_reason", Text),
    Column("proposal_type", String(40)),
    Column("parts", JSON, nullable=False),
    Column("din", JSON, nullable=False),
    Column("recusals", JSON, nullable=False),
    Column("meeting_date", Date),
    Column("evaluation", Text),
    Column("penvoerder", String(200)),  # the project's lead partner when set (migration 0010_programme_rules)
    Column("updated_at", AwareDateTime),
    Column("version", Integer, nullable=False),
    # the lists walk these in id order per status (storage.read_models), never the whole table
    Index("ix_ideas_status_id", "status", "id"),
    Index("ix_ideas_status_contact", "status", "kernteam_contact", "id"),
)

advices = Table(
    "advices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("idea_id", Integer, ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("positive", Boolean, nullable=False),
    Column("criteria", JSON, nullable=False),
    Column("principles", JSON, nullable=False),
    Column("development_advice", Text, nullable=False),
    Column("recorded_by", String(254), nullable=False),
    Column("recorded_at", AwareDateTime, nullable=False),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("idea_id", Integer, ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("number", String(40), nullable=False, unique=True),
    Column("subject", String(200), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("decided_on", Date, nullable=False),
    Column("present", JSON, nullable=False),
    Column("recused", JSON, nullable=False),
    Column("objections", JSON, nullable=False),
    Column("conditions", JSON, nullable=False),
    Column("considerations", Text, nullable=False),
    Column("amount", Money),
    Column("recorded_by", String(254), nullable=False),
    Column("recorded_at", AwareDateTime, nullable=False),
    Index("ix_decisions_decided_on_id", "decided_on", "id"),  # the register, newest first, one page
)

progress_reports = Table(
    "progress_reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("idea_id", Integer, ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("reported_by", String(254), nullable=False),
    Column("reported_at", AwareDateTime, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(254), nullable=False),
    Column("action", String(80), nullable=False),
    Column("object", String(80), nullable=False),
    Column("result", String(200), nullable=False),
    Column("origin", String(20), nullable=False),
    Column("details", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)

PENDING = text("status = 'pending'")
outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("channel", String(20), nullable=False),
    Column("recipient", String(254), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("created_at", AwareDateTime, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", AwareDateTime, nullable=False),
    Column("claimed_until", AwareDateTime),
    Column("claimed_by", String(200)),  # the runner holding the lease: a new leader frees a dead one's (0008)
    Column("last_error", Text),
    Column("sent_at", AwareDateTime),
    Column("failing_since", AwareDateTime),  # first failure of this series: the retry horizon runs from it
    Column("bundle", String(200), index=True),  # an open staf notice that new dead letters join
    Index("ix_outbox_due", "status", "next_attempt_at"),
    # the claim walks only the waiting rows in id order, however many were sent (scheduling.outbox)
    Index("ix_outbox_pending", "id", sqlite_where=PENDING),  # and on PostgreSQL: see for_postgresql()
)


def for_postgresql() -> None:
    """The PostgreSQL half of the definitions above. Naming a `postgresql_*` option in `Index(...)`
    makes SQLAlchemy import its whole PostgreSQL dialect (every driver's) at import time, which an
    SQLite store never needs; `storage.engine.make_engine` calls this when it makes a PostgreSQL
    engine, before anything compares or creates the schema there. Idempotent."""
    pending = next(ix for ix in outbox.indexes if ix.name == "ix_outbox_pending")
    pending.dialect_options["postgresql"]["where"] = PENDING

counters = Table(
    "counters",
    metadata,
    Column("name", String(80), primary_key=True),
    Column("value", Integer, nullable=False),
)

processed_requests = Table(
    "processed_requests",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("result", Text, nullable=False),
    Column("at", AwareDateTime, nullable=False),
)

# The web pages' indexes on the core tables (migration 0008_web: the board, an idea's trail).
Index("ix_ideas_status_updated", ideas.c.status, ideas.c.updated_at)
Index("ix_audit_log_object", audit_log.c.object, audit_log.c.seq)
Index("ix_ideas_organisation", ideas.c.organisation)

# Each area keeps its tables in its own module; importing them here puts them in `metadata`
# (all of them take `metadata` from storage.columns, so none of them imports this module).
from storage import (  # noqa: E402
    tables_budget,  # noqa: F401  (the budget area, migration 0003)
    tables_chat,  # noqa: F401  (the chat front ends, migration 0005)
    tables_cycle,  # noqa: F401  (line history, DIN rows, objections, escalations: 0011_cycle_a)
    tables_delivery,  # noqa: F401  (the delivery area, migration 0004)
    tables_execution,  # noqa: F401  (progress, beschikkingen, communicatiekalender: 0011_cycle_b)
    tables_governance,  # noqa: F401  (preparatory advices and member bodies' decisions: 0013_vdg)
    tables_meetings,  # noqa: F401  (meetings, agenda and reminders, migration 0002)
    tables_ops,  # noqa: F401  (pseudonyms for the audit log, the worker's heartbeat: 0006_operations)
    tables_programmes,  # noqa: F401  (each person's chosen programme for DMs: 0014_programme_choices)
    tables_reads,  # noqa: F401  (who is involved in which idea, tallies, audit checkpoints: 0009_reads)
    tables_rounds,  # noqa: F401  (the schriftelijke ronde: rounds and votes, 0013_rounds)
    tables_teams,  # noqa: F401  (Teams conversation references, migration 0007)
    tables_web,  # noqa: F401  (web sign-in links and sessions, migration 0008_web)
)
