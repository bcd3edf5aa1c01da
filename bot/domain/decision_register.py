"""The decision register: every stuurgroep decision, on an idea or on a spend request, as one row.

The stuurgroep decides by consensus. A decision on a spend request follows the same rules as a
decision on an idea (`Idea.decide`): only stuurgroep members decide, whoever asked for the money
is recused, "akkoord" needs the absence of objections. The register row keeps who was there and
who was recused: that is personal data, so the Woo export marks or replaces it (see
`bot.reports.decision_register`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from bot.domain.budget_mandate import SpendRequest, StuurgroepDecision
from bot.domain.decision_rules import require_consensus
from bot.domain.errors import Refused
from bot.domain.people import Person
from bot.domain.text import clean_text

IDEA = "idee"
SPEND = "uitgave"


@dataclass(frozen=True)
class RegisterEntry:
    """One stuurgroep decision. *kind* says what it was about: an idea or a spend request."""

    number: str
    decided_on: date
    kind: str
    reference: str
    subject: str
    outcome: str
    amount: Decimal | None
    considerations: str
    conditions: tuple[str, ...] = ()
    present: tuple[str, ...] = ()
    recused: tuple[str, ...] = ()
    objections: tuple[str, ...] = ()
    requester: str | None = None
    recorded_by: str = ""
    recorded_at: datetime | None = None
    under_objection: int = 0  # objections filed against it afterwards (§3.1), open or handled


class DecisionFacts(Protocol):
    """What the register reads of a decision on an idea: a `Decision`, or a stored row of one with
    the same names (the full register is read as rows, not as thousands of domain objects)."""

    @property
    def number(self) -> str: ...
    @property
    def decided_on(self) -> date: ...
    @property
    def subject(self) -> str: ...
    @property
    def outcome(self) -> str: ...
    @property
    def amount(self) -> Decimal | None: ...
    @property
    def considerations(self) -> str: ...
    @property
    def conditions(self) -> Sequence[str]: ...
    @property
    def present(self) -> Sequence[str]: ...
    @property
    def recused(self) -> Sequence[str]: ...
    @property
    def objections(self) -> Sequence[str]: ...
    @property
    def recorded_by(self) -> str: ...
    @property
    def recorded_at(self) -> datetime: ...


def from_idea_decision(decision: DecisionFacts, reference: str) -> RegisterEntry:
    return RegisterEntry(
        number=decision.number,
        decided_on=decision.decided_on,
        kind=IDEA,
        reference=reference,
        subject=decision.subject,
        outcome=decision.outcome,
        amount=decision.amount,
        considerations=decision.considerations,
        conditions=tuple(decision.conditions),
        present=tuple(decision.present),
        recused=tuple(decision.recused),
        objections=tuple(decision.objections),
        recorded_by=decision.recorded_by,
        recorded_at=decision.recorded_at,
    )


def register(entries: Iterable[RegisterEntry]) -> list[RegisterEntry]:
    """The register in order: by date, then by number."""
    return sorted(entries, key=lambda e: (e.decided_on, e.number))


def parse_outcome(text: str) -> StuurgroepDecision:
    word = text.strip().lower()
    aliases = {"akkoord": "akkoord", "approved": "akkoord", "afgewezen": "afgewezen", "rejected": "afgewezen"}
    if word not in aliases:
        raise Refused("decision.unknown_outcome", outcome=word[:40], options="akkoord, afgewezen")
    return StuurgroepDecision(aliases[word])


def bodies_spend_decision(
    request: SpendRequest,
    outcome: StuurgroepDecision,
    considerations: str,
    number: str,
    decided_on: date,
    recorded_by: str,
    now: datetime,
    text_max: int,
    conditions: Iterable[str] = (),
) -> RegisterEntry:
    """The register row of the member bodies' decision on *request* (the VDG's twelve colleges,
    `bot.domain.member_bodies`): nobody was "present", the tally is in the considerations."""
    reasons = clean_text(considerations, "overwegingen", text_max)  # checked first, as before
    condition_list = [clean_text(c, "voorwaarde", text_max) for c in conditions if c.strip()]
    return _spend_entry(request, outcome, number, decided_on, reasons, condition_list, (), (), (), recorded_by, now)


def _spend_entry(
    request: SpendRequest,
    outcome: StuurgroepDecision,
    number: str,
    decided_on: date,
    considerations: str,
    conditions: Iterable[str],
    present: Iterable[str],
    recused: Iterable[str],
    objections: Iterable[str],
    recorded_by: str,
    now: datetime,
) -> RegisterEntry:
    """The register row of a decision on a spend request, by whichever procedure took it."""
    return RegisterEntry(
        number=number,
        decided_on=decided_on,
        kind=SPEND,
        reference=request.reference,
        subject=request.purpose[:300],
        outcome=outcome.value,
        amount=request.amount if outcome is StuurgroepDecision.AKKOORD else None,
        considerations=considerations,
        conditions=tuple(conditions),
        present=tuple(present),
        recused=tuple(recused),
        objections=tuple(objections),
        requester=request.requester,
        recorded_by=recorded_by,
        recorded_at=now,
    )


def spend_decision(
    request: SpendRequest,
    outcome: StuurgroepDecision,
    members: Iterable[Person],
    considerations: str,
    number: str,
    decided_on: date,
    recorded_by: str,
    now: datetime,
    text_max: int,
    objections: Iterable[str] = (),
    conditions: Iterable[str] = (),
) -> RegisterEntry:
    """The register row of a stuurgroep decision on *request*, after the consensus checks."""
    present = list({p.email: p for p in members}.values())
    if not present:
        raise Refused("decision.nobody_present")
    deciding: list[str] = []
    recused: list[str] = []
    for person in present:
        if not person.has_role("stuurgroep"):
            raise Refused("decision.not_stuurgroep", email=person.email)
        (recused if person.email == request.requester else deciding).append(person.email)
    if not deciding:
        raise Refused("decision.nobody_left")
    objection_list = [clean_text(o, "bezwaar", text_max) for o in objections if o.strip()]
    condition_list = [clean_text(c, "voorwaarde", text_max) for c in conditions if c.strip()]
    reasons = clean_text(considerations, "overwegingen", text_max)
    require_consensus(objection_list, outcome.value, request.reference)  # §3.1, for every outcome
    return _spend_entry(request, outcome, number, decided_on, reasons, condition_list, deciding, recused,
                        objection_list, recorded_by, now)
