"""Working days: which days count for the document route and the meeting series.

A deadline that falls on a non-working day moves to the previous working day, so every planner
in vaart needs one answer to "is this a working day, and if not, why not?". Non-working by
default: Saturday, Sunday and the generally recognised holidays of the Algemene termijnenwet
(Nieuwjaarsdag, Tweede Paasdag, Koningsdag as celebrated that year, 5 mei, Hemelvaartsdag,
Tweede Pinksterdag, Eerste en Tweede Kerstdag). Goede Vrijdag is a working day unless the
programme configures it as closed, and the programme may close extra days (a collective day off).

The moving feasts and Koningsdag come from the `holidays` package; 5 mei is added here because the
Algemene termijnenwet treats it as a holiday every year, where `holidays` only lists it every
fifth year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

import holidays

# Dutch weekday names, Monday first (date.weekday() indexes this). Also the reason a weekend is closed.
WEEKDAY_NAMES_NL: tuple[str, ...] = (
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
)

NIEUWJAARSDAG = "Nieuwjaarsdag"
GOEDE_VRIJDAG = "Goede Vrijdag"
TWEEDE_PAASDAG = "Tweede Paasdag"
KONINGSDAG = "Koningsdag"
BEVRIJDINGSDAG = "Bevrijdingsdag"
HEMELVAARTSDAG = "Hemelvaartsdag"
TWEEDE_PINKSTERDAG = "Tweede Pinksterdag"
EERSTE_KERSTDAG = "Eerste Kerstdag"
TWEEDE_KERSTDAG = "Tweede Kerstdag"

# Names the `holidays` package uses (language "nl", compared in lower case) -> the name vaart shows.
# Eerste Paasdag and Eerste Pinksterdag are always Sundays and not in the Algemene termijnenwet.
_LIBRARY_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "nieuwjaarsdag": NIEUWJAARSDAG,
        "goede vrijdag": GOEDE_VRIJDAG,
        "tweede paasdag": TWEEDE_PAASDAG,
        "koningsdag": KONINGSDAG,
        "koninginnedag": KONINGSDAG,
        "hemelvaartsdag": HEMELVAARTSDAG,
        "tweede pinksterdag": TWEEDE_PINKSTERDAG,
        "eerste kerstdag": EERSTE_KERSTDAG,
        "tweede kerstdag": TWEEDE_KERSTDAG,
    }
)
# Every holiday the Algemene termijnenwet names must be found for every year, or the library changed.
_REQUIRED = frozenset(
    {
        NIEUWJAARSDAG,
        TWEEDE_PAASDAG,
        KONINGSDAG,
        HEMELVAARTSDAG,
        TWEEDE_PINKSTERDAG,
        EERSTE_KERSTDAG,
        TWEEDE_KERSTDAG,
    }
)


@dataclass(frozen=True)
class WorkingDaysConfig:
    """The programme's choices: is Goede Vrijdag closed, and which extra days are (date -> reason)."""

    goede_vrijdag_vrij: bool = False
    extra_closed: Mapping[date, str] = field(default_factory=dict)


@lru_cache(maxsize=256)
def _statutory_holidays(year: int) -> Mapping[date, str]:
    """The Algemene termijnenwet holidays of *year*, plus Goede Vrijdag (filtered out by the caller)."""
    found: dict[date, str] = {}
    for day, names in holidays.country_holidays("NL", years=year, language="nl").items():
        for name in str(names).split(";"):
            ours = _LIBRARY_NAMES.get(name.strip().lower())
            if ours is not None:
                found[day] = ours
    found[date(year, 5, 5)] = BEVRIJDINGSDAG
    missing = _REQUIRED - set(found.values())
    if missing:
        raise RuntimeError(f"holidays package gave no {sorted(missing)} for {year}")
    return MappingProxyType(found)


class WorkingDays:
    """Answers working-day questions for one programme configuration."""

    def __init__(self, config: WorkingDaysConfig | None = None) -> None:
        self._config = config or WorkingDaysConfig()

    @property
    def config(self) -> WorkingDaysConfig:
        return self._config

    def holidays(self, year: int) -> dict[date, str]:
        """The closed holidays of *year* (date -> Dutch name), as this configuration sees them."""
        result = {
            day: name
            for day, name in _statutory_holidays(year).items()
            if name != GOEDE_VRIJDAG or self._config.goede_vrijdag_vrij
        }
        return dict(sorted(result.items()))

    def reason_closed(self, day: date) -> str | None:
        """Why *day* is not a working day ("zaterdag", "Tweede Kerstdag", ...), or None if it is one.

        A holiday's name wins over the weekday, so Koningsdag on a Saturday reads "Koningsdag".
        """
        extra = self._config.extra_closed.get(day)
        if extra is not None:
            return extra
        holiday = self.holidays(day.year).get(day)
        if holiday is not None:
            return holiday
        if day.weekday() >= 5:
            return WEEKDAY_NAMES_NL[day.weekday()]
        return None

    def is_working_day(self, day: date) -> bool:
        return self.reason_closed(day) is None

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before *day*."""
        candidate = day - timedelta(days=1)
        while not self.is_working_day(candidate):
            candidate -= timedelta(days=1)
        return candidate

    def working_day_on_or_before(self, day: date) -> date:
        """*day* itself when it is a working day, otherwise the previous working day."""
        return day if self.is_working_day(day) else self.previous_working_day(day)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after *day*."""
        candidate = day + timedelta(days=1)
        while not self.is_working_day(candidate):
            candidate += timedelta(days=1)
        return candidate

    def add_working_days(self, day: date, count: int) -> date:
        """Move *count* working days from *day*: forward when positive, backward when negative.

        The start day itself is not counted, so ``add_working_days(friday, 1)`` is the next Monday
        (when that is a working day). ``count == 0`` returns *day* unchanged.
        """
        result = day
        step = self.next_working_day if count > 0 else self.previous_working_day
        for _ in range(abs(count)):
            result = step(result)
        return result
