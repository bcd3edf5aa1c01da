"""The real ASGI app on 127.0.0.1 (uvicorn in a thread) with the fake Slack, and two ways to talk to
it exactly as Slack does: signed HTTP requests to /slack/events, or envelopes over Socket Mode.
The scenarios in test_slack_http.py and test_slack_socket_mode.py are the same functions.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx
import uvicorn

from bot.asgi import create_asgi
from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings
from bot.frontends.slack.delivery import SlackDelivery
from tests.cast import ANNA, DIRK, EMAIL
from tests.conftest import START
from tests.e2e.slack_fakes import (
    FakeSlackApi,
    FakeSocketMode,
    block_action,
    event_callback,
    form_body,
    interactive_body,
    sign,
    slash_command,
    view_submission,
)
from tests.scenario import register_cast

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-0000-test"
APP_TOKEN = "xapp-1-test"
KERNTEAM_CHANNEL = "C0KERNTEAM"
ADMIN = "beheer@vaart.local"
USERS = {
    "U0ANNA": ANNA,
    "U0DIRK": DIRK,
    "U0KEES": EMAIL["kernteam"],
    "U0PETRA": EMAIL["director"],
    "U0ERIK": EMAIL["chair"],
    "U0SANNE": EMAIL["staf"],
}
NO_EMAIL = "U0GAST"


@dataclass
class Ack:
    status: int
    body: Any


class Transport(Protocol):
    def command(
        self, user: str, command: str, text: str, trigger_id: str | None = None, response_url: str | None = None
    ) -> Ack: ...
    def interactive(self, payload: Mapping[str, Any]) -> Ack: ...
    def event(self, body: Mapping[str, Any], retry: int = 0) -> Ack: ...


class HttpTransport:
    def __init__(self, base: str, fake: FakeSlackApi) -> None:
        self.client = httpx.Client(base_url=base, timeout=10)
        self.fake = fake

    def send(self, body: str, content_type: str, headers: Mapping[str, str] | None = None,
             timestamp: int | None = None, signed: bool = True) -> Ack:
        all_headers = {"Content-Type": content_type, **(sign(SECRET, body, timestamp) if signed else {}),
                       **(headers or {})}
        response = self.client.post("/slack/events", content=body.encode("utf-8"), headers=all_headers)
        text = response.text
        try:
            parsed: Any = json.loads(text) if text else None
        except ValueError:
            parsed = text
        return Ack(response.status_code, parsed)

    def command(
        self, user: str, command: str, text: str, trigger_id: str | None = None, response_url: str | None = None
    ) -> Ack:
        url = response_url or self.fake.response_url()
        body = form_body(slash_command(user, command, text, url, trigger_id))
        return self.send(body, "application/x-www-form-urlencoded")

    def interactive(self, payload: Mapping[str, Any]) -> Ack:
        return self.send(interactive_body(payload), "application/x-www-form-urlencoded")

    def event(self, body: Mapping[str, Any], retry: int = 0) -> Ack:
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else {}
        return self.send(json.dumps(body), "application/json", headers)


class SocketTransport:
    def __init__(self, server: FakeSocketMode, fake: FakeSlackApi) -> None:
        self.server = server
        self.fake = fake

    def _ack(self, kind: str, payload: Mapping[str, Any], retry: int = 0) -> Ack:
        ack = self.server.send(kind, payload, retry_attempt=retry)
        return Ack(200, ack.get("payload"))

    def command(
        self, user: str, command: str, text: str, trigger_id: str | None = None, response_url: str | None = None
    ) -> Ack:
        url = response_url or self.fake.response_url()
        return self._ack("slash_commands", slash_command(user, command, text, url, trigger_id))

    def interactive(self, payload: Mapping[str, Any]) -> Ack:
        return self._ack("interactive", payload)

    def event(self, body: Mapping[str, Any], retry: int = 0) -> Ack:
        return self._ack("events_api", body, retry)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """uvicorn serving the one ASGI app on 127.0.0.1 in a thread (with its lifespan: Socket Mode)."""

    def __init__(self, asgi: Any) -> None:
        self.port = free_port()
        self.server = uvicorn.Server(
            uvicorn.Config(asgi, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)


@dataclass
class Harness:
    app: App
    fake: FakeSlackApi
    slack: Transport
    mode: str
    clock: ManualClock
    last_url: str = ""

    def deliver(self) -> None:
        report = self.app.outbox.drain()
        assert not report.dead, [(i.key, i.channel) for i in report.dead]

    @property
    def delivery(self) -> SlackDelivery:
        channel = self.app.outbox.channels["slack"]
        assert isinstance(channel, SlackDelivery)
        return channel

    def register_people(self) -> None:
        register_cast(self.app.people)

    def open_form(self, user: str, command_text: str, *, command: str = "/vaart") -> dict[str, Any]:
        before = len(self.fake.of("views.open"))
        ack = self.slack.command(user, command, command_text)
        assert ack.status == 200
        return dict(self.fake.wait_for("views.open", before + 1)[-1].params["view"])

    def command(self, user: str, command: str, text: str, trigger_id: str | None = None) -> Ack:
        self.last_url = self.fake.response_url()
        return self.slack.command(user, command, text, trigger_id, self.last_url)

    def answer(self) -> str:
        """The text the app sent to the response_url of the last command or click (an ephemeral answer)."""
        call = self.fake.answer(self.last_url)
        assert call.params.get("response_type") in (None, "ephemeral"), call.params
        return str(call.params.get("text", ""))

    def submit(self, user: str, view: Mapping[str, Any], values: Mapping[str, Any], view_id: str) -> Ack:
        return self.slack.interactive(view_submission(user, view, values, view_id))

    def click(self, user: str, action_id: str, value: str, message_call: Any | None = None,
              view_id: str | None = None, state: Mapping[str, Any] | None = None) -> Ack:
        url = self.fake.response_url()
        if message_call is not None:
            channel = str(message_call.params["channel"])
            message = {"type": "message", "ts": message_call.response["ts"],
                       "text": message_call.params.get("text"), "blocks": message_call.params.get("blocks")}
            payload = block_action(user, action_id, value, url, channel=channel, message=message, state=state)
        else:
            payload = block_action(user, action_id, value, url, view_id=view_id)
        self.last_url = url
        return self.slack.interactive(payload)

    def vaart(self, user: str, text: str) -> str:
        """A /vaart text command; returns the answer the app sent to the response_url."""
        ack = self.command(user, "/vaart", text)
        assert ack.status == 200 and not ack.body, ack
        return self.answer()

    def home_opened(self, user: str, event_id: str, retry: int = 0) -> Ack:
        event = {"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": "home",
                 "event_ts": f"{time.time():.6f}"}
        return self.slack.event(event_callback(event, event_id), retry)



def transport_to(server: Server, fake: FakeSlackApi, socket_server: FakeSocketMode | None) -> Transport:
    """How a test reaches the running server: over Socket Mode once the app is connected, else HTTP."""
    if socket_server is not None:
        socket_server.wait_connected()
        return SocketTransport(socket_server, fake)
    return HttpTransport(server.url, fake)


@contextmanager
def running(tmp_path: Path, mode: str, database_url: str | None = None,
            programme: Path | None = None) -> Iterator[Harness]:
    """*programme*: another programme file than the shipped one (VAART_PROGRAMME)."""
    fake = FakeSlackApi().start()
    socket_server = FakeSocketMode().start() if mode == "socket" else None
    for user, email in USERS.items():
        fake.add_user(user, email, email.split("@")[0].replace(".", " ").title())
    fake.add_user(NO_EMAIL, None, "Gast Zonder Adres")
    env = {
        "VAART_VAR_DIR": str(tmp_path / "var"),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_API_URL": fake.url,
        "SLACK_KERNTEAM_CHANNEL": KERNTEAM_CHANNEL,
    }
    if database_url:
        env["VAART_DATABASE_URL"] = database_url
    if programme is not None:
        env["VAART_PROGRAMME"] = str(programme)
    if socket_server is not None:
        env["SLACK_APP_TOKEN"] = APP_TOKEN
        fake.socket_url = socket_server.url
    else:
        env["SLACK_SIGNING_SECRET"] = SECRET
    clock = ManualClock(START)
    app = build(Settings.from_env(env), clock=clock)
    server = Server(create_asgi(app))
    server.start()
    try:
        harness = Harness(app, fake, transport_to(server, fake, socket_server), mode, clock)
        harness.delivery.interval = 0.0
        yield harness
    finally:
        server.stop()
        if socket_server is not None:
            socket_server.stop()
        fake.stop()
        app.close()


# -- helpers for the scenarios ------------------------------------------------------------------------
def buttons(blocks: Any) -> list[dict[str, Any]]:
    """Every button in *blocks* (in actions blocks and as section accessories)."""
    found: list[dict[str, Any]] = []
    for block in blocks or []:
        if block.get("type") == "actions":
            found += [e for e in block.get("elements", []) if e.get("type") == "button"]
        accessory = block.get("accessory")
        if accessory and accessory.get("type") == "button":
            found.append(accessory)
    return found


def block_text(blocks: Any) -> str:
    parts: list[str] = []
    for block in blocks or []:
        text = block.get("text")
        if isinstance(text, dict):
            parts.append(str(text.get("text", "")))
        for element in block.get("elements", []) if block.get("type") == "context" else []:
            parts.append(str(element.get("text", "")))
    return "\n".join(parts)


def audit_count(app: App, action: str, obj: str) -> int:
    from sqlalchemy import func, select

    from storage import tables

    t = tables.audit_log
    with app.engine.connect() as conn:
        return int(conn.execute(select(func.count()).where(t.c.action == action, t.c.object == obj)).scalar_one())


def in_parallel(*work: Any) -> list[Any]:
    """Run the callables at the same moment (a double click), return their results."""
    results: list[Any] = [None] * len(work)
    barrier = threading.Barrier(len(work))

    def run(i: int) -> None:
        barrier.wait()
        results[i] = work[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    return results
