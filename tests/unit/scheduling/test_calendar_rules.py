"""A calendar for every year of the programme: Bijlage 2 gives 2024, the rules of the programme file
give 2025-2027, and every calendar is read back by an independent reader (recurring_ical_events).

Bijlage 2 (2024): "Kernteam" weekly on Tuesday, "Coördinatieteam" every two weeks on Thursday, a
"Gezamenlijk kern- en coördinatieteam" about every eight weeks in place of that week's
coördinatieteam, the "Ambtelijke cockpit" each quarter, "Den Haag - ZO Drenthe" in weeks 9, 22, 37
and 48, the "Stuurgroep" on 28 June and 13 December, and no meetings in weeks 31-34 and 52.
§8: "Het programma ... bestrijkt een periode van vier jaar (2023-2027)".
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar

from bot.domain.workdays import WorkingDays
from bot.programme.calendar import ConfigError, calendar_config
from integrations.ics.calendars import export_calendars
from tests.unit.scheduling.zod import raw_config

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STAMP = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
GOLDEN = Path(__file__).resolve().parents[2] / "fixtures" / "calendar_2024"
FREE_WEEKS = {31, 32, 33, 34, 52}
RULE_YEARS = [2025, 2026, 2027]
WORKDAYS = WorkingDays(calendar_config(raw_config()).working_days)


def read_back(tmp_path: Path, year: int) -> dict[str, list[tuple[date, Any]]]:
    """Per gremium: (day, event) of every occurrence in *year*, as recurring_ical_events expands them."""
    found: dict[str, list[tuple[date, Any]]] = {}
    for path in export_calendars(raw_config(), year, tmp_path / str(year), STAMP):
        gremium = path.stem.removeprefix("zod-").removesuffix(f"-{year}")
        calendar = Calendar.from_ical(path.read_bytes())
        days = []
        for event in recurring_ical_events.of(calendar).between(date(year, 1, 1), date(year + 1, 1, 1)):
            start = event.decoded("DTSTART")
            day = start.astimezone(AMSTERDAM).date() if isinstance(start, datetime) else start
            days.append((day, event))
        found[gremium] = sorted(days, key=lambda item: item[0])
    return found


def dates(found: dict[str, list[tuple[date, Any]]], gremium: str) -> list[date]:
    return [day for day, _ in found[gremium]]


def test_2024_is_still_bijlage_2_byte_for_byte(tmp_path: Path) -> None:
    """Bijlage 2: the 2024 calendar, exported exactly as before the rules for the other years."""
    for path in export_calendars(raw_config(), 2024, tmp_path, STAMP):
        assert path.read_bytes() == (GOLDEN / path.name).read_bytes(), path.name


@pytest.mark.parametrize("year", RULE_YEARS)
def test_the_kernteam_meets_every_tuesday_that_is_a_working_day_outside_the_free_weeks(
    tmp_path: Path, year: int
) -> None:
    """Bijlage 2: "Kernteam" weekly on Tuesday; no meetings in weeks 31-34 and 52."""
    found = dates(read_back(tmp_path, year), "kernteam")
    day = date(year, 1, 1)
    expected = []
    while day.year == year:
        if day.weekday() == 1 and day.isocalendar().week not in FREE_WEEKS | {1, 53} and WORKDAYS.is_working_day(day):
            expected.append(day)
        day += timedelta(days=1)
    assert found == expected


@pytest.mark.parametrize("year", RULE_YEARS)
def test_the_coordinatieteam_meets_fortnightly_on_thursday_except_where_the_joint_meeting_takes_over(
    tmp_path: Path, year: int
) -> None:
    """Bijlage 2: "Coördinatieteam" every two weeks on Thursday; "Gezamenlijk kern- en
    coördinatieteam" in place of it about every eight weeks."""
    found = read_back(tmp_path, year)
    coordination, joint = dates(found, "coordinatieteam"), dates(found, "kern_coordinatieteam")
    rhythm = date(2024, 1, 11)
    for day in coordination + joint:
        assert day.weekday() == 3 and (day - rhythm).days % 14 == 0, day
    assert not {d.isocalendar().week for d in joint} & {d.isocalendar().week for d in coordination}
    assert 5 <= len(joint) <= 7
    gaps = [(b - a).days // 7 for a, b in pairwise(joint)]
    assert all(6 <= gap <= 10 for gap in gaps), gaps  # "about every eight weeks"


@pytest.mark.parametrize("year", RULE_YEARS)
def test_the_cockpit_meets_each_quarter_den_haag_four_times_and_the_stuurgroep_twice(
    tmp_path: Path, year: int
) -> None:
    """Bijlage 2: "Ambtelijke cockpit" each quarter, "Den Haag - ZO Drenthe" four times a year,
    the "Stuurgroep" at least twice a year."""
    found = read_back(tmp_path, year)
    cockpit = dates(found, "ambtelijke_cockpit")
    assert sorted(Counter((d.month - 1) // 3 for d in cockpit).values()) == [1, 1, 1, 1]
    den_haag = found["den_haag_zod"]
    assert [d.isocalendar().week for d, _ in den_haag] == [9, 22, 37, 48]
    assert all(not isinstance(event.decoded("DTSTART"), datetime) for _, event in den_haag)  # week only
    stuurgroep = dates(found, "stuurgroep")
    assert len(stuurgroep) >= 2 and all(d.weekday() == 4 for d in stuurgroep)


@pytest.mark.parametrize("year", RULE_YEARS)
def test_the_stuurgroep_dates_of_the_rule_are_marked_as_an_assumption_the_staf_can_move(
    tmp_path: Path, year: int
) -> None:
    """Bijlage 2 gives the stuurgroep of 2024 only: later dates are the rule's, an assumption."""
    for _, event in read_back(tmp_path, year)["stuurgroep"]:
        assert "aanname" in str(event["DESCRIPTION"]) and "verplaatsen" in str(event["DESCRIPTION"])


@pytest.mark.parametrize("year", [2023, *RULE_YEARS])
def test_nothing_meets_in_the_free_weeks_or_on_a_non_working_day(tmp_path: Path, year: int) -> None:
    """Bijlage 2: no meetings in weeks 31-34 and 52; nor on non-working days."""
    for gremium, occurrences in read_back(tmp_path, year).items():
        for day, event in occurrences:
            assert day.isocalendar().week not in FREE_WEEKS, (gremium, day)
            if isinstance(event.decoded("DTSTART"), datetime):
                assert WORKDAYS.is_working_day(day), (gremium, day)


def test_2023_has_no_meetings_in_the_file(tmp_path: Path) -> None:
    """§8: the period starts in 2023, but Bijlage 2 starts in 2024; the file invents no 2023 meetings."""
    assert all(not occurrences for occurrences in read_back(tmp_path, 2023).values())


def test_the_rules_2024_weeks_are_not_counted_twice() -> None:
    """Bijlage 2: the explicit 2024 columns stay; a rule holds only where the file gives no dates."""
    config = calendar_config(raw_config())
    stuurgroep = config.gremium("stuurgroep")
    assert stuurgroep.explicit_years == {2024}
    assert [rule.years(stuurgroep.explicit_years) for rule in stuurgroep.rules] == [[2025, 2026, 2027]]


def test_adopted_dates_for_a_year_replace_the_rule_for_that_year() -> None:
    """§8: "Per jaar wordt een planning opgesteld": the adopted planning wins over the rule."""
    from bot.domain.series import expand

    raw = raw_config()
    raw["kalender"]["gremia"]["stuurgroep"]["data"].append(date(2026, 7, 3))
    found = [m for m in expand(calendar_config(raw), 2026) if m.gremium == "stuurgroep"]
    assert [(m.date, m.assumed) for m in found] == [(date(2026, 7, 3), False)]


@pytest.mark.parametrize(
    ("gremium", "rule", "fragment"),
    [
        ("stuurgroep", {"vanaf": 2025, "tot": 2027, "weken": [32], "weekdag": "vrijdag"}, "meeting-free"),
        ("stuurgroep", {"vanaf": 2025, "tot": 2027, "weken": [53], "weekdag": "vrijdag"}, "week 53 does not exist"),
        ("stuurgroep", {"vanaf": 2027, "tot": 2025, "weken": [26]}, "before vanaf"),
        ("stuurgroep", {"vanaf": 2025, "tot": 2027}, "expected weken"),
        ("kern_coordinatieteam", {"vanaf": 2025, "tot": 2027, "interval_weken": 8, "eerste": date(2025, 2, 13)},
         "rhythm"),
        ("kernteam", {"vanaf": 2025, "tot": 2027, "weken": [2]}, "a reeks is its own rule"),
    ],
)  # fmt: skip
def test_a_wrong_rule_is_refused_with_its_place(gremium: str, rule: dict[str, object], fragment: str) -> None:
    """The programme file is configured by people: a wrong rule names its place."""
    raw = raw_config()
    raw["kalender"]["gremia"][gremium]["regels"] = [rule]
    with pytest.raises(ConfigError, match=fragment):
        calendar_config(raw)
