"""Two programmes that both spend under a mandate and decide in writing (ZOD and a copy of it, ZWD), behind
one Slack app on 127.0.0.1 against the fake Web API, over signed HTTP and over Socket Mode (a fake
Socket Mode server sending envelopes as Slack does): the programmadirecteur's spend buttons and the
stuurgroep's round buttons act in the programme whose card was clicked, whatever programme the
person's DM is switched to, and never in the other (both programmes number alike)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.programme_desks import programme_desks
from bot.bootstrap.settings import Settings
from bot.domain.budget_mandate import RequestStatus
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.frontends.slack.config import SlackConfig
from bot.frontends.slack.delivery import SlackDelivery
from bot.frontends.slack.server import slack_parts
from tests.cast import EMAIL
from tests.conftest import START
from tests.e2e.slack_fakes import FakeSlackApi, FakeSocketMode
from tests.e2e.slack_support import (
    APP_TOKEN,
    BOT_TOKEN,
    SECRET,
    USERS,
    Harness,
    Server,
    audit_count,
    block_text,
    buttons,
    transport_to,
)
from tests.e2e.twin_programme import TWIN, twin_programme
from tests.scenario import register_cast, submit, walk
from tests.unit.core.test_refusals_are_one_sentence import sentences


@dataclass
class Twins(Harness):
    zwd: App | None = None

    def of(self, code: str) -> App:
        app = self.app if code == "ZOD" else self.zwd
        assert app is not None
        return app

    def deliver_both(self) -> None:
        for app in (self.app, self.of(TWIN)):
            assert not app.outbox.drain().dead

    def card_of(self, user: str, reference: str) -> Any:
        """The message in *user*'s DM that is about *reference* (with its buttons)."""
        found = [c for c in self.fake.of("chat.postMessage", channel=f"D{user}")
                 if reference in block_text(c.params.get("blocks") or []) and buttons(c.params.get("blocks") or [])]
        assert found, f"no card about {reference} for {user}"
        return found[-1]

    def updates_of(self, card: Any) -> list[Any]:
        return self.fake.of("chat.update", channel=card.params["channel"], ts=card.response["ts"])


@pytest.fixture(params=["http", "socket"])
def twins(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Twins]:
    mode = str(request.param)
    fake = FakeSlackApi().start()
    socket_server = FakeSocketMode().start() if mode == "socket" else None
    for user, email in {**USERS, "U0BERT": EMAIL["sg1"], "U0CARLA": EMAIL["sg2"]}.items():
        fake.add_user(user, email, email.split("@")[0].replace(".", " ").title())
    common = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": fake.url}
    if socket_server is not None:
        common["SLACK_APP_TOKEN"] = APP_TOKEN
        fake.socket_url = socket_server.url
    else:
        common["SLACK_SIGNING_SECRET"] = SECRET
    clock = ManualClock(START)
    zod = build(Settings.from_env({**common, "VAART_VAR_DIR": str(tmp_path / "zod"),
                                   "SLACK_KERNTEAM_CHANNEL": "C0ZODKERN"}), clock=clock)
    zwd = build(Settings.from_env({**common, "VAART_VAR_DIR": str(tmp_path / "zwd"),
                                   "VAART_PROGRAMME": str(twin_programme(tmp_path)),
                                   "SLACK_KERNTEAM_CHANNEL": "C0ZWDKERN"}), clock=clock)
    for app in (zod, zwd):
        register_cast(app.people)
        channel = app.outbox.channels["slack"]
        assert isinstance(channel, SlackDelivery)
        channel.interval = 0.0
    routes, lifespan = slack_parts(programme_desks([zod, zwd]), SlackConfig.from_settings(zod.settings))
    server = Server(Starlette(routes=routes, lifespan=lifespan))
    server.start()
    try:
        yield Twins(zod, fake, transport_to(server, fake, socket_server), mode, clock, zwd=zwd)
    finally:
        server.stop()
        if socket_server is not None:
            socket_server.stop()
        fake.stop()
        zod.close()
        zwd.close()


def _spend(twins: Twins, code: str, text: str) -> str:
    assert code in twins.vaart("U0KEES", f"programma {code}")
    found = re.search(rf"{code}-U-\d{{4}}-\d{{4}}", twins.vaart("U0KEES", text))
    assert found
    return found.group(0)


def test_the_spend_buttons_act_in_the_programme_of_the_card_and_never_in_the_other(twins: Twins) -> None:
    twins.home_opened("U0PETRA", "Ev0PETRA1")  # Petra uses Slack: both programmes' notices go to her DM
    twins.fake.wait_for("views.publish", where=lambda c: c.params["user_id"] == "U0PETRA")
    zod_ref = _spend(twins, "ZOD", "uitgave 12.000 Onderzoek naar vervoer in kleine kernen | soort: onderzoek")
    zwd_ref = _spend(twins, TWIN, "uitgave 8.000 Onderzoek naar warmte | soort: onderzoek")
    assert zod_ref.removeprefix("ZOD") == zwd_ref.removeprefix(TWIN)  # the same number in both programmes
    twins.deliver_both()
    zod_card, zwd_card = twins.card_of("U0PETRA", zod_ref), twins.card_of("U0PETRA", zwd_ref)
    zwd = twins.of(TWIN)

    # Petra's DM is on ZOD (the default); she approves the ZWD card: ZWD approves, ZOD does not move
    twins.click("U0PETRA", "spend_approve", zwd_ref, zwd_card)
    assert "is goedgekeurd" in twins.answer()
    [update] = twins.fake.wait_for("chat.update", where=lambda c: c.params["ts"] == zwd_card.response["ts"])
    assert "Goedgekeurd door Petra Plan" in block_text(update.params["blocks"]) and zwd_ref in block_text(
        update.params["blocks"])
    assert zwd.budget.get_request(zwd_ref).status is RequestStatus.APPROVED
    assert twins.app.budget.get_request(zod_ref).status is RequestStatus.REQUESTED
    assert audit_count(zwd, "spend_approved", zwd_ref) == 1 and audit_count(twins.app, "spend_approved", zod_ref) == 0
    assert twins.updates_of(zod_card) == []

    # switched to ZWD, a press on the ZOD card still acts in ZOD
    assert TWIN in twins.vaart("U0PETRA", f"programma {TWIN}")
    twins.click("U0PETRA", "spend_approve", zod_ref, zod_card)
    assert "is goedgekeurd" in twins.answer() and zod_ref in twins.answer()
    assert twins.app.budget.get_request(zod_ref).status is RequestStatus.APPROVED
    assert audit_count(zwd, "spend_approved", zwd_ref) == 1 and audit_count(twins.app, "spend_approved", zod_ref) == 1

    # Afwijzen on a ZOD card opens ZOD's form, whose submission rejects in ZOD (her DM is still on ZWD)
    second = _spend(twins, "ZOD", "uitgave 3.000 Tweede onderzoek | soort: onderzoek")
    twins.deliver_both()
    card = twins.card_of("U0PETRA", second)
    opened = len(twins.fake.of("views.open"))
    twins.click("U0PETRA", "spend_reject", second, card)
    view = twins.fake.wait_for("views.open", opened + 1)[-1].params["view"]
    ack = twins.submit("U0PETRA", view, {"reason": "Dubbel met het eerste onderzoek"}, "V0REJECT")
    assert ack.body["response_action"] == "update", ack.body
    rejected = twins.fake.wait_for("chat.update", where=lambda c: c.params["ts"] == card.response["ts"])[-1]
    assert "Dubbel met het eerste onderzoek" in block_text(rejected.params["blocks"])
    assert twins.app.budget.get_request(second).status is RequestStatus.REJECTED
    with pytest.raises(Refused):
        zwd.budget.get_request(second.replace("ZOD", TWIN))


def _round(twins: Twins, code: str) -> str:
    app = twins.of(code)
    ref = submit(app.ideas)
    walk(app.ideas, app.programme, ref, Status.GETOETST)
    assert code in twins.vaart("U0SANNE", f"programma {code}")
    answer = twins.vaart("U0SANNE", f"ronde start {ref} 27-11-2026 | bedrag: 45.000")
    found = re.search(rf"{code}-R-\d{{4}}-\d{{3}}", answer)
    assert found, answer
    return found.group(0)


def test_the_round_buttons_vote_in_the_programme_of_the_card_and_never_in_the_other(twins: Twins) -> None:
    zod_round, zwd_round = _round(twins, "ZOD"), _round(twins, TWIN)
    twins.deliver_both()
    zod_card, zwd_card = twins.card_of("U0BERT", zod_round), twins.card_of("U0BERT", zwd_round)
    zwd = twins.of(TWIN)

    twins.click("U0BERT", "round_vote_akkoord", zwd_round, zwd_card)
    assert "is vastgelegd" in twins.answer() and zwd_round in twins.answer()
    assert zwd.rounds.get(zwd_round).vote_of(EMAIL["sg1"]) is not None
    assert twins.app.rounds.get(zod_round).vote_of(EMAIL["sg1"]) is None
    twins.fake.wait_for("chat.update", where=lambda c: c.params["ts"] == zwd_card.response["ts"])
    assert twins.updates_of(zod_card) == []

    typed = {"type": "plain_text_input", "value": "Eerst de gemeenten"}
    reason = {f"round_reason:{zod_round}": {"round_reason": typed}}
    twins.click("U0BERT", "round_vote_bezwaar", zod_round, zod_card, state=reason)
    assert "is vastgelegd" in twins.answer() and zod_round in twins.answer()
    zod_vote = twins.app.rounds.get(zod_round).vote_of(EMAIL["sg1"])
    zwd_vote = zwd.rounds.get(zwd_round).vote_of(EMAIL["sg1"])
    assert zod_vote is not None and zod_vote.choice == "bezwaar" and zod_vote.reason == "Eerst de gemeenten"
    assert zwd_vote is not None and zwd_vote.choice == "akkoord"

    # Carla's last vote closes the ZWD round only
    twins.click("U0CARLA", "round_vote_onthouding", zwd_round, twins.card_of("U0CARLA", zwd_round))
    assert "is vastgelegd" in twins.answer()
    assert zwd.rounds.get(zwd_round).status.value == "consensus"
    assert twins.app.rounds.get(zod_round).status.value == "open"


def test_a_round_button_naming_no_programme_here_is_refused_in_one_sentence_and_changes_nothing(
        twins: Twins) -> None:
    zod_round = _round(twins, "ZOD")
    twins.deliver_both()
    twins.click("U0BERT", "round_vote_akkoord", "XYZ-R-2026-001", twins.card_of("U0BERT", zod_round))
    refusal = twins.answer()
    assert "XYZ-R-2026-001" in refusal and len(sentences(refusal)) == 1
    assert twins.app.rounds.get(zod_round).votes == ()
