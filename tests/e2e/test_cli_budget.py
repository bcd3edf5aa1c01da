"""The budget through the real `vaart` command: importing the 2021 Uitvoeringsprogramma, the report
per pijler and tranche, refusals with their reasons, and a spend request approved in chat."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.bootstrap.app import build
from bot.bootstrap.settings import Settings
from tests.cast import EMAIL
from tests.e2e.test_console import Vaart
from tests.scenario import register_cast

FIXTURE = Path(__file__).parents[1] / "fixtures" / "uitvoeringsprogramma_2021.csv"
TRANCHES = ["1e tranche", "2e tranche", "3e tranche", "4e tranche", "5e tranche"]
# The "Totaal Pijler ..." rows of the 2021 table. Welzijn's 2nd tranche says 842.641, its rows add
# up to 842.671: the one total in the seed that does not match.
DECLARED = {
    "Werken": ["957880.00", "3390972.00", "25000.00", "1292000.00", "3352000.00"],
    "Wonen": ["420000.00", "268000.00", "846865.00", "180000.00", "1192500.00"],
    "Welzijn": ["1066500.00", "842671.00", "483000.00", "0.00", "1247800.00"],
}


@pytest.fixture
def vaart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Vaart:
    return Vaart(tmp_path / "var", monkeypatch)  # in this process: the real process is tested in test_console


def test_the_2021_table_is_imported_only_with_its_differences_accepted_and_reproduces_its_totals(
    vaart: Vaart, tmp_path: Path
) -> None:
    refused = vaart.run("budget", "import", str(FIXTURE))
    assert refused.returncode == 1
    assert "Regel 94 (Totaal Pijler Welzijn), 2e tranche: opgegeven € 842.641,00" in refused.stderr
    assert "(verschil € 30,00)" in refused.stderr or "verschil -€ 30,00" in refused.stderr
    assert "er is niets opgeslagen" in refused.stderr
    empty = json.loads(vaart.run("budget", "report", "--json").stdout)
    assert empty["rows"] == []

    accepted = vaart.run("budget", "import", str(FIXTURE), "--accept-differences")
    assert accepted.returncode == 0, accepted.stderr
    assert "43 projecten opgeslagen" in accepted.stdout and "Regel 94" in accepted.stdout

    out = vaart.run(
        "budget",
        "report",
        "--by",
        "pijler",
        "--json",
        "--csv",
        str(tmp_path / "r.csv"),
        "--xlsx",
        str(tmp_path / "r.xlsx"),
        "--chart",
        str(tmp_path / "r.png"),
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["tranches"] == TRANCHES
    got = {row["group"]: [row["tranches"][t] for t in TRANCHES] for row in report["rows"]}
    assert got == DECLARED
    per_tranche = [sum(Decimal(v[i]) for v in DECLARED.values()) for i in range(5)]
    assert [Decimal(report["totals"]["tranches"][t]) for t in TRANCHES] == per_tranche
    assert Decimal(report["totals"]["total"]) == sum(per_tranche)

    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Pijler", "1e tranche"] and rows[1][:2] == ["Werken", "957880,00"]
    sheet = load_workbook(tmp_path / "r.xlsx").active
    assert sheet is not None and sheet["A2"].value == "Werken" and sheet["B2"].value == 957880
    assert (tmp_path / "r.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = vaart.run("budget", "report").stdout
    assert "Begroting per programmalijn en tranche" in text and "€ 9.017.852,00" in text


def test_an_unknown_layout_and_rejected_rows_are_refused_with_their_reasons(vaart: Vaart, tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("Naam;Bedrag\nIets;100\n", encoding="utf-8")
    result = vaart.run("budget", "import", str(odd))
    assert result.returncode == 1
    assert "Project, Penvoerder, 1e tranche" in result.stderr and "niets ingelezen" in result.stderr

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "PROJECT;PENVOERDER;1e tranche €;2e tranche €\n"
        "1. Goed project;gem. Emmen;10.000;\n"
        "2. Zonder penvoerder;;5.000;\n"
        "3. Raar bedrag;gem. Emmen;12,500;\n",
        encoding="utf-8",
    )
    result = vaart.run("budget", "import", str(bad))
    assert result.returncode == 1
    assert "2 fouten in regel(s) 3, 4" in result.stderr
    assert "Regel 3" in result.stderr and "Regel 4" in result.stderr and "dubbelzinnig" in result.stderr
    assert json.loads(vaart.run("budget", "report", "--json").stdout)["rows"] == []

    wrong = vaart.run("budget", "set-line", "onbekend", "10.000")
    assert wrong.returncode == 1 and "bestaat niet" in wrong.stderr


def test_a_spend_request_is_approved_in_chat_and_reported(vaart: Vaart) -> None:
    app = build(Settings.from_env({"VAART_VAR_DIR": vaart.env["VAART_VAR_DIR"]}))  # the same store, faster
    register_cast(app.people)
    app.close()
    said = vaart.chat(
        EMAIL["kernteam"],
        "uitgave € 12.500 Onderzoek naar vervoer in kleine kernen | soort: onderzoek",
        "uitgave 12,500 Iets onduidelijks",
        "uitgave 50.000,00 Groot onderzoek | soort: onderzoek",
    )
    assert "Uitgaveverzoek ZOD-U-2026-0001 (€ 12.500,00, onderzoek) is ingediend" in said
    assert "dubbelzinnig" in said and "12.500,00" in said  # refused, with an example that works
    assert "ZOD-U-2026-0002 (€ 50.000,00) valt buiten het mandaat" in said

    director = vaart.chat(
        EMAIL["director"], "uitgaven", "goedkeuren ZOD-U-2026-0001", "goedkeuren ZOD-U-2026-0001", "budget regels"
    )
    assert "ZOD-U-2026-0002" in director and "naar de stuurgroep" in director
    assert "is goedgekeurd onder mandaat" in director and "al besloten" in director
    assert "€ 237.500,00" in director

    staf = vaart.chat(
        EMAIL["staf"],
        f"besluit-uitgave ZOD-U-2026-0002 akkoord | aanwezig: {EMAIL['sg1']}, {EMAIL['sg2']} "
        "| overwegingen: Nodig voor de aanpak",
    )
    assert "Besluit ZOD-B-2026-001" in staf

    report = vaart.run("budget", "mandate-report", "--since", "2026-11-01")
    assert "ZOD-U-2026-0001" in report.stdout and "Totaal onder mandaat: € 12.500,00" in report.stdout
    woo = json.loads(vaart.run("decisions", "--format", "json", "--woo").stdout)
    assert woo[0]["kind"] == "uitgave" and woo[0]["consensus"]["present"] == ["Stuurgroep", "Stuurgroep"]
    assert vaart.run("decisions", "--format", "xlsx").returncode == 2
    assert vaart.run("audit", "verify").returncode == 0


def test_a_hostile_title_stays_text_in_the_public_register_exports(vaart: Vaart, tmp_path: Path) -> None:
    """`vaart decisions --woo` as CSV and XLSX: a formula typed as a purpose is never a formula."""
    link = '=HYPERLINK("http://x","Klik")'
    app = build(Settings.from_env({"VAART_VAR_DIR": vaart.env["VAART_VAR_DIR"]}))
    register_cast(app.people)
    app.close()
    said = vaart.chat(EMAIL["kernteam"], f"uitgave € 60.000 {link} | soort: onderzoek")
    assert "ZOD-U-2026-0001" in said
    staf = vaart.chat(
        EMAIL["staf"],
        f"besluit-uitgave ZOD-U-2026-0001 afgewezen | aanwezig: {EMAIL['sg1']}, {EMAIL['sg2']} "
        "| overwegingen: @SUM(1+1) | voorwaarden: -1+1",
    )
    assert "Besluit ZOD-B-2026-001" in staf, staf

    woo_csv = vaart.run("decisions", "--format", "csv", "--woo")
    assert woo_csv.returncode == 0, woo_csv.stderr
    rows = list(csv.reader(io.StringIO(woo_csv.stdout), delimiter=";"))
    assert rows[1][4] == "'" + link and rows[1][7] == "'@SUM(1+1)"
    assert rows[1][-1] == "Aanwezig (besluitvormend), Aanvrager"
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)

    out = tmp_path / "register.xlsx"
    assert vaart.run("decisions", "--format", "xlsx", "--woo", "--out", str(out)).returncode == 0
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet["E2"].value == link and sheet["E2"].data_type == "s"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    # N: objections filed against the decision (§3.1, none here); O: where the personal data is
    assert sheet["B2"].is_date and sheet["N2"].value == 0
    assert sheet["O2"].value == "Aanwezig (besluitvormend), Aanvrager"
    assert sheet["J2"].value == "Stuurgroep; Stuurgroep"  # the Woo variant: functions, no addresses
