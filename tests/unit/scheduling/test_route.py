"""The document route to a stuurgroep meeting: the two worked examples of Bijlage 2 exactly, moves
to the previous working day with their reasons, and bad input."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from bot import messages
from bot.domain.dates import parse_meeting_date
from bot.domain.errors import Refused
from bot.domain.route import first_open_meeting, plan_route
from bot.domain.series import expand
from bot.domain.workdays import WorkingDays, WorkingDaysConfig
from bot.programme.calendar import ConfigError, calendar_config, route_config
from bot.reports.route import render_route
from bot.services.route import route_plan, route_text, route_warnings
from tests.unit.scheduling.zod import ROUTE_13_DECEMBER_2024, ROUTE_28_JUNE_2024, raw_config


def json_route(day: str, raw: dict[str, Any] | None = None) -> Any:
    return json.loads(route_text(raw or raw_config(), day, as_json=True))


def step(plan: Any, key: str) -> Any:
    return next(s for s in plan["steps"] if s["step"] == key)


def test_the_route_to_28_june_2024_is_the_worked_example_of_bijlage_2() -> None:
    assert json_route("2024-06-28") == ROUTE_28_JUNE_2024


def test_the_route_to_13_december_2024_is_the_worked_example_of_bijlage_2() -> None:
    assert json_route("2024-12-13") == ROUTE_13_DECEMBER_2024


def test_the_worked_examples_have_no_warnings() -> None:
    assert route_plan(raw_config(), "2024-06-28").warnings == ()
    assert route_plan(raw_config(), "2024-12-13").warnings == ()


def test_the_coordinatieteam_step_is_attached_to_its_regular_meeting_that_day() -> None:
    plan = route_plan(raw_config(), "2024-06-28")
    meetings = plan.step("bespreking_coordinatieteam").meetings
    assert [(m.gremium, m.date) for m in meetings] == [("coordinatieteam", date(2024, 6, 13))]
    assert "(vergadering Coördinatieteam, 13:30-15:30)" in render_route(plan)


def test_a_step_on_tweede_kerstdag_moves_to_the_previous_working_day() -> None:
    plan = json_route("2025-01-10")
    assert step(plan, "bespreking_coordinatieteam") == {
        "step": "bespreking_coordinatieteam",
        "dates": ["2024-12-24"],
        "moved": [{"from": "2024-12-26", "to": "2024-12-24", "reason": "Tweede Kerstdag"}],
    }
    assert step(plan, "stukken_naar_stuurgroep") == {
        "step": "stukken_naar_stuurgroep",
        "dates": ["2024-12-27"],
        "moved": [],
    }


def test_steps_on_a_weekend_move_to_friday_with_zaterdag_or_zondag_as_reason() -> None:
    plan = json_route("2024-10-02")  # a Wednesday: D-11 and D-4 are Saturdays, D-10 and D-3 Sundays
    assert step(plan, "bespreking_pfo") == {
        "step": "bespreking_pfo",
        "dates": ["2024-09-20", "2024-09-27"],
        "moved": [
            {"from": "2024-09-21", "to": "2024-09-20", "reason": "zaterdag"},
            {"from": "2024-09-28", "to": "2024-09-27", "reason": "zaterdag"},
        ],
    }
    assert step(plan, "bespreking_colleges") == {
        "step": "bespreking_colleges",
        "dates": ["2024-09-20", "2024-09-27"],
        "moved": [
            {"from": "2024-09-22", "to": "2024-09-20", "reason": "zondag"},
            {"from": "2024-09-29", "to": "2024-09-27", "reason": "zondag"},
        ],
    }


def test_a_step_on_goede_vrijdag_moves_only_when_the_programme_closes_goede_vrijdag() -> None:
    assert step(json_route("2024-04-19"), "stukken_naar_coordinatieteam")["dates"] == ["2024-03-29"]
    raw = raw_config()
    raw["kalender"]["werkdagen"]["goede_vrijdag_vrij"] = True
    assert step(json_route("2024-04-19", raw), "stukken_naar_coordinatieteam") == {
        "step": "stukken_naar_coordinatieteam",
        "dates": ["2024-03-28"],
        "moved": [{"from": "2024-03-29", "to": "2024-03-28", "reason": "Goede Vrijdag"}],
    }


def test_a_move_over_several_closed_days_lands_on_the_last_working_day_before_them() -> None:
    plan = json_route("2024-04-16")  # D-15 is Monday 1 April, Tweede Paasdag
    assert step(plan, "bespreking_coordinatieteam")["moved"] == [
        {"from": "2024-04-01", "to": "2024-03-29", "reason": "Tweede Paasdag"}
    ]


def test_the_offsets_come_from_the_configuration() -> None:
    raw = raw_config()
    raw["route"]["stappen"][0]["dagen"] = [-28]
    assert step(json_route("2024-06-28", raw), "stukken_naar_coordinatieteam")["dates"] == ["2024-05-31"]


def test_a_stuurgroep_on_a_non_working_day_gives_a_warning_not_a_crash() -> None:
    plan = route_plan(raw_config(), "2024-12-26")
    assert plan.step("stuurgroep").dates == (date(2024, 12, 26),)
    assert plan.step("stuurgroep").moves == ()
    codes = [w.code for w in plan.warnings]
    assert "route.meeting_on_closed_day" in codes
    texts = route_warnings(plan)
    assert "op donderdag 26 december 2024 wordt niet gewerkt (Tweede Kerstdag)" in texts[0]
    assert "Let op: op donderdag 26 december 2024 wordt niet gewerkt" in render_route(plan)


def test_a_date_without_a_stuurgroep_in_the_calendar_is_planned_with_a_warning() -> None:
    plan = route_plan(raw_config(), "2024-09-20")
    assert plan.warnings[0].code == "route.not_in_calendar"
    assert plan.step("stuurgroep").dates == (date(2024, 9, 20),)


def test_a_coordinatieteam_step_without_a_regular_meeting_gets_a_warning() -> None:
    plan = route_plan(raw_config(), "2025-01-10")
    warning = next(w for w in plan.warnings if w.code == "route.no_regular_meeting")
    assert warning.params["date"] == date(2024, 12, 24)


@pytest.mark.parametrize("text", ["2024-02-30", "2023-02-29", "2024-13-01", "2024-06-31", "2024-00-10"])
def test_a_date_that_does_not_exist_is_refused(text: str) -> None:
    with pytest.raises(Refused) as caught:
        route_text(raw_config(), text, as_json=True)
    assert caught.value.code == "route.invalid_date"
    assert caught.value.params == {"value": text}
    assert f"'{text}' is geen bestaande datum" in messages.render(caught.value.code, **caught.value.params)


@pytest.mark.parametrize("text", ["28-06-2024", "2024/06/28", "", "morgen", "20240628", "2024-W26-5"])
def test_a_date_in_another_notation_is_refused(text: str) -> None:
    with pytest.raises(Refused) as caught:
        parse_meeting_date(text)
    assert caught.value.code == "route.invalid_date"


def test_a_date_far_outside_the_programme_is_refused() -> None:
    with pytest.raises(Refused) as caught:
        parse_meeting_date("0001-01-01")
    assert caught.value.code == "date.out_of_range"


def test_the_29th_of_february_of_a_leap_year_is_accepted() -> None:
    assert parse_meeting_date("2024-02-29") == date(2024, 2, 29)


def test_the_human_route_is_a_dutch_table_with_dutch_month_names() -> None:
    text = route_text(raw_config(), "2024-06-28", as_json=False)
    lines = text.splitlines()
    assert lines[0] == "Documentroute naar de stuurgroep van vrijdag 28 juni 2024"
    assert lines[2].startswith("Stap") and lines[2].rstrip().endswith("Datum")
    assert any(
        line.startswith("Bespreking stukken in PFO's/POHO")
        and line.endswith("maandag 17 juni 2024 of maandag 24 juni 2024")
        for line in lines
    )
    assert any(line.startswith("Versturen stukken stuurgroep naar coördinatieteam") for line in lines)


def test_the_human_route_says_why_a_step_moved() -> None:
    text = route_text(raw_config(), "2025-01-10", as_json=False)
    assert "verschoven van 26 december 2024 naar 24 december 2024: Tweede Kerstdag" in text


def test_the_route_can_be_rendered_in_english() -> None:
    plan = route_plan(raw_config(), "2024-06-28")
    text = render_route(plan, "en")
    assert text.startswith("Document route to the stuurgroep of Friday 28 June 2024")
    assert "Monday 17 June 2024 or Monday 24 June 2024" in text


def test_a_proposal_goes_to_the_first_meeting_whose_first_deadline_has_not_passed() -> None:
    raw = raw_config()
    route, workdays = route_config(raw), WorkingDays()
    meetings = [date(2024, 6, 28), date(2024, 12, 13)]
    assert first_open_meeting(date(2024, 6, 7), meetings, route, workdays) == date(2024, 6, 28)
    assert first_open_meeting(date(2024, 6, 8), meetings, route, workdays) == date(2024, 12, 13)
    assert first_open_meeting(date(2024, 11, 23), meetings, route, workdays) is None


def test_plan_route_works_without_a_calendar() -> None:
    plan = plan_route(date(2024, 6, 28), route_config(raw_config()), WorkingDays(WorkingDaysConfig()))
    assert plan.to_json_dict() == ROUTE_28_JUNE_2024
    assert plan.first_deadline == date(2024, 6, 7)


def test_plan_route_uses_the_expanded_calendar_passed_in() -> None:
    raw = raw_config()
    calendar = calendar_config(raw)
    plan = plan_route(date(2024, 12, 13), route_config(raw), WorkingDays(), expand(calendar, 2024))
    assert plan.to_json_dict() == ROUTE_13_DECEMBER_2024
    assert plan.step("bespreking_coordinatieteam").meetings[0].date == date(2024, 11, 28)


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"dagen": [3]}, "count back"),
        ({"dagen": []}, "dagen"),
        ({"sleutel": "Stukken Naar"}, "sleutel"),
        ({"sleutel": "stuurgroep"}, "appears twice"),
    ],
)
def test_a_wrong_route_configuration_is_refused_with_its_place(change: dict[str, Any], fragment: str) -> None:
    raw = raw_config()
    raw["route"]["stappen"][0].update(change)
    with pytest.raises(ConfigError, match=fragment):
        route_config(raw)


def test_every_scheduling_message_code_exists_in_dutch_and_english() -> None:
    from bot.messages import scheduling

    assert set(scheduling.NL) == set(scheduling.EN)
    used = {
        "route.invalid_date",
        "route.meeting_on_closed_day",
        "route.not_in_calendar",
        "route.no_regular_meeting",
        "route.step_order",
        "calendar.invalid_year",
    }
    assert used <= set(scheduling.NL)


def test_a_configuration_whose_steps_run_backwards_gives_a_warning() -> None:
    raw = raw_config()
    raw["route"]["stappen"][1]["dagen"] = [-25]
    plan = route_plan(raw, "2024-06-28")
    warning = next(w for w in plan.warnings if w.code == "route.step_order")
    assert warning.params == {
        "step": "Bespreken stukken stuurgroep door coördinatieteam",
        "previous": "Versturen stukken stuurgroep naar coördinatieteam",
    }
