"""The outbox's retry policy: exponential backoff up to 15 minutes, for one working day after the
first failure (the programme's working days), the last try at the horizon itself."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise

import pytest

from bot.domain.errors import Refused
from bot.domain.timezone import AMSTERDAM
from bot.domain.workdays import WorkingDays, WorkingDaysConfig
from scheduling.retry import Horizon, RetryPolicy, parse_horizon

FRIDAY = datetime(2026, 11, 27, 16, 0, tzinfo=AMSTERDAM)


def tries(policy: RetryPolicy, since: datetime, until: datetime) -> list[datetime]:
    """Every try of a message failing from *since* while the relay stays down, up to *until*."""
    moments, now, attempts = [since], since, 1
    while (again := policy.next_attempt(attempts, since, now)) is not None and again <= until:
        moments.append(again)
        now, attempts = again, attempts + 1
    return moments


def test_the_default_horizon_is_one_working_day_from_the_first_failure() -> None:
    horizon = Horizon()
    assert horizon.deadline(FRIDAY) == datetime(2026, 11, 30, 16, 0, tzinfo=AMSTERDAM)  # Monday
    assert horizon.deadline(datetime(2026, 11, 28, 10, 0, tzinfo=AMSTERDAM)) == datetime(
        2026, 11, 30, 10, 0, tzinfo=AMSTERDAM)  # a Saturday: the next working day, same time
    easter = datetime(2026, 4, 3, 16, 0, tzinfo=AMSTERDAM)  # Goede Vrijdag is a working day
    assert horizon.deadline(easter) == datetime(2026, 4, 7, 16, 0, tzinfo=AMSTERDAM)  # past Tweede Paasdag
    closed = Horizon(calendar=WorkingDays(WorkingDaysConfig(goede_vrijdag_vrij=True)))
    assert closed.deadline(datetime(2026, 4, 2, 9, 0, tzinfo=AMSTERDAM)) == datetime(
        2026, 4, 7, 9, 0, tzinfo=AMSTERDAM)


def test_the_horizon_keeps_the_wall_clock_time_across_the_change_to_winter_time() -> None:
    saturday = datetime(2026, 10, 24, 10, 0, tzinfo=AMSTERDAM)  # summer time
    deadline = Horizon().deadline(saturday)
    assert deadline == datetime(2026, 10, 26, 10, 0, tzinfo=AMSTERDAM)
    assert deadline.utcoffset() == timedelta(hours=1) and saturday.utcoffset() == timedelta(hours=2)


def test_backoff_doubles_from_30_seconds_to_a_ceiling_of_15_minutes() -> None:
    policy = RetryPolicy()
    moments = tries(policy, FRIDAY, FRIDAY + timedelta(hours=3))
    gaps = [later - earlier for earlier, later in pairwise(moments)]
    assert gaps[:7] == [timedelta(seconds=s) for s in (30, 60, 120, 240, 480, 900, 900)]
    assert max(gaps) == timedelta(minutes=15)


def test_a_relay_down_over_the_weekend_loses_nothing_and_the_last_try_is_at_the_horizon() -> None:
    policy = RetryPolicy()
    monday = datetime(2026, 11, 30, 16, 0, tzinfo=AMSTERDAM)
    moments = tries(policy, FRIDAY, monday + timedelta(days=1))
    assert moments[-1] == monday  # tried at the horizon itself ...
    assert policy.next_attempt(len(moments), FRIDAY, monday) is None  # ... and dead only when that fails
    assert policy.next_attempt(len(moments), FRIDAY, monday - timedelta(seconds=1)) == monday
    assert 280 < len(moments) < 300  # about four tries an hour, not a flood


def test_the_old_policy_gave_up_after_eight_tries_in_about_an_hour() -> None:
    """The figure this replaces: 8 attempts over 30 s x (2^7 - 1) = 3,810 s (63.5 minutes)."""
    old = RetryPolicy(max_attempts=8, max_delay=timedelta(days=1))
    moments = tries(old, FRIDAY, FRIDAY + timedelta(days=3))
    assert len(moments) == 8 and moments[-1] - FRIDAY == timedelta(seconds=3810)
    assert RetryPolicy().next_attempt(8, FRIDAY, FRIDAY + timedelta(seconds=3810)) is not None


def test_a_retry_after_from_the_server_is_respected_but_never_past_the_horizon() -> None:
    policy = RetryPolicy()
    assert policy.next_attempt(1, FRIDAY, FRIDAY, retry_after=120) == FRIDAY + timedelta(minutes=2)
    late = datetime(2026, 11, 30, 15, 59, tzinfo=AMSTERDAM)
    assert policy.next_attempt(50, FRIDAY, late, retry_after=3600) == datetime(2026, 11, 30, 16, 0, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(("text", "deadline"), [
    ("", datetime(2026, 11, 30, 16, 0, tzinfo=AMSTERDAM)),
    ("2", datetime(2026, 12, 1, 16, 0, tzinfo=AMSTERDAM)),
    ("4h", FRIDAY + timedelta(hours=4)),
    ("48 H", FRIDAY + timedelta(hours=48)),
])
def test_vaart_outbox_retry_horizon_takes_working_days_or_hours(text: str, deadline: datetime) -> None:
    assert parse_horizon(text).deadline(FRIDAY) == deadline


@pytest.mark.parametrize("text", ["0", "0h", "-1", "1.5", "een dag", "100", "3d"])
def test_a_horizon_that_is_not_a_number_of_working_days_or_hours_is_refused(text: str) -> None:
    with pytest.raises(Refused) as refused:
        parse_horizon(text)
    assert refused.value.code == "outbox.bad_horizon"
