"""The programme cycle's repository on SQLAlchemy Core, inside the unit of work's session.

Lists are pages on indexes (running ideas by status and reference, calendar items by number);
a round row is locked (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE serialises anyway) so
each ask, reminder and notice of a reporting moment is written once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, case, func, select, true, type_coerce, update
from sqlalchemy.orm import Session

from bot.domain.budget import ZERO, LedgerKind
from bot.domain.execution import PLANNED, Beschikking, ProgressReport, ProjectProgress, organisation_key
from bot.domain.lifecycle import Status
from bot.services.ports.execution import CommunicationItem, ProjectMoney, Round, RunningProject
from bot.services.ports.read_models import Page
from storage import tables
from storage.engine import upsert
from storage.tables_budget import ledger, project_tranches, projects
from storage.tables_execution import (
    beschikkingen,
    communication_items,
    digest_entries,
    moment_reports,
    notice_counts,
    reporting_rounds,
)


def _report(row: Any) -> ProgressReport:
    return ProgressReport(row.reference, row.moment, row.text, row.milestones, row.spent, row.risks,
                          row.reporter, row.reported_at)


def _item(row: Any) -> CommunicationItem:
    return CommunicationItem(row.number, row.send_at, row.channel, row.audience, row.text, row.status,
                             row.planned_by, row.sent_at, row.recipients)


def _round(row: Any) -> Round:
    return Round(row.moment, row.asked_at, row.reminded_at, row.told_at)


class SqlExecutionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- progress ----------------------------------------------------------------------------------
    def project_state(self, reference: str) -> tuple[str | None, str | None]:
        """(the project's reference in the budget, or None; the status of the idea behind it, or None)."""
        typed = reference.strip()[:80]
        found = self.session.execute(
            select(projects.c.reference).where(projects.c.reference.in_([typed, typed.upper()]))
        ).scalar()
        if found is None:  # a front end that upper-cases what was typed: "WERKEN:2" is "Werken:2"
            found = self.session.execute(
                select(projects.c.reference).where(func.upper(projects.c.reference) == typed.upper()).limit(1)
            ).scalar()
        status = self.session.execute(
            select(tables.ideas.c.status).where(tables.ideas.c.reference == typed.upper())
        ).scalar()
        return None if found is None else str(found), None if status is None else str(status)

    def running_projects(self, after: str | None, limit: int) -> list[RunningProject]:
        i = tables.ideas.c
        query = select(i.reference, i.title, i.kernteam_contact, i.submitter, i.designers, i.penvoerder,
                       i.organisation).where(i.status == Status.IN_UITVOERING.value)
        if after is not None:
            query = query.where(i.reference > after)
        rows = self.session.execute(query.order_by(i.reference).limit(limit)).all()
        involved = {e for r in rows for e in [r.submitter, *r.designers]}
        p = tables.people.c
        organisation: dict[str, str | None] = {
            row.email: row.organisation
            for row in self.session.execute(select(p.email, p.organisation).where(p.email.in_(involved)))
        } if involved else {}
        out = []
        for r in rows:
            lead = r.penvoerder or r.organisation
            people = [e for e in dict.fromkeys([r.submitter, *r.designers])
                      if lead and (organisation.get(e) or (r.organisation if e == r.submitter else None)) == lead]
            out.append(RunningProject(r.reference, r.title, r.kernteam_contact, lead,
                                      tuple(people or [r.submitter])))
        return out

    def imported_projects(self, after: str | None, limit: int) -> list[RunningProject]:
        """The projects of an imported table (no idea behind them, so running from the start), in
        reference order, each with the people of its penvoerder's organisation."""
        p, i = projects.c, tables.ideas.c
        query = (select(p.reference, p.name, p.penvoerder)
                 .outerjoin(tables.ideas, i.reference == p.reference).where(i.id.is_(None)))
        if after is not None:
            query = query.where(p.reference > after)
        rows = self.session.execute(query.order_by(p.reference).limit(limit)).all()
        return self._with_people(rows)

    def imported_project(self, reference: str) -> RunningProject | None:
        p, i = projects.c, tables.ideas.c
        rows = self.session.execute(
            select(p.reference, p.name, p.penvoerder).outerjoin(tables.ideas, i.reference == p.reference)
            .where(i.id.is_(None), p.reference == reference[:80])
        ).all()
        found = self._with_people(rows)
        return found[0] if found else None

    def _with_people(self, rows: Sequence[Any]) -> list[RunningProject]:
        if not rows:
            return []
        c = tables.people.c
        by_organisation: dict[str, list[str]] = {}
        for email, organisation in self.session.execute(
            select(c.email, c.organisation).where(c.organisation.is_not(None)).order_by(c.email)
        ):
            by_organisation.setdefault(organisation_key(organisation), []).append(str(email))
        return [RunningProject(r.reference, r.name, None, r.penvoerder,
                               tuple(by_organisation.get(organisation_key(r.penvoerder), ())), imported=True)
                for r in rows]

    def beschikt_by_group(self, by: str, no_group: str) -> dict[str, Decimal]:
        """The subsidie-beschikkingen summed per report group, in the database (one GROUP BY)."""
        p, b = projects.c, beschikkingen.c
        grouping = p.penvoerder if by == "penvoerder" else func.coalesce(p.project_group, no_group)
        rows = self.session.execute(
            select(grouping.label("grp"), func.sum(type_coerce(b.amount, BigInteger)).label("cents"))
            .select_from(beschikkingen.join(projects, p.reference == b.reference))
            .group_by(grouping)
        )
        return {str(r.grp): Decimal(int(r.cents)).scaleb(-2) for r in rows}

    def save_report(self, report: ProgressReport) -> bool:
        c = moment_reports.c
        values = {"text": report.text, "milestones": report.milestones, "spent": report.spent,
                  "risks": report.risks, "reporter": report.reporter, "reported_at": report.reported_at}
        existing = self.session.execute(
            select(c.id).where(c.moment == report.moment, c.reference == report.reference)
        ).scalar()
        if existing is not None:
            self.session.execute(update(moment_reports).where(c.id == existing).values(**values))
            return True
        self.session.execute(moment_reports.insert().values(reference=report.reference, moment=report.moment,
                                                              **values))
        return False

    def reports(self, moment: str) -> dict[str, ProgressReport]:
        rows = self.session.execute(select(moment_reports).where(moment_reports.c.moment == moment)).all()
        return {row.reference: _report(row) for row in rows}

    def progress_rows(self, moment: str) -> list[ProjectProgress]:
        """Every project of the budget with its tranches and its report's text for *moment*: two narrow
        queries in project order (no text repeated per tranche), whole cents turned into euros exactly."""
        p, t, r = projects.c, project_tranches.c, moment_reports.c
        amounts: dict[int, dict[str, Decimal]] = {}
        for pid, tranche, cents in self.session.execute(
            select(t.project_id, t.tranche, type_coerce(t.amount, BigInteger)).order_by(t.project_id, t.position)
        ):
            found = amounts.get(pid)
            if found is None:
                found = amounts[pid] = {}
            found[tranche] = Decimal(cents).scaleb(-2)
        none: dict[str, Decimal] = {}
        c, i = tables.people.c, tables.ideas.c
        known = {organisation_key(o) for o in self.session.execute(
            select(c.organisation).where(c.organisation.is_not(None)).distinct()).scalars()}
        return [
            ProjectProgress(reference, name, group, penvoerder, amounts.get(pid, none), report,
                            idea is None and organisation_key(penvoerder) not in known)
            for pid, reference, name, group, penvoerder, report, idea in self.session.execute(
                select(p.id, p.reference, p.name, p.project_group, p.penvoerder, r.text, i.id)
                .outerjoin(moment_reports, (r.reference == p.reference) & (r.moment == moment))
                .outerjoin(tables.ideas, i.reference == p.reference)
                .order_by(p.id)
            )
        ]

    def reported(self, moment: str, references: Sequence[str]) -> set[str]:
        if not references:
            return set()
        c = moment_reports.c
        return set(self.session.execute(
            select(c.reference).where(c.moment == moment, c.reference.in_(list(references)))
        ).scalars())

    def reports_since(self, since: datetime, limit: int) -> tuple[int, list[ProgressReport]]:
        c = moment_reports.c
        count = int(self.session.execute(select(func.count()).where(c.reported_at >= since)).scalar_one())
        rows = self.session.execute(
            select(moment_reports).where(c.reported_at >= since).order_by(c.reported_at.desc(), c.id.desc())
            .limit(limit)
        ).all()
        return count, [_report(r) for r in reversed(rows)]

    def lock_round(self, moment: str) -> Round:
        self.session.execute(upsert(self.session.get_bind().dialect.name, reporting_rounds)
                             .values(moment=moment).on_conflict_do_nothing())
        row = self.session.execute(
            select(reporting_rounds).where(reporting_rounds.c.moment == moment).with_for_update()
        ).one()
        return _round(row)

    def open_rounds(self) -> list[Round]:
        rows = self.session.execute(
            select(reporting_rounds).where(reporting_rounds.c.told_at.is_(None)).order_by(reporting_rounds.c.moment)
        ).all()
        return [_round(r) for r in rows]

    def save_round(self, round_: Round) -> None:
        self.session.execute(update(reporting_rounds).where(reporting_rounds.c.moment == round_.moment).values(
            asked_at=round_.asked_at, reminded_at=round_.reminded_at, told_at=round_.told_at))

    # -- beschikkingen -----------------------------------------------------------------------------
    def get_beschikking(self, reference: str) -> Beschikking | None:
        row = self.session.execute(select(beschikkingen).where(beschikkingen.c.reference == reference)).first()
        if row is None:
            return None
        return Beschikking(row.reference, row.issued_on, row.amount, row.kenmerk, row.recorded_by, row.recorded_at)

    def add_beschikking(self, beschikking: Beschikking) -> None:
        self.session.execute(beschikkingen.insert().values(
            reference=beschikking.reference, issued_on=beschikking.issued_on, amount=beschikking.amount,
            kenmerk=beschikking.kenmerk, recorded_by=beschikking.recorded_by, recorded_at=beschikking.recorded_at))

    def _money(self, where: Any, after: str | None, limit: int) -> list[ProjectMoney]:
        pr, lg, b = projects.c, ledger.c, beschikkingen.c
        raw = type_coerce(lg.amount, BigInteger)  # whole cents, summed exactly
        sums = (
            select(
                lg.reference,
                func.sum(case((lg.kind == LedgerKind.ALLOCATION.value, raw), else_=0)).label("allocated"),
                func.sum(case((lg.kind == LedgerKind.RELEASE.value, raw), else_=0)).label("released"),
                func.sum(case((lg.kind == LedgerKind.REALISATION.value, raw), else_=0)).label("realised"),
            ).group_by(lg.reference).subquery()
        )
        query = (
            select(pr.reference, pr.name, pr.line_key, sums.c.allocated, sums.c.released, sums.c.realised, b.amount)
            .outerjoin(sums, sums.c.reference == pr.reference)
            .outerjoin(beschikkingen, b.reference == pr.reference)
            .where(where)
        )
        if after is not None:
            query = query.where(pr.reference > after)
        rows = self.session.execute(query.order_by(pr.reference).limit(limit)).all()

        def euros(value: Any) -> Decimal:
            return (Decimal(int(value)) / 100).quantize(Decimal("0.01")) if value else ZERO

        return [ProjectMoney(r.reference, r.name, r.line_key, euros(r.allocated) - euros(r.released),
                             r.amount, euros(r.realised)) for r in rows]

    def project_money(self, reference: str) -> ProjectMoney | None:
        found = self._money(projects.c.reference == reference, None, 1)
        return found[0] if found else None

    def money_page(self, after: str | None, limit: int) -> Page[ProjectMoney]:
        rows = self._money(true(), after, limit + 1)
        more = 0
        if len(rows) > limit:
            last = rows[limit - 1].reference
            more = int(self.session.execute(
                select(func.count()).select_from(projects).where(projects.c.reference > last)
            ).scalar_one())
        shown = rows[:limit]
        return Page(shown, more, shown[-1].reference if more else None)

    def money_totals(self) -> tuple[Decimal, Decimal, Decimal]:
        """(allocated net of releases, beschikt, realised) over every project, summed by the database."""
        lg = ledger.c
        raw = type_coerce(lg.amount, BigInteger)
        row = self.session.execute(select(
            func.coalesce(func.sum(case((lg.kind == LedgerKind.ALLOCATION.value, raw), else_=0)), 0),
            func.coalesce(func.sum(case((lg.kind == LedgerKind.RELEASE.value, raw), else_=0)), 0),
            func.coalesce(func.sum(case((lg.kind == LedgerKind.REALISATION.value, raw), else_=0)), 0),
        ).where(lg.reference.in_(select(projects.c.reference)))).one()
        beschikt = self.session.execute(
            select(func.coalesce(func.sum(type_coerce(beschikkingen.c.amount, BigInteger)), 0))
        ).scalar_one()

        def euros(cents: Any) -> Decimal:
            return (Decimal(int(cents)) / 100).quantize(Decimal("0.01"))

        return euros(row[0]) - euros(row[1]), euros(beschikt), euros(row[2])

    # -- communicatiekalender ----------------------------------------------------------------------
    def add_item(self, item: CommunicationItem, planned_at: datetime) -> None:
        self.session.execute(communication_items.insert().values(
            number=item.number, send_at=item.send_at, channel=item.channel, audience=item.audience,
            text=item.text, status=item.status, planned_by=item.planned_by, planned_at=planned_at))

    def get_item(self, number: int, lock: bool = False) -> CommunicationItem | None:
        query = select(communication_items).where(communication_items.c.number == number)
        row = self.session.execute(query.with_for_update() if lock else query).first()
        return None if row is None else _item(row)

    def save_item(self, item: CommunicationItem) -> None:
        self.session.execute(update(communication_items).where(communication_items.c.number == item.number).values(
            send_at=item.send_at, status=item.status, sent_at=item.sent_at, recipients=item.recipients))

    def item_page(self, after: int | None, limit: int, include_done: bool) -> Page[CommunicationItem]:
        c = communication_items.c
        where = [] if include_done else [c.status == PLANNED]
        if after is not None:
            where.append(c.number > after)
        rows = self.session.execute(
            select(communication_items).where(*where).order_by(c.number).limit(limit + 1)
        ).all()
        items = [_item(r) for r in rows[:limit]]
        more = 0
        if len(rows) > limit:
            more = int(self.session.execute(
                select(func.count()).select_from(communication_items).where(
                    *([] if include_done else [c.status == PLANNED]), c.number > items[-1].number)
            ).scalar_one())
        return Page(items, more, items[-1].reference if more else None)

    def due_items(self, now: datetime, limit: int) -> list[CommunicationItem]:
        c = communication_items.c
        rows = self.session.execute(
            select(communication_items).where(c.status == PLANNED, c.send_at <= now)
            .order_by(c.send_at, c.number).limit(limit).with_for_update()
        ).all()
        return [_item(r) for r in rows]

    def submitters(self, after: str | None, limit: int) -> list[str]:
        i = tables.ideas.c
        query = select(i.submitter).distinct()
        if after is not None:
            query = query.where(i.submitter > after)
        return list(self.session.execute(query.order_by(i.submitter).limit(limit)).scalars())

    # -- daily digests of status notices -----------------------------------------------------------
    def count_notice(self, recipient: str, day: date) -> int:
        """One more status notice for *recipient* on *day*; how many there are now (one statement)."""
        insert = upsert(self.session.get_bind().dialect.name, notice_counts)
        statement = insert.values(recipient=recipient, day=day, count=1).on_conflict_do_update(
            index_elements=["recipient", "day"], set_={"count": notice_counts.c.count + 1}
        ).returning(notice_counts.c.count)
        return int(self.session.execute(statement).scalar_one())

    def add_digest_entry(self, key: str, recipient: str, day: date, subject: str, body: str, at: datetime) -> None:
        insert = upsert(self.session.get_bind().dialect.name, digest_entries)
        self.session.execute(insert.values(key=key, recipient=recipient, day=day, subject=subject, body=body,
                                           created_at=at).on_conflict_do_nothing(index_elements=["key"]))

    def pending_digests(self, until: date, limit: int) -> list[tuple[str, date]]:
        d = digest_entries.c
        rows = self.session.execute(
            select(d.recipient, d.day).where(d.sent_at.is_(None), d.day <= until)
            .group_by(d.recipient, d.day).order_by(d.day, d.recipient).limit(limit)
        ).all()
        return [(str(r.recipient), r.day) for r in rows]

    def take_digest(self, recipient: str, day: date, at: datetime) -> list[tuple[str, str]]:
        """The unsent entries of one digest, locked and marked sent in this transaction: (subject, body)."""
        d = digest_entries.c
        rows = self.session.execute(
            select(d.id, d.subject, d.body).where(d.recipient == recipient, d.day == day, d.sent_at.is_(None))
            .order_by(d.id).with_for_update()
        ).all()
        if rows:
            self.session.execute(update(digest_entries).where(d.id.in_([r.id for r in rows])).values(sent_at=at))
        return [(str(r.subject), str(r.body)) for r in rows]
