"""What the expertteam and the stuurgroep put on record: advice, decisions, progress.

Value objects only; `Idea` decides when they may be added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from bot.domain.errors import Refused
from bot.domain.text import clean_text


class Judgement(StrEnum):
    VOLDOET = "voldoet"
    DEELS = "voldoet_deels"
    VOLDOET_NIET = "voldoet_niet"


@dataclass
class Advice:
    """The expertteam's advice: a judgement per criterion and principle, and an ontwikkeladvies."""

    positive: bool
    criteria: dict[str, dict[str, str]]
    principles: dict[str, dict[str, str]]
    development_advice: str
    recorded_by: str
    recorded_at: datetime
    id: int | None = None


@dataclass
class Decision:
    """A stuurgroep decision by consensus, with who was there and what they weighed."""

    number: str
    outcome: str
    decided_on: date
    present: list[str]
    recused: list[str]
    objections: list[str]
    conditions: list[str]
    considerations: str
    amount: Decimal | None
    recorded_by: str
    recorded_at: datetime
    subject: str = ""
    id: int | None = None


@dataclass
class ProgressReport:
    text: str
    reported_by: str
    reported_at: datetime
    id: int | None = None


@dataclass(frozen=True)
class DomainEvent:
    """Something that happened to an idea; becomes an audit entry and notifications."""

    kind: str
    data: dict[str, object] = field(default_factory=dict)


def judgements(
    given: Mapping[str, tuple[str, str]], expected: list[str], kind: str, limit: int
) -> dict[str, dict[str, str]]:
    """A judgement and a note for every expected criterion or principle, in the expected order."""
    result: dict[str, dict[str, str]] = {}
    for key, (judgement, note) in given.items():
        if key not in expected:
            raise Refused("advice.unknown_item", kind=kind, item=key, options="; ".join(expected))
        try:
            verdict = Judgement(judgement)
        except ValueError as exc:
            raise Refused("advice.bad_judgement", item=key, options=", ".join(j.value for j in Judgement)) from exc
        result[key] = {"oordeel": verdict.value, "toelichting": clean_text(note, key, limit)}
    missing = [item for item in expected if item not in result]
    if missing:
        raise Refused("advice.missing_items", kind=kind, items="; ".join(missing))
    return {item: result[item] for item in expected}
