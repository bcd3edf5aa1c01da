"""The decision register for reading and for publication under the Woo (Wet open overheid).

Every record says which of its fields hold personal data (`persoonsgegevens`): who was present,
who was recused, who asked for the money. The Woo variant replaces those e-mail addresses with
function and organisation ("Stuurgroep, Gemeente Emmen"), or with the ground for withholding
(art. 5.1 lid 2 sub e Woo) when the person is not in the people store. Exports: JSON, CSV
(semicolons, decimal commas, UTF-8 with BOM, as Dutch Excel opens it) and XLSX (real dates and
amounts); in both spreadsheet formats user text stays text (`bot.reports.spreadsheet`).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from bot.domain.decision_register import RegisterEntry
from bot.domain.money import format_euro
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.messages import render
from bot.reports.spreadsheet import Value, append_row, csv_bytes, csv_lines, csv_text

Describe = Callable[[str], str]
COLUMNS = (
    "number",
    "date",
    "kind",
    "reference",
    "subject",
    "outcome",
    "amount",
    "considerations",
    "conditions",
    "present",
    "recused",
    "objections",
    "requester",
    "under_objection",
)
PERSONAL = ("present", "recused", "requester")


def personal_fields(entry: RegisterEntry) -> list[str]:
    """The fields of *entry*'s record that hold personal data (JSON paths)."""
    fields = []
    if entry.present:
        fields.append("consensus.present")
    if entry.recused:
        fields.append("consensus.recused")
    if entry.requester:
        fields.append("requester")
    return fields


def woo_describer(people: Iterable[Person], programme: Programme, lang: str = "nl") -> Describe:
    """E-mail address -> "function, organisation" from the people store; unknown -> the Woo ground."""
    known = {p.email: p for p in people}
    redacted = render("register.redacted", lang)

    def describe(email: str) -> str:
        person = known.get(email)
        if person is None or not person.roles:
            return redacted
        roles = ", ".join(programme.role_name(r, lang) for r in person.roles)
        return f"{roles}, {person.organisation}" if person.organisation else roles

    return describe


def to_record(entry: RegisterEntry, describe: Describe | None = None) -> dict[str, Any]:
    """One register row as a JSON-able dict; with *describe* the personal data is replaced."""

    def people(emails: Sequence[str]) -> list[str]:
        return [describe(e) for e in emails] if describe else list(emails)

    requester = entry.requester
    if requester and describe:
        requester = describe(requester)
    return {
        "number": entry.number,
        "date": entry.decided_on.isoformat(),
        "kind": entry.kind,
        "reference": entry.reference,
        "subject": entry.subject,
        "outcome": entry.outcome,
        "amount": str(entry.amount) if entry.amount is not None else None,
        "amount_text": format_euro(entry.amount) if entry.amount is not None else None,
        "considerations": entry.considerations,
        "conditions": list(entry.conditions),
        "consensus": {
            "present": people(entry.present),
            "recused": people(entry.recused),
            "objections": list(entry.objections),
        },
        "requester": requester,
        "persoonsgegevens": personal_fields(entry),
        "gelakt": describe is not None,
        "under_objection": entry.under_objection,
    }


class RegisterLine(Protocol):
    """What one line of the register shows (a `RegisterEntry`, or the chat's `DecisionSummary`)."""

    @property
    def number(self) -> str: ...
    @property
    def decided_on(self) -> date: ...
    @property
    def outcome(self) -> str: ...
    @property
    def amount(self) -> Decimal | None: ...
    @property
    def reference(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def under_objection(self) -> int: ...


def decision_line(e: RegisterLine, lang: str = "nl") -> str:
    """One decision as the register's text (and the chat's `besluiten`) shows it."""
    return render(
        "decisions.line",
        lang,
        number=e.number,
        date=e.decided_on.isoformat(),
        outcome=render(f"outcome.{e.outcome}", lang),
        amount=format_euro(e.amount) if e.amount is not None else "-",
        reference=e.reference,
        subject=e.subject,
    ) + (render("decisions.under_objection", lang, count=e.under_objection) if e.under_objection else "")


def render_text(entries: Sequence[RegisterEntry], lang: str = "nl") -> str:
    return "".join(text_chunks(entries, lang))


def text_chunks(entries: Sequence[RegisterEntry], lang: str = "nl") -> Iterator[str]:
    """`render_text` a line at a time (`vaart decisions` writes the register as it goes)."""
    if not entries:
        yield render("decisions.none", lang)
        return
    yield render("decisions.header", lang)
    for e in entries:
        yield "\n" + decision_line(e, lang)


def export_json(entries: Sequence[RegisterEntry], describe: Describe | None = None) -> bytes:
    return "".join(json_chunks(entries, describe)).encode("utf-8")


def json_chunks(entries: Sequence[RegisterEntry], describe: Describe | None = None) -> Iterator[str]:
    """The text of `json.dumps([records], indent=2)` plus a newline, one record at a time: each
    record is dumped on its own and indented one level, exactly as the encoder nests it."""
    if not entries:
        yield "[]\n"
        return
    for index, entry in enumerate(entries):
        record = json.dumps(to_record(entry, describe), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        yield ("[\n  " if index == 0 else ",\n  ") + record
    yield "\n]\n"


def _headers(lang: str) -> list[str]:
    """Column headings; the ones with personal data carry a *."""
    return [render(f"register.{c}", lang) + ("*" if c in PERSONAL else "") for c in COLUMNS]


def personal_columns(entry: RegisterEntry, lang: str) -> str:
    """The "Persoonsgegevens in" cell: the headings of the columns with personal data, in words."""
    names = {"consensus.present": "present", "consensus.recused": "recused", "requester": "requester"}
    return ", ".join(render(f"register.{names[field]}", lang) for field in personal_fields(entry))


def _texts(record: Mapping[str, Any], lang: str) -> dict[str, str]:
    """The register's text columns of one record (everything but number, date and amount)."""
    consensus = record["consensus"]
    return {
        "kind": render(f"register.kind.{record['kind']}", lang),
        "reference": record["reference"],
        "subject": record["subject"],
        "outcome": render(f"outcome.{record['outcome']}", lang),
        "considerations": record["considerations"],
        "conditions": "; ".join(record["conditions"]),
        "present": "; ".join(consensus["present"]),
        "recused": "; ".join(consensus["recused"]),
        "objections": "; ".join(consensus["objections"]),
        "requester": record["requester"] or "",
    }


def _row(entry: RegisterEntry, describe: Describe | None, lang: str) -> list[Value]:
    """One register row in column order: text as str, the date as a date, the amount as a Decimal."""
    texts = _texts(to_record(entry, describe), lang)
    typed: dict[str, Value] = {"number": entry.number, "date": entry.decided_on, "amount": entry.amount,
                               "under_objection": entry.under_objection}
    return [typed[c] if c in typed else texts[c] for c in COLUMNS] + [personal_columns(entry, lang)]


def _csv_field(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, date):
        return value.isoformat()
    return csv_text(str(value))


def export_csv(entries: Sequence[RegisterEntry], describe: Describe | None = None, lang: str = "nl") -> bytes:
    """The register as CSV; every text field is safe from formula injection (`bot.reports.spreadsheet`)."""
    return csv_bytes(_csv_rows(entries, describe, lang))


def csv_chunks(entries: Sequence[RegisterEntry], describe: Describe | None = None, lang: str = "nl") -> Iterator[str]:
    """`export_csv` a line at a time, as text (the caller adds the BOM where a file wants one)."""
    return csv_lines(_csv_rows(entries, describe, lang))


def _csv_rows(entries: Sequence[RegisterEntry], describe: Describe | None, lang: str) -> Iterator[list[str]]:
    yield [csv_text(h) for h in [*_headers(lang), render("register.personal_data", lang)]]
    for e in entries:
        yield [_csv_field(v) for v in _row(e, describe, lang)]


def export_xlsx(entries: Sequence[RegisterEntry], describe: Describe | None = None, lang: str = "nl") -> bytes:
    """The register as XLSX: text as string cells (never formulas), real dates, amounts as euros."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = render("register.sheet", lang)[:31]
    append_row(sheet, [*_headers(lang), render("register.personal_data", lang)])
    marked = PatternFill("solid", fgColor="FFF2CC")
    for index, cell in enumerate(sheet[1]):
        cell.font = Font(bold=True)
        if index < len(COLUMNS) and COLUMNS[index] in PERSONAL:
            cell.fill = marked
    for entry in entries:
        append_row(sheet, _row(entry, describe, lang))
    date_column, amount_column = COLUMNS.index("date") + 1, COLUMNS.index("amount") + 1
    for row in sheet.iter_rows(min_row=2):
        row[date_column - 1].number_format = "DD-MM-YYYY"
        row[amount_column - 1].number_format = '"€" #,##0.00'
    sheet.column_dimensions[get_column_letter(date_column)].width = 12
    notes = workbook.create_sheet(render("register.notes_sheet", lang)[:31])
    append_row(notes, [render("register.note", lang)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
