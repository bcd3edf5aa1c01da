"""Cofinancing divided by population adds up to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.cofinancing import regional_cofinancing, split_by_population
from bot.domain.errors import Refused

totals = st.integers(min_value=1, max_value=99_999_999_999).map(lambda c: Decimal(c) / 100)
populations = st.dictionaries(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz- ", min_size=1, max_size=12),
    st.integers(min_value=1, max_value=2_000_000),
    min_size=1,
    max_size=12,
)


@settings(max_examples=300)
@given(total=totals, towns=populations)
def test_the_shares_add_up_exactly_and_each_is_within_a_cent_of_its_proportion(
    total: Decimal, towns: dict[str, int]
) -> None:
    shares = split_by_population(total, towns)
    assert list(shares) == list(towns)
    assert sum(shares.values()) == total
    everyone = sum(towns.values())
    for name, share in shares.items():
        assert share == share.quantize(Decimal("0.01")) and share >= 0
        assert abs(share - total * towns[name] / everyone) < Decimal("0.01")


@settings(max_examples=100)
@given(total=totals, towns=populations)
def test_the_split_does_not_depend_on_the_order_of_the_municipalities(
    total: Decimal, towns: dict[str, int]
) -> None:
    reversed_towns = dict(reversed(list(towns.items())))
    assert split_by_population(total, towns) == split_by_population(total, reversed_towns)


def test_leftover_cents_go_to_the_largest_remainders() -> None:
    assert split_by_population(Decimal("0.10"), {"A": 1, "B": 1, "C": 1}) == {
        "A": Decimal("0.04"),
        "B": Decimal("0.03"),
        "C": Decimal("0.03"),
    }
    assert split_by_population(Decimal("100.00"), {"Emmen": 2, "Coevorden": 1}) == {
        "Emmen": Decimal("66.67"),
        "Coevorden": Decimal("33.33"),
    }


def test_the_2019_arrangement_province_half_municipalities_the_rest_by_population() -> None:
    towns = {"Emmen": 107200, "Hoogeveen": 55600, "Coevorden": 35300}
    shares = regional_cofinancing(Decimal("20000000.00"), "Provincie Drenthe", Decimal("0.5"), towns)
    assert shares["Provincie Drenthe"] == Decimal("10000000.00")
    assert sum(shares.values()) == Decimal("20000000.00")
    assert shares["Emmen"] > shares["Hoogeveen"] > shares["Coevorden"]


@pytest.mark.parametrize(
    ("total", "towns", "code"),
    [
        (Decimal("0"), {"A": 1}, "amount.not_positive"),
        (Decimal("-1.00"), {"A": 1}, "amount.not_positive"),
        (Decimal("1.001"), {"A": 1}, "amount.too_many_decimals"),
        (Decimal("1.00"), {}, "cofinancing.no_municipalities"),
        (Decimal("1.00"), {"A": 0}, "cofinancing.bad_population"),
    ],
)
def test_bad_input_is_refused(total: Decimal, towns: dict[str, int], code: str) -> None:
    with pytest.raises(Refused) as refused:
        split_by_population(total, towns)
    assert refused.value.code == code
