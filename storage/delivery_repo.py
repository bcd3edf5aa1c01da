"""The store side of `bot.services.ports.calendar_events`: event links in the `graph_events` table.

Each call is its own short transaction: the channel records the event right after Graph made or
changed it, outside the outbox's claim transaction (nothing is held open during a network call).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.dialects import postgresql, sqlite

from bot.services.ports.calendar_events import EventLink
from storage.tables_delivery import graph_events


class SqlEventLinks:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, mailbox: str, uid: str) -> EventLink | None:
        c = graph_events.c
        with self.engine.connect() as conn:
            row = conn.execute(select(graph_events).where(c.mailbox == mailbox, c.uid == uid)).mappings().first()
        if row is None:
            return None
        return EventLink(
            mailbox=row["mailbox"],
            uid=row["uid"],
            event_id=row["event_id"],
            ical_uid=row["ical_uid"],
            sequence=row["sequence"],
            cancelled=bool(row["cancelled"]),
        )

    def save(self, link: EventLink, at: datetime) -> None:
        values = {
            "mailbox": link.mailbox,
            "uid": link.uid,
            "event_id": link.event_id,
            "ical_uid": link.ical_uid,
            "sequence": link.sequence,
            "cancelled": link.cancelled,
            "updated_at": at,
        }
        with self.engine.begin() as conn:
            insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
            statement = insert(graph_events).values(**values)
            changed = ("event_id", "ical_uid", "sequence", "cancelled", "updated_at")
            conn.execute(
                statement.on_conflict_do_update(
                    index_elements=["mailbox", "uid"],
                    set_={name: statement.excluded[name] for name in changed},
                    # a late writer with an older version never turns the link back
                    where=graph_events.c.sequence <= statement.excluded.sequence,
                )
            )
