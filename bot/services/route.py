"""What the `vaart route` and `vaart calendar export` commands do, minus the argument parsing.

The CLI (and the chat) hand in the raw programme configuration and the text the user typed; this
module checks that text, plans or exports, and returns the output. A date that does not exist is
refused with a message code (`bot.domain.errors.Refused`), never a traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.domain.errors import Refused
from bot.domain.route import RouteConfig, RoutePlan, plan_route, render_route, warning_text
from bot.domain.series import CalendarConfig, expand
from bot.domain.workdays import WorkingDays
from bot.programme.calendar import calendar_config, route_config
from integrations.ics.calendars import export_calendars

FIRST_YEAR = 1900
LAST_YEAR = 2200
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


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
    """A YYYY-MM-DD date typed by a person; Refused when it is not one or does not exist."""
    match = _ISO_DATE.match(text)
    if match is None:
        raise Refused("route.invalid_date", value=text.strip())
    year, month, day = (int(g) for g in match.groups())
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise Refused("route.invalid_date", value=text.strip()) from None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise Refused("route.date_out_of_range", value=text.strip(), low=FIRST_YEAR, high=LAST_YEAR)
    return parsed


def parse_year(value: int | str) -> int:
    text = str(value).strip()
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise Refused("calendar.invalid_year", value=text, low=FIRST_YEAR, high=LAST_YEAR)
    return int(text)


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
    return export_calendars(raw_config, parse_year(year), Path(out_dir), dtstamp)
