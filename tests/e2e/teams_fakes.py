"""Microsoft for the Teams end-to-end tests, on 127.0.0.1: the Bot Framework's signing keys and Entra's
token endpoint (`FakeEntra`), and the Bot Connector that Teams activities name as their serviceUrl
(`FakeBotConnector`), which records every reply and proactive message the app sends.

The app under test is not patched: TEAMS_OPENID_METADATA_URL points its token check at the keys
served here, TEAMS_AUTHORITY_URL its sign-in at the token endpoint here, and the activities'
serviceUrl its replies at the connector here. Channel tokens are RS256 JWTs signed with a key made
for the test run, with the claims the Bot Framework puts in them.
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

HOST = "127.0.0.1"
TENANT = "0f7c6a3e-4b1d-4c1e-9d7a-1a2b3c4d5e6f"
CLIENT_ID = "8d1f2a70-3c4b-4e5f-8a9b-0c1d2e3f4a5b"
CLIENT_SECRET = "teams-test-secret-value"
ISSUER = "https://api.botframework.com"
MS = "https://login.microsoftonline.com"
_KEYS: dict[str, rsa.RSAPrivateKey] = {}


def private_key(name: str) -> rsa.RSAPrivateKey:
    """An RSA key made once per test run (the real one and a forger's)."""
    if name not in _KEYS:
        _KEYS[name] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return _KEYS[name]


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    status: int = 0
    response: Any = None
    at: float = field(default_factory=time.monotonic)

    @property
    def bearer(self) -> str:
        return self.headers.get("authorization", "").removeprefix("Bearer ").strip()


Answer = tuple[int, dict[str, str], Any]


class _Server(ABC):
    """A small JSON server on 127.0.0.1 in a thread; subclasses answer in `handle`."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._lock = threading.Condition()
        self._server = ThreadingHTTPServer((HOST, 0), self._handler())
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self.url = f"http://{HOST}:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> _Server:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @abstractmethod
    def handle(self, request: Recorded) -> Answer:
        """The answer (status, headers, JSON body) to one recorded request."""

    def wait_for(self, where: Callable[[Recorded], bool], count: int = 1, timeout: float = 10.0) -> list[Recorded]:
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [r for r in self.requests if where(r)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"waited {timeout}s for {count} requests; seen: "
                                         f"{[(r.method, r.path) for r in self.requests]}")
                self._lock.wait(left)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8") if length else ""
                kind = self.headers.get("Content-Type") or ""
                body: Any = raw
                if raw and "json" in kind:
                    body = json.loads(raw)
                elif raw and "form" in kind:
                    body = dict(parse_qsl(raw))
                recorded = Recorded(self.command, urlparse(self.path).path, {k.lower(): v for k, v in
                                                                            self.headers.items()}, body)
                status, headers, answer = fake.handle(recorded)
                recorded.status, recorded.response = status, answer
                with fake._lock:
                    fake.requests.append(recorded)
                    fake._lock.notify_all()
                data = json.dumps(answer).encode("utf-8") if answer is not None else b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        return Handler


class FakeEntra(_Server):
    """The Bot Framework's OpenID metadata and signing keys, and Entra's client-credentials endpoint."""

    KID = "vaart-test-signing-key"

    def __init__(self) -> None:
        super().__init__()
        self.key = private_key("bot framework")
        self.tokens: list[str] = []

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/v1/.well-known/openidconfiguration"

    def channel_token(
        self,
        service_url: str | None,
        *,
        audience: str = CLIENT_ID,
        issuer: str = ISSUER,
        lifetime: int = 3600,
        issued_ago: int = 5,
        signer: str = "bot framework",
        kid: str | None = None,
        algorithm: str = "RS256",
        claims: dict[str, Any] | None = None,
    ) -> str:
        """A token as the Bot Framework signs it for a request to our endpoint (without the serviceurl claim
        when *service_url* is None)."""
        now = int(time.time())
        payload = {"serviceurl": service_url, "nbf": now - issued_ago, "exp": now - issued_ago + lifetime,
                   "iss": issuer, "aud": audience, **(claims or {})}
        if service_url is None:
            del payload["serviceurl"]
        key: Any = private_key(signer) if algorithm == "RS256" else "a-shared-secret-nobody-should-accept-32b"
        return jwt.encode(payload, key, algorithm=algorithm, headers={"kid": kid or self.KID})

    def handle(self, request: Recorded) -> Answer:
        path = request.path
        if path == "/v1/.well-known/openidconfiguration":
            return 200, {}, {"issuer": ISSUER, "authorization_endpoint": "https://invalid.botframework.com",
                             "jwks_uri": f"{self.url}/v1/.well-known/keys",
                             "id_token_signing_alg_values_supported": ["RS256"],
                             "token_endpoint_auth_methods_supported": ["private_key_jwt"]}
        if path == "/v1/.well-known/keys":
            jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
            jwk.update({"kid": self.KID, "use": "sig", "endorsements": ["msteams", "webchat"]})
            return 200, {}, {"keys": [jwk]}
        if path == "/common/discovery/instance":
            return 200, {}, {
                "tenant_discovery_endpoint": f"{MS}/{TENANT}/v2.0/.well-known/openid-configuration",
                "api-version": "1.1",
                "metadata": [{"preferred_network": "login.microsoftonline.com", "preferred_cache": "login.windows.net",
                              "aliases": ["login.microsoftonline.com", "login.windows.net"]}],
            }
        if path == f"/{TENANT}/v2.0/.well-known/openid-configuration":
            base = f"{MS}/{TENANT}"
            return 200, {}, {"token_endpoint": f"{base}/oauth2/v2.0/token",
                             "authorization_endpoint": f"{base}/oauth2/v2.0/authorize", "issuer": f"{base}/v2.0",
                             "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt"]}
        if path == f"/{TENANT}/oauth2/v2.0/token" and request.method == "POST":
            form = request.body if isinstance(request.body, dict) else {}
            if (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
                return 401, {}, {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid secret"}
            if form.get("scope") != "https://api.botframework.com/.default":
                return 400, {}, {"error": "invalid_scope", "error_description": f"AADSTS70011: {form.get('scope')}"}
            token = "eyJ0eXAiOiJKV1QifQ." + secrets.token_urlsafe(24)
            self.tokens.append(token)
            return 200, {}, {"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": token}
        return 404, {}, {"error": "not found"}


@dataclass
class Member:
    teams_id: str
    aad: str
    name: str
    email: str | None

    def json(self) -> dict[str, Any]:
        member: dict[str, Any] = {"id": self.teams_id, "name": self.name, "aadObjectId": self.aad,
                                  "givenName": self.name.split()[0], "surname": self.name.split()[-1],
                                  "tenantId": TENANT, "userRole": "user"}
        if self.email:
            member["email"] = member["userPrincipalName"] = self.email
        return member


@dataclass
class Sent:
    """One activity the app sent to the connector: where, what, and with which token."""

    method: str
    conversation: str
    activity_id: str
    activity: dict[str, Any]
    bearer: str

    @property
    def cards(self) -> list[dict[str, Any]]:
        return [a["content"] for a in self.activity.get("attachments") or []
                if a.get("contentType") == "application/vnd.microsoft.card.adaptive"]

    @property
    def text(self) -> str:
        """What a person reads: the message text without markup, or the cards' text blocks."""
        from html import unescape

        words = unescape(str(self.activity.get("text") or "").replace("<br>", "\n"))
        return "\n".join([words, *(card_text(c) for c in self.cards)]).strip()


class FakeBotConnector(_Server):
    """The Bot Connector service of a Teams region: conversations' activities and members."""

    def __init__(self, entra: FakeEntra, anonymous: bool = False) -> None:
        super().__init__()
        self.entra = entra
        self.anonymous = anonymous
        self.members: dict[str, Member] = {}
        self.failures: list[tuple[int, dict[str, str]]] = []
        self._ids = itertools.count(1)

    @property
    def service_url(self) -> str:
        return f"{self.url}/emea/"

    def fail_next(self, status: int, headers: dict[str, str] | None = None) -> None:
        """The next activity posted gets this answer (e.g. 429 with Retry-After)."""
        with self._lock:
            self.failures.append((status, dict(headers or {})))

    def handle(self, request: Recorded) -> Answer:
        parts = [unquote(p) for p in request.path.split("/") if p]
        if parts[:3] != ["emea", "v3", "conversations"] or len(parts) < 5:
            return 404, {}, {"error": {"code": "NotFound", "message": request.path}}
        if not self.anonymous and request.bearer not in self.entra.tokens:
            return 401, {}, {"error": {"code": "Unauthorized", "message": "Authorization has been denied"}}
        what = parts[4]  # parts[3] is the conversation: any conversation the app names exists
        if what == "members" and request.method == "GET" and len(parts) == 6:
            member = self.members.get(parts[5])
            if member is None:
                return 404, {}, {"error": {"code": "MemberNotFoundInConversation", "message": "not found"}}
            return 200, {}, member.json()
        if what == "activities" and request.method in ("POST", "PUT"):
            with self._lock:
                if self.failures and request.method == "POST":
                    status, headers = self.failures.pop(0)
                    return status, headers, {"error": {"code": "Throttled" if status == 429 else "Failed"}}
            if request.method == "PUT":
                return 200, {}, {"id": parts[5]}
            return 201, {}, {"id": f"17643{next(self._ids):08d}"}
        return 405, {}, {"error": {"code": "MethodNotAllowed"}}

    # -- what the app sent -------------------------------------------------------------------------
    def sent(self, conversation: str | None = None, method: str | None = None) -> list[Sent]:
        with self._lock:
            out: list[Sent] = []
            for request in self.requests:
                parts = [unquote(p) for p in request.path.split("/") if p]
                if len(parts) < 5 or parts[4] != "activities" or request.status >= 300:
                    continue
                if conversation is not None and parts[3] != conversation:
                    continue
                if method is not None and request.method != method:
                    continue
                activity_id = parts[5] if len(parts) > 5 else str((request.response or {}).get("id", ""))
                body = request.body if isinstance(request.body, dict) else {}
                out.append(Sent(request.method, parts[3], activity_id, body, request.bearer))
            return out

    def wait_sent(self, conversation: str, count: int = 1, method: str = "POST", timeout: float = 10.0) -> list[Sent]:
        deadline = time.monotonic() + timeout
        while True:
            found = self.sent(conversation, method)
            if len(found) >= count or time.monotonic() > deadline:
                assert len(found) >= count, f"{len(found)} of {count} activities to {conversation}"
                return found
            time.sleep(0.02)


def shown(markdown: str) -> str:
    """A TextBlock's text as Teams shows it: CommonMark's backslash escapes resolved (vaart escapes every
    Markdown character in what it puts there; any formatting left would show up here unresolved)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def card_text(card: dict[str, Any]) -> str:
    """The text blocks of an Adaptive Card as shown, in order (inputs and actions left out)."""
    out: list[str] = []

    def walk(elements: list[dict[str, Any]]) -> None:
        for element in elements:
            if element.get("type") == "TextBlock":
                out.append(shown(str(element.get("text", ""))))
            for key in ("items", "columns"):
                if isinstance(element.get(key), list):
                    walk(element[key])

    walk(card.get("body") or [])
    return "\n".join(out)


def actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    return list(card.get("actions") or [])


def inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in card.get("body") or [] if str(e.get("type", "")).startswith("Input.")}


def block(card: dict[str, Any], block_id: str) -> str | None:
    for element in card.get("body") or []:
        if element.get("id") == block_id:
            return shown(str(element.get("text", "")))
    return None
