"""The progress report per reporting moment, in the layout of the 2021 Uitvoeringsprogramma tables:
per group (pijler, programmalijn or penvoerder) a table PROJECT | PENVOERDER | one column per
tranche, under each project its progress line ("Voortgang per maart 2027: ..."), a project without
a report marked as such, and the group's total row ("Totaal Pijler Werken"). One pass over the
projects; rendered as text and as XLSX (user text always a text cell, see `bot.reports.spreadsheet`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.domain.budget import ZERO
from bot.domain.execution import Moment, ProjectProgress
from bot.domain.money import format_euro
from bot.messages import render
from bot.reports.budget_report import GroupBy, tranche_order
from bot.reports.spreadsheet import append_row

ProgressRow = ProjectProgress  # one project, its amounts and its progress text


@dataclass(frozen=True)
class ProgressGroup:
    group: str
    rows: tuple[ProgressRow, ...]
    totals: Mapping[str, Decimal]


@dataclass(frozen=True)
class ProgressOverview:
    moment: Moment
    by: GroupBy
    tranches: tuple[str, ...]
    groups: tuple[ProgressGroup, ...]
    totals: Mapping[str, Decimal]

    @property
    def missing(self) -> list[ProgressRow]:
        return [r for g in self.groups for r in g.rows if r.report is None]


def compute_progress(
    rows: Iterable[ProjectProgress],
    moment: Moment,
    *,
    by: GroupBy = "pijler",
    tranches: Sequence[str] | None = None,
    no_group: str = "(geen)",
) -> ProgressOverview:
    """Group the projects as the budget report does (a split project's parts listed under it), in one pass."""
    grouped: dict[str, list[ProjectProgress]] = {}
    sums: dict[str, dict[str, Decimal]] = {}
    for row in rows:
        key = row.penvoerder if by == "penvoerder" else (row.group or no_group)
        listed = grouped.get(key)
        if listed is None:
            listed = grouped[key] = []
            sums[key] = {}
        listed.append(row)
        group_sums = sums[key]
        for tranche, amount in row.tranches.items():
            group_sums[tranche] = group_sums.get(tranche, ZERO) + amount
    seen = dict.fromkeys(tranches or ())
    for group_sums in sums.values():
        seen.update(dict.fromkeys(group_sums))
    order = tuple(tranches) if tranches is not None else tranche_order(seen)
    totals = dict.fromkeys(order, ZERO)
    groups = []
    for name, listed in grouped.items():
        group_totals = {t: sums[name].get(t, ZERO) for t in order}
        for t in order:
            totals[t] += group_totals[t]
        groups.append(ProgressGroup(name, tuple(listed), group_totals))
    return ProgressOverview(moment, by, order, tuple(groups), totals)


def project_label(row: ProgressRow) -> str:
    """"1.1 Open Science Hub" as the 2021 tables write it (an imported row's number after its group)."""
    number = row.reference.split(":", 1)[1] if ":" in row.reference else row.reference
    return f"{number} {row.name}"


def _amount(value: Decimal | None) -> str:
    return format_euro(value) if value else ""


def _progress_line(row: ProgressRow, overview: ProgressOverview, lang: str) -> str:
    label = overview.moment.label(lang)
    if row.report is None:
        code = "progress.report.none_kernteam" if row.no_person else "progress.report.none"
        return render(code, lang, moment=label)
    return render("progress.report.line", lang, moment=label, text=" ".join(row.report.split()))


def render_progress_text(overview: ProgressOverview, lang: str = "nl") -> str:
    """The tables as text: a header per group, a row per project, its progress line, the total."""
    head = [render("progress.report.project", lang), render("progress.report.penvoerder", lang),
            *overview.tranches]
    kind = render(f"progress.report.by.{overview.by}", lang)
    out = [render("progress.report.title", lang, moment=overview.moment.label(lang), by=kind), ""]
    if not overview.groups:
        return "\n".join([*out, render("progress.report.empty", lang)]) + "\n"
    for group in overview.groups:
        out.append(f"{kind} {group.group}".upper())
        out.append(" | ".join(head))
        for row in group.rows:
            cells = [project_label(row), row.penvoerder,
                     *(_amount(row.tranches.get(t)) for t in overview.tranches)]
            out.append(" | ".join(cells))
            out.append("   " + _progress_line(row, overview, lang))
        out.append(" | ".join([render("progress.report.group_total", lang, kind=kind, group=group.group), "",
                               *(_amount(group.totals[t]) or format_euro(ZERO) for t in overview.tranches)]))
        out.append("")
    out.append(" | ".join([render("progress.report.total", lang), "",
                           *(format_euro(overview.totals[t]) for t in overview.tranches)]))
    missing = overview.missing
    count = sum(len(g.rows) for g in overview.groups)
    out.append(render("progress.report.counts", lang, reported=count - len(missing), missing=len(missing)))
    return "\n".join(out) + "\n"


def export_progress_xlsx(overview: ProgressOverview, lang: str = "nl") -> bytes:
    """One sheet: per group its header row, per project a row and its progress line, the totals;
    amounts are numbers formatted as euros, every user text a text cell."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = render("progress.report.sheet", lang)
    kind = render(f"progress.report.by.{overview.by}", lang)
    euro = '"€" #,##0.00'
    append_row(sheet, [render("progress.report.title", lang, moment=overview.moment.label(lang), by=kind)])
    sheet[sheet.max_row][0].font = Font(bold=True)
    head = [render("progress.report.project", lang), render("progress.report.penvoerder", lang),
            *overview.tranches]

    def amounts(values: Mapping[str, Decimal], blank: bool) -> list[Decimal | None]:
        return [(values.get(t) or None) if blank else values.get(t, ZERO) for t in overview.tranches]

    def money_row(bold: bool = False) -> None:
        for cell in sheet[sheet.max_row][2:]:
            cell.number_format = euro
            if bold:
                cell.font = Font(bold=True)

    for group in overview.groups:
        append_row(sheet, [])
        append_row(sheet, [f"{kind} {group.group}".upper()])
        append_row(sheet, head)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in group.rows:
            append_row(sheet, [project_label(row), row.penvoerder, *amounts(row.tranches, True)])
            money_row()
            append_row(sheet, [_progress_line(row, overview, lang)])
        append_row(sheet, [render("progress.report.group_total", lang, kind=kind, group=group.group), None,
                           *amounts(group.totals, False)])
        money_row(bold=True)
        sheet[sheet.max_row][0].font = Font(bold=True)
    append_row(sheet, [])
    append_row(sheet, [render("progress.report.total", lang), None, *amounts(overview.totals, False)])
    money_row(bold=True)
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
