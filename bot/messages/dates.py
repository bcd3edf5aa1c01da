"""Dates in words, as every message writes them: "vrijdag 28 juni 2024", "28 June 2024"."""

from __future__ import annotations

from datetime import date

from bot.messages.scheduling import MONTHS, WEEKDAYS


def format_date(day: date, lang: str = "nl") -> str:
    """A date with weekday, as in "vrijdag 28 juni 2024" or "Friday 28 June 2024"."""
    language = lang if lang in MONTHS else "nl"
    weekday = WEEKDAYS[language][day.weekday()]
    return f"{weekday} {day.day} {MONTHS[language][day.month - 1]} {day.year}"


def format_short_date(day: date, lang: str = "nl") -> str:
    """A date without weekday, as in "28 juni 2024"."""
    language = lang if lang in MONTHS else "nl"
    return f"{day.day} {MONTHS[language][day.month - 1]} {day.year}"
