"""The list views as queries that return one page (bot.services.ports.read_models), on indexes made for them.

Each list is walked in index order and stops after one page: "my ideas" on `idea_people(email,
idea_id)`, a status list per status on `ideas(status, id)` (one short range per status, merged),
the register on `decisions(decided_on, id)`. Only the columns a list shows are read (no JSON, no
advice, decisions or progress). The first page says how many rows follow from the tallies
(`storage.involvement`); a later page counts what follows its cursor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, Select, Table, exists, func, or_, select, tuple_, union_all
from sqlalchemy.orm import Session

from bot.domain.errors import Refused
from bot.services.ports.read_models import DecisionSummary, IdeaSummary, Page
from storage import tables
from storage.involvement import DECISIONS_TALLY, person_tally, status_tally, tally
from storage.tables_budget import spend_requests
from storage.tables_reads import DESIGNER, SUBMITTER, idea_people

T = TypeVar("T")

_i = tables.ideas.c
_p = idea_people.c
_d = tables.decisions.c
SUMMARY = (_i.id, _i.reference, _i.title, _i.status, _i.meeting_date, _i.kernteam_contact)


def _summary(row: Any) -> IdeaSummary:
    return IdeaSummary(row.reference, row.title, row.status, row.meeting_date, row.kernteam_contact)


def first_by_status(
    session: Session | Connection,
    table: Table,
    columns: Sequence[Any],
    statuses: Sequence[str],
    where_for: Callable[[str], list[ColumnElement[bool]]],
    limit: int,
) -> list[Any]:
    """The first *limit* rows of *table* in id order among *statuses*: one index range on
    (status, id) per status, each cut at *limit*, merged in one statement. (One `status IN (...)`
    range would make the database sort every matching row before it can stop.)"""
    parts: list[Select[Any]] = []
    for status in statuses:
        inner = (
            select(*columns).where(table.c.status == status, *where_for(status)).order_by(table.c.id).limit(limit)
        ).subquery()
        parts.append(select(inner))
    if not parts:
        return []
    merged = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    return list(session.execute(select(merged).order_by(merged.c.id).limit(limit)).all())


def page_from(rows: Sequence[Any], limit: int, more: int, make: Any, cursor: Any) -> Page[Any]:
    shown = list(rows[:limit])
    return Page([make(r) for r in shown], max(0, more), cursor(shown[-1]) if shown and more > 0 else None)


class SqlIdeaLists:
    """The idea lists on one unit of work's session (or a plain connection)."""

    def __init__(self, session: Session | Connection) -> None:
        self.session = session

    def _conn(self) -> Connection:
        return self.session.connection() if isinstance(self.session, Session) else self.session

    def _idea_id(self, reference: str | None) -> int | None:
        if reference is None:
            return None
        found = self.session.execute(select(_i.id).where(_i.reference == reference.strip().upper()[:40])).scalar()
        if found is None:
            raise Refused("idea.unknown_reference", reference=reference.strip()[:40])
        return int(found)

    # -- my ideas: everything I submitted, guide or design, newest first ---------------------------
    def involving(self, email: str, limit: int, after: str | None = None) -> Page[IdeaSummary]:
        before = self._idea_id(after)
        ids = select(_p.idea_id).where(_p.email == email).group_by(_p.idea_id)
        if before is not None:
            ids = ids.where(_p.idea_id < before)
        wanted = ids.order_by(_p.idea_id.desc()).limit(limit)
        rows = self.session.execute(
            select(*SUMMARY).where(_i.id.in_(wanted.scalar_subquery())).order_by(_i.id.desc())
        ).all()
        if before is None:
            more = tally(self._conn(), person_tally(email)) - len(rows)
        elif len(rows) < limit:
            more = 0
        else:
            more = int(self.session.execute(
                select(func.count(func.distinct(_p.idea_id))).where(_p.email == email, _p.idea_id < rows[-1].id)
            ).scalar_one())
        return page_from(rows, limit, more, _summary, lambda r: r.reference)

    # -- ideas in given statuses, oldest first -------------------------------------------------------
    def _merged(self, statuses: Sequence[str], where_for: Any, limit: int) -> list[Any]:
        return first_by_status(self.session, tables.ideas, SUMMARY, statuses, where_for, limit)

    def in_statuses(self, statuses: Sequence[str], limit: int, after: str | None = None) -> Page[IdeaSummary]:
        start = self._idea_id(after)
        where = [_i.id > start] if start is not None else []
        rows = self._merged(statuses, lambda _s: where, limit)
        if start is None:
            more = tally(self._conn(), *(status_tally(s) for s in statuses)) - len(rows)
        elif len(rows) < limit:
            more = 0
        else:
            more = int(self.session.execute(
                select(func.count()).select_from(tables.ideas)
                .where(_i.status.in_(list(statuses)), _i.id > rows[-1].id)
            ).scalar_one())
        return page_from(rows, limit, more, _summary, lambda r: r.reference)

    def tasks(
        self, email: str, statuses: Sequence[str], own_only: Sequence[str], limit: int, after: str | None = None
    ) -> Page[IdeaSummary]:
        """Ideas waiting in *statuses* that *email* may act on: not their own or their ontwerpteam's
        (a conflict of interest), and in the *own_only* statuses only when nobody else guides them."""
        start = self._idea_id(after)
        conflicted = exists().where(_p.idea_id == _i.id, _p.email == email, _p.relation.in_([SUBMITTER, DESIGNER]))

        def where(status: str, since: int | None = start) -> list[ColumnElement[bool]]:
            conditions: list[ColumnElement[bool]] = [~conflicted]
            if since is not None:
                conditions.append(_i.id > since)
            if status in own_only:
                conditions.append(or_(_i.kernteam_contact.is_(None), _i.kernteam_contact == email))
            return conditions

        rows = self._merged(statuses, where, limit)
        if start is None:
            more = self._task_count(email, statuses, own_only) - len(rows)
        elif len(rows) < limit:
            more = 0
        else:
            last = rows[-1].id
            more = sum(
                int(self.session.execute(
                    select(func.count()).select_from(tables.ideas).where(_i.status == s, *where(s, last))
                ).scalar_one())
                for s in statuses
            )
        return page_from(rows, limit, more, _summary, lambda r: r.reference)

    def _task_count(self, email: str, statuses: Sequence[str], own_only: Sequence[str]) -> int:
        """Without walking the list: the tallies, less the few ideas the person is conflicted on, and
        for *own_only* statuses the index count of the ideas they or nobody guide."""
        mine = self.session.execute(
            select(_i.id, _i.status, _i.kernteam_contact)
            .join(idea_people, _p.idea_id == _i.id)
            .where(_p.email == email, _p.relation.in_([SUBMITTER, DESIGNER]), _i.status.in_(list(statuses)))
            .group_by(_i.id, _i.status, _i.kernteam_contact)
        ).all()
        total = 0
        for status in statuses:
            if status in own_only:
                total += int(self.session.execute(
                    select(func.count()).select_from(tables.ideas).where(
                        _i.status == status, or_(_i.kernteam_contact.is_(None), _i.kernteam_contact == email))
                ).scalar_one())
                total -= sum(1 for r in mine if r.status == status and r.kernteam_contact in (None, email))
            else:
                total += tally(self._conn(), status_tally(status))
                total -= sum(1 for r in mine if r.status == status)
        return total

    # -- the decision register, newest first -----------------------------------------------------
    def decisions(self, limit: int, after: str | None = None) -> Page[DecisionSummary]:
        where: list[ColumnElement[bool]] = []
        if after is not None:
            found = self.session.execute(
                select(_d.decided_on, _d.id).where(_d.number == after.strip().upper()[:40])
            ).first()
            if found is None:
                raise Refused("decisions.unknown_number", number=after.strip()[:40])
            where.append(tuple_(_d.decided_on, _d.id) < tuple_(found.decided_on, found.id))
        key = select(_d.id).where(*where).order_by(_d.decided_on.desc(), _d.id.desc()).limit(limit)
        rows = self.session.execute(
            select(_d.id, _d.number, _d.decided_on, _d.outcome, _d.amount, _d.subject, _i.reference)
            .join(tables.ideas, _i.id == _d.idea_id)
            .where(_d.id.in_(key.scalar_subquery()))
            .order_by(_d.decided_on.desc(), _d.id.desc())
        ).all()
        if after is None:
            more = tally(self._conn(), DECISIONS_TALLY) - len(rows)
        elif len(rows) < limit:
            more = 0
        else:
            last = rows[-1]
            more = int(self.session.execute(
                select(func.count()).select_from(tables.decisions)
                .where(tuple_(_d.decided_on, _d.id) < tuple_(last.decided_on, last.id))
            ).scalar_one())
        return page_from(rows, limit, more, _decision, lambda r: r.number)


def _decision(row: Any) -> DecisionSummary:
    day = row.decided_on if isinstance(row.decided_on, date) else date.fromisoformat(str(row.decided_on))
    return DecisionSummary(row.number, day, row.outcome, row.amount, row.reference, row.subject)



def request_page(
    session: Session | Connection,
    statuses: Sequence[str],
    limit: int,
    after: str | None,
    not_by: str | None,
    make: Callable[[Any], T],
) -> Page[T]:
    """Spend requests in *statuses*, oldest first, optionally not those requested by *not_by*."""
    r = spend_requests.c
    start: int | None = None
    if after is not None:
        found = session.execute(select(r.id).where(r.reference == after.strip().upper()[:40])).scalar()
        if found is None:
            raise Refused("budget.request.unknown", reference=after.strip()[:40])
        start = int(found)

    def where(_status: str, since: int | None = start) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if since is not None:
            conditions.append(r.id > since)
        if not_by is not None:
            conditions.append(r.requester != not_by)
        return conditions

    rows = first_by_status(session, spend_requests, list(spend_requests.c), statuses, where, limit)
    if len(rows) < limit:
        more = 0
    else:
        more = int(session.execute(
            select(func.count()).select_from(spend_requests)
            .where(r.status.in_(list(statuses)), *where("", rows[-1].id))
        ).scalar_one())
    return page_from(rows, limit, more, make, lambda row: row.reference)
