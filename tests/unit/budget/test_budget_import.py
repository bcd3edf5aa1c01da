"""Importing the project tables of the 2021 Uitvoeringsprogramma, in CSV and XLSX, all or nothing."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from bot.domain.errors import Refused
from bot.messages import render
from integrations.budget_import import ImportResult, RejectedRow, read_budget_table
from integrations.budget_import.explain import explain_refusal, explain_result

FIXTURE = Path(__file__).parents[2] / "fixtures" / "uitvoeringsprogramma_2021.csv"
TRANCHES = ("1e tranche", "2e tranche", "3e tranche", "4e tranche", "5e tranche")
# The "Totaal Pijler ..." rows of the seed, per tranche ("" = left empty in the seed).
DECLARED = {
    "Werken": ("957.880", "3.390.972", "25.000", "1.292.000", "3.352.000"),
    "Wonen": ("420.000", "268.000", "846.865", "180.000", "1.192.500"),
    "Welzijn": ("1.066.500", "842.641", "483.000", "", "1.247.800"),
}


def euros(text: str) -> Decimal:
    return Decimal(text.replace(".", "") or "0").quantize(Decimal("0.01"))


def fixture_rows() -> list[list[str]]:
    with FIXTURE.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def line_of(prefix: str) -> int:
    for number, line in enumerate(FIXTURE.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(prefix):
            return number
    raise AssertionError(prefix)


def write_csv(path: Path, rows: list[list[str]], delimiter: str, encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def sums(result: ImportResult) -> dict[str, dict[str, Decimal]]:
    out: dict[str, dict[str, Decimal]] = {}
    for project in result.projects:
        group = out.setdefault(project.group or "", dict.fromkeys(TRANCHES, Decimal("0.00")))
        for tranche, amount in project.tranches.items():
            group[tranche] += amount
    return out


@pytest.fixture(scope="module")
def seed() -> ImportResult:
    return read_budget_table(FIXTURE)


def test_the_seed_table_reproduces_the_declared_totals_per_pijler_and_tranche(seed: ImportResult) -> None:
    assert seed.grouping == "pijler"
    assert seed.tranches == TRANCHES
    computed = sums(seed)
    assert list(computed) == ["Werken", "Wonen", "Welzijn"]
    for pijler, declared in DECLARED.items():
        for tranche, text in zip(TRANCHES, declared, strict=True):
            if (pijler, tranche) == ("Welzijn", "2e tranche"):
                continue  # the seed's one wrong total, below
            assert computed[pijler][tranche] == euros(text), (pijler, tranche)


def test_the_seed_summary_of_the_4th_and_5th_tranche_is_reproduced(seed: ImportResult) -> None:
    # "Totaal bedrag 4e tranche: € 1.472.000,-" and "Totaal bedrag 5e tranche: € 5.792.300,-"
    computed = sums(seed)
    assert sum(c["4e tranche"] for c in computed.values()) == Decimal("1472000.00")
    assert sum(c["5e tranche"] for c in computed.values()) == Decimal("5792300.00")


def test_the_welzijn_total_of_the_2nd_tranche_does_not_match_its_rows_and_is_reported(
    seed: ImportResult,
) -> None:
    assert not seed.ok
    [mismatch] = seed.total_mismatches
    assert mismatch.where.line == line_of("Totaal Pijler Welzijn")
    assert (mismatch.label, mismatch.column, mismatch.scope) == (
        "Totaal Pijler Welzijn",
        "2e tranche",
        "group",
    )
    assert (mismatch.declared, mismatch.computed) == (Decimal("842641.00"), Decimal("842671.00"))
    assert mismatch.difference == Decimal("-30.00")
    assert len(seed.checked_totals) == 14  # 3 x 5 tranches, less Welzijn's empty 4th


def test_a_cell_with_a_remark_instead_of_an_amount_is_kept_and_reported(seed: ImportResult) -> None:
    [remark] = seed.remarks
    assert remark.where.line == line_of("4.1 Integrated care")
    assert (remark.column, remark.text, remark.project) == (
        "2e tranche",
        "Bijdrage uit Kansen4 Kinderen",
        "Welzijn:4.1",
    )
    project = next(p for p in seed.projects if p.reference == "Welzijn:4.1")
    assert project.tranches == {} and project.remarks == ("2e tranche: Bijdrage uit Kansen4 Kinderen",)


def test_footnote_marks_are_stripped_from_amounts_and_their_text_kept(seed: ImportResult) -> None:
    jobs = next(p for p in seed.projects if p.name == "New Jobportunities")
    assert jobs.tranches["5e tranche"] == Decimal("90000.00")
    assert any("180.000 euro gereserveerd" in r for r in jobs.remarks)
    # the seed's third footnote is marked "* *": read as "**", so two texts share that mark
    assert [w.code for w in seed.warnings] == ["budget_import.footnote_duplicate"]


def test_a_split_project_becomes_a_head_with_its_parts(seed: ImportResult) -> None:
    head = next(p for p in seed.projects if p.reference == "Wonen:2.4")
    parts = [p for p in seed.projects if p.parent == "Wonen:2.4"]
    assert head.tranches == {} and head.penvoerder == "gem. Emmen en Hardenberg"
    assert [(p.reference, p.penvoerder, p.total) for p in parts] == [
        ("Wonen:2.4a", "gem. Emmen", Decimal("700000.00")),
        ("Wonen:2.4b", "gem. Hardenberg", Decimal("548000.00")),
    ]
    assert parts[0].name.endswith(": Emmerhout - Emmen")
    assert head.progress[0].text.startswith("Emmerhout Voor dit proeftuinproject")


def test_progress_texts_keep_their_reporting_moment(seed: ImportResult) -> None:
    osh = next(p for p in seed.projects if p.reference == "Werken:1.1")
    assert osh.penvoerder == "gem. Borger-Odoorn"
    assert osh.progress[0].moment == "maart"
    assert osh.progress[0].text.startswith("Op dit moment worden de resultaten")
    k4k = next(p for p in seed.projects if p.reference == "Welzijn:4")
    assert k4k.progress[0].moment == "maand"  # "Voortgang per maand" as the seed has it
    jeugd = next(p for p in seed.projects if p.reference == "Welzijn:4.3")
    assert jeugd.progress[0].moment is None and jeugd.progress[0].text.startswith("Project moet nog starten")


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "utf-8"), (",", "utf-8-sig"), ("\t", "cp1252")])
def test_csv_is_read_with_each_delimiter_and_encoding(
    tmp_path: Path, seed: ImportResult, delimiter: str, encoding: str
) -> None:
    path = write_csv(tmp_path / "tabel.csv", fixture_rows(), delimiter, encoding)
    result = read_budget_table(path)
    assert result.projects == seed.projects
    assert [(m.label, m.column) for m in result.total_mismatches] == [("Totaal Pijler Welzijn", "2e tranche")]


def _xlsx(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    plain = re.compile(r"^\d{1,3}(?:\.\d{3})*$")
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append([int(c.replace(".", "")) if plain.match(c) else (c or None) for c in row])
    workbook.save(path)
    return path


def test_xlsx_with_numbers_and_text_cells_gives_the_same_projects(tmp_path: Path, seed: ImportResult) -> None:
    result = read_budget_table(_xlsx(tmp_path / "tabel.xlsx", {"Uitvoeringsprogramma": fixture_rows()}))
    assert result.projects == seed.projects
    assert [m.where.line for m in result.total_mismatches] == [line_of("Totaal Pijler Welzijn")]
    assert result.total_mismatches[0].where.sheet == "Uitvoeringsprogramma"


def test_xlsx_with_a_sheet_per_pijler_takes_the_sheet_name_as_group(tmp_path: Path) -> None:
    header = ["Project", "Penvoerder", "1e tranche", "2e tranche"]
    path = _xlsx(
        tmp_path / "pijlers.xlsx",
        {
            "Werken": [header, ["1.2 Fablab Coevorden", "gem. Coevorden", "", "179.000"]],
            "Toelichting": [["Deze werkmap is een voorbeeld."]],
            "Wonen": [header, ["2.1 Energiearmoede", "gem. Aa en Hunze", "", "90.000"]],
        },
    )
    result = read_budget_table(path)
    assert [(p.reference, p.group) for p in result.projects] == [
        ("Werken:1.2", "Werken"),
        ("Wonen:2.1", "Wonen"),
    ]


def test_an_unknown_layout_is_refused_naming_the_expected_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "los.csv", [["Naam", "Bedrag"], ["Fablab", "179.000"]], ";")
    with pytest.raises(Refused) as refused:
        read_budget_table(path)
    assert refused.value.code == "budget_import.unknown_layout"
    assert (
        "Penvoerder" in refused.value.params["expected"] and "1e tranche" in refused.value.params["expected"]
    )
    assert refused.value.params["found"] == "Naam | Bedrag"
    assert "Penvoerder" in render("budget_import.unknown_layout", "en", **refused.value.params)


def test_an_unsupported_file_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tabel.ods"
    path.write_bytes(b"")
    with pytest.raises(Refused) as refused:
        read_budget_table(path)
    assert refused.value.code == "budget_import.unsupported_format"


def test_bad_rows_reject_the_whole_file_each_with_its_line_number(tmp_path: Path) -> None:
    rows = [
        ["Projecten Regio Deal"],
        ["Project", "Penvoerder", "1e tranche", "2e tranche"],
        ["1. Goed project", "gem. Emmen", "€ 10.000,00", ""],
        ["2. Dubbelzinnig", "gem. Emmen", "12,500", ""],
        ["3. Negatief", "gem. Emmen", "", "-5.000"],
        ["4. Nul", "gem. Emmen", "0", ""],
        ["5. Te precies", "gem. Emmen", "1.234,567", ""],
        ["6. Zonder penvoerder", "", "1.000", ""],
        ["1. Goed project", "gem. Coevorden", "1.000", ""],
    ]
    with pytest.raises(Refused) as refused:
        read_budget_table(write_csv(tmp_path / "fout.csv", rows, ";"))
    assert refused.value.code == "budget_import.rejected"
    rejected: tuple[RejectedRow, ...] = refused.value.params["rows"]
    assert [(r.line, r.code) for r in rejected] == [
        (4, "amount.ambiguous"),
        (5, "amount.not_positive"),
        (6, "amount.not_positive"),
        (7, "amount.too_many_decimals"),
        (8, "budget_import.no_penvoerder"),
        (9, "budget_import.duplicate_project"),
    ]
    assert refused.value.params["lines"] == "4, 5, 6, 7, 8, 9"
    assert rejected[0].column == "1e tranche"
    explained = explain_refusal(refused.value, "nl")
    assert explained[1].startswith("Regel 4, kolom 1e tranche: Het bedrag '12,500' is dubbelzinnig")


def test_a_grand_total_a_row_total_and_an_empty_total_are_checked_too(tmp_path: Path) -> None:
    rows = [
        ["Pijler", "Nr", "Project", "Penvoerder", "1e tranche", "2e tranche", "Totaal", "Cofinanciering"],
        ["Werken", "1", "Fablab", "gem. Coevorden", "100.000", "50.000", "150.000", "25.000"],
        ["Werken", "2", "IT-hub", "Provincie Drenthe", "", "300.000", "310.000", "n.t.b."],
        ["", "", "Totaal Werken", "", "100.000", "350.000", "450.000", ""],
        ["Wonen", "1", "Energiearmoede", "gem. Aa en Hunze", "90.000", "", "", ""],
        ["", "", "Totaal Wonen", "", "90.000", "", "", ""],
        ["", "", "Totaal generaal", "", "190.000", "350.001", "540.000", ""],
    ]
    result = read_budget_table(write_csv(tmp_path / "totaal.csv", rows, ","))
    assert result.grouping == "pijler"
    found = [(m.where.line, m.column, m.scope, m.declared, m.computed) for m in result.total_mismatches]
    assert found == [
        (3, "Totaal", "row", Decimal("310000.00"), Decimal("300000.00")),
        (6, "Totaal", "group", None, Decimal("90000.00")),  # left empty while its rows hold money
        (7, "2e tranche", "all", Decimal("350001.00"), Decimal("350000.00")),
    ]
    fablab, ithub, _ = result.projects
    assert fablab.reference == "Werken:1" and fablab.cofinanciering == Decimal("25000.00")
    assert ithub.cofinanciering is None and ithub.remarks == ("Cofinanciering: n.t.b.",)


def test_the_explanation_lists_the_mismatch_and_the_remark(seed: ImportResult) -> None:
    lines = explain_result(seed, "nl")
    assert lines[0].startswith("uitvoeringsprogramma_2021.csv: 43 projecten ingelezen, 1 opmerking, 1 ")
    assert any("opgegeven € 842.641,00, de regels tellen op tot € 842.671,00" in line for line in lines)
    assert any("Bijdrage uit Kansen4 Kinderen" in line for line in lines)
    assert all("{" not in line for line in explain_result(seed, "en"))
