"""Statements run on the driver's cursor (storage.driver_rows) give exactly what SQLAlchemy's own
execution gives, on SQLite and PostgreSQL: the same rows, the same Python values (aware datetimes,
Decimal money, dates), in the same transaction as the unit of work around them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import bindparam, insert, select

from bot.bootstrap.app import App
from storage.driver_rows import DriverRows
from storage.tables_budget import budget_lines
from storage.tables_meetings import meetings

_MEETINGS = select(meetings).where(meetings.c.day >= bindparam("first")).order_by(meetings.c.starts_at).limit(5)
_LINES = select(budget_lines).where(budget_lines.c.kind.in_(["lijn", "reserve"])).order_by(budget_lines.c.key)


def _meeting(n: int) -> dict[str, object]:
    start = datetime(2027, 3, n + 1, 9, 30, tzinfo=UTC)
    return {"uid": f"m{n}@vaart", "gremium": "stuurgroep", "kind": "vergadering", "day": start.date(),
            "starts_at": start, "ends_at": start.replace(hour=11), "week_only": False, "title": f"Vergadering {n}",
            "location": "Emmen", "agenda": "", "sequence": 0, "status": "confirmed", "dtstamp": start,
            "invited_sequence": 0, "created_at": start, "assumed": False}


def test_rows_on_the_driver_are_the_rows_sqlalchemy_gives(any_app: App) -> None:
    with any_app.engine.begin() as conn:
        conn.execute(insert(meetings), [_meeting(n) for n in range(3)])
    with any_app.engine.connect() as conn:
        ours = DriverRows(conn).all(_MEETINGS, {"first": date(2027, 1, 1)})
        theirs = conn.execute(_MEETINGS, {"first": date(2027, 1, 1)}).all()
    assert [tuple(r) for r in ours] == [tuple(r) for r in theirs]
    assert ours[0].starts_at == datetime(2027, 3, 1, 9, 30, tzinfo=UTC) and ours[0].day == date(2027, 3, 1)
    assert all(r.starts_at.tzinfo is not None for r in ours)


def test_money_comes_out_as_decimal_from_the_driver(any_app: App) -> None:
    """Amounts are stored in whole cents and read back as euros, as SQLAlchemy reads them."""
    amounts = [Decimal("49999.99"), Decimal("0.01"), Decimal("1250.00")]
    with any_app.engine.begin() as conn:
        conn.execute(insert(budget_lines), [{"key": f"line{n}", "name": f"Lijn {n}", "kind": "lijn",
                                             "amount": amount} for n, amount in enumerate(amounts)])
    with any_app.engine.connect() as conn:
        ours = DriverRows(conn).all(_LINES)
        theirs = conn.execute(_LINES).all()
    assert [tuple(r) for r in ours] == [tuple(r) for r in theirs]
    assert [r.amount for r in ours if r.key.startswith("line")] == amounts


def test_a_statement_without_a_needed_value_is_refused_not_run_with_null(any_app: App) -> None:
    with any_app.engine.connect() as conn, pytest.raises(ValueError, match="first"):
        DriverRows(conn).all(_MEETINGS, {})


def test_an_in_list_bound_at_execution_cannot_be_compiled_once(any_app: App) -> None:
    statement = select(meetings.c.uid).where(meetings.c.uid.in_(bindparam("uids", expanding=True)))
    with any_app.engine.connect() as conn, pytest.raises(ValueError, match="expanding"):
        DriverRows(conn).all(statement, {"uids": ["a"]})


def test_the_driver_reads_inside_the_transaction_around_it(any_app: App) -> None:
    """A row the transaction added, not yet committed, is seen by a driver read on its connection."""
    with any_app.engine.connect() as conn, conn.begin():
        conn.execute(insert(meetings), [_meeting(7)])
        assert [r.uid for r in DriverRows(conn).all(_MEETINGS, {"first": date(2027, 1, 1)})] == ["m7@vaart"]


def test_bound_values_are_written_as_sqlalchemy_writes_them(any_app: App) -> None:
    """An aware datetime is compared in the store's own form (on SQLite, SQLAlchemy's text), and a JSON
    path keeps its key: the types' bind processors run on the driver too."""
    with any_app.engine.begin() as conn:
        conn.execute(insert(meetings), [_meeting(n) for n in range(3)])
    later = select(meetings.c.uid).where(meetings.c.starts_at > bindparam("after")).order_by(meetings.c.uid)
    with any_app.engine.connect() as conn:
        uids = [r.uid for r in DriverRows(conn).all(later, {"after": datetime(2027, 3, 1, 9, 30, tzinfo=UTC)})]
    assert uids == ["m1@vaart", "m2@vaart"]
