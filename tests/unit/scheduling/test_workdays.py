"""Working days: every holiday rule of the Algemene termijnenwet for 2024-2030, written out by hand
(not computed with the library the code uses), weekends, Goede Vrijdag and extra closed days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.workdays import WorkingDays, WorkingDaysConfig

# The closed holidays per year. Easter: 31-03-2024, 20-04-2025, 05-04-2026, 28-03-2027, 16-04-2028,
# 01-04-2029, 21-04-2030. Koningsdag moves to 26 April when 27 April is a Sunday (2025).
EXPECTED: dict[int, dict[date, str]] = {
    2024: {
        date(2024, 1, 1): "Nieuwjaarsdag",
        date(2024, 4, 1): "Tweede Paasdag",
        date(2024, 4, 27): "Koningsdag",
        date(2024, 5, 5): "Bevrijdingsdag",
        date(2024, 5, 9): "Hemelvaartsdag",
        date(2024, 5, 20): "Tweede Pinksterdag",
        date(2024, 12, 25): "Eerste Kerstdag",
        date(2024, 12, 26): "Tweede Kerstdag",
    },
    2025: {
        date(2025, 1, 1): "Nieuwjaarsdag",
        date(2025, 4, 21): "Tweede Paasdag",
        date(2025, 4, 26): "Koningsdag",
        date(2025, 5, 5): "Bevrijdingsdag",
        date(2025, 5, 29): "Hemelvaartsdag",
        date(2025, 6, 9): "Tweede Pinksterdag",
        date(2025, 12, 25): "Eerste Kerstdag",
        date(2025, 12, 26): "Tweede Kerstdag",
    },
    2026: {
        date(2026, 1, 1): "Nieuwjaarsdag",
        date(2026, 4, 6): "Tweede Paasdag",
        date(2026, 4, 27): "Koningsdag",
        date(2026, 5, 5): "Bevrijdingsdag",
        date(2026, 5, 14): "Hemelvaartsdag",
        date(2026, 5, 25): "Tweede Pinksterdag",
        date(2026, 12, 25): "Eerste Kerstdag",
        date(2026, 12, 26): "Tweede Kerstdag",
    },
    2027: {
        date(2027, 1, 1): "Nieuwjaarsdag",
        date(2027, 3, 29): "Tweede Paasdag",
        date(2027, 4, 27): "Koningsdag",
        date(2027, 5, 5): "Bevrijdingsdag",
        date(2027, 5, 6): "Hemelvaartsdag",
        date(2027, 5, 17): "Tweede Pinksterdag",
        date(2027, 12, 25): "Eerste Kerstdag",
        date(2027, 12, 26): "Tweede Kerstdag",
    },
    2028: {
        date(2028, 1, 1): "Nieuwjaarsdag",
        date(2028, 4, 17): "Tweede Paasdag",
        date(2028, 4, 27): "Koningsdag",
        date(2028, 5, 5): "Bevrijdingsdag",
        date(2028, 5, 25): "Hemelvaartsdag",
        date(2028, 6, 5): "Tweede Pinksterdag",
        date(2028, 12, 25): "Eerste Kerstdag",
        date(2028, 12, 26): "Tweede Kerstdag",
    },
    2029: {
        date(2029, 1, 1): "Nieuwjaarsdag",
        date(2029, 4, 2): "Tweede Paasdag",
        date(2029, 4, 27): "Koningsdag",
        date(2029, 5, 5): "Bevrijdingsdag",
        date(2029, 5, 10): "Hemelvaartsdag",
        date(2029, 5, 21): "Tweede Pinksterdag",
        date(2029, 12, 25): "Eerste Kerstdag",
        date(2029, 12, 26): "Tweede Kerstdag",
    },
    2030: {
        date(2030, 1, 1): "Nieuwjaarsdag",
        date(2030, 4, 22): "Tweede Paasdag",
        date(2030, 4, 27): "Koningsdag",
        date(2030, 5, 5): "Bevrijdingsdag",
        date(2030, 5, 30): "Hemelvaartsdag",
        date(2030, 6, 10): "Tweede Pinksterdag",
        date(2030, 12, 25): "Eerste Kerstdag",
        date(2030, 12, 26): "Tweede Kerstdag",
    },
}
GOEDE_VRIJDAG = {
    2024: date(2024, 3, 29),
    2025: date(2025, 4, 18),
    2026: date(2026, 4, 3),
    2027: date(2027, 3, 26),
    2028: date(2028, 4, 14),
    2029: date(2029, 3, 30),
    2030: date(2030, 4, 19),
}
HOLIDAY_CASES = [(day, name) for year in EXPECTED for day, name in EXPECTED[year].items()]


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_the_closed_holidays_of_each_year_are_exactly_those_of_the_algemene_termijnenwet(year: int) -> None:
    assert WorkingDays().holidays(year) == EXPECTED[year]


@pytest.mark.parametrize(("day", "name"), HOLIDAY_CASES, ids=[f"{d}-{n}" for d, n in HOLIDAY_CASES])
def test_every_holiday_is_closed_with_its_dutch_name(day: date, name: str) -> None:
    workdays = WorkingDays()
    assert not workdays.is_working_day(day)
    assert workdays.reason_closed(day) == name


@pytest.mark.parametrize("year", sorted(GOEDE_VRIJDAG))
def test_goede_vrijdag_is_a_working_day_unless_configured(year: int) -> None:
    day = GOEDE_VRIJDAG[year]
    assert day.weekday() == 4
    assert WorkingDays().is_working_day(day)
    closed = WorkingDays(WorkingDaysConfig(goede_vrijdag_vrij=True))
    assert closed.reason_closed(day) == "Goede Vrijdag"
    assert closed.holidays(year)[day] == "Goede Vrijdag"


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_5_mei_is_a_holiday_every_year_not_only_in_lustrum_years(year: int) -> None:
    assert WorkingDays().reason_closed(date(year, 5, 5)) == "Bevrijdingsdag"


def test_koningsdag_moves_to_26_april_when_27_april_is_a_sunday() -> None:
    workdays = WorkingDays()
    assert workdays.reason_closed(date(2025, 4, 26)) == "Koningsdag"
    assert workdays.reason_closed(date(2025, 4, 27)) == "zondag"


def test_koningsdag_on_a_weekday_is_closed() -> None:
    assert WorkingDays().reason_closed(date(2026, 4, 27)) == "Koningsdag"
    assert date(2026, 4, 27).weekday() == 0


def test_eerste_paasdag_and_eerste_pinksterdag_are_closed_as_sundays() -> None:
    workdays = WorkingDays()
    assert workdays.reason_closed(date(2024, 3, 31)) == "zondag"
    assert workdays.reason_closed(date(2024, 5, 19)) == "zondag"


def test_weekends_are_closed_with_the_dutch_weekday_as_reason() -> None:
    workdays = WorkingDays()
    assert workdays.reason_closed(date(2024, 6, 8)) == "zaterdag"
    assert workdays.reason_closed(date(2024, 6, 9)) == "zondag"
    assert workdays.reason_closed(date(2024, 6, 10)) is None
    assert workdays.is_working_day(date(2024, 6, 7))


def test_a_holiday_name_wins_over_the_weekday() -> None:
    assert WorkingDays().reason_closed(date(2027, 12, 25)) == "Eerste Kerstdag"  # a Saturday


def test_extra_closed_days_are_closed_with_their_configured_reason() -> None:
    workdays = WorkingDays(WorkingDaysConfig(extra_closed={date(2024, 12, 27): "collectieve vrije dag"}))
    assert workdays.reason_closed(date(2024, 12, 27)) == "collectieve vrije dag"
    assert workdays.previous_working_day(date(2024, 12, 30)) == date(2024, 12, 24)


def test_previous_working_day_skips_the_christmas_days() -> None:
    assert WorkingDays().previous_working_day(date(2024, 12, 27)) == date(2024, 12, 24)


def test_previous_working_day_is_goede_vrijdag_before_easter_by_default() -> None:
    assert WorkingDays().previous_working_day(date(2024, 4, 2)) == date(2024, 3, 29)
    closed = WorkingDays(WorkingDaysConfig(goede_vrijdag_vrij=True))
    assert closed.previous_working_day(date(2024, 4, 2)) == date(2024, 3, 28)


def test_previous_working_day_of_a_working_day_is_strictly_earlier() -> None:
    assert WorkingDays().previous_working_day(date(2024, 6, 11)) == date(2024, 6, 10)
    assert WorkingDays().working_day_on_or_before(date(2024, 6, 11)) == date(2024, 6, 11)
    assert WorkingDays().working_day_on_or_before(date(2024, 6, 9)) == date(2024, 6, 7)


def test_add_working_days_counts_forward_over_holidays_and_weekends() -> None:
    workdays = WorkingDays()
    assert workdays.add_working_days(date(2024, 12, 20), 3) == date(2024, 12, 27)
    assert workdays.add_working_days(date(2024, 5, 8), 1) == date(2024, 5, 10)


def test_add_working_days_counts_backward_with_a_negative_number() -> None:
    workdays = WorkingDays()
    assert workdays.add_working_days(date(2024, 12, 27), -3) == date(2024, 12, 20)
    assert workdays.add_working_days(date(2025, 1, 2), -1) == date(2024, 12, 31)


def test_add_zero_working_days_returns_the_day_itself() -> None:
    assert WorkingDays().add_working_days(date(2024, 6, 8), 0) == date(2024, 6, 8)


@settings(database=None)
@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=-40, max_value=40),
)
def test_adding_and_subtracting_working_days_returns_to_a_working_day(start: date, count: int) -> None:
    workdays = WorkingDays()
    day = workdays.working_day_on_or_before(start)
    there = workdays.add_working_days(day, count)
    assert workdays.is_working_day(there) or count == 0
    assert workdays.add_working_days(there, -count) == day
    between = [day + timedelta(days=i) for i in range(1, (there - day).days + 1)]
    if count > 0:
        assert sum(workdays.is_working_day(d) for d in between) == count
