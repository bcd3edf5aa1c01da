"""One published calendar per gremium: what `vaart calendar export` writes and feeds serve.

A series (kernteam, coördinatieteam) becomes one recurring event per year: an RRULE from its
first meeting to its last, EXDATEs for the weeks it does not meet (summer, Christmas, holidays,
weeks where the joint meeting takes its place) and RDATEs for added dates. Other meetings are
single events in UTC; a meeting of which only the week is known is an all-day entry for that
week. UIDs are derived from the programme code, the gremium and the series or date, so a new
export replaces the old events in people's agendas instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar, Event

from bot.domain.dates import parse_year
from bot.domain.series import (
    CalendarConfig,
    GremiumConfig,
    GremiumKind,
    Meeting,
    calendar_filename,
    expand_gremium,
    meeting_uid,
    series_occurrences,
    series_uid,
)
from bot.domain.timezone import AMSTERDAM
from bot.domain.workdays import WorkingDays
from bot.programme.calendar import calendar_config
from bot.reports.meetings import meeting_description, meeting_summary
from integrations.ics.events import Recurrence, build_calendar, build_event


@dataclass(frozen=True)
class SeriesEvent:
    """A series within one year as one recurring event."""

    uid: str
    start: datetime
    end: datetime
    recurrence: Recurrence


def _at(day: date, gremium: GremiumConfig, end: bool = False) -> datetime:
    return datetime.combine(day, gremium.end if end else gremium.start, AMSTERDAM)


def series_event(
    config: CalendarConfig, gremium: GremiumConfig, year: int, workdays: WorkingDays
) -> SeriesEvent | None:
    """The recurring event of series *gremium* in *year*, or None when it has no meeting that year
    that follows its rhythm."""
    occurrences = series_occurrences(config, gremium, year, workdays)
    kept = occurrences.kept
    if not kept or gremium.weekday is None:
        return None
    first, last = kept[0], kept[-1]
    exdates = tuple(_at(d, gremium) for d in occurrences.rule_dates if first < d < last and d not in kept)
    rdates = tuple(_at(d, gremium) for d in occurrences.added)
    recurrence = Recurrence(
        interval_weeks=gremium.interval_weeks,
        weekday=gremium.weekday,
        until=_at(last, gremium),
        exdates=exdates,
        rdates=rdates,
    )
    return SeriesEvent(
        uid=series_uid(config, gremium.key, year),
        start=_at(first, gremium),
        end=_at(first, gremium, end=True),
        recurrence=recurrence,
    )


def meeting_times(meeting: Meeting) -> tuple[datetime, datetime] | tuple[date, date]:
    """Start and end for a calendar entry: aware datetimes, or for a week-only entry the
    Monday and the Saturday of that week (an all-day entry over the working week)."""
    if meeting.week_only or meeting.starts_at is None or meeting.ends_at is None:
        return meeting.date, meeting.date + timedelta(days=5)
    return meeting.starts_at, meeting.ends_at


def _single_event(config: CalendarConfig, meeting: Meeting, dtstamp: datetime, lang: str) -> Event:
    start, end = meeting_times(meeting)
    return build_event(
        uid=meeting_uid(config, meeting),
        dtstamp=dtstamp,
        summary=meeting_summary(meeting, lang),
        start=start,
        end=end,
        description=meeting_description(config, meeting, lang),
        location=meeting.location,
        transparent=meeting.week_only,
    )


def gremium_events(
    config: CalendarConfig,
    gremium_key: str,
    year: int,
    workdays: WorkingDays,
    dtstamp: datetime,
    lang: str = "nl",
) -> list[Event]:
    """The VEVENTs of one gremium for *year*."""
    gremium = config.gremium(gremium_key)
    meetings = expand_gremium(config, gremium, year, workdays)
    if gremium.kind is GremiumKind.SERIES:
        series = series_event(config, gremium, year, workdays)
        if series is not None:
            example = meetings[0]
            event = build_event(
                uid=series.uid,
                dtstamp=dtstamp,
                summary=gremium.name,
                start=series.start,
                end=series.end,
                description=meeting_description(config, example, lang),
                location=gremium.location,
                recurrence=series.recurrence,
            )
            return [event]
    return [_single_event(config, m, dtstamp, lang) for m in meetings]


def build_gremium_calendar(
    config: CalendarConfig,
    gremium_key: str,
    year: int,
    workdays: WorkingDays | None = None,
    dtstamp: datetime | None = None,
    lang: str = "nl",
) -> Calendar:
    """The calendar of one gremium for one year (no METHOD: it is published, not sent)."""
    days = workdays or WorkingDays(config.working_days)
    stamp = dtstamp or datetime.now(UTC)
    gremium = config.gremium(gremium_key)
    events = gremium_events(config, gremium_key, year, days, stamp, lang)
    return build_calendar(events, name=f"{gremium.name} {year}")


def export_calendars(
    raw_config: Mapping[str, Any],
    year: int,
    out_dir: Path,
    dtstamp: datetime | None = None,
    lang: str = "nl",
) -> list[Path]:
    """Write one .ics per gremium for *year* into *out_dir*; the paths in configuration order.

    A gremium without meetings that year still gets its calendar (no events, the VTIMEZONE), so feeds
    stay stable.
    """
    config = calendar_config(raw_config)
    workdays = WorkingDays(config.working_days)
    stamp = dtstamp or datetime.now(UTC).replace(microsecond=0)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for gremium in config.gremia:
        calendar = build_gremium_calendar(config, gremium.key, year, workdays, stamp, lang)
        path = out_dir / calendar_filename(config, gremium.key, year)
        path.write_bytes(calendar.to_ical())
        paths.append(path)
    return paths


def export(
    raw_config: Mapping[str, Any], year: int | str, out_dir: Path, dtstamp: datetime | None = None
) -> list[Path]:
    """The plan's calendars of a year typed by a person (checked first): one .ics per gremium."""
    return export_calendars(raw_config, parse_year(year), Path(out_dir), dtstamp)
