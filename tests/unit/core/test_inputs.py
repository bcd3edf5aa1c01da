"""Bad input gets a clear message: amounts, free text, and a catalogue with every refusal worded."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.money import format_euro, parse_amount
from bot.domain.people import anonymous, new_person
from bot.domain.programme import Programme
from bot.domain.text import clean_text
from bot.messages import codes, render
from tests.conftest import START

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


@pytest.mark.parametrize(
    "text",
    ["١٢٥٠٠", "۱۲۵۰۰", "１２５００", "12.５００", "12.500,٥٠", "€ ٥٠", "12\u0665", "१२५००", "²", "12.500,²"],
    ids=["arabic-indic", "persian", "full-width", "full-width group", "arabic cents", "after the euro sign",
         "one arabic digit", "devanagari", "superscript", "superscript cents"],
)
def test_amounts_in_digits_other_than_0_to_9_are_refused(text: str) -> None:
    with pytest.raises(Refused) as refused:
        parse_amount(text)
    assert refused.value.code == "amount.malformed"
    assert "12.500" in render("amount.malformed", "nl", text=text)


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999.99"), places=2))
def test_formatting_and_parsing_round_trip(value: Decimal) -> None:
    assert parse_amount(format_euro(value)) == value


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "text.empty"),
        ("   ", "text.empty"),
        ("a\x00b", "text.control_characters"),
        ("a\u202eb", "text.invisible_characters"),
        ("x" * 121, "text.too_long"),
    ],
)
def test_free_text_is_refused_when_empty_oversized_or_with_control_characters(text: str, code: str) -> None:
    with pytest.raises(Refused) as refused:
        clean_text(text, "titel", 120, multiline=False)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bus\u061cje", "text.invisible_characters"),  # the Arabic letter mark
        ("Bus\u200eje", "text.invisible_characters"),  # left-to-right mark
        ("\u2067Bus\u2069", "text.invisible_characters"),  # right-to-left isolate
        ("Bus\u200dje", "text.invisible_characters"),  # zero-width joiner
        ("Bus\U000e0041je", "text.invisible_characters"),  # a tag character
        ("Bus\u2028je", "text.line_break"),  # the line separator
        ("Bus\u2029je", "text.line_break"),  # the paragraph separator
        ("Bus\r\nje", "text.line_break"),
        ("Bus\x85je", "text.line_break"),  # NEL
        ("Bus\tje", "text.control_characters"),
        ("Bus\ud800je", "text.control_characters"),  # a lone surrogate (valid JSON, no valid UTF-8)
    ],
)
def test_invisible_format_characters_and_line_breaks_in_a_one_line_field_are_refused(text: str, code: str) -> None:
    with pytest.raises(Refused) as refused:
        clean_text(text, "titel", 120, multiline=False)
    assert refused.value.code == code
    assert "'titel'" in render(code, "nl", field="titel")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("\ufeffBuurtbus", "Buurtbus"),  # a byte-order mark in front (Windows files, some editors)
        ("Buurt\u00adbus", "Buurtbus"),  # a soft hyphen from Word
        ("Buurt\u200bbus", "Buurtbus"),  # a zero-width space from a web page
        ("Buurt\u2060bus", "Buurtbus"),  # the word joiner
        ("Buurtbus ❤️ 🚌", "Buurtbus ❤️ 🚌"),  # emoji and their variation selector are text
        ("Zorgcoöperatie", "Zorgcoöperatie"),
    ],
)
def test_invisible_characters_that_mean_nothing_are_taken_out(text: str, kept: str) -> None:
    assert clean_text(text, "titel", 120, multiline=False) == kept


def test_every_line_break_becomes_one_line_feed_in_a_multiline_field() -> None:
    text = "een\r\ntwee\rdrie\u2028vier\u2029vijf\x85zes\nzeven"
    assert clean_text(text, "omschrijving", 4000) == "een\ntwee\ndrie\nvier\nvijf\nzes\nzeven"


@pytest.mark.parametrize("organisation", ["Gemeente\r\nEmmen", "Gemeente\nEmmen", "Gemeente\u2028Emmen"])
def test_the_organisation_of_an_idea_or_a_person_is_one_line(programme: Programme, organisation: str) -> None:
    with pytest.raises(Refused) as refused:
        Idea.submit(programme, "ZOD-2026-0001", anonymous("anna@voorbeeld.nl"), "Bus", "Een bus", START, "test",
                    organisation=organisation)
    assert refused.value.code == "text.line_break" and refused.value.params["field"] == "organisatie"
    with pytest.raises(Refused) as refused:
        new_person(programme, "kees@voorbeeld.nl", "Kees Kern", ["kernteam"], organisation=organisation)
    assert refused.value.code == "text.line_break"


def test_every_refusal_in_the_code_has_dutch_and_english_wording() -> None:
    used: set[str] = set()
    for path in [
        *ROOT.glob("bot/**/*.py"),
        *ROOT.glob("integrations/**/*.py"),
        *ROOT.glob("scheduling/**/*.py"),
        *ROOT.glob("storage/**/*.py"),
    ]:
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'Refused\(\s*"([a-z_]+\.[a-z_.]+)"', source))
        used |= set(re.findall(r'\.require(?:_year)?\([^()]*,\s*"([a-z_]+\.[a-z_.]+)"\)', source))  # DateRange
    assert used, "the scan found no refusals"
    assert used - codes("nl") == set()
    assert used - codes("en") == set()


def test_dutch_and_english_catalogues_have_the_same_codes() -> None:
    assert codes("nl") == codes("en")
