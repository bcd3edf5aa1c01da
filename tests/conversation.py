"""What the conversation tests of every front end share: a store holding a reference of every kind
the bot hands out, and the check that no Dutch sentence of the catalogue leaks into English."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.domain.timezone import AMSTERDAM
from bot.messages import _CATALOGUE
from tests.cast import EMAIL
from tests.scenario import register_cast, submit

PLACEHOLDER = re.compile(r"\{[^}]*\}")
IN_MEETING = datetime(2026, 12, 11, 14, 0, tzinfo=AMSTERDAM)


def dutch_fragments() -> set[str]:
    """The literal pieces of the Dutch texts (between placeholders) that no English text has: if
    one of them shows up in an English answer, Dutch leaked."""
    english = "\n".join(_CATALOGUE["en"].values())
    fragments: set[str] = set()
    for code, text in _CATALOGUE["nl"].items():
        if _CATALOGUE["en"].get(code) == text:
            continue
        for piece in PLACEHOLDER.split(text):
            for line in piece.splitlines():
                line = line.strip(" .,:;()'\"-")
                if len(line) >= 14 and " " in line and line not in english:
                    fragments.add(line)
    return fragments


FRAGMENTS = dutch_fragments()


def leaks(text: str) -> list[str]:
    """The Dutch catalogue sentences in *text* (none, in an English answer)."""
    return sorted(f for f in FRAGMENTS if f in text)


@dataclass(frozen=True)
class References:
    idea: str
    spend: str  # waiting for the programmadirecteur
    referred: str  # outside the mandate, decided by the stuurgroep
    decision: str  # the stuurgroep's decision on *referred*
    meeting: str  # the UID of the next stuurgroep
    objection: str  # on the process, against *decision*
    escalation: str  # of *idea*, to the ambtelijk facilitators


def every_kind(app: App, clock: ManualClock) -> References:
    """The cast registered, and one reference of every kind; the clock ends in the stuurgroep's
    meeting of 11 December 2026 (the decision is taken in it)."""
    register_cast(app.people)
    idea = submit(app.ideas)
    kern = EMAIL["kernteam"]
    spend = app.budget.request(kern, "test", Decimal("12500"), "Onderzoek naar vervoer", kind="onderzoek")
    referred = app.budget.request(kern, "test", Decimal("60000"), "Samenwerking met scholen", kind="samenwerking")
    meeting = next(m for m in app.meetings.upcoming("stuurgroep") if m.day >= IN_MEETING.date())
    clock.set(IN_MEETING)
    present = [EMAIL["sg1"], EMAIL["sg2"]]
    decided = app.budget.decide(EMAIL["staf"], "test", referred.params["reference"], "akkoord", present, "Past erin")
    clock.advance(timedelta(minutes=5))
    objection = app.objections.file(kern, "test", decided.params["number"], "proces", "Geen uitnodiging gehad")
    escalation = app.escalations.escalate(kern, "test", idea, "De partners zijn het oneens")
    return References(
        idea, spend.params["reference"], referred.params["reference"], decided.params["number"], meeting.uid,
        objection.params["reference"], escalation.params["reference"],
    )
