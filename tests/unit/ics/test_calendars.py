"""Published calendars: every calendar read back by an independent reader (recurring_ical_events)
gives exactly the meetings of `expand`; series are RRULE + EXDATE, single meetings UTC, and the
VTIMEZONE is the RRULE style Outlook reads."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
import vobject
from icalendar import Calendar

from bot.domain.series import CalendarConfig, expand
from bot.programme.calendar import calendar_config
from integrations.ics.calendars import build_gremium_calendar, export, export_calendars
from integrations.ics.events import build_calendar
from integrations.ics.vtimezone import amsterdam_vtimezone
from tests.unit.scheduling.zod import raw_config

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STAMP = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
GREMIA = [
    "kernteam",
    "coordinatieteam",
    "kern_coordinatieteam",
    "stuurgroep",
    "ambtelijke_cockpit",
    "den_haag_zod",
]


def built(config: CalendarConfig, gremium: str, year: int = 2024) -> Calendar:
    """The calendar as a reader sees it: written to bytes and parsed again."""
    return Calendar.from_ical(build_gremium_calendar(config, gremium, year, dtstamp=STAMP).to_ical())


def occurrences(calendar: Calendar, year: int) -> list[tuple[date, time | None]]:
    """(date, Amsterdam start time or None for all-day) of every occurrence in *year*."""
    result: list[tuple[date, time | None]] = []
    for event in recurring_ical_events.of(calendar).between(date(year, 1, 1), date(year + 1, 1, 1)):
        start = event.decoded("DTSTART")
        if isinstance(start, datetime):
            local = start.astimezone(AMSTERDAM)
            result.append((local.date(), local.time()))
        else:
            result.append((start, None))
    return sorted(result, key=lambda item: (item[0], item[1] or time.min))


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026, 2027])
@pytest.mark.parametrize("gremium", GREMIA)
def test_every_calendar_read_back_has_the_same_occurrences_as_expand(gremium: str, year: int) -> None:
    config = calendar_config(raw_config())
    calendar = Calendar.from_ical(build_gremium_calendar(config, gremium, year, dtstamp=STAMP).to_ical())
    expected = [(m.date, m.start) for m in expand(config, year) if m.gremium == gremium]
    assert occurrences(calendar, year) == expected


@pytest.mark.parametrize("gremium", ["kernteam", "coordinatieteam"])
def test_a_series_is_one_recurring_event_with_exdates_in_local_time(gremium: str) -> None:
    config = calendar_config(raw_config())
    [event] = built(config, gremium).events
    assert "RRULE" in event
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART").tzinfo is not None
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    exdates = {d.dt.date() for d in event["EXDATE"].dts}
    assert exdates  # summer weeks, and for the coördinatieteam the joint weeks
    assert all(d.isocalendar().week in {6, 14, 22, 28, 31, 32, 33, 34, 38, 46} for d in exdates)


def test_the_coordinatieteam_series_excludes_the_weeks_of_the_joint_meeting() -> None:
    config = calendar_config(raw_config())
    [event] = built(config, "coordinatieteam").events
    rule = event["RRULE"]
    assert rule["INTERVAL"] == [2] and rule["BYDAY"] == ["TH"]
    exdates = sorted(d.dt.date() for d in event["EXDATE"].dts)
    assert exdates == [
        date(2024, 2, 8),
        date(2024, 4, 4),
        date(2024, 5, 30),
        date(2024, 7, 11),
        date(2024, 8, 8),
        date(2024, 8, 22),
        date(2024, 9, 19),
        date(2024, 11, 14),
    ]


def test_added_and_cancelled_dates_of_a_series_read_back_like_expand() -> None:
    raw = raw_config()
    kern = raw["kalender"]["gremia"]["kernteam"]
    kern["extra"] = [date(2024, 8, 15), date(2024, 8, 13)]  # a Thursday; a Tuesday in summer week 33
    kern["vervalt"] = [date(2024, 3, 5)]
    config = calendar_config(raw)
    [event] = built(config, "kernteam").events
    assert [d.dt.date() for d in event["RDATE"].dts] == [date(2024, 8, 15)]
    exdates = {d.dt.date() for d in event["EXDATE"].dts}
    assert date(2024, 3, 5) in exdates and date(2024, 8, 13) not in exdates
    expected = [(m.date, m.start) for m in expand(config, 2024) if m.gremium == "kernteam"]
    assert occurrences(built(config, "kernteam"), 2024) == expected


@pytest.mark.parametrize("gremium", ["stuurgroep", "ambtelijke_cockpit", "kern_coordinatieteam"])
def test_single_meetings_are_written_in_utc(gremium: str) -> None:
    config = calendar_config(raw_config())
    text = build_gremium_calendar(config, gremium, 2024, dtstamp=STAMP).to_ical().decode()
    starts = [line for line in text.splitlines() if line.startswith("DTSTART")]
    assert starts and all(line.endswith("Z") and "TZID" not in line for line in starts)
    assert "BEGIN:VTIMEZONE" not in text


def test_the_stuurgroep_of_28_june_starts_at_ten_in_amsterdam_which_is_eight_utc() -> None:
    config = calendar_config(raw_config())
    text = build_gremium_calendar(config, "stuurgroep", 2024, dtstamp=STAMP).to_ical().decode()
    assert "DTSTART:20240628T080000Z" in text
    assert "DTSTART:20241213T090000Z" in text  # winter time: UTC+1


def test_a_week_only_entry_is_an_all_day_free_entry_for_the_working_week() -> None:
    config = calendar_config(raw_config())
    events = build_gremium_calendar(config, "den_haag_zod", 2024, dtstamp=STAMP).events
    first = events[0]
    assert first.decoded("DTSTART") == date(2024, 2, 26)
    assert first.decoded("DTEND") == date(2024, 3, 2)
    assert first["TRANSP"] == "TRANSPARENT"
    assert str(first["SUMMARY"]) == "Den Haag - Zuid- en Oost-Drenthe overleg (week 9, datum volgt)"


def test_the_description_gives_the_agenda_and_the_location_in_words() -> None:
    config = calendar_config(raw_config())
    [event, _] = build_gremium_calendar(config, "stuurgroep", 2024, dtstamp=STAMP).events
    description = str(event["DESCRIPTION"])
    assert "Agenda: Besluitvorming over programma's, projecten, experimenten en middelen" in description
    assert "Locatie: volgt met de uitnodiging" in description


def test_a_configured_location_is_written_as_location_and_in_the_description() -> None:
    raw = raw_config()
    raw["kalender"]["gremia"]["stuurgroep"]["locatie"] = "Gemeentehuis Emmen, Raadhuisplein 1"
    [event, _] = build_gremium_calendar(calendar_config(raw), "stuurgroep", 2024, dtstamp=STAMP).events
    assert str(event["LOCATION"]) == "Gemeentehuis Emmen, Raadhuisplein 1"
    assert "Locatie: Gemeentehuis Emmen, Raadhuisplein 1" in str(event["DESCRIPTION"])


def test_the_vtimezone_uses_rrules_and_no_rdates() -> None:
    config = calendar_config(raw_config())
    [timezone] = built(config, "kernteam").timezones
    assert str(timezone["TZID"]) == "Europe/Amsterdam"
    parts = {part.name: part for part in timezone.subcomponents}
    assert set(parts) == {"STANDARD", "DAYLIGHT"}
    for part in parts.values():
        assert "RRULE" in part
        assert "RDATE" not in part
    assert "RDATE" not in timezone.to_ical().decode()
    assert parts["DAYLIGHT"]["RRULE"]["BYMONTH"] == [3]
    assert parts["STANDARD"]["RRULE"]["BYMONTH"] == [10]


def test_the_vtimezone_gives_the_same_offsets_as_the_tz_database() -> None:
    zone = amsterdam_vtimezone().to_tz()
    moment = datetime(2024, 1, 1, 12, 0)
    while moment.year < 2031:
        assert moment.replace(tzinfo=zone).utcoffset() == moment.replace(tzinfo=AMSTERDAM).utcoffset(), moment
        moment += timedelta(hours=13)


def test_export_writes_one_file_per_gremium(tmp_path: Path) -> None:
    paths = export_calendars(raw_config(), 2024, tmp_path, STAMP)
    assert [p.name for p in paths] == [f"zod-{g}-2024.ics" for g in GREMIA]
    for path in paths:
        calendar = Calendar.from_ical(path.read_bytes())
        assert calendar.events


def test_re_export_gives_the_same_uids_and_the_same_file(tmp_path: Path) -> None:
    first = export(raw_config(), 2024, tmp_path / "a", STAMP)
    second = export(raw_config(), "2024", tmp_path / "b", STAMP)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
    later = export(raw_config(), 2024, tmp_path / "c")
    for a, c in zip(first, later, strict=True):
        uids_a = [str(e["UID"]) for e in Calendar.from_ical(a.read_bytes()).events]
        uids_c = [str(e["UID"]) for e in Calendar.from_ical(c.read_bytes()).events]
        assert uids_a == uids_c


def test_uids_name_the_programme_the_gremium_and_the_series() -> None:
    config = calendar_config(raw_config())
    [series] = build_gremium_calendar(config, "kernteam", 2024, dtstamp=STAMP).events
    assert str(series["UID"]) == "zod-kernteam-reeks-2024@regiodeal-zod.nl"
    stuurgroep = build_gremium_calendar(config, "stuurgroep", 2024, dtstamp=STAMP).events
    assert [str(e["UID"]) for e in stuurgroep] == [
        "zod-stuurgroep-20240628@regiodeal-zod.nl",
        "zod-stuurgroep-20241213@regiodeal-zod.nl",
    ]


def test_uids_are_unique_across_all_calendars_of_a_year(tmp_path: Path) -> None:
    uids = [
        str(e["UID"])
        for path in export_calendars(raw_config(), 2024, tmp_path, STAMP)
        for e in Calendar.from_ical(path.read_bytes()).events
    ]
    assert len(uids) == len(set(uids))


def test_a_gremium_without_meetings_that_year_still_gets_its_calendar(tmp_path: Path) -> None:
    paths = export_calendars(raw_config(), 2023, tmp_path, STAMP)  # Bijlage 2 starts in 2024
    stuurgroep = next(p for p in paths if p.name == "zod-stuurgroep-2023.ics")
    calendar = Calendar.from_ical(stuurgroep.read_bytes())
    assert calendar.events == []
    # RFC 5545 3.6: at least one component; the programme's VTIMEZONE is it
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]
    assert str(calendar.subcomponents[0]["TZID"]) == "Europe/Amsterdam"
    card = vobject.readOne(stuurgroep.read_text(encoding="utf-8"))
    assert [c.name for c in card.components()] == ["VTIMEZONE"] and card.validate()
    assert recurring_ical_events.of(calendar).between(date(2023, 1, 1), date(2024, 1, 1)) == []


def test_every_exported_calendar_has_a_component_and_reads_back_in_vobject(tmp_path: Path) -> None:
    for year in (2023, 2024, 2025, 2026, 2027):
        for path in export_calendars(raw_config(), year, tmp_path / str(year), STAMP):
            text = path.read_text(encoding="utf-8")
            assert Calendar.from_ical(text).subcomponents, path.name
            assert list(vobject.readOne(text).components()), path.name


def test_an_empty_calendar_holds_the_vtimezone() -> None:
    calendar = Calendar.from_ical(build_calendar([], name="Leeg").to_ical())
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]


def test_an_invalid_export_year_is_refused(tmp_path: Path) -> None:
    from bot.domain.errors import Refused

    with pytest.raises(Refused) as caught:
        export(raw_config(), "twintig", tmp_path)
    assert caught.value.code == "calendar.invalid_year"
