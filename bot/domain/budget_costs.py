"""Execution costs (VAT: voorbereiding, administratie en toezicht) and their cap.

Programmaplan hoofdstuk 6: the VAT is budgeted at 3% of the programme, € 900.000,00 over four
years, with a yearly plan. The share and the plan are configuration; this module only checks
that what is planned or booked stays under the cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from bot.domain.budget import ZERO, require_amount
from bot.domain.errors import Refused
from bot.domain.money import CENT, format_euro


@dataclass(frozen=True)
class YearPlan:
    """What the VAT plan expects in one year, by kind (e.g. voorbereiding, uitvoering)."""

    year: int
    kind: str
    amount: Decimal


@dataclass(frozen=True)
class ExecutionCostPolicy:
    """The VAT share of the programme total, the absolute cap, the line it is booked on, the plan."""

    share: Decimal
    cap: Decimal
    line_key: str
    plan: tuple[YearPlan, ...] = ()

    def plan_total(self) -> Decimal:
        return sum((p.amount for p in self.plan), ZERO)

    def plan_by_year(self) -> dict[int, Decimal]:
        years: dict[int, Decimal] = {}
        for p in self.plan:
            years[p.year] = years.get(p.year, ZERO) + p.amount
        return dict(sorted(years.items()))


def share_text(share: Decimal) -> str:
    """3% rather than 0.03, for messages."""
    percent = (share * 100).normalize()
    return f"{percent:f}".replace(".", ",") + "%"


def execution_cost_cap(policy: ExecutionCostPolicy, programme_total: Decimal | None) -> Decimal:
    """The cap: the configured amount, and never more than the share of the programme total."""
    if programme_total is None:
        return policy.cap
    by_share = (policy.share * programme_total).quantize(CENT, rounding=ROUND_DOWN)
    return min(policy.cap, by_share)


def check_execution_costs(
    amount: Decimal, policy: ExecutionCostPolicy, programme_total: Decimal | None
) -> Decimal:
    """Refuse VAT (planned, budgeted or booked) above the cap; return the cap."""
    value = require_amount(amount, allow_zero=True)
    cap = execution_cost_cap(policy, programme_total)
    if value > cap:
        raise Refused(
            "budget.vat.over_cap",
            amount=format_euro(value),
            cap=format_euro(cap),
            share=share_text(policy.share),
        )
    return cap


def check_plan(policy: ExecutionCostPolicy, programme_total: Decimal | None) -> Decimal:
    """The yearly plan added up must stay under the cap."""
    return check_execution_costs(policy.plan_total(), policy, programme_total)
