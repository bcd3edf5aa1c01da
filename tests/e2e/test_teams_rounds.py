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
from tests.e2e.slack_support import audit_count, in_parallel
from tests.e2e.teams_fakes import Member, actions, block, card_text, inputs
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


def test_after_a_vote_the_card_shows_it_in_place_without_buttons_and_a_stale_click_tells_the_vote(
        t: TeamsHarness) -> None:
    ref = submit(t.app.ideas)
    walk(t.app.ideas, t.app.programme, ref, Status.GETOETST)
    t.answer(USERS["sanne"], f"ronde start {ref} 27-11-2026 | bedrag: 45.000")
    t.deliver()
    posted = t.connector.sent(BERT.conversation)[-1]
    akkoord, bezwaar, _ = (a["data"] for a in actions(posted.cards[0]))

    answered = t.click(BERT, cards.ROUND_VOTE, akkoord, posted.activity_id)["value"]
    assert actions(answered) == [] and inputs(answered) == {}
    assert "Je stem 'akkoord'" in str(block(answered, "vote")) and "is vastgelegd" in str(block(answered, "vote"))
    assert f"Schriftelijke ronde {ROUND}: loopt" in str(block(answered, "state"))
    [update] = t.connector.sent(BERT.conversation, "PUT")
    assert update.activity_id == posted.activity_id and update.cards == [answered]
    assert_valid(update.cards[0])

    # the card as it was, clicked again (another device): the vote is told, nothing changes
    stale = t.click(BERT, cards.ROUND_VOTE, {**bezwaar, "reason": "Toch niet"}, posted.activity_id)["value"]
    assert "Je stemde al akkoord" in str(block(stale, "notice")) and actions(stale) == []
    assert str(block(stale, "vote")).startswith("Je stem: akkoord op ")
    assert t.app.rounds.get(ROUND).vote_of(EMAIL["sg1"]).choice == "akkoord"
    assert [u.activity_id for u in t.connector.sent(BERT.conversation, "PUT")] == [posted.activity_id] * 2

    # the last vote closes the round: that card says how it ended
    carla = t.connector.sent(CARLA.conversation)[-1]
    last = t.click(CARLA, cards.ROUND_VOTE, actions(carla.cards[0])[2]["data"], carla.activity_id)["value"]
    assert "consensus, besluit" in str(block(last, "state")) and actions(last) == []
    assert t.app.rounds.get(ROUND).status.value == "consensus"


def test_a_refused_vote_that_the_member_can_still_make_leaves_the_card_as_it_is(t: TeamsHarness) -> None:
    ref = submit(t.app.ideas)
    walk(t.app.ideas, t.app.programme, ref, Status.GETOETST)
    t.answer(USERS["sanne"], f"ronde start {ref} 27-11-2026 | bedrag: 45.000")
    t.deliver()
    posted = t.connector.sent(CARLA.conversation)[-1]
    bare = t.click(CARLA, cards.ROUND_VOTE, actions(posted.cards[0])[1]["data"], posted.activity_id)
    assert bare["type"] == "application/vnd.microsoft.activity.message"
    assert t.connector.sent(CARLA.conversation, "PUT") == []


def test_the_answered_round_card_speaks_english_to_an_english_member(t: TeamsHarness) -> None:
    ref = submit(t.app.ideas)
    walk(t.app.ideas, t.app.programme, ref, Status.GETOETST)
    t.answer(BERT, "taal en")
    t.answer(USERS["sanne"], f"ronde start {ref} 27-11-2026 | bedrag: 45.000")
    t.deliver()
    posted = t.connector.sent(BERT.conversation)[-1]
    answered = t.click(BERT, cards.ROUND_VOTE, actions(posted.cards[0])[2]["data"], posted.activity_id)["value"]
    assert "Your vote 'abstain'" in str(block(answered, "vote"))
    assert f"Written round {ROUND}" in card_text(answered)


def test_a_vote_teams_delivers_twice_at_once_is_recorded_once_and_both_answers_show_it(t: TeamsHarness) -> None:
    ref = submit(t.app.ideas)
    walk(t.app.ideas, t.app.programme, ref, Status.GETOETST)
    t.answer(USERS["sanne"], f"ronde start {ref} 27-11-2026 | bedrag: 45.000")
    t.deliver()
    posted = t.connector.sent(BERT.conversation)[-1]
    activity = t.invoke_activity(BERT, cards.ROUND_VOTE, actions(posted.cards[0])[0]["data"], posted.activity_id)
    answers = in_parallel(*[lambda: t.click(BERT, "", {}, "", activity=activity)] * 2)
    assert answers[0] == answers[1] and actions(answers[0]["value"]) == []
    assert audit_count(t.app, "round_vote", ROUND) == 1
    assert {u.activity_id for u in t.connector.sent(BERT.conversation, "PUT")} == {posted.activity_id}
