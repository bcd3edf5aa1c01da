"""The shared forms (Slack modals now, Teams cards next) on the real store: checked per field, carried
out through the same services as the text commands, refusals pinned to the field they are about."""

from __future__ import annotations

import pytest

from bot.bootstrap.app import App
from bot.chat.forms import FormBook, FormErrors, Value
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from tests.cast import ANNA, EMAIL
from tests.scenario import register_cast

ADMIN = "beheer@vaart.local"
IDEA: dict[str, Value] = {
    "title": "Zorgbus", "description": "Een bus voor ouderen", "opgaven": ["5"], "programmalijn": "Zorg en Welzijn"
}


@pytest.fixture
def forms(app: App) -> FormBook:
    register_cast(app.people)
    return FormBook(app.chat, app.budget)


def test_the_idea_form_checks_every_field_before_anything_is_stored(app: App, forms: FormBook) -> None:
    with pytest.raises(FormErrors) as problems:
        forms.submit("idea", "", {**IDEA, "title": " ", "opgaven": ["99"]}, ANNA, "slack", "nl")
    assert problems.value.errors == {"title": "Vul dit veld in.", "opgaven": "Kies een van de mogelijkheden."}
    with pytest.raises(FormErrors) as problems:
        forms.submit("idea", "", {**IDEA, "title": "x" * 121}, ANNA, "slack", "en")
    assert problems.value.errors == {"title": "Too long: 121 characters, at most 120."}
    assert app.ideas.open_ideas() == []


def test_a_form_goes_through_once_per_request_key(app: App, forms: FormBook) -> None:
    first = forms.submit("idea", "", {**IDEA, "contact": "Anna, 06-1"}, ANNA, "slack", "nl", "slack:view:V1")
    again = forms.submit("idea", "", {**IDEA, "contact": "Anna, 06-1"}, ANNA, "slack", "nl", "slack:view:V1")
    assert first.reference == again.reference == "ZOD-2026-0001"
    assert "ZOD-2026-0001" in first.text
    [listed] = app.ideas.open_ideas()
    idea = app.ideas.status(ANNA, listed.reference)
    assert idea.origin == "slack" and idea.description.endswith("Contact: Anna, 06-1")


def test_refusals_of_the_domain_land_on_their_field(app: App, forms: FormBook) -> None:
    ref = forms.submit("idea", "", IDEA, ANNA, "slack", "nl").reference
    app.ideas.pick_up(EMAIL["kernteam"], "test", ref)
    cases = [
        ({"outcome": "ontwerpteam"}, "designers", "Noem minstens één lid"),
        ({"outcome": "ontwerpteam", "designers": "geen-adres"}, "designers", "geen-adres"),
        ({"outcome": "alliantie", "designers": "d@treant.nl"}, "designers", "alleen bij de uitkomst"),
        ({"outcome": "niet_verder"}, "reason", "'reden' is leeg"),
    ]
    for values, field, words in cases:
        with pytest.raises(FormErrors) as problems:
            forms.submit("orientation", ref, values, EMAIL["kernteam"], "slack", "nl")
        assert list(problems.value.errors) == [field] and words in problems.value.errors[field], problems.value.errors
    with pytest.raises(FormErrors) as problems:  # not the role: on the first field, in words
        forms.submit("orientation", ref, {"outcome": "alliantie", "reason": "x"}, ANNA, "slack", "nl")
    assert "niet de rol" in problems.value.errors["outcome"]
    forms.submit("orientation", ref, {"outcome": "alliantie", "reason": "Past bij de Zorgalliantie"},
                 EMAIL["kernteam"], "slack", "nl")
    assert app.ideas.status(ANNA, ref).state is Status.ALLIANTIE


def test_the_decision_form_offers_the_stuurgroep_only(forms: FormBook) -> None:
    form = forms.decision("ZOD-2026-0001", "nl")
    present = next(f for f in form.fields if f.key == "present")
    assert {o.value for o in present.options} == {EMAIL["sg1"], EMAIL["sg2"]}
    with pytest.raises(FormErrors) as problems:
        forms.submit("decision", "ZOD-2026-0001", {"outcome": "akkoord", "present": [EMAIL["staf"]],
                                                   "considerations": "x"}, EMAIL["staf"], "slack", "nl")
    assert problems.value.errors == {"present": "Kies een van de mogelijkheden."}
    with pytest.raises(Refused) as refused:
        forms.submit("nonsense", "", {}, EMAIL["staf"], "slack", "nl")
    assert refused.value.code == "frontend.unknown_form"
