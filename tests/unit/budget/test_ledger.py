"""Budget lines and the ledger: balances are sums of bookings, and no line goes below zero."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from bot.domain.budget import (
    BudgetLine,
    LedgerEntry,
    LedgerKind,
    LineKind,
    Project,
    allocate,
    allocate_project,
    balances,
    commitment,
    find_line,
    line_balance,
    realise,
    release,
    require_amount,
    set_line_amount,
)
from bot.domain.budget_costs import (
    ExecutionCostPolicy,
    YearPlan,
    check_execution_costs,
    check_plan,
    execution_cost_cap,
)
from bot.domain.errors import Refused
from bot.domain.timezone import AMSTERDAM

AT = datetime(2024, 6, 28, 14, 0, tzinfo=AMSTERDAM)
LINES = (
    BudgetLine(
        "llo",
        "Leven Lang Ontwikkelen",
        Decimal("1000000.00"),
        LineKind.PROGRAMMALIJN,
        "Leven Lang Ontwikkelen",
    ),
    BudgetLine("vat", "Uitvoeringskosten", Decimal("900000.00"), LineKind.VAT),
)


def test_a_balance_is_the_sum_of_the_bookings_on_its_line() -> None:
    ledger = [
        LedgerEntry("llo", LedgerKind.ALLOCATION, Decimal("400000.00"), AT, "P1"),
        LedgerEntry("llo", LedgerKind.REALISATION, Decimal("150000.00"), AT, "P1"),
        LedgerEntry("llo", LedgerKind.RELEASE, Decimal("50000.00"), AT, "P1"),
        LedgerEntry("vat", LedgerKind.ALLOCATION, Decimal("100000.00"), AT, "VAT-2024"),
    ]
    llo = line_balance(LINES[0], ledger)
    assert (llo.committed, llo.available, llo.spent, llo.unspent) == (
        Decimal("350000.00"),
        Decimal("650000.00"),
        Decimal("150000.00"),
        Decimal("200000.00"),
    )
    assert balances(LINES, ledger)["llo"] == llo
    assert balances(LINES, ledger)["vat"].available == Decimal("800000.00")


def test_a_booking_on_an_unknown_line_is_refused() -> None:
    with pytest.raises(Refused) as refused:
        balances(LINES, [LedgerEntry("nope", LedgerKind.ALLOCATION, Decimal("1.00"), AT, "X")])
    assert refused.value.code == "budget.line.unknown"
    with pytest.raises(Refused):
        find_line(LINES, "nope")


def test_an_allocation_beyond_the_room_on_the_line_is_refused() -> None:
    balance = line_balance(
        LINES[0], [LedgerEntry("llo", LedgerKind.ALLOCATION, Decimal("999999.99"), AT, "P1")]
    )
    assert allocate(balance, Decimal("0.01"), "P2", AT).amount == Decimal("0.01")
    with pytest.raises(Refused) as refused:
        allocate(balance, Decimal("0.02"), "P2", AT)
    assert refused.value.code == "budget.line.insufficient"
    assert refused.value.params["available"] == "€ 0,01"


def test_a_stuurgroep_akkoord_on_a_project_allocates_each_tranche() -> None:
    project = Project(
        "LLO:1",
        "RegioCampus",
        "Leven Lang Ontwikkelen",
        "gem. Emmen",
        {"1e tranche": Decimal("500000.00"), "2e tranche": Decimal("250000.00")},
    )
    entries = allocate_project(line_balance(LINES[0], []), project, AT)
    assert [(e.tranche, e.amount) for e in entries] == [
        ("1e tranche", Decimal("500000.00")),
        ("2e tranche", Decimal("250000.00")),
    ]
    big = Project("LLO:2", "Te groot", None, "gem. Emmen", {"1e tranche": Decimal("1000000.01")})
    with pytest.raises(Refused):
        allocate_project(line_balance(LINES[0], []), big, AT)


def test_realisations_and_releases_stay_within_what_was_allocated() -> None:
    ledger = [LedgerEntry("llo", LedgerKind.ALLOCATION, Decimal("100.00"), AT, "P1")]
    c = commitment("P1", "llo", ledger)
    ledger.append(realise(c, Decimal("60.00"), AT))
    c = commitment("P1", "llo", ledger)
    assert c.open == Decimal("40.00")
    with pytest.raises(Refused) as refused:
        realise(c, Decimal("40.01"), AT)
    assert refused.value.code == "budget.realisation.exceeds_commitment"
    with pytest.raises(Refused) as refused:
        release(c, Decimal("40.01"), AT)
    assert refused.value.code == "budget.release.exceeds_commitment"
    assert release(c, Decimal("40.00"), AT).kind is LedgerKind.RELEASE


def test_setting_a_line_keeps_it_above_what_is_committed_and_all_lines_within_the_total() -> None:
    current = balances(LINES, [LedgerEntry("llo", LedgerKind.ALLOCATION, Decimal("300000.00"), AT, "P1")])
    lines = set_line_amount(LINES, "llo", Decimal("300000.00"), Decimal("30000000.00"), current)
    assert find_line(lines, "llo").amount == Decimal("300000.00")
    with pytest.raises(Refused) as refused:
        set_line_amount(LINES, "llo", Decimal("299999.99"), Decimal("30000000.00"), current)
    assert refused.value.code == "budget.line.below_committed"
    with pytest.raises(Refused) as refused:
        set_line_amount(LINES, "llo", Decimal("29100000.01"), Decimal("30000000.00"), current)
    assert refused.value.code == "budget.lines.exceed_total"
    with pytest.raises(Refused) as refused:
        set_line_amount(LINES, "onbekend", Decimal("1.00"), Decimal("30000000.00"), current)
    assert refused.value.code == "budget.line.unknown"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (Decimal("0"), "amount.not_positive"),
        (Decimal("-0.01"), "amount.not_positive"),
        (Decimal("1.005"), "amount.too_many_decimals"),
        (Decimal("NaN"), "amount.malformed"),
        (Decimal("1000000000"), "amount.too_large"),
    ],
)
def test_bad_amounts_are_refused(value: Decimal, code: str) -> None:
    with pytest.raises(Refused) as refused:
        require_amount(value)
    assert refused.value.code == code


def test_amounts_are_kept_in_cents() -> None:
    assert str(require_amount(Decimal("12.5"))) == "12.50"
    assert str(require_amount(Decimal("1.000"))) == "1.00"


VAT = ExecutionCostPolicy(
    share=Decimal("0.03"),
    cap=Decimal("900000.00"),
    line_key="vat",
    plan=(
        YearPlan(2024, "voorbereiding", Decimal("100000.00")),
        *(YearPlan(year, "uitvoering", Decimal("200000.00")) for year in (2024, 2025, 2026, 2027)),
    ),
)


def test_execution_costs_are_capped_at_three_percent_and_nine_hundred_thousand() -> None:
    assert execution_cost_cap(VAT, Decimal("30000000.00")) == Decimal("900000.00")
    assert execution_cost_cap(VAT, Decimal("20000000.00")) == Decimal("600000.00")
    assert check_plan(VAT, Decimal("30000000.00")) == Decimal("900000.00")
    assert VAT.plan_by_year() == {
        2024: Decimal("300000.00"),
        2025: Decimal("200000.00"),
        2026: Decimal("200000.00"),
        2027: Decimal("200000.00"),
    }
    with pytest.raises(Refused) as refused:
        check_execution_costs(Decimal("900000.01"), VAT, Decimal("30000000.00"))
    assert refused.value.code == "budget.vat.over_cap"
    assert refused.value.params == {"amount": "€ 900.000,01", "cap": "€ 900.000,00", "share": "3%"}
    with pytest.raises(Refused):
        check_plan(VAT, Decimal("29000000.00"))
