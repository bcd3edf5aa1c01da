"""What the `vaart route` and `vaart calendar export` commands do, minus the argument parsing.

The CLI (and the chat) hand in the raw programme configuration and the text the user typed; this
module checks that text, plans or exports, and returns the output. A date that does not exist is
refused with a message code (`bot.domain.errors.Refused`), never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.domain.dates import ACCEPTED, parse_date
from bot.domain.errors import Refused
from bot.domain.route import RouteConfig, RoutePlan, plan_route, render_route, warning_text
from bot.domain.series import CalendarConfig, expand
from bot.domain.workdays import WorkingDays
from bot.programme.calendar import calendar_config, route_config


@dataclass(frozen=True)
class Scheduling:
    """The scheduling configuration of one programme, parsed once."""

    calendar: CalendarConfig
    route: RouteConfig
    workdays: WorkingDays


def load(raw_config: Mapping[str, Any]) -> Scheduling:
    calendar = calendar_config(raw_config)
    return Scheduling(calendar, route_config(raw_config), WorkingDays(calendar.working_days))


def parse_meeting_date(text: str) -> date:
    """A YYYY-MM-DD date typed by a person; Refused when it is not one, does not exist, or lies outside
    the dates vaart accepts (`bot.domain.dates.ACCEPTED`)."""
    try:
        return parse_date(text, iso_only=True)
    except Refused as refused:
        if refused.code != "date.invalid":
            raise
        raise Refused("route.invalid_date", value=text.strip()[:20]) from refused


def parse_year(value: int | str) -> int:
    return ACCEPTED.require_year(str(value), "calendar.invalid_year")


def route_plan(raw_config: Mapping[str, Any], date_str: str) -> RoutePlan:
    """The document route to a stuurgroep meeting on the date typed, with the calendar around it."""
    meeting_date = parse_meeting_date(date_str)
    setup = load(raw_config)
    earliest = min(offset for step in setup.route.steps for offset in step.offsets)
    window = (meeting_date + timedelta(days=earliest - 7), meeting_date)
    meetings = expand(setup.calendar, window, setup.workdays)
    return plan_route(meeting_date, setup.route, setup.workdays, meetings, setup.calendar.period)


def route_json(plan: RoutePlan) -> str:
    return json.dumps(plan.to_json_dict(), ensure_ascii=False, indent=2) + "\n"


def route_warnings(plan: RoutePlan, lang: str = "nl") -> list[str]:
    """The plan's warnings as sentences (the JSON has no room for them: print them to stderr)."""
    return [warning_text(w, lang) for w in plan.warnings]


def route_text(raw_config: Mapping[str, Any], date_str: str, as_json: bool, lang: str = "nl") -> str:
    """`vaart route DATE [--json]`: the JSON of the architecture, or a small Dutch table."""
    plan = route_plan(raw_config, date_str)
    return route_json(plan) if as_json else render_route(plan, lang)


def export(
    raw_config: Mapping[str, Any], year: int | str, out_dir: Path, dtstamp: datetime | None = None
) -> list[Path]:
    """`vaart calendar export --year YYYY --out DIR`: one .ics per gremium; the paths written."""
    from integrations.ics.calendars import export_calendars  # icalendar only for an export

    return export_calendars(raw_config, parse_year(year), Path(out_dir), dtstamp)
