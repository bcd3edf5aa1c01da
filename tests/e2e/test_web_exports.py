"""The public register downloads of the web front end (no sign-in: anyone on the internet) on the real
ASGI app under uvicorn: a formula typed as a spend request's purpose or a decision's considerations
arrives in the CSV and the XLSX as text, never as a formula (OWASP's CSV-injection guidance)."""

from __future__ import annotations

import csv
import io

import httpx
from openpyxl import load_workbook

from bot.bootstrap.app import App
from bot.reports.spreadsheet import FORMULA_START
from tests.cast import EMAIL
from tests.scenario import register_cast
from tests.web.server import LiveServer, free_port

LINK = '=HYPERLINK("http://x","Klik")'


def test_a_typed_formula_stays_text_in_the_public_register_downloads(app: App) -> None:
    register_cast(app.people)
    kernteam, staf = (app.chat.session(EMAIL[who], "console") for who in ("kernteam", "staf"))
    assert "ZOD-U-2026-0001" in app.chat.handle(kernteam, f"uitgave € 60.000 {LINK} | soort: onderzoek")
    decided = app.chat.handle(
        staf,
        f"besluit-uitgave ZOD-U-2026-0001 afgewezen | aanwezig: {EMAIL['sg1']}, {EMAIL['sg2']} "
        "| overwegingen: @SUM(1+1) | voorwaarden: -1+1",
    )
    assert "Besluit ZOD-B-2026-001" in decided, decided
    with LiveServer(app, free_port()) as server:
        data = httpx.get(f"{server.base_url}/besluiten/download.csv", timeout=30)
        sheet_bytes = httpx.get(f"{server.base_url}/besluiten/download.xlsx", timeout=30)
    assert data.status_code == 200 and sheet_bytes.status_code == 200
    rows = list(csv.reader(io.StringIO(data.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][4] == "'" + LINK and "'@SUM(1+1)" in rows[1]
    assert all(not cell.startswith(FORMULA_START) for row in rows for cell in row)
    sheet = load_workbook(io.BytesIO(sheet_bytes.content)).active
    assert sheet is not None
    assert sheet["E2"].value == LINK and sheet["E2"].data_type == "s" and sheet["E2"].quotePrefix
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
