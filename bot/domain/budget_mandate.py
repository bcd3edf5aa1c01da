"""Spend requests and the programmadirecteur's mandate.

Programmaplan hoofdstuk 6: the programmadirecteur may settle costs "tot € 50.000,00" alone,
costs such as facilitating research during orientation or starting a collaboration, not a
project, programma or experiment. "tot" is read as *below*: the limit itself needs the
stuurgroep. Requests for one idea or purpose that together reach the limit within a window are
possible splitting and go to the stuurgroep too. Nobody decides on their own request. A request
for an idea that has become a proposal or project (`lifecycle.PROJECT_STAGES`) is project money.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from bot.domain.budget import (
    ZERO,
    BudgetLine,
    LedgerEntry,
    LineBalance,
    allocate,
    find_line,
    require_amount,
)
from bot.domain.errors import Refused
from bot.domain.lifecycle import PROJECT_STAGES
from bot.domain.money import format_euro
from bot.domain.timezone import require_aware


class RequestStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    TO_STUURGROEP = "to_stuurgroep"


DECIDED = frozenset({RequestStatus.APPROVED, RequestStatus.REJECTED})


class DecidedVia(StrEnum):
    MANDAAT = "mandaat"
    STUURGROEP = "stuurgroep"
    LEDEN = "leden"  # per member body: each college decided (the VDG, `bot.domain.member_bodies`)


class StuurgroepDecision(StrEnum):
    AKKOORD = "akkoord"
    AFGEWEZEN = "afgewezen"


@dataclass(frozen=True)
class MandatePolicy:
    """The `[mandaat]` configuration."""

    limit: Decimal  # zero: no mandate at all (`limiet = "geen"`), every request goes to a decision
    kinds: frozenset[str]  # what the programmadirecteur may settle alone
    excluded: frozenset[str]  # always to the stuurgroep
    window: timedelta  # requests for one purpose within this window add up

    @property
    def none(self) -> bool:
        """No mandate: the VDG-bureau may settle no spending alone (seed 003, Bijlage 1)."""
        return self.limit == 0

    @property
    def all_kinds(self) -> frozenset[str]:
        return self.kinds | self.excluded


@dataclass(frozen=True)
class SpendRequest:
    """A request to spend money from a budget line."""

    reference: str
    amount: Decimal
    kind: str
    purpose: str
    requester: str  # e-mail address
    line_key: str
    requested_at: datetime
    idea_ref: str | None = None
    status: RequestStatus = RequestStatus.REQUESTED
    decided_by: str | None = None
    decided_at: datetime | None = None
    decided_via: DecidedVia | None = None
    reason: str = ""


# Reason codes of a mandate assessment; each has wording in bot.messages.budget.
LIMIT = "budget.mandate.limit"
EXCLUDED_KIND = "budget.mandate.excluded_kind"
SPLITTING = "budget.mandate.splitting"
OWN_REQUEST = "budget.mandate.own_request"
NO_ROOM = "budget.mandate.no_room"
PROJECT_STAGE = "budget.mandate.project_stage"
NO_MANDATE = "budget.mandate.none"


@dataclass(frozen=True)
class MandateOutcome:
    """Whether the programmadirecteur may approve alone; if not, why (reason codes, in order)."""

    reasons: tuple[str, ...]
    params: dict[str, str] = field(default_factory=dict)
    related: tuple[str, ...] = ()  # references of the requests that add up with this one

    @property
    def within_mandate(self) -> bool:
        return not self.reasons

    @property
    def needs_stuurgroep(self) -> bool:
        return bool(self.reasons)


_NON_WORD = re.compile(r"[^\w]+")


def purpose_key(purpose: str) -> str:
    """Purposes compare without case, punctuation or extra spaces."""
    return " ".join(_NON_WORD.sub(" ", purpose.casefold()).split())


def new_spend_request(
    *,
    reference: str,
    amount: Decimal,
    kind: str,
    purpose: str,
    requester: str,
    line_key: str,
    requested_at: datetime,
    policy: MandatePolicy,
    lines: Iterable[BudgetLine],
    idea_ref: str | None = None,
) -> SpendRequest:
    """A checked new request: a positive amount in cents, a known kind and a known line."""
    value = require_amount(amount)
    if kind not in policy.all_kinds:
        raise Refused("budget.request.unknown_kind", kind=kind, kinds=", ".join(sorted(policy.all_kinds)))
    if not purpose_key(purpose):
        raise Refused("budget.request.no_purpose")
    if not requester.strip():
        raise Refused("budget.request.no_requester")
    find_line(lines, line_key)
    return SpendRequest(
        reference=reference,
        amount=value,
        kind=kind,
        purpose=purpose.strip(),
        requester=requester.strip().lower(),
        line_key=line_key,
        requested_at=require_aware(requested_at),
        idea_ref=idea_ref,
    )


def related_requests(
    request: SpendRequest, others: Iterable[SpendRequest], policy: MandatePolicy, now: datetime
) -> list[SpendRequest]:
    """Requests for the same idea or purpose within the window that are not rejected."""
    since = require_aware(now) - policy.window
    key = purpose_key(request.purpose)
    found = []
    for other in others:
        if other.reference == request.reference or other.status is RequestStatus.REJECTED:
            continue
        if not since <= other.requested_at <= now:
            continue
        same_idea = request.idea_ref is not None and other.idea_ref == request.idea_ref
        if same_idea or purpose_key(other.purpose) == key:
            found.append(other)
    return found


def assess_mandate(
    request: SpendRequest,
    policy: MandatePolicy,
    approver: str,
    line_balance: LineBalance,
    recent_requests: Iterable[SpendRequest],
    now: datetime,
    idea_status: str | None = None,
) -> MandateOutcome:
    """May *approver* (the programmadirecteur) approve *request* alone? Else: to the stuurgroep.

    *idea_status* is the state of the idea the request is for: from "voorstel in uitwerking" on, and
    once decided or running, the idea is a proposal or project and its costs are not the mandate's.
    """
    if line_balance.key != request.line_key:
        raise ValueError(f"balance of line {line_balance.key!r} given for a request on {request.line_key!r}")
    reasons: list[str] = []
    params = {
        "reference": request.reference,
        "amount": format_euro(request.amount),
        "limit": format_euro(policy.limit),
        "kind": request.kind,
        "line": request.line_key,
        "available": format_euro(line_balance.available),
        "days": str(policy.window.days),
    }
    if policy.none:  # nothing is within a mandate that does not exist; the other reasons do not apply
        return MandateOutcome((NO_MANDATE,), params, ())
    if request.amount >= policy.limit:
        reasons.append(LIMIT)
    if request.kind in policy.excluded or request.kind not in policy.kinds:
        reasons.append(EXCLUDED_KIND)
    related = related_requests(request, recent_requests, policy, now)
    together = request.amount + sum((r.amount for r in related), ZERO)
    if related and together >= policy.limit:
        reasons.append(SPLITTING)
        params["together"] = format_euro(together)
        params["related"] = ", ".join(r.reference for r in related)
    if approver.strip().lower() == request.requester:
        reasons.append(OWN_REQUEST)
    if request.amount > line_balance.available:
        reasons.append(NO_ROOM)
    if idea_status is not None and idea_status in {s.value for s in PROJECT_STAGES}:
        reasons.append(PROJECT_STAGE)
        params["idea"] = request.idea_ref or "-"
        params["stage"] = idea_status
    return MandateOutcome(tuple(reasons), params, tuple(r.reference for r in related))


def _require_open(request: SpendRequest) -> None:
    if request.status in DECIDED:
        raise Refused(
            "budget.request.already_decided", reference=request.reference, status=request.status.value
        )


def _require_other(request: SpendRequest, decider: str) -> None:
    if decider.strip().lower() == request.requester:
        raise Refused("budget.request.own_request", reference=request.reference)


def require_decidable(request: SpendRequest, director: str) -> None:
    """The programmadirecteur may decide *request*: still open, not with the stuurgroep, not their own."""
    _require_open(request)
    if request.status is RequestStatus.TO_STUURGROEP:
        raise Refused("budget.request.with_stuurgroep", reference=request.reference)
    _require_other(request, director)


def approve_under_mandate(
    request: SpendRequest,
    policy: MandatePolicy,
    approver: str,
    line_balance: LineBalance,
    recent_requests: Sequence[SpendRequest],
    now: datetime,
    idea_status: str | None = None,
) -> tuple[SpendRequest, LedgerEntry]:
    """The programmadirecteur approves alone: the approved request and its allocation.

    Refused when the request is decided already, lies with the stuurgroep, is the approver's
    own, or falls outside the mandate (the first reason is the refusal's code).
    """
    require_decidable(request, approver)
    outcome = assess_mandate(request, policy, approver, line_balance, recent_requests, now, idea_status)
    if not outcome.within_mandate:
        raise Refused(outcome.reasons[0], reasons=outcome.reasons, **outcome.params)
    return approved_by_director(request, approver, line_balance, now)


def approved_by_director(
    request: SpendRequest, approver: str, line_balance: LineBalance, now: datetime
) -> tuple[SpendRequest, LedgerEntry]:
    """The approval itself, once the mandate allows it: the request approved and its allocation."""
    entry = allocate(line_balance, request.amount, request.reference, now, note=DecidedVia.MANDAAT.value)
    approved = replace(
        request,
        status=RequestStatus.APPROVED,
        decided_by=approver.strip().lower(),
        decided_at=require_aware(now),
        decided_via=DecidedVia.MANDAAT,
    )
    return approved, entry


def refer_to_stuurgroep(request: SpendRequest, outcome: MandateOutcome, now: datetime) -> SpendRequest:
    """Send an open request to the stuurgroep, recording why (the reason codes)."""
    _require_open(request)
    if request.status is RequestStatus.TO_STUURGROEP:
        raise Refused("budget.request.with_stuurgroep", reference=request.reference)
    return replace(request, status=RequestStatus.TO_STUURGROEP, reason=",".join(outcome.reasons))


def decide_by_stuurgroep(
    request: SpendRequest,
    decision: StuurgroepDecision,
    decided_by: str,
    line_balance: LineBalance,
    now: datetime,
    reason: str = "",
    via: DecidedVia = DecidedVia.STUURGROEP,
) -> tuple[SpendRequest, LedgerEntry | None]:
    """The deciding gremium's decision (the stuurgroep's, or the member bodies' where they decide:
    *via*). "akkoord" creates the allocation; the line must have room."""
    _require_open(request)
    _require_other(request, decided_by)
    if line_balance.key != request.line_key:
        raise ValueError(f"balance of line {line_balance.key!r} given for a request on {request.line_key!r}")
    entry: LedgerEntry | None = None
    if decision is StuurgroepDecision.AKKOORD:
        entry = allocate(
            line_balance, request.amount, request.reference, now, note=via.value
        )
        status = RequestStatus.APPROVED
    else:
        status = RequestStatus.REJECTED
    decided = replace(
        request,
        status=status,
        decided_by=decided_by.strip().lower(),
        decided_at=require_aware(now),
        decided_via=via,
        reason=reason or request.reason,
    )
    return decided, entry


def reject(request: SpendRequest, by: str, now: datetime, reason: str = "") -> SpendRequest:
    """The programmadirecteur turns down an open request that has not gone to the stuurgroep."""
    require_decidable(request, by)
    return replace(
        request,
        status=RequestStatus.REJECTED,
        decided_by=by.strip().lower(),
        decided_at=require_aware(now),
        decided_via=DecidedVia.MANDAAT,
        reason=reason,
    )
