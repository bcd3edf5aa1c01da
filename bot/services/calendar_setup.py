"""The programme's calendar as the meetings area uses it: parsed once, and the two-way conversion
between a meeting of the calendar (`bot.domain.series.Meeting`) and a meeting in the store
(`bot.domain.meetings.MeetingRecord`), with the warnings collected on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from bot.domain.meetings import MeetingRecord
from bot.domain.programme import Programme
from bot.domain.route import RouteConfig, RoutePlan, plan_route
from bot.domain.series import CalendarConfig, Meeting, MeetingKind, meeting_uid
from bot.domain.timezone import AMSTERDAM, to_local
from bot.domain.workdays import WorkingDays
from bot.messages import render
from bot.programme.meetings import MeetingsConfig, meetings_config
from bot.services.base import Reply
from bot.services.route import load

HORIZON = timedelta(days=800)  # how far ahead "the next meetings" look
PLANS_KEPT = 512  # route plans kept per programme: years of meeting days


@dataclass(frozen=True)
class MeetingSetup:
    """The programme's calendar, route, working days and meeting rules, parsed once."""

    calendar: CalendarConfig
    route: RouteConfig
    workdays: WorkingDays
    meetings: MeetingsConfig
    # the plans made, by meeting day: the App Home and the agenda plan the same few days over and over
    _plans: dict[date, RoutePlan] = field(default_factory=dict, compare=False, repr=False)

    @property
    def route_gremium(self) -> str:
        return self.route.meeting_gremium

    @property
    def route_gremium_name(self) -> str:
        """The name the route's gremium goes by (its key when the calendar does not hold it)."""
        return self.calendar.name_of(self.route.meeting_gremium)

    def plan(self, day: date) -> RoutePlan:
        """The document route to the meeting on *day* (a plan is frozen, so one made is handed out again)."""
        found = self._plans.get(day)
        if found is None:
            if len(self._plans) >= PLANS_KEPT:
                self._plans.clear()
            found = self._plans[day] = plan_route(day, self.route, self.workdays, period=self.calendar.period)
        return found


_SETUPS: dict[int, tuple[Programme, MeetingSetup]] = {}


def meeting_setup(programme: Programme) -> MeetingSetup:
    cached = _SETUPS.get(id(programme))
    if cached is not None and cached[0] is programme:
        return cached[1]
    scheduling = load(programme.raw)
    config = meetings_config(
        programme.raw, scheduling.calendar.keys, [s.key for s in scheduling.route.steps], programme.roles
    )
    setup = MeetingSetup(scheduling.calendar, scheduling.route, scheduling.workdays, config)
    _SETUPS[id(programme)] = (programme, setup)
    return setup


def rules_from(calendar: CalendarConfig) -> str:
    """The first year a meeting rule of the programme file plans (Bijlage 2 starts in 2024), or "-"."""
    years = [rule.first_year for g in calendar.gremia for rule in g.rules]
    return str(min(years)) if years else "-"


def note_year_without_calendar(notes: Notes, calendar: CalendarConfig, year: int) -> None:
    """Say that the programme file plans no meeting in *year*: from which year its rules plan them, or, for a
    programme without any rule (the VDG's meetings are all added by hand), that it has none."""
    since = rules_from(calendar)
    if since == "-":
        notes.add("period.year_without_rules", year=year)
    else:
        notes.add("period.year_without_calendar", year=year, rules_from=since)


# -- warnings -------------------------------------------------------------------------------------
@dataclass
class Notes:
    """Warnings collected while planning: code + parameters, worded by the front end."""

    items: list[dict[str, Any]] = field(default_factory=list)

    def add(self, code: str, **params: Any) -> None:
        entry = {"code": code, "params": {k: str(v) for k, v in params.items()}}
        if entry not in self.items:
            self.items.append(entry)


def notes_text(reply: Reply, lang: str) -> list[str]:
    """The warnings of a reply as sentences."""
    return [render(w["code"], lang, **w["params"]) for w in reply.params.get("warnings", [])]


# -- between the store and the calendar -------------------------------------------------------------
def planned_start(meeting: Meeting) -> datetime:
    """When a meeting of the calendar starts as its store row has it (week-only: its Monday, 0:00)."""
    if meeting.week_only or meeting.starts_at is None or meeting.ends_at is None:
        return datetime.combine(meeting.date, time(0), AMSTERDAM)
    return meeting.starts_at


def record_from(config: CalendarConfig, meeting: Meeting, now: datetime) -> MeetingRecord:
    """A store row for a meeting of the calendar (week-only: Monday to Saturday, no times)."""
    start = planned_start(meeting)
    if meeting.week_only or meeting.starts_at is None or meeting.ends_at is None:
        end = datetime.combine(meeting.date + timedelta(days=5), time(0), AMSTERDAM)
    else:
        end = meeting.ends_at
    return MeetingRecord(
        uid=meeting_uid(config, meeting),
        gremium=meeting.gremium,
        kind=meeting.kind.value,
        starts_at=start,
        ends_at=end,
        title=meeting.title,
        dtstamp=now,
        created_at=now,
        week_only=meeting.week_only,
        location=meeting.location,
        agenda=meeting.agenda,
        assumed=meeting.assumed,
    )


def calendar_meeting(record: MeetingRecord) -> Meeting:
    """The record as a calendar meeting (for the route, and the wording shared with the published
    calendars)."""
    try:
        kind = MeetingKind(record.kind)
    except ValueError:
        kind = MeetingKind.ONE_OFF
    timed = not record.week_only
    return Meeting(
        gremium=record.gremium,
        date=record.day,
        start=to_local(record.starts_at).time() if timed else None,
        end=to_local(record.ends_at).time() if timed else None,
        kind=kind,
        title=record.title,
        week_only=record.week_only,
        location=record.location,
        agenda=record.agenda,
        assumed=record.assumed,
    )
