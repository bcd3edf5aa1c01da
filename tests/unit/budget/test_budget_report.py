"""The 2021 report tables, allocated/spent/remaining, and their text, JSON, chart, CSV and XLSX forms."""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.domain.budget import ZERO, LedgerEntry, LedgerKind, Project
from bot.domain.timezone import AMSTERDAM
from bot.reports.budget_report import (
    BudgetReport,
    GroupRow,
    chart_png,
    compute_report,
    export_csv,
    export_xlsx,
    render_text,
    to_dict,
    tranche_order,
)
from integrations.budget_import import read_budget_table

FIXTURE = Path(__file__).parents[2] / "fixtures" / "uitvoeringsprogramma_2021.csv"
AT = datetime(2021, 6, 1, 12, 0, tzinfo=AMSTERDAM)


@pytest.fixture(scope="module")
def projects() -> tuple[Project, ...]:
    return read_budget_table(FIXTURE).projects


@pytest.fixture(scope="module")
def report(projects: tuple[Project, ...]) -> BudgetReport:
    ledger = [
        LedgerEntry("werken", LedgerKind.ALLOCATION, amount, AT, p.reference, tranche)
        for p in projects
        for tranche, amount in p.tranches.items()
    ]
    ledger += [
        LedgerEntry("werken", LedgerKind.REALISATION, Decimal("100000.00"), AT, "Werken:2"),
        LedgerEntry("werken", LedgerKind.RELEASE, Decimal("5000.00"), AT, "Werken:13"),
        LedgerEntry("mandaat", LedgerKind.ALLOCATION, Decimal("49999.99"), AT, "ZOD-B-1"),
        LedgerEntry("mandaat", LedgerKind.REALISATION, Decimal("10000.00"), AT, "ZOD-B-1"),
    ]
    return compute_report(projects, ledger, by="pijler", line_groups={"mandaat": "Mandaat"})


def row(report: BudgetReport, group: str) -> GroupRow:
    return next(r for r in report.rows if r.group == group)


def test_the_4th_and_5th_tranche_summary_of_the_2021_report(report: BudgetReport) -> None:
    expected = {  # PROJECTEN ... 4E EN 5E TRANCHE JUNI 2021: projects and € per pijler
        "Werken": ((2, "1292000.00"), (6, "3352000.00")),
        "Wonen": ((1, "180000.00"), (3, "1192500.00")),
        "Welzijn": ((0, "0.00"), (4, "1247800.00")),
    }
    for pijler, ((n4, a4), (n5, a5)) in expected.items():
        r = row(report, pijler)
        assert (r.counts["4e tranche"], r.tranches["4e tranche"]) == (n4, Decimal(a4))
        assert (r.counts["5e tranche"], r.tranches["5e tranche"]) == (n5, Decimal(a5))
    assert report.totals.tranches["4e tranche"] == Decimal("1472000.00")
    assert report.totals.tranches["5e tranche"] == Decimal("5792300.00")


def test_a_split_project_counts_by_its_parts(report: BudgetReport) -> None:
    assert row(report, "Wonen").projects == 11  # ten numbered rows; 2.4 counts as its two parts
    assert row(report, "Werken").projects == 19 and row(report, "Welzijn").projects == 12


def test_allocated_spent_and_remaining_come_from_the_ledger(report: BudgetReport) -> None:
    werken = row(report, "Werken")
    assert werken.allocated == werken.total - Decimal("5000.00")
    assert (werken.spent, werken.remaining) == (Decimal("100000.00"), werken.allocated - Decimal("100000.00"))
    mandaat = row(report, "Mandaat")
    assert (mandaat.allocated, mandaat.spent, mandaat.remaining) == (
        Decimal("49999.99"),
        Decimal("10000.00"),
        Decimal("39999.99"),
    )
    assert report.totals.remaining == sum((r.remaining for r in report.rows), Decimal("0.00"))


def test_grouping_by_penvoerder(projects: tuple[Project, ...]) -> None:
    by_penvoerder = compute_report(projects, by="penvoerder")
    emmen = next(r for r in by_penvoerder.rows if r.group == "gem. Emmen")
    assert emmen.tranches["5e tranche"] == Decimal("2550800.00")  # 15, 17, Emmerhout, 2.1
    assert by_penvoerder.totals.total == compute_report(projects).totals.total


def test_the_text_table_is_dutch_and_aligned(report: BudgetReport) -> None:
    text = render_text(report)
    assert text.startswith("Begroting per pijler en tranche\n")
    assert "€ 3.352.000,00" in text and "Toegekend, beschikt, besteed en resterend" in text
    first_table = text.split("\n\n")[1].splitlines()
    assert len({len(line) for line in first_table}) == 1
    assert first_table[-1].startswith("Totaal")
    assert render_text(report, "en").startswith("Budget by pillar and tranche")
    assert render_text(compute_report([])) == "Er zijn nog geen projecten of boekingen.\n"


def test_the_dict_is_json_with_amounts_as_strings(report: BudgetReport) -> None:
    data = json.loads(json.dumps(to_dict(report)))
    assert data["tranches"] == ["1e tranche", "2e tranche", "3e tranche", "4e tranche", "5e tranche"]
    assert data["totals"]["tranches"]["5e tranche"] == "5792300.00"
    assert data["rows"][0]["group"] == "Werken"


def test_the_chart_is_a_png(report: BudgetReport) -> None:
    assert chart_png(report).startswith(b"\x89PNG\r\n\x1a\n")


def test_csv_export_uses_semicolons_and_decimal_commas(report: BudgetReport) -> None:
    rows = list(csv.reader(io.StringIO(export_csv(report).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Pijler", "1e tranche", "2e tranche"]
    assert rows[0][-5:] == ["Projecten", "Toegekend", "Beschikt", "Besteed", "Resterend"]
    assert rows[1][0] == "Werken" and rows[1][5] == "3352000,00"
    assert rows[-1][0] == "Totaal"


def test_xlsx_export_holds_numbers_formatted_as_euros(report: BudgetReport) -> None:
    sheet = load_workbook(io.BytesIO(export_xlsx(report))).active
    assert sheet is not None
    assert sheet["A1"].value == "Pijler" and sheet["A2"].value == "Werken"
    assert sheet["F2"].value == 3352000 and "€" in sheet["F2"].number_format
    assert sheet["H2"].value == 19  # projects: a count, not euros


def test_tranches_sort_by_their_number() -> None:
    assert tranche_order(["10e tranche", "2e tranche", "overig", "1e tranche"]) == (
        "1e tranche",
        "2e tranche",
        "10e tranche",
        "overig",
    )


def test_ten_thousand_projects_and_a_hundred_thousand_bookings_report_fast() -> None:
    tranches = [f"{n}e tranche" for n in range(1, 6)]
    many = [
        Project(
            f"P{i}",
            f"Project {i}",
            f"Lijn {i % 6}",
            f"Penvoerder {i % 40}",
            {tranches[i % 5]: Decimal("1000.00"), tranches[(i + 2) % 5]: Decimal("250.50")},
        )
        for i in range(10_000)
    ]
    kinds = (
        (LedgerKind.ALLOCATION, Decimal("30.00")),
        (LedgerKind.REALISATION, Decimal("10.00")),
        (LedgerKind.RELEASE, Decimal("5.00")),
    )
    ledger = [
        LedgerEntry("lijn", kinds[i % 3][0], kinds[i % 3][1], AT, f"P{i % 10_000}") for i in range(100_000)
    ]
    started = time.perf_counter()
    result = compute_report(many, ledger, by="programmalijn")
    elapsed = time.perf_counter() - started
    assert result.totals.projects == 10_000
    assert result.totals.total == Decimal("12505000.00")
    assert result.totals.allocated == 33_334 * Decimal("30.00") - 33_333 * Decimal("5.00")
    assert result.totals.spent == 33_333 * Decimal("10.00")
    assert elapsed < 2.0, elapsed


def test_the_report_shows_what_is_beschikt_per_group_beside_allocated_spent_and_remaining() -> None:
    """Part 2 of the cycle: allocated vs beschikt vs realised vs remaining, per group and in total."""
    projects = [Project("A", "Zorgbus", "Zorg", "Treant", {"2027": Decimal("45000.00")}),
                Project("B", "Fablab", "Werken", "Coevorden", {"2027": Decimal("10000.00")})]
    at = datetime(2027, 1, 2, tzinfo=AMSTERDAM)
    ledger = [LedgerEntry("zorg", LedgerKind.ALLOCATION, Decimal("45000.00"), at, "A")]
    report = compute_report(projects, ledger, beschikt={"A": Decimal("40000.00")})
    zorg = next(r for r in report.rows if r.group == "Zorg")
    assert (zorg.allocated, zorg.beschikt, zorg.spent, zorg.remaining) == (
        Decimal("45000.00"), Decimal("40000.00"), ZERO, Decimal("45000.00"))
    assert report.totals.beschikt == Decimal("40000.00")
    assert to_dict(report)["totals"]["beschikt"] == "40000.00"
    text = render_text(report)
    header = next(line for line in text.splitlines() if "Beschikt" in line)
    assert [cell.strip() for cell in header.split("|")] == ["Pijler", "Toegekend", "Beschikt", "Besteed", "Resterend"]
    zorg_line = next(line for line in text.splitlines() if line.startswith("Zorg") and "40.000" in line)
    assert [c.strip() for c in zorg_line.split("|")][1:3] == ["€ 45.000,00", "€ 40.000,00"]
