"""A fake Slack for end-to-end tests and the bench: the Web API (and response_urls) over HTTP, and a
Socket Mode websocket server, both on 127.0.0.1, recording every call the app makes.

Like slack-bolt's own tests (tests/mock_web_api_server), the app under test is not patched: its Web
API client is simply pointed at this server through SLACK_API_URL. Requests to the app are built
and signed the way Slack builds and signs them (v0 HMAC-SHA256 of ``v0:{timestamp}:{body}``).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlparse

from aiohttp import WSMsgType, web
from slack_sdk.signature import SignatureVerifier

HOST = "127.0.0.1"
TEAM = "T0VAART"
APP_ID = "A0VAART"
BOT_USER = "U0BOT"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    response: dict[str, Any] = field(default_factory=dict)
    path: str = ""
    at: float = field(default_factory=time.monotonic)
    peer: int = 0  # the caller's port: calls on one kept-open connection share it


@dataclass
class SlackUser:
    id: str
    email: str | None
    name: str


class FakeSlackApi:
    """The Slack Web API on 127.0.0.1: answers like Slack, remembers every call."""

    def __init__(self, auto_users: bool = False) -> None:
        """*auto_users*: every unknown user id is a person with the address <id>@voorbeeld.nl (bench)."""
        self.auto_users = auto_users
        self.calls: list[Call] = []
        self.users: dict[str, SlackUser] = {}
        self.failures: dict[str, list[tuple[int, dict[str, str], dict[str, Any]]]] = {}
        self.socket_url = ""
        self._ts = itertools.count(1)
        self._lock = threading.Condition()
        self._server = ThreadingHTTPServer((HOST, 0), self._handler())
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self.url = f"http://{HOST}:{self.port}/api/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> FakeSlackApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- set-up --------------------------------------------------------------------------------
    def add_user(self, user_id: str, email: str | None, name: str) -> None:
        self.users[user_id] = SlackUser(user_id, email, name)

    def fail_next(self, method: str, status: int, headers: Mapping[str, str] | None = None,
                  body: Mapping[str, Any] | None = None) -> None:
        """The next call of *method* gets this answer (e.g. 429 with Retry-After)."""
        with self._lock:
            self.failures.setdefault(method, []).append((status, dict(headers or {}), dict(body or {})))

    def response_url(self) -> str:
        return f"http://{HOST}:{self.port}/response/{uuid.uuid4().hex[:12]}"

    # -- what happened ---------------------------------------------------------------------------
    def of(self, method: str, **match: Any) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method and all(c.params.get(k) == v for k, v in match.items())]

    def wait_for(
        self, method: str, count: int = 1, timeout: float = 10.0, where: Callable[[Call], bool] | None = None
    ) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [c for c in self.calls if c.method == method and (where is None or where(c))]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [c.method for c in self.calls]
                    raise AssertionError(f"waited {timeout}s for {count} x {method}; calls so far: {seen}")
                self._lock.wait(left)

    def answer(self, url: str, timeout: float = 10.0) -> Call:
        """The app's (first) POST to the response_url *url*."""
        path = urlparse(url).path
        return self.wait_for("response_url", timeout=timeout, where=lambda c: c.path == path)[0]

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()

    # -- the server ------------------------------------------------------------------------------
    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)
            self._lock.notify_all()

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, str], dict[str, Any]]:
        with self._lock:
            queued = self.failures.get(method)
            if queued:
                return queued.pop(0)
        ts = f"1764000000.{next(self._ts):06d}"
        if method == "auth.test":
            return 200, {}, {"ok": True, "url": "https://vaart.slack.com/", "team": "Regio Deal", "user": "vaart",
                             "team_id": TEAM, "user_id": BOT_USER, "bot_id": "B0BOT"}
        if method == "users.info":
            user = self.users.get(str(params.get("user")))
            if user is None and self.auto_users:
                user_id = str(params.get("user"))
                user = SlackUser(user_id, f"{user_id.lower()}@voorbeeld.nl", "Gebruiker")
            if user is None:
                return 200, {}, {"ok": False, "error": "user_not_found"}
            profile: dict[str, Any] = {"real_name": user.name, "display_name": user.name}
            if user.email:
                profile["email"] = user.email
            return 200, {}, {"ok": True, "user": {"id": user.id, "team_id": TEAM, "name": user.name.lower(),
                                                  "real_name": user.name, "is_bot": False, "deleted": False,
                                                  "profile": profile}}
        if method == "users.lookupByEmail":
            wanted = str(params.get("email") or "").strip().lower()
            match = next((u for u in self.users.values() if u.email and u.email.lower() == wanted), None)
            if match is None:
                return 200, {}, {"ok": False, "error": "users_not_found"}
            return 200, {}, {"ok": True, "user": {"id": match.id, "team_id": TEAM, "name": match.name.lower(),
                                                  "real_name": match.name, "is_bot": False, "deleted": False,
                                                  "profile": {"real_name": match.name, "email": match.email}}}
        if method == "conversations.open":
            return 200, {}, {"ok": True, "channel": {"id": f"D{params.get('users')}"}}
        if method in ("chat.postMessage", "chat.update"):
            channel = str(params.get("channel"))
            return 200, {}, {"ok": True, "channel": channel, "ts": params.get("ts") or ts,
                             "message": {"text": params.get("text"), "blocks": params.get("blocks")}}
        if method == "chat.postEphemeral":
            return 200, {}, {"ok": True, "message_ts": ts}
        if method in ("views.open", "views.update", "views.publish", "views.push"):
            if params.get("trigger_id") == "expired":
                return 200, {}, {"ok": False, "error": "expired_trigger_id"}
            return 200, {}, {"ok": True, "view": {"id": f"V{next(self._ts):08d}", **(params.get("view") or {})}}
        if method == "apps.connections.open":
            return 200, {}, {"ok": True, "url": self.socket_url}
        return 200, {}, {"ok": True}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out in two writes: with Nagle on, a kept-alive connection's body would
            # wait for the client's delayed ACK (40 ms a call), which no real Slack server makes anyone wait
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                return

            def _params(self) -> dict[str, Any]:
                parsed = urlparse(self.path)
                params: dict[str, Any] = dict(parse_qsl(parsed.query))
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8") if length else ""
                kind = self.headers.get("Content-Type") or ""
                if raw and "json" in kind:
                    params.update(json.loads(raw))
                elif raw:
                    for key, value in parse_qsl(raw):
                        params[key] = _maybe_json(value)
                return params

            def _send(self, status: int, headers: dict[str, str], body: dict[str, Any] | str) -> None:
                data = (body if isinstance(body, str) else json.dumps(body)).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            def _serve(self) -> None:
                path = urlparse(self.path).path
                params = self._params()
                if path.startswith("/count/"):  # how many calls of a method arrived (the bench asks)
                    self._send(200, {}, {"count": len(fake.of(path.removeprefix("/count/")))})
                    return
                headers = {k.lower(): v for k, v in self.headers.items()}
                if path.startswith("/response/"):
                    fake._record(Call("response_url", params, headers, path=path, peer=self.client_address[1]))
                    self._send(200, {}, "ok")
                    return
                method = path.removeprefix("/api/")
                status, extra, body = fake._answer(method, params)
                fake._record(Call(method, params, headers, body, peer=self.client_address[1]))
                self._send(status, extra, body)

            do_GET = _serve
            do_POST = _serve

        return Handler


def _maybe_json(value: str) -> Any:
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


# -- requests as Slack sends them -------------------------------------------------------------------
def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": str(SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)),
    }


def slash_command(
    user: str, command: str, text: str, response_url: str, trigger_id: str | None = None
) -> dict[str, str]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "team_domain": "regiodeal",
        "channel_id": "C0GENERAL",
        "channel_name": "algemeen",
        "user_id": user,
        "user_name": user.lower(),
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id or f"{int(time.time())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:16]}",
    }


def block_action(
    user: str,
    action_id: str,
    value: str,
    response_url: str,
    *,
    channel: str | None = None,
    message: Mapping[str, Any] | None = None,
    view_id: str | None = None,
    block_id: str = "b",
    state: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A button press, in a message (channel + message) or on the App Home (view_id)."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM},
        "api_app_id": APP_ID,
        "token": "legacy-verification-token",
        "trigger_id": f"{int(time.time())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:16]}",
        "team": {"id": TEAM, "domain": "regiodeal"},
        "enterprise": None,
        "is_enterprise_install": False,
        "actions": [
            {
                "action_id": action_id,
                "block_id": block_id,
                "text": {"type": "plain_text", "text": action_id, "emoji": True},
                "value": value,
                "type": "button",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    if message is not None and channel is not None:
        payload["container"] = {"type": "message", "message_ts": message["ts"], "channel_id": channel,
                                "is_ephemeral": False}
        payload["channel"] = {"id": channel, "name": channel.lower()}
        payload["message"] = dict(message)
        payload["response_url"] = response_url
        payload["state"] = {"values": dict(state or {})}
    else:
        payload["container"] = {"type": "view", "view_id": view_id or "VHOME"}
        payload["view"] = {"id": view_id or "VHOME", "type": "home", "team_id": TEAM, "state": {"values": {}},
                           "blocks": []}
    return payload


def view_submission(user: str, view: Mapping[str, Any], values: Mapping[str, Any], view_id: str) -> dict[str, Any]:
    """Submit a modal the app opened, with *values* per block id (text, option value(s))."""
    state: dict[str, dict[str, Any]] = {}
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        element = block["element"]
        given = values.get(block["block_id"])
        kind = element["type"]
        options = {o["value"]: o for o in element.get("options", [])}
        if kind == "plain_text_input":
            entry: dict[str, Any] = {"type": kind, "value": given}
        elif kind == "multi_static_select":
            entry = {"type": kind, "selected_options": [options.get(v, {"value": v, "text": {}}) for v in given or []]}
        else:
            entry = {"type": kind, "selected_option": options.get(given, {"value": given}) if given else None}
        state[block["block_id"]] = {element["action_id"]: entry}
    return {
        "type": "view_submission",
        "team": {"id": TEAM, "domain": "regiodeal"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM},
        "api_app_id": APP_ID,
        "token": "legacy-verification-token",
        "trigger_id": f"{int(time.time())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:16]}",
        "view": {
            "id": view_id,
            "team_id": TEAM,
            "type": "modal",
            "blocks": view.get("blocks", []),
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
            "state": {"values": state},
            "hash": uuid.uuid4().hex[:20],
            "title": view.get("title"),
            "app_id": APP_ID,
            "bot_id": "B0BOT",
        },
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


def event_callback(event: Mapping[str, Any], event_id: str) -> dict[str, Any]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "api_app_id": APP_ID,
        "event": dict(event),
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [{"enterprise_id": None, "team_id": TEAM, "user_id": BOT_USER, "is_bot": True,
                            "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
    }


def form_body(fields: Mapping[str, str]) -> str:
    return urlencode(fields)


def interactive_body(payload: Mapping[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})


# -- Socket Mode ------------------------------------------------------------------------------------
class FakeSocketMode:
    """Slack's Socket Mode endpoint on 127.0.0.1: sends envelopes to the connected app, collects acks."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.acks: dict[str, dict[str, Any]] = {}
        self.connections = 0
        self._sockets: list[web.WebSocketResponse] = []
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"ws://{HOST}:{self.port}/link/?ticket=fake"

    def start(self) -> FakeSocketMode:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(10)
        return self

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_get("/link/", self._socket)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, HOST, 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = int(server.sockets[0].getsockname()[1])  # type: ignore[attr-defined]

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(autoping=True)
        await socket.prepare(request)
        with self._cond:
            self._sockets.append(socket)
            self.connections += 1
            self._cond.notify_all()
        await socket.send_str(json.dumps({"type": "hello", "num_connections": 1,
                                          "connection_info": {"app_id": APP_ID},
                                          "debug_info": {"host": "fake", "approximate_connection_time": 3600}}))
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                data = json.loads(message.data)
                with self._cond:
                    self.acks[str(data.get("envelope_id"))] = data
                    self._cond.notify_all()
        with self._cond:
            if socket in self._sockets:
                self._sockets.remove(socket)
        return socket

    def wait_connected(self, timeout: float = 10.0) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: bool(self._sockets), timeout):
                raise AssertionError("the app did not connect to the Socket Mode server")

    def send(self, kind: str, payload: Mapping[str, Any], *, retry_attempt: int = 0,
             envelope_id: str | None = None, timeout: float = 10.0) -> dict[str, Any]:
        """Send one envelope; returns the app's ack ({"envelope_id", "payload"?})."""
        envelope_id = envelope_id or str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": dict(payload),
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": retry_attempt,
            "retry_reason": "timeout" if retry_attempt else "",
        }
        self.wait_connected(timeout)

        async def push() -> None:
            await self._sockets[-1].send_str(json.dumps(envelope))

        asyncio.run_coroutine_threadsafe(push(), self.loop).result(timeout)
        with self._cond:
            if not self._cond.wait_for(lambda: envelope_id in self.acks, timeout):
                raise AssertionError(f"no ack for envelope {envelope_id} ({kind})")
            return self.acks[envelope_id]

    def stop(self) -> None:
        async def close() -> None:
            for socket in list(self._sockets):
                await socket.close()
            if self._runner is not None:
                await self._runner.cleanup()

        asyncio.run_coroutine_threadsafe(close(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)


def main() -> None:
    """`python -m tests.e2e.slack_fakes`: the fake Web API in its own process (the bench); prints its URL
    and runs until stdin closes."""
    import sys

    fake = FakeSlackApi(auto_users=True).start()
    print(fake.url, flush=True)
    sys.stdin.read()
    fake.stop()


if __name__ == "__main__":
    main()
