"""`vaart progress report` through the real command: the 2021 table imported, reports given in the
console chat during the reporting moment, the text report and its XLSX; a wrong moment refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.e2e.test_console import Vaart

FIXTURE = Path(__file__).parents[1] / "fixtures" / "uitvoeringsprogramma_2021.csv"
IN_MOMENT = "2027-02-20T10:00:00"  # the window of reporting moment 2027-03 is open


@pytest.fixture
def vaart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Vaart:
    return Vaart(tmp_path / "var", monkeypatch)


def test_the_progress_report_per_moment_in_text_and_xlsx_with_reports_given_in_chat(
    vaart: Vaart, tmp_path: Path
) -> None:
    assert vaart.run("budget", "import", str(FIXTURE), "--accept-differences").returncode == 0
    added = vaart.run("people", "add", "--name", "Kees Kern", "--email", "k.kern@regiodeal-zod.nl",
                      "--role", "kernteam")
    assert added.returncode == 0, added.stderr
    chat = vaart.run("chat", "--as", "k.kern@regiodeal-zod.nl",
                     stdin="voortgangsrapport Werken:2 Loopt volgens plan | besteed: 250.000\n", now=IN_MOMENT)
    assert "Voortgang van Werken:2 vastgelegd voor rapportagemoment 2027-03" in chat.stdout, chat.stdout
    out = vaart.run("progress", "report", "--moment", "2027-03", "--by", "pijler")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    skills = lines.index("2 Skills4Future | gem. Emmen |  | € 1.892.972,00 |  |  | ")
    assert lines[skills + 1] == "   Voortgang per maart 2027: Loopt volgens plan"
    assert lines[-1] == "1 project met rapportage, 42 zonder."
    target = tmp_path / "voortgang.xlsx"
    written = vaart.run("progress", "report", "--moment", "2027-03", "--xlsx", str(target))
    assert written.returncode == 0 and target.exists()
    sheet = load_workbook(target).active
    assert sheet is not None
    assert "Voortgang per maart 2027: Loopt volgens plan" in [c.value for c in sheet["A"]]
    wrong = vaart.run("progress", "report", "--moment", "2027-13")
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == ("2027-13 is geen rapportagemoment: het programmabestand noemt de maanden 03, 09 "
                                    "(gebruik JJJJ-MM met een van die maanden).")


def test_on_a_store_without_projects_the_report_says_so_and_the_outbox_says_it_is_empty(vaart: Vaart) -> None:
    out = vaart.run("progress", "report")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1:] == [
        "", "Er staan nog geen projecten in de begroting, dus er is nog geen voortgang om te tonen."]
    assert vaart.run("outbox", "list").stdout == "De outbox is leeg.\n"
    assert vaart.run("outbox", "list", "--status", "dead").stdout == "Geen berichten met deze status.\n"
