"""The programmadirecteur's mandate: below the limit, not a project, not one's own, not split up."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from bot.domain.budget import BudgetLine, LedgerKind, LineBalance, LineKind
from bot.domain.budget_mandate import (
    EXCLUDED_KIND,
    LIMIT,
    NO_ROOM,
    OWN_REQUEST,
    SPLITTING,
    MandatePolicy,
    RequestStatus,
    SpendRequest,
    StuurgroepDecision,
    approve_under_mandate,
    assess_mandate,
    decide_by_stuurgroep,
    new_spend_request,
    refer_to_stuurgroep,
    reject,
)
from bot.domain.errors import Refused
from bot.domain.timezone import AMSTERDAM
from bot.messages import render

NOW = datetime(2024, 3, 1, 10, 0, tzinfo=AMSTERDAM)
POLICY = MandatePolicy(
    limit=Decimal("50000.00"),
    kinds=frozenset({"onderzoek", "samenwerking", "overig"}),
    excluded=frozenset({"project", "programma", "experiment"}),
    window=timedelta(days=90),
)
LINES = (BudgetLine("mandaat", "Kosten onder mandaat", Decimal("250000.00"), LineKind.MANDAAT),)
ROOM = LineBalance("mandaat", Decimal("250000.00"))
DIRECTOR = "directeur@regiodeal-zod.nl"
REQUESTER = "opgavemanager@regiodeal-zod.nl"


def request(
    amount: str,
    *,
    reference: str = "ZOD-B-1",
    kind: str = "onderzoek",
    purpose: str = "Verkenning armoede Emmen",
    idea_ref: str | None = None,
    at: datetime = NOW,
    requester: str = REQUESTER,
) -> SpendRequest:
    return new_spend_request(
        reference=reference,
        amount=Decimal(amount),
        kind=kind,
        purpose=purpose,
        requester=requester,
        line_key="mandaat",
        requested_at=at,
        policy=POLICY,
        lines=LINES,
        idea_ref=idea_ref,
    )


def test_49_999_99_is_within_the_mandate() -> None:
    outcome = assess_mandate(request("49999.99"), POLICY, DIRECTOR, ROOM, [], NOW)
    assert outcome.within_mandate and outcome.reasons == ()


def test_50_000_00_itself_needs_the_stuurgroep() -> None:
    outcome = assess_mandate(request("50000.00"), POLICY, DIRECTOR, ROOM, [], NOW)
    assert outcome.needs_stuurgroep and outcome.reasons == (LIMIT,)


def test_approval_under_mandate_creates_the_allocation_and_records_who_decided() -> None:
    approved, entry = approve_under_mandate(request("49999.99"), POLICY, DIRECTOR, ROOM, [], NOW)
    assert approved.status is RequestStatus.APPROVED
    assert approved.decided_by == DIRECTOR and approved.decided_at == NOW
    assert entry.kind is LedgerKind.ALLOCATION and entry.amount == Decimal("49999.99")
    assert entry.reference == "ZOD-B-1" and entry.line_key == "mandaat"


def test_approving_at_the_limit_is_refused_with_the_limit_as_reason() -> None:
    with pytest.raises(Refused) as refused:
        approve_under_mandate(request("50000.00"), POLICY, DIRECTOR, ROOM, [], NOW)
    assert refused.value.code == LIMIT
    assert refused.value.params["limit"] == "€ 50.000,00"


@pytest.mark.parametrize("kind", ["project", "programma", "experiment"])
def test_a_project_programma_or_experiment_never_falls_under_the_mandate(kind: str) -> None:
    outcome = assess_mandate(request("1000.00", kind=kind), POLICY, DIRECTOR, ROOM, [], NOW)
    assert outcome.reasons == (EXCLUDED_KIND,)


def test_an_unknown_kind_is_refused_when_the_request_is_made() -> None:
    with pytest.raises(Refused) as refused:
        request("1000.00", kind="cadeau")
    assert refused.value.code == "budget.request.unknown_kind"


def test_the_requester_cannot_approve_their_own_request() -> None:
    own = request("1000.00", requester=DIRECTOR)
    assert assess_mandate(own, POLICY, DIRECTOR, ROOM, [], NOW).reasons == (OWN_REQUEST,)
    with pytest.raises(Refused) as refused:
        approve_under_mandate(own, POLICY, DIRECTOR.upper(), ROOM, [], NOW)
    assert refused.value.code == "budget.request.own_request"


def test_the_stuurgroep_member_who_asked_cannot_decide_either() -> None:
    own = request("60000.00", requester="wethouder@emmen.nl")
    with pytest.raises(Refused) as refused:
        decide_by_stuurgroep(own, StuurgroepDecision.AKKOORD, "wethouder@emmen.nl", ROOM, NOW)
    assert refused.value.code == "budget.request.own_request"


def test_a_line_without_room_sends_the_request_to_the_stuurgroep() -> None:
    tight = LineBalance("mandaat", Decimal("250000.00"), allocated=Decimal("245000.00"))
    outcome = assess_mandate(request("5000.01"), POLICY, DIRECTOR, tight, [], NOW)
    assert outcome.reasons == (NO_ROOM,)
    with pytest.raises(Refused):
        approve_under_mandate(request("5000.01"), POLICY, DIRECTOR, tight, [], NOW)


def test_requests_for_one_purpose_that_together_reach_the_limit_are_flagged_as_splitting() -> None:
    first = request("30000.00", reference="ZOD-B-1", purpose="Verkenning armoede Emmen")
    second = request("20000.00", reference="ZOD-B-2", purpose="verkenning  armoede, Emmen")
    outcome = assess_mandate(second, POLICY, DIRECTOR, ROOM, [first], NOW)
    assert outcome.reasons == (SPLITTING,)
    assert outcome.related == ("ZOD-B-1",)
    assert outcome.params["together"] == "€ 50.000,00"


def test_requests_for_one_idea_add_up_whatever_their_wording() -> None:
    first = request("25000.00", reference="ZOD-B-1", purpose="Onderzoek", idea_ref="ZOD-2024-0007")
    second = request("25000.00", reference="ZOD-B-2", purpose="Workshop", idea_ref="ZOD-2024-0007")
    assert assess_mandate(second, POLICY, DIRECTOR, ROOM, [first], NOW).reasons == (SPLITTING,)


def test_splitting_counts_only_requests_within_the_window_and_not_rejected_ones() -> None:
    old = request("30000.00", reference="ZOD-B-1", at=NOW - timedelta(days=91))
    rejected = reject(request("30000.00", reference="ZOD-B-3"), DIRECTOR, NOW)
    second = request("20000.00", reference="ZOD-B-2")
    assert assess_mandate(second, POLICY, DIRECTOR, ROOM, [old, rejected], NOW).within_mandate


def test_requests_below_the_limit_together_stay_within_the_mandate() -> None:
    first = request("30000.00", reference="ZOD-B-1")
    second = request("19999.99", reference="ZOD-B-2")
    assert assess_mandate(second, POLICY, DIRECTOR, ROOM, [first], NOW).within_mandate


def test_approving_an_already_decided_request_is_refused() -> None:
    approved, _ = approve_under_mandate(request("1000.00"), POLICY, DIRECTOR, ROOM, [], NOW)
    for attempt in (
        lambda: approve_under_mandate(approved, POLICY, DIRECTOR, ROOM, [], NOW),
        lambda: decide_by_stuurgroep(approved, StuurgroepDecision.AKKOORD, "sg@zod.nl", ROOM, NOW),
        lambda: reject(approved, DIRECTOR, NOW),
    ):
        with pytest.raises(Refused) as refused:
            attempt()
        assert refused.value.code == "budget.request.already_decided"


def test_a_request_with_the_stuurgroep_is_decided_by_the_stuurgroep_only() -> None:
    big = request("75000.00")
    outcome = assess_mandate(big, POLICY, DIRECTOR, ROOM, [], NOW)
    referred = refer_to_stuurgroep(big, outcome, NOW)
    assert referred.status is RequestStatus.TO_STUURGROEP and referred.reason == LIMIT
    with pytest.raises(Refused) as refused:
        approve_under_mandate(referred, POLICY, DIRECTOR, ROOM, [], NOW)
    assert refused.value.code == "budget.request.with_stuurgroep"
    decided, entry = decide_by_stuurgroep(referred, StuurgroepDecision.AKKOORD, "sg@zod.nl", ROOM, NOW)
    assert decided.status is RequestStatus.APPROVED and entry is not None
    assert entry.amount == Decimal("75000.00") and entry.note == "stuurgroep"


def test_a_stuurgroep_rejection_books_nothing() -> None:
    decided, entry = decide_by_stuurgroep(
        request("75000.00"),
        StuurgroepDecision.AFGEWEZEN,
        "sg@zod.nl",
        ROOM,
        NOW,
        reason="geen cofinanciering",
    )
    assert decided.status is RequestStatus.REJECTED and entry is None
    assert decided.reason == "geen cofinanciering"


@pytest.mark.parametrize(
    ("amount", "code"),
    [("0", "amount.not_positive"), ("-10.00", "amount.not_positive"), ("10.001", "amount.too_many_decimals")],
)
def test_bad_amounts_are_refused_when_the_request_is_made(amount: str, code: str) -> None:
    with pytest.raises(Refused) as refused:
        request(amount)
    assert refused.value.code == code


def test_an_unknown_budget_line_is_refused() -> None:
    with pytest.raises(Refused) as refused:
        new_spend_request(
            reference="ZOD-B-9",
            amount=Decimal("10.00"),
            kind="onderzoek",
            purpose="x",
            requester=REQUESTER,
            line_key="bestaat-niet",
            requested_at=NOW,
            policy=POLICY,
            lines=LINES,
        )
    assert refused.value.code == "budget.line.unknown"


def test_every_reason_renders_in_both_languages_with_the_outcome_params() -> None:
    first = request("45000.00", reference="ZOD-B-1", requester=DIRECTOR)
    second = request("60000.00", reference="ZOD-B-2", kind="project", requester=DIRECTOR)
    tight = LineBalance("mandaat", Decimal("250000.00"), allocated=Decimal("200000.00"))
    outcome = assess_mandate(second, POLICY, DIRECTOR, tight, [first], NOW)
    assert set(outcome.reasons) == {LIMIT, EXCLUDED_KIND, SPLITTING, OWN_REQUEST, NO_ROOM}
    for code in outcome.reasons:
        for lang in ("nl", "en"):
            assert "{" not in render(code, lang, **outcome.params)
