"""The budget repository on SQLAlchemy Core, inside the unit of work's session.

The budget's domain objects are frozen dataclasses, so they are not mapped: rows are read into
them and written back explicitly. Balances and report figures are summed by the database
(GROUP BY), so a report over 100,000 bookings reads a few thousand sums, not every row.
`lock_line` is SELECT ... FOR UPDATE on PostgreSQL; on SQLite every transaction already holds the
write lock from its start (BEGIN IMMEDIATE, see `storage.engine`), which serialises them anyway.
Here: the lines, the ledger, the spend requests and the stuurgroep's decisions on them; the imported
projects are in `storage.budget_projects`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from bot.domain.budget import (
    ZERO,
    BudgetLine,
    LedgerEntry,
    LedgerKind,
    LineBalance,
    LineKind,
)
from bot.domain.budget_mandate import DecidedVia, RequestStatus, SpendRequest, purpose_key
from bot.domain.decision_register import SPEND, RegisterEntry
from bot.services.ports.read_models import Page
from storage.budget_projects import SqlProjectRepository
from storage.engine import upsert
from storage.read_models import request_page
from storage.tables import counters
from storage.tables_budget import (
    budget_decisions,
    budget_lines,
    ledger,
    projects,
    spend_requests,
)

BUDGET_VERSION = "budget:version"  # raised by the triggers of migration 0013 (SQLite)
_SUMMED = datetime(1970, 1, 1, tzinfo=UTC)  # the time of a summed entry: it stands for many bookings


def _insert(executor: Session | Connection, table: Any) -> Any:
    """An INSERT that supports ON CONFLICT on both SQLite and PostgreSQL."""
    dialect = executor.dialect if isinstance(executor, Connection) else executor.get_bind().dialect
    return upsert(dialect.name, table)


def _line(row: Any) -> BudgetLine:
    return BudgetLine(key=row.key, name=row.name, amount=row.amount, kind=LineKind(row.kind), group=row.line_group)


def request_from_row(row: Any) -> SpendRequest:
    return SpendRequest(
        reference=row.reference,
        amount=row.amount,
        kind=row.kind,
        purpose=row.purpose,
        requester=row.requester,
        line_key=row.line_key,
        requested_at=row.requested_at,
        idea_ref=row.idea_ref,
        status=RequestStatus(row.status),
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        decided_via=DecidedVia(row.decided_via) if row.decided_via else None,
        reason=row.reason,
    )


def _request_values(request: SpendRequest) -> dict[str, Any]:
    return {
        "status": request.status.value,
        "decided_by": request.decided_by,
        "decided_at": request.decided_at,
        "decided_via": request.decided_via.value if request.decided_via else None,
        "reason": request.reason,
    }


def _sums(rows: Iterable[Any]) -> dict[str, Decimal]:
    return {str(row.kind): row.total if row.total is not None else ZERO for row in rows}


class SqlBudgetRepository(SqlProjectRepository):
    """On the unit of work's session; on a plain connection too, for readers outside the services.
    The imported projects' half of the port is `SqlProjectRepository`'s (`storage.budget_projects`)."""

    # -- lines -----------------------------------------------------------------------------------
    def ensure_lines(self, lines: Sequence[BudgetLine], at: datetime) -> int:
        """Put the configured lines in the store when they are not there yet; returns how many."""
        existing = set(self.session.execute(select(budget_lines.c.key)).scalars())
        missing = [line for line in lines if line.key not in existing]
        for line in missing:
            self.session.execute(
                _insert(self.session, budget_lines)
                .values(
                    key=line.key,
                    name=line.name,
                    kind=line.kind.value,
                    line_group=line.group,
                    amount=line.amount,
                    updated_at=at,
                )
                .on_conflict_do_nothing(index_elements=["key"])
            )
        return len(missing)

    def lines(self) -> list[BudgetLine]:
        rows = self.session.execute(select(budget_lines).order_by(budget_lines.c.key)).all()
        return [_line(row) for row in rows]

    def lock_line(self, key: str) -> BudgetLine | None:
        row = self.session.execute(select(budget_lines).where(budget_lines.c.key == key).with_for_update()).first()
        return None if row is None else _line(row)

    def set_line_amount(self, key: str, amount: Decimal, at: datetime) -> None:
        self.session.execute(update(budget_lines).where(budget_lines.c.key == key).values(amount=amount, updated_at=at))

    def balance(self, line: BudgetLine) -> LineBalance:
        rows = self.session.execute(
            select(ledger.c.kind, func.sum(ledger.c.amount).label("total"))
            .where(ledger.c.line_key == line.key)
            .group_by(ledger.c.kind)
        ).all()
        sums = _sums(rows)
        return LineBalance(
            line.key,
            line.amount,
            allocated=sums.get(LedgerKind.ALLOCATION.value, ZERO),
            released=sums.get(LedgerKind.RELEASE.value, ZERO),
            spent=sums.get(LedgerKind.REALISATION.value, ZERO),
        )

    def balances(self, lines: Iterable[BudgetLine]) -> dict[str, LineBalance]:
        rows = self.session.execute(
            select(ledger.c.line_key, ledger.c.kind, func.sum(ledger.c.amount).label("total")).group_by(
                ledger.c.line_key, ledger.c.kind
            )
        ).all()
        per_line: dict[str, dict[str, Decimal]] = {}
        for row in rows:
            per_line.setdefault(row.line_key, {})[row.kind] = row.total
        result = {}
        for line in lines:
            sums = per_line.get(line.key, {})
            result[line.key] = LineBalance(
                line.key,
                line.amount,
                allocated=sums.get(LedgerKind.ALLOCATION.value, ZERO),
                released=sums.get(LedgerKind.RELEASE.value, ZERO),
                spent=sums.get(LedgerKind.REALISATION.value, ZERO),
            )
        return result

    # -- ledger ----------------------------------------------------------------------------------
    def add_entries(self, entries: Sequence[LedgerEntry], recorded_by: str) -> None:
        if not entries:
            return
        rows = [
            {
                "line_key": e.line_key,
                "kind": e.kind.value,
                "amount": e.amount,
                "at": e.at,
                "reference": e.reference,
                "tranche": e.tranche,
                "note": e.note[:200],
                "recorded_by": recorded_by,
            }
            for e in entries
        ]
        self.session.execute(insert(ledger), rows)

    def entries_for(self, reference: str) -> list[LedgerEntry]:
        rows = self.session.execute(select(ledger).where(ledger.c.reference == reference).order_by(ledger.c.id)).all()
        return [
            LedgerEntry(r.line_key, LedgerKind(r.kind), r.amount, r.at, r.reference, r.tranche, r.note) for r in rows
        ]

    def ledger_by_group(self, by: str, no_group: str) -> list[LedgerEntry]:
        """The ledger summed per report group and kind, in the database (one GROUP BY).

        The group is what `compute_report` would give each booking: the project's penvoerder or
        group (*no_group* when it has none) when the booking names a project, otherwise the group
        of the booking's line, otherwise the line's key. Each sum comes back as an entry whose
        *line_key* is that group and whose reference is empty, so it counts for exactly that group.
        """
        grouping = projects.c.penvoerder if by == "penvoerder" else func.coalesce(projects.c.project_group, no_group)
        group = case(
            (projects.c.id.is_not(None), grouping),
            else_=func.coalesce(budget_lines.c.line_group, ledger.c.line_key),
        ).label("grp")
        rows = self.session.execute(
            select(group, ledger.c.kind, func.sum(ledger.c.amount).label("total"))
            .select_from(
                ledger.outerjoin(projects, projects.c.reference == ledger.c.reference).outerjoin(
                    budget_lines, budget_lines.c.key == ledger.c.line_key
                )
            )
            .group_by(group, ledger.c.kind)
        ).all()
        kinds = {k.value: k for k in LedgerKind}
        return [LedgerEntry(str(r.grp), kinds[r.kind], r.total, _SUMMED, "") for r in rows]

    # -- spend requests --------------------------------------------------------------------------
    def add_request(self, request: SpendRequest) -> None:
        self.session.execute(
            insert(spend_requests).values(
                reference=request.reference,
                amount=request.amount,
                kind=request.kind,
                purpose=request.purpose,
                purpose_key=purpose_key(request.purpose)[:300],
                idea_ref=request.idea_ref,
                requester=request.requester,
                line_key=request.line_key,
                requested_at=request.requested_at,
                **_request_values(request),
            )
        )

    def get_request(self, reference: str, lock: bool = False) -> SpendRequest | None:
        query = select(spend_requests).where(spend_requests.c.reference == reference.strip().upper())
        row = self.session.execute(query.with_for_update() if lock else query).first()
        return None if row is None else request_from_row(row)

    def save_request(self, request: SpendRequest, decision_number: str | None = None) -> None:
        values = _request_values(request)
        if decision_number is not None:
            values["decision_number"] = decision_number
        self.session.execute(
            update(spend_requests).where(spend_requests.c.reference == request.reference).values(**values)
        )

    def related_requests(self, idea_ref: str | None, purpose_key: str, since: datetime) -> list[SpendRequest]:
        c = spend_requests.c
        same = c.purpose_key == purpose_key[:300]
        if idea_ref is not None:
            same = or_(same, c.idea_ref == idea_ref)
        rows = self.session.execute(
            select(spend_requests)
            .where(same, c.requested_at >= since, c.status != RequestStatus.REJECTED.value)
            .order_by(c.id)
        ).all()
        return [request_from_row(row) for row in rows]

    def request_page(
        self, statuses: Sequence[str], limit: int, after: str | None = None, not_by: str | None = None
    ) -> Page[SpendRequest]:
        """One page of the requests in *statuses*, oldest first (storage.read_models)."""
        return request_page(self.session, statuses, limit, after, not_by, request_from_row)

    def requests(self, statuses: Iterable[str]) -> list[SpendRequest]:
        c = spend_requests.c
        rows = self.session.execute(select(spend_requests).where(c.status.in_(list(statuses))).order_by(c.id)).all()
        return [request_from_row(row) for row in rows]

    def decided_since(self, since: datetime) -> list[SpendRequest]:
        c = spend_requests.c
        rows = self.session.execute(
            select(spend_requests).where(c.decided_at >= since).order_by(c.decided_at, c.id)
        ).all()
        return [request_from_row(row) for row in rows]

    # -- stuurgroep decisions on requests --------------------------------------------------------
    def add_decision(self, entry: RegisterEntry) -> None:
        self.session.execute(
            insert(budget_decisions).values(
                number=entry.number,
                request_ref=entry.reference,
                subject=entry.subject,
                outcome=entry.outcome,
                decided_on=entry.decided_on,
                present=list(entry.present),
                recused=list(entry.recused),
                objections=list(entry.objections),
                conditions=list(entry.conditions),
                considerations=entry.considerations,
                amount=entry.amount,
                requester=entry.requester or "",
                recorded_by=entry.recorded_by,
                recorded_at=entry.recorded_at,
            )
        )

    def decisions(self, number: str | None = None) -> list[RegisterEntry]:
        """The stuurgroep's decisions on spend requests in date order; with *number*, only that one."""
        d = budget_decisions.c
        query = select(budget_decisions)
        if number is not None:
            query = query.where(d.number == number)
        rows = self.session.execute(query.order_by(d.decided_on, d.id)).all()
        return [
            RegisterEntry(
                number=r.number,
                decided_on=r.decided_on,
                kind=SPEND,
                reference=r.request_ref,
                subject=r.subject,
                outcome=r.outcome,
                amount=r.amount,
                considerations=r.considerations,
                conditions=tuple(r.conditions),
                present=tuple(r.present),
                recused=tuple(r.recused),
                objections=tuple(r.objections),
                requester=r.requester or None,
                recorded_by=r.recorded_by,
                recorded_at=r.recorded_at,
            )
            for r in rows
        ]

    def version(self) -> int | None:
        """The `budget:version` counter the triggers of migration 0013 raise (SQLite only)."""
        bind = self.session if isinstance(self.session, Connection) else self.session.get_bind()
        if bind.dialect.name != "sqlite":
            return None
        c = counters.c
        value = self.session.execute(select(c.value).where(c.name == BUDGET_VERSION)).scalar()
        return None if value is None else int(value)
