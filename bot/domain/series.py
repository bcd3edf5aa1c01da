"""Meeting series: the programme's vergaderkalender as configuration, expanded into meetings.

Bijlage 2 of the programmaplan gives the calendar as a table per gremium. Here each gremium is
one of three kinds: a weekly or fortnightly *reeks* (kernteam, coördinatieteam) with weeks without
meetings and explicit exceptions; *gezamenlijk* meetings that take the place of another series'
meeting in given weeks (the joint kern- and coördinatieteam); and *los* one-off meetings
(stuurgroep, ambtelijke cockpit) on given dates, or only in a given week when the date is not yet
known (the Den Haag - Zuid- en Oost-Drenthe overleg). `expand` turns the configuration into dated
meetings; the ICS export and the route planner both read the same expansion, so they cannot
disagree.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import partial

from bot.domain.series_rules import MeetingRule, interval_rule_dates, week_rule_dates
from bot.domain.timezone import AMSTERDAM
from bot.domain.workdays import WorkingDays, WorkingDaysConfig


class GremiumKind(StrEnum):
    """How a gremium's meetings are given in the configuration (the TOML values are Dutch)."""

    SERIES = "reeks"
    JOINT = "gezamenlijk"
    ONE_OFF = "los"


class MeetingKind(StrEnum):
    SERIES = "series"
    ONE_OFF = "one_off"
    JOINT = "joint"


@dataclass(frozen=True)
class GremiumConfig:
    """One column of the vergaderkalender.

    For a series: ``weekday`` (0 = Monday), ``interval_weeks`` and the anchor ``first`` (the first
    meeting of the series; the rhythm counts from it), optionally ``last``. ``cancelled`` are
    dates of the rhythm that do not take place, ``extra`` dates added to the series.
    For joint meetings: ``replaces`` (a series key) and ``weeks`` (ISO year -> ISO weeks); the
    meeting takes the replaced series' place that week. For one-offs: ``dates`` and/or ``weeks``
    (week-only entries when the date is not known yet).
    """

    key: str
    name: str
    kind: GremiumKind
    name_en: str = ""
    weekday: int | None = None
    interval_weeks: int = 1
    first: date | None = None
    last: date | None = None
    start: time = time(10, 0)
    end: time = time(12, 0)
    cancelled: frozenset[date] = frozenset()
    extra: tuple[date, ...] = ()
    dates: tuple[date, ...] = ()
    weeks: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    replaces: str | None = None
    location: str = ""
    agenda: str = ""
    rules: tuple[MeetingRule, ...] = ()

    @property
    def explicit_years(self) -> set[int]:
        """Years for which the file gives this gremium's dates or weeks itself (Bijlage 2's 2024)."""
        return set(self.weeks) | {d.year for d in self.dates}


@dataclass(frozen=True)
class CalendarConfig:
    """The whole vergaderkalender of one programme."""

    programme_code: str
    programme_name: str
    organizer: str
    gremia: tuple[GremiumConfig, ...]
    meeting_free_weeks: frozenset[int] = frozenset()
    skip_non_working_days: bool = True
    working_days: WorkingDaysConfig = field(default_factory=WorkingDaysConfig)
    period: tuple[int, int] | None = None  # the programme's looptijd (§8), first and last year

    def gremium(self, key: str) -> GremiumConfig:
        for gremium in self.gremia:
            if gremium.key == key:
                return gremium
        raise KeyError(f"no gremium {key!r} in the calendar configuration")

    def name_of(self, key: str) -> str:
        """The name a gremium goes by (the Regio Deal's Stuurgroep, the VDG-bestuur); its key when the calendar
        does not hold it (a route may lead to a gremium without meetings of its own in the file)."""
        return next((g.name for g in self.gremia if g.key == key), key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(g.key for g in self.gremia)


@dataclass(frozen=True)
class Meeting:
    """One dated meeting. ``week_only`` meetings carry the Monday of their week and no times."""

    gremium: str
    date: date
    start: time | None
    end: time | None
    kind: MeetingKind
    title: str
    week_only: bool = False
    location: str = ""
    agenda: str = ""
    assumed: bool = False  # dated by a meeting rule marked as an assumption: the staf may move it

    @property
    def iso_week(self) -> int:
        return self.date.isocalendar().week

    @property
    def starts_at(self) -> datetime | None:
        return None if self.start is None else datetime.combine(self.date, self.start, AMSTERDAM)

    @property
    def ends_at(self) -> datetime | None:
        return None if self.end is None else datetime.combine(self.date, self.end, AMSTERDAM)


@dataclass(frozen=True)
class SeriesOccurrences:
    """A series in a period, in the terms of RFC 5545: the rule's dates, the ones that drop
    out (with the reason) and the dates added outside the rule."""

    gremium: GremiumConfig
    rule_dates: tuple[date, ...]
    excluded: Mapping[date, str]
    added: tuple[date, ...]

    @property
    def kept(self) -> tuple[date, ...]:
        return tuple(d for d in self.rule_dates if d not in self.excluded)

    @property
    def dates(self) -> tuple[date, ...]:
        return tuple(sorted(set(self.kept) | set(self.added)))


Period = int | tuple[date, date]


def meeting_sort_key(meeting: Meeting) -> tuple[date, time, str]:
    """Date, then start time (week-only entries first), then gremium key."""
    return meeting.date, meeting.start or time.min, meeting.gremium


def period_bounds(period: Period) -> tuple[date, date]:
    """A year, or an inclusive (start, end) range, as an inclusive date range."""
    if isinstance(period, int):
        return date(period, 1, 1), date(period, 12, 31)
    start, end = period
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    return start, end


def rule_dates(gremium: GremiumConfig, start: date, end: date) -> Iterator[date]:
    """The dates of a series' rhythm (anchor + n * interval weeks) within [start, end]."""
    if gremium.first is None:
        return
    step = timedelta(weeks=gremium.interval_weeks)
    stop = end if gremium.last is None else min(end, gremium.last)
    current = gremium.first
    if current < start:
        skipped = (start - current).days // step.days
        current += step * skipped
        if current < start:
            current += step
    while current <= stop:
        yield current
        current += step


def series_meets(config: CalendarConfig, series: GremiumConfig, day: date, workdays: WorkingDays) -> bool:
    """Whether series *series* can meet on *day* (its range, cancellations, meeting-free weeks and
    closed days; not whether a joint meeting takes its place)."""
    if (series.first is not None and day < series.first) or (series.last is not None and day > series.last):
        return False
    if day in series.cancelled or day.isocalendar().week in config.meeting_free_weeks:
        return False
    return not (config.skip_non_working_days and not workdays.is_working_day(day))


def _meets_on(config: CalendarConfig, series: GremiumConfig, workdays: WorkingDays, day: date) -> bool:
    return series_meets(config, series, day, workdays)


def _joint_dates(config: CalendarConfig, joint: GremiumConfig, workdays: WorkingDays) -> Iterator[tuple[date, bool]]:
    """Where a joint gremium meets, and whether the date is an assumption: the replaced series'
    weekday in each configured ISO week, its explicit dates, and what its rules give."""
    weekday = joint.weekday
    series = config.gremium(joint.replaces) if joint.replaces is not None else None
    if weekday is None and series is not None:
        weekday = series.weekday
    if joint.weeks and weekday is None:
        raise ValueError(f"gremium {joint.key!r} has weeks but no weekday and replaces no series")
    for year, weeks in joint.weeks.items():
        for week in weeks:
            yield date.fromisocalendar(year, week, (weekday or 0) + 1), False
    for day in joint.dates:
        yield day, False
    for rule in joint.rules:
        years = rule.years(joint.explicit_years)
        if series is not None:
            meets = partial(_meets_on, config, series, workdays)
            dates = interval_rule_dates(rule, years, series.interval_weeks, meets)
        else:
            dates = week_rule_dates(rule, years, workdays)
        for found in dates:
            yield found.day, found.assumed


def _replaced_dates(config: CalendarConfig, key: str, workdays: WorkingDays) -> dict[date, str]:
    """Rhythm dates of series *key* taken over by a joint meeting (date -> joint gremium key)."""
    replaced: dict[date, str] = {}
    for other in config.gremia:
        if other.kind is GremiumKind.JOINT and other.replaces == key:
            for day, _ in _joint_dates(config, other, workdays):
                replaced[day] = other.key
    return replaced


def series_occurrences(
    config: CalendarConfig, gremium: GremiumConfig, period: Period, workdays: WorkingDays
) -> SeriesOccurrences:
    """The rule dates of a series within *period* and why some of them do not take place."""
    if gremium.kind is not GremiumKind.SERIES:
        raise ValueError(f"gremium {gremium.key!r} is not a series")
    start, end = period_bounds(period)
    dates = tuple(rule_dates(gremium, start, end))
    replaced = _replaced_dates(config, gremium.key, workdays)
    extra = set(gremium.extra)
    excluded: dict[date, str] = {}
    for day in dates:
        if day in extra:
            continue  # an explicitly added date takes place, whatever the rules say
        if day in gremium.cancelled:
            excluded[day] = "vervalt"
        elif day in replaced:
            excluded[day] = f"vervangen door {config.gremium(replaced[day]).name}"
        elif day.isocalendar().week in config.meeting_free_weeks:
            excluded[day] = f"vergadervrije week {day.isocalendar().week}"
        elif config.skip_non_working_days and not workdays.is_working_day(day):
            excluded[day] = workdays.reason_closed(day) or "vrije dag"
    added = tuple(sorted(d for d in extra if start <= d <= end and d not in dates))
    return SeriesOccurrences(gremium=gremium, rule_dates=dates, excluded=excluded, added=added)


def _meeting(gremium: GremiumConfig, day: date, kind: MeetingKind, assumed: bool = False) -> Meeting:
    return Meeting(
        date=day,
        start=gremium.start,
        end=gremium.end,
        gremium=gremium.key,
        kind=kind,
        title=gremium.name,
        location=gremium.location,
        agenda=gremium.agenda,
        assumed=assumed,
    )


def _week_only(gremium: GremiumConfig, year: int, week: int, assumed: bool = False) -> Meeting:
    return Meeting(
        date=date.fromisocalendar(year, week, 1),
        start=None,
        end=None,
        gremium=gremium.key,
        kind=MeetingKind.ONE_OFF,
        title=gremium.name,
        week_only=True,
        location=gremium.location,
        agenda=gremium.agenda,
        assumed=assumed,
    )


def expand_gremium(
    config: CalendarConfig, gremium: GremiumConfig, period: Period, workdays: WorkingDays
) -> list[Meeting]:
    """The meetings of one gremium within *period*, in date order."""
    start, end = period_bounds(period)
    meetings: list[Meeting] = []
    if gremium.kind is GremiumKind.SERIES:
        occurrences = series_occurrences(config, gremium, (start, end), workdays)
        meetings = [_meeting(gremium, d, MeetingKind.SERIES) for d in occurrences.dates]
    elif gremium.kind is GremiumKind.JOINT:
        days = dict(sorted((d, a) for d, a in _joint_dates(config, gremium, workdays) if start <= d <= end))
        meetings = [_meeting(gremium, d, MeetingKind.JOINT, assumed) for d, assumed in days.items()]
    else:
        meetings = [_meeting(gremium, d, MeetingKind.ONE_OFF) for d in gremium.dates if start <= d <= end]
        for year, weeks in gremium.weeks.items():
            for week in weeks:
                meeting = _week_only(gremium, year, week)
                if start <= meeting.date <= end:
                    meetings.append(meeting)
        years = range(start.year, end.year + 1)
        for rule in gremium.rules:
            in_period = [y for y in rule.years(gremium.explicit_years) if y in years]
            for found in week_rule_dates(rule, in_period, workdays):
                if not start <= found.day <= end:
                    continue
                if found.week_only:
                    year, week, _ = found.day.isocalendar()
                    meetings.append(_week_only(gremium, year, week, found.assumed))
                else:
                    meetings.append(_meeting(gremium, found.day, MeetingKind.ONE_OFF, found.assumed))
    return sorted(meetings, key=meeting_sort_key)


def expand(config: CalendarConfig, period: Period, workdays: WorkingDays | None = None) -> list[Meeting]:
    """Every meeting of every gremium within *period* (a year, or an inclusive date range).

    Sorted by date, then start time (week-only entries first), then gremium key.
    """
    days = workdays or WorkingDays(config.working_days)
    meetings: list[Meeting] = []
    for gremium in config.gremia:
        meetings.extend(expand_gremium(config, gremium, period, days))
    return sorted(meetings, key=meeting_sort_key)


# -- names: UIDs and file names are derived, never stored first, so exports and invitations agree ---
def uid_domain(config: CalendarConfig) -> str:
    """The right-hand side of vaart's UIDs: the domain of the programme mailbox."""
    _, _, domain = config.organizer.partition("@")
    return domain.lower() or "vaart.invalid"


def series_uid(config: CalendarConfig, gremium_key: str, year: int) -> str:
    return f"{config.programme_code}-{gremium_key}-reeks-{year}@{uid_domain(config)}".lower()


def meeting_uid(config: CalendarConfig, meeting: Meeting) -> str:
    """The stable UID of a single meeting (also for an invite to one meeting of a series)."""
    if meeting.week_only:
        year, week, _ = meeting.date.isocalendar()
        label = f"{year}-w{week:02d}"
    else:
        label = meeting.date.strftime("%Y%m%d")
    return f"{config.programme_code}-{meeting.gremium}-{label}@{uid_domain(config)}".lower()


def calendar_filename(config: CalendarConfig, gremium_key: str, year: int) -> str:
    return f"{config.programme_code.lower()}-{gremium_key}-{year}.ics"
