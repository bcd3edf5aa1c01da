"""Every Teams card built from the real forms and programme stays valid and under Teams' message limit
with the longest inputs allowed: each text input filled to the length its card allows with the widest
characters there are (outside the BMP, or a quote that JSON escapes), an error under every field and a
refusal on top. Teams counts a message in UTF-16 and refuses one over about 100 KB (413).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from bot.bootstrap.app import App
from bot.chat.forms import Form, FormBook, Value
from bot.domain.budget_mandate import RequestStatus, SpendRequest
from bot.domain.timezone import AMSTERDAM
from bot.frontends.teams import cards, steps
from tests.adaptive_cards import assert_valid
from tests.cast import ANNA, CAST, EMAIL

ADMIN = "beheer@vaart.local"
TEAMS_LIMIT = 100_000  # bytes of UTF-16; Teams says "about 100 KB", this is the strict reading
WIDE = "😀\""  # 4 bytes each in UTF-16 JSON: a surrogate pair, and an escaped quote
FORMS = ("idea", "orientation", "advice", "decision", "spend_reject")


def _fill(length: int) -> str:
    return (WIDE * length)[:length]


@pytest.fixture
def forms(app: App) -> FormBook:
    for email, name, roles in CAST.values():
        app.people.add(ADMIN, "test", email, name, roles)
    return FormBook(app.chat, app.budget, app.execution.progress)


def _invoke_body(card: cards.Card) -> dict[str, object]:
    return {"statusCode": 200, "type": cards.CARD_TYPE, "value": card}


def _cards(forms: FormBook, name: str, lang: str) -> list[tuple[Form, int, int]]:
    parts = steps.split(forms.build(name, "ZOD-2026-0001", lang), lang)
    return [(part, n, len(parts)) for n, part in enumerate(parts, start=1)]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", FORMS)
def test_every_card_of_a_form_returned_with_the_longest_inputs_and_every_error_stays_under_the_limit(
    forms: FormBook, name: str, lang: str
) -> None:
    for part, step, count in _cards(forms, name, lang):
        limits = cards.input_limits(part, lang, {steps.STEP_KEY: step})
        values: dict[str, Value] = {}
        for spec in part.fields:
            if spec.kind in ("text", "multiline"):
                values[spec.key] = _fill(limits[spec.key] + 50)  # more than the card takes: only crafted requests
            elif spec.kind == "multiselect":
                values[spec.key] = [o.value for o in spec.options]
            else:
                values[spec.key] = spec.options[0].value
        errors = {spec.key: _fill(5_000) for spec in part.fields}  # an error may quote what was typed: cut
        card = steps.step_card(part, step, count, lang, values, errors, message=_fill(5_000))
        assert_valid(card)
        assert card["msteams"] == {"width": "Full"}
        assert cards.utf16_size(card) <= cards.CARD_BUDGET, (name, step)
        assert cards.utf16_size(_invoke_body(card)) < TEAMS_LIMIT
        for element in card["body"]:
            if element.get("type") == "Input.Text":
                assert len(element["value"]) == element["maxLength"] == limits[element["id"]]


@pytest.mark.parametrize("name", FORMS)
def test_every_free_text_field_on_teams_takes_the_one_text_limit_of_chat_and_slack(forms: FormBook, name: str) -> None:
    whole = forms.build(name, "ZOD-2026-0001", "nl")
    shown = {}
    for part, step, _count in _cards(forms, name, "nl"):
        shown.update(cards.input_limits(part, "nl", {steps.STEP_KEY: step}))
    assert shown == {f.key: f.max_length for f in whole.fields if f.kind in ("text", "multiline")}
    assert [f.key for part, _s, _c in _cards(forms, name, "nl") for f in part.fields] == [f.key for f in whole.fields]


def test_the_advice_form_comes_in_steps_with_4000_characters_per_note(app: App, forms: FormBook) -> None:
    parts = _cards(forms, "advice", "en")
    notes = [f for part, _s, _c in parts for f in part.fields if f.kind in ("text", "multiline")]
    assert len(notes) == 11 and {f.max_length for f in notes} == {app.programme.limits.text_max} == {4000}
    assert len(parts) > 1
    for part, step, count in parts:
        assert part.title.endswith(f"step {step} of {count}")
        assert part.submit == ("Save" if step == count else "Next")
        for judgement, note in zip(part.fields, part.fields[1:], strict=False):  # a judgement keeps its note
            if judgement.key.startswith(("c:", "p:")):
                assert note.key == judgement.key.replace(":", "n:", 1)


def test_the_advice_form_with_its_full_limits_on_one_card_would_be_over_the_limit(forms: FormBook) -> None:
    """Why it comes in steps: the form's own limits (4,000 per note) on one card make a card Teams refuses."""
    advice = forms.build("advice", "ZOD-2026-0001", "nl")
    full = cards.form_skeleton(advice, "nl")
    for element in full["body"]:
        if element.get("type") == "Input.Text":
            element["value"] = "x" * element["maxLength"]  # plain ASCII even
    assert cards.utf16_size(_invoke_body(full)) > TEAMS_LIMIT


def test_the_cards_the_bot_posts_stay_under_the_limit_with_the_longest_texts(app: App, forms: FormBook) -> None:
    limits = app.programme.limits
    reply = app.ideas.submit(ANNA, "teams", _fill(limits.title_max), "\n".join([_fill(19)] * 200),
                             organisation=_fill(limits.name_max), support_asked=_fill(limits.text_max))
    stored = app.ideas.status(EMAIL["kernteam"], str(reply.params["reference"]))
    at = datetime(2026, 11, 23, 9, 30, tzinfo=AMSTERDAM)
    request = SpendRequest(reference="ZOD-U-2026-0001", amount=Decimal("49999.99"), kind="onderzoek",
                           purpose=_fill(limits.text_max), requester=_fill(limits.name_max), line_key="mandaat",
                           requested_at=at, idea_ref=stored.reference)
    decided = SpendRequest(**{**request.__dict__, "status": RequestStatus.REJECTED, "decided_by": EMAIL["director"],
                              "decided_at": at, "reason": _fill(limits.text_max)})
    built = [
        cards.kernteam_card(stored, "nl", _fill(limits.name_max), message=_fill(2_000)),
        cards.spend_card(request, "nl", None, message=_fill(2_000), reason=_fill(limits.text_max), error=_fill(500)),
        cards.spend_card(decided, "en", _fill(limits.name_max)),
        cards.notice_card(_fill(300), "\n".join([_fill(100)] * 500), ("Advies geven", "advice", stored.reference)),
        cards.outcome_card(_fill(200), _fill(50_000)),
    ]
    for card in built:
        assert_valid(card)
        assert cards.utf16_size(_invoke_body(card)) <= cards.CARD_BUDGET
