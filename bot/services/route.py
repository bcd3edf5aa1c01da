"""What the `vaart route` command does, minus the argument parsing.

The CLI (and the chat) hand in the raw programme configuration and the text the user typed; this
module checks that text, plans the route, and returns the output. A date that does not exist is
refused with a message code (`bot.domain.errors.Refused`), never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.domain.dates import parse_meeting_date
from bot.domain.governance import CONSENSUS
from bot.domain.route import RouteConfig, RoutePlan, plan_route
from bot.domain.series import CalendarConfig, expand
from bot.domain.workdays import WorkingDays
from bot.programme.calendar import calendar_config, route_config
from bot.reports.route import render_route, warning_text


@dataclass(frozen=True)
class Scheduling:
    """The scheduling configuration of one programme, parsed once."""

    calendar: CalendarConfig
    route: RouteConfig
    workdays: WorkingDays


def load(raw_config: Mapping[str, Any]) -> Scheduling:
    calendar = calendar_config(raw_config)
    return Scheduling(calendar, route_config(raw_config), WorkingDays(calendar.working_days))


def route_plan(raw_config: Mapping[str, Any], date_str: str) -> RoutePlan:
    """The document route to a stuurgroep meeting on the date typed, with the calendar around it."""
    meeting_date = parse_meeting_date(date_str)
    setup = load(raw_config)
    meetings = expand(setup.calendar, setup.route.window(meeting_date), setup.workdays)
    return plan_route(meeting_date, setup.route, setup.workdays, meetings, setup.calendar.period)


def route_json(plan: RoutePlan) -> str:
    return json.dumps(plan.to_json_dict(), ensure_ascii=False, indent=2) + "\n"


def route_gremium_name(raw_config: Mapping[str, Any]) -> str:
    """The name of the gremium the route leads to."""
    setup = load(raw_config)
    return setup.calendar.name_of(setup.route.meeting_gremium)


def route_warnings(plan: RoutePlan, lang: str = "nl", procedure: str = CONSENSUS, gremium: str = "") -> list[str]:
    """The plan's warnings as sentences (the JSON has no room for them: print them to stderr)."""
    return [warning_text(w, lang, procedure, gremium) for w in plan.warnings]


def route_text(raw_config: Mapping[str, Any], date_str: str, as_json: bool, lang: str = "nl",
               procedure: str = CONSENSUS) -> str:
    """`vaart route DATE [--json]`: the JSON of the architecture, or a small Dutch table in the words of the
    programme's profile (*procedure*: how it decides on a proposal) and of its route gremium."""
    plan = route_plan(raw_config, date_str)
    if as_json:
        return route_json(plan)
    return render_route(plan, lang, procedure, route_gremium_name(raw_config))

