"""Planning reminders and the meeting rules, without a database: offsets in working days, keys,
the `[vergaderingen]` configuration and the versions of a meeting."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bot.bootstrap.settings import load_programme_data
from bot.domain.errors import Refused
from bot.domain.meetings import MeetingRecord
from bot.domain.route import plan_route
from bot.domain.timezone import AMSTERDAM
from bot.programme.calendar import ConfigError
from bot.programme.meetings import ReminderKind, meetings_config
from bot.services.invitations import plan_reminders
from bot.services.route import load

RAW = load_programme_data()
SETUP = load(RAW)
STEPS = [s.key for s in SETUP.route.steps]
CONFIG = meetings_config(RAW, SETUP.calendar.keys, STEPS, RAW["rollen"])


def at9(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=AMSTERDAM)


def test_the_staf_two_working_days_before_sending_and_the_coordinatieteam_the_day_before_discussing() -> None:
    plan = plan_route(date(2024, 6, 28), SETUP.route, SETUP.workdays)
    rows = plan_reminders("uid@x", plan, CONFIG, SETUP.workdays)
    due = {(r.kind, r.step, r.recipient): r.due_at for r in rows}
    assert due[("herinnering", "stukken_naar_coordinatieteam", "rol:staf")] == at9(date(2024, 6, 5))
    assert due[("stukken", "stukken_naar_coordinatieteam", "rol:coordinatieteam")] == at9(date(2024, 6, 7))
    assert due[("herinnering", "bespreking_coordinatieteam", "rol:coordinatieteam")] == at9(date(2024, 6, 12))
    assert due[("herinnering", "stuurgroep", "rol:stuurgroep")] == at9(date(2024, 6, 27))
    assert len({r.key for r in rows}) == len(rows)


def test_working_days_skip_holidays_when_counting_back() -> None:
    # For a meeting on 24 May 2024 the PFO step is Monday 13 May; counting two working days back
    # skips the weekend and Hemelvaartsdag (Thursday 9 May).
    plan = plan_route(date(2024, 5, 24), SETUP.route, SETUP.workdays)
    rows = plan_reminders("uid@x", plan, CONFIG, SETUP.workdays)
    pfo = next(r for r in rows if r.step == "bespreking_pfo")
    assert pfo.due_at == at9(date(2024, 5, 8))  # 13 May -> Fri 10 May -> (Thu 9 May is closed) Wed 8 May


def test_reminders_that_were_due_before_planning_are_left_out() -> None:
    plan = plan_route(date(2024, 6, 28), SETUP.route, SETUP.workdays)
    rows = plan_reminders("uid@x", plan, CONFIG, SETUP.workdays, not_before=at9(date(2024, 6, 13)))
    assert min(r.due_at for r in rows) == at9(date(2024, 6, 13))


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"deelnemers": {"raad": ["staf"]}}, "no such gremium"),
        ({"deelnemers": {"stuurgroep": ["koning"]}}, "unknown role"),
        ({"herinneringen": [{"stap": "lunch", "rollen": ["staf"]}]}, "stap"),
        ({"herinneringen": [{"stap": "stuurgroep", "rollen": ["staf"], "werkdagen_voor": -1}]}, "werkdagen_voor"),
        ({"herinneringen": [{"stap": "stuurgroep", "rollen": ["staf"], "soort": "fax"}]}, "soort"),
        ({"marge_minuten": "kwartier"}, "marge_minuten"),
    ],
)
def test_a_wrong_meetings_section_names_the_place(section: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        meetings_config({"vergaderingen": section}, SETUP.calendar.keys, STEPS, RAW["rollen"])


def test_the_shipped_rules_send_the_package_at_both_sending_steps() -> None:
    packages = [r.step for r in CONFIG.rules if r.kind is ReminderKind.PACKAGE]
    assert packages == ["stukken_naar_coordinatieteam", "stukken_naar_stuurgroep"]


def meeting(now: datetime) -> MeetingRecord:
    start = datetime(2024, 6, 28, 10, 0, tzinfo=AMSTERDAM)
    return MeetingRecord("u@x", "stuurgroep", "one_off", start, start + timedelta(hours=2), "Stuurgroep", now, now)


def test_every_change_is_a_new_version_and_a_cancelled_meeting_stays_cancelled() -> None:
    now = datetime(2024, 1, 15, 10, 0, tzinfo=AMSTERDAM)
    record = meeting(now)
    new_start = datetime(2024, 7, 5, 10, 0, tzinfo=AMSTERDAM)
    record.move(new_start, new_start + timedelta(hours=2), now + timedelta(hours=1), None)
    assert (record.sequence, record.status, record.dtstamp) == (1, "moved", now + timedelta(hours=1))
    record.cancel(now + timedelta(hours=2))
    assert (record.sequence, record.status) == (2, "cancelled")
    with pytest.raises(Refused) as refused:
        record.move(new_start + timedelta(days=7), new_start + timedelta(days=7, hours=2), now, None)
    assert refused.value.code == "meeting.cancelled" and record.sequence == 2
