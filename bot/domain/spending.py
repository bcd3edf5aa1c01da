"""A spend request's transitions as events: each step returns the request as it now is, the ledger
row it books (if any) and the `DomainEvent` that records it, so the budget service writes the audit
entry and the notifications the way ideas do (through the recorder), never by hand.

The rules themselves are `bot.domain.budget_mandate`'s: who may approve, the mandate's reasons,
the allocation. The programmadirecteur's approval assesses the mandate once: within it the request
is approved and booked, outside it the request goes to the stuurgroep with the reasons.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.assessment import DomainEvent
from bot.domain.budget import LedgerEntry, LineBalance
from bot.domain.budget_mandate import (
    DecidedVia,
    MandateOutcome,
    MandatePolicy,
    SpendRequest,
    StuurgroepDecision,
    approved_by_director,
    assess_mandate,
    decide_by_stuurgroep,
    refer_to_stuurgroep,
    reject,
    require_decidable,
)
from bot.domain.decision_register import RegisterEntry


@dataclass(frozen=True)
class SpendChange:
    request: SpendRequest
    event: DomainEvent
    entry: LedgerEntry | None = None  # the allocation this step booked
    outcome: MandateOutcome | None = None  # the mandate's assessment, when this step made one


def submitted(
    request: SpendRequest,
    policy: MandatePolicy,
    submitter: str,
    balance: LineBalance,
    recent: Sequence[SpendRequest],
    now: datetime,
    submitter_is_director: bool,
    idea_status: str | None = None,
) -> SpendChange:
    """A new request, assessed at once: outside the mandate it goes to the stuurgroep straight away
    (also when the idea it is for is a project in the making: *idea_status*, see `assess_mandate`)."""
    outcome = assess_mandate(
        request, policy, submitter if submitter_is_director else "", balance, recent, now, idea_status
    )
    if outcome.needs_stuurgroep:
        request = refer_to_stuurgroep(request, outcome, now)
    data: dict[str, object] = {
        "amount": str(request.amount),
        "kind": request.kind,
        "line": request.line_key,
        "idea": request.idea_ref or "",
        "to": request.status.value,
        "reasons": list(outcome.reasons),
    }
    return SpendChange(request, DomainEvent("spend_requested", data), outcome=outcome)


def director_decides(
    request: SpendRequest,
    policy: MandatePolicy,
    director: str,
    balance: LineBalance,
    recent: Sequence[SpendRequest],
    now: datetime,
    idea_status: str | None = None,
) -> SpendChange:
    """The programmadirecteur approves: within the mandate approved and booked; outside it referred to
    the stuurgroep. Refused when decided already, with the stuurgroep, or the director's own."""
    require_decidable(request, director)
    outcome = assess_mandate(request, policy, director, balance, recent, now, idea_status)
    if not outcome.within_mandate:
        referred = refer_to_stuurgroep(request, outcome, now)
        data: dict[str, object] = {"reasons": list(outcome.reasons), "amount": str(request.amount)}
        return SpendChange(referred, DomainEvent("spend_referred", data), outcome=outcome)
    approved, entry = approved_by_director(request, director, balance, now)
    data = {
        "amount": str(entry.amount),
        "line": entry.line_key,
        "via": DecidedVia.MANDAAT.value,
        "available_after": str(balance.available - entry.amount),
    }
    return SpendChange(approved, DomainEvent("spend_approved", data), entry=entry, outcome=outcome)


def director_rejects(request: SpendRequest, director: str, now: datetime, reason: str) -> SpendChange:
    rejected = reject(request, director, now, reason)
    return SpendChange(rejected, DomainEvent("spend_rejected", {"reason": reason}))


def stuurgroep_decides(
    request: SpendRequest,
    decision: StuurgroepDecision,
    register_entry: RegisterEntry,
    recorded_by: str,
    balance: LineBalance,
    now: datetime,
    via: DecidedVia = DecidedVia.STUURGROEP,
) -> SpendChange:
    """The deciding gremium's decision as the register has it; "akkoord" books the money."""
    decided, entry = decide_by_stuurgroep(
        request, decision, recorded_by, balance, now, reason=register_entry.considerations, via=via
    )
    data: dict[str, object] = {
        "number": register_entry.number,
        "outcome": decision.value,
        "amount": str(request.amount),
        "present": list(register_entry.present),
        "recused": list(register_entry.recused),
    }
    return SpendChange(decided, DomainEvent("spend_decided", data), entry=entry)
