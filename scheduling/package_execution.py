"""What the documents package of a stuurgroep meeting carries besides the agenda and the mandate report
(Programmaplan §3.2 "Monitoring", §6 "periodiek bijgepraat", §3.1): the open objections on content
on its agenda, the progress reported by running projects since the previous meeting, and the
financial picture: begroting, allocated, realised, the prognosis, the beschikkingen, and the VAT
line against its cap and yearly plan. Summed by the database on a plain connection, so the package
stays the same size however much the programme holds.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import BigInteger, Connection, func, select, type_coerce

from bot.domain.budget import ZERO, LedgerKind
from bot.domain.cycle import ObjectionKind, ObjectionStatus
from bot.domain.money import format_euro
from bot.domain.programme import Programme
from bot.domain.timezone import AMSTERDAM, to_local
from bot.messages import profiled, render
from bot.programme.budget import parse_budget_config
from storage.tables_budget import budget_lines, ledger
from storage.tables_cycle import objections
from storage.tables_execution import beschikkingen, moment_reports

REPORTS = 20  # progress reports listed (the latest); the rest counted
TEXT = 200  # characters of each report's text in the package


def _euros(cents: object) -> Decimal:
    return (Decimal(int(str(cents or 0))) / 100).quantize(Decimal("0.01"))


def progress_since(conn: Connection, since: date, lang: str) -> str:
    c = moment_reports.c
    start = datetime.combine(since, time(0, 0), tzinfo=AMSTERDAM)
    day = since.strftime("%d-%m-%Y")
    count = int(conn.execute(select(func.count()).where(c.reported_at >= start)).scalar_one())
    lines = [render("package.progress.title", lang, since=day)]
    if not count:
        return "\n".join([*lines, render("package.progress.none", lang, since=day)])
    rows = conn.execute(
        select(c.reference, c.moment, c.text, c.spent, c.risks).where(c.reported_at >= start)
        .order_by(c.reported_at.desc(), c.id.desc()).limit(REPORTS)
    ).all()
    for row in reversed(rows):
        text = " ".join(row.text.split())
        lines.append(render("package.progress.line", lang, reference=row.reference, moment=row.moment,
                            text=text[:TEXT] + ("…" if len(text) > TEXT else ""), spent=format_euro(row.spent),
                            risks=" ".join(row.risks.split())[:TEXT] or "-"))
    if count > len(rows):
        lines.append(render("package.progress.more", lang, count=count - len(rows)))
    return "\n".join(lines)


def open_objections(conn: Connection, meeting_id: int | None, lang: str) -> str:
    """The content objections on this meeting's agenda that are not closed yet, with their state (§3.1:
    "een uitspraak over de inhoud aan de stuurgroep"); the first `REPORTS`, the rest counted."""
    title = render("package.objections.title", lang)
    if meeting_id is None:
        return "\n".join([title, render("package.objections.none", lang)])
    o = objections.c
    where = (o.meeting_id == meeting_id, o.kind == ObjectionKind.INHOUD.value,
             o.status != ObjectionStatus.AFGEHANDELD.value)
    count = int(conn.execute(select(func.count()).select_from(objections).where(*where)).scalar_one())
    if not count:
        return "\n".join([title, render("package.objections.none", lang)])
    rows = conn.execute(select(o.reference, o.decision_number, o.status, o.filed_at, o.text).where(*where)
                        .order_by(o.id).limit(REPORTS)).all()
    lines = [title]
    for row in rows:
        text = " ".join(row.text.split())
        lines.append(render("package.objections.line", lang, reference=row.reference, number=row.decision_number,
                            status=render(f"objection.status.{row.status}", lang),
                            date=to_local(row.filed_at).strftime("%d-%m-%Y"),
                            text=text[:TEXT] + ("…" if len(text) > TEXT else "")))
    if count > len(rows):
        lines.append(render("package.objections.more", lang, count=count - len(rows)))
    return "\n".join(lines)


def financial_picture(conn: Connection, programme: Programme, meeting_day: date, lang: str) -> str:
    config = parse_budget_config(programme.raw)
    lg = ledger.c
    sums = {str(kind): _euros(total) for kind, total in conn.execute(
        select(lg.kind, func.sum(type_coerce(lg.amount, BigInteger))).group_by(lg.kind)).all()}
    stored = conn.execute(select(func.count(), func.sum(type_coerce(budget_lines.c.amount, BigInteger)))).one()
    begroting = _euros(stored[1]) if stored[0] else sum((line.amount for line in config.lines), ZERO)
    committed = sums.get(LedgerKind.ALLOCATION.value, ZERO) - sums.get(LedgerKind.RELEASE.value, ZERO)
    realised = sums.get(LedgerKind.REALISATION.value, ZERO)
    beschikt = _euros(conn.execute(select(func.sum(type_coerce(beschikkingen.c.amount, BigInteger)))).scalar())
    lines = [
        render(profiled("package.finance", "title", programme.governance.procedure("uitgave")), lang,
               director=programme.role_name("programmadirecteur", lang)),
        render("package.finance.begroting", lang, begroting=format_euro(begroting), committed=format_euro(committed),
               beschikt=format_euro(beschikt), realised=format_euro(realised)),
        render("package.finance.prognosis", lang, expected=format_euro(committed),
               open=format_euro(committed - realised), free=format_euro(begroting - committed)),
    ]
    vat = config.execution_costs
    if vat is not None:
        line = conn.execute(select(budget_lines.c.amount).where(budget_lines.c.key == vat.line_key)).scalar()
        budgeted = line if line is not None else next(
            (x.amount for x in config.lines if x.key == vat.line_key), ZERO)
        spent = _euros(conn.execute(select(func.sum(type_coerce(lg.amount, BigInteger))).where(
            lg.line_key == vat.line_key, lg.kind == LedgerKind.REALISATION.value)).scalar())
        planned = sum((amount for year, amount in vat.plan_by_year().items() if year <= meeting_day.year), ZERO)
        lines.append(render("package.finance.vat", lang, budgeted=format_euro(budgeted), cap=format_euro(vat.cap),
                            spent=format_euro(spent), planned=format_euro(planned), year=meeting_day.year,
                            room=format_euro(vat.cap - spent)))
    return "\n".join(lines)
