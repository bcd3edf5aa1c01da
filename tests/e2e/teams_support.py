"""The real ASGI app on 127.0.0.1 (uvicorn in a thread) with JWT validation on, the fake Entra and
Bot Connector of `teams_fakes`, and the activities Teams posts to /api/messages: messages and card
actions in a person's personal chat, the app being installed personally and in the kernteam's team.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bot.asgi import create_asgi
from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings
from tests.adaptive_cards import assert_valid
from tests.cast import ANNA, DIRK, EMAIL
from tests.conftest import START
from tests.e2e.slack_support import Server
from tests.e2e.teams_fakes import CLIENT_ID, CLIENT_SECRET, HOST, TENANT, FakeBotConnector, FakeEntra, Member, Sent
from tests.scenario import register_cast

TEAM_GENERAL = "19:7f3c1d2e9a8b4c5d6e7f8a9b0c1d2e3f@thread.tacv2"
KERNTEAM = "19:kernteam0a1b2c3d4e5f6a7b8c9d0e1f2a3b@thread.tacv2"
NIEUWS = "19:nieuws0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c@thread.tacv2"  # a channel of TEAMS_CHANNELS
BOT = {"id": f"28:{CLIENT_ID}", "name": "vaart"}


@dataclass(frozen=True)
class TeamsUser:
    key: str
    email: str | None
    name: str
    number: int

    @property
    def aad(self) -> str:
        return f"6b0e4d2c-0000-4000-8000-{self.number:012d}"

    @property
    def teams_id(self) -> str:
        return f"29:1{self.key}Xq7Z-teams-user-id-{self.number}"

    @property
    def conversation(self) -> str:
        return f"a:1{self.key}Ck9v-VKi7Ye-personal-chat-with-vaart-{self.number}"


USERS = {
    "anna": TeamsUser("anna", ANNA, "Anna Aanvrager", 1),
    "dirk": TeamsUser("dirk", DIRK, "Dirk Ontwerp", 2),
    "kees": TeamsUser("kees", EMAIL["kernteam"], "Kees Kern", 3),
    "petra": TeamsUser("petra", EMAIL["director"], "Petra Plan", 4),
    "erik": TeamsUser("erik", EMAIL["chair"], "Erik Expert", 5),
    "sanne": TeamsUser("sanne", EMAIL["staf"], "Sanne Staf", 6),
    "gast": TeamsUser("gast", None, "Gast Zonder Adres", 7),
}


def personal(user: TeamsUser) -> dict[str, Any]:
    return {"conversationType": "personal", "tenantId": TENANT, "id": user.conversation}


def channel(conversation_id: str) -> dict[str, Any]:
    return {"isGroup": True, "conversationType": "channel", "tenantId": TENANT, "id": conversation_id}


@dataclass
class TeamsHarness:
    app: App
    entra: FakeEntra
    connector: FakeBotConnector
    server: Server
    clock: ManualClock
    local: bool = False
    client: httpx.Client = field(init=False)
    _ids: Any = field(default_factory=lambda: itertools.count(1_764_000_000_001))

    def __post_init__(self) -> None:
        self.client = httpx.Client(base_url=self.server.url, timeout=20)

    def stop(self, *apps: App) -> None:
        """The client, the server and the fakes stopped, then the app and any other programmes' *apps*."""
        self.client.close()
        self.server.stop()
        self.connector.stop()
        self.entra.stop()
        for app in (self.app, *apps):
            app.close()

    # -- activities as Teams sends them ---------------------------------------------------------------
    def activity(self, kind: str, user: TeamsUser, conversation: dict[str, Any], **extra: Any) -> dict[str, Any]:
        now = datetime.now(UTC)
        return {
            "type": kind,
            "id": str(next(self._ids)),
            "timestamp": now.isoformat().replace("+00:00", "Z"),
            "localTimestamp": now.isoformat(),
            "serviceUrl": self.connector.service_url,
            "channelId": "msteams",
            "from": {"id": user.teams_id, "name": user.name, "aadObjectId": user.aad},
            "conversation": conversation,
            "recipient": dict(BOT),
            "locale": "nl-NL",
            "localTimezone": "Europe/Amsterdam",
            "entities": [{"type": "clientInfo", "locale": "nl-NL", "country": "NL", "platform": "Web",
                          "timezone": "Europe/Amsterdam"}],
            "channelData": {"tenant": {"id": TENANT}},
            **extra,
        }

    def message_activity(self, user: TeamsUser, text: str) -> dict[str, Any]:
        return self.activity("message", user, personal(user), text=text, textFormat="plain")

    def invoke_activity(self, user: TeamsUser, verb: str, data: dict[str, Any], reply_to: str,
                        conversation: dict[str, Any] | None = None) -> dict[str, Any]:
        value = {"action": {"type": "Action.Execute", "id": f"action-{verb}", "verb": verb, "data": data},
                 "trigger": "manual"}
        return self.activity("invoke", user, conversation or personal(user), name="adaptiveCard/action",
                             value=value, replyToId=reply_to)

    def post(self, activity: dict[str, Any], token: str | None = "valid",
             headers: dict[str, str] | None = None) -> httpx.Response:
        sent = dict(headers or {})
        if token == "valid" and not self.local:
            token = self.entra.channel_token(activity["serviceUrl"])
        if token and token != "valid":
            sent.setdefault("Authorization", f"Bearer {token}")
        return self.client.post("/api/messages", json=activity, headers=sent)

    # -- what people do ---------------------------------------------------------------------------------
    def install(self, user: TeamsUser) -> list[Sent]:
        before = len(self.connector.sent(user.conversation))
        added = [{"id": user.teams_id, "aadObjectId": user.aad}, {"id": BOT["id"]}]
        response = self.post(self.activity("conversationUpdate", user, personal(user), membersAdded=added))
        assert response.status_code == 202, response.text
        return self.connector.sent(user.conversation)[before:]

    def install_in_team(self, user: TeamsUser) -> None:
        team = {"id": TEAM_GENERAL, "name": "Kernteam ZOD", "aadGroupId": "a0b1c2d3-0000-4000-8000-0000000000f1"}
        data = {"team": team, "eventType": "teamMemberAdded", "tenant": {"id": TENANT}}
        activity = self.activity("conversationUpdate", user, channel(TEAM_GENERAL), membersAdded=[{"id": BOT["id"]}],
                                 channelData=data)
        assert self.post(activity).status_code == 202

    def say(self, user: TeamsUser, text: str) -> list[Sent]:
        """*user* types *text* in the personal chat; returns the replies."""
        before = len(self.connector.sent(user.conversation))
        response = self.post(self.message_activity(user, text))
        assert response.status_code == 202, response.text
        return self.connector.sent(user.conversation)[before:]

    def answer(self, user: TeamsUser, text: str) -> str:
        replies = self.say(user, text)
        assert replies, f"no reply to {text!r}"
        return "\n".join(r.text for r in replies)

    def click(self, user: TeamsUser, verb: str, data: dict[str, Any], reply_to: str,
              conversation: dict[str, Any] | None = None, activity: dict[str, Any] | None = None) -> dict[str, Any]:
        """An Action.Execute; returns the invoke response's body (`value` is the card or message)."""
        activity = activity or self.invoke_activity(user, verb, data, reply_to, conversation)
        response = self.post(activity)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert body["statusCode"] == 200, body
        if body.get("type") == "application/vnd.microsoft.card.adaptive":
            assert_valid(body["value"])
        return body

    def deliver(self) -> None:
        report = self.app.outbox.drain()
        assert not report.dead, [(i.key, i.channel) for i in report.dead]

    def register_people(self) -> None:
        register_cast(self.app.people)


def settings_env(tmp_path: Path, entra: FakeEntra, *, local: bool = False, database_url: str | None = None,
                 connectors: tuple[FakeBotConnector, ...] = ()) -> dict[str, str]:
    """The settings of a test run; *connectors* are the Bot Connector hosts vaart may talk to (in local mode
    this machine is allowed without them)."""
    env = {"VAART_VAR_DIR": str(tmp_path / "var"), "TEAMS_KERNTEAM_CONVERSATION": KERNTEAM,
           "TEAMS_CHANNELS": f"nieuws={NIEUWS}"}
    if connectors:
        env["TEAMS_SERVICE_URL_HOSTS"] = ",".join(f"{HOST}:{c.port}" for c in connectors)
    if local:
        env["TEAMS_LOCAL_MODE"] = "1"
    else:
        env.update({"TEAMS_CLIENT_ID": CLIENT_ID, "TEAMS_CLIENT_SECRET": CLIENT_SECRET, "TEAMS_TENANT_ID": TENANT,
                    "TEAMS_OPENID_METADATA_URL": entra.metadata_url, "TEAMS_AUTHORITY_URL": entra.url})
    if database_url:
        env["VAART_DATABASE_URL"] = database_url
    return env


@contextmanager
def running_teams(tmp_path: Path, *, local: bool = False, programme: Path | None = None) -> Iterator[TeamsHarness]:
    """*programme*: another programme file than the shipped one (VAART_PROGRAMME)."""
    entra = FakeEntra()
    entra.start()
    connector = FakeBotConnector(entra, anonymous=local)
    connector.start()
    for user in USERS.values():
        connector.members[user.teams_id] = Member(user.teams_id, user.aad, user.name, user.email)
    clock = ManualClock(START)
    allowed = () if local else (connector,)
    env = settings_env(tmp_path, entra, local=local, connectors=allowed)
    if programme is not None:
        env["VAART_PROGRAMME"] = str(programme)
    app = build(Settings.from_env(env), clock=clock)
    server = Server(create_asgi(app))
    server.start()
    harness = TeamsHarness(app, entra, connector, server, clock, local)
    try:
        yield harness
    finally:
        harness.stop()
