"""The same Slack scenarios over Socket Mode: `vaart serve`'s ASGI app with SLACK_APP_TOKEN opens a
websocket to a fake Socket Mode server on 127.0.0.1 (found through apps.connections.open on the fake
Web API), which sends envelopes exactly as Slack does and collects the app's acks.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.bootstrap.app import build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings
from bot.cli.main import main as cli_main
from bot.frontends.slack.config import SlackConfig
from bot.frontends.slack.server import run_socket_mode
from tests.cast import ANNA
from tests.conftest import START
from tests.e2e import slack_scenarios as scenarios
from tests.e2e.slack_fakes import FakeSlackApi, FakeSocketMode, slash_command
from tests.e2e.slack_support import Harness, SocketTransport, running


@pytest.fixture
def slack(tmp_path: Path) -> Iterator[Harness]:
    with running(tmp_path, "socket") as harness:
        yield harness


def test_the_app_connects_with_its_app_token_and_acks_every_envelope(slack: Harness) -> None:
    opened = slack.fake.of("apps.connections.open")
    assert len(opened) == 1 and opened[0].headers["authorization"] == "Bearer xapp-1-test"
    assert isinstance(slack.slack, SocketTransport)
    command = slash_command("U0ANNA", "/vaart", "help", slack.fake.response_url())
    ack = slack.slack.server.send("slash_commands", command)
    assert set(ack) == {"envelope_id"}  # acked at once, with nothing to show: the answer follows
    assert "Wat u nu kunt" in slack.fake.wait_for("response_url")[0].params["text"]


def test_an_idea_goes_from_the_idee_modal_to_a_stuurgroep_decision(slack: Harness) -> None:
    scenarios.idea_to_decision(slack)


def test_the_programmadirecteur_approves_and_rejects_spending_with_buttons(slack: Harness) -> None:
    scenarios.spend_approval(slack)


def test_retried_events_are_acted_on_once(slack: Harness) -> None:
    scenarios.retried_events_act_once(slack)


def test_users_without_email_and_expired_triggers(slack: Harness) -> None:
    scenarios.people_slack_cannot_vouch_for(slack)


def test_vaart_slack_runs_socket_mode_on_its_own(tmp_path: Path) -> None:
    fake = FakeSlackApi().start()
    server = FakeSocketMode().start()
    fake.socket_url = server.url
    fake.add_user("U0ANNA", ANNA, "Anna")
    env = {"VAART_VAR_DIR": str(tmp_path / "var"), "SLACK_BOT_TOKEN": "xoxb-t", "SLACK_APP_TOKEN": "xapp-t",
           "SLACK_API_URL": fake.url}
    app = build(Settings.from_env(env), clock=ManualClock(START))
    loop = asyncio.new_event_loop()
    stop: list[asyncio.Event] = []

    async def main() -> None:
        stop.append(asyncio.Event())
        await run_socket_mode(app.desk, SlackConfig.from_settings(app.settings), stop[0])

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    thread.start()
    try:
        server.wait_connected()
        url = fake.response_url()
        ack = server.send("slash_commands", slash_command("U0ANNA", "/vaart", "idee Buurtbus | Rijdt op dinsdag", url))
        assert set(ack) == {"envelope_id"}
        assert "ZOD-2026-0001" in fake.answer(url).params["text"]
    finally:
        loop.call_soon_threadsafe(stop[0].set)
        thread.join(10)
        server.stop()
        fake.stop()
        app.close()
    assert not thread.is_alive()


def test_vaart_slack_without_tokens_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("VAART_VAR_DIR", str(tmp_path / "var"))
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "VAART_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    assert cli_main(["slack"]) == 1
    assert "SLACK_APP_TOKEN" in capsys.readouterr().err
