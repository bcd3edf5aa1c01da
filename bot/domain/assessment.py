"""What the expertteam and the stuurgroep put on record: advice, decisions, progress.

Value objects only; `Idea` decides when they may be added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


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
