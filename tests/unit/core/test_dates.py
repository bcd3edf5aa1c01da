"""Typed dates: one parser, one accepted range (2000-2099) inside the years the working-day calendar
knows, and the programme's period for dates that plan something."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.dates import ACCEPTED, parse_date, parse_meeting_date, parse_year
from bot.domain.errors import Refused
from bot.domain.period import require_day
from bot.domain.programme import Programme
from bot.domain.workdays import WorkingDays
from bot.messages import render
from bot.services.route import route_plan
from tests.unit.scheduling.zod import raw_config


@pytest.mark.parametrize(
    ("text", "day"),
    [("28-06-2024", date(2024, 6, 28)), ("2024-06-28", date(2024, 6, 28)), ("28/06/2024", date(2024, 6, 28)),
     ("1-7-2024", date(2024, 7, 1)), (" 13-12-2024 ", date(2024, 12, 13)), ("29-02-2024", date(2024, 2, 29))],
)
def test_a_date_is_typed_the_dutch_way_or_as_iso(text: str, day: date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    "text",
    ["2024-W26-5", "20240628", "28-06/2024", "28.06.2024", "31-02-2024", "00-01-2024", "28-13-2024", "morgen",
     "٢٨-٠٦-٢٠٢٤", "２８-０６-２０２４", "28-06-２０２４", "2024-06-28T10:00", ""],
)
def test_text_that_is_no_date_is_refused_in_one_sentence(text: str) -> None:
    with pytest.raises(Refused) as refused:
        parse_date(text)
    assert refused.value.code == "date.invalid"
    assert render("date.invalid", "nl", **refused.value.params).endswith("gebruik JJJJ-MM-DD of DD-MM-JJJJ.")


@pytest.mark.parametrize("text", ["31-12-9999", "0001-01-01", "31-12-1999", "01-01-2100", "01-01-1900"])
def test_a_date_outside_the_accepted_years_is_refused_naming_the_range(text: str) -> None:
    with pytest.raises(Refused) as refused:
        parse_date(text)
    assert refused.value.code == "date.out_of_range"
    sentence = render("date.out_of_range", "nl", **refused.value.params)
    assert sentence.endswith("van 01-01-2000 tot en met 31-12-2099.")


def test_the_vaart_command_takes_iso_dates_only_in_the_same_range() -> None:
    assert parse_meeting_date("2099-12-31") == date(2099, 12, 31)
    with pytest.raises(Refused) as refused:
        parse_meeting_date("31-12-2024")
    assert refused.value.code == "route.invalid_date"
    with pytest.raises(Refused) as refused:
        parse_meeting_date("2200-01-01")  # the old advertised range went to 2200; the calendar stops at 2100
    assert refused.value.code == "date.out_of_range"


@pytest.mark.parametrize("text", ["1999", "2100", "٢٠٢٤", "２０２４", "²⁰²⁴", "twintig", "-2024"])
def test_a_year_outside_the_range_or_in_other_digits_is_refused(text: str) -> None:
    with pytest.raises(Refused) as refused:
        parse_year(text)
    assert refused.value.code == "calendar.invalid_year"
    assert refused.value.params["low"] == 2000 and refused.value.params["high"] == 2099


@pytest.mark.parametrize("day", [ACCEPTED.first, ACCEPTED.last, ACCEPTED.first + timedelta(days=40)])
def test_the_route_to_any_accepted_date_stays_inside_the_known_holidays(day: date) -> None:
    plan = route_plan(raw_config(), day.isoformat())  # worked back three weeks and more, across a year end
    assert plan.meeting_date == day
    days = WorkingDays()
    for year in (ACCEPTED.first.year - 1, ACCEPTED.last.year + 1):  # the margin the range keeps
        assert days.holidays(year)


def test_the_programme_period_is_its_looptijd_inside_the_accepted_years() -> None:
    programme = Programme.from_dict(raw_config())
    assert programme.period == (2023, 2027)
    assert ACCEPTED.first.year <= programme.period[0] <= programme.period[1] <= ACCEPTED.last.year
    with pytest.raises(Refused) as refused:
        require_day(programme.period, date(2028, 1, 7))
    sentence = render(refused.value.code, "nl", **refused.value.params)
    assert sentence.startswith("07-01-2028 valt buiten de looptijd van het programma (2023-2027, §8)")


@pytest.mark.parametrize("looptijd", [[1990, 2027], [2023, 2150], [2027, 2023], "2023-2027", [2023]])
def test_a_looptijd_outside_the_accepted_years_or_malformed_is_a_configuration_error(looptijd: object) -> None:
    raw = raw_config()
    raw["programma"]["looptijd"] = looptijd
    with pytest.raises(ValueError, match=r"looptijd|range"):
        Programme.from_dict(raw)
