"""Reading the vergaderkalender and the document route from the programme's TOML file.

The programme file (`bot/programme/zod.toml`) is the one place where a programme says when its
gremia meet, which days are closed and how the document route counts back from a stuurgroep
meeting. This module turns the raw dict from `tomllib` into the typed configuration of
`bot.domain.series`, `bot.domain.workdays` and `bot.domain.route`, and says precisely what is
wrong when the file is not right: a programme is configured by people, not by code changes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from bot.domain.route import RouteConfig, RouteStepConfig
from bot.domain.series import CalendarConfig, GremiumConfig, GremiumKind
from bot.domain.series_rules import MeetingRule
from bot.domain.workdays import WEEKDAY_NAMES_NL, WorkingDays, WorkingDaysConfig

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


class ConfigError(ValueError):
    """The programme configuration is wrong; the message names the place."""


def _table(raw: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where + '.' if where else ''}{key}: expected a table")
    return value


def _str(raw: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str):
        raise ConfigError(f"{where}.{key}: expected text")
    return value


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{where}: expected a whole number, got {value!r}")
    return value


def _bool(raw: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}.{key}: expected true or false")
    return value


def _date(value: Any, where: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ConfigError(f"{where}: expected a date (JJJJ-MM-DD without quotes), got {value!r}")
    return value


def _dates(raw: Mapping[str, Any], key: str, where: str) -> tuple[date, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise ConfigError(f"{where}.{key}: expected a list of dates")
    return tuple(_date(v, f"{where}.{key}[{i}]") for i, v in enumerate(value))


def _time(raw: Mapping[str, Any], key: str, where: str, default: time) -> time:
    value = raw.get(key)
    if value is None:
        return default
    if isinstance(value, time):
        return value
    if isinstance(value, str) and (match := _TIME.match(value)):
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ConfigError(f'{where}.{key}: expected a time such as 09:30:00 or "09:30", got {value!r}')


def _weeks(raw: Mapping[str, Any], key: str, where: str) -> dict[int, tuple[int, ...]]:
    """``weken = { 2024 = [6, 14] }``: ISO weeks per year, each checked to exist in that year."""
    value = raw.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}.{key}: expected a table of year = [weeks]")
    result: dict[int, tuple[int, ...]] = {}
    for year_text, weeks in value.items():
        if not str(year_text).isdigit():
            raise ConfigError(f"{where}.{key}: {year_text!r} is not a year")
        year = int(year_text)
        if not isinstance(weeks, list):
            raise ConfigError(f"{where}.{key}.{year}: expected a list of week numbers")
        checked = []
        for week in weeks:
            number = _int(week, f"{where}.{key}.{year}")
            try:
                date.fromisocalendar(year, number, 1)
            except ValueError as exc:
                raise ConfigError(f"{where}.{key}.{year}: week {number} does not exist in {year}") from exc
            checked.append(number)
        result[year] = tuple(checked)
    return result


def _weekday(raw: Mapping[str, Any], where: str) -> int | None:
    value = raw.get("weekdag")
    if value is None:
        return None
    if isinstance(value, str) and value.lower() in WEEKDAY_NAMES_NL:
        return WEEKDAY_NAMES_NL.index(value.lower())
    raise ConfigError(f"{where}.weekdag: expected one of {', '.join(WEEKDAY_NAMES_NL)}, got {value!r}")


def _rules(raw: Mapping[str, Any], where: str, kind: GremiumKind) -> tuple[MeetingRule, ...]:
    """``[[kalender.gremia.KEY.regels]]``: the rules that date a gremium in the other years."""
    entries = raw.get("regels", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{where}.regels: expected [[{where}.regels]] tables")
    if entries and kind is GremiumKind.SERIES:
        raise ConfigError(f"{where}.regels: a reeks is its own rule (weekdag, interval_weken, eerste, laatste)")
    rules = []
    for index, entry in enumerate(entries):
        here = f"{where}.regels[{index}]"
        if not isinstance(entry, Mapping):
            raise ConfigError(f"{here}: expected a table")
        first = _int(entry.get("vanaf"), f"{here}.vanaf")
        last = _int(entry.get("tot"), f"{here}.tot")
        if last < first:
            raise ConfigError(f"{here}.tot: before vanaf")
        weeks_raw = entry.get("weken", [])
        if not isinstance(weeks_raw, list):
            raise ConfigError(f"{here}.weken: expected a list of week numbers")
        weeks = tuple(_int(w, f"{here}.weken") for w in weeks_raw)
        for year in range(first, last + 1):
            for week in weeks:
                try:
                    date.fromisocalendar(year, week, 1)
                except ValueError as exc:
                    raise ConfigError(f"{here}.weken: week {week} does not exist in {year}") from exc
        interval = entry.get("interval_weken")
        anchor = _date(entry["eerste"], f"{here}.eerste") if "eerste" in entry else None
        if interval is not None:
            interval = _int(interval, f"{here}.interval_weken")
            if kind is not GremiumKind.JOINT or anchor is None or interval < 1 or weeks:
                raise ConfigError(f"{here}: interval_weken goes with eerste, for a gezamenlijk gremium, without weken")
        elif not weeks:
            raise ConfigError(f"{here}: expected weken, or interval_weken with eerste")
        aanname = entry.get("aanname", False)
        if not isinstance(aanname, bool):
            raise ConfigError(f"{here}.aanname: expected true or false")
        rules.append(
            MeetingRule(
                first_year=first,
                last_year=last,
                weeks=weeks,
                weekday=_weekday(entry, here),
                interval_weeks=interval,
                anchor=anchor,
                assumed=aanname,
                note=_str(entry, "toelichting", here, ""),
            )
        )
    return tuple(rules)


def _gremium(key: str, raw: Mapping[str, Any]) -> GremiumConfig:
    where = f"kalender.gremia.{key}"
    if not _KEY.match(key):
        raise ConfigError(f"{where}: a gremium key is lower case letters, digits and _")
    kind_text = _str(raw, "soort", where)
    try:
        kind = GremiumKind(kind_text)
    except ValueError as exc:
        kinds = ", ".join(k.value for k in GremiumKind)
        raise ConfigError(f"{where}.soort: expected one of {kinds}, got {kind_text!r}") from exc
    weekday = _weekday(raw, where)
    first = _date(raw["eerste"], f"{where}.eerste") if "eerste" in raw else None
    last = _date(raw["laatste"], f"{where}.laatste") if "laatste" in raw else None
    interval = _int(raw.get("interval_weken", 1), f"{where}.interval_weken")
    if interval < 1:
        raise ConfigError(f"{where}.interval_weken: must be 1 or more")
    start = _time(raw, "begin", where, time(10, 0))
    end = _time(raw, "eind", where, time(12, 0))
    if end <= start:
        raise ConfigError(f"{where}: eind ({end}) must be after begin ({start})")
    replaces = raw.get("vervangt")
    if replaces is not None and not isinstance(replaces, str):
        raise ConfigError(f"{where}.vervangt: expected a gremium key")
    gremium = GremiumConfig(
        key=key,
        name=_str(raw, "naam", where),
        name_en=_str(raw, "naam_en", where, ""),
        kind=kind,
        weekday=weekday,
        interval_weeks=interval,
        first=first,
        last=last,
        start=start,
        end=end,
        cancelled=frozenset(_dates(raw, "vervalt", where)),
        extra=_dates(raw, "extra", where),
        dates=_dates(raw, "data", where),
        weeks=_weeks(raw, "weken", where),
        replaces=replaces,
        location=_str(raw, "locatie", where, ""),
        agenda=_str(raw, "agenda", where, ""),
        rules=_rules(raw, where, kind),
    )
    if kind is GremiumKind.SERIES:
        if weekday is None or first is None:
            raise ConfigError(f"{where}: a reeks needs weekdag and eerste")
        if first.weekday() != weekday:
            raise ConfigError(f"{where}.eerste: {first} is not a {WEEKDAY_NAMES_NL[weekday]}")
        if last is not None and last < first:
            raise ConfigError(f"{where}.laatste: before eerste")
    if kind is GremiumKind.JOINT and replaces is None and weekday is None and gremium.weeks:
        raise ConfigError(f"{where}: gezamenlijk with weken needs vervangt or weekdag")
    return gremium


def _working_days(raw: Mapping[str, Any]) -> WorkingDaysConfig:
    where = "kalender.werkdagen"
    closed: dict[date, str] = {}
    entries = raw.get("gesloten", [])
    if not isinstance(entries, list):
        raise ConfigError(f'{where}.gesloten: expected a list of {{ datum = ..., reden = "..." }}')
    for index, entry in enumerate(entries):
        here = f"{where}.gesloten[{index}]"
        if not isinstance(entry, Mapping):
            raise ConfigError(f'{here}: expected {{ datum = ..., reden = "..." }}')
        closed[_date(entry.get("datum"), f"{here}.datum")] = _str(entry, "reden", here, "gesloten")
    return WorkingDaysConfig(
        goede_vrijdag_vrij=_bool(raw, "goede_vrijdag_vrij", where, False),
        extra_closed=closed,
    )


def calendar_config(raw: Mapping[str, Any]) -> CalendarConfig:
    """The vergaderkalender from the whole programme dict (`[programma]` and `[kalender]`)."""
    programme = _table(raw, "programma", "")
    kalender = _table(raw, "kalender", "")
    gremia_raw = _table(kalender, "gremia", "kalender")
    if not gremia_raw:
        raise ConfigError("kalender.gremia: no gremia configured")
    gremia = tuple(_gremium(str(key), value) for key, value in gremia_raw.items())
    keys = {g.key for g in gremia}
    for gremium in gremia:
        if gremium.replaces is not None:
            if gremium.replaces not in keys:
                raise ConfigError(f"kalender.gremia.{gremium.key}.vervangt: no gremium {gremium.replaces!r}")
            replaced = next(g for g in gremia if g.key == gremium.replaces)
            if replaced.kind is not GremiumKind.SERIES:
                raise ConfigError(f"kalender.gremia.{gremium.key}.vervangt: {replaced.key!r} is not a reeks")
            for index, rule in enumerate(gremium.rules):
                if rule.anchor is not None and not _on_rhythm(rule.anchor, replaced):
                    raise ConfigError(
                        f"kalender.gremia.{gremium.key}.regels[{index}].eerste: {rule.anchor} is not a meeting "
                        f"of the {replaced.key} rhythm"
                    )
    free_weeks = kalender.get("vergadervrije_weken", [])
    if not isinstance(free_weeks, list):
        raise ConfigError("kalender.vergadervrije_weken: expected a list of week numbers")
    weeks = frozenset(_int(w, "kalender.vergadervrije_weken") for w in free_weeks)
    if any(not 1 <= w <= 53 for w in weeks):
        raise ConfigError("kalender.vergadervrije_weken: week numbers run from 1 to 53")
    for gremium in gremia:
        for index, rule in enumerate(gremium.rules):
            if set(rule.weeks) & weeks:
                raise ConfigError(
                    f"kalender.gremia.{gremium.key}.regels[{index}].weken: "
                    f"{sorted(set(rule.weeks) & weeks)} are meeting-free weeks"
                )
    return CalendarConfig(
        programme_code=_str(programme, "code", "programma"),
        programme_name=_str(programme, "naam", "programma"),
        organizer=_str(programme, "programmabureau", "programma"),
        gremia=gremia,
        meeting_free_weeks=weeks,
        skip_non_working_days=_bool(kalender, "vrije_dagen_overslaan", "kalender", True),
        working_days=_working_days(_table(kalender, "werkdagen", "kalender")),
        period=_period(programme),
    )


def _on_rhythm(day: date, series: GremiumConfig) -> bool:
    if series.first is None or series.weekday is None or day.weekday() != series.weekday:
        return False
    return (day - series.first).days % (7 * series.interval_weeks) == 0


def _period(programme: Mapping[str, Any]) -> tuple[int, int] | None:
    """``[programma] looptijd = [2023, 2027]`` (§8: "een periode van vier jaar (2023-2027)")."""
    value = programme.get("looptijd")
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 2:
        raise ConfigError("programma.looptijd: expected [first year, last year]")
    first, last = (_int(v, "programma.looptijd") for v in value)
    if last < first:
        raise ConfigError("programma.looptijd: ends before it starts")
    return first, last


def working_days(raw: Mapping[str, Any]) -> WorkingDays:
    """The working-day calendar of the programme (`[kalender.werkdagen]`)."""
    return WorkingDays(_working_days(_table(_table(raw, "kalender", ""), "werkdagen", "kalender")))


def route_config(raw: Mapping[str, Any]) -> RouteConfig:
    """The document route (`[route]`): the meeting gremium and the steps with their offsets."""
    route = _table(raw, "route", "")
    steps_raw = route.get("stappen", [])
    if not isinstance(steps_raw, list) or not steps_raw:
        raise ConfigError("route.stappen: expected one or more [[route.stappen]] tables")
    steps: list[RouteStepConfig] = []
    for index, entry in enumerate(steps_raw):
        where = f"route.stappen[{index}]"
        if not isinstance(entry, Mapping):
            raise ConfigError(f"{where}: expected a table")
        key = _str(entry, "sleutel", where)
        if not _KEY.match(key):
            raise ConfigError(f"{where}.sleutel: lower case letters, digits and _ only, got {key!r}")
        if any(s.key == key for s in steps):
            raise ConfigError(f"{where}.sleutel: {key!r} appears twice")
        offsets_raw = entry.get("dagen")
        if not isinstance(offsets_raw, list) or not offsets_raw:
            raise ConfigError(f"{where}.dagen: expected a list of day offsets such as [-11, -4]")
        offsets = tuple(_int(o, f"{where}.dagen") for o in offsets_raw)
        if any(o > 0 for o in offsets):
            raise ConfigError(f"{where}.dagen: offsets count back from the meeting (0 or negative)")
        attach = entry.get("vergadering", [])
        if isinstance(attach, str):
            attach = [attach]
        if not isinstance(attach, list) or not all(isinstance(a, str) for a in attach):
            raise ConfigError(f"{where}.vergadering: expected gremium keys")
        steps.append(
            RouteStepConfig(
                key=key,
                label=_str(entry, "label", where),
                label_en=_str(entry, "label_en", where, ""),
                offsets=offsets,
                attach_to=tuple(attach),
            )
        )
    return RouteConfig(meeting_gremium=_str(route, "gremium", "route", "stuurgroep"), steps=tuple(steps))
