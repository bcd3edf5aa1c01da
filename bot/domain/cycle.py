"""The programme cycle after the decision, as pure rules: the stuurgroep sets the budget (§6: a
line changes only by a recorded decision), objections against decisions (§3.1: on content to the
stuurgroep, on the process to the province, within the term), escalation to the ambtelijk
facilitators (§3.2), and DIN coverage (§5: "waar we nog moeten investeren").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from bot.domain.errors import Refused
from bot.domain.lifecycle import Status

ZERO = Decimal("0.00")
# Where a content objection lies besides a meeting's ISO date (`Objection.routed_to`).
ROUTED_BODIES = "leden"  # each member body decided (the VDG's colleges): each handles it
ROUTED_STUURGROEP = "stuurgroep"  # to the stuurgroep, no meeting of it open yet


# -- the budget is set by the stuurgroep (§6) ---------------------------------------------------------
@dataclass(frozen=True)
class LineChange:
    """One change of a budget line: the amount before and after, the decision, who and when."""

    line_key: str
    amount_before: Decimal
    amount_after: Decimal
    decision_number: str
    changed_by: str
    changed_at: datetime


BEGROTING = "begroting"  # the register's kind of a stuurgroep decision on the budget itself (§6)
BUDGET_KINDS = {"begroting": "begroting", "budget": "begroting", "herziening": "herziening",
                "revision": "herziening"}


@dataclass(frozen=True)
class BudgetResolution:
    """A stuurgroep decision on the begroting (§6): the (multi-year) budget or its yearly revision,
    taken in a stuurgroep meeting; the decision a budget line change cites."""

    number: str
    kind: str  # begroting | herziening
    decided_on: date
    text: str
    recorded_by: str
    recorded_at: datetime
    meeting_id: int | None = None


def budget_kind(word: str) -> str:
    kind = BUDGET_KINDS.get(word.strip().lower())
    if kind is None:
        raise Refused("budget.resolution.unknown_kind", kind=word.strip()[:20])
    return kind


def require_budget_decision(number: str, kind: str | None) -> str:
    """A budget line changes only by a stuurgroep decision on the begroting in the register (§6: the
    begroting and each revision are set by the stuurgroep); an akkoord on a proposal or a spend
    request allocates money, it does not set a line."""
    cleaned = number.strip().upper()[:40]
    if not cleaned:
        raise Refused("budget.line.decision_needed")
    if kind is None:
        raise Refused("budget.line.decision_unknown", number=cleaned)
    if kind != BEGROTING:
        raise Refused("budget.line.decision_not_budget", number=cleaned)
    return cleaned


# -- objections (§3.1) -------------------------------------------------------------------------------
class ObjectionKind(StrEnum):
    INHOUD = "inhoud"  # on content: to the stuurgroep, onto its next agenda
    PROCES = "proces"  # on the process: to the province (its Bezwarencommissie), by mail


class ObjectionStatus(StrEnum):
    INGEDIEND = "ingediend"
    IN_BEHANDELING = "in_behandeling"
    AFGEHANDELD = "afgehandeld"


OBJECTION_WORDS = {"inhoud": ObjectionKind.INHOUD, "content": ObjectionKind.INHOUD,
                   "inhoudelijk": ObjectionKind.INHOUD, "proces": ObjectionKind.PROCES,
                   "process": ObjectionKind.PROCES}


@dataclass(frozen=True)
class Objection:
    reference: str
    decision_number: str
    kind: ObjectionKind
    text: str
    filed_by: str
    filed_at: datetime
    routed_to: str
    status: ObjectionStatus = ObjectionStatus.INGEDIEND
    meeting_id: int | None = None
    handling: str | None = None
    outcome: str | None = None
    handled_by: str | None = None
    handled_at: datetime | None = None


def objection_kind(word: str) -> ObjectionKind:
    kind = OBJECTION_WORDS.get(word.strip().lower())
    if kind is None:
        raise Refused("objection.unknown_kind", kind=word.strip()[:20])
    return kind


def objection_deadline(decided_on: date, term_days: int) -> date:
    """The last day an objection against a decision of *decided_on* is taken."""
    return decided_on + timedelta(days=term_days)


def require_in_term(number: str, decided_on: date, today: date, term_days: int) -> None:
    last = objection_deadline(decided_on, term_days)
    if today > last:
        raise Refused("objection.too_late", number=number, date=decided_on.strftime("%d-%m-%Y"),
                      last=last.strftime("%d-%m-%Y"), days=term_days)


def handled(objection: Objection, handling: str, outcome: str | None, by: str, now: datetime) -> Objection:
    """The staf records how an objection is handled; with an outcome it is closed."""
    if objection.status is ObjectionStatus.AFGEHANDELD:
        raise Refused("objection.closed", reference=objection.reference)
    status = ObjectionStatus.AFGEHANDELD if outcome else ObjectionStatus.IN_BEHANDELING
    return Objection(**{**objection.__dict__, "status": status, "handling": handling, "outcome": outcome,
                        "handled_by": by, "handled_at": now})


# -- escalation (§3.2) -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Facilitator:
    name: str
    email: str
    organisation: str = ""


class EscalationStatus(StrEnum):
    OPEN = "open"
    AFGEHANDELD = "afgehandeld"


@dataclass(frozen=True)
class Escalation:
    reference: str
    subject_ref: str
    reason: str
    raised_by: str
    raised_at: datetime
    status: EscalationStatus = EscalationStatus.OPEN
    outcome: str | None = None
    outcome_by: str | None = None
    outcome_at: datetime | None = None


def require_role(roles: Iterable[str], allowed: Iterable[str], code: str) -> None:
    allowed = tuple(allowed)
    if not set(roles) & set(allowed):
        raise Refused(code, roles=list(allowed))


def concluded(escalation: Escalation, outcome: str, by: str, now: datetime) -> Escalation:
    if escalation.status is EscalationStatus.AFGEHANDELD:
        raise Refused("escalation.closed", reference=escalation.reference, subject=escalation.subject_ref)
    return Escalation(escalation.reference, escalation.subject_ref, escalation.reason, escalation.raised_by,
                      escalation.raised_at, EscalationStatus.AFGEHANDELD, outcome, by, now)


# -- DIN coverage (§5) -------------------------------------------------------------------------------
class Stage(StrEnum):
    IDEE = "idee"
    VOORSTEL = "voorstel"
    PROJECT = "project"


STAGES: Mapping[str, Stage] = {
    **{s.value: Stage.IDEE for s in (Status.INGEDIEND, Status.ORIENTATIE, Status.ONTWERPTEAM, Status.ALLIANTIE,
                                     Status.NIET_VERDER)},
    **{s.value: Stage.VOORSTEL for s in (Status.VOORSTEL, Status.GEREED, Status.GETOETST, Status.GEAGENDEERD,
                                         Status.AFGEWEZEN, Status.TERUG)},
    **{s.value: Stage.PROJECT for s in (Status.AKKOORD, Status.IN_UITVOERING, Status.AFGEROND)},
}
COVERAGE_KINDS = ("opgave", "programmalijn", "subdoel", "principe")


@dataclass(frozen=True)
class CoverageRow:
    """One DIN element with what is linked to it: ideas, proposals, projects (each idea counted once,
    at the stage it is in now) and the money allocated to the linked projects."""

    kind: str
    name: str
    ideas: int = 0
    proposals: int = 0
    projects: int = 0
    allocated: Decimal = ZERO

    @property
    def linked(self) -> int:
        return self.ideas + self.proposals + self.projects

    @property
    def empty(self) -> bool:
        return self.linked == 0


@dataclass(frozen=True)
class HeatCell:
    """One cell of the heat map: the ideas linked to both its programmalijn and its opgave, and the
    money allocated to them."""

    programmalijn: str
    opgave: str
    ideas: int
    allocated: Decimal


@dataclass(frozen=True)
class Coverage:
    rows: tuple[CoverageRow, ...]
    lines: tuple[str, ...]
    opgaven: tuple[str, ...]
    heat: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (programmalijn, opgave) -> linked
    heat_money: Mapping[tuple[str, str], Decimal] = field(default_factory=dict)  # ... -> allocated
    unlinked: int = 0  # ideas without a programmalijn or without an opgave yet

    def cell(self, line: str, opgave: str) -> HeatCell:
        return HeatCell(line, opgave, self.heat.get((line, opgave), 0), self.heat_money.get((line, opgave), ZERO))


def coverage(
    elements: Iterable[tuple[str, str]],
    counts: Mapping[tuple[str, str, str], int],
    money: Mapping[tuple[str, str], Decimal],
    lines: tuple[str, ...],
    opgaven: tuple[str, ...],
    heat: Mapping[tuple[str, str], int],
    heat_money: Mapping[tuple[str, str], Decimal] | None = None,
    unlinked: int = 0,
) -> Coverage:
    """Every DIN element of the programme (*elements*: (kind, name) in the file's order) with its
    counts per stage (*counts*: (kind, name, stage) -> n) and money; nothing linked comes first."""
    rows = []
    for kind, name in elements:
        rows.append(CoverageRow(
            kind, name,
            ideas=counts.get((kind, name, Stage.IDEE.value), 0),
            proposals=counts.get((kind, name, Stage.VOORSTEL.value), 0),
            projects=counts.get((kind, name, Stage.PROJECT.value), 0),
            allocated=money.get((kind, name), ZERO),
        ))
    order = {kind: i for i, kind in enumerate(COVERAGE_KINDS)}
    rows.sort(key=lambda r: (not r.empty, order.get(r.kind, len(order))))  # stable: the file's order within
    return Coverage(tuple(rows), lines, opgaven, dict(heat), dict(heat_money or {}), unlinked)
