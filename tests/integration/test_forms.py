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
    return FormBook(app.chat, app.budget, app.execution.progress)


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


def _scheduled(app: App, forms: FormBook, financiering: str, positive: bool) -> str:
    """An idea walked to the stuurgroep agenda of 11-12-2026, its advice recorded through the form."""
    from tests.cast import DIRK, PARTS

    ref = forms.submit("idea", "", IDEA, ANNA, "slack", "nl").reference
    s = app.ideas
    s.pick_up(EMAIL["kernteam"], "test", ref)
    s.conclude_orientation(EMAIL["kernteam"], "test", ref, "ontwerpteam", [DIRK])
    s.start_proposal(DIRK, "test", ref, "project")
    for part, text in PARTS.items():
        s.set_part(DIRK, "test", ref, part, text)
    s.link_din(DIRK, "test", ref, "subdoel", "1")
    s.link_din(DIRK, "test", ref, "principe", "1")
    s.submit_for_review(EMAIL["director"], "test", ref)
    values: dict[str, Value] = {"verdict": "positief" if positive else "negatief", "advice": "Zoek Interreg"}
    for field in forms.advice(ref, "nl").fields:
        if field.key.startswith(("c:", "p:")):
            values[field.key] = "voldoet"
        elif field.key.startswith(("cn:", "pn:")):
            values[field.key] = "Onderbouwd"
    forms.submit("advice", ref, {**values, "c:financiering": financiering}, EMAIL["chair"], "slack", "nl")
    s.schedule(EMAIL["director"], "test", ref, None)  # the first open stuurgroep the calendar lists
    return ref


DECISION: dict[str, Value] = {
    "outcome": "akkoord", "present": [EMAIL["sg1"], EMAIL["sg2"]], "considerations": "Breed gedragen", "amount": "45000"
}


def test_the_decision_form_refuses_by_the_same_rules_as_the_chat(app: App, forms: FormBook) -> None:
    """§3.1 consensus, Bijlage 4 the rejection criterion, and the decision in the meeting: one rule in the
    domain, the same refusal on the form's field in Slack and Teams as in the console."""
    from datetime import datetime

    from bot.domain.timezone import AMSTERDAM

    ref = _scheduled(app, forms, "voldoet_niet", positive=False)
    meeting = app.ideas.status(EMAIL["staf"], ref).meeting_date
    assert meeting is not None
    with pytest.raises(FormErrors) as problems:
        forms.submit("decision", ref, DECISION, EMAIL["staf"], "slack", "nl")
    assert list(problems.value.errors) == ["outcome"]
    assert problems.value.errors["outcome"].startswith("De stuurgroep besluit in haar vergadering")
    clock = app.clock
    assert hasattr(clock, "set")
    clock.set(datetime.combine(meeting, datetime.min.time(), AMSTERDAM).replace(hour=15))
    with pytest.raises(FormErrors) as problems:
        forms.submit("decision", ref, DECISION, EMAIL["staf"], "teams", "nl")
    assert "afwijzingscriterium" in problems.value.errors["outcome"]
    with pytest.raises(FormErrors) as problems:
        forms.submit("decision", ref, {**DECISION, "outcome": "terug", "amount": None, "objections": "Emmen twijfelt"},
                     EMAIL["staf"], "slack", "en")  # fmt: skip
    assert problems.value.errors["objections"].startswith("Decisions are taken by consensus")
    assert app.ideas.status(EMAIL["staf"], ref).state is Status.GEAGENDEERD
    with pytest.raises(FormErrors) as problems:
        forms.submit("decision", ref, {**DECISION, "outcome": "geen_consensus", "amount": None},
                     EMAIL["staf"], "slack", "nl")  # fmt: skip
    assert "Noem de bezwaren" in problems.value.errors["objections"]
    done = forms.submit("decision", ref, {**DECISION, "outcome": "geen_consensus", "amount": None,
                                          "objections": "Emmen twijfelt"}, EMAIL["staf"], "teams", "nl")  # fmt: skip
    assert "Dit is geen besluit" in done.text
    idea = app.ideas.status(EMAIL["staf"], ref)
    assert idea.state is Status.GEAGENDEERD and idea.decisions == [] and idea.meeting_date != meeting


def test_the_advice_form_refuses_a_positive_advice_against_the_rejection_criterion(app: App, forms: FormBook) -> None:
    """Bijlage 4: financiering is an afwijzingscriterium; the advice form refuses as `advies` does."""
    with pytest.raises(FormErrors) as problems:
        _scheduled(app, forms, "voldoet_niet", positive=True)
    assert "afwijzingscriterium" in problems.value.errors["verdict"]
    assert app.ideas.status(EMAIL["staf"], "ZOD-2026-0001").state is Status.GEREED
