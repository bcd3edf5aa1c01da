"""The public pages (no sign-in): the decision register under the Woo, the stuurgroep's meeting
dates, the DIN coverage and the budget per programmalijn and tranche. None shows personal data:
the register names functions and organisations instead of people (`woo_describer`), the others
hold only counts, dates and money.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from bot.frontends.web import charts
from bot.frontends.web.context import Web
from bot.frontends.web.paging import page_number, pager
from bot.messages import render
from bot.reports import budget_report
from bot.reports import decision_register as reg

REGISTER_PAGE = 25
DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json": ("application/json", "json"),
}


def home(web: Web, request: Request) -> Response:
    data = {
        "programme": web.app.programme.name,
        "pages": [web.config.here(p) for p in ("/besluiten", "/vergaderingen", "/dekking", "/begroting")],
    }
    return web.show(request, "home.html", data, web.visitor(request))


def register(web: Web, request: Request) -> Response:
    lang = web.lang(request)
    page = page_number(request)
    entries, total = web.app.monitor.register(page, REGISTER_PAGE)
    describe = reg.woo_describer(web.app.people.list(), web.app.programme, lang)
    records = [reg.to_record(e, describe) for e in entries]
    data = {
        "total": total,
        "page": page,
        "per_page": REGISTER_PAGE,
        "decisions": records,
        "downloads": {kind: web.config.here(f"/besluiten/download.{kind}") for kind in DOWNLOADS},
    }
    return web.show(request, "register.html", data, web.visitor(request),
                    extra={"pager": pager(request, page, REGISTER_PAGE, total)})


def register_download(web: Web, request: Request) -> Response:
    """The whole register as a file, personal data replaced by function (the Woo variant)."""
    kind = request.path_params["kind"]
    if kind not in DOWNLOADS:
        return web.refuse(request, 404, "web.not_found")
    lang = web.lang(request)
    entries = web.app.budget.register()
    describe = reg.woo_describer(web.app.people.list(), web.app.programme, lang)
    if kind == "csv":
        body = reg.export_csv(entries, describe, lang)
    elif kind == "xlsx":
        body = reg.export_xlsx(entries, describe, lang)
    else:
        bodies = web.app.member_bodies
        body = reg.export_json(entries, describe,
                               bodies.decisions_by_reference([e.reference for e in entries]) if bodies else None)
    media, extension = DOWNLOADS[kind]
    name = f"besluitenregister-{web.app.programme.code.lower()}.{extension}"
    return Response(body, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'})


def meetings(web: Web, request: Request) -> Response:
    today = web.app.clock.now().date()
    rows: list[dict[str, Any]] = []
    for year in (today.year, today.year + 1):
        for record in web.app.meetings.year_records(year, "stuurgroep"):
            rows.append({"date": record.day, "status": record.status, "title": record.title,
                         "past": record.day < today, "starts_at": record.starts_at})
    data = {"gremium": "stuurgroep", "today": today, "meetings": rows}
    return web.show(request, "meetings.html", data, web.visitor(request))


def coverage(web: Web, request: Request) -> Response:
    lang = web.lang(request)
    programme = web.app.programme
    lines = tuple(programme.programme_lines)
    found = web.app.coverage.overview()  # the same reading as chat `dekking` and `vaart din coverage`
    matrix = [[found.cell(line, opgave).ideas for opgave in found.opgaven] for line in lines]
    cells = [
        {"programmalijn": line, "opgave": opgave, "ideas": found.cell(line, opgave).ideas,
         "allocated": found.cell(line, opgave).allocated}
        for line in lines
        for opgave in found.opgaven
    ]
    data = {"programmalijnen": lines, "opgaven": found.opgaven, "cells": cells, "not_linked": found.unlinked,
            "empty": sum(1 for c in cells if c["ideas"] == 0)}
    chart = charts.heatmap("dekking", render("web.coverage.chart", lang), lines, found.opgaven, matrix)
    return web.show(request, "coverage.html", data, web.visitor(request),
                    extra={"chart": chart, "matrix": matrix, "found": found})


def budget(web: Web, request: Request) -> Response:
    lang = web.lang(request)
    report = web.app.budget.report("programmalijn")
    data = budget_report.to_dict(report)
    rows = [(row.group, row.allocated, charts_money(row.allocated)) for row in report.rows]
    chart = charts.bars("begroting", render("web.budget.chart", lang), rows)
    return web.show(request, "budget.html", data, web.visitor(request), extra={"report": report, "chart": chart})


def charts_money(value: Any) -> str:
    from bot.domain.money import format_euro

    return format_euro(value)


def today(web: Web) -> date:
    return web.app.clock.now().date()
