"""The signed-in pages: the pipeline board, an idea with its audit trail, a stuurgroep meeting
(route, agenda, documents package), the money (lines, mandate, the VAT line against its cap) and,
for the staf, the outbox. Read-only: every action stays in chat.

Who sees what: anyone holding a function sees the board and every idea; an indiener (no function)
sees only the ideas they submitted or help design, on the board and one by one; the meeting and
money pages are for function holders; the outbox for the staf.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.domain.money import format_euro
from bot.domain.people import Person
from bot.domain.timezone import AMSTERDAM, to_local
from bot.frontends.web import charts
from bot.frontends.web.context import Web
from bot.frontends.web.paging import page_number, pager
from bot.frontends.web.render import data_key, wants_json
from bot.messages import render
from bot.services.ports.web import BoardFilters
from bot.services.web_access import Visitor

STATUSES = tuple(s.value for s in Status)
OVERVIEW_CARDS = 6
COLUMN_PAGE = 25
OUTBOX_PAGE = 50
TEXT_FILTER_MAX = 200


def _choice(value: str | None, options: tuple[str, ...]) -> str | None:
    return value if value in options else None


def _text(value: str | None) -> str | None:
    cleaned = (value or "").strip()
    return cleaned[:TEXT_FILTER_MAX] or None


def board(web: Web, request: Request, visitor: Visitor) -> Response:
    programme = web.app.programme
    q = request.query_params
    person = visitor.person
    filters = BoardFilters(
        programmalijn=_choice(q.get("programmalijn"), tuple(programme.programme_lines)),
        opgave=_choice(q.get("opgave"), programme.opgaven),
        organisation=_text(q.get("organisatie")),
        penvoerder=_text(q.get("penvoerder")),
        status=_choice(q.get("status"), STATUSES),
        submitter=None if person.roles else person.email,
    )
    page = page_number(request) if filters.status else 1
    per_column = COLUMN_PAGE if filters.status else OVERVIEW_CARDS
    found, options = web.app.monitor.board_page(filters, STATUSES, per_column, page)  # one connection
    today = web.app.clock.now().date()
    columns = [
        {
            "status": column.status,
            "count": column.count,
            "ideas": [
                {
                    "reference": card.reference,
                    "title": card.title,
                    "organisation": card.organisation,
                    "holder": card.holder_name or card.holder,
                    "programmalijn": card.programmalijn,
                    "waiting_since": since,
                    "days_waiting": (today - since).days,
                }
                for card in column.cards
                for since in (to_local(card.waiting_since).date(),)  # once per card: the zone lookup is not free
            ],
        }
        for column in found.columns
        if column.count or not filters.status
    ]
    chosen = filters.as_query()
    data = {"filters": chosen, "total": found.total, "columns": columns, "own_only": not person.roles}
    choices = {"options": options, "programme_lines": tuple(programme.programme_lines),
               "opgaven": programme.opgaven, "statuses": STATUSES}  # the programme's own: fixed per renderer
    extra: dict[str, Any] = {}
    if filters.status:
        count = found.columns[0].count if found.columns else 0
        extra["pager"] = pager(request, page, COLUMN_PAGE, count)
    if not wants_json(request):  # the columns as HTML: made once per change of the rows, the day or the filters
        key = (found, options, today, tuple(chosen.items()), not person.roles)
        lang = web.lang(request)
        extra["content"] = web.renderer.fragment("board_content.html", lang, key, {"data": data, **choices})
    return web.show(request, "board.html", data, visitor, extra=extra)


def _actor(web: Web, email: str | None, pseudonym: str, idea_submitter: str, viewer: Person,
           people: Mapping[str, Person], lang: str) -> str:
    if email is None:
        return pseudonym
    if email == viewer.email:
        return render("web.trail.you", lang)
    if email == idea_submitter:
        return render("web.trail.submitter", lang)
    person = people.get(email)
    if person is None or not person.roles:
        return render("web.trail.someone", lang)
    roles = ", ".join(web.app.programme.role_name(r, lang) for r in person.roles)
    return f"{person.name} ({roles})" if viewer.roles else roles


def _outcome(result: str, lang: str) -> str:
    """A step's result in words: done or refused (the stored code, "geweigerd: idea.unknown_reference", stays
    in the page's JSON for whoever looks into why)."""
    if result == "ok":
        return render("web.trail.ok", lang)
    if result.startswith("geweigerd"):
        return render("web.trail.refused", lang)
    return result


def idea(web: Web, request: Request, visitor: Visitor) -> Response:
    reference = request.path_params["reference"].removesuffix(".json").upper()[:40]
    lang = web.lang(request)
    page = web.app.monitor.idea_page(reference)  # the idea, its trail, the people it names, its spend requests
    if page is None or not page.idea.can_view(visitor.person):  # the same rule as `status` in chat
        return web.refuse(request, 404, "web.idea_not_found", visitor)
    programme = web.app.programme
    found, entries, people = page.idea, page.trail, page.people
    trail = [
        {"seq": e.seq, "at": e.at, "who": _actor(web, e.actor_email, e.actor_pseudonym, found.submitter,
                                                    visitor.person, people, lang),
         "action": e.action, "result": e.result, "outcome": _outcome(e.result, lang), "origin": e.origin}
        for e in entries
    ]
    holder = people.get(found.kernteam_contact or "")
    data = {
        "reference": found.reference,
        "title": found.title,
        "description": found.description,
        "status": found.status,
        "organisation": found.organisation,
        "submitted_at": found.submitted_at,
        "holder": holder.name if holder else found.kernteam_contact,
        "designers": [people[email].name if email in people else email for email in found.designers],
        "din": found.din,
        "proposal_type": found.proposal_type,
        "parts": {k: found.parts.get(k) for k in programme.proposal_parts},
        "advices": [
            {"positive": a.positive, "criteria": a.criteria, "principles": a.principles,
             "development_advice": a.development_advice, "recorded_at": a.recorded_at}
            for a in found.advices
        ],
        "decisions": [
            {"number": d.number, "outcome": d.outcome, "decided_on": d.decided_on, "amount": d.amount,
             "considerations": d.considerations, "conditions": d.conditions, "objections": d.objections}
            for d in found.decisions
        ],
        "meeting_date": found.meeting_date,
        "spend_requests": [vars(r) for r in page.spend_requests],
        "progress": [{"text": p.text, "at": p.reported_at} for p in found.progress],
        "evaluation": found.evaluation,
        "trail": trail,
    }
    extra: dict[str, Any] = {"criteria": programme.criteria, "part_names": programme.proposal_parts}  # fixed
    if not wants_json(request):
        extra["content"] = web.renderer.fragment("idea_content.html", lang, data_key(data), {"data": data, **extra})
    return web.show(request, "idea.html", data, visitor, extra=extra)


def meeting(web: Web, request: Request, visitor: Visitor) -> Response:
    text = request.path_params["day"].removesuffix(".json")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return web.refuse(request, 404, "web.not_found", visitor)
    lang = web.lang(request)
    try:
        view = web.app.meetings.agenda(day)
    except Refused:
        return web.refuse(request, 404, "web.meeting_not_found", visitor)
    plan = view.plan
    since = _previous_meeting(web, day)
    data = {
        "date": day,
        "status": view.meeting.status,
        "title": view.meeting.title,
        "starts_at": view.meeting.starts_at,
        "location": view.meeting.location,
        "route": [
            {"step": step.key, "label": step.label_en if lang == "en" and step.label_en else step.label,
             "dates": list(step.dates),
             "moved": [{"from": m.from_date, "to": m.to_date, "reason": m.reason} for m in step.moves]}
            for step in plan.steps
        ],
        "agenda": [
            {"reference": item.idea_reference, "title": found.title if found else "", "late": item.late,
             "status": found.status if found else None}
            for item, found in view.items
        ],
        "spend_requests": [
            {"reference": r.reference, "amount": r.amount, "purpose": r.purpose} for r in view.spend_requests
        ],
        "package": [vars(p) for p in web.app.monitor.package(day)],
        "mandate_report": web.app.budget.mandate_report(since, lang),
        "mandate_since": since,
    }
    return web.show(request, "meeting.html", data, visitor,
                    extra={"part_names": web.app.programme.proposal_parts})


def _first_year(web: Web) -> int:
    return int(web.app.programme.raw.get("programma", {}).get("looptijd", [web.app.clock.now().year])[0])


def _previous_meeting(web: Web, day: date) -> date:
    """Since when the mandate report runs: the previous stuurgroep meeting, or the programme's start
    (as the documents package the worker sends)."""
    start = date(_first_year(web), 1, 1)
    earlier = [m.day for m in web.app.monitor.stuurgroep_dates(start, day) if m.day < day and m.status != "cancelled"]
    return earlier[-1] if earlier else start


def meetings_index(web: Web, request: Request, visitor: Visitor) -> Response:
    """Last year's, this year's and next year's meetings of the gremium the route leads to: the stored
    ones with their agenda, and the calendar's not stored yet (as the public page lists them)."""
    today = web.app.clock.now().date()
    gremium = web.app.meetings.setup.route_gremium
    years = (today.year - 1, today.year, today.year + 1)
    records = [r for year in years for r in web.app.meetings.year_records(year, gremium)]
    stored = web.app.monitor.stuurgroep_dates(date(years[0], 1, 1), date(years[-1], 12, 31), gremium)
    items = {m.day: m.agenda_items for m in stored if m.status != "cancelled"}
    data = {"meetings": [{"date": r.day, "status": r.status, "title": r.title, "agenda_items": items.get(r.day, 0)}
                         for r in records]}
    return web.show(request, "meetings_team.html", data, visitor)


def finance(web: Web, request: Request, visitor: Visitor) -> Response:
    lang = web.lang(request)
    config = web.app.budget.config
    lines = web.app.budget.lines()
    vat = config.execution_costs
    rows = [
        {"key": line.key, "name": line.name, "kind": str(line.kind), "budget": balance.budget,
         "allocated": balance.allocated, "released": balance.released, "spent": balance.spent,
         "available": balance.available}
        for line, balance in lines
    ]
    report = web.app.budget.report(None)
    year_start = datetime.combine(date(_first_year(web), 1, 1), time(0, 0), tzinfo=AMSTERDAM)  # the looptijd
    use = web.app.monitor.mandate_use(year_start)
    vat_line = next((b for line, b in lines if vat and line.key == vat.line_key), None)
    data: dict[str, Any] = {
        "lines": rows,
        "mandate": {"limit": config.mandate.limit, "since": year_start.date(), **vars(use)},
        "vat": None,
        "tranches": list(report.tranches),
    }
    chart = None
    if vat and vat_line:
        used = vat_line.committed
        data["vat"] = {"cap": vat.cap, "line": vat.line_key, "budget": vat_line.budget, "committed": used,
                       "spent": vat_line.spent, "room_under_cap": vat.cap - used,
                       "plan": [{"year": p.year, "kind": p.kind, "amount": p.amount} for p in vat.plan]}
        chart = charts.bars(
            "vat", render("web.finance.vat_chart", lang),
            [(render("web.finance.vat_budget", lang), vat_line.budget, format_euro(vat_line.budget)),
             (render("web.finance.vat_committed", lang), used, format_euro(used)),
             (render("web.finance.vat_spent", lang), vat_line.spent, format_euro(vat_line.spent))],
            cap=(vat.cap, render("web.finance.vat_cap", lang, cap=format_euro(vat.cap))),
        )
    return web.show(request, "finance.html", data, visitor, extra={"report": report, "chart": chart})


def outbox(web: Web, request: Request, visitor: Visitor) -> Response:
    status = _choice(request.query_params.get("status"), ("pending", "sent", "dead"))
    page = page_number(request)
    rows, total = web.app.monitor.outbox(status, page, OUTBOX_PAGE)
    data = {"status": status, "total": total, "page": page, "messages": [vars(r) for r in rows]}
    return web.show(request, "outbox.html", data, visitor, extra={"pager": pager(request, page, OUTBOX_PAGE, total)})


def is_staf(person: Person) -> bool:
    return person.has_role("staf")
