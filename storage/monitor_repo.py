"""The read models of the web monitor, as SQL: one page at a time, counts in SQL, only the columns
a page shows (no aggregates, no JSON decoded for rows that are not on the page).

The pipeline board is one GROUP BY for the counts and one LIMIT query per state on
`ix_ideas_status_updated`, and its filters' organisations a walk over `ix_ideas_organisation`; an
idea's audit trail reads `ix_audit_log_object`. Lists inside JSON
(opgaven, ontwerpteam) are searched with the database's own JSON functions (`json_each` on SQLite,
`jsonb` operators on PostgreSQL), never with a LIKE over the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    String,
    and_,
    bindparam,
    cast,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.sqltypes import NullType

from bot.domain.cycle import BEGROTING
from bot.domain.decision_register import IDEA, SPEND, RegisterEntry
from bot.domain.ideas import Idea
from bot.domain.people import Person
from bot.services.ports.web import (
    BoardCard,
    BoardColumn,
    BoardFilters,
    BoardPage,
    FilterOptions,
    IdeaPage,
    MandateUse,
    MeetingDate,
    OutboxEntry,
    PackageItem,
    SpendRow,
    TrailEntry,
)
from storage import tables
from storage.driver_rows import DriverRows
from storage.monitor_idea import read_idea, read_idea_page, read_people, read_spend, read_trail
from storage.read_models import status_counts
from storage.tables import AwareDateTime
from storage.tables_budget import budget_decisions, projects, spend_requests
from storage.tables_cycle import budget_resolutions
from storage.tables_meetings import agenda_items, meetings

ideas = tables.ideas
ZERO = Decimal("0.00")


def _contains(engine: Engine, column: Any, key: str | None, value: Any) -> ColumnElement[bool]:
    """*value* is an element of the JSON list in *column* (at *key*, or the column itself)."""
    if engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import JSONB  # only on PostgreSQL: the dialect is large

        target: ColumnElement[Any] = cast(column, JSONB)
        if key:
            target = cast(column, JSONB)[key]
        found: ColumnElement[bool] = target.op("?")(value)
        return found
    path = f"$.{key}" if key else "$"
    each = func.json_each(column, path).table_valued("value").alias("each_item")
    return exists(select(literal(1)).select_from(each).where(each.c.value == value))


def _distinct(column: Any) -> Any:
    """The distinct values of an indexed *column* in order, by a walk over its index: each next value
    is one seek (the least value above the last one), so a handful of organisations costs a handful
    of seeks, not a scan of every idea as DISTINCT makes on SQLite and PostgreSQL."""
    later = column.table.alias("later")
    found = select(func.min(column).label("value")).where(column.is_not(None)).cte("walk", recursive=True)
    step = select(select(func.min(later.c[column.name])).where(later.c[column.name] > found.c.value)
                  .scalar_subquery()).where(found.c.value.is_not(None))
    walk = found.union_all(step)
    return (select(walk.c.value).where(walk.c.value.is_not(None)).order_by(walk.c.value)
            .limit(bindparam("limit", type_=Integer)))


_ORGANISATIONS = _distinct(ideas.c.organisation)  # on ix_ideas_organisation
_PENVOERDERS = (select(projects.c.penvoerder).distinct().order_by(projects.c.penvoerder)
                .limit(bindparam("limit", type_=Integer)))


def _filter_options(conn: Connection, limit: int) -> FilterOptions:
    """The organisations and penvoerders the board's filters offer (the first *limit* of each)."""
    rows = DriverRows(conn)
    organisations = [row[0] for row in rows.all(_ORGANISATIONS, {"limit": limit})]
    penvoerders = [row[0] for row in rows.all(_PENVOERDERS, {"limit": limit})]
    return FilterOptions(tuple(str(o) for o in organisations), tuple(str(v) for v in penvoerders))


FILTERS = ("programmalijn", "opgave", "organisation", "penvoerder", "submitter")  # BoardFilters narrowing the rows
BOARD_STATEMENTS = 64  # the board's statements kept, one per set of filters and shown states (few in practice)


class SqlMonitorQueries:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # built once per shape: a board statement has a subquery per state, and building it (not the
        # SQL) cost more than running it; the filters' values, LIMIT and OFFSET are bound parameters
        self._boards: dict[tuple[tuple[str, ...], tuple[str, ...]], Any] = {}
        self._count_statements: dict[tuple[tuple[str, ...], tuple[str, ...]], Any] = {}  # per filters and states

    # -- the pipeline board ------------------------------------------------------------------------
    def _conditions(self, used: Sequence[str]) -> list[ColumnElement[bool]]:
        """The conditions of the filters in *used*, each value a bound parameter named after its filter."""
        c = ideas.c
        where: list[ColumnElement[bool]] = []
        if "programmalijn" in used:
            where.append(c.din["programmalijn"].as_string() == bindparam("programmalijn", type_=String))
        if "opgave" in used:
            where.append(_contains(self.engine, c.din, "opgaven", bindparam("opgave", type_=String)))
        if "organisation" in used:
            where.append(c.organisation == bindparam("organisation", type_=String))
        if "penvoerder" in used:
            p = projects.c
            where.append(c.reference.in_(select(p.reference).where(p.penvoerder == bindparam("penvoerder",
                                                                                              type_=String))))
        if "submitter" in used:
            who = bindparam("submitter", type_=String)
            where.append(
                or_(c.submitter == who, c.kernteam_contact == who, _contains(self.engine, c.designers, None, who))
            )
        return where

    def _cards(self, used: tuple[str, ...], shown: tuple[str, ...]) -> Any:
        """Every shown column's cards in one statement: a LIMIT query per state on its index, as
        UNION ALL in the board's order (one round trip and one result instead of one per state)."""
        key = (used, shown)
        found = self._boards.get(key)
        if found is not None:
            return found
        c = ideas.c
        people = tables.people.c
        where = self._conditions(used)
        card_columns = (
            c.reference,
            c.title,
            c.status,
            c.organisation,
            c.kernteam_contact,
            people.name,
            c.din["programmalijn"].as_string().label("programmalijn"),
            type_coerce(func.coalesce(c.updated_at, c.submitted_at), AwareDateTime()).label("waiting_since"),
        )
        per_state = [
            select(*card_columns, literal(n).label("part"),
                   type_coerce(c.updated_at, NullType()).label("sort_at"),  # only sorted on: never parsed
                   c.id.label("sort_id"))
            .select_from(ideas.outerjoin(tables.people, people.email == c.kernteam_contact))
            .where(c.status == status, *where)
            .order_by(c.updated_at, c.id)
            .limit(bindparam("per_column", type_=Integer))
            .offset(bindparam("offset", type_=Integer))
            .subquery()
            for n, status in enumerate(shown)
        ]
        order: list[ColumnElement[Any]] = [literal_column(name) for name in ("part", "sort_at", "sort_id")]
        statement = union_all(*(select(*part.c) for part in per_state)).order_by(*order)
        if len(self._boards) >= BOARD_STATEMENTS:
            self._boards.clear()
        self._boards[key] = statement
        return statement

    def _counts(self, used: tuple[str, ...], statuses: tuple[str, ...]) -> Any:
        """The count per state of *statuses* under the filters in *used*, built once."""
        found = self._count_statements.get((used, statuses))
        if found is None:
            c = ideas.c
            found = (select(c.status, func.count())
                     .where(c.status.in_(statuses), *self._conditions(used))
                     .group_by(c.status))
            if len(self._count_statements) >= BOARD_STATEMENTS:
                self._count_statements.clear()
            self._count_statements[(used, statuses)] = found
        return found

    def board(self, filters: BoardFilters, statuses: Sequence[str], per_column: int, page: int = 1) -> BoardPage:
        with self.engine.connect() as conn:
            return self._board(conn, filters, statuses, per_column, page)

    def board_page(self, filters: BoardFilters, statuses: Sequence[str], per_column: int,
                   page: int = 1) -> tuple[BoardPage, FilterOptions]:
        """The board and its filters' options on one connection (the pipeline board's page)."""
        with self.engine.connect() as conn:
            return self._board(conn, filters, statuses, per_column, page), _filter_options(conn, 200)

    def _board(self, conn: Connection, filters: BoardFilters, statuses: Sequence[str], per_column: int,
               page: int) -> BoardPage:
        used = tuple(name for name in FILTERS if getattr(filters, name))
        values = {name: getattr(filters, name) for name in used}
        wanted = tuple(s for s in statuses if not filters.status or s == filters.status)
        rows = DriverRows(conn)  # the statements run on the driver's cursor (storage.driver_rows)
        if used:
            counts = {str(r[0]): int(r[1]) for r in rows.all(self._counts(used, wanted), values)}
        else:  # the whole programme: the maintained tallies, not a count over every idea
            counts = status_counts(rows, wanted)
        offset = (max(page, 1) - 1) * per_column if filters.status else 0
        shown = tuple(status for status in wanted if counts.get(status))
        cards: dict[str, list[BoardCard]] = {status: [] for status in shown}
        if shown:
            found = rows.all(self._cards(used, shown), {**values, "per_column": per_column, "offset": offset})
            for reference, title, status, organisation, holder, name, line, since, *_ in found:
                cards[status].append(BoardCard(reference, title, status, organisation, holder, name, line, since))
        columns = [BoardColumn(status, counts.get(status, 0), tuple(cards.get(status, ()))) for status in wanted]
        return BoardPage(tuple(columns), sum(counts.values()), max(page, 1), per_column if filters.status else 0)

    def filter_options(self, limit: int = 200) -> FilterOptions:
        with self.engine.connect() as conn:
            return _filter_options(conn, limit)

    # -- one idea (storage.monitor_idea) -------------------------------------------------------------
    def idea(self, reference: str) -> Idea | None:
        with self.engine.connect() as conn:
            return read_idea(conn, reference)

    def idea_page(self, reference: str) -> IdeaPage | None:
        """The idea page's rows on one connection: one transaction instead of one per part."""
        with self.engine.connect() as conn:
            return read_idea_page(conn, reference)

    def trail(self, reference: str, limit: int = 200) -> list[TrailEntry]:
        with self.engine.connect() as conn:
            return read_trail(conn, reference, limit)

    def people(self, emails: Iterable[str]) -> dict[str, Person]:
        with self.engine.connect() as conn:
            return read_people(conn, emails)

    # -- the staf's outbox ------------------------------------------------------------------------------
    def outbox(self, status: str | None, page: int, per_page: int) -> tuple[list[OutboxEntry], int]:
        o = tables.outbox.c
        where = [o.status == status] if status else []
        columns = (o.id, o.channel, o.recipient, o.subject, o.status, o.attempts, o.created_at, o.next_attempt_at,
                   o.last_error)
        with self.engine.connect() as conn:
            total = int(conn.execute(select(func.count()).select_from(tables.outbox).where(*where)).scalar_one())
            rows = conn.execute(
                select(*columns)
                .where(*where)
                .order_by(o.id.desc())
                .limit(per_page)
                .offset((max(page, 1) - 1) * per_page)
            ).all()
        return [OutboxEntry(*r) for r in rows], total

    # -- stuurgroep meetings ---------------------------------------------------------------------------
    def stuurgroep_dates(self, first: date, last: date, gremium: str = "stuurgroep") -> list[MeetingDate]:
        """The stored meetings of *gremium* (the one the document route leads to) with their agenda's size."""
        m = meetings.c
        ai = agenda_items.c
        items = select(ai.meeting_id, func.count().label("n")).group_by(ai.meeting_id).subquery()
        query = (
            select(m.day, m.status, m.title, func.coalesce(items.c.n, 0))
            .select_from(meetings.outerjoin(items, items.c.meeting_id == m.id))
            .where(m.gremium == gremium, m.day >= first, m.day <= last)
            .order_by(m.day)
        )
        with self.engine.connect() as conn:
            return [MeetingDate(r[0], str(r[1]), str(r[2]), int(r[3])) for r in conn.execute(query)]

    def package(self, day: date) -> list[PackageItem]:
        """The documents package of the stuurgroep meeting on *day*: per agenda item the proposal, its
        parts and the latest advice (as the reminders send it)."""
        m = meetings.c
        ai = agenda_items.c
        c = ideas.c
        adv = tables.advices.c
        newer = tables.advices.alias("newer")
        latest = select(func.max(newer.c.id)).where(newer.c.idea_id == c.id).correlate(ideas).scalar_subquery()
        query = (
            select(c.reference, c.title, c.proposal_type, ai.late, c.parts, adv.positive, adv.development_advice)
            .select_from(
                agenda_items.join(meetings, m.id == ai.meeting_id)
                .join(ideas, c.reference == ai.idea_reference)
                .outerjoin(tables.advices, and_(adv.idea_id == c.id, adv.id == latest))
            )
            .where(m.gremium == "stuurgroep", m.day == day, m.status != "cancelled")
            .order_by(ai.id)
        )
        with self.engine.connect() as conn:
            return [
                PackageItem(r.reference, r.title, r.proposal_type, bool(r.late), dict(r.parts or {}), r.positive,
                            r.development_advice)
                for r in conn.execute(query)
            ]

    # -- the decision register ------------------------------------------------------------------------
    def register(self, page: int, per_page: int) -> tuple[list[RegisterEntry], int]:
        """One page of the register (the decisions on ideas, on spend requests and on the begroting
        together, by date and number)."""
        d = tables.decisions.c
        b = budget_decisions.c
        g = budget_resolutions.c
        both = union_all(
            select(d.decided_on.label("day"), d.number.label("number"),
                   literal_column("'idee'", String).label("kind"), d.id.label("row_id")),
            select(b.decided_on, b.number, literal_column("'uitgave'", String), b.id),
            select(g.decided_on, g.number, literal_column(f"'{BEGROTING}'", String), g.id),
        ).subquery()
        with self.engine.connect() as conn:
            total = int(conn.execute(select(func.count()).select_from(both)).scalar_one())
            keys = conn.execute(
                select(both.c.kind, both.c.row_id)
                .order_by(both.c.day, both.c.number)
                .limit(per_page)
                .offset((max(page, 1) - 1) * per_page)
            ).all()
            idea_ids = [k.row_id for k in keys if k.kind == IDEA]
            spend_ids = [k.row_id for k in keys if k.kind == SPEND]
            budget_ids = [k.row_id for k in keys if k.kind == BEGROTING]
            found: dict[tuple[str, int], RegisterEntry] = {}
            for r in conn.execute(
                select(tables.decisions, tables.ideas.c.reference)
                .join(tables.ideas, tables.ideas.c.id == d.idea_id)
                .where(d.id.in_(idea_ids))
            ):
                found[(IDEA, r.id)] = RegisterEntry(
                    r.number, r.decided_on, IDEA, r.reference, r.subject, r.outcome, r.amount, r.considerations,
                    tuple(r.conditions), tuple(r.present), tuple(r.recused), tuple(r.objections),
                )
            for r in conn.execute(select(budget_decisions).where(b.id.in_(spend_ids))):
                found[(SPEND, r.id)] = RegisterEntry(
                    r.number, r.decided_on, SPEND, r.request_ref, r.subject, r.outcome, r.amount, r.considerations,
                    tuple(r.conditions), tuple(r.present), tuple(r.recused), tuple(r.objections),
                    r.requester or None,
                )
            for r in conn.execute(select(budget_resolutions).where(g.id.in_(budget_ids))):
                found[(BEGROTING, r.id)] = RegisterEntry(
                    r.number, r.decided_on, BEGROTING, r.kind, r.text[:300], "akkoord", None, r.text)
        return [found[(k.kind, k.row_id)] for k in keys if (k.kind, k.row_id) in found], total

    # -- money ------------------------------------------------------------------------------------------
    def spend_requests(self, idea_reference: str, limit: int = 50) -> list[SpendRow]:
        with self.engine.connect() as conn:
            return read_spend(conn, idea_reference, limit)

    def mandate_use(self, since: datetime) -> MandateUse:
        r = spend_requests.c
        query = (
            select(r.status, r.decided_via, func.count(), func.sum(r.amount))
            .where(r.requested_at >= since)
            .group_by(r.status, r.decided_via)
        )
        counts: dict[str, int] = {}
        sums: dict[str, Decimal] = {}
        with self.engine.connect() as conn:
            for status, via, count, total in conn.execute(query):
                key = f"{status}:{via or ''}"
                counts[key] = counts.get(key, 0) + int(count)
                sums[key] = sums.get(key, ZERO) + (total or ZERO)
        approved = [k for k in counts if k.startswith("approved:") and not k.endswith("stuurgroep")]
        rejected = [k for k in counts if k.startswith("rejected:") and not k.endswith("stuurgroep")]
        referred = [k for k in counts if k.startswith("to_stuurgroep:") or k.endswith(":stuurgroep")]
        return MandateUse(
            approved=sum(counts[k] for k in approved),
            approved_amount=sum((sums[k] for k in approved), ZERO),
            rejected=sum(counts[k] for k in rejected),
            referred=sum(counts[k] for k in referred),
            referred_amount=sum((sums[k] for k in referred), ZERO),
            open=sum(v for k, v in counts.items() if k.startswith("requested:")),
        )
