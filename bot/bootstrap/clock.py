"""Clocks. Services ask an injected clock for the time, so tests can move it."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.timezone import AMSTERDAM, require_aware


class SystemClock:
    """The real time, in Europe/Amsterdam."""

    def now(self) -> datetime:
        return datetime.now(AMSTERDAM)


class ManualClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, start: datetime) -> None:
        self._now = require_aware(start).astimezone(AMSTERDAM)

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = require_aware(moment).astimezone(AMSTERDAM)

    def advance(self, delta: timedelta) -> None:
        self._now = self._now + delta
