"""The Idea guards its own state when it is decided per member body: the PHO's advice places it with the
bodies and the bodies' final decision closes it, each refused before anything changes."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.lifecycle import Status
from bot.domain.member_bodies import BodyDecision, conclude, record_preparatory_advice
from tests.unit.governance.test_member_bodies import NOW, REGISSEUR, programme, proposal

DEADLINE = date(2027, 1, 4)


def placed(idea: Idea) -> Idea:
    prog = programme()
    idea.place_with_bodies(prog, "pho", "colleges", True, "goed", None, DEADLINE, NOW)
    idea.pull_events()
    return idea


def test_the_pho_advice_places_a_complete_proposal_with_the_bodies_and_raises_its_event() -> None:
    prog = programme()
    idea = proposal(prog)
    idea.meeting_date = date(2026, 12, 1)
    idea.pull_events()
    text = idea.place_with_bodies(prog, "pho", "colleges", False, "  goed\r\nplan ", Decimal("10"), DEADLINE, NOW)
    assert text == "goed\nplan"
    assert idea.state is Status.GEAGENDEERD and idea.meeting_date is None and idea.updated_at == NOW
    [event] = idea.pull_events()
    assert (event.kind, event.data) == ("preparatory_advice", {
        "status": "geagendeerd", "gremium": "pho", "positive": False, "bodies": "colleges", "deadline": "2027-01-04",
    })


@pytest.mark.parametrize(("spoil", "amount", "text", "code"), [
    (lambda i: setattr(i, "status", Status.GEREED.value), None, "goed", "idea.transition_not_allowed"),
    (lambda i: setattr(i, "parts", {}), None, "goed", "bodies.parts_missing"),
    (lambda i: setattr(i, "din", {**i.din, "principes": []}), None, "goed", "bodies.din_missing"),
    (lambda i: None, Decimal("0"), "goed", "amount.not_positive"),
    (lambda i: None, None, "  ", "text.empty"),
])
def test_a_pho_advice_the_idea_refuses_changes_nothing_and_raises_no_event(
    spoil: object, amount: Decimal | None, text: str, code: str,
) -> None:
    prog = programme()
    idea = proposal(prog)
    assert callable(spoil)
    spoil(idea)
    idea.pull_events()
    before = dataclasses.asdict(idea)
    with pytest.raises(Refused) as caught:
        idea.place_with_bodies(prog, "pho", "colleges", True, text, amount, DEADLINE, NOW)
    assert caught.value.code == code
    assert dataclasses.asdict(idea) == before and idea.pull_events() == []


def test_the_wrong_state_is_refused_before_an_empty_advice_text() -> None:
    prog = programme()
    idea = proposal(prog)
    idea.status = Status.INGEDIEND.value
    with pytest.raises(Refused) as caught:
        record_preparatory_advice(idea, prog, REGISSEUR, True, "", None, NOW)
    assert caught.value.code == "idea.transition_not_allowed"


def test_the_bodies_final_decision_goes_into_the_idea_decisions_and_raises_decided() -> None:
    idea = placed(proposal(programme()))
    decision = idea.decide_by_bodies(REGISSEUR, "afgewezen", "VDG-B-2026-001", date(2026, 11, 20), ["Emmen: mits"],
                                     "Afgewogen", NOW)
    assert idea.state is Status.AFGEWEZEN and idea.decisions == [decision]
    assert (decision.decided_on, decision.subject, decision.present, decision.amount) == (
        date(2026, 11, 20), "Plan", [], None)
    [event] = idea.pull_events()
    assert (event.kind, event.data) == ("decided", {
        "status": "afgewezen", "outcome": "afgewezen", "number": "VDG-B-2026-001", "considerations": "Afgewogen",
        "conditions": ["Emmen: mits"], "amount": "",
    })


@pytest.mark.parametrize(("status", "outcome", "code"), [
    (Status.VOORSTEL, "akkoord", "idea.transition_not_allowed"),
    (Status.AKKOORD, "akkoord", "idea.transition_not_allowed"),
    (Status.GEAGENDEERD, "terug", "bodies.unknown_outcome"),
])
def test_a_final_decision_off_the_bodies_route_is_refused_and_changes_nothing(
    status: Status, outcome: str, code: str,
) -> None:
    idea = placed(proposal(programme()))
    idea.status = status.value
    before = dataclasses.asdict(idea)
    with pytest.raises(Refused) as caught:
        idea.decide_by_bodies(REGISSEUR, outcome, "VDG-B-2026-001", date(2026, 11, 20), [], "x", NOW)
    assert caught.value.code == code
    assert dataclasses.asdict(idea) == before and idea.pull_events() == []


def test_conclude_dates_the_decision_on_the_last_deciding_college_and_keeps_the_conditions() -> None:
    prog = programme(2)
    idea = proposal(prog)
    advice = record_preparatory_advice(idea, prog, REGISSEUR, True, "goed", None, NOW)
    idea.pull_events()
    every = [BodyDecision(idea.reference, "Emmen", "akkoord", date(2026, 11, 20), "mits", "a@x", NOW),
             BodyDecision(idea.reference, "Assen", "akkoord", date(2026, 11, 21), "", "a@x", NOW)]
    final = conclude(idea, prog, REGISSEUR, advice, every, "VDG-B-2026-002", "Overwogen", NOW)
    assert final is not None and final.decided_on == date(2026, 11, 21) and final.conditions == ["Emmen: mits"]
    assert idea.state is Status.AKKOORD and [e.kind for e in idea.pull_events()] == ["decided"]
