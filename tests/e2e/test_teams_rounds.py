"""The schriftelijke ronde in Teams, through the real endpoint against the fake Bot Connector and
Entra on 127.0.0.1: each stuurgroep member gets the question proactively as an Adaptive Card (valid
by the official schema) with a reason field and Akkoord / Bezwaar / Onthouding, and the invokes vote."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.domain.lifecycle import Status
from bot.frontends.teams import cards
from tests.adaptive_cards import assert_valid
from tests.cast import EMAIL
from tests.e2e.teams_fakes import Member, actions, card_text, inputs
from tests.e2e.teams_support import USERS, TeamsHarness, TeamsUser, running_teams
from tests.scenario import submit, walk

ROUND = "ZOD-R-2026-001"
BERT = TeamsUser("bert", EMAIL["sg1"], "Bert Bestuur", 8)
CARLA = TeamsUser("carla", EMAIL["sg2"], "Carla College", 9)


@pytest.fixture
def t(tmp_path: Path) -> Iterator[TeamsHarness]:
    with running_teams(tmp_path) as harness:
        for user in (BERT, CARLA):
            harness.connector.members[user.teams_id] = Member(user.teams_id, user.aad, user.name, user.email)
        harness.register_people()
        for user in (BERT, CARLA, USERS["sanne"]):
            harness.install(user)
        yield harness


def test_members_vote_on_the_card_and_agreeing_with_an_abstention_records_the_decision(t: TeamsHarness) -> None:
    ref = submit(t.app.ideas)
    walk(t.app.ideas, t.app.programme, ref, Status.GETOETST)
    assert f"Schriftelijke ronde {ROUND}" in t.answer(USERS["sanne"], f"ronde start {ref} 27-11-2026 | bedrag: 45.000")
    t.deliver()
    posted = t.connector.sent(BERT.conversation)[-1]
    card = posted.cards[0]
    assert_valid(card)
    assert [a["verb"] for a in actions(card)] == [cards.ROUND_VOTE] * 3 and "reason" in inputs(card)
    assert "uiterlijk 27-11-2026" in card_text(card)
    akkoord, bezwaar, onthouding = (a["data"] for a in actions(card))
    bare = t.click(CARLA, cards.ROUND_VOTE, bezwaar, posted.activity_id)
    assert "Geef bij een bezwaar de reden" in str(bare["value"])
    outsider = t.click(USERS["sanne"], cards.ROUND_VOTE, akkoord, posted.activity_id)
    assert "Alleen de stuurgroepleden" in str(outsider["value"])
    assert "is vastgelegd" in str(t.click(BERT, cards.ROUND_VOTE, akkoord, posted.activity_id)["value"])
    t.click(CARLA, cards.ROUND_VOTE, onthouding, t.connector.sent(CARLA.conversation)[-1].activity_id)
    idea = t.app.ideas.find(ref)
    assert idea is not None and idea.status == Status.AKKOORD.value


def test_an_objection_on_the_card_carries_its_reason_and_means_no_consensus(t: TeamsHarness) -> None:
    ref = submit(t.app.ideas)
    walk(t.app.ideas, t.app.programme, ref, Status.GETOETST)
    t.answer(USERS["sanne"], f"ronde start {ref} 27-11-2026 | bedrag: 45.000")
    t.deliver()
    posted = t.connector.sent(CARLA.conversation)[-1]
    bezwaar = actions(posted.cards[0])[1]["data"]
    t.click(CARLA, cards.ROUND_VOTE, {**bezwaar, "reason": "Eerst de gemeenten"}, posted.activity_id)
    bert = t.connector.sent(BERT.conversation)[-1]
    t.click(BERT, cards.ROUND_VOTE, actions(bert.cards[0])[0]["data"], bert.activity_id)
    done = t.app.rounds.get(ROUND)
    assert done.status.value == "geen_consensus" and done.vote_of(EMAIL["sg2"]).reason == "Eerst de gemeenten"
