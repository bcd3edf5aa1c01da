"""The documents package of a stuurgroep meeting: what each recipient of the `stukken` step reads.

A summary that stays small however much the programme holds: per agenda item one line (reference,
title, type, the expertteam's verdict), at most `ITEMS` of them, and the mandate report since the
previous stuurgroep as its totals with the latest `REQUESTS` requests of each kind. Where the full
texts are is said in the package itself: `status REF` shows a whole proposal, `agenda DATUM` the
whole agenda, `mandaat DATUM` every request, in chat (the store is the one source; nothing is
copied into thousands of mails). `PackageBuilder` makes the text once per meeting and language
and reads only a plain connection: the reminder runner calls it outside its claim transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Connection, and_, func, select, type_coerce

from bot.domain.budget import ZERO
from bot.domain.governance import CONSENSUS, PER_MEMBER_BODY
from bot.domain.money import format_euro
from bot.domain.programme import Programme
from bot.domain.timezone import AMSTERDAM, to_local
from bot.messages import profiled, render
from bot.programme.calendar import calendar_config, route_config
from bot.programme.rounds import SECTION as ROUNDS
from scheduling.package_execution import financial_picture, open_objections, progress_since
from scheduling.package_rounds import rounds_since
from storage import tables
from storage.budget_repo import request_from_row
from storage.tables_budget import spend_requests
from storage.tables_meetings import agenda_items, meetings

ITEMS = 100  # agenda lines in a package
REQUESTS = 20  # requests listed per kind in the mandate summary


@dataclass(frozen=True)
class Package:
    """The part of a package that is the same for every recipient of one meeting in one language."""

    items: int  # agenda items on the meeting
    text: str


@dataclass(frozen=True)
class RouteGremium:
    """The gremium the document route leads to (`[route] gremium`): the Regio Deal's stuurgroep, the VDG's
    bestuur; its name and the profile's procedure word the package and the reminders."""

    key: str
    name: str
    procedure: str = CONSENSUS

    @classmethod
    def of(cls, programme: Programme) -> RouteGremium:
        key = route_config(programme.raw).meeting_gremium
        return cls(key, calendar_config(programme.raw).name_of(key), programme.governance.procedure("voorstel"))

    def code(self, code: str) -> str:
        """*code*, or the profile's own wording of it where it has one (`profiled`)."""
        kind, _, key = code.rpartition(".")
        return profiled(kind, key, self.procedure)


class PackageBuilder:
    """Builds each meeting's package once per language and keeps it for the rest of the run."""

    def __init__(self, conn: Connection, programme: Programme, mandate_limit: Decimal,
                 gremium: RouteGremium | None = None) -> None:
        self.conn = conn
        self.programme = programme
        self.mandate_limit = mandate_limit  # from [mandaat], checked as the approvals check it
        self.gremium = gremium or RouteGremium.of(programme)
        self._made: dict[tuple[int | None, date, str], Package] = {}

    def package(self, meeting_id: int | None, meeting_day: date, lang: str) -> Package:
        key = (meeting_id, meeting_day, lang)
        if key not in self._made:
            count, lines = self._agenda(meeting_id, meeting_day, lang)
            since = self._previous_meeting(meeting_day)
            colleges = self.gremium.procedure == PER_MEMBER_BODY  # nothing on its agenda to object to
            text = "\n\n".join([
                lines,
                *([] if colleges else [open_objections(self.conn, meeting_id, lang)]),  # on its agenda (§3.1)
                progress_since(self.conn, since, lang),  # what running projects reported since the last one
                # what it decided in writing meanwhile, in a programme that decides in writing at all
                *([rounds_since(self.conn, since, meeting_day, lang)] if ROUNDS in self.programme.raw else []),
                financial_picture(self.conn, self.programme, meeting_day, lang),
                self.mandate(since, lang).rstrip("\n"),
            ])
            self._made[key] = Package(count, text)
        return self._made[key]

    # -- the agenda -------------------------------------------------------------------------------
    def _agenda(self, meeting_id: int | None, meeting_day: date, lang: str) -> tuple[int, str]:
        if meeting_id is None:
            return 0, render(self.gremium.code("package.empty"), lang)
        a, i, adv = agenda_items.c, tables.ideas.c, tables.advices.c
        count = int(self.conn.execute(
            select(func.count()).select_from(agenda_items).where(a.meeting_id == meeting_id)
        ).scalar_one())
        if not count:
            return 0, render(self.gremium.code("package.empty"), lang)
        latest = (
            select(adv.idea_id, func.max(adv.id).label("advice_id")).group_by(adv.idea_id).subquery()
        )
        rows = self.conn.execute(
            select(a.late, a.admitted_by, i.reference, i.title, i.proposal_type, adv.positive)
            .join(tables.ideas, i.reference == a.idea_reference)
            .outerjoin(latest, latest.c.idea_id == i.id)
            .outerjoin(tables.advices, adv.id == latest.c.advice_id)
            .where(a.meeting_id == meeting_id)
            .order_by(a.id)
            .limit(ITEMS)
        ).all()
        lines = []
        for number, row in enumerate(rows, start=1):
            line = render("package.item", lang, number=number, reference=row.reference, title=row.title,
                          type=row.proposal_type or "-")
            if row.late:
                line += " " + render("package.late_item", lang, who=row.admitted_by or "-")
            if row.positive is None:
                verdict = render(self.gremium.code("package.no_advice"), lang)
            else:
                verdict = render(self.gremium.code("package.verdict"), lang, verdict=render(
                    "package.positive" if row.positive else "package.negative", lang))
            lines.append(f"{line}\n   {verdict}")
        day = meeting_day.strftime("%d-%m-%Y")
        if count > len(rows):
            lines.append(render("package.more_items", lang, count=count - len(rows), date=day))
        lines.append(render("package.where", lang, date=day))
        return count, "\n".join(lines)

    # -- the mandate report, summed ----------------------------------------------------------------
    def mandate(self, since: date, lang: str) -> str:
        """The mandate report since *since* with at most `REQUESTS` requests per kind (the latest);
        with fewer it is the same text as `BudgetService.mandate_report`."""
        r = spend_requests.c
        start = datetime.combine(since, time(0, 0), tzinfo=AMSTERDAM)
        under = and_(r.decided_at >= start, r.decided_via == "mandaat")
        day = since.strftime("%d-%m-%Y")
        limit = format_euro(self.mandate_limit)
        lines = [render(self.gremium.code("budget.mandate_report.title"), lang, since=day, limit=limit), ""]
        approved = and_(under, r.status == "approved")
        count, total = self._sum(approved)
        if count:
            lines += self._listed(approved, r.decided_at, count, day, lang)
            lines.append(render("budget.mandate_report.total", lang, total=format_euro(total), count=str(count)))
        else:
            lines.append(render(self.gremium.code("budget.mandate_report.none"), lang, since=day))
        for where, header, moment in (
            (and_(under, r.status == "rejected"), "budget.mandate_report.rejected_header", r.decided_at),
            (r.status == "to_stuurgroep", self.gremium.code("budget.mandate_report.referred_header"), r.requested_at),
        ):
            count, _ = self._sum(where)
            if count:
                lines += ["", render(header, lang), *self._listed(where, moment, count, day, lang)]
        return "\n".join(lines) + "\n"

    def _sum(self, where: Any) -> tuple[int, Decimal]:
        r = spend_requests.c
        count, cents = self.conn.execute(
            select(func.count(), func.coalesce(func.sum(type_coerce(r.amount, BigInteger)), 0)).where(where)
        ).one()
        return int(count), (Decimal(int(cents)) / 100).quantize(Decimal("0.01")) if count else ZERO

    def _listed(self, where: Any, moment: Any, count: int, day: str, lang: str) -> list[str]:
        """The latest `REQUESTS` requests in order, and how many more there are."""
        rows = self.conn.execute(
            select(spend_requests).where(where).order_by(moment.desc(), spend_requests.c.id.desc()).limit(REQUESTS)
        ).all()
        out = []
        for row in reversed(rows):
            request = request_from_row(row)
            when = request.decided_at or request.requested_at
            out.append(render(
                "budget.mandate_report.line", lang, reference=request.reference,
                date=to_local(when).strftime("%d-%m-%Y"), amount=format_euro(request.amount), kind=request.kind,
                purpose=request.purpose, requester=request.requester, line=request.line_key,
                reason=request.reason or "-",
            ))
        if count > len(rows):
            out.append(render("package.more_requests", lang, count=count - len(rows), date=day))
        return out

    def _previous_meeting(self, meeting_day: date) -> date:
        """Since when the mandate report runs: the previous meeting of the route's gremium (the stuurgroep), or
        the programme's start."""
        m = meetings.c
        previous = self.conn.execute(
            select(func.max(m.day)).where(m.gremium == self.gremium.key, m.day < meeting_day,
                                          m.status != "cancelled")
        ).scalar_one_or_none()
        if previous is not None:
            return date.fromisoformat(str(previous)) if not isinstance(previous, date) else previous
        first_year = int(self.programme.raw.get("programma", {}).get("looptijd", [meeting_day.year])[0])
        return date(first_year, 1, 1)
