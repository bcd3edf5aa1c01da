"""The list views as queries that return one page (bot.services.ports.read_models), on indexes made for them.

Each list is walked in index order and stops after one page: "my ideas" on `idea_people(email,
idea_id)`, a status list per status on `ideas(status, id)` (one short range per status, merged),
the register on `decisions(decided_on, id)`. Only the columns a list shows are read (no JSON, no
advice, decisions or progress). The first page says how many rows follow from the tallies
(`storage.involvement`); a later page counts what follows its cursor.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache, reduce
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, Select, Table, bindparam, exists, func, or_, select, tuple_, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from bot.domain.errors import Refused
from bot.services.ports.read_models import DecisionSummary, IdeaSummary, Page
from storage import tables
from storage.driver_rows import DriverRows, bound_list, bound_values
from storage.involvement import DECISIONS_TALLY, person_tally, status_tally
from storage.tables_budget import spend_requests
from storage.tables_governance import body_decisions
from storage.tables_reads import DESIGNER, SUBMITTER, idea_people, tallies

T = TypeVar("T")

_i = tables.ideas.c
_p = idea_people.c
_d = tables.decisions.c
_r = spend_requests.c
SUMMARY = (_i.id, _i.reference, _i.title, _i.status, _i.meeting_date, _i.kernteam_contact)
DECISION = (_d.id, _d.number, _d.decided_on, _d.outcome, _d.amount, _d.subject, _i.reference)
# The values a cached statement leaves open, bound at each execution.
EMAIL: BindParameter[str] = bindparam("email")
SINCE: BindParameter[Any] = bindparam("since")
NOT_BY: BindParameter[str] = bindparam("not_by")
_IDEA_ID = select(_i.id).where(_i.reference == bindparam("reference"))
_DECISION_KEY = select(_d.decided_on, _d.id).where(_d.number == bindparam("number"))
_REQUEST_ID = select(_r.id).where(_r.reference == bindparam("reference"))


@lru_cache(maxsize=16)
def _tallies(count: int) -> Select[Any]:
    """The sum of *count* named tallies (one statement per count: its names are bound one by one)."""
    return select(func.coalesce(func.sum(tallies.c.value), 0)).where(tallies.c.name.in_(bound_list("name", count)))


def _summary(row: Any) -> IdeaSummary:
    return IdeaSummary(row.reference, row.title, row.status, row.meeting_date, row.kernteam_contact)


def merged_by_status(
    table: Table,
    columns: Sequence[Any],
    statuses: Sequence[str],
    where_for: Callable[[str], list[ColumnElement[bool]]],
    limit: int,
) -> Select[Any]:
    """The first *limit* rows of *table* in id order among *statuses*: one index range on
    (status, id) per status, each cut at *limit*, merged in one statement. (One `status IN (...)`
    range would make the database sort every matching row before it can stop.)"""
    parts: list[Select[Any]] = []
    for status in statuses:
        inner = (
            select(*columns).where(table.c.status == status, *where_for(status)).order_by(table.c.id).limit(limit)
        ).subquery()
        parts.append(select(inner))
    merged = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    return select(merged).order_by(merged.c.id).limit(limit)


def first_by_status(
    session: Session | Connection,
    table: Table,
    columns: Sequence[Any],
    statuses: Sequence[str],
    where_for: Callable[[str], list[ColumnElement[bool]]],
    limit: int,
) -> list[Any]:
    """`merged_by_status`, built and run at once (for a list whose conditions carry their values)."""
    if not statuses:
        return []
    return list(connection_of(session).execute(merged_by_status(table, columns, statuses, where_for, limit)).all())


# -- the statements, built once per shape -------------------------------------------------------------
# Building a statement costs more than running it (a merge of eleven status ranges: ~6 ms of Python
# against ~0.5 ms in SQLite at 100,000 ideas), so each list's statements are built once per shape
# (statuses, page size, first page or later) with the person and the cursor as bound parameters.
@lru_cache(maxsize=64)
def _involving(limit: int, later: bool) -> Select[Any]:
    ids = select(_p.idea_id).where(_p.email == EMAIL).group_by(_p.idea_id)
    if later:
        ids = ids.where(_p.idea_id < SINCE)
    wanted = ids.order_by(_p.idea_id.desc()).limit(limit)
    return select(*SUMMARY).where(_i.id.in_(wanted.scalar_subquery())).order_by(_i.id.desc())


_INVOLVING_AFTER = select(func.count(func.distinct(_p.idea_id))).where(_p.email == EMAIL, _p.idea_id < SINCE)


@lru_cache(maxsize=64)
def _in_statuses(statuses: tuple[str, ...], limit: int, later: bool) -> Select[Any]:
    where = [_i.id > SINCE] if later else []
    return merged_by_status(tables.ideas, SUMMARY, statuses, lambda _s: where, limit)


@lru_cache(maxsize=64)
def _in_statuses_after(statuses: tuple[str, ...]) -> Select[Any]:
    return select(func.count()).select_from(tables.ideas).where(_i.status.in_(statuses), _i.id > SINCE)


@lru_cache(maxsize=16)
def _awaiting_where(bodies: int, later: bool) -> tuple[ColumnElement[bool], ...]:
    """In the bound *status*, and one of the *bodies* bound has not decided (`undecided_by`); with *later*,
    after the cursor."""
    return (_i.status == bindparam("status"), undecided_by(_i.reference, bodies), *((_i.id > SINCE,) if later else ()))


def undecided_by(reference: ColumnElement[str], bodies: int) -> ColumnElement[bool]:
    """One of the *bodies* bound (`body0`, `body1`, ...) has no decision on *reference* yet (a proposal's
    or a spend request's): per body a seek on `uq_body_decisions_reference` (reference, body)."""
    d = body_decisions.c
    return or_(*(~exists().where(d.reference == reference, d.body == body) for body in bound_list("body", bodies)))


@lru_cache(maxsize=16)
def _awaiting(bodies: int, limit: int, later: bool) -> Select[Any]:
    return select(*SUMMARY).where(*_awaiting_where(bodies, later)).order_by(_i.id).limit(limit)


@lru_cache(maxsize=16)
def _awaiting_count(bodies: int, later: bool) -> Select[Any]:
    return select(func.count()).select_from(tables.ideas).where(*_awaiting_where(bodies, later))


def _task_where(status: str, own_only: tuple[str, ...], later: bool) -> list[ColumnElement[bool]]:
    conflicted = exists().where(_p.idea_id == _i.id, _p.email == EMAIL, _p.relation.in_([SUBMITTER, DESIGNER]))
    conditions: list[ColumnElement[bool]] = [~conflicted]
    if later:
        conditions.append(_i.id > SINCE)
    if status in own_only:
        conditions.append(or_(_i.kernteam_contact.is_(None), _i.kernteam_contact == EMAIL))
    return conditions


@lru_cache(maxsize=64)
def _tasks(statuses: tuple[str, ...], own_only: tuple[str, ...], limit: int, later: bool) -> Select[Any]:
    return merged_by_status(tables.ideas, SUMMARY, statuses, lambda s: _task_where(s, own_only, later), limit)


@lru_cache(maxsize=64)
def _tasks_after(statuses: tuple[str, ...], own_only: tuple[str, ...]) -> Select[Any]:
    """How many tasks follow the cursor: one count per status, summed in one statement."""
    counts = [
        select(func.count()).select_from(tables.ideas).where(_i.status == s, *_task_where(s, own_only, True))
        .scalar_subquery()
        for s in statuses
    ]
    return select(reduce(operator.add, counts))


@lru_cache(maxsize=64)
def _task_conflicts(statuses: tuple[str, ...]) -> Select[Any]:
    return (
        select(_i.id, _i.status, _i.kernteam_contact)
        .join(idea_people, _p.idea_id == _i.id)
        .where(_p.email == EMAIL, _p.relation.in_([SUBMITTER, DESIGNER]), _i.status.in_(statuses))
        .group_by(_i.id, _i.status, _i.kernteam_contact)
    )


@lru_cache(maxsize=64)
def _guided_by_or_nobody(status: str) -> Select[Any]:
    """Ideas in *status* guided by the person or by nobody: two exact ranges of (status, contact),
    summed. (The OR reads the whole status range: 0.7 ms against 0.18 ms at 100,000 ideas.)"""
    def count(contact: ColumnElement[bool]) -> Any:
        return select(func.count()).select_from(tables.ideas).where(_i.status == status, contact).scalar_subquery()

    return select(count(_i.kernteam_contact.is_(None)) + count(_i.kernteam_contact == EMAIL))


@lru_cache(maxsize=64)
def _decisions(limit: int, later: bool) -> Select[Any]:
    before = [tuple_(_d.decided_on, _d.id) < tuple_(bindparam("on"), SINCE)] if later else []
    key = select(_d.id).where(*before).order_by(_d.decided_on.desc(), _d.id.desc()).limit(limit)
    return (
        select(*DECISION).join(tables.ideas, _i.id == _d.idea_id)
        .where(_d.id.in_(key.scalar_subquery())).order_by(_d.decided_on.desc(), _d.id.desc())
    )


_DECISIONS_AFTER = select(func.count()).select_from(tables.decisions).where(
    tuple_(_d.decided_on, _d.id) < tuple_(bindparam("on"), SINCE))


@lru_cache(maxsize=64)
def _requests(statuses: tuple[str, ...], limit: int, later: bool, not_by: bool) -> Select[Any]:
    return merged_by_status(spend_requests, list(spend_requests.c), statuses,
                            lambda _s: _request_where(later, not_by), limit)


def _request_where(later: bool, not_by: bool) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if later:
        conditions.append(_r.id > SINCE)
    if not_by:
        conditions.append(_r.requester != NOT_BY)
    return conditions


@lru_cache(maxsize=64)
def _requests_after(statuses: tuple[str, ...], not_by: bool) -> Select[Any]:
    return select(func.count()).select_from(spend_requests).where(
        _r.status.in_(statuses), *_request_where(True, not_by))


def connection_of(session: Session | Connection) -> Connection:
    """Core statements run on the unit of work's connection: the ORM's execute path adds nothing
    for plain rows but its own cost. What the session holds unflushed is flushed first, as the ORM's
    autoflush would (a list read inside a unit of work that changed an idea sees the change)."""
    if not isinstance(session, Session):
        return session
    if session.autoflush:
        session.flush()
    return session.connection()


@lru_cache(maxsize=16)
def _tally_values(count: int) -> Select[Any]:
    return select(tallies.c.name, tallies.c.value).where(tallies.c.name.in_(bound_list("name", count)))


def status_counts(rows: DriverRows, statuses: Sequence[str]) -> dict[str, int]:
    """How many ideas are in each of *statuses*, from the tallies (a status without ideas: 0)."""
    names = [status_tally(s) for s in statuses]
    found = {str(r.name): int(r.value) for r in rows.all(_tally_values(len(names)), bound_values("name", names))}
    return {status: found.get(name, 0) for status, name in zip(statuses, names, strict=True)}


def tally_sum(rows: DriverRows, names: Sequence[str]) -> int:
    """The sum of the named tallies in one statement (a name never counted adds nothing)."""
    if not names:
        return 0
    return rows.number(_tallies(len(names)), bound_values("name", names))


def page_from(rows: Sequence[Any], limit: int, more: int, make: Any, cursor: Any) -> Page[Any]:
    shown = list(rows[:limit])
    return Page([make(r) for r in shown], max(0, more), cursor(shown[-1]) if shown and more > 0 else None)


class SqlIdeaLists:
    """The idea lists on one unit of work's session (or a plain connection)."""

    def __init__(self, session: Session | Connection) -> None:
        self.rows = DriverRows(connection_of(session))

    def _idea_id(self, reference: str | None) -> int | None:
        if reference is None:
            return None
        found = self.rows.scalar(_IDEA_ID, {"reference": reference.strip().upper()[:40]})
        if found is None:
            raise Refused("idea.unknown_reference", reference=reference.strip()[:40])
        return int(found)

    def _tally(self, *names: str) -> int:
        return tally_sum(self.rows, names)

    # -- my ideas: everything I submitted, guide or design, newest first ---------------------------
    def involving(self, email: str, limit: int, after: str | None = None) -> Page[IdeaSummary]:
        before = self._idea_id(after)
        rows = self.rows.all(_involving(limit, before is not None), {"email": email, "since": before})
        if before is None:
            more = self._tally(person_tally(email)) - len(rows)
        elif len(rows) < limit:
            more = 0
        else:
            more = self.rows.number(_INVOLVING_AFTER, {"email": email, "since": rows[-1].id})
        return page_from(rows, limit, more, _summary, lambda r: r.reference)

    # -- ideas in given statuses, oldest first -------------------------------------------------------
    def in_statuses(self, statuses: Sequence[str], limit: int, after: str | None = None) -> Page[IdeaSummary]:
        if not statuses:
            return Page()
        start, key = self._idea_id(after), tuple(statuses)
        rows = self.rows.all(_in_statuses(key, limit, start is not None), {"since": start})
        if start is None:
            more = self._tally(*(status_tally(s) for s in statuses)) - len(rows)
        elif len(rows) < limit:
            more = 0
        else:
            more = self.rows.number(_in_statuses_after(key), {"since": rows[-1].id})
        return page_from(rows, limit, more, _summary, lambda r: r.reference)

    def tasks(
        self, email: str, statuses: Sequence[str], own_only: Sequence[str], limit: int, after: str | None = None
    ) -> Page[IdeaSummary]:
        """Ideas waiting in *statuses* that *email* may act on: not their own or their ontwerpteam's
        (a conflict of interest), and in the *own_only* statuses only when nobody else guides them."""
        if not statuses:
            return Page()
        start, key, own = self._idea_id(after), tuple(statuses), tuple(own_only)
        rows = self.rows.all(_tasks(key, own, limit, start is not None), {"email": email, "since": start})
        if start is None:
            more = self._task_count(email, key, own) - len(rows)
        elif len(rows) < limit:
            more = 0
        else:
            more = self.rows.number(_tasks_after(key, own), {"email": email, "since": rows[-1].id})
        return page_from(rows, limit, more, _summary, lambda r: r.reference)

    def tasks_with_bodies(
        self, email: str, statuses: Sequence[str], own_only: Sequence[str], bodies: Sequence[str], with_bodies: str,
        limit: int, after: str | None = None,
    ) -> Page[IdeaSummary]:
        """`tasks`, and the proposals in *with_bodies* (with the colleges) on which one of *bodies* has not
        decided yet (the tasks of their accounthouder), as one list in id order. The two never share a
        status: a role that waits in *with_bodies* sees those proposals already, and then `tasks` is all."""
        if not bodies or with_bodies in statuses:
            return self.tasks(email, statuses, own_only, limit, after)
        start, key, own = self._idea_id(after), tuple(statuses), tuple(own_only)
        later = start is not None
        values = {"email": email, "since": start, "status": with_bodies, **bound_values("body", list(bodies))}
        rows = self.rows.all(_awaiting(len(bodies), limit, later), values)
        counted = self.rows.number(_awaiting_count(len(bodies), later), values)  # from the cursor on
        if key:
            rows += self.rows.all(_tasks(key, own, limit, later), values)
            counted += (self.rows.number(_tasks_after(key, own), values) if later
                        else self._task_count(email, key, own))
        shown = sorted(rows, key=lambda r: r.id)[:limit]
        return page_from(shown, limit, counted - len(shown), _summary, lambda r: r.reference)

    def _task_count(self, email: str, statuses: tuple[str, ...], own_only: tuple[str, ...]) -> int:
        """Without walking the list: the tallies, less the few ideas the person is conflicted on, and
        for *own_only* statuses the index count of the ideas they or nobody guide."""
        mine = self.rows.all(_task_conflicts(statuses), {"email": email})
        counted = [s for s in statuses if s not in own_only]
        total = self._tally(*(status_tally(s) for s in counted))
        total -= sum(1 for r in mine if r.status in counted)
        for status in statuses:
            if status in own_only:
                total += self.rows.number(_guided_by_or_nobody(status), {"email": email})
                total -= sum(1 for r in mine if r.status == status and r.kernteam_contact in (None, email))
        return total

    # -- the decision register, newest first -----------------------------------------------------
    def decisions(self, limit: int, after: str | None = None) -> Page[DecisionSummary]:
        params: dict[str, Any] = {}
        if after is not None:
            found = self.rows.first(_DECISION_KEY, {"number": after.strip().upper()[:40]})
            if found is None:
                raise Refused("decisions.unknown_number", number=after.strip()[:40])
            params = {"on": found.decided_on, "since": found.id}
        rows = self.rows.all(_decisions(limit, after is not None), params)
        if after is None:
            more = self._tally(DECISIONS_TALLY) - len(rows)
        elif len(rows) < limit:
            more = 0
        else:
            last = rows[-1]
            more = self.rows.number(_DECISIONS_AFTER, {"on": last.decided_on, "since": last.id})
        return page_from(rows, limit, more, _decision, lambda r: r.number)


def _decision(row: Any) -> DecisionSummary:
    day = row.decided_on if isinstance(row.decided_on, date) else date.fromisoformat(str(row.decided_on))
    return DecisionSummary(row.number, day, row.outcome, row.amount, row.reference, row.subject)



def request_id(rows: DriverRows, reference: str) -> int:
    """The id of the spend request a page's cursor names; an unknown one is refused."""
    found = rows.scalar(_REQUEST_ID, {"reference": reference.strip().upper()[:40]})
    if found is None:
        raise Refused("budget.request.unknown", reference=reference.strip()[:40])
    return int(found)


def request_page(
    session: Session | Connection,
    statuses: Sequence[str],
    limit: int,
    after: str | None,
    not_by: str | None,
    make: Callable[[Any], T],
) -> Page[T]:
    """Spend requests in *statuses*, oldest first, optionally not those requested by *not_by*."""
    if not statuses:
        return Page()
    rows_of, key = DriverRows(connection_of(session)), tuple(statuses)
    start = None if after is None else request_id(rows_of, after)
    params = {"since": start, "not_by": not_by}
    rows = rows_of.all(_requests(key, limit, start is not None, not_by is not None), params)
    if len(rows) < limit:
        more = 0
    else:
        after_last = {**params, "since": rows[-1].id}
        more = rows_of.number(_requests_after(key, not_by is not None), after_last)
    return page_from(rows, limit, more, make, lambda row: row.reference)
