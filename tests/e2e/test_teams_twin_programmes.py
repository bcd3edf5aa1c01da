"""Two programmes that both spend under a mandate and decide in writing (ZOD and a copy of it, ZWD), behind
one Teams app on 127.0.0.1 against the fake Entra and Bot Connector: the programmadirecteur's spend
buttons and the stuurgroep's round buttons act in the programme whose card was clicked, whatever
programme the person's chat is switched to, and never in the other (both programmes number alike:
ZOD-U-2026-0001 and ZWD-U-2026-0001)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.programme_desks import programme_desks
from bot.bootstrap.settings import Settings
from bot.bootstrap.teams import teams_routes
from bot.domain.budget_mandate import RequestStatus
from bot.domain.lifecycle import Status
from bot.frontends.teams import cards
from tests.adaptive_cards import assert_valid
from tests.cast import EMAIL
from tests.conftest import START
from tests.e2e.slack_support import Server, audit_count
from tests.e2e.teams_fakes import FakeBotConnector, FakeEntra, Member, Sent, actions, block
from tests.e2e.teams_support import USERS, TeamsHarness, TeamsUser, settings_env
from tests.e2e.twin_programme import TWIN, twin_programme
from tests.scenario import register_cast, submit, walk
from tests.unit.core.test_refusals_are_one_sentence import sentences

KEES, PETRA, SANNE = USERS["kees"], USERS["petra"], USERS["sanne"]
BERT = TeamsUser("bert", EMAIL["sg1"], "Bert Bestuur", 8)
CARLA = TeamsUser("carla", EMAIL["sg2"], "Carla College", 9)
ZWD_KERNTEAM = "19:zwdkern0a1b2c3d4e5f6a7b8c9d0e1f2a3b@thread.tacv2"


class Twins(TeamsHarness):
    zwd: App

    def of(self, code: str) -> App:
        return self.app if code == "ZOD" else self.zwd

    def deliver_both(self) -> None:
        for app in (self.app, self.zwd):
            assert not app.outbox.drain().dead

    def card_of(self, user: TeamsUser, reference: str) -> Sent:
        """The card in *user*'s personal chat that is about *reference*."""
        found = [s for s in self.connector.sent(user.conversation, "POST") if s.cards and reference in s.text]
        assert found, f"no card about {reference} for {user.name}"
        return found[-1]


@pytest.fixture
def twins(tmp_path: Path) -> Iterator[Twins]:
    entra = FakeEntra()
    entra.start()
    connector = FakeBotConnector(entra)
    connector.start()
    for user in (*USERS.values(), BERT, CARLA):
        connector.members[user.teams_id] = Member(user.teams_id, user.aad, user.name, user.email)
    clock = ManualClock(START)
    zod = build(Settings.from_env(settings_env(tmp_path / "zod", entra, connectors=(connector,))), clock=clock)
    zwd_env = {**settings_env(tmp_path / "zwd", entra, connectors=(connector,)),
               "VAART_PROGRAMME": str(twin_programme(tmp_path)), "TEAMS_KERNTEAM_CONVERSATION": ZWD_KERNTEAM}
    zwd = build(Settings.from_env(zwd_env), clock=clock)
    for app in (zod, zwd):
        register_cast(app.people)
    routes = teams_routes(programme_desks([zod, zwd]), zod.settings, {"ZOD": zod.engine, TWIN: zwd.engine})
    server = Server(Starlette(routes=routes))
    server.start()
    harness = Twins(zod, entra, connector, server, clock)
    harness.zwd = zwd
    try:
        for user in (KEES, PETRA, SANNE, BERT, CARLA):
            harness.install(user)
        yield harness
    finally:
        harness.stop(zwd)


def _spend(twins: Twins, code: str, text: str) -> str:
    assert code in twins.answer(KEES, f"programma {code}")
    found = re.search(rf"{code}-U-\d{{4}}-\d{{4}}", twins.answer(KEES, text))
    assert found
    return found.group(0)


def test_the_spend_buttons_act_in_the_programme_of_the_card_and_never_in_the_other(twins: Twins) -> None:
    zod_ref = _spend(twins, "ZOD", "uitgave 12.000 Onderzoek naar vervoer in kleine kernen | soort: onderzoek")
    zwd_ref = _spend(twins, TWIN, "uitgave 8.000 Onderzoek naar warmte | soort: onderzoek")
    assert zod_ref.removeprefix("ZOD") == zwd_ref.removeprefix(TWIN)  # the same number in both programmes
    twins.deliver_both()
    zod_card, zwd_card = twins.card_of(PETRA, zod_ref), twins.card_of(PETRA, zwd_ref)

    # Petra's chat is on ZOD (the default); she approves the ZWD card: ZWD approves, ZOD does not move
    approve = actions(zwd_card.cards[0])[0]
    shown = twins.click(PETRA, approve["verb"], approve["data"], zwd_card.activity_id)["value"]
    assert str(block(shown, "outcome")).startswith("Goedgekeurd door Petra Plan") and zwd_ref in str(shown)
    assert twins.zwd.budget.get_request(zwd_ref).status is RequestStatus.APPROVED
    assert twins.app.budget.get_request(zod_ref).status is RequestStatus.REQUESTED
    assert audit_count(twins.zwd, "spend_approved", zwd_ref) == 1 and audit_count(twins.app, "spend_approved",
                                                                                    zod_ref) == 0

    # switched to ZWD, she rejects the ZOD card with a reason: ZOD rejects, ZWD stays approved
    assert TWIN in twins.answer(PETRA, f"programma {TWIN}")
    reject = actions(zod_card.cards[0])[1]
    shown = twins.click(PETRA, reject["verb"], {**reject["data"], "reason": "Past niet in het plan"},
                        zod_card.activity_id)["value"]
    assert str(block(shown, "outcome")).startswith("Afgewezen door Petra Plan")
    assert twins.app.budget.get_request(zod_ref).status is RequestStatus.REJECTED
    assert twins.zwd.budget.get_request(zwd_ref).status is RequestStatus.APPROVED

    # the ZOD card clicked again: ZOD's own refusal on its card as it now is; nothing changes anywhere
    stale = twins.click(PETRA, approve["verb"], actions(zod_card.cards[0])[0]["data"], zod_card.activity_id)["value"]
    assert "al besloten" in str(block(stale, "notice")) and zod_ref in str(block(stale, "notice"))
    assert twins.app.budget.get_request(zod_ref).status is RequestStatus.REJECTED
    assert audit_count(twins.zwd, "spend_approved", zwd_ref) == 1


def _round(twins: Twins, code: str) -> str:
    app = twins.of(code)
    ref = submit(app.ideas)
    walk(app.ideas, app.programme, ref, Status.GETOETST)
    assert code in twins.answer(SANNE, f"programma {code}")
    answer = twins.answer(SANNE, f"ronde start {ref} 27-11-2026 | bedrag: 45.000")
    found = re.search(rf"{code}-R-\d{{4}}-\d{{3}}", answer)
    assert found, answer
    return found.group(0)


def test_the_round_buttons_vote_in_the_programme_of_the_card_and_never_in_the_other(twins: Twins) -> None:
    zod_round, zwd_round = _round(twins, "ZOD"), _round(twins, TWIN)
    twins.deliver_both()
    zod_card, zwd_card = twins.card_of(BERT, zod_round), twins.card_of(BERT, zwd_round)
    assert_valid(zwd_card.cards[0])

    akkoord = actions(zwd_card.cards[0])[0]
    answered = twins.click(BERT, akkoord["verb"], akkoord["data"], zwd_card.activity_id)["value"]
    assert zwd_round in str(block(answered, "vote")) and actions(answered) == []
    assert twins.zwd.rounds.get(zwd_round).vote_of(EMAIL["sg1"]) is not None
    assert twins.app.rounds.get(zod_round).vote_of(EMAIL["sg1"]) is None
    assert [u.activity_id for u in twins.connector.sent(BERT.conversation, "PUT")] == [zwd_card.activity_id]

    bezwaar = actions(zod_card.cards[0])[1]
    answered = twins.click(BERT, bezwaar["verb"], {**bezwaar["data"], "reason": "Eerst de gemeenten"},
                           zod_card.activity_id)["value"]
    assert zod_round in str(block(answered, "vote"))
    zod_vote, zwd_vote = (app.rounds.get(r).vote_of(EMAIL["sg1"]) for app, r in
                          ((twins.app, zod_round), (twins.zwd, zwd_round)))
    assert zod_vote is not None and zod_vote.choice == "bezwaar" and zod_vote.reason == "Eerst de gemeenten"
    assert zwd_vote is not None and zwd_vote.choice == "akkoord"

    # Carla's last vote closes the ZWD round only
    carla = twins.card_of(CARLA, zwd_round)
    last = twins.click(CARLA, cards.ROUND_VOTE, actions(carla.cards[0])[2]["data"], carla.activity_id)["value"]
    assert "consensus" in str(block(last, "state"))
    assert twins.zwd.rounds.get(zwd_round).status.value == "consensus"
    assert twins.app.rounds.get(zod_round).status.value == "open"


def test_a_round_button_naming_no_programme_here_is_refused_in_one_sentence_and_changes_nothing(
        twins: Twins) -> None:
    zod_round = _round(twins, "ZOD")
    twins.deliver_both()
    card = twins.card_of(BERT, zod_round)
    forged = {**actions(card.cards[0])[0]["data"], cards.REF_KEY: "XYZ-R-2026-001"}
    answer = twins.click(BERT, cards.ROUND_VOTE, forged, card.activity_id)
    assert answer["type"] == "application/vnd.microsoft.activity.message" and len(sentences(answer["value"])) == 1
    assert twins.app.rounds.get(zod_round).votes == ()
