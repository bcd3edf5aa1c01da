"""The schriftelijke ronde in Slack, through the real app and signed requests against the fake Web
API on 127.0.0.1: each stuurgroep member gets the question in their DM with a reason field and the
buttons Akkoord / Bezwaar / Onthouding (valid Block Kit by slack_sdk's models), and the clicks vote."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.models.blocks import Block

from bot.domain.lifecycle import Status
from tests.cast import EMAIL
from tests.e2e.slack_support import Harness, block_text, buttons, running
from tests.scenario import submit, walk

ROUND = "ZOD-R-2026-001"


@pytest.fixture
def h(tmp_path: Path) -> Iterator[Harness]:
    with running(tmp_path, "http") as harness:
        harness.fake.add_user("U0BERT", EMAIL["sg1"], "Bert Bestuur")
        harness.fake.add_user("U0CARLA", EMAIL["sg2"], "Carla College")
        harness.register_people()
        yield harness


def question(h: Harness, user: str) -> Any:
    card = h.fake.of("chat.postMessage", channel=f"D{user}")[-1]
    for raw in card.params["blocks"]:
        parsed = Block.parse(raw)
        assert parsed is not None, raw
        parsed.validate_json()
    return card


def started(h: Harness) -> str:
    ref = submit(h.app.ideas)
    walk(h.app.ideas, h.app.programme, ref, Status.GETOETST)
    answer = h.vaart("U0SANNE", f"ronde start {ref} 27-11-2026 | bedrag: 45.000")
    assert f"Schriftelijke ronde {ROUND}" in answer
    h.deliver()
    return ref


def test_members_answer_with_the_buttons_and_an_objection_with_its_reason_means_no_consensus(h: Harness) -> None:
    ref = started(h)
    card = question(h, "U0BERT")
    assert [b["action_id"] for b in buttons(card.params["blocks"])] == [
        "round_vote_akkoord", "round_vote_bezwaar", "round_vote_onthouding"]
    assert "uiterlijk 27-11-2026" in block_text(card.params["blocks"])
    h.click("U0BERT", "round_vote_akkoord", ROUND, card)
    assert "is vastgelegd; nog 1 lid zonder" in h.answer()
    update = h.fake.wait_for("chat.update", where=lambda c: c.params["ts"] == card.response["ts"])[-1]
    assert buttons(update.params["blocks"]) == [] and "akkoord" in block_text(update.params["blocks"])
    assert "uiterlijk 27-11-2026" in block_text(update.params["blocks"])
    carla = question(h, "U0CARLA")
    h.click("U0CARLA", "round_vote_bezwaar", ROUND, carla)
    assert "Geef bij een bezwaar de reden" in h.answer()
    reason = {f"round_reason:{ROUND}": {"round_reason": {"type": "plain_text_input", "value": "Eerst de gemeenten"}}}
    h.click("U0CARLA", "round_vote_bezwaar", ROUND, carla, state=reason)
    assert "is vastgelegd; nog 0" in h.answer()
    done = h.app.rounds.get(ROUND)
    assert done.status.value == "geen_consensus" and done.vote_of(EMAIL["sg2"]).reason == "Eerst de gemeenten"
    assert h.app.ideas.find(ref).status == Status.GETOETST.value
    h.deliver()
    told = h.fake.of("chat.postMessage", channel="DU0BERT")[-1]
    assert "gesloten zonder consensus" in str(told.params["text"]) or "geen consensus" in str(told.params["text"])


def test_everyone_agreeing_in_slack_records_the_decision_and_a_stranger_is_refused(h: Harness) -> None:
    ref = started(h)
    card = question(h, "U0BERT")
    h.click("U0KEES", "round_vote_akkoord", ROUND, card)
    assert "Alleen de stuurgroepleden" in h.answer()
    h.click("U0BERT", "round_vote_akkoord", ROUND, card)
    h.answer()
    h.click("U0CARLA", "round_vote_onthouding", ROUND, question(h, "U0CARLA"))
    h.answer()
    idea = h.app.ideas.find(ref)
    assert idea is not None and idea.status == Status.AKKOORD.value
    assert idea.decisions[-1].number == h.app.rounds.get(ROUND).decision_number
