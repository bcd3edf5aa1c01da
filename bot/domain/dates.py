"""Dates and years typed by people: checked, and refused with a message code when they do not exist."""

from __future__ import annotations

import re
from datetime import date

from bot.domain.errors import Refused

FIRST_YEAR = 1900
LAST_YEAR = 2200
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


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
