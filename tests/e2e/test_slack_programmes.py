"""Two programmes behind one Slack app: ZOD and VDG, each a whole App on its own SQLite store, served by
one ASGI app on 127.0.0.1 (the real Bolt app and our router) against the fake Slack Web API, with
signed HTTP requests exactly as Slack sends them. A channel mapped to a programme pins it, a DM goes to
the person's `programma` choice, a button acts in the programme its card belongs to, each programme's
outbox posts in its own kernteam channel, and nothing of one programme is visible from the other.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from starlette.applications import Starlette

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.programme_desks import programme_desks
from bot.bootstrap.settings import Settings
from bot.chat.programmes import ProgrammeDesks
from bot.domain.lifecycle import Status
from bot.frontends.slack.config import SlackConfig
from bot.frontends.slack.delivery import SlackDelivery
from bot.frontends.slack.server import slack_parts
from tests.cast import ANNA, EMAIL
from tests.conftest import START
from tests.e2e.slack_fakes import (
    FakeSlackApi,
    block_action,
    event_callback,
    form_body,
    slash_command,
    view_submission,
)
from tests.e2e.slack_support import BOT_TOKEN, SECRET, HttpTransport, Server, block_text, buttons
from tests.e2e.test_console_vdg import VDG
from tests.scenario import register_cast
from tests.unit.core.test_refusals_are_one_sentence import sentences

ZOD_CHANNEL, VDG_CHANNEL = "C0ZODALG", "C0VDGALG"
ZOD_KERNTEAM, VDG_KERNTEAM = "C0ZODKERN", "C0VDGKERN"
PIM = "p.regisseur@vdg-drenthe.invalid"  # the VDG's procesregisseur: kernteam in VDG only
USERS = {"U0ANNA": ANNA, "U0KEES": EMAIL["kernteam"], "U0PIM": PIM}


@dataclass
class Two:
    zod: App
    vdg: App
    fake: FakeSlackApi
    slack: HttpTransport
    events: int = 0

    def app(self, code: str) -> App:
        return self.zod if code == "ZOD" else self.vdg

    def command(self, user: str, text: str, channel: str) -> str:
        """/vaart *text* typed in *channel*; the ephemeral answer."""
        url = self.fake.response_url()
        fields = slash_command(user, "/vaart", text, url)
        fields["channel_id"] = channel
        ack = self.slack.send(form_body(fields), "application/x-www-form-urlencoded")
        assert ack.status == 200, ack
        return str(self.fake.answer(url).params.get("text", ""))

    def dm(self, user: str, text: str) -> str:
        """A message in the app's DM; the reply posted there."""
        self.events += 1
        before = len(self.fake.of("chat.postMessage", channel=f"D{user}"))
        message = {"type": "message", "channel_type": "im", "channel": f"D{user}", "user": user, "text": text,
                   "ts": f"1764000000.{self.events:06d}"}
        assert self.slack.event(event_callback(message, f"Ev0DM{self.events}")).status == 200
        reply = self.fake.wait_for("chat.postMessage", before + 1, where=lambda c: c.params["channel"] == f"D{user}")
        return str(reply[-1].params["text"])

    def click(self, user: str, action_id: str, value: str, card: Any) -> str:
        url = self.fake.response_url()
        message = {"type": "message", "ts": card.response["ts"], "text": card.params.get("text"),
                   "blocks": card.params.get("blocks")}
        payload = block_action(user, action_id, value, url, channel=str(card.params["channel"]), message=message)
        assert self.slack.interactive(payload).status == 200
        return str(self.fake.answer(url).params.get("text", ""))

    def home(self, user: str) -> str:
        self.events += 1
        before = len(self.fake.of("views.publish", user_id=user))
        event = {"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": "home", "event_ts": "1.0"}
        assert self.slack.event(event_callback(event, f"Ev0HOME{self.events}")).status == 200
        view = self.fake.wait_for("views.publish", before + 1, where=lambda c: c.params["user_id"] == user)[-1]
        return json.dumps(view.params["view"], ensure_ascii=False)

    def deliver(self) -> None:
        for app in (self.zod, self.vdg):
            assert not app.outbox.drain().dead


@contextmanager
def serving(tmp_path: Path, zod_url: str | None = None) -> Iterator[Two]:
    """ZOD (the default: the choices' store; on *zod_url* when given) and VDG behind one Slack app."""
    fake = FakeSlackApi().start()
    for user, email in USERS.items():
        fake.add_user(user, email, email.split("@")[0].replace(".", " ").title())
    clock = ManualClock(START)
    common = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": fake.url, "SLACK_SIGNING_SECRET": SECRET}
    zod_env = {"VAART_DATABASE_URL": zod_url} if zod_url else {}
    zod = build(Settings.from_env({**common, **zod_env, "VAART_VAR_DIR": str(tmp_path / "zod"),
                                   "SLACK_KERNTEAM_CHANNEL": ZOD_KERNTEAM,
                                   "SLACK_PROGRAMME_CHANNELS": f"VDG={VDG_CHANNEL};ZOD={ZOD_CHANNEL}"}), clock=clock)
    vdg = build(Settings.from_env({**common, "VAART_VAR_DIR": str(tmp_path / "vdg"), "VAART_PROGRAMME": str(VDG),
                                   "SLACK_KERNTEAM_CHANNEL": VDG_KERNTEAM}), clock=clock)
    register_cast(zod.people)
    vdg.people.add("beheer@vaart.local", "test", PIM, "Pim Regisseur", ["kernteam"])
    for app in (zod, vdg):
        channel = app.outbox.channels["slack"]
        assert isinstance(channel, SlackDelivery)
        channel.interval = 0.0
    routes, lifespan = slack_parts(programme_desks([zod, vdg]), SlackConfig.from_settings(zod.settings))
    server = Server(Starlette(routes=routes, lifespan=lifespan))
    server.start()
    try:
        yield Two(zod, vdg, fake, HttpTransport(server.url, fake))
    finally:
        server.stop()
        fake.stop()
        zod.close()
        vdg.close()


@pytest.fixture
def two(tmp_path: Path) -> Iterator[Two]:
    with serving(tmp_path) as running:
        yield running


def test_an_idea_typed_in_a_programmes_channel_lands_in_its_store_and_the_other_cannot_see_it(two: Two) -> None:
    in_vdg = two.command("U0ANNA", "idee Warmtecoach | Een coach voor de warmtetransitie", VDG_CHANNEL)
    in_zod = two.command("U0ANNA", "idee Buurtbus | Een bus voor ouderen", ZOD_CHANNEL)
    assert "VDG-2026-0001" in in_vdg and "ZOD-2026-0001" in in_zod
    assert two.vdg.ideas.find("VDG-2026-0001") is not None and two.zod.ideas.find("VDG-2026-0001") is None
    assert two.zod.ideas.find("ZOD-2026-0001") is not None and two.vdg.ideas.find("ZOD-2026-0001") is None
    mine_zod, mine_vdg = two.command("U0ANNA", "mijn", ZOD_CHANNEL), two.command("U0ANNA", "mijn", VDG_CHANNEL)
    assert "Buurtbus" in mine_zod and "Warmtecoach" not in mine_zod
    assert "Warmtecoach" in mine_vdg and "Buurtbus" not in mine_vdg
    assert "Warmtecoach" not in two.command("U0KEES", "open", ZOD_CHANNEL)
    assert "Buurtbus" not in two.command("U0PIM", "open", VDG_CHANNEL)
    unknown_here = two.command("U0KEES", "status VDG-2026-0001", ZOD_CHANNEL)
    assert "Warmtecoach" not in unknown_here and "niet als referentie" in unknown_here
    unknown_there = two.command("U0PIM", "status ZOD-2026-0001", VDG_CHANNEL)
    assert "Buurtbus" not in unknown_there and "niet als referentie" in unknown_there
    # each programme's outbox posts its kernteam card in its own kernteam channel
    two.deliver()
    vdg_cards = two.fake.of("chat.postMessage", channel=VDG_KERNTEAM)
    zod_cards = two.fake.of("chat.postMessage", channel=ZOD_KERNTEAM)
    assert ["VDG-2026-0001" in block_text(c.params["blocks"]) for c in vdg_cards] == [True]
    assert ["ZOD-2026-0001" in block_text(c.params["blocks"]) for c in zod_cards] == [True]


def test_a_dm_after_programma_vdg_works_in_vdg_and_the_app_home_shows_only_the_chosen_programme(two: Two) -> None:
    assert "ZOD-2026-0001" in two.dm("U0ANNA", "idee Buurtbus | Een bus voor ouderen")  # the default: ZOD
    listing = two.dm("U0ANNA", "programma")
    assert "ZOD" in listing and "VDG" in listing
    assert "VDG" in two.dm("U0ANNA", "programma VDG")
    assert "VDG-2026-0001" in two.dm("U0ANNA", "idee Warmtecoach | Een coach voor de warmtetransitie")
    assert two.vdg.ideas.find("VDG-2026-0001") is not None
    mine = two.dm("U0ANNA", "mijn")
    assert "Warmtecoach" in mine and "Buurtbus" not in mine
    home = two.home("U0ANNA")
    assert "Vereniging van Drentse Gemeenten" in home and "Warmtecoach" in home and "Buurtbus" not in home
    assert "programma CODE" in home
    assert "ZOD" in two.dm("U0ANNA", "programma zod")
    home = two.home("U0ANNA")
    assert "Buurtbus" in home and "Warmtecoach" not in home
    # a mapped channel still answers for its own programme, whatever the DM choice
    assert "Warmtecoach" in two.command("U0ANNA", "mijn", VDG_CHANNEL)


def test_a_button_on_a_vdg_card_acts_in_vdg(two: Two) -> None:
    two.command("U0ANNA", "idee Warmtecoach | Een coach voor de warmtetransitie", VDG_CHANNEL)
    two.command("U0ANNA", "idee Buurtbus | Een bus voor ouderen", ZOD_CHANNEL)
    two.deliver()
    card = two.fake.of("chat.postMessage", channel=VDG_KERNTEAM)[0]
    assert [b["value"] for b in buttons(card.params["blocks"]) if b["action_id"] == "pick_up"] == ["VDG-2026-0001"]
    answer = two.click("U0PIM", "pick_up", "VDG-2026-0001", card)
    assert "opgepakt" in answer
    idea = two.vdg.ideas.find("VDG-2026-0001")
    assert idea is not None and idea.state is Status.ORIENTATIE and idea.kernteam_contact == PIM
    zod_idea = two.zod.ideas.find("ZOD-2026-0001")
    assert zod_idea is not None and zod_idea.state is Status.INGEDIEND
    update = two.fake.wait_for("chat.update", where=lambda c: c.params["channel"] == VDG_KERNTEAM)[0]
    assert "Pim Regisseur" in block_text(update.params["blocks"])


def test_a_forged_button_an_unknown_code_and_a_switch_in_a_mapped_channel_are_refused_and_change_nothing(
    two: Two,
) -> None:
    two.command("U0ANNA", "idee Warmtecoach | Een coach voor de warmtetransitie", VDG_CHANNEL)
    two.command("U0ANNA", "idee Buurtbus | Een bus voor ouderen", ZOD_CHANNEL)
    two.deliver()
    zod_card = two.fake.of("chat.postMessage", channel=ZOD_KERNTEAM)[0]
    # a value no programme of this installation issues
    forged = two.click("U0KEES", "pick_up", "XYZ-2026-0001", zod_card)
    assert "XYZ-2026-0001" in forged and len(sentences(forged)) == 1
    # a VDG reference forged onto the ZOD card: VDG's rules decide, and Kees has no role there
    refused = two.click("U0KEES", "pick_up", "VDG-2026-0001", zod_card)
    assert len(sentences(refused)) == 1 and "opgepakt" not in refused
    for app, reference in ((two.vdg, "VDG-2026-0001"), (two.zod, "ZOD-2026-0001")):
        idea = app.ideas.find(reference)
        assert idea is not None and idea.state is Status.INGEDIEND
    unknown = two.dm("U0ANNA", "programma XYZ")
    pinned = two.command("U0ANNA", "programma ZOD", VDG_CHANNEL)
    assert "XYZ" in unknown and len(sentences(unknown)) == 1
    assert "VDG" in pinned and "direct bericht" in pinned and len(sentences(pinned)) == 1
    assert "ZOD-2026-0002" in two.dm("U0ANNA", "idee Tweede | Nog een idee")  # the DM choice is still ZOD
    with two.zod.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM programme_choices")).scalar_one() == 0


def test_a_retried_event_is_acted_on_once_for_the_installation(two: Two) -> None:
    assert "VDG" in two.dm("U0ANNA", "programma VDG")
    message = {"type": "message", "channel_type": "im", "channel": "DU0ANNA", "user": "U0ANNA",
               "text": "idee Warmtecoach | Een coach", "ts": "1764000001.000001"}
    for retry in (0, 1, 2):
        assert two.slack.event(event_callback(message, "Ev0ONCE"), retry).status == 200
    two.fake.wait_for("chat.postMessage", 2, where=lambda c: c.params["channel"] == "DU0ANNA")
    assert [i.title for i in two.vdg.ideas.open_ideas()] == ["Warmtecoach"]
    assert two.zod.ideas.open_ideas() == []
    assert len(two.fake.of("chat.postMessage", channel="DU0ANNA")) == 2  # the switch, and the idea once


def test_a_command_and_a_dm_outside_a_programmes_channel_are_acked_before_the_choice_is_looked_up(
    two: Two, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "VDG" in two.dm("U0ANNA", "programma VDG")
    chosen = ProgrammeDesks.chosen

    def slow(self: ProgrammeDesks, platform: str, person: str) -> str:
        time.sleep(1.0)  # a store that is slow to read
        return chosen(self, platform, person)

    monkeypatch.setattr(ProgrammeDesks, "chosen", slow)
    url = two.fake.response_url()
    started = time.monotonic()
    ack = two.slack.send(form_body(slash_command("U0ANNA", "/vaart", "idee Warmtecoach | Een coach", url)),
                         "application/x-www-form-urlencoded")
    assert ack.status == 200 and time.monotonic() - started < 0.5
    assert "VDG-2026-0001" in str(two.fake.answer(url).params["text"])  # in the chosen programme, after the ack
    message = {"type": "message", "channel_type": "im", "channel": "DU0ANNA", "user": "U0ANNA",
               "text": "idee Buurtbus | Een bus", "ts": "1764000002.000001"}
    started = time.monotonic()
    assert two.slack.event(event_callback(message, "Ev0SLOW")).status == 200
    assert time.monotonic() - started < 0.5
    reply = two.fake.wait_for("chat.postMessage", where=lambda c: "VDG-2026-0002" in str(c.params["text"]))
    assert reply and two.zod.ideas.open_ideas() == []


def test_a_form_opened_in_a_vdg_channel_submits_in_vdg_and_a_forged_programme_in_it_is_refused(two: Two) -> None:
    url = two.fake.response_url()
    fields = slash_command("U0ANNA", "/idee", "", url)
    fields["channel_id"] = VDG_CHANNEL
    assert two.slack.send(form_body(fields), "application/x-www-form-urlencoded").status == 200
    view = dict(two.fake.wait_for("views.open")[-1].params["view"])
    assert json.loads(view["private_metadata"])["programme"] == "VDG"
    values = {"title": "Warmtecoach", "description": "Een coach voor de warmtetransitie"}
    forged = {**view, "private_metadata": json.dumps({**json.loads(view["private_metadata"]), "programme": "XYZ"})}
    ack = two.slack.interactive(view_submission("U0ANNA", forged, values, "V0FORGED"))
    assert ack.body["response_action"] == "errors"
    assert [len(sentences(e)) for e in ack.body["errors"].values()] == [1]
    assert two.vdg.ideas.open_ideas() == [] and two.zod.ideas.open_ideas() == []
    ack = two.slack.interactive(view_submission("U0ANNA", view, values, "V0VDG"))
    assert ack.body["response_action"] == "update", ack.body
    assert "VDG-2026-0001" in block_text(ack.body["view"]["blocks"])
    assert [i.title for i in two.vdg.ideas.open_ideas()] == ["Warmtecoach"] and two.zod.ideas.open_ideas() == []


def test_the_app_home_switches_programme_with_its_buttons_and_a_forged_one_changes_nothing(two: Two) -> None:
    two.dm("U0ANNA", "idee Buurtbus | Een bus voor ouderen")
    home = json.loads(two.home("U0ANNA"))
    switches = [b for b in buttons(home["blocks"]) if b["action_id"] == "programme_switch"]
    assert [b["value"] for b in switches] == ["VDG"] and "Buurtbus" in json.dumps(home, ensure_ascii=False)
    before = len(two.fake.of("views.publish", user_id="U0ANNA"))
    url = two.fake.response_url()
    assert two.slack.interactive(block_action("U0ANNA", "programme_switch", "XYZ", url, view_id="VHOME")).status == 200
    refusal = two.fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "U0ANNA")[-1]
    assert "XYZ" in str(refusal.params["text"]) and len(sentences(str(refusal.params["text"]))) == 1
    assert len(two.fake.of("views.publish", user_id="U0ANNA")) == before
    assert two.slack.interactive(block_action("U0ANNA", "programme_switch", "VDG", url, view_id="VHOME")).status == 200
    view = two.fake.wait_for("views.publish", before + 1, where=lambda c: c.params["user_id"] == "U0ANNA")[-1]
    shown = json.dumps(view.params["view"], ensure_ascii=False)
    assert "Vereniging van Drentse Gemeenten" in shown and "Buurtbus" not in shown
    assert [b["value"] for b in buttons(view.params["view"]["blocks"]) if b["action_id"] == "programme_switch"] == \
        ["ZOD"]
    assert "VDG-2026-0001" in two.dm("U0ANNA", "idee Warmtecoach | Een coach")  # the DM follows the switch


@pytest.mark.postgres
def test_the_dm_choice_and_the_routing_hold_with_the_default_store_on_postgresql(
    tmp_path: Path, postgres_url: str
) -> None:
    with serving(tmp_path, postgres_url) as two:
        assert "VDG" in two.dm("U0ANNA", "programma VDG")
        assert "VDG-2026-0001" in two.dm("U0ANNA", "idee Warmtecoach | Een coach voor de warmtetransitie")
        assert "ZOD" in two.dm("U0ANNA", "programma ZOD")
        assert "ZOD-2026-0001" in two.dm("U0ANNA", "idee Buurtbus | Een bus voor ouderen")
        assert "Warmtecoach" not in two.command("U0ANNA", "mijn", ZOD_CHANNEL)
        with two.zod.engine.connect() as conn:
            rows = conn.execute(text("SELECT platform, person, code FROM programme_choices")).all()
        assert [tuple(r) for r in rows] == [("slack", "U0ANNA", "ZOD")]
        assert [i.title for i in two.vdg.ideas.open_ideas()] == ["Warmtecoach"]


def test_a_person_who_chose_english_keeps_it_after_switching_programme(two: Two) -> None:
    two.dm("U0ANNA", "taal en")
    assert "You now work in" in two.dm("U0ANNA", "programma VDG")
    assert "VDG-2026-0001" in two.dm("U0ANNA", "idea Warmtecoach | A coach for the heat transition")
    unknown = two.dm("U0ANNA", "programme XYZ")
    assert unknown.startswith("I do not know programme 'XYZ'") and len(sentences(unknown)) == 1


def test_vaart_serve_of_an_installation_routes_slack_by_channel_through_the_composition_root(tmp_path: Path) -> None:
    """The same, built the way `vaart serve` builds it: VAART_PROGRAMMES, one ASGI app (create_asgi)."""
    from bot.asgi import create_asgi
    from bot.bootstrap.installation import build_installation

    fake = FakeSlackApi().start()
    fake.add_user("U0ANNA", ANNA, "Anna")
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": fake.url, "SLACK_SIGNING_SECRET": SECRET,
           "VAART_VAR_DIR": str(tmp_path / "var"), "VAART_PROGRAMMES": f"zod,{VDG}",
           "SLACK_KERNTEAM_CHANNEL": ZOD_KERNTEAM, "VAART_VDG__SLACK_KERNTEAM_CHANNEL": VDG_KERNTEAM,
           "SLACK_PROGRAMME_CHANNELS": f"VDG={VDG_CHANNEL};ZOD={ZOD_CHANNEL}"}
    installation = build_installation(Settings.from_env(env), clock=ManualClock(START))
    server = Server(create_asgi(installation.default, installation))
    server.start()
    try:
        two = Two(installation.app("ZOD"), installation.app("VDG"), fake, HttpTransport(server.url, fake))
        assert "VDG-2026-0001" in two.command("U0ANNA", "idee Warmtecoach | Een coach", VDG_CHANNEL)
        assert "ZOD-2026-0001" in two.command("U0ANNA", "idee Buurtbus | Een bus", ZOD_CHANNEL)
        assert two.vdg.ideas.find("ZOD-2026-0001") is None and two.zod.ideas.find("VDG-2026-0001") is None
        assert "VDG" in two.dm("U0ANNA", "programma VDG")
        assert "Warmtecoach" in two.dm("U0ANNA", "mijn")
        for app in (two.zod, two.vdg):
            channel = app.outbox.channels["slack"]
            assert isinstance(channel, SlackDelivery)
            channel.interval = 0.0
        two.deliver()
        assert [("VDG-2026-0001" in block_text(c.params["blocks"]))
                for c in fake.of("chat.postMessage", channel=VDG_KERNTEAM)] == [True]
    finally:
        server.stop()
        fake.stop()
        installation.close()
