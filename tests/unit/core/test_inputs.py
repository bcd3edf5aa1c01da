"""Bad input gets a clear message: amounts, free text, and a catalogue with every refusal worded."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import Refused
from bot.domain.money import format_euro, parse_amount
from bot.domain.text import clean_text
from bot.messages import codes, render

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12500", "12500.00"),
        ("12.500", "12500.00"),
        ("€ 12.500", "12500.00"),
        ("12.500,00", "12500.00"),
        ("€ 49.999,99", "49999.99"),
        ("€\u00a049.999,99", "49999.99"),
        ("EUR 1.000.000", "1000000.00"),
        ("12.500,-", "12500.00"),
        ("0,50", "0.50"),
    ],
)
def test_dutch_amounts_are_read_exactly(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("50k", "amount.malformed"),
        ("-3", "amount.not_positive"),
        ("0", "amount.not_positive"),
        ("12,500", "amount.ambiguous"),
        ("12.50", "amount.malformed"),
        ("1,2345", "amount.too_many_decimals"),
        ("", "amount.empty"),
        ("€", "amount.malformed"),
        ("1.2.3", "amount.malformed"),
    ],
)
def test_ambiguous_or_malformed_amounts_are_refused_with_an_example(text: str, code: str) -> None:
    with pytest.raises(Refused) as refused:
        parse_amount(text)
    assert refused.value.code == code
    assert "12.500" in render(code, "nl", text=text)


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999.99"), places=2))
def test_formatting_and_parsing_round_trip(value: Decimal) -> None:
    assert parse_amount(format_euro(value)) == value


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "text.empty"),
        ("   ", "text.empty"),
        ("a\x00b", "text.control_characters"),
        ("a\u202eb", "text.control_characters"),
        ("x" * 121, "text.too_long"),
    ],
)
def test_free_text_is_refused_when_empty_oversized_or_with_control_characters(text: str, code: str) -> None:
    with pytest.raises(Refused) as refused:
        clean_text(text, "titel", 120, multiline=False)
    assert refused.value.code == code


def test_every_refusal_in_the_code_has_dutch_and_english_wording() -> None:
    used: set[str] = set()
    for path in [
        *ROOT.glob("bot/**/*.py"),
        *ROOT.glob("integrations/**/*.py"),
        *ROOT.glob("scheduling/**/*.py"),
        *ROOT.glob("storage/**/*.py"),
    ]:
        used |= set(re.findall(r'Refused\(\s*"([a-z_]+\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert used, "the scan found no refusals"
    assert used - codes("nl") == set()
    assert used - codes("en") == set()


def test_dutch_and_english_catalogues_have_the_same_codes() -> None:
    assert codes("nl") == codes("en")
