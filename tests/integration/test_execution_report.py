"""The progress report per reporting moment reads like the 2021 Uitvoeringsprogramma: a store filled
from its table plus the "Voortgang per maart" texts as reports for 2027-03 gives per pijler the
projects with their penvoerder, amounts per tranche, the progress line, the "Totaal Pijler" row;
projects without a report are listed as such. The XLSX keeps every user text a text cell."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.domain.timezone import AMSTERDAM
from bot.reports.progress_report import export_progress_xlsx, render_progress_text
from integrations.budget_import import read_budget_table
from tests.cast import EMAIL
from tests.scenario import ADMIN, register_cast

FIXTURE = Path(__file__).parents[1] / "fixtures" / "uitvoeringsprogramma_2021.csv"
ASK = datetime(2027, 2, 15, 9, 0, tzinfo=AMSTERDAM)
TRANCHES = ["1e tranche", "2e tranche", "3e tranche", "4e tranche", "5e tranche"]
DECLARED = {  # the "Totaal Pijler ..." rows of the 2021 table (Welzijn's 2nd tranche as its rows add up)
    "Werken": ["957.880,00", "3.390.972,00", "25.000,00", "1.292.000,00", "3.352.000,00"],
    "Wonen": ["420.000,00", "268.000,00", "846.865,00", "180.000,00", "1.192.500,00"],
    "Welzijn": ["1.066.500,00", "842.671,00", "483.000,00", "0,00", "1.247.800,00"],
}
HOSTILE = '=HYPERLINK("http://127.0.0.1/x","Klik hier")'


@pytest.fixture
def filled(app: App) -> tuple[App, dict[str, str]]:
    register_cast(app.people)
    table = read_budget_table(FIXTURE)
    app.budget.import_projects(ADMIN, "test", table, accept_differences=True)
    assert isinstance(app.clock, ManualClock)
    app.clock.set(ASK)
    texts = {p.reference: p.progress[0].text for p in table.projects if p.progress}
    for reference, text in texts.items():
        app.execution.progress.report(EMAIL["kernteam"], "test", reference, text, spent=Decimal("1000"))
    return app, texts


def euro(text: str) -> str:
    return f"€ {text}"


def test_the_report_per_pijler_has_the_2021_layout_groups_penvoerder_tranches_totals_and_progress_line(
    filled: tuple[App, dict[str, str]],
) -> None:
    app, texts = filled
    overview = app.execution.progress.overview("2027-03", "pijler", "nl")
    assert [g.group for g in overview.groups] == ["Werken", "Wonen", "Welzijn"]
    assert overview.tranches == tuple(TRANCHES)
    text = render_progress_text(overview, "nl").splitlines()
    assert text[0] == "VOORTGANG PER maart 2027 (per Pijler)"
    start = text.index("PIJLER WERKEN")
    assert text[start + 1] == "PROJECT | PENVOERDER | 1e tranche | 2e tranche | 3e tranche | 4e tranche | 5e tranche"
    assert text[start + 2] == "1.1 Open Science Hub | gem. Borger-Odoorn |  | € 80.000,00 |  |  | € 295.000,00"
    assert text[start + 3] == "   Voortgang per maart 2027: " + texts["Werken:1.1"]
    for pijler, totals in DECLARED.items():
        assert f"Totaal Pijler {pijler} |  | " + " | ".join(map(euro, totals)) in text
    # a project of the table without a "Voortgang per maart" is listed as without a report
    recycling = next(i for i, line in enumerate(text) if line.startswith("5 Haalbaarheidsonderzoek"))
    assert text[recycling + 1] == ("   Voortgang per maart 2027: geen rapportage ontvangen (geen bekende persoon van "
                                   "de penvoerder, het kernteam is gevraagd)")  # nobody of its penvoerder is known
    assert len(overview.missing) == 43 - len(texts)
    assert text[-1] == f"{len(texts)} projecten met rapportage, {43 - len(texts)} zonder."


def test_the_report_by_penvoerder_groups_the_same_projects_by_their_lead_partner(
    filled: tuple[App, dict[str, str]],
) -> None:
    app, _ = filled
    overview = app.execution.progress.overview("2027-03", "penvoerder", "en")
    emmen = next(g for g in overview.groups if g.group == "gem. Emmen")
    assert {r.reference for r in emmen.rows} >= {"Werken:2", "Werken:5", "Werken:11"}
    assert all(r.penvoerder == "gem. Emmen" for r in emmen.rows)
    assert "Progress as of March 2027: no report received" in render_progress_text(overview, "en")


def test_the_xlsx_writes_amounts_as_numbers_and_user_text_as_text_cells(filled: tuple[App, dict[str, str]]) -> None:
    app, _ = filled
    app.execution.progress.report(EMAIL["kernteam"], "test", "Werken:5", HOSTILE)
    data = export_progress_xlsx(app.execution.progress.overview("2027-03", "pijler", "nl"), "nl")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    rows = [[c for c in row] for row in sheet.iter_rows()]
    by_text = {str(r[0].value): r for r in rows if r[0].value is not None}
    open_science = by_text["1.1 Open Science Hub"]
    assert open_science[1].value == "gem. Borger-Odoorn" and open_science[3].value == 80000
    assert open_science[3].number_format == '"€" #,##0.00'
    hostile = by_text["Voortgang per maart 2027: " + HOSTILE]
    assert hostile[0].data_type == "s"
    total = by_text["Totaal Pijler Werken"]
    assert [c.value for c in total[2:7]] == [957880, 3390972, 25000, 1292000, 3352000]


def test_the_cli_and_the_chat_show_the_same_report(filled: tuple[App, dict[str, str]]) -> None:
    app, _ = filled
    session = app.chat.session(EMAIL["kernteam"], "console")
    answer = app.chat.handle(session, "voortgang-overzicht 2027-03 pijler")
    assert answer == render_progress_text(app.execution.progress.overview("2027-03", "pijler", "nl"), "nl")
    assert app.chat.handle(session, "voortgang-overzicht 2027-04") == (
        "2027-04 is geen rapportagemoment: het programmabestand noemt de maanden 03, 09 (gebruik JJJJ-MM met een "
        "van die maanden)."
    )


def test_refusals_and_the_report_come_in_english_when_chosen(filled: tuple[App, dict[str, str]]) -> None:
    app, _ = filled
    session = app.chat.session(EMAIL["kernteam"], "console", lang="en")
    assert app.chat.handle(session, "progress-overview 2027-04") == (
        "2027-04 is not a reporting moment: the programme file names the months 03, 09 (give it as YYYY-MM with "
        "one of those months).")
    assert app.chat.handle(session, "progress-report ZOD-2026-0404 Started") == (
        "ZOD-2026-0404 is not a running project and is not in the budget, so no progress is recorded for it "
        "(see 'status').")
    assert app.chat.handle(session, "progress-overview 2027-03 penvoerder").startswith(
        "PROGRESS AS OF March 2027 (by Lead partner)")
