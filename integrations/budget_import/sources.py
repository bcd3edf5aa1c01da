"""Reading a budget table file into plain rows of cells, before anything is interpreted.

CSV/TXT: the encoding is UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
else Windows-1252; the delimiter is one of ``;`` ``,`` and tab, chosen by which one yields a
recognisable header. XLSX: every sheet, values as Excel computed them. Numbers from Excel arrive
as Decimal (via their shortest text form, so 122880.0 stays 122880), text as str.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from bot.domain.errors import Refused
from bot.services.ports.budget_import import Location

Cell = str | Decimal | None
DELIMITERS = (";", "\t", ",")
FORMATS = ".csv, .txt, .xlsx"


@dataclass(frozen=True)
class RawRow:
    where: Location
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class RawTable:
    """The rows of one CSV reading (one delimiter) or one XLSX sheet."""

    name: str | None
    rows: tuple[RawRow, ...]


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252 (Latin-1 for its five holes)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def csv_readings(text: str) -> list[tuple[str, RawTable]]:
    """The text read with each candidate delimiter; the caller keeps the one that makes sense."""
    readings = []
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = []
        start = 1
        for cells in reader:
            rows.append(RawRow(Location(start), tuple(c if c.strip() else None for c in cells)))
            start = reader.line_num + 1
        readings.append((delimiter, RawTable(None, tuple(rows))))
    return readings


def _xlsx_cell(value: object) -> Cell:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


def xlsx_tables(path: Path) -> list[RawTable]:
    """Every sheet of a workbook as rows, numbered as Excel numbers them."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise Refused("budget_import.unreadable", name=path.name) from exc
    try:
        tables = []
        for sheet in workbook.worksheets:
            rows = [
                RawRow(Location(number, sheet.title), tuple(_xlsx_cell(v) for v in values))
                for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
            ]
            tables.append(RawTable(sheet.title, tuple(rows)))
        return tables
    finally:
        workbook.close()


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Refused("budget_import.unreadable", name=path.name) from exc
