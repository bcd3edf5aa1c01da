"""Who is invited to which gremium and who is reminded of which route step: `[vergaderingen]`.

The vergaderkalender (`[kalender]`) says when gremia meet and the route (`[route]`) when each step
of the document route falls; this section adds the people side, by role, so that a new staf
member is reminded without anyone changing code: the roles invited to each gremium's meetings,
the reminders per route step (which roles, how many working days before, a reminder or the
documents package itself), the time of day reminders fall due and how late is "late".
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import time, timedelta
from enum import StrEnum
from typing import Any

from bot.programme.calendar import ConfigError


class ReminderKind(StrEnum):
    REMINDER = "herinnering"  # "your step is coming up"
    PACKAGE = "stukken"  # the documents package of the meeting (items, advice, proposals)


@dataclass(frozen=True)
class ReminderRule:
    """Remind *roles* of route step *step*, *working_days_before* working days before its first date."""

    step: str
    roles: tuple[str, ...]
    working_days_before: int
    kind: ReminderKind = ReminderKind.REMINDER


@dataclass(frozen=True)
class MeetingsConfig:
    attendees: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    reminder_time: time = time(9, 0)
    grace: timedelta = timedelta(minutes=15)
    rules: tuple[ReminderRule, ...] = ()

    def roles_for(self, gremium: str) -> tuple[str, ...]:
        return self.attendees.get(gremium, ())


def _roles(value: Any, where: str, known_roles: Collection[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of role keys")
    unknown = [v for v in value if known_roles and v not in known_roles]
    if unknown:
        raise ConfigError(f"{where}: unknown role(s) {', '.join(unknown)}")
    return tuple(value)


def meetings_config(
    raw: Mapping[str, Any],
    gremia: Collection[str] = (),
    steps: Collection[str] = (),
    roles: Collection[str] = (),
) -> MeetingsConfig:
    """`[vergaderingen]` of the programme file, checked against the known gremia, steps and roles."""
    section = raw.get("vergaderingen", {})
    if not isinstance(section, Mapping):
        raise ConfigError("vergaderingen: expected a table")
    attendees_raw = section.get("deelnemers", {})
    if not isinstance(attendees_raw, Mapping):
        raise ConfigError("vergaderingen.deelnemers: expected a table of gremium = [roles]")
    attendees: dict[str, tuple[str, ...]] = {}
    for gremium, value in attendees_raw.items():
        if gremia and gremium not in gremia:
            raise ConfigError(f"vergaderingen.deelnemers.{gremium}: no such gremium in [kalender.gremia]")
        attendees[str(gremium)] = _roles(value, f"vergaderingen.deelnemers.{gremium}", roles)
    at = section.get("herinnering_om", time(9, 0))
    if not isinstance(at, time):
        raise ConfigError("vergaderingen.herinnering_om: expected a time such as 09:00:00")
    grace = section.get("marge_minuten", 15)
    if isinstance(grace, bool) or not isinstance(grace, int) or grace < 0:
        raise ConfigError("vergaderingen.marge_minuten: expected a whole number of minutes, 0 or more")
    rules_raw = section.get("herinneringen", [])
    if not isinstance(rules_raw, list):
        raise ConfigError("vergaderingen.herinneringen: expected [[vergaderingen.herinneringen]] tables")
    rules: list[ReminderRule] = []
    for index, entry in enumerate(rules_raw):
        where = f"vergaderingen.herinneringen[{index}]"
        if not isinstance(entry, Mapping):
            raise ConfigError(f"{where}: expected a table")
        step = entry.get("stap")
        if not isinstance(step, str) or (steps and step not in steps):
            raise ConfigError(f"{where}.stap: expected one of {', '.join(steps) or 'the route steps'}")
        before = entry.get("werkdagen_voor", 0)
        if isinstance(before, bool) or not isinstance(before, int) or not 0 <= before <= 30:
            raise ConfigError(f"{where}.werkdagen_voor: expected a whole number from 0 to 30")
        kind_text = entry.get("soort", ReminderKind.REMINDER.value)
        try:
            kind = ReminderKind(kind_text)
        except ValueError:
            kinds = ", ".join(k.value for k in ReminderKind)
            raise ConfigError(f"{where}.soort: expected one of {kinds}, got {kind_text!r}") from None
        rules.append(ReminderRule(step, _roles(entry.get("rollen"), f"{where}.rollen", roles), before, kind))
    return MeetingsConfig(attendees=attendees, reminder_time=at, grace=timedelta(minutes=grace), rules=tuple(rules))
