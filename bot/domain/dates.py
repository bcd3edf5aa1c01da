"""The dates people type, and the dates vaart accepts: the one definition of both.

Two ranges. `ACCEPTED` holds every date anyone may type (chat, forms, the `vaart` command): the years
2000 to 2099, well inside the years whose holidays the working-day calendar knows (1966-2100,
`bot.domain.workdays`), so a document route worked back from an accepted date, or a meeting series
around it, never runs out of known years. The programme's period (`Programme.period`, its
`looptijd`: 2023-2027 for the Regio Deal) holds every date that plans something: a meeting added or
moved, a proposal put on a stuurgroep agenda. Outside either, a clear refusal, never a traceback.

Digits are ASCII only: Python's `int()` also reads "٢٠٢٦" and "２０２６", `isdigit()` also "²".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.domain.errors import Refused

_ISO = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_DUTCH = re.compile(r"^([0-9]{1,2})([-/])([0-9]{1,2})\2([0-9]{4})$")


def ascii_number(text: str) -> bool:
    """True when *text* is one or more of the digits 0-9, nothing else."""
    return text.isascii() and text.isdigit()


@dataclass(frozen=True)
class DateRange:
    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"date range ends ({self.last}) before it begins ({self.first})")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def within(self, other: DateRange) -> bool:
        return other.first <= self.first and self.last <= other.last

    @classmethod
    def years(cls, first: int, last: int) -> DateRange:
        return cls(date(first, 1, 1), date(last, 12, 31))

    def require(self, day: date, code: str) -> date:
        """*day* when it lies in this range; Refused(*code*) naming the day and the range otherwise."""
        if day not in self:
            raise Refused(code, date=dutch(day), first=dutch(self.first), last=dutch(self.last))
        return day

    def require_year(self, text: str, code: str) -> int:
        """The year typed as *text* when it is a number inside this range; Refused(*code*) otherwise."""
        value = text.strip()
        if not ascii_number(value) or not self.first.year <= int(value) <= self.last.year:
            raise Refused(code, value=value[:20], low=self.first.year, high=self.last.year)
        return int(value)


ACCEPTED = DateRange.years(2000, 2099)


def dutch(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def parse_date(text: str, *, iso_only: bool = False) -> date:
    """A date typed as JJJJ-MM-DD or DD-MM-JJJJ (also D-M-JJJJ and with /) that exists and lies in
    ACCEPTED. *iso_only* takes JJJJ-MM-DD alone (the `vaart` command's stable interface)."""
    value = text.strip()
    iso = _ISO.match(value)
    dutch_form = None if iso_only else _DUTCH.match(value)
    try:
        if iso is not None:
            day = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        elif dutch_form is not None:
            day = date(int(dutch_form.group(4)), int(dutch_form.group(3)), int(dutch_form.group(1)))
        else:
            raise Refused("date.invalid", text=value[:20])
    except ValueError as exc:  # the 30th of February, month 13
        raise Refused("date.invalid", text=value[:20]) from exc
    return ACCEPTED.require(day, "date.out_of_range")


def parse_meeting_date(text: str) -> date:
    """A YYYY-MM-DD date typed by a person; Refused when it is not one, does not exist, or lies outside
    the dates vaart accepts (`ACCEPTED`)."""
    try:
        return parse_date(text, iso_only=True)
    except Refused as refused:
        if refused.code != "date.invalid":
            raise
        raise Refused("route.invalid_date", value=text.strip()[:20]) from refused


def parse_year(value: int | str) -> int:
    """A year typed by a person, inside `ACCEPTED`."""
    return ACCEPTED.require_year(str(value), "calendar.invalid_year")
