"""Tables for meetings, agendas, reminders and calendar feeds (migration 0002).

Kept apart from `storage.tables` so the meetings area can grow without touching the core schema;
`storage.tables` imports this module at its end, so one `metadata` describes the whole database.

A meeting row is one dated meeting with the UID and SEQUENCE of its invitations: the UID never
changes (it is derived from the meeting's first date), SEQUENCE rises with every move or
cancellation. Reminder rows carry their own state (due, claimed, sent, late), so the scheduler
needs no job store of its own and a restarted worker knows exactly what is still to be sent.
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
    UniqueConstraint,
    false,
)

from storage.columns import AwareDateTime, metadata

meetings = Table(
    "meetings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(200), nullable=False, unique=True),
    Column("gremium", String(40), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("day", Date, nullable=False),
    Column("starts_at", AwareDateTime, nullable=False),
    Column("ends_at", AwareDateTime, nullable=False),
    Column("week_only", Boolean, nullable=False),
    Column("title", String(200), nullable=False),
    Column("location", String(300), nullable=False),
    Column("agenda", Text, nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("dtstamp", AwareDateTime, nullable=False),
    Column("invited_sequence", Integer),
    Column("created_at", AwareDateTime, nullable=False),
    # the date came from a meeting rule of the programme file, not from the seed or the staf (0010_programme_rules)
    Column("assumed", Boolean, nullable=False, server_default=false()),
    Index("ix_meetings_gremium_day", "gremium", "day"),
)

agenda_items = Table(
    "agenda_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False),
    Column("idea_reference", String(40), nullable=False, index=True),
    Column("late", Boolean, nullable=False),
    Column("admitted_by", String(254)),
    Column("added_at", AwareDateTime, nullable=False),
    UniqueConstraint("meeting_id", "idea_reference"),
)

reminders = Table(
    "reminders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="CASCADE"), index=True),
    Column("recipient", String(254), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("step", String(60), nullable=False),
    Column("due_at", AwareDateTime, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("claimed_at", AwareDateTime),
    Column("claimed_by", String(80)),
    Column("sent_at", AwareDateTime),
    Column("late", Boolean, nullable=False),
    Index("ix_reminders_due", "sent_at", "due_at"),
)

feed_tokens = Table(
    "feed_tokens",
    metadata,
    Column("gremium", String(40), primary_key=True),
    Column("token", String(64), nullable=False, unique=True),
    Column("created_at", AwareDateTime, nullable=False),
)
