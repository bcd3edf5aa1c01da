"""Random sequences of budget decisions never overspend a line and never stretch the mandate."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from decimal import Decimal

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from bot.domain.budget import (
    ZERO,
    BudgetLine,
    LedgerEntry,
    LedgerKind,
    LineBalance,
    LineKind,
    balances,
    commitment,
    realise,
    release,
    set_line_amount,
)
from bot.domain.budget_mandate import (
    DecidedVia,
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

POLICY = MandatePolicy(
    limit=Decimal("50000.00"),
    kinds=frozenset({"onderzoek", "samenwerking", "overig"}),
    excluded=frozenset({"project", "programma", "experiment"}),
    window=timedelta(days=90),
)
TOTAL = Decimal("600000.00")
PEOPLE = ["directeur@zod.nl", "kern@zod.nl", "staf@zod.nl", "sg@zod.nl"]
KINDS = sorted(POLICY.all_kinds)
PURPOSES = ["Verkenning armoede", "Samenwerking grens", "Onderzoek zorg", "Bijeenkomst", "Netwerk", "Studie"]
cents = st.one_of(
    st.sampled_from([4_999_999, 5_000_000, 5_000_001, 1, 100]),
    st.integers(min_value=1, max_value=3_000_000),
    st.integers(min_value=1, max_value=15_000_000),
).map(lambda c: (Decimal(c) / 100).quantize(Decimal("0.01")))


class BudgetMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.lines: tuple[BudgetLine, ...] = (
            BudgetLine("mandaat", "Mandaat", Decimal("200000.00"), LineKind.MANDAAT),
            BudgetLine(
                "llo",
                "Leven Lang Ontwikkelen",
                Decimal("100000.00"),
                LineKind.PROGRAMMALIJN,
                "Leven Lang Ontwikkelen",
            ),
        )
        self.ledger: list[LedgerEntry] = []
        self.requests: list[SpendRequest] = []
        self.now = datetime(2024, 1, 8, 9, 0, tzinfo=AMSTERDAM)
        self.approved_total = ZERO

    def _balance(self, key: str) -> LineBalance:
        return balances(self.lines, self.ledger)[key]

    def _replace(self, index: int, request: SpendRequest) -> None:
        self.requests[index] = request

    @rule(key=st.sampled_from(["mandaat", "llo"]), amount=cents)
    def stuurgroep_sets_a_line(self, key: str, amount: Decimal) -> None:
        before = self.lines
        try:
            self.lines = set_line_amount(self.lines, key, amount, TOTAL, balances(self.lines, self.ledger))
        except Refused:
            assert self.lines == before

    @rule(
        amount=cents,
        kind=st.sampled_from(KINDS),
        purpose=st.sampled_from(PURPOSES),
        who=st.sampled_from(PEOPLE),
        line=st.sampled_from(["mandaat", "llo"]),
        idea=st.sampled_from([None, "ZOD-2024-0001", "ZOD-2024-0002"]),
    )
    def someone_requests_money(
        self, amount: Decimal, kind: str, purpose: str, who: str, line: str, idea: str | None
    ) -> None:
        self.requests.append(
            new_spend_request(
                reference=f"R{len(self.requests)}",
                amount=amount,
                kind=kind,
                purpose=purpose,
                requester=who,
                line_key=line,
                requested_at=self.now,
                policy=POLICY,
                lines=self.lines,
                idea_ref=idea,
            )
        )

    @precondition(lambda self: bool(self.requests))
    @rule(data=st.data(), approver=st.sampled_from(PEOPLE))
    def director_approves_under_mandate(self, data: st.DataObject, approver: str) -> None:
        index = data.draw(st.integers(0, len(self.requests) - 1))
        req = self.requests[index]
        balance = self._balance(req.line_key)
        outcome = assess_mandate(req, POLICY, approver, balance, self.requests, self.now)
        try:
            approved, entry = approve_under_mandate(req, POLICY, approver, balance, self.requests, self.now)
        except Refused:
            assert req.status is not RequestStatus.REQUESTED or not outcome.within_mandate
            return
        assert outcome.within_mandate
        assert req.amount < POLICY.limit and req.kind in POLICY.kinds
        assert approved.decided_by != req.requester
        self.ledger.append(entry)
        self.approved_total += entry.amount
        self._replace(index, approved)

    @precondition(lambda self: bool(self.requests))
    @rule(data=st.data())
    def director_refers_to_the_stuurgroep(self, data: st.DataObject) -> None:
        index = data.draw(st.integers(0, len(self.requests) - 1))
        req = self.requests[index]
        outcome = assess_mandate(req, POLICY, PEOPLE[0], self._balance(req.line_key), self.requests, self.now)
        try:
            self._replace(index, refer_to_stuurgroep(req, outcome, self.now))
        except Refused:
            assert req.status is not RequestStatus.REQUESTED

    @precondition(lambda self: bool(self.requests))
    @rule(data=st.data(), akkoord=st.booleans(), member=st.sampled_from(PEOPLE))
    def stuurgroep_decides(self, data: st.DataObject, akkoord: bool, member: str) -> None:
        index = data.draw(st.integers(0, len(self.requests) - 1))
        req = self.requests[index]
        decision = StuurgroepDecision.AKKOORD if akkoord else StuurgroepDecision.AFGEWEZEN
        try:
            decided, entry = decide_by_stuurgroep(
                req, decision, member, self._balance(req.line_key), self.now
            )
        except Refused:
            return
        assert member != req.requester
        if entry is not None:
            self.ledger.append(entry)
            self.approved_total += entry.amount
        self._replace(index, decided)

    @precondition(lambda self: bool(self.requests))
    @rule(data=st.data(), who=st.sampled_from(PEOPLE))
    def director_rejects(self, data: st.DataObject, who: str) -> None:
        index = data.draw(st.integers(0, len(self.requests) - 1))
        with contextlib.suppress(Refused):
            self._replace(index, reject(self.requests[index], who, self.now))

    @precondition(lambda self: any(r.status is RequestStatus.APPROVED for r in self.requests))
    @rule(data=st.data(), spend=st.booleans())
    def money_is_spent_or_released(self, data: st.DataObject, spend: bool) -> None:
        approved = [r for r in self.requests if r.status is RequestStatus.APPROVED]
        req = data.draw(st.sampled_from(approved))
        c = commitment(req.reference, req.line_key, self.ledger)
        amount = Decimal(data.draw(st.integers(1, int(c.open * 100) + 100))) / 100
        try:
            entry = realise(c, amount, self.now) if spend else release(c, amount, self.now)
        except Refused:
            assert amount > c.open
            return
        self.ledger.append(entry)

    @rule(days=st.integers(0, 45))
    def time_passes(self, days: int) -> None:
        self.now += timedelta(days=days)

    @invariant()
    def no_line_is_ever_overspent(self) -> None:
        for balance in balances(self.lines, self.ledger).values():
            assert balance.available >= 0
            assert 0 <= balance.spent <= balance.committed

    @invariant()
    def the_ledger_always_sums(self) -> None:
        allocated = sum((e.amount for e in self.ledger if e.kind is LedgerKind.ALLOCATION), ZERO)
        assert allocated == self.approved_total
        assert allocated == sum((r.amount for r in self.requests if r.status is RequestStatus.APPROVED), ZERO)
        per_line = balances(self.lines, self.ledger)
        assert sum((b.allocated for b in per_line.values()), ZERO) == allocated
        for req in self.requests:
            assert commitment(req.reference, req.line_key, self.ledger).open >= 0

    @invariant()
    def no_mandate_approval_is_at_the_limit_or_of_an_excluded_kind(self) -> None:
        for req in self.requests:
            if req.decided_via is DecidedVia.MANDAAT and req.status is RequestStatus.APPROVED:
                assert req.amount < POLICY.limit
                assert req.kind not in POLICY.excluded
                assert req.decided_by != req.requester

    @invariant()
    def lines_stay_within_the_programme_total(self) -> None:
        assert sum((line.amount for line in self.lines), ZERO) <= TOTAL


TestBudgetMachine = BudgetMachine.TestCase
TestBudgetMachine.settings = settings(max_examples=200, stateful_step_count=50, deadline=None)
