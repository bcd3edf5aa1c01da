"""Two programmes behind one Teams app: ZOD and VDG, each a whole App on its own SQLite store, one
/api/messages route on 127.0.0.1 with JWT validation on, against the fake Entra and Bot Connector. A
team mapped to a programme pins it, a personal chat goes to the person's `programma` choice, a card
action acts in the programme whose card it is, each programme's outbox posts its kernteam card in its
own kernteam channel, and nothing of one programme is visible from the other.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from starlette.applications import Starlette

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.programme_desks import programme_desks
from bot.bootstrap.settings import Settings
from bot.bootstrap.teams import teams_routes
from bot.domain.lifecycle import Status
from bot.frontends.teams import cards
from tests.cast import EMAIL
from tests.conftest import START
from tests.e2e.slack_support import Server
from tests.e2e.teams_fakes import TENANT, FakeBotConnector, FakeEntra, Member
from tests.e2e.teams_support import KERNTEAM, USERS, TeamsHarness, TeamsUser, channel, settings_env
from tests.e2e.test_console_vdg import VDG
from tests.scenario import register_cast
from tests.unit.core.test_refusals_are_one_sentence import sentences

ANNA, KEES = USERS["anna"], USERS["kees"]
PIM = TeamsUser("pim", "p.regisseur@vdg-drenthe.invalid", "Pim Regisseur", 8)  # kernteam in VDG only
VDG_TEAM = "19:vdgteam0a1b2c3d4e5f6a7b8c9d0e1f2a3b@thread.tacv2"
ZOD_TEAM = "19:zodteam0a1b2c3d4e5f6a7b8c9d0e1f2a3b@thread.tacv2"
VDG_KERNTEAM = "19:vdgkern0a1b2c3d4e5f6a7b8c9d0e1f2a3b@thread.tacv2"


class Two(TeamsHarness):
    vdg: App

    def in_team(self, user: TeamsUser, team: str, said: str) -> str:
        """*user* writes *said* in the General channel of *team*; the bot's reply there."""
        before = len(self.connector.sent(team))
        activity = self.activity("message", user, channel(team), text=f"<at>vaart</at> {said}", textFormat="plain",
                                 channelData={"team": {"id": team}, "tenant": {"id": TENANT}})
        assert self.post(activity).status_code == 202
        return "\n".join(r.text for r in self.connector.sent(team)[before:])

    def deliver_both(self) -> None:
        for app in (self.app, self.vdg):
            assert not app.outbox.drain().dead


@pytest.fixture
def two(tmp_path: Path) -> Iterator[Two]:
    entra = FakeEntra()
    entra.start()
    connector = FakeBotConnector(entra)
    connector.start()
    for user in (*USERS.values(), PIM):
        connector.members[user.teams_id] = Member(user.teams_id, user.aad, user.name, user.email)
    clock = ManualClock(START)
    env = settings_env(tmp_path / "zod", entra, connectors=(connector,))
    zod = build(Settings.from_env({**env, "TEAMS_PROGRAMME_TEAMS": f"VDG={VDG_TEAM};ZOD={ZOD_TEAM}"}), clock=clock)
    vdg_env = {**settings_env(tmp_path / "vdg", entra, connectors=(connector,)), "VAART_PROGRAMME": str(VDG),
               "TEAMS_KERNTEAM_CONVERSATION": VDG_KERNTEAM}
    vdg = build(Settings.from_env(vdg_env), clock=clock)
    register_cast(zod.people)
    vdg.people.add("beheer@vaart.local", "test", str(PIM.email), PIM.name, ["kernteam"])
    routes = teams_routes(programme_desks([zod, vdg]), zod.settings, {"ZOD": zod.engine, "VDG": vdg.engine})
    server = Server(Starlette(routes=routes))
    server.start()
    harness = Two(zod, entra, connector, server, clock)
    harness.vdg = vdg
    try:
        yield harness
    finally:
        harness.stop(vdg)


def _install_everywhere(two: Two) -> None:
    two.install_in_team(KEES)  # the app in the team: every programme's store learns the reference
    for user in (ANNA, KEES, PIM):
        two.install(user)


def test_a_message_in_a_vdg_team_lands_in_vdg_and_zod_does_not_see_it(two: Two) -> None:
    _install_everywhere(two)
    assert "VDG-2026-0001" in two.in_team(ANNA, VDG_TEAM, "idee Warmtecoach | Een coach voor de warmtetransitie")
    assert "ZOD-2026-0001" in two.in_team(ANNA, ZOD_TEAM, "idee Buurtbus | Een bus voor ouderen")
    assert two.vdg.ideas.find("VDG-2026-0001") is not None and two.app.ideas.find("VDG-2026-0001") is None
    mine = two.in_team(ANNA, ZOD_TEAM, "mijn")
    assert "Buurtbus" in mine and "Warmtecoach" not in mine
    assert "Warmtecoach" not in two.in_team(KEES, ZOD_TEAM, "open")
    unknown_here = two.in_team(KEES, ZOD_TEAM, "status VDG-2026-0001")
    assert "Warmtecoach" not in unknown_here and "niet als referentie" in unknown_here
    unknown_there = two.in_team(PIM, VDG_TEAM, "status ZOD-2026-0001")
    assert "Buurtbus" not in unknown_there and "niet als referentie" in unknown_there
    # each programme's outbox posts its kernteam card in its own kernteam channel
    two.deliver_both()
    assert ["VDG-2026-0001" in s.text for s in two.connector.sent(VDG_KERNTEAM)] == [True]
    assert ["ZOD-2026-0001" in s.text for s in two.connector.sent(KERNTEAM)] == [True]


def test_the_personal_chat_switches_with_programma_and_then_works_in_vdg(two: Two) -> None:
    _install_everywhere(two)
    assert "ZOD-2026-0001" in two.answer(ANNA, "idee Buurtbus | Een bus voor ouderen")
    assert "VDG" in two.answer(ANNA, "programma VDG")
    assert "VDG-2026-0001" in two.answer(ANNA, "idee Warmtecoach | Een coach voor de warmtetransitie")
    mine = two.answer(ANNA, "mijn")
    assert "Warmtecoach" in mine and "Buurtbus" not in mine
    assert "Buurtbus" in two.in_team(ANNA, ZOD_TEAM, "mijn")  # the mapped team still answers for ZOD


def _vdg_card(two: Two) -> tuple[Any, dict[str, Any]]:
    _install_everywhere(two)
    two.in_team(ANNA, VDG_TEAM, "idee Warmtecoach | Een coach voor de warmtetransitie")
    two.in_team(ANNA, ZOD_TEAM, "idee Buurtbus | Een bus voor ouderen")
    two.deliver_both()
    posted = two.connector.sent(VDG_KERNTEAM)[0]
    return posted, channel(f"{VDG_KERNTEAM};messageid={posted.activity_id}")


def test_a_card_action_on_a_vdg_card_acts_in_vdg(two: Two) -> None:
    posted, thread = _vdg_card(two)
    answer = two.click(PIM, cards.PICK_UP, {cards.REF_KEY: "VDG-2026-0001"}, posted.activity_id, thread)
    assert "Opgepakt door Pim Regisseur" in str(answer["value"])
    idea = two.vdg.ideas.find("VDG-2026-0001")
    assert idea is not None and idea.state is Status.ORIENTATIE
    zod_idea = two.app.ideas.find("ZOD-2026-0001")
    assert zod_idea is not None and zod_idea.state is Status.INGEDIEND


def test_a_forged_card_an_unknown_code_and_a_switch_in_a_mapped_team_are_refused_and_change_nothing(
    two: Two,
) -> None:
    posted, thread = _vdg_card(two)
    forged = two.click(KEES, cards.PICK_UP, {cards.REF_KEY: "XYZ-2026-0001"}, posted.activity_id, thread)
    assert forged["type"] == "application/vnd.microsoft.activity.message"
    assert "XYZ-2026-0001" in forged["value"] and len(sentences(forged["value"])) == 1
    other = two.click(KEES, cards.PICK_UP, {cards.REF_KEY: "VDG-2026-0001"}, posted.activity_id, thread)
    assert "Opgepakt" not in str(other["value"])  # VDG's rules decide: Kees has no role there
    for app, reference in ((two.vdg, "VDG-2026-0001"), (two.app, "ZOD-2026-0001")):
        idea = app.ideas.find(reference)
        assert idea is not None and idea.state is Status.INGEDIEND
    unknown = two.answer(ANNA, "programma XYZ")
    pinned = two.in_team(ANNA, VDG_TEAM, "programma ZOD")
    assert "XYZ" in unknown and len(sentences(unknown)) == 1
    assert "VDG" in pinned and "direct bericht" in pinned and len(sentences(pinned)) == 1
    with two.app.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM programme_choices")).scalar_one() == 0
    assert two.vdg.people.get(EMAIL["kernteam"]) is None  # people's roles are per programme


def test_vdg_reaches_in_teams_a_person_who_has_only_talked_to_zod(two: Two) -> None:
    two.install(ANNA)  # her personal chat, in the default programme
    two.vdg.ideas.submit(str(ANNA.email), "test", "Warmtecoach", "Een coach voor de warmtetransitie", opgaven=["1"])
    before = len(two.connector.sent(ANNA.conversation))
    two.deliver_both()
    notices = two.connector.sent(ANNA.conversation)[before:]
    assert any("VDG-2026-0001" in n.text for n in notices), [n.text for n in notices]


def test_a_retried_activity_is_acted_on_once_for_the_installation(two: Two) -> None:
    two.install(ANNA)
    assert "VDG" in two.answer(ANNA, "programma VDG")
    activity = two.message_activity(ANNA, "idee Warmtecoach | Een coach")
    for _ in range(3):
        assert two.post(activity).status_code == 202
    assert [i.title for i in two.vdg.ideas.open_ideas()] == ["Warmtecoach"] and two.app.ideas.open_ideas() == []


def test_a_form_card_acts_in_the_programme_it_was_sent_from_and_a_forged_code_in_it_is_refused(two: Two) -> None:
    two.install(ANNA)
    assert "VDG" in two.answer(ANNA, "programma VDG")
    [sent] = two.say(ANNA, "idee")
    form = sent.cards[0]
    submit = form["actions"][0]
    assert submit["data"][cards.PROGRAMME_KEY] == "VDG"
    assert "ZOD" in two.answer(ANNA, "programma ZOD")  # switched back before submitting the card
    values = {"title": "Warmtecoach", "description": "Een coach voor de warmtetransitie", "opgaven": "1"}
    forged = two.click(ANNA, submit["verb"], {**submit["data"], cards.PROGRAMME_KEY: "XYZ", **values},
                       sent.activity_id)
    assert "XYZ" in str(forged["value"]) and len(sentences(str(forged["value"]))) == 1
    assert two.vdg.ideas.open_ideas() == [] and two.app.ideas.open_ideas() == []
    answer = two.click(ANNA, submit["verb"], {**submit["data"], **values}, sent.activity_id)
    assert "VDG-2026-0001" in str(answer["value"])
    assert [i.title for i in two.vdg.ideas.open_ideas()] == ["Warmtecoach"] and two.app.ideas.open_ideas() == []


def test_a_person_who_chose_english_in_teams_keeps_it_after_switching_programme(two: Two) -> None:
    two.install(ANNA)
    two.answer(ANNA, "taal en")
    assert "You now work in" in two.answer(ANNA, "programme VDG")
    assert "I do not know programme 'XYZ'" in two.answer(ANNA, "programme XYZ")
