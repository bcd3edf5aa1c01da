"""The document route to a stuurgroep meeting (Bijlage 2): which step happens on which day.

For a stuurgroep meeting on day D the programme counts back fixed numbers of calendar days
(configuration, not code): stukken naar het coördinatieteam, bespreking in het coördinatieteam,
stukken naar de stuurgroep, bespreking in PFO's/POHO and in the colleges (each with two options),
and the meeting itself. A step on a non-working day moves to the previous working day and the plan
says why; the coördinatieteam step is attached to that team's regular meeting on the day. Bad
input that can still be planned (a stuurgroep on a holiday) gives warnings, never a crash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from bot.domain.period import inside
from bot.domain.series import Meeting
from bot.domain.workdays import WorkingDays


@dataclass(frozen=True)
class RouteStepConfig:
    """One step: its JSON key, labels, offsets in calendar days from D (negative = before), and
    the gremia whose regular meeting the step is attached to when one falls on its day."""

    key: str
    label: str
    offsets: tuple[int, ...]
    label_en: str = ""
    attach_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class RouteConfig:
    meeting_gremium: str
    steps: tuple[RouteStepConfig, ...]

    def window(self, meeting_date: date) -> tuple[date, date]:
        """The days whose meetings the route to *meeting_date* can attach to: from a week before its
        earliest step up to the meeting itself."""
        earliest = min(offset for step in self.steps for offset in step.offsets)
        return meeting_date + timedelta(days=earliest - 7), meeting_date


@dataclass(frozen=True)
class Move:
    """A step date that fell on a non-working day and moved to the previous working day."""

    from_date: date
    to_date: date
    reason: str

    def to_json_dict(self) -> dict[str, str]:
        return {"from": self.from_date.isoformat(), "to": self.to_date.isoformat(), "reason": self.reason}


@dataclass(frozen=True)
class RouteWarning:
    """Something the planner could plan but a person should look at; wording by message code."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RouteStep:
    key: str
    label: str
    dates: tuple[date, ...]
    moves: tuple[Move, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    label_en: str = ""

    @property
    def first(self) -> date:
        return min(self.dates)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "step": self.key,
            "dates": [d.isoformat() for d in self.dates],
            "moved": [m.to_json_dict() for m in self.moves],
        }


@dataclass(frozen=True)
class RoutePlan:
    meeting_date: date
    steps: tuple[RouteStep, ...]
    warnings: tuple[RouteWarning, ...] = ()

    def step(self, key: str) -> RouteStep:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(f"no step {key!r} in this route")

    @property
    def first_deadline(self) -> date:
        """The earliest date of the route: after it, a proposal is too late for this meeting."""
        return min(step.first for step in self.steps)

    def to_json_dict(self) -> dict[str, Any]:
        """The `vaart route --json` format, exactly (warnings are not part of it)."""
        return {
            "meeting_date": self.meeting_date.isoformat(),
            "steps": [step.to_json_dict() for step in self.steps],
        }


def plan_route(
    meeting_date: date,
    config: RouteConfig,
    workdays: WorkingDays,
    meetings: Sequence[Meeting] = (),
    period: tuple[int, int] | None = None,
) -> RoutePlan:
    """The route to a stuurgroep meeting on *meeting_date*.

    *meetings* are the expanded calendar around that date: they attach steps to regular meetings
    and tell whether *meeting_date* is a planned meeting of ``config.meeting_gremium``. A date
    outside the programme's *period* (its looptijd) is planned and warned about.
    """
    warnings: list[RouteWarning] = []
    if not inside(period, meeting_date) and period is not None:
        warnings.append(
            RouteWarning("period.route", {"date": meeting_date, "first": period[0], "last": period[1]})
        )
    closed = workdays.reason_closed(meeting_date)
    if closed is not None:
        warnings.append(RouteWarning("route.meeting_on_closed_day", {"date": meeting_date, "reason": closed}))
    planned = any(m.gremium == config.meeting_gremium and m.date == meeting_date for m in meetings)
    if meetings and not planned:
        warnings.append(
            RouteWarning("route.not_in_calendar", {"date": meeting_date, "gremium": config.meeting_gremium})
        )
    steps: list[RouteStep] = []
    for step_config in config.steps:
        steps.append(_plan_step(step_config, meeting_date, workdays, meetings, warnings))
    for earlier, later in pairwise(steps):
        if later.first < earlier.first:
            warnings.append(
                RouteWarning("route.step_order", {"step": later.label, "previous": earlier.label})
            )
    return RoutePlan(meeting_date=meeting_date, steps=tuple(steps), warnings=tuple(warnings))


def _plan_step(
    step: RouteStepConfig,
    meeting_date: date,
    workdays: WorkingDays,
    meetings: Sequence[Meeting],
    warnings: list[RouteWarning],
) -> RouteStep:
    dates: list[date] = []
    moves: list[Move] = []
    for offset in step.offsets:
        planned = meeting_date + timedelta(days=offset)
        if offset == 0:
            # The meeting itself does not move; a closed day is a warning (see plan_route).
            dates.append(planned)
            continue
        reason = workdays.reason_closed(planned)
        if reason is None:
            dates.append(planned)
        else:
            moved = workdays.previous_working_day(planned)
            dates.append(moved)
            moves.append(Move(planned, moved, reason))
    attached: list[Meeting] = []
    if step.attach_to:
        for day in dates:
            found = [m for m in meetings if m.date == day and m.gremium in step.attach_to and not m.week_only]
            if found:
                attached.extend(found)
            elif meetings:
                warnings.append(
                    RouteWarning(
                        "route.no_regular_meeting",
                        {"date": day, "step": step.label, "gremium": step.attach_to[0]},
                    )
                )
    return RouteStep(
        key=step.key,
        label=step.label,
        label_en=step.label_en,
        dates=tuple(dates),
        moves=tuple(moves),
        meetings=tuple(attached),
    )


def first_open_meeting(
    today: date,
    meeting_dates: Sequence[date],
    config: RouteConfig,
    workdays: WorkingDays,
) -> date | None:
    """The first meeting whose route has not passed its first deadline on *today*.

    A proposal ready on *today* goes on that meeting's agenda (domain rule); None if there is none.
    """
    for meeting_date in sorted(meeting_dates):
        if meeting_date < today:
            continue
        if plan_route(meeting_date, config, workdays).first_deadline >= today:
            return meeting_date
    return None
