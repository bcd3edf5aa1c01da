"""Every action from every state: allowed exactly where the route allows it, refused (and nothing
changed) everywhere else, and refused for anyone without the role."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

import pytest

from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.lifecycle import ACTIONS, Status, allowed_targets
from bot.domain.people import Person
from bot.domain.programme import Programme
from tests.cast import DIRK, at_meeting, idea_at, judgements, people
from tests.conftest import START

Act = Callable[[Idea, dict[str, Person], Programme, datetime], object]

ACTS: dict[str, tuple[str, Act]] = {
    "pick_up": ("kernteam", lambda i, p, pr, now: i.pick_up(p["kernteam"], p["kernteam"], now)),
    "orientation_outcome": (
        "kernteam",
        lambda i, p, pr, now: i.conclude_orientation(p["kernteam"], pr, "ontwerpteam", now, designers=[DIRK]),
    ),
    "start_proposal": ("kernteam", lambda i, p, pr, now: i.start_proposal(p["kernteam"], pr, "project", now)),
    "set_part": ("kernteam", lambda i, p, pr, now: i.set_part(p["kernteam"], pr, "aanpak", "Nieuwe aanpak", now)),
    "link_din": ("kernteam", lambda i, p, pr, now: i.link_din(p["kernteam"], pr, "opgave", "2", now)),
    "submit_for_review": ("director", lambda i, p, pr, now: i.submit_for_review(p["director"], pr, now)),
    "record_advice": (
        "chair",
        lambda i, p, pr, now: i.record_advice(p["chair"], pr, False, *judgements(pr), "Meer cofinanciering", now),
    ),
    "schedule": ("director", lambda i, p, pr, now: i.schedule(p["director"], date(2027, 6, 25), now)),
    "decide": (
        "staf",
        lambda i, p, pr, now: i.decide(p["staf"], pr, "afgewezen", [p["sg1"]], "Niet passend", "B-9", at_meeting(now)),
    ),
    "decide_in_writing": (
        "staf",
        lambda i, p, pr, now: i.decide(p["staf"], pr, "afgewezen", [p["sg1"]], "Schriftelijk: niet passend", "B-9",
                                       now, in_writing=date(2026, 11, 27)),
    ),
    "no_consensus": (
        "staf",
        lambda i, p, pr, now: i.record_no_consensus(p["staf"], pr, ["Eerst een business case"], at_meeting(now), None),
    ),
    "set_penvoerder": ("kernteam", lambda i, p, pr, now: i.set_penvoerder(p["kernteam"], pr, "Gemeente Emmen", now)),
    "start_execution": ("kernteam", lambda i, p, pr, now: i.start_execution(p["kernteam"], now)),
    "report_progress": ("kernteam", lambda i, p, pr, now: i.report_progress(p["kernteam"], pr, "Op schema", now)),
    "complete": ("kernteam", lambda i, p, pr, now: i.complete(p["kernteam"], pr, "Geëvalueerd", now)),
    "recuse": ("sg1", lambda i, p, pr, now: i.recuse(p["sg1"], now)),
}


def snapshot(idea: Idea) -> dict[str, object]:
    return dataclasses.asdict(idea)


def test_every_action_of_the_route_has_a_case() -> None:
    assert set(ACTS) == set(ACTIONS)


@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.value)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_an_action_is_refused_exactly_in_the_states_it_does_not_start_from(
    programme: Programme, status: Status, action: str
) -> None:
    cast = people(programme)
    idea = idea_at(programme, status, START, cast)
    before = snapshot(idea)
    _, act = ACTS[action]
    try:
        act(idea, cast, programme, START)
    except Refused as refusal:
        assert status not in ACTIONS[action].sources or refusal.code != "idea.transition_not_allowed"
        if status not in ACTIONS[action].sources:
            assert refusal.code == "idea.transition_not_allowed"
        assert snapshot(idea) == before, "a refusal must change nothing"
        assert idea.pull_events() == []
        return
    assert status in ACTIONS[action].sources, f"{action} must be refused from {status.value}"
    assert Status(idea.status) in ACTIONS[action].targets | {status}


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_someone_without_the_role_is_refused_and_nothing_changes(programme: Programme, action: str) -> None:
    cast = people(programme)
    source = sorted(ACTIONS[action].sources)[0]
    idea = idea_at(programme, source, START, cast)
    before = snapshot(idea)
    outsider = {**cast}
    for key in ("kernteam", "director", "chair", "staf", "sg1"):
        outsider[key] = cast["coordinator"]
    _, act = ACTS[action]
    with pytest.raises(Refused) as refused:
        act(idea, outsider, programme, START)
    assert refused.value.code == "idea.wrong_role"
    assert snapshot(idea) == before


def test_the_terminal_states_allow_no_further_transition() -> None:
    for status in (Status.NIET_VERDER, Status.AFGEWEZEN, Status.AFGEROND):
        assert allowed_targets(status) == set()


def test_terug_naar_ontwerpteam_re_enters_the_route(programme: Programme) -> None:
    cast = people(programme)
    idea = idea_at(programme, Status.TERUG, START, cast)
    assert idea.meeting_date is None
    idea.set_part(cast["dirk"], programme, "cofinanciering", "Nu 50 procent", START)
    idea.submit_for_review(cast["director"], programme, START)
    idea.record_advice(cast["chair"], programme, True, *judgements(programme), "Goed aangepast", START)
    assert idea.state is Status.GETOETST
    assert len(idea.advices) == 2
    assert idea.current_advice is idea.advices[-1]


def test_a_decision_akkoord_records_the_amount_and_tells_who_was_there(programme: Programme) -> None:
    idea = idea_at(programme, Status.AKKOORD, START)
    decision = idea.decisions[-1]
    assert decision.amount == Decimal("45000.00")
    assert decision.present == ["b.bestuur@emmen.nl", "c.college@coevorden.nl"]
    assert decision.decided_on == date(2026, 12, 11)
