"""How the `uitgave` command reads its amount: Dutch notation, and a refusal with an example otherwise."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.chat.budget_commands import split_amount
from bot.domain.errors import Refused


@pytest.mark.parametrize(
    ("typed", "amount", "rest"),
    [
        ("12500 Onderzoek", "12500.00", "Onderzoek"),
        ("12.500 Onderzoek naar X", "12500.00", "Onderzoek naar X"),
        ("€ 12.500 Onderzoek", "12500.00", "Onderzoek"),
        ("€12.500,00 Onderzoek", "12500.00", "Onderzoek"),
        ("EUR 1.000 Verkenning", "1000.00", "Verkenning"),
        ("12 500 Onderzoek", "12500.00", "Onderzoek"),
        ("49.999,99 Onderzoek", "49999.99", "Onderzoek"),
        ("12.500,- Onderzoek", "12500.00", "Onderzoek"),
    ],
)
def test_dutch_amounts_are_read(typed: str, amount: str, rest: str) -> None:
    assert split_amount(typed) == (Decimal(amount), rest)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("12,500 Onderzoek", "amount.ambiguous"),
        ("12.50 Onderzoek", "amount.malformed"),
        ("50k Onderzoek", "amount.malformed"),
        ("-500 Onderzoek", "amount.not_positive"),
        ("0 Onderzoek", "amount.not_positive"),
        ("12,555 Onderzoek", "amount.ambiguous"),
        ("1.000,005 Onderzoek", "amount.too_many_decimals"),
        ("", "amount.empty"),
    ],
)
def test_anything_ambiguous_is_refused(typed: str, code: str) -> None:
    with pytest.raises(Refused) as refused:
        split_amount(typed)
    assert refused.value.code == code
