"""The programme cycle after the decision (Programmaplan §3.1, §3.2, §5, §7): reporting moments and
progress reports, the subsidie-beschikking, and the communicatiekalender. Pure rules, stdlib only.

A reporting moment is a month ("2027-03": the 2021 tables' "Voortgang per maart"). Before it the
regisseur and the penvoerder of every running project are asked, reminded once, and then the
kernteam hears who has not reported. A report belongs to the moment whose window is open: from the
moment's ask time until the next moment's ask time, so a late report still counts for its moment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple

from bot.domain.errors import Refused
from bot.domain.money import format_euro
from bot.domain.period import Period
from bot.domain.timezone import AMSTERDAM, require_aware

_MOMENT = re.compile(r"^([0-9]{4})-([0-9]{2})$")
MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


@dataclass(frozen=True)
class ReportingPolicy:
    """`[voortgang]`: the months of the reporting moments and when the worker asks, reminds, tells."""

    months: tuple[int, ...] = (3, 9)
    ask_days_before: int = 14  # the ask goes out this many days before the moment's first day
    remind_days_before: int = 7  # the one reminder
    hour: int = 9  # at this hour (Europe/Amsterdam)

    @property
    def gap(self) -> timedelta:
        """What lies between ask and reminder, and between reminder and the kernteam's notice."""
        return timedelta(days=max(1, self.ask_days_before - self.remind_days_before))


@dataclass(frozen=True, order=True)
class Moment:
    year: int
    month: int

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def label(self, lang: str = "nl") -> str:
        names = MONTHS_EN if lang == "en" else MONTHS_NL
        return f"{names[self.month - 1]} {self.year}"

    def start(self, policy: ReportingPolicy) -> datetime:
        return datetime.combine(date(self.year, self.month, 1), time(policy.hour), tzinfo=AMSTERDAM)

    def ask_at(self, policy: ReportingPolicy) -> datetime:
        return self.start(policy) - timedelta(days=policy.ask_days_before)

    def remind_at(self, policy: ReportingPolicy) -> datetime:
        return self.start(policy) - timedelta(days=policy.remind_days_before)


def parse_moment(text: str, policy: ReportingPolicy, period: Period) -> Moment:
    """'2027-03' -> Moment; refused when it is no configured month or lies outside the looptijd."""
    found = _MOMENT.match(text.strip())
    if not found:
        raise Refused("progress.moment.malformed", text=text.strip()[:20])
    moment = Moment(int(found.group(1)), int(found.group(2)))
    if moment.month not in policy.months:
        raise Refused("progress.moment.not_configured", moment=moment.key,
                      months=", ".join(f"{m:02d}" for m in policy.months))
    if period is not None and not period[0] <= moment.year <= period[1]:
        raise Refused("progress.moment.outside_period", moment=moment.key, first=period[0], last=period[1])
    return moment


def moments(policy: ReportingPolicy, years: Sequence[int]) -> list[Moment]:
    return sorted(Moment(year, month) for year in years for month in policy.months)


def open_moment(policy: ReportingPolicy, now: datetime, period: Period) -> Moment | None:
    """The moment a report made *now* belongs to: the latest one whose ask time has passed."""
    require_aware(now)
    years = range(period[0], period[1] + 1) if period else range(now.year - 1, now.year + 2)
    passed = [m for m in moments(policy, list(years)) if m.ask_at(policy) <= now]
    return passed[-1] if passed else None


def next_moment(policy: ReportingPolicy, moment: Moment) -> Moment:
    later = [m for m in moments(policy, [moment.year, moment.year + 1]) if m > moment]
    return later[0]


@dataclass(frozen=True)
class ProgressReport:
    """What the regisseur or penvoerder reported for one project at one moment."""

    reference: str
    moment: str
    text: str
    milestones: str
    spent: Decimal
    risks: str
    reporter: str
    reported_at: datetime


class ProjectProgress(NamedTuple):
    """One line of the progress report: a project of the budget and what it reported at one moment
    (a tuple: the report makes 10,000 of them in one go, at a tuple's cost)."""

    reference: str
    name: str
    group: str | None
    penvoerder: str
    tranches: Mapping[str, Decimal]
    report: str | None  # the progress text, None when nothing was reported
    no_person: bool = False  # an imported project nobody in the people store stands for: the kernteam is asked


# -- the subsidie-beschikking (§3.1) -------------------------------------------------------------
@dataclass(frozen=True)
class Beschikking:
    """The province's subsidy decision on an approved project: never above what was allocated."""

    reference: str
    issued_on: date
    amount: Decimal
    kenmerk: str
    recorded_by: str
    recorded_at: datetime


def check_beschikking(reference: str, amount: Decimal, allocated: Decimal) -> None:
    if allocated <= 0:
        raise Refused("beschikking.no_allocation", reference=reference)
    if amount > allocated:
        raise Refused("beschikking.above_allocation", reference=reference, amount=format_euro(amount),
                      allocated=format_euro(allocated))


def check_realisation(reference: str, amount: Decimal, beschikt: Decimal | None, realised: Decimal) -> None:
    """A realisation is booked against the beschikking, and never beyond it."""
    if beschikt is None:
        raise Refused("beschikking.missing", reference=reference)
    if realised + amount > beschikt:
        raise Refused("beschikking.realisation_above", reference=reference, amount=format_euro(amount),
                      left=format_euro(beschikt - realised))


# -- the communicatiekalender (§7) ---------------------------------------------------------------
CHANNELS = ("mail", "chat")
PLANNED, SENT, CANCELLED = "gepland", "verzonden", "geannuleerd"


@dataclass(frozen=True)
class Audience:
    """Who an item goes to: a gremium (a role), every indiener, or a channel: a mail address, or a
    Slack or Teams channel by its name (value "slack:#naam", "teams:naam")."""

    kind: str  # "gremium" | "indieners" | "kanaal"
    value: str = ""

    @property
    def key(self) -> str:
        return self.kind if self.kind == "indieners" else f"{self.kind}:{self.value}"

    @property
    def platform(self) -> str | None:
        """"slack" or "teams" for a chat channel (posted there, once), None for everyone else."""
        found = self.value.partition(":")[0] if self.kind == "kanaal" else ""
        return found if found in CHAT_PLATFORMS else None

    @property
    def channel_name(self) -> str:
        return self.value.partition(":")[2]


CHAT_PLATFORMS = ("slack", "teams")
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SLACK_NAME = re.compile(r"^#?[a-z0-9][a-z0-9_-]{0,79}$")  # Slack's own rule for channel names
_TEAMS_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,99}$")  # a name of TEAMS_CHANNELS (one word)


def _chat_channel(platform: str, name: str) -> Audience | None:
    if platform == "slack" and _SLACK_NAME.match(name):
        return Audience("kanaal", "slack:#" + name.lstrip("#"))
    if platform == "teams" and _TEAMS_NAME.match(name):
        return Audience("kanaal", f"teams:{name}")
    return None


def parse_audience(text: str, roles: Sequence[str]) -> Audience:
    word = text.strip().lower()
    if word in ("indieners", "submitters"):
        return Audience("indieners")
    kind, _, value = word.partition(":")
    if kind in ("kanaal", "channel") and _ADDRESS.match(value):
        return Audience("kanaal", value)
    if kind in ("kanaal", "channel"):
        kind, _, value = value.partition(":")
    channel = _chat_channel(kind, value) if kind in CHAT_PLATFORMS else None
    if channel is not None:
        return channel
    role = value if kind in ("gremium", "group") else word
    if role in roles:
        return Audience("gremium", role)
    raise Refused("communication.audience.unknown", audience=text.strip()[:60], roles=", ".join(roles))


def check_audience_channel(audience: Audience, how: str) -> None:
    """A Slack or Teams channel is reached in chat: planned "by mail" it would never be."""
    if audience.platform is not None and how != "chat":
        raise Refused("communication.audience.chat_only", audience=audience.value, channel=how)


def parse_channel(text: str) -> str:
    word = text.strip().lower()
    if word not in CHANNELS:
        raise Refused("communication.channel.unknown", channel=text.strip()[:20], options=", ".join(CHANNELS))
    return word


def check_plan_time(when: datetime, now: datetime, period: Period) -> None:
    """An item is planned in the future and inside the looptijd."""
    require_aware(when)
    if when <= now:
        raise Refused("communication.in_past", date=when.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M"))
    if period is not None and not period[0] <= when.year <= period[1]:
        raise Refused("communication.outside_period", date=when.strftime("%d-%m-%Y"), first=period[0],
                      last=period[1])


_ABBREVIATIONS = {"gem.": "gemeente", "gem": "gemeente", "prov.": "provincie", "prov": "provincie"}


def organisation_key(name: str | None) -> str:
    """An organisation as the 2021 tables and the people store both write it, made comparable: "gem.
    Emmen", "Gemeente  Emmen" and "gemeente emmen" are one penvoerder."""
    words = (name or "").casefold().split()
    if words:
        words[0] = _ABBREVIATIONS.get(words[0], words[0])
    return " ".join(words)
