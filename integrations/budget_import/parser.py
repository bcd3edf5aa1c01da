"""Interpreting the rows of a budget table the way people keep them.

Below the header, a row is one of: a project ("2.5 Toekomstbestendige woningen smeden" with its
penvoerder and an amount per tranche), a sub-row of a split project (an unnumbered row after a
numbered row without amounts), a progress text ("Voortgang per maart: ..."), a section heading
("OVERZICHT PROJECTEN WONEN, ..." or "Pijler Wonen"), a "Totaal ..." row declaring totals, a
footnote ("* In totaal is ..."), or a repeated header. Amount cells may carry "€", thousands dots,
decimal commas and footnote marks; a cell with words in it is a remark, not an amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from bot.domain.budget import ZERO, ProgressEntry, require_amount
from bot.domain.errors import Refused
from bot.domain.money import parse_amount
from bot.services.ports.budget_import import (
    CellRemark,
    CheckedTotal,
    Footnote,
    ImportWarning,
    Location,
    RejectedRow,
    TotalMismatch,
)
from integrations.budget_import.layout import Layout, cell_text, detect_layout
from integrations.budget_import.sources import Cell, RawRow

_NUMBERED = re.compile(r"^(?:(?:nieuw|vervolg)\s+)?(\d{1,3}(?:\.\d{1,3})*)\.?\s+(\S.*)$", re.IGNORECASE)
_PROJECT_ONLY = re.compile(
    r"^(?:(?:nieuw|vervolg)\s+)?\d{1,3}\.(?:\d{1,3}(?:\.\d{1,3})*)?\s+\S", re.IGNORECASE
)
_TOTAL = re.compile(r"^tota(?:a)?l\b\s*(.*)$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^(\*(?:\s*\*)*)\s*([^*\s].*)$", re.DOTALL)
_HEADING = re.compile(
    r"^(?:overzicht\s+projecten\s+(?P<a>[^,]+?)(?:\s*,.*)?|(?P<kind>pijler|programmalijn)\s*[:\-–]?\s+(?P<b>.+))$",
    re.IGNORECASE | re.DOTALL,
)
_GROUP_WORD = re.compile(r"^(pijler|programmalijn)\b\s*[:\-–]?\s*", re.IGNORECASE)
_PROGRESS_TEXT = re.compile(
    r"^(?:voortgang|vervolg|stand)\s+per\s+([^:]{1,40}):\s*(.*)$", re.IGNORECASE | re.DOTALL
)
_MARK = re.compile(r"^(?P<body>.*?)\s*(?P<mark>\*(?:\s*\*)*)$", re.DOTALL)
_CURRENCY = re.compile(r"^(?:€|eur(?:o)?\b)\s*|\s*(?:€|eur(?:o)?)$", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_ZERO = re.compile(r"^0+(?:[.,]0+)?(?:,-)?$")
_DASHES = {"-", "–", "—"}


@dataclass(frozen=True)
class CellValue:
    amount: Decimal | None = None
    mark: str | None = None
    remark: str | None = None


def read_cell(cell: Cell, *, allow_zero: bool = False) -> CellValue:
    """An amount cell: empty, an amount (with its footnote mark), or a remark. Bad amounts raise."""
    if cell is None:
        return CellValue()
    if isinstance(cell, Decimal):
        return CellValue(amount=require_amount(cell, allow_zero=allow_zero))
    text = cell.strip()
    if not text or text in _DASHES:
        return CellValue()
    mark = None
    marked = _MARK.match(text)
    if marked:
        mark = "".join(marked.group("mark").split())
        text = marked.group("body").strip()
        if not text:
            return CellValue(remark=cell.strip())
    core = _CURRENCY.sub("", text).strip()
    if _LETTER.search(core):
        return CellValue(remark=cell.strip(), mark=mark)
    if allow_zero and _ZERO.match(core):
        return CellValue(amount=ZERO, mark=mark)
    return CellValue(amount=parse_amount(core), mark=mark)


def _group_name(text: str) -> str:
    name = " ".join(text.split()).strip(" :-–")
    return name.capitalize() if name.isupper() else name


@dataclass
class Draft:
    """A project row while the file is still being read (groups and references come later)."""

    where: Location
    number: str | None
    name: str
    penvoerder: str
    group: str | None
    tranches: dict[str, Decimal] = field(default_factory=dict)
    cofinanciering: Decimal | None = None
    remarks: list[str] = field(default_factory=list)
    progress: list[ProgressEntry] = field(default_factory=list)
    marks: list[tuple[str, str]] = field(default_factory=list)
    parent: Draft | None = None
    children: list[Draft] = field(default_factory=list)
    reference: str = ""


@dataclass
class TableParse:
    """The outcome of one table; the caller merges tables and decides on rejections."""

    layout: Layout
    grouping: str | None
    drafts: list[Draft] = field(default_factory=list)
    remarks: list[CellRemark] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    mismatches: list[TotalMismatch] = field(default_factory=list)
    checked: list[CheckedTotal] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)


class _TableParser:
    def __init__(self, layout: Layout, fallback_group: str | None) -> None:
        self.layout = layout
        self.fallback_group = fallback_group
        self.out = TableParse(layout, layout.grouping)
        self.heading: str | None = None
        self.section: list[Draft] = []  # leaf rows since the previous total
        self.totals_seen = 0
        self.last: Draft | None = None  # the row progress texts belong to
        self.open_parent: Draft | None = None  # a numbered row without amounts

    # -- rows -------------------------------------------------------------------------------
    def row(self, raw: RawRow) -> None:
        cells = raw.cells
        filled = [(i, cell_text(c)) for i, c in enumerate(cells) if cell_text(c)]
        if not filled:
            return
        if detect_layout(cells) is not None:
            return  # the header repeated on the next page
        first = filled[0][1]
        total = _TOTAL.match(first)
        if total and filled[0][0] not in {c for c, _ in self.layout.tranches}:
            self.total_row(raw, first, total.group(1))
            return
        if len(filled) == 1:
            footnote = _FOOTNOTE.match(first)
            if footnote:
                mark = "".join(footnote.group(1).split())
                self.out.footnotes.append(Footnote(raw.where, mark, footnote.group(2).strip()))
                return
            if filled[0][0] == self.layout.project and _PROJECT_ONLY.match(first):
                self.project_row(raw)  # a numbered project without penvoerder: the head of a split project
                return
            heading = _HEADING.match(first)
            if heading:
                self.set_heading(
                    raw.where, heading.group("a") or heading.group("b") or "", heading.group("kind")
                )
                return
            self.progress_text(raw.where, first)
            return
        self.project_row(raw)

    def set_heading(self, where: Location, name: str, kind: str | None) -> None:
        self.heading = _group_name(name)
        self.open_parent = None
        self.last = None
        if kind and self.out.grouping is None:
            self.out.grouping = kind.casefold()

    def progress_text(self, where: Location, text: str, moment: str | None = None) -> None:
        target = self.last.parent if self.last is not None and self.last.parent is not None else self.last
        if target is None:
            self.out.warnings.append(ImportWarning(where, "budget_import.text_ignored", {"text": text[:80]}))
            return
        found = _PROGRESS_TEXT.match(text)
        if found:
            moment, text = found.group(1).strip(), found.group(2).strip()
        target.progress.append(ProgressEntry(moment, text))

    def _cell(self, cells: tuple[Cell, ...], column: int | None) -> Cell:
        if column is None or column >= len(cells):
            return None
        return cells[column]

    def project_row(self, raw: RawRow) -> None:
        layout, cells, where = self.layout, raw.cells, raw.where
        problems: list[RejectedRow] = []
        label = cell_text(self._cell(cells, layout.project))
        penvoerder = cell_text(self._cell(cells, layout.penvoerder))
        number = cell_text(self._cell(cells, layout.reference)) or None
        name = label
        numbered = _NUMBERED.match(label)
        if numbered and number is None:
            number, name = numbered.group(1), numbered.group(2).strip()
        elif numbered:
            name = numbered.group(2).strip()
        amounts: dict[str, Decimal] = {}
        marks: list[tuple[str, str]] = []
        cell_remarks: list[tuple[str, str]] = []
        for column, tranche in layout.tranches:
            try:
                value = read_cell(self._cell(cells, column))
            except Refused as refusal:
                problems.append(RejectedRow(where, refusal.code, layout.name(column), dict(refusal.params)))
                continue
            if value.amount is not None:
                amounts[tranche] = value.amount
            if value.remark is not None:
                cell_remarks.append((tranche, value.remark))
            if value.mark is not None:
                marks.append((tranche, value.mark))
        cofinancing: Decimal | None = None
        try:
            cof = read_cell(self._cell(cells, layout.cofinancing), allow_zero=True)
            cofinancing = cof.amount
            if cof.remark is not None and layout.cofinancing is not None:
                cell_remarks.append((layout.name(layout.cofinancing), cof.remark))
        except Refused as refusal:
            problems.append(
                RejectedRow(where, refusal.code, layout.name(layout.cofinancing or 0), dict(refusal.params))
            )
        row_total: Decimal | None = None
        try:
            row_total = read_cell(self._cell(cells, layout.total), allow_zero=True).amount
        except Refused as refusal:
            problems.append(
                RejectedRow(where, refusal.code, layout.name(layout.total or 0), dict(refusal.params))
            )
        parent = self.open_parent if number is None else None
        if not name:
            problems.append(RejectedRow(where, "budget_import.no_project", layout.name(layout.project)))
        head_only = number is not None and not amounts and not cell_remarks
        if not penvoerder and not head_only:
            if parent is not None and parent.penvoerder:
                penvoerder = parent.penvoerder
            else:
                problems.append(
                    RejectedRow(
                        where,
                        "budget_import.no_penvoerder",
                        layout.name(layout.penvoerder),
                        {"project": name},
                    )
                )
        if problems:
            self.out.rejected.extend(problems)
            return
        group = cell_text(self._cell(cells, layout.group)) or None
        if group is None and parent is not None:
            group = parent.group
        draft = Draft(
            where, number, name, penvoerder, group or self.heading, amounts, cofinancing, parent=parent
        )
        for heading, text in cell_remarks:
            draft.remarks.append(f"{heading}: {text}")
            self.out.remarks.append(CellRemark(where, heading, text, None))
        remark = cell_text(self._cell(cells, layout.remark))
        if remark:
            draft.remarks.append(remark)
        draft.marks = marks
        if parent is not None:
            parent.children.append(draft)
        self.out.drafts.append(draft)
        self.section.append(draft)
        self.last = draft
        if number is not None:
            self.open_parent = draft if not amounts and not cell_remarks else None
        progress = cell_text(self._cell(cells, layout.progress))
        if progress:
            found = _PROGRESS_TEXT.match(progress)
            if found:
                draft.progress.append(ProgressEntry(found.group(1).strip(), found.group(2).strip()))
            else:
                draft.progress.append(ProgressEntry(layout.progress_moment, progress))
        if row_total is not None and row_total != sum(amounts.values(), ZERO):
            total_name = layout.name(layout.total or 0)
            self.out.mismatches.append(
                TotalMismatch(where, label, total_name, row_total, sum(amounts.values(), ZERO), "row")
            )

    def total_row(self, raw: RawRow, label: str, rest: str) -> None:
        layout, where = self.layout, raw.where
        declared: dict[str, Decimal | None] = {}
        problems = []
        columns = [*layout.tranches, *([(layout.total, "Totaal")] if layout.total is not None else [])]
        for column, tranche in columns:
            try:
                declared[tranche] = read_cell(self._cell(raw.cells, column), allow_zero=True).amount
            except Refused as refusal:
                problems.append(RejectedRow(where, refusal.code, layout.name(column), dict(refusal.params)))
        if problems:
            self.out.rejected.extend(problems)
            return
        scope_rows = self.section if self.section or not self.totals_seen else self.out.drafts
        scope = "group" if self.section or not self.totals_seen else "all"
        for _column, tranche in columns:
            if tranche == "Totaal":
                computed = sum(
                    (d.tranches.get(t, ZERO) for d in scope_rows for _, t in layout.tranches), ZERO
                )
            else:
                computed = sum((d.tranches.get(tranche, ZERO) for d in scope_rows), ZERO)
            value = declared[tranche]
            if value is None and computed == 0:
                continue
            name = tranche
            self.out.checked.append(CheckedTotal(where, label, name, value, computed, scope))
            if value != computed:
                self.out.mismatches.append(TotalMismatch(where, label, name, value, computed, scope))
        if scope == "group":
            kind = _GROUP_WORD.match(rest)
            if kind and self.out.grouping is None:
                self.out.grouping = kind.group(1).casefold()
            named = _group_name(_GROUP_WORD.sub("", rest)) if rest.strip() else ""
            if named and self.heading and self.heading.casefold() != named.casefold():
                self.out.warnings.append(
                    ImportWarning(
                        where, "budget_import.group_conflict", {"heading": self.heading, "total": named}
                    )
                )
            if named:
                for draft in scope_rows:
                    if draft.group is None:
                        draft.group = named
        self.totals_seen += 1
        self.heading = None
        self.section = []
        self.open_parent = None
        self.last = None


def parse_table(
    rows: tuple[RawRow, ...], start: int, layout: Layout, fallback_group: str | None
) -> TableParse:
    """Interpret the rows after the header at index *start*."""
    parser = _TableParser(layout, fallback_group)
    for raw in rows[start + 1 :]:
        parser.row(raw)
    out = parser.out
    for draft in out.drafts:
        if draft.group is None:
            draft.group = fallback_group
    return out
