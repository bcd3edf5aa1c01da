"""The programme's one time zone. All times in vaart are aware; wall-clock time is Amsterdam's."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def require_aware(moment: datetime) -> datetime:
    """Return *moment* unchanged, or raise if it carries no time zone."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: vaart only works with timezone-aware times")
    return moment


def to_utc(moment: datetime) -> datetime:
    return require_aware(moment).astimezone(UTC)


def to_local(moment: datetime) -> datetime:
    return require_aware(moment).astimezone(AMSTERDAM)
