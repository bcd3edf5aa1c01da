"""The programme cycle's repository (bot.services.ports.cycle) on SQLAlchemy Core: line history,
objections, escalations, and the DIN coverage as three GROUP BYs on `idea_din`'s index."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, Table, and_, case, func, insert, select, update
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import ColumnElement

from bot.domain.cycle import (
    BEGROTING,
    STAGES,
    ZERO,
    BudgetResolution,
    Escalation,
    EscalationStatus,
    LineChange,
    Objection,
    ObjectionKind,
    ObjectionStatus,
)
from bot.domain.decision_register import IDEA, SPEND
from bot.domain.errors import Refused
from bot.services.ports.cycle import DecisionFacts
from bot.services.ports.read_models import Page
from storage import tables, tables_budget
from storage.driver_rows import DriverRows, bound_list, bound_values
from storage.tables_budget import budget_decisions, ledger
from storage.tables_cycle import budget_line_changes, budget_resolutions, escalations, idea_din, objections

# the objections against a page of the register (the chat's `besluiten`), counted per decision
NUMBER_BATCH = 100  # decision numbers looked up per statement


@lru_cache(maxsize=NUMBER_BATCH)
def _objections_against(count: int) -> Select[Any]:
    """The objections against *count* decisions, counted per number (each number bound on its own)."""
    return (select(objections.c.decision_number, func.count())
            .where(objections.c.decision_number.in_(bound_list("number", count)))
            .group_by(objections.c.decision_number))

ALLOCATED, RELEASED = "allocation", "release"


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _objection(row: Any) -> Objection:
    return Objection(row.reference, row.decision_number, ObjectionKind(row.kind), row.text, row.filed_by,
                     row.filed_at, row.routed_to, ObjectionStatus(row.status), row.meeting_id, row.handling,
                     row.outcome, row.handled_by, row.handled_at)


def _escalation(row: Any) -> Escalation:
    return Escalation(row.reference, row.subject_ref, row.reason, row.raised_by, row.raised_at,
                      EscalationStatus(row.status), row.outcome, row.outcome_by, row.outcome_at)


class SqlCycleRepository:
    def __init__(self, session: Session | Connection) -> None:
        self.session = session

    def decision(self, number: str) -> DecisionFacts | None:
        """A decision by its number: on an idea (`decisions`), on a spend request (`budget_decisions`) or
        on the begroting itself (`budget_resolutions`)."""
        wanted = number.strip().upper()[:40]
        d, i = tables.decisions.c, tables.ideas.c
        row = self.session.execute(
            select(d.number, d.outcome, d.decided_on, d.subject, i.reference)
            .join(tables.ideas, i.id == d.idea_id).where(d.number == wanted)
        ).first()
        if row is not None:
            return DecisionFacts(row.number, row.outcome, _day(row.decided_on), row.reference, row.subject, IDEA)
        b = budget_decisions.c
        row = self.session.execute(
            select(b.number, b.outcome, b.decided_on, b.subject, b.request_ref.label("reference"))
            .where(b.number == wanted)
        ).first()
        if row is not None:
            return DecisionFacts(row.number, row.outcome, _day(row.decided_on), row.reference, row.subject, SPEND)
        found = self.budget_resolutions(wanted)
        if not found:
            return None
        r = found[0]
        return DecisionFacts(r.number, "akkoord", r.decided_on, r.kind, r.text[:300], BEGROTING)

    # -- the stuurgroep's budget decisions (§6) ---------------------------------------------------
    def add_budget_resolution(self, resolution: BudgetResolution) -> None:
        self.session.execute(insert(budget_resolutions).values(**resolution.__dict__))

    def budget_resolutions(self, number: str | None = None) -> list[BudgetResolution]:
        """Every budget decision in date order (there are a few a year); with *number*, that one."""
        c = budget_resolutions.c
        query = select(budget_resolutions)
        if number is not None:
            query = query.where(c.number == number.strip().upper()[:40])
        return [BudgetResolution(r.number, r.kind, _day(r.decided_on), r.text, r.recorded_by, r.recorded_at,
                                 r.meeting_id)
                for r in self.session.execute(query.order_by(c.decided_on, c.id))]

    def project_name(self, reference: str) -> str | None:
        """A project of the budget by its reference (an imported one has no idea behind it)."""
        p = tables_budget.projects.c
        found = self.session.execute(select(p.name).where(p.reference == reference[:80])).scalar()
        return None if found is None else str(found)

    # -- budget lines ----------------------------------------------------------------------------
    def add_line_change(self, change: LineChange) -> None:
        self.session.execute(insert(budget_line_changes).values(**change.__dict__))

    def line_history(self, key: str, limit: int, after: str | None = None) -> Page[LineChange]:
        c = budget_line_changes.c
        where: list[ColumnElement[bool]] = [c.line_key == key]
        if after is not None and after.isdigit():
            where.append(c.id > int(after))
        rows = self.session.execute(select(budget_line_changes).where(*where).order_by(c.id).limit(limit + 1)).all()
        shown = rows[:limit]
        more = 0
        if len(rows) > limit:
            more = int(self.session.execute(
                select(func.count()).select_from(budget_line_changes).where(c.line_key == key, c.id > shown[-1].id)
            ).scalar_one())
        changes = [LineChange(r.line_key, r.amount_before, r.amount_after, r.decision_number, r.changed_by,
                              r.changed_at) for r in shown]
        return Page(changes, more, str(shown[-1].id) if more and shown else None)

    # -- objections ------------------------------------------------------------------------------
    def add_objection(self, objection: Objection) -> None:
        values = {**objection.__dict__, "kind": objection.kind.value, "status": objection.status.value}
        self.session.execute(insert(objections).values(**values))

    def get_objection(self, reference: str, lock: bool = False) -> Objection | None:
        query = select(objections).where(objections.c.reference == reference.strip().upper()[:40])
        row = self.session.execute(query.with_for_update() if lock else query).first()
        return _objection(row) if row else None

    def save_objection(self, objection: Objection) -> None:
        self.session.execute(
            update(objections).where(objections.c.reference == objection.reference).values(
                status=objection.status.value, handling=objection.handling, outcome=objection.outcome,
                handled_by=objection.handled_by, handled_at=objection.handled_at)
        )

    def objection_page(self, open_only: bool, limit: int, after: str | None = None) -> Page[Objection]:
        return _page(self.session, objections, _objection, open_only, ObjectionStatus.AFGEHANDELD.value, limit, after)

    def objections_against(self, numbers: Iterable[str]) -> Mapping[str, int]:
        wanted = sorted(set(numbers))
        if not wanted:
            return {}
        conn = self.session.connection() if isinstance(self.session, Session) else self.session
        driver = DriverRows(conn)  # plain rows on the driver's cursor (storage.driver_rows)
        counts: dict[str, int] = {}
        for start in range(0, len(wanted), NUMBER_BATCH):
            batch = wanted[start:start + NUMBER_BATCH]
            rows = driver.all(_objections_against(len(batch)), bound_values("number", batch))
            counts.update({str(r[0]): int(r[1]) for r in rows})
        return counts

    def objections_at_meeting(self, meeting_id: int) -> list[Objection]:
        o = objections.c
        rows = self.session.execute(select(objections).where(o.meeting_id == meeting_id).order_by(o.id)).all()
        return [_objection(r) for r in rows]

    # -- escalations -----------------------------------------------------------------------------
    def add_escalation(self, escalation: Escalation) -> None:
        self.session.execute(insert(escalations).values(**{**escalation.__dict__, "status": escalation.status.value}))

    def get_escalation(self, reference: str, lock: bool = False) -> Escalation | None:
        query = select(escalations).where(escalations.c.reference == reference.strip().upper()[:40])
        row = self.session.execute(query.with_for_update() if lock else query).first()
        return _escalation(row) if row else None

    def open_escalation_for(self, subject_ref: str, lock: bool = False) -> Escalation | None:
        e = escalations.c
        query = (select(escalations).where(e.subject_ref == subject_ref, e.status == EscalationStatus.OPEN.value)
                 .order_by(e.id.desc()).limit(1))
        row = self.session.execute(query.with_for_update() if lock else query).first()
        return _escalation(row) if row else None

    def save_escalation(self, escalation: Escalation) -> None:
        self.session.execute(
            update(escalations).where(escalations.c.reference == escalation.reference).values(
                status=escalation.status.value, outcome=escalation.outcome, outcome_by=escalation.outcome_by,
                outcome_at=escalation.outcome_at)
        )

    def escalations_of(self, subject_ref: str, limit: int) -> list[Escalation]:
        e = escalations.c
        rows = self.session.execute(
            select(escalations).where(e.subject_ref == subject_ref).order_by(e.id.desc()).limit(limit)
        ).all()
        return [_escalation(r) for r in rows]

    def escalation_page(self, open_only: bool, limit: int, after: str | None = None) -> Page[Escalation]:
        return _page(self.session, escalations, _escalation, open_only, EscalationStatus.AFGEHANDELD.value, limit,
                     after)

    # -- DIN coverage ----------------------------------------------------------------------------
    def din_counts(self) -> Mapping[tuple[str, str, str], int]:
        """(kind, value, stage) -> ideas linked: one GROUP BY over idea_din joined to the ideas' status."""
        d, i = idea_din.c, tables.ideas.c
        rows = self.session.execute(
            select(d.kind, d.value, i.status, func.count()).join(tables.ideas, i.id == d.idea_id)
            .group_by(d.kind, d.value, i.status)
        ).all()
        counts: dict[tuple[str, str, str], int] = {}
        for kind, value, status, n in rows:
            stage = STAGES.get(str(status))
            if stage is not None:
                key = (str(kind), str(value), stage.value)
                counts[key] = counts.get(key, 0) + int(n)
        return counts

    def din_money(self) -> Mapping[tuple[str, str], Decimal]:
        """(kind, value) -> allocated less released on the linked ideas' projects (the ledger by reference)."""
        d, i, g = idea_din.c, tables.ideas.c, ledger.c
        rows = self.session.execute(
            select(d.kind, d.value, g.kind.label("booking"), func.sum(g.amount))
            .join(tables.ideas, i.id == d.idea_id)
            .join(ledger, and_(g.reference == i.reference, g.kind.in_([ALLOCATED, RELEASED])))
            .group_by(d.kind, d.value, g.kind)
        ).all()
        money: dict[tuple[str, str], Decimal] = {}
        for kind, value, booking, total in rows:
            amount = total if isinstance(total, Decimal) else Decimal(total or 0) / 100
            sign = 1 if booking == ALLOCATED else -1
            key = (str(kind), str(value))
            money[key] = money.get(key, ZERO) + sign * amount
        return money

    def din_heat(self) -> Mapping[tuple[str, str], int]:
        """(programmalijn, opgave) -> ideas linked to both: a self-join of idea_din on the idea."""
        line, goal = aliased(idea_din), aliased(idea_din)
        rows = self.session.execute(
            select(line.c.value, goal.c.value, func.count())
            .join(goal, and_(goal.c.idea_id == line.c.idea_id, goal.c.kind == "opgave"))
            .where(line.c.kind == "programmalijn")
            .group_by(line.c.value, goal.c.value)
        ).all()
        return {(str(a), str(b)): int(n) for a, b, n in rows}

    def din_heat_money(self) -> Mapping[tuple[str, str], Decimal]:
        """(programmalijn, opgave) -> allocated less released on the ideas linked to both."""
        line, goal, i, g = aliased(idea_din), aliased(idea_din), tables.ideas.c, ledger.c
        signed = case((g.kind == RELEASED, -g.amount), else_=g.amount)
        rows = self.session.execute(
            select(line.c.value, goal.c.value, func.sum(signed))
            .join(goal, and_(goal.c.idea_id == line.c.idea_id, goal.c.kind == "opgave"))
            .join(tables.ideas, i.id == line.c.idea_id)
            .join(ledger, and_(g.reference == i.reference, g.kind.in_([ALLOCATED, RELEASED])))
            .where(line.c.kind == "programmalijn")
            .group_by(line.c.value, goal.c.value)
        ).all()
        return {(str(a), str(b)): _money(total) for a, b, total in rows}

    def din_unlinked(self) -> int:
        """Ideas not yet linked to both a programmalijn and an opgave (counted, not listed)."""
        line, goal = aliased(idea_din), aliased(idea_din)
        both = int(self.session.execute(
            select(func.count(func.distinct(line.c.idea_id)))
            .join(goal, and_(goal.c.idea_id == line.c.idea_id, goal.c.kind == "opgave"))
            .where(line.c.kind == "programmalijn")
        ).scalar_one())
        total = int(self.session.execute(select(func.count()).select_from(tables.ideas)).scalar_one())
        return total - both


def _money(total: Any) -> Decimal:
    """A SUM over a Money column: Decimal euros, or whole cents where the database summed the integers."""
    return total if isinstance(total, Decimal) else Decimal(int(total or 0)).scaleb(-2)


def _page(session: Session | Connection, table: Table, make: Any, open_only: bool, closed: str, limit: int,
          after: str | None) -> Page[Any]:
    """Newest first; *after* is the reference of the last row seen."""
    c = table.c
    where: list[ColumnElement[bool]] = [c.status != closed] if open_only else []
    if after is not None:
        found = session.execute(select(c.id).where(c.reference == after.strip().upper()[:40])).scalar()
        if found is None:
            raise Refused("cycle.unknown_reference", reference=after.strip()[:40])
        where.append(c.id < int(found))
    rows = session.execute(select(table).where(*where).order_by(c.id.desc()).limit(limit + 1)).all()
    shown = rows[:limit]
    more = 0
    if len(rows) > limit:
        more = int(session.execute(select(func.count()).select_from(table).where(
            *where, c.id < shown[-1].id)).scalar_one())
    return Page([make(r) for r in shown], more, shown[-1].reference if more and shown else None)
