"""The per-member-body procedure's repository (bot.services.ports.member_bodies) on SQLAlchemy Core."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, exists, func, insert, select
from sqlalchemy.orm import Session

from bot.domain.budget_mandate import SpendRequest
from bot.domain.member_bodies import BodyDecision, PreparatoryAdvice
from bot.services.ports.read_models import IdeaSummary, Page
from storage.budget_repo import request_from_row
from storage.driver_rows import DriverRows, bound_values
from storage.read_models import SqlIdeaLists, connection_of, page_from, request_id, undecided_by
from storage.tables import ideas
from storage.tables_budget import spend_requests
from storage.tables_governance import body_decisions, preparatory_advices

_r, _a = spend_requests.c, preparatory_advices.c


def _awaiting_where(bodies: int, later: bool) -> tuple[ColumnElement[bool], ...]:
    """In the bound *status*, advised on (the PHO's advice put it before the colleges), and one of the
    *bodies* bound has not decided (`undecided_by`): seeks on the advice's and the decisions' indexes."""
    advised = exists().where(_a.reference == _r.reference)
    later_than = (_r.id > bindparam("since"),) if later else ()
    return (_r.status == bindparam("status"), advised, undecided_by(_r.reference, bodies), *later_than)


@lru_cache(maxsize=16)
def _requests_awaiting(bodies: int, limit: int, later: bool) -> Select[Any]:
    return select(spend_requests).where(*_awaiting_where(bodies, later)).order_by(_r.id).limit(limit)


@lru_cache(maxsize=16)
def _requests_awaiting_after(bodies: int) -> Select[Any]:
    return select(func.count()).select_from(spend_requests).where(*_awaiting_where(bodies, True))


def _advice(row: Any) -> PreparatoryAdvice:
    return PreparatoryAdvice(row.reference, row.gremium, row.positive, row.text, row.amount, row.recorded_by,
                             row.recorded_at, row.deadline, row.id)


def _decision(row: Any) -> BodyDecision:
    return BodyDecision(row.reference, row.body, row.outcome, row.decided_on, row.conditions, row.recorded_by,
                        row.recorded_at, row.late, row.id)


class SqlMemberBodyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_advice(self, advice: PreparatoryAdvice) -> None:
        values = {k: v for k, v in vars(advice).items() if k != "id"}
        advice.id = self.session.execute(
            insert(preparatory_advices).values(**values).returning(preparatory_advices.c.id)
        ).scalar_one()

    def advice(self, reference: str) -> PreparatoryAdvice | None:
        """The newest preparatory advice on *reference*."""
        row = self.session.execute(
            select(preparatory_advices)
            .where(preparatory_advices.c.reference == reference)
            .order_by(preparatory_advices.c.id.desc())
            .limit(1)
        ).first()
        return _advice(row) if row is not None else None

    def lock(self, reference: str) -> None:
        """Hold the proposal's row until the commit: two bodies' decisions on one proposal take turns, so
        the later reads the earlier and neither misses the one that makes the decision final."""
        self.session.execute(select(ideas.c.id).where(ideas.c.reference == reference).with_for_update())

    def add_decision(self, decision: BodyDecision) -> None:
        values = {k: v for k, v in vars(decision).items() if k != "id"}
        decision.id = self.session.execute(
            insert(body_decisions).values(**values).returning(body_decisions.c.id)
        ).scalar_one()

    def decisions(self, reference: str) -> list[BodyDecision]:
        """Every body's decision on *reference* (at most one per body: bounded by the profile's bodies)."""
        rows = self.session.execute(
            select(body_decisions).where(body_decisions.c.reference == reference).order_by(body_decisions.c.id)
        )
        return [_decision(row) for row in rows]

    def decisions_for(self, references: list[str]) -> dict[str, list[BodyDecision]]:
        """The bodies' decisions on each of *references* in one query (the register's page of decisions)."""
        found: dict[str, list[BodyDecision]] = {}
        if not references:
            return found
        rows = self.session.execute(
            select(body_decisions).where(body_decisions.c.reference.in_(references)).order_by(body_decisions.c.id)
        )
        for row in rows:
            found.setdefault(row.reference, []).append(_decision(row))
        return found

    def task_page(
        self, email: str, statuses: Sequence[str], own_only: Sequence[str], bodies: Sequence[str], with_bodies: str,
        limit: int, after: str | None = None,
    ) -> Page[IdeaSummary]:
        """A role's tasks and the proposals *bodies* have still to decide, one list (storage.read_models)."""
        return SqlIdeaLists(self.session).tasks_with_bodies(email, statuses, own_only, bodies, with_bodies, limit,
                                                            after)

    def request_page(
        self, bodies: Sequence[str], status: str, limit: int, after: str | None = None
    ) -> Page[SpendRequest]:
        """The spend requests in *status*, advised on, that one of *bodies* has still to decide, oldest first."""
        if not bodies:
            return Page()
        rows = DriverRows(connection_of(self.session))
        since = None if after is None else request_id(rows, after)
        values: dict[str, Any] = {"status": status, "since": since, **bound_values("body", list(bodies))}
        shown = rows.all(_requests_awaiting(len(bodies), limit, after is not None), values)
        more = 0
        if len(shown) == limit:
            more = rows.number(_requests_awaiting_after(len(bodies)), {**values, "since": shown[-1].id})
        return page_from(shown, limit, more, request_from_row, lambda row: row.reference)
