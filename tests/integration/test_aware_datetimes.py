"""The store's datetimes come back aware, in UTC, to the microsecond, however SQLite holds their text
(storage.columns.AwareDateTime: the text SQLAlchemy writes is read in one call, any other form the
general way), and on PostgreSQL as the driver gives them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import insert, select, text

from bot.bootstrap.app import App
from storage.tables_meetings import meetings
from tests.integration.test_driver_rows import _meeting


def test_a_datetime_is_read_back_as_written_aware_in_utc(any_app: App) -> None:
    written = datetime(2027, 3, 1, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=1)))
    with any_app.engine.begin() as conn:
        conn.execute(insert(meetings), [{**_meeting(0), "starts_at": written}])
    with any_app.engine.connect() as conn:
        read = conn.execute(select(meetings.c.starts_at)).scalar_one()
    assert read == written and read.tzinfo is UTC and read.microsecond == 123456


def test_sqlite_text_in_another_form_is_still_read_the_general_way(app: App) -> None:
    with app.engine.begin() as conn:
        conn.execute(insert(meetings), [_meeting(0), _meeting(1)])
        conn.execute(text("UPDATE meetings SET starts_at = '2027-03-02 10:30:00+01:00' WHERE uid = 'm1@vaart'"))
    with app.engine.connect() as conn:
        read = conn.execute(select(meetings.c.starts_at).order_by(meetings.c.id)).scalars().all()
    assert read == [datetime(2027, 3, 1, 9, 30, tzinfo=UTC), datetime(2027, 3, 2, 9, 30, tzinfo=UTC)]
    assert all(value.tzinfo is UTC for value in read)
