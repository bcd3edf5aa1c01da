"""A refusal of what someone typed names the field in their language: 'The field 'title' ...' in
English, never the Dutch name the code passes to `clean_text`. Found by reading the code for every
field name it passes as a literal; a proposal part or a criterion is named by the programme (its
own word, the one the person typed) and keeps it."""

from __future__ import annotations

import re

from bot.bootstrap.app import App
from bot.domain.errors import Refused
from bot.messages import _CATALOGUE
from tests.unit.core.test_refusals_say_what_to_do import ROOT

# clean_text(value, "titel", ...) and clean_optional(value, "risico's", ...): the field's name is the second argument
NAMED = re.compile(r"clean_(?:text|optional)\(\s*[^,()]+(?:\([^()]*\))?,\s*\"([^\"]+)\"")


def field_names() -> set[str]:
    return {m.group(1) for path in ROOT.rglob("*.py") for m in NAMED.finditer(path.read_text(encoding="utf-8"))}


def test_every_field_a_refusal_can_name_has_its_name_in_both_languages() -> None:
    names = field_names()
    assert {"titel", "omschrijving", "reden", "risico's"} <= names and len(names) > 15
    for lang in ("nl", "en"):
        missing = sorted(n for n in names if f"field.{n}" not in _CATALOGUE[lang])
        assert not missing, (lang, missing)


def test_the_dutch_name_stays_dutch_and_the_english_one_is_english(app: App) -> None:
    refusal = Refused("text.invisible_characters", field="titel")
    assert app.chat.describe(refusal, "nl").startswith("Het veld 'titel' bevat onzichtbare opmaaktekens")
    assert app.chat.describe(refusal, "en").startswith("The field 'title' contains invisible formatting characters")
    part = Refused("text.empty", field="begroting")  # a proposal part: the programme's own word
    assert app.chat.describe(part, "en") == "The field 'begroting' is empty."
