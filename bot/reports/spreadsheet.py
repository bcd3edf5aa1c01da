"""Text cells that stay text in every spreadsheet: the defence against formula (CSV) injection.

Anyone may submit an idea, so a title like `=HYPERLINK("http://...","Klik hier")` reaches the
exports. Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-`, `@`, a tab
or a carriage return as a formula. Following OWASP's CSV-injection guidance every CSV field is
quoted and a text field that starts with one of those characters gets a leading `'` (the
spreadsheets' own "this is text" mark); in XLSX a text cell is written as a string cell (never a
formula) with Excel's quote prefix, so the title shows exactly as typed and stays text when edited.
Numbers and dates we produce ourselves are written as numbers and dates, never through here.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

# OWASP's list (=, +, -, @, tab, CR), plus LF and NUL (ASVS 1.2.10) and the full-width forms that
# some Excel locales read as the same operators
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# characters an XLSX file cannot hold (openpyxl refuses them): shown as the replacement character
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
Value = str | int | Decimal | date | None


def is_risky(text: str) -> bool:
    """Would a spreadsheet read *text* as a formula?"""
    return text.startswith(FORMULA_START)


def csv_text(text: str) -> str:
    """A CSV text field that no spreadsheet evaluates."""
    return "'" + text if is_risky(text) else text


def csv_bytes(rows: Iterable[Sequence[str]]) -> bytes:
    """Semicolons, every field quoted, CRLF, UTF-8 with BOM: what Dutch Excel opens directly.

    The fields are final strings: text went through `csv_text`, amounts were formatted by the caller.
    """
    return "".join(csv_lines(rows)).encode("utf-8-sig")


def csv_lines(rows: Iterable[Sequence[str]]) -> Iterator[str]:
    """The lines of `csv_bytes` as text, one row at a time, without the BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def append_row(sheet: Any, values: Sequence[Value]) -> None:
    """Append *values* to an openpyxl worksheet; every str becomes a string cell, never a formula."""
    sheet.append([_NOT_IN_XML.sub("\ufffd", v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl made a formula of a leading "="; this is text
            if is_risky(cell.value):
                cell.quotePrefix = True  # Excel keeps it text when someone edits the cell
