"""Importing the budget tables people keep (CSV or XLSX), shaped like the 2021 Uitvoeringsprogramma.

``read_budget_table(path)`` reads one file completely. All or nothing: when any row cannot be
read (a bad amount, a project without penvoerder, a duplicate project) it raises
``Refused("budget_import.rejected", rows=..., count=..., lines=...)`` listing every rejected row
with its line number, so nothing half-read reaches the store. Otherwise it returns an
``ImportResult``; a declared total that differs from its rows does not raise but makes
``result.ok`` False, with each difference in ``result.total_mismatches``: show them, and store
the projects only when ``ok`` or when the user has accepted those differences.
A file in an unknown layout raises ``Refused("budget_import.unknown_layout", expected=...)``.
"""

from __future__ import annotations

from pathlib import Path

from bot.domain.errors import Refused
from bot.services.ports.budget_import import (
    EXPECTED_COLUMNS,
    OPTIONAL_COLUMNS,
    CellRemark,
    CheckedTotal,
    Footnote,
    ImportResult,
    ImportWarning,
    Location,
    RejectedRow,
    TotalMismatch,
)
from integrations.budget_import.assemble import finish
from integrations.budget_import.layout import Layout, detect_layout, tranche_label
from integrations.budget_import.parser import TableParse, parse_table, read_cell
from integrations.budget_import.sources import (
    FORMATS,
    RawTable,
    csv_readings,
    decode,
    read_bytes,
    xlsx_tables,
)

__all__ = [
    "EXPECTED_COLUMNS",
    "CellRemark",
    "CheckedTotal",
    "Footnote",
    "ImportResult",
    "ImportWarning",
    "Location",
    "RejectedRow",
    "TotalMismatch",
    "read_budget_table",
    "read_cell",
]


def _find_header(table: RawTable) -> tuple[int, Layout] | None:
    for index, raw in enumerate(table.rows):
        layout = detect_layout(raw.cells)
        if layout is not None:
            return index, layout
    return None


def _found_text(tables: list[RawTable]) -> str:
    for table in tables:
        for raw in table.rows:
            cells = [str(c).strip() for c in raw.cells if c is not None and str(c).strip()]
            if cells:
                return " | ".join(cells)[:200]
    return ""


def _unknown_layout(tables: list[RawTable]) -> Refused:
    return Refused(
        "budget_import.unknown_layout",
        expected=EXPECTED_COLUMNS,
        optional=OPTIONAL_COLUMNS,
        found=_found_text(tables),
    )


def _csv_table(path: Path) -> list[tuple[RawTable, int, Layout]]:
    text = decode(read_bytes(path))
    best: tuple[RawTable, int, Layout] | None = None
    tables = []
    for _delimiter, table in csv_readings(text):
        tables.append(table)
        found = _find_header(table)
        if found is not None and (best is None or found[1].width > best[2].width):
            best = (table, found[0], found[1])
    if best is None:
        raise _unknown_layout(tables[:1])
    return [best]


def _xlsx_tables(path: Path) -> list[tuple[RawTable, int, Layout]]:
    sheets = xlsx_tables(path)
    found = []
    for table in sheets:
        header = _find_header(table)
        if header is not None:
            found.append((table, header[0], header[1]))
    if not found:
        raise _unknown_layout(sheets)
    return found


def read_budget_table(path: str | Path) -> ImportResult:
    """Read a .csv, .txt or .xlsx budget table completely, or refuse it as a whole."""
    file = Path(path)
    suffix = file.suffix.casefold()
    if suffix in (".csv", ".txt"):
        tables = _csv_table(file)
    elif suffix == ".xlsx":
        tables = _xlsx_tables(file)
    else:
        raise Refused("budget_import.unsupported_format", name=file.name, formats=FORMATS)
    several = len(tables) > 1
    parses: list[TableParse] = [
        parse_table(table.rows, start, layout, table.name if several else None)
        for table, start, layout in tables
    ]
    projects, remarks, warnings, rejected = finish(parses)
    rejected = [r for p in parses for r in p.rejected] + rejected
    if rejected:
        rejected.sort(key=lambda r: (r.where.sheet or "", r.where.line))
        raise Refused(
            "budget_import.rejected",
            name=file.name,
            count=str(len(rejected)),
            lines=", ".join(dict.fromkeys(str(r.where) for r in rejected)),
            rows=tuple(rejected),
        )
    numbers = sorted({int(label.split("e")[0]) for p in parses for _, label in p.layout.tranches})
    groupings = {p.grouping for p in parses if p.grouping}
    return ImportResult(
        source=file.name,
        tranches=tuple(tranche_label(n) for n in numbers),
        grouping=groupings.pop() if len(groupings) == 1 else None,
        projects=tuple(projects),
        remarks=tuple(remarks),
        footnotes=tuple(f for p in parses for f in p.footnotes),
        total_mismatches=tuple(m for p in parses for m in p.mismatches),
        checked_totals=tuple(c for p in parses for c in p.checked),
        warnings=tuple(warnings),
    )
