"""The shipped configuration reproduces the 2024 vergaderkalender of Bijlage 2, column by column.

The expected dates are copied from the table in the seed, in its own notation ("9-jan"). The seed
has "29-nov" in week 47 of the kernteam column: the 29th is a Friday in week 48, and the column
runs 12-nov, ?, 26-nov on Tuesdays, so it is a typo for 19-nov.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from bot.domain.series import Meeting, MeetingKind, expand
from bot.programme.calendar import ConfigError, calendar_config
from tests.unit.scheduling.zod import raw_config

MONTHS = {
    "jan": 1, "feb": 2, "mrt": 3, "apr": 4, "mei": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip


def seed_dates(text: str) -> list[date]:
    result = []
    for item in text.split():
        day, month = item.split("-")
        result.append(date(2024, MONTHS[month], int(day)))
    return result


KERNTEAM_2024 = seed_dates(
    """
    9-jan 16-jan 23-jan 30-jan 6-feb 13-feb 20-feb 27-feb 5-mrt 12-mrt 19-mrt 26-mrt
    2-apr 9-apr 16-apr 23-apr 30-apr 7-mei 14-mei 21-mei 28-mei 4-jun 11-jun 18-jun 25-jun
    2-jul 9-jul 16-jul 23-jul 27-aug 3-sep 10-sep 17-sep 24-sep 1-okt 8-okt 15-okt 22-okt 29-okt
    5-nov 12-nov 19-nov 26-nov 3-dec 10-dec 17-dec
    """
)
COORDINATIETEAM_2024 = seed_dates(
    """
    11-jan 25-jan 22-feb 7-mrt 21-mrt 18-apr 2-mei 16-mei 13-jun 27-jun 25-jul
    5-sep 3-okt 17-okt 31-okt 28-nov 12-dec
    """
)
GEZAMENLIJK_2024 = seed_dates("8-feb 4-apr 30-mei 11-jul 19-sep 14-nov")
STUURGROEP_2024 = seed_dates("28-jun 13-dec")
AMBTELIJKE_COCKPIT_2024 = seed_dates("27-mrt 26-jun 25-sep 11-dec")
DEN_HAAG_WEEKS_2024 = [9, 22, 37, 48]


def meetings_2024(gremium: str) -> list[Meeting]:
    return [m for m in expand(calendar_config(raw_config()), 2024) if m.gremium == gremium]


def test_the_kernteam_column_of_2024_is_reproduced_exactly() -> None:
    assert [m.date for m in meetings_2024("kernteam")] == KERNTEAM_2024


def test_the_coordinatieteam_column_of_2024_is_reproduced_exactly() -> None:
    assert [m.date for m in meetings_2024("coordinatieteam")] == COORDINATIETEAM_2024


def test_the_joint_kern_and_coordinatieteam_column_of_2024_is_reproduced_exactly() -> None:
    assert [m.date for m in meetings_2024("kern_coordinatieteam")] == GEZAMENLIJK_2024


def test_the_stuurgroep_column_of_2024_is_reproduced_exactly() -> None:
    assert [m.date for m in meetings_2024("stuurgroep")] == STUURGROEP_2024


def test_the_ambtelijke_cockpit_column_of_2024_is_reproduced_exactly() -> None:
    assert [m.date for m in meetings_2024("ambtelijke_cockpit")] == AMBTELIJKE_COCKPIT_2024


def test_the_den_haag_column_of_2024_is_week_only_entries_in_weeks_9_22_37_48() -> None:
    meetings = meetings_2024("den_haag_zod")
    assert [m.iso_week for m in meetings] == DEN_HAAG_WEEKS_2024
    assert all(m.week_only and m.start is None and m.date.weekday() == 0 for m in meetings)
    assert [m.date for m in meetings] == [
        date(2024, 2, 26),
        date(2024, 5, 27),
        date(2024, 9, 9),
        date(2024, 11, 25),
    ]


def test_the_2024_calendar_has_no_other_gremia() -> None:
    gremia = {m.gremium for m in expand(calendar_config(raw_config()), 2024)}
    assert gremia == {
        "kernteam",
        "coordinatieteam",
        "kern_coordinatieteam",
        "stuurgroep",
        "ambtelijke_cockpit",
        "den_haag_zod",
    }


def test_the_kernteam_does_not_meet_on_2_january_in_week_1() -> None:
    assert date(2024, 1, 2) not in [m.date for m in meetings_2024("kernteam")]


def test_the_kernteam_meets_on_2_july_in_week_27_and_19_november_in_week_47() -> None:
    dates = [m.date for m in meetings_2024("kernteam")]
    assert date(2024, 7, 2) in dates
    assert date(2024, 11, 19) in dates


def test_no_series_meets_in_the_summer_weeks_31_to_34_or_in_week_52() -> None:
    series = [m for m in expand(calendar_config(raw_config()), 2024) if m.kind is MeetingKind.SERIES]
    assert series
    assert not [m for m in series if m.iso_week in {31, 32, 33, 34, 52}]


def test_the_joint_meeting_replaces_the_coordinatieteam_in_its_week() -> None:
    joint_weeks = {m.iso_week for m in meetings_2024("kern_coordinatieteam")}
    assert joint_weeks == {6, 14, 22, 28, 38, 46}
    assert not joint_weeks & {m.iso_week for m in meetings_2024("coordinatieteam")}


def test_meetings_carry_kind_title_and_configured_times() -> None:
    kern = meetings_2024("kernteam")[0]
    assert (kern.kind, kern.title, kern.start, kern.end) == (
        MeetingKind.SERIES, "Kernteam", time(9, 30), time(11, 30),
    )  # fmt: skip
    joint = meetings_2024("kern_coordinatieteam")[0]
    assert (joint.kind, joint.title) == (MeetingKind.JOINT, "Gezamenlijk kern- en coördinatieteam")
    stuurgroep = meetings_2024("stuurgroep")[0]
    assert stuurgroep.kind is MeetingKind.ONE_OFF
    assert stuurgroep.starts_at is not None and stuurgroep.starts_at.utcoffset() is not None


def test_a_date_range_gives_only_the_meetings_inside_it() -> None:
    june = expand(calendar_config(raw_config()), (date(2024, 6, 24), date(2024, 6, 28)))
    assert [(m.date.isoformat(), m.gremium) for m in june] == [
        ("2024-06-25", "kernteam"),
        ("2024-06-26", "ambtelijke_cockpit"),
        ("2024-06-27", "coordinatieteam"),
        ("2024-06-28", "stuurgroep"),
    ]


def test_a_series_meeting_on_a_holiday_does_not_take_place() -> None:
    dates = [m.date for m in expand(calendar_config(raw_config()), 2025) if m.gremium == "coordinatieteam"]
    assert date(2025, 5, 29) not in dates  # Hemelvaartsdag, a Thursday of the fortnightly rhythm
    assert date(2025, 5, 15) in dates and date(2025, 6, 26) in dates
    # the joint meeting the rule put on Hemelvaartsdag takes the next coördinatieteam meeting instead
    joint = [m.date for m in expand(calendar_config(raw_config()), 2025) if m.gremium == "kern_coordinatieteam"]
    assert date(2025, 6, 12) in joint and date(2025, 6, 12) not in dates


def test_the_fortnightly_rhythm_continues_from_its_first_meeting_into_the_next_year() -> None:
    dates = [m.date for m in expand(calendar_config(raw_config()), 2025) if m.gremium == "coordinatieteam"]
    assert dates[0] == date(2025, 1, 9)
    assert all((d - date(2024, 1, 11)).days % 14 == 0 for d in dates)


def test_cancelled_and_extra_dates_in_the_configuration_change_the_series() -> None:
    raw = raw_config()
    kern = raw["kalender"]["gremia"]["kernteam"]
    kern["vervalt"] = [date(2024, 3, 5)]
    kern["extra"] = [date(2024, 8, 15), date(2024, 8, 13)]
    dates = [m.date for m in expand(calendar_config(raw), 2024) if m.gremium == "kernteam"]
    assert date(2024, 3, 5) not in dates
    assert date(2024, 8, 15) in dates  # a Thursday: outside the rhythm
    assert date(2024, 8, 13) in dates  # a Tuesday in summer week 33: the explicit date wins


def _broken(change: dict[str, Any]) -> dict[str, Any]:
    raw = raw_config()
    raw["kalender"]["gremia"]["kernteam"].update(change)
    return raw


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"weekdag": "dinsdagochtend"}, "weekdag"),
        ({"eerste": date(2024, 1, 3)}, "is not a dinsdag"),
        ({"interval_weken": 0}, "interval_weken"),
        ({"soort": "wekelijks"}, "soort"),
        ({"begin": "25:00"}, "begin"),
        ({"eind": time(9, 0)}, "eind"),
        ({"vervalt": ["2024-03-05"]}, "vervalt"),
    ],
)
def test_a_wrong_gremium_configuration_is_refused_with_its_place(
    change: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(ConfigError, match=fragment):
        calendar_config(_broken(change))


def test_a_week_that_does_not_exist_in_its_year_is_refused() -> None:
    raw = raw_config()
    raw["kalender"]["gremia"]["kern_coordinatieteam"]["weken"] = {"2024": [53]}
    with pytest.raises(ConfigError, match="week 53 does not exist in 2024"):
        calendar_config(raw)


def test_a_joint_meeting_that_replaces_an_unknown_gremium_is_refused() -> None:
    raw = raw_config()
    raw["kalender"]["gremia"]["kern_coordinatieteam"]["vervangt"] = "expertteam"
    with pytest.raises(ConfigError, match="vervangt"):
        calendar_config(raw)
