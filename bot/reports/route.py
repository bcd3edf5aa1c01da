"""The document route in words: the table of `vaart route DATE` and the chat's `route`, and the
plan's warnings as sentences. The plan itself is a pure rule (`bot.domain.route`)."""

from __future__ import annotations

from datetime import date

from bot.domain.governance import CONSENSUS
from bot.domain.route import RoutePlan, RouteWarning
from bot.messages import profiled, render, worded
from bot.messages.dates import format_date, format_short_date
from bot.reports.table import Table


def warning_text(warning: RouteWarning, lang: str = "nl", procedure: str = CONSENSUS, gremium: str = "") -> str:
    """A warning of the plan in words: the profile's own where it has one (the VDG's route leads to its
    bestuur, not to a stuurgroep); *gremium* is the name of the route's meeting gremium."""
    params = {k: format_date(v, lang) if isinstance(v, date) else v for k, v in warning.params.items()}
    return render(worded(warning.code, procedure), lang, **{**params, "gremium": gremium or params.get("gremium")})


def _title(plan: RoutePlan, lang: str, procedure: str, gremium: str) -> str:
    return render(profiled("route", "title", procedure), lang, date=format_date(plan.meeting_date, lang),
                  gremium=gremium)


def route_table(plan: RoutePlan, lang: str = "nl", procedure: str = CONSENSUS, gremium: str = "") -> Table:
    """The route as a platform lays it out: a row per step with its dates in words, the moves
    under the dates, the warnings as notes."""
    rows, notes = _rows(plan, lang)
    laid = [(label, "\n".join([when, *(note for row, note in notes if row == index)])) for index, (label, when)
            in enumerate(rows)]
    warnings = tuple(f"{render('route.warning', lang)}: {warning_text(w, lang, procedure, gremium)}"
                     for w in plan.warnings)
    return Table(_title(plan, lang, procedure, gremium), tuple(laid), warnings)


def _rows(plan: RoutePlan, lang: str) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    rows: list[tuple[str, str]] = []
    notes: list[tuple[int, str]] = []
    for step in plan.steps:
        label = step.label_en if lang == "en" and step.label_en else step.label
        when = f" {render('route.or', lang)} ".join(format_date(d, lang) for d in step.dates)
        for meeting in step.meetings:
            if meeting.start is not None and meeting.end is not None:
                when += " " + render(
                    "route.at_meeting",
                    lang,
                    title=meeting.title,
                    start=meeting.start.strftime("%H:%M"),
                    end=meeting.end.strftime("%H:%M"),
                )
        rows.append((label, when))
        for move in step.moves:
            notes.append(
                (
                    len(rows) - 1,
                    render(
                        "route.moved",
                        lang,
                        from_date=format_short_date(move.from_date, lang),
                        to_date=format_short_date(move.to_date, lang),
                        reason=move.reason,
                    ),
                )
            )
    return rows, notes


def render_route(plan: RoutePlan, lang: str = "nl", procedure: str = CONSENSUS, gremium: str = "") -> str:
    """The route as a small table for people (`vaart route DATE` without --json); *procedure*: the profile's
    (the VDG's route leads to a meeting of *gremium*, its bestuur, not to a stuurgroep)."""
    rows, notes = _rows(plan, lang)
    header = (render("route.col_step", lang), render("route.col_date", lang))
    width = max(len(header[0]), *(len(label) for label, _ in rows))
    lines = [_title(plan, lang, procedure, gremium), ""]
    lines.append(f"{header[0]:<{width}}  {header[1]}")
    lines.append(f"{'-' * width}  {'-' * max(len(header[1]), *(len(w) for _, w in rows))}")
    for index, (label, when) in enumerate(rows):
        lines.append(f"{label:<{width}}  {when}")
        lines.extend(f"{'':<{width}}    {note}" for row, note in notes if row == index)
    if plan.warnings:
        lines.append("")
        lines.extend(f"{render('route.warning', lang)}: {warning_text(w, lang, procedure, gremium)}"
                     for w in plan.warnings)
    return "\n".join(lines) + "\n"
