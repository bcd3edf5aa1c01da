"""The meetings repository on SQLAlchemy Core, inside the unit of work's session.

Meetings are plain rows turned into `MeetingRecord`s and written back explicitly by `save`, so the
domain class stays free of the ORM; agenda items and reminder rows are written with
INSERT ... ON CONFLICT DO NOTHING, which makes planning them twice harmless.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, delete, select, update
from sqlalchemy.orm import Session

from bot.domain.meetings import AgendaItem, MeetingRecord
from bot.services.ports.meetings import ReminderRow
from storage.driver_rows import DriverRows, bound_list, bound_values
from storage.engine import upsert
from storage.tables_meetings import agenda_items, feed_tokens, meetings, reminders

_FIELDS = (
    "uid",
    "gremium",
    "kind",
    "starts_at",
    "ends_at",
    "week_only",
    "title",
    "location",
    "agenda",
    "sequence",
    "status",
    "dtstamp",
    "invited_sequence",
    "created_at",
    "assumed",
)


def dialect_insert(session: Session, table: Any) -> Any:
    """An INSERT that supports ON CONFLICT on both SQLite and PostgreSQL."""
    name = session.get_bind().dialect.name
    return upsert(name, table)


def _record(row: Any) -> MeetingRecord:
    return MeetingRecord(id=row.id, **{name: getattr(row, name) for name in _FIELDS})


def _values(meeting: MeetingRecord) -> dict[str, Any]:
    values = {name: getattr(meeting, name) for name in _FIELDS}
    values["day"] = meeting.day
    return values


# The App Home and `vergaderingen` ask for the coming meetings on every view: their statements are built
# once per shape, the dates and the gremium bound.
UID_BATCH = 100  # UIDs looked up per statement


@lru_cache(maxsize=UID_BATCH)
def _existing_uids(count: int) -> Select[Any]:
    """Which of *count* UIDs are stored (one statement per count: each UID bound on its own)."""
    return select(meetings.c.uid).where(meetings.c.uid.in_(bound_list("uid", count)))


@lru_cache(maxsize=16)
def _between(by_gremium: bool, include_cancelled: bool, limit: int | None) -> Select[Any]:
    c = meetings.c
    query = select(meetings).where(and_(c.day >= bindparam("first"), c.day <= bindparam("last")))
    if by_gremium:
        query = query.where(c.gremium == bindparam("gremium"))
    if not include_cancelled:
        query = query.where(c.status != "cancelled")
    return query.order_by(c.starts_at, c.gremium, c.id).limit(limit)


class SqlMeetingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- meetings ------------------------------------------------------------------------------
    def add(self, meeting: MeetingRecord) -> MeetingRecord:
        meeting.id = int(
            self.session.execute(meetings.insert().values(**_values(meeting)).returning(meetings.c.id)).scalar_one()
        )
        return meeting

    def save(self, meeting: MeetingRecord) -> None:
        if meeting.id is None:
            raise ValueError("save() needs a meeting that was added")
        self.session.execute(update(meetings).where(meetings.c.id == meeting.id).values(**_values(meeting)))

    def get(self, uid: str) -> MeetingRecord | None:
        row = self.session.execute(select(meetings).where(meetings.c.uid == uid.strip().lower())).first()
        return None if row is None else _record(row)

    def by_id(self, meeting_id: int) -> MeetingRecord | None:
        row = self.session.execute(select(meetings).where(meetings.c.id == meeting_id)).first()
        return None if row is None else _record(row)

    def existing_uids(self, uids: Iterable[str]) -> set[str]:
        wanted = list(uids)
        found: set[str] = set()
        rows = DriverRows(self.session.connection())
        for start in range(0, len(wanted), UID_BATCH):
            batch = wanted[start : start + UID_BATCH]
            found |= {str(row.uid) for row in rows.all(_existing_uids(len(batch)), bound_values("uid", batch))}
        return found

    def on_day(self, day: date, gremium: str | None = None) -> list[MeetingRecord]:
        return self.between(day, day, gremium)

    def between(
        self, first: date, last: date, gremium: str | None = None, include_cancelled: bool = True,
        limit: int | None = None,
    ) -> list[MeetingRecord]:
        """The meetings from *first* to *last* in start order (the first *limit* of them)."""
        params = {"first": first, "last": last, "gremium": gremium}
        statement = _between(gremium is not None, include_cancelled, limit)
        rows = DriverRows(self.session.connection()).all(statement, params)
        return [_record(row) for row in rows]

    def of_gremium(self, gremium: str) -> list[MeetingRecord]:
        c = meetings.c
        rows = self.session.execute(select(meetings).where(c.gremium == gremium).order_by(c.starts_at, c.id)).all()
        return [_record(row) for row in rows]

    # -- agenda ------------------------------------------------------------------------------
    def agenda(self, meeting_id: int) -> list[AgendaItem]:
        c = agenda_items.c
        rows = self.session.execute(select(agenda_items).where(c.meeting_id == meeting_id).order_by(c.id)).all()
        return [
            AgendaItem(
                id=row.id,
                meeting_id=row.meeting_id,
                idea_reference=row.idea_reference,
                late=row.late,
                admitted_by=row.admitted_by,
                added_at=row.added_at,
            )
            for row in rows
        ]

    def add_agenda_item(self, item: AgendaItem) -> bool:
        """Put *item* on the agenda; False when the proposal already is on that meeting's agenda."""
        result = self.session.execute(
            dialect_insert(self.session, agenda_items)
            .values(
                meeting_id=item.meeting_id,
                idea_reference=item.idea_reference,
                late=item.late,
                admitted_by=item.admitted_by,
                added_at=item.added_at,
            )
            .on_conflict_do_nothing(index_elements=["meeting_id", "idea_reference"])
        )
        return bool(getattr(result, "rowcount", 0))

    def move_agenda(self, from_meeting: int, to_meeting: int) -> list[str]:
        """Move the items of one meeting to another (a cancelled meeting); the references moved."""
        c = agenda_items.c
        moving = list(self.session.scalars(select(c.idea_reference).where(c.meeting_id == from_meeting)))
        present = set(self.session.scalars(select(c.idea_reference).where(c.meeting_id == to_meeting)))
        for reference in moving:
            if reference in present:
                self.session.execute(
                    delete(agenda_items).where(and_(c.meeting_id == from_meeting, c.idea_reference == reference))
                )
            else:
                self.session.execute(
                    update(agenda_items)
                    .where(and_(c.meeting_id == from_meeting, c.idea_reference == reference))
                    .values(meeting_id=to_meeting)
                )
        return moving

    def drop_from_agenda(self, reference: str, after: datetime) -> list[date]:
        """Take a proposal off the agendas of the meetings that start after *after* (it was decided
        in writing meanwhile: nothing is left to decide there); the days of those meetings."""
        c, m = agenda_items.c, meetings.c
        days = list(self.session.execute(
            select(m.id, m.day).join(agenda_items, c.meeting_id == m.id)
            .where(c.idea_reference == reference, m.starts_at > after)).all())
        if days:
            self.session.execute(delete(agenda_items).where(
                c.idea_reference == reference, c.meeting_id.in_([row.id for row in days])))
        return sorted(row.day for row in days)

    # -- reminders ---------------------------------------------------------------------------
    def plan_reminders(self, meeting_id: int, rows: Sequence[ReminderRow]) -> int:
        added = 0
        for row in rows:
            result = self.session.execute(
                dialect_insert(self.session, reminders)
                .values(
                    key=row.key,
                    meeting_id=meeting_id,
                    recipient=row.recipient,
                    kind=row.kind,
                    step=row.step,
                    due_at=row.due_at,
                    payload=row.payload,
                    late=False,
                )
                .on_conflict_do_nothing(index_elements=["key"])
            )
            added += int(getattr(result, "rowcount", 0) or 0)
        return added

    def drop_unsent_reminders(self, meeting_id: int) -> int:
        c = reminders.c
        result = self.session.execute(delete(reminders).where(and_(c.meeting_id == meeting_id, c.sent_at.is_(None))))
        return int(getattr(result, "rowcount", 0) or 0)

    # -- feeds -------------------------------------------------------------------------------
    def feed_token(self, gremium: str) -> str | None:
        value = self.session.execute(
            select(feed_tokens.c.token).where(feed_tokens.c.gremium == gremium)
        ).scalar_one_or_none()
        return None if value is None else str(value)

    def set_feed_token(self, gremium: str, token: str, at: datetime) -> None:
        self.session.execute(
            dialect_insert(self.session, feed_tokens)
            .values(gremium=gremium, token=token, created_at=at)
            .on_conflict_do_nothing(index_elements=["gremium"])
        )
