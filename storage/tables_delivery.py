"""Tables of the delivery area (migration 0004): the link between a meeting's invitation UID and
the Outlook calendar event that carries it.

Exchange sends the invitations for an event with attendees, so a meeting becomes one event in
the programme mailbox; its updates and its cancellation must go to that same event. A row keeps
the Graph event id and iCalUId per (mailbox, UID), the SEQUENCE last applied (a repeated
delivery of the same version is then a no-op) and whether the event was cancelled.
`storage.tables` imports this module at its end, so one `metadata` describes the whole database.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, String, Table, UniqueConstraint

from storage.columns import AwareDateTime, metadata

graph_events = Table(
    "graph_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("mailbox", String(254), nullable=False),
    Column("uid", String(255), nullable=False),
    Column("event_id", String(400), nullable=False),
    Column("ical_uid", String(400), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("cancelled", Boolean, nullable=False),
    Column("updated_at", AwareDateTime, nullable=False),
    UniqueConstraint("mailbox", "uid", name="uq_graph_events_mailbox_uid"),
)
