"""How long the outbox keeps trying: exponential backoff up to a ceiling, until a horizon.

A relay that is down for an hour, or over a weekend, must not kill the mail waiting for it. A
failing message is tried again after 30 s, 1, 2, 4, 8 minutes and then every `max_delay`
(15 minutes: after the relay comes back, the backlog leaves within a quarter of an hour), until
the horizon has passed since its first failure: by default one working day (Friday 16:00 ->
Monday 16:00; over Easter -> Tuesday), as the programme's calendar counts them. The last try is
made at the horizon itself; a failure then (or a permanent one at any time) makes it a dead
letter. `VAART_OUTBOX_RETRY_HORIZON` is a number of working days ("2") or of hours ("4h").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.domain.errors import Refused
from bot.domain.timezone import AMSTERDAM, to_local
from bot.domain.workdays import WorkingDays

_HOURS = re.compile(r"^(\d{1,4})\s*h$", re.IGNORECASE)
_DAYS = re.compile(r"^(\d{1,2})$")


@dataclass(frozen=True)
class Horizon:
    """Working days (the default: one) or a fixed number of hours after the first failure."""

    working_days: int = 1
    hours: int | None = None
    calendar: WorkingDays = field(default_factory=WorkingDays, compare=False)

    def deadline(self, failing_since: datetime) -> datetime:
        if self.hours is not None:
            return failing_since + timedelta(hours=self.hours)
        local = to_local(failing_since)
        day = self.calendar.add_working_days(local.date(), self.working_days)
        return datetime.combine(day, local.time(), AMSTERDAM)  # the same wall-clock time, DST or not

    def describe(self) -> str:
        return f"{self.hours} h" if self.hours is not None else f"{self.working_days} werkdag(en)"


def parse_horizon(text: str | None, calendar: WorkingDays | None = None) -> Horizon:
    """VAART_OUTBOX_RETRY_HORIZON: "1" .. "99" working days, or "1h" .. "9999h"; empty is one working day."""
    raw = (text or "").strip()
    calendar = calendar or WorkingDays()
    if not raw:
        return Horizon(calendar=calendar)
    hours, days = _HOURS.match(raw), _DAYS.match(raw)
    if hours and int(hours.group(1)) > 0:
        return Horizon(hours=int(hours.group(1)), calendar=calendar)
    if days and int(days.group(1)) > 0:
        return Horizon(working_days=int(days.group(1)), calendar=calendar)
    raise Refused("outbox.bad_horizon", value=raw[:20])


@dataclass(frozen=True)
class RetryPolicy:
    """When to try a failed message again, and when to give up on it."""

    base_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(minutes=15)
    horizon: Horizon = field(default_factory=Horizon)
    max_attempts: int | None = None  # an extra cap on tries (tests, a channel that must not hammer)

    def next_attempt(self, attempts: int, failing_since: datetime, now: datetime,
                     retry_after: float | None = None) -> datetime | None:
        """When to try again after the *attempts*-th failure, or None: give up (dead letter)."""
        if self.max_attempts is not None and attempts >= self.max_attempts:
            return None
        deadline = self.horizon.deadline(failing_since)
        if now >= deadline:
            return None
        delay = min(self.base_delay * (2 ** min(attempts - 1, 30)), self.max_delay)
        if retry_after is not None:
            delay = max(delay, timedelta(seconds=retry_after))
        again: datetime = now + delay
        return again if again < deadline else deadline
