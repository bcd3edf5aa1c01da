"""A number in a message comes with the word for one or for more: "1 agendapunt", "3 agendapunten",
never "agendapunt(en)" or "invitation(s)" (`{count:one|more}` in the catalogue, bot.messages)."""

from __future__ import annotations

import re

import pytest

from bot.messages import _CATALOGUE, render


@pytest.mark.parametrize(("count", "said"), [(1, "1 agendapunt"), (0, "0 agendapunten"), (130, "130 agendapunten")])
def test_a_count_takes_the_word_for_one_or_for_more(count: int, said: str) -> None:
    assert render("package.subject", "nl", date="28 juni", count=count) == f"Stukken stuurgroep 28 juni ({said})"


def test_the_verb_agrees_with_the_count_in_both_languages() -> None:
    assert render("agenda.moved_items", "nl", count=1, date="x") == "1 agendapunt gaat naar de stuurgroep van x."
    assert render("agenda.moved_items", "en", count=2, date="x") == "2 agenda items go to the stuurgroep of x."
    assert render("round.voted", "nl", choice="akkoord", reference="R", left="1", deadline="d").count("1 lid zonder")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_message_hedges_a_plural_after_a_number(lang: str) -> None:
    hedged = re.compile(r"\{\w+\} (\w+ ){0,2}\w+\((en|s|e|len|y/ies)\)|\{\w+\} \w+/\w+")
    found = {code: text for code, text in _CATALOGUE[lang].items() if hedged.search(text)}
    assert found == {}
