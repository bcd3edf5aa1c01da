"""Meeting rules: how a gremium's one-off or joint meetings are dated in the years the programme
file gives no dates for.

Bijlage 2 gives the calendar of 2024 only; the programme runs 2023-2027 (§8) and "the same pattern
holds for the other years" (domain brief). The pattern is written in the programme file as rules
per gremium (`[[kalender.gremia.KEY.regels]]`):

- *weeks*: in the given ISO weeks of every year, on a weekday (a closed day moves to the previous
  working day of that week) or, without a weekday, as a week-only entry (date not known yet):
  the ambtelijke cockpit each quarter, the Den Haag overleg four times a year, the stuurgroep twice;
- *interval*: every n weeks on the rhythm of the series it replaces, counted from an anchor (the
  joint kern- en coördinatieteam about every eight weeks instead of that week's coördinatieteam);
  a date in a meeting-free week or on a closed day moves to the next meeting of that series.

A rule holds only in the years of its range for which the gremium has no explicit dates or weeks,
so 2024 stays exactly Bijlage 2 and a year whose dates are adopted is written out in the file.
Dates of a rule marked `aanname` are an assumption the staf can move (`vaart meetings move`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.workdays import WorkingDays


@dataclass(frozen=True)
class MeetingRule:
    """One rule of a gremium for the years *first_year* to *last_year* (inclusive)."""

    first_year: int
    last_year: int
    weeks: tuple[int, ...] = ()
    weekday: int | None = None
    interval_weeks: int | None = None
    anchor: date | None = None
    assumed: bool = False
    note: str = ""

    def years(self, explicit: Iterable[int]) -> list[int]:
        """The years this rule dates: its range without the years the file gives explicitly."""
        skip = set(explicit)
        return [y for y in range(self.first_year, self.last_year + 1) if y not in skip]


@dataclass(frozen=True)
class RuleDate:
    """A date a rule gives; *week_only* when only the week is known (the date is that Monday)."""

    day: date
    week_only: bool
    assumed: bool


def week_rule_dates(rule: MeetingRule, years: Iterable[int], workdays: WorkingDays) -> Iterator[RuleDate]:
    """The dates of a *weeks* rule: its weekday in each week, moved back to a working day of that
    week when it is closed (skipped when the whole week is closed)."""
    for year in years:
        for week in rule.weeks:
            monday = date.fromisocalendar(year, week, 1)
            if rule.weekday is None:
                yield RuleDate(monday, True, rule.assumed)
                continue
            day = monday + timedelta(days=rule.weekday)
            while day >= monday and not workdays.is_working_day(day):
                day -= timedelta(days=1)
            if day >= monday:
                yield RuleDate(day, False, rule.assumed)


def interval_rule_dates(
    rule: MeetingRule,
    years: Iterable[int],
    series_interval_weeks: int,
    takes_place: Callable[[date], bool],
) -> Iterator[RuleDate]:
    """The dates of an *interval* rule on the replaced series' rhythm: every *interval_weeks* from
    the anchor in the rule's *years*; a rhythm date on which the series does not meet moves to the
    series' next meeting, never as far as the next rhythm date."""
    if rule.anchor is None or rule.interval_weeks is None:
        return
    wanted = set(years)
    step = timedelta(weeks=rule.interval_weeks)
    hop = timedelta(weeks=series_interval_weeks)
    current = rule.anchor
    last = date(rule.last_year, 12, 31)
    while current <= last:
        if current.year in wanted:
            day = current
            while not takes_place(day) and day + hop < current + step:
                day += hop
            if takes_place(day):
                yield RuleDate(day, False, rule.assumed)
        current += step
