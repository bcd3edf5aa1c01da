"""The same Slack scenarios over Socket Mode: `vaart serve`'s ASGI app with SLACK_APP_TOKEN opens a
websocket to a fake Socket Mode server on 127.0.0.1 (found through apps.connections.open on the fake
Web API), which sends envelopes exactly as Slack does and collects the app's acks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e import slack_scenarios as scenarios
from tests.e2e.slack_fakes import slash_command
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
    assert "Commando's" in slack.fake.wait_for("response_url")[0].params["text"]


def test_an_idea_goes_from_the_idee_modal_to_a_stuurgroep_decision(slack: Harness) -> None:
    scenarios.idea_to_decision(slack)


def test_the_programmadirecteur_approves_and_rejects_spending_with_buttons(slack: Harness) -> None:
    scenarios.spend_approval(slack)


def test_retried_events_are_acted_on_once(slack: Harness) -> None:
    scenarios.retried_events_act_once(slack)


def test_users_without_email_and_expired_triggers(slack: Harness) -> None:
    scenarios.people_slack_cannot_vouch_for(slack)
