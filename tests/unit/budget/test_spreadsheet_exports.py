"""Every CSV and XLSX vaart writes keeps user text as text (OWASP CSV injection), and the decision
register's spreadsheet holds real dates and says in words which columns hold personal data."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bot.domain.budget import Project
from bot.domain.decision_register import RegisterEntry
from bot.reports import budget_report
from bot.reports import decision_register as reg
from bot.reports.spreadsheet import FORMULA_START, csv_text

LINK = '=HYPERLINK("http://x","Klik")'
HOSTILE = [LINK, "@SUM(1+1)*cmd|' /C calc'!A0", "+31 6 1234", "-2+3", "\t=1", "\r=1", "\uff1d1+1"]


def entry(**changes: object) -> RegisterEntry:
    values: dict[str, object] = {
        "number": "ZOD-B-2026-001",
        "decided_on": date(2026, 12, 11),
        "kind": "uitgave",
        "reference": "ZOD-U-2026-0001",
        "subject": LINK,
        "outcome": "akkoord",
        "amount": Decimal("12500.00"),
        "considerations": HOSTILE[1],
        "conditions": (HOSTILE[2],),
        "present": ("=sg1@emmen.nl", "sg2@emmen.nl"),
        "recused": (HOSTILE[3],),
        "objections": (),
        "requester": "@kern@regiodeal-zod.nl",
    }
    values.update(changes)
    return RegisterEntry(**values)  # type: ignore[arg-type]


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_csv_text_marks_every_formula_start_of_owasp_as_text() -> None:
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert start in FORMULA_START
        assert csv_text(f"{start}1+1") == f"'{start}1+1"
    assert csv_text("Zorgbus = vervoer") == "Zorgbus = vervoer"
    assert csv_text("") == ""


@pytest.mark.parametrize("woo", [False, True], ids=["register", "woo"])
def test_no_register_csv_cell_starts_like_a_formula(woo: bool) -> None:
    describe = (lambda email: "=" + email) if woo else None  # even a describer's words are text
    rows = csv_rows(reg.export_csv([entry()], describe))
    assert rows[1][4] == "'" + LINK
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell


def test_every_csv_field_is_quoted_so_a_separator_in_text_cannot_start_a_cell() -> None:
    data = reg.export_csv([entry(subject='Bus;=1+1 "groot"')]).decode("utf-8-sig")
    assert '"Bus;=1+1 ""groot"""' in data
    assert csv_rows(data.encode("utf-8-sig"))[1][4] == 'Bus;=1+1 "groot"'


@pytest.mark.parametrize("woo", [False, True], ids=["register", "woo"])
def test_register_xlsx_holds_hostile_titles_as_string_cells_exactly_as_typed(woo: bool) -> None:
    describe = (lambda email: "=" + email) if woo else None
    sheet = load_workbook(io.BytesIO(reg.export_xlsx([entry()], describe))).active
    assert sheet is not None
    assert sheet["E2"].value == LINK and sheet["E2"].data_type == "s" and sheet["E2"].quotePrefix
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate


def test_register_xlsx_stores_the_decision_date_as_a_date_and_the_amount_as_a_number() -> None:
    sheet = load_workbook(io.BytesIO(reg.export_xlsx([entry()]))).active
    assert sheet is not None
    assert sheet["B1"].value == "Datum"
    assert sheet["B2"].is_date and sheet["B2"].value.date() == date(2026, 12, 11)
    assert sheet["B2"].number_format == "DD-MM-YYYY"
    assert sheet["G2"].value == 12500 and sheet["G2"].data_type == "n"


@pytest.mark.parametrize("woo", [False, True], ids=["register", "woo"])
def test_personal_data_column_names_the_columns_in_words_not_code_paths(woo: bool) -> None:
    describe = (lambda email: "Stuurgroep") if woo else None
    rows = csv_rows(reg.export_csv([entry()], describe))
    assert rows[0][-1] == "Persoonsgegevens in"
    assert rows[1][-1] == "Aanwezig (besluitvormend), Onthouden, Aanvrager"
    english = csv_rows(reg.export_csv([entry(recused=())], describe, lang="en"))
    assert english[1][-1] == "Present (deciding), Requester"
    sheet = load_workbook(io.BytesIO(reg.export_xlsx([entry(requester=None)], describe))).active
    assert sheet is not None
    assert sheet.cell(2, sheet.max_column).value == "Aanwezig (besluitvormend), Onthouden"


def test_a_control_character_in_text_does_not_break_the_xlsx_export() -> None:
    sheet = load_workbook(io.BytesIO(reg.export_xlsx([entry(subject="Bus\x01\x1fgroot")]))).active
    assert sheet is not None
    assert sheet["E2"].value == "Bus\ufffd\ufffdgroot"


def hostile_report() -> budget_report.BudgetReport:
    projects = [
        Project("P1", "Zorgbus", LINK, "-Gemeente Emmen", {"=1e tranche": Decimal("1000.00")}),
        Project("P2", "Fietspad", "@Wonen", "+Provincie", {"=1e tranche": Decimal("-250.00")}),
    ]
    return budget_report.compute_report(projects)


def test_budget_report_csv_keeps_imported_names_as_text_and_negative_amounts_as_numbers() -> None:
    rows = csv_rows(budget_report.export_csv(hostile_report()))
    assert rows[0][1] == "'=1e tranche"
    names = [row[0] for row in rows[1:]]
    assert "'" + LINK in names and "'@Wonen" in names
    for row in rows:
        assert not row[0].startswith(FORMULA_START)
    assert "-250,00" in [cell for row in rows for cell in row]  # an amount we formatted is no text


def test_budget_report_xlsx_has_no_formula_cells() -> None:
    sheet = load_workbook(io.BytesIO(budget_report.export_xlsx(hostile_report()))).active
    assert sheet is not None
    assert sheet["B1"].value == "=1e tranche" and sheet["B1"].data_type == "s"
    texts = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    assert texts[LINK] == "s" and texts["@Wonen"] == "s"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert any(cell.value == -250 and cell.data_type == "n" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_register_written_in_chunks_is_byte_for_byte_the_register_written_at_once(count: int) -> None:
    """`vaart decisions` writes the register a line or a record at a time (constant memory at any
    size); joined, the chunks are the one-piece exports: JSON as `json.dumps(indent=2)` lays it
    out, CSV as the csv module writes it (the file's BOM added by the caller)."""
    import json

    entries = [entry(number=f"ZOD-B-2026-{n:03d}", considerations=f"Regel een\nregel {n} \"citaat\" €") for n in
               range(count)]
    records = [reg.to_record(e) for e in entries]
    assert "".join(reg.json_chunks(entries)).encode() == reg.export_json(entries)
    assert reg.export_json(entries) == (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode()
    assert "".join(reg.text_chunks(entries, "en")) == reg.render_text(entries, "en")
    assert ("\ufeff" + "".join(reg.csv_chunks(entries))).encode() == reg.export_csv(entries)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerows(csv_rows(reg.export_csv(entries)))
    assert reg.export_csv(entries) == buffer.getvalue().encode("utf-8-sig")
