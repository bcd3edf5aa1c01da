"""The activity's serviceUrl is where vaart sends its outbound Bot Connector token and whose member
records it believes: the real ASGI app on 127.0.0.1 with JWT validation on, the fake Entra and Bot
Connector of `teams_fakes`, and a second connector on another port that stands for a host nobody
should trust (it answers every member lookup with the programmadirecteur's address).

The Bot Framework binds the serviceUrl to the channel's token (the `serviceurl` claim must be there
and equal the activity's); vaart also keeps to a list of allowed Bot Connector hosts
(TEAMS_SERVICE_URL_HOSTS), both for requests it accepts and for every call that carries its token.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.bootstrap.app import build
from bot.bootstrap.settings import Settings
from storage.tables_teams import teams_conversations
from tests.cast import ANNA, EMAIL
from tests.e2e.teams_fakes import FakeBotConnector, Member
from tests.e2e.teams_support import USERS, TeamsHarness, personal, running_teams, settings_env

ANNA_T = USERS["anna"]


@pytest.fixture
def teams(tmp_path: Path) -> Iterator[TeamsHarness]:
    with running_teams(tmp_path) as harness:
        yield harness


@pytest.fixture
def elsewhere(teams: TeamsHarness) -> Iterator[FakeBotConnector]:
    """A Bot Connector on a host outside the allowed list that says Anna is the programmadirecteur."""
    fake = FakeBotConnector(teams.entra)
    fake.start()
    fake.members[ANNA_T.teams_id] = Member(ANNA_T.teams_id, ANNA_T.aad, ANNA_T.name, EMAIL["director"])
    try:
        yield fake
    finally:
        fake.stop()


def _stored(t: TeamsHarness) -> list[str]:
    with t.app.engine.connect() as conn:
        return list(conn.execute(select(teams_conversations.c.service_url)).scalars())


def _nothing_happened(t: TeamsHarness, elsewhere: FakeBotConnector) -> None:
    assert elsewhere.requests == [], [(r.method, r.path) for r in elsewhere.requests]
    assert t.connector.requests == [] and _stored(t) == []
    assert t.app.ideas.open_ideas() == []


def test_a_token_without_the_serviceurl_claim_is_refused_and_the_named_host_hears_nothing(
    teams: TeamsHarness, elsewhere: FakeBotConnector
) -> None:
    activity = {**teams.message_activity(ANNA_T, "idee Omweg | Via een andere host"),
                "serviceUrl": elsewhere.service_url}
    response = teams.post(activity, token=teams.entra.channel_token(None))
    assert response.status_code == 401
    _nothing_happened(teams, elsewhere)
    # nor with the host Teams really uses: the claim is required, not only compared when it is there
    activity["serviceUrl"] = teams.connector.service_url
    assert teams.post(activity, token=teams.entra.channel_token(None)).status_code == 401
    _nothing_happened(teams, elsewhere)


def test_a_host_outside_the_allowed_list_is_refused_even_when_the_token_names_it(
    teams: TeamsHarness, elsewhere: FakeBotConnector
) -> None:
    activity = {**teams.message_activity(ANNA_T, "wie"), "serviceUrl": elsewhere.service_url}
    assert teams.post(activity, token=teams.entra.channel_token(elsewhere.service_url)).status_code == 401
    invoke = {**teams.invoke_activity(ANNA_T, "vaart.form.open", {"_form": "idea", "_ref": ""}, "1764"),
              "serviceUrl": elsewhere.service_url}
    assert teams.post(invoke, token=teams.entra.channel_token(elsewhere.service_url)).status_code == 401
    _nothing_happened(teams, elsewhere)
    assert EMAIL["director"] not in teams.answer(ANNA_T, "wie")  # through the real connector she is Anna
    assert ANNA in teams.answer(ANNA_T, "wie")


def test_a_stored_service_url_outside_the_allowed_list_gets_no_token(teams: TeamsHarness, tmp_path: Path) -> None:
    """A conversation stored while its host was allowed (an older list, a wider setting): once the host is
    off the list, the outbox sends nothing there, and gives the message up instead of retrying."""
    teams.install(ANNA_T)
    teams.server.stop()
    teams.app.close()
    before = len(teams.connector.requests)
    env = {**settings_env(tmp_path, teams.entra), "TEAMS_SERVICE_URL_HOSTS": "smba.trafficmanager.net"}
    again = build(Settings.from_env(env), clock=teams.clock)
    try:
        again.ideas.submit(ANNA, "console", "Dorpsauto", "Een gedeelde auto per dorp")
        report = again.outbox.drain()
    finally:
        again.close()
    assert report.sent == [] and [item.recipient for item in report.dead] == [ANNA]
    assert teams.connector.requests[before:] == []


def test_an_unauthenticated_activity_does_not_move_a_stored_conversation(tmp_path: Path) -> None:
    """Local mode takes activities without a token (from this machine only): such an activity may start a
    conversation, but not move a known one to another Bot Connector."""
    with running_teams(tmp_path, local=True) as t:
        other = FakeBotConnector(t.entra, anonymous=True)
        other.start()
        try:
            other.members[ANNA_T.teams_id] = Member(ANNA_T.teams_id, ANNA_T.aad, ANNA_T.name, ANNA)
            assert "Welkom" in t.install(ANNA_T)[0].text
            moved = t.activity("message", ANNA_T, personal(ANNA_T), text="wie", serviceUrl=other.service_url)
            assert t.post(moved).status_code == 202
            with t.app.engine.connect() as conn:
                count = conn.execute(select(func.count()).select_from(teams_conversations)).scalar_one()
            assert count == 1 and _stored(t) == [t.connector.service_url]
            t.app.ideas.submit(ANNA, "console", "Dorpsauto", "Een gedeelde auto per dorp")
            t.deliver()
            assert "Dorpsauto" in t.connector.sent(ANNA_T.conversation)[-1].text
            assert not any("Dorpsauto" in s.text for s in other.sent(ANNA_T.conversation))
        finally:
            other.stop()
