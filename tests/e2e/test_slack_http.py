"""The Slack front end over HTTP: the real ASGI app on 127.0.0.1 (uvicorn), signed requests exactly
as Slack sends them to /slack/events, and a fake Slack Web API recording what the app calls.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e import slack_scenarios as scenarios
from tests.e2e.slack_fakes import form_body, slash_command
from tests.e2e.slack_support import Harness, HttpTransport, running


@pytest.fixture
def slack(tmp_path: Path) -> Iterator[Harness]:
    with running(tmp_path, "http") as harness:
        yield harness


def test_an_idea_goes_from_the_idee_modal_to_a_stuurgroep_decision(slack: Harness) -> None:
    scenarios.idea_to_decision(slack)


def test_the_programmadirecteur_approves_and_rejects_spending_with_buttons(slack: Harness) -> None:
    scenarios.spend_approval(slack)


def test_retried_events_are_acted_on_once(slack: Harness) -> None:
    scenarios.retried_events_act_once(slack)


def test_users_without_email_and_expired_triggers(slack: Harness) -> None:
    scenarios.people_slack_cannot_vouch_for(slack)


FORM = "application/x-www-form-urlencoded"


def _forged_command(slack: Harness) -> str:
    text = "idee Vervalst | Niet door Slack gestuurd"
    return form_body(slash_command("U0ANNA", "/vaart", text, slack.fake.response_url()))


def _nothing_happened(slack: Harness) -> None:
    time.sleep(0.2)
    assert slack.fake.calls == []  # not even auth.test: refused before anything else runs
    assert slack.app.ideas.open_ideas() == []
    from sqlalchemy import func, select

    from storage import tables

    with slack.app.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.audit_log)).scalar_one() == 0


@pytest.mark.parametrize("case", ["missing", "wrong secret", "other body", "310 s old", "310 s ahead", "no timestamp"])
def test_requests_without_a_valid_signature_get_401_and_change_nothing(slack: Harness, case: str) -> None:
    transport = slack.slack
    assert isinstance(transport, HttpTransport)
    body = _forged_command(slack)
    now = int(time.time())
    if case == "missing":
        ack = transport.send(body, FORM, signed=False)
    elif case == "wrong secret":
        from tests.e2e.slack_fakes import sign

        ack = transport.send(body, FORM, headers=sign("not-the-signing-secret", body), signed=False)
    elif case == "other body":
        from tests.e2e.slack_fakes import sign

        ack = transport.send(body, FORM, headers=sign("8f742231b10e8888abcd99yyyzzz85a5", body + "&x=1"),
                             signed=False)
    elif case == "no timestamp":
        from tests.e2e.slack_fakes import sign

        headers = sign("8f742231b10e8888abcd99yyyzzz85a5", body)
        ack = transport.send(body, FORM, headers={"X-Slack-Signature": headers["X-Slack-Signature"]}, signed=False)
    else:
        # 10 s beyond the five-minute window: the seconds this test takes to send cannot bring it back inside
        ack = transport.send(body, FORM, timestamp=now - 310 if "old" in case else now + 310)
    assert ack.status == 401
    _nothing_happened(slack)


@pytest.mark.parametrize("offset", [-295, 295])
def test_a_signature_inside_the_five_minute_window_is_accepted(slack: Harness, offset: int) -> None:
    transport = slack.slack
    assert isinstance(transport, HttpTransport)
    ack = transport.send(_forged_command(slack), FORM, timestamp=int(time.time()) + offset)
    assert ack.status == 200
    assert "ZOD-2026-0001" in slack.fake.wait_for("response_url")[0].params["text"]
    assert [i.title for i in slack.app.ideas.open_ideas()] == ["Vervalst"]


def test_a_429_from_slack_while_answering_is_retried_after_retry_after(slack: Harness) -> None:
    slack.fake.fail_next("views.publish", 429, {"Retry-After": "1"}, {"ok": False, "error": "ratelimited"})
    started = time.monotonic()
    slack.home_opened("U0ANNA", "Ev0LIMIT")
    calls = slack.fake.wait_for("views.publish", 2)
    assert calls[1].at - calls[0].at >= 0.9
    assert time.monotonic() - started < 5


def test_the_health_check_and_the_slack_route_live_in_the_one_asgi_app(slack: Harness) -> None:
    transport = slack.slack
    assert isinstance(transport, HttpTransport)
    assert transport.client.get("/healthz").json()["status"] == "ok"
    assert transport.client.get("/slack/events").status_code == 405


def test_the_app_home_says_how_many_more_ideas_there_are_and_pages_on(slack: Harness) -> None:
    from tests.cast import ANNA
    from tests.e2e.slack_support import block_text, buttons

    for n in range(1, 18):
        slack.app.ideas.submit(ANNA, "slack", f"Idee nummer {n}", "Een idee")
    slack.home_opened("U0ANNA", "Ev0HOMEPAGE")
    home = slack.fake.wait_for("views.publish")[-1].params["view"]
    text = block_text(home["blocks"])  # newest first
    assert "ZOD-2026-0017" in text and "ZOD-2026-0003" in text and "ZOD-2026-0002" not in text
    assert "… en 2 meer." in text
    more = next(b for b in buttons(home["blocks"]) if b["action_id"] == "home_more")
    assert more["text"]["text"] == "Volgende 2"
    slack.click("U0ANNA", "home_more", more["value"], view_id="V0HOMEANNA")
    paged = slack.fake.wait_for("views.publish", 2)[-1].params["view"]
    text = block_text(paged["blocks"])
    assert "ZOD-2026-0002" in text and "ZOD-2026-0001" in text and "ZOD-2026-0003" not in text
    assert "meer" not in text
    assert not [b for b in buttons(paged["blocks"]) if b["action_id"].startswith("home_")]


def test_the_idea_modal_takes_the_4000_characters_chat_and_teams_take(slack: Harness) -> None:
    from tests.cast import ANNA

    view = slack.open_form("U0ANNA", "", command="/idee")
    first, rest = "a" * 3000, "b" * 999
    ack = slack.submit("U0ANNA", view, {"title": "Lang verhaal", "description": first, "description#2": rest},
                       "V0LONG")
    assert ack.body["response_action"] == "update", ack.body
    assert slack.app.ideas.status(ANNA, "ZOD-2026-0001").description == first + "\n" + rest
