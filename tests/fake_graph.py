"""A fake Microsoft identity platform and Graph on 127.0.0.1 (starlette under uvicorn, in a thread).

It answers the requests vaart makes the way the real services do (the OpenID configuration and
the client-credentials token endpoint; sendMail in JSON and MIME, calendar events with
transactionId de-duplication, cancel, the lookup by extended property) and records every request
(method, path, query, headers, body) so tests can check them exactly. Tests can script the next
answers (429 with Retry-After, 503, 401, 403, ...), expire the client secret, revoke tokens,
deny a mailbox, slow the server down and read the largest number of requests in flight.

It also checks what an Exchange user would see go wrong and lists each in `violations` (the
`fake` fixtures fail a test that leaves one): a request to a mailbox before the Retry-After of
its 429 has passed (Graph throttles per app and mailbox; measured on `clock`, which a test on a
manual clock points at it); an iMIP mail whose From or calendar ORGANIZER is not the sending
mailbox, or whose calendar part is not CRLF throughout; an iMIP invitation for a meeting that
also has an event (two meetings for one); a cancellation comment that names an attendee (Exchange
sends it to all of them).
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any
from urllib.parse import parse_qs

import uvicorn
from icalendar import Calendar
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.mailserver import HOST, free_port

TENANT = "0f3e4d2c-1b2a-4c5d-8e9f-a1b2c3d4e5f6"
CLIENT_ID = "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"
CLIENT_SECRET = "s3cr3t~Fake.Client_Secret-Value"
MAILBOX = "programmabureau@regiodeal-zod.nl"
MS = "https://login.microsoftonline.com"


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    at: float

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}


@dataclass
class Scripted:
    method: str
    path_suffix: str
    status: int
    headers: dict[str, str]
    body: dict[str, Any] | None
    after_effect: bool  # do the work, then answer with the failure (a lost answer)


@dataclass
class Sent:
    key: str
    message_id: str
    mime: EmailMessage | None
    body: dict[str, Any] | None


@dataclass
class FakeGraph:
    tenant: str = TENANT
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    port: int = 0
    requests: list[Recorded] = field(default_factory=list)
    script: list[Scripted] = field(default_factory=list)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    transactions: dict[str, str] = field(default_factory=dict)
    sent: list[Sent] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    revoked: set[str] = field(default_factory=set)
    denied: set[str] = field(default_factory=set)
    secret_expired: bool = False
    delay: float = 0.0
    in_flight: int = 0
    max_in_flight: int = 0
    violations: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    clock: Callable[[], float] = time.monotonic
    paused_until: dict[str, float] = field(default_factory=dict)
    imip_uids: set[str] = field(default_factory=set)

    # -- for tests ------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def fail_next(self, method: str, path_suffix: str, status: int, headers: dict[str, str] | None = None,
                  body: dict[str, Any] | None = None, after_effect: bool = False) -> None:
        self.script.append(Scripted(method.upper(), path_suffix, status, headers or {}, body, after_effect))

    def graph_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.startswith("/v1.0/")]

    def token_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/oauth2/v2.0/token")]

    def revoke_all(self) -> None:
        self.revoked.update(self.tokens)

    # -- the identity platform ----------------------------------------------------------------
    async def openid(self, request: Request) -> Response:
        await self._record(request)
        tenant = request.path_params["tenant"]
        base = f"{MS}/{tenant}"
        return JSONResponse({
            "token_endpoint": f"{base}/oauth2/v2.0/token",
            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
            "issuer": f"{base}/v2.0",
            "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt"],
        })

    async def instance_discovery(self, request: Request) -> Response:
        await self._record(request)
        return JSONResponse({
            "tenant_discovery_endpoint": f"{MS}/{self.tenant}/v2.0/.well-known/openid-configuration",
            "api-version": "1.1",
            "metadata": [{"preferred_network": "login.microsoftonline.com", "preferred_cache": "login.windows.net",
                          "aliases": ["login.microsoftonline.com", "login.windows.net", "login.microsoft.com"]}],
        })

    async def token(self, request: Request) -> Response:
        recorded = await self._record(request)
        form = recorded.form
        if request.path_params["tenant"] != self.tenant or form.get("client_id") != self.client_id:
            return JSONResponse({"error": "unauthorized_client", "error_description": "AADSTS700016: unknown app"},
                                status_code=400)
        if self.secret_expired:
            return JSONResponse({
                "error": "invalid_client",
                "error_description": "AADSTS7000222: The provided client secret keys for app are expired.",
            }, status_code=401)
        if form.get("client_secret") != self.client_secret or form.get("grant_type") != "client_credentials":
            return JSONResponse({"error": "invalid_client", "error_description": "AADSTS7000215: Invalid secret"},
                                status_code=401)
        token = "eyJ0eXAiOiJKV1QifQ." + secrets.token_urlsafe(32)
        self.tokens.append(token)
        return JSONResponse({"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599,
                             "access_token": token})

    # -- Graph ------------------------------------------------------------------------------------
    async def graph(self, request: Request) -> Response:
        recorded = await self._record(request)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            return self._answer(request, recorded)
        finally:
            self.in_flight -= 1

    def _answer(self, request: Request, recorded: Recorded) -> Response:
        bearer = recorded.headers.get("authorization", "").removeprefix("Bearer ")
        if bearer not in self.tokens or bearer in self.revoked:
            return _error(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.")
        match = re.match(r"^/v1\.0/users/([^/]+)(/.*)$", recorded.path)
        if match is None:
            return _error(400, "BadRequest", "Resource not found for the segment")
        mailbox, rest = match.group(1), match.group(2)
        if mailbox.lower() in self.denied:
            return _error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.")
        now = self.clock()
        until = self.paused_until.get(mailbox.lower(), float("-inf"))
        if now < until:
            self.violations.append(f"{recorded.method} {rest} to {mailbox} {until - now:.1f} s before its "
                                   "Retry-After had passed")
            return JSONResponse({"error": {"code": "ApplicationThrottled", "message": "still throttled"}},
                                status_code=429, headers={"Retry-After": str(max(1, round(until - now)))})
        scripted = self._scripted(recorded.method, rest)
        if scripted is not None and scripted.status == 429:
            seconds = float(scripted.headers.get("Retry-After", "0") or 0)
            self.paused_until[mailbox.lower()] = max(until, now + seconds)
        if scripted is not None and not scripted.after_effect:
            return _scripted_response(scripted)
        response = self._do(recorded, rest, mailbox)
        return _scripted_response(scripted) if scripted is not None else response

    def _scripted(self, method: str, rest: str) -> Scripted | None:
        for n, entry in enumerate(self.script):
            if entry.method == method and rest.split("?")[0].endswith(entry.path_suffix):
                return self.script.pop(n)
        return None

    def _do(self, recorded: Recorded, rest: str, mailbox: str) -> Response:
        method = recorded.method
        if method == "POST" and rest == "/sendMail":
            return self._send_mail(recorded, mailbox)
        if method == "GET" and rest == "/calendar":
            return JSONResponse({"id": "AAMkCalendar"})
        if method == "GET" and rest == "/events":
            wanted = re.search(r"ep/value eq '((?:[^']|'')*)'", recorded.query.get("$filter", ""))
            uid = wanted.group(1).replace("''", "'") if wanted else None
            found = [{"id": e["id"], "iCalUId": e["iCalUId"]} for e in self.events.values()
                     if not e["cancelled"] and uid in [p["value"] for p in e.get("singleValueExtendedProperties", [])]]
            return JSONResponse({"value": found})
        if method == "POST" and rest == "/events":
            body = recorded.json
            existing = self.transactions.get(body.get("transactionId", ""))
            if existing:
                return JSONResponse(self.events[existing], status_code=201)
            number = len(self.events) + 1
            event = {**body, "id": f"AAMkAGI2TG{number:04d}=", "cancelled": False,
                     "iCalUId": f"040000008200E00074C5B7101A82E008{number:08d}"}
            for uid in _uids(event) & self.imip_uids:
                self.violations.append(f"meeting {uid} has an event and a separate iMIP invitation")
            self.events[event["id"]] = event
            if body.get("transactionId"):
                self.transactions[body["transactionId"]] = event["id"]
            return JSONResponse(event, status_code=201)
        event_match = re.match(r"^/events/([^/]+)(/cancel)?$", rest)
        if event_match is not None:
            event_id, cancel = event_match.group(1), event_match.group(2)
            event = self.events.get(event_id)
            if event is None or event["cancelled"]:
                return _error(404, "ErrorItemNotFound", "The specified object was not found in the store.")
            if method == "PATCH" and not cancel:
                event.update(recorded.json)
                return JSONResponse(event)
            if method == "POST" and cancel:
                self._check_comment(event, str(recorded.json.get("comment", "")))
                event["cancelled"] = True
                return Response(status_code=202)
        return _error(400, "BadRequest", f"unsupported {method} {rest}")

    def _check_comment(self, event: dict[str, Any], comment: str) -> None:
        """Exchange sends the cancellation's comment to every attendee: it may name none of them."""
        self.comments.append(comment)
        lowered = comment.lower()
        for attendee in event.get("attendees", []):
            address = attendee["emailAddress"]
            for word in (address.get("address", ""), address.get("name", "")):
                if word and word.lower() in lowered:
                    self.violations.append(f"the cancellation comment names attendee {word!r}: {comment[:80]!r}")

    def _check_imip(self, raw: bytes, parsed: EmailMessage, mailbox: str) -> None:
        """An iMIP mail comes from the mailbox, names it as ORGANIZER and is CRLF throughout."""
        sender = parseaddr(str(parsed["From"]))[1]
        if sender.lower() != mailbox.lower():
            self.violations.append(f"a mail through {mailbox} says From {sender}")
        if b"\n" in raw.replace(b"\r\n", b""):
            self.violations.append("a MIME mail with bare LF line ends")
        for part in parsed.walk():
            if part.get_content_type() != "text/calendar":
                continue
            data = part.get_payload(decode=True)
            assert isinstance(data, bytes)
            if b"\n" in data.replace(b"\r\n", b""):
                self.violations.append("a calendar part with bare LF line ends (RFC 5545 3.1)")
            calendar = Calendar.from_ical(data)
            for event in calendar.walk("VEVENT"):
                organizer = str(event.get("ORGANIZER", "")).removeprefix("mailto:").removeprefix("MAILTO:")
                if organizer.lower() != mailbox.lower():
                    self.violations.append(f"an iMIP part through {mailbox} says ORGANIZER {organizer}")
                uid = str(event.get("UID", ""))
                if str(calendar.get("METHOD", "")).upper() == "REQUEST":
                    self.imip_uids.add(uid)
                    if any(uid in _uids(e) and not e["cancelled"] for e in self.events.values()):
                        self.violations.append(f"meeting {uid} has an event and a separate iMIP invitation")

    def _send_mail(self, recorded: Recorded, mailbox: str) -> Response:
        if recorded.headers.get("content-type", "").startswith("text/plain"):
            raw = base64.b64decode(recorded.body)
            parsed = message_from_bytes(raw, policy=policy.default)
            assert isinstance(parsed, EmailMessage)
            self._check_imip(raw, parsed, mailbox)
            self.sent.append(Sent(str(parsed["X-Vaart-Key"]).strip(), str(parsed["Message-ID"]), parsed, None))
        else:
            message = recorded.json["message"]
            headers = {h["name"]: h["value"] for h in message.get("internetMessageHeaders", [])}
            self.sent.append(Sent(headers.get("X-Vaart-Key", ""), message.get("internetMessageId", ""), None,
                                  recorded.json))
        return Response(status_code=202)

    async def _record(self, request: Request) -> Recorded:
        body = await request.body()
        recorded = Recorded(request.method, request.url.path, dict(request.query_params),
                            {k.lower(): v for k, v in request.headers.items()}, body, time.monotonic())
        self.requests.append(recorded)
        return recorded

    def app(self) -> Starlette:
        return Starlette(routes=[
            Route("/common/discovery/instance", self.instance_discovery, methods=["GET"]),
            Route("/{tenant}/v2.0/.well-known/openid-configuration", self.openid, methods=["GET"]),
            Route("/{tenant}/oauth2/v2.0/token", self.token, methods=["POST"]),
            Route("/v1.0/{rest:path}", self.graph, methods=["GET", "POST", "PATCH", "DELETE"]),
        ])


def _uids(event: dict[str, Any]) -> set[str]:
    """Our meeting UID(s) on an event (the extended property vaart sets)."""
    return {str(p["value"]) for p in event.get("singleValueExtendedProperties", [])}


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _scripted_response(entry: Scripted) -> Response:
    if entry.body is not None:
        return JSONResponse(entry.body, status_code=entry.status, headers=entry.headers)
    body = {"error": {"code": f"Status{entry.status}", "message": "scripted by the test"}}
    return JSONResponse(body, status_code=entry.status, headers=entry.headers)


@contextmanager
def fake_graph() -> Iterator[FakeGraph]:
    fake = FakeGraph(port=free_port())
    server = uvicorn.Server(uvicorn.Config(fake.app(), host=HOST, port=fake.port, log_level="warning",
                                           lifespan="off", access_log=False))
    thread = threading.Thread(target=server.run, name="fake-graph", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the fake Graph server did not start")
        time.sleep(0.01)
    try:
        yield fake
        assert fake.violations == [], "what an Exchange user would see go wrong:\n" + "\n".join(fake.violations)
    finally:
        server.should_exit = True
        thread.join(10)
