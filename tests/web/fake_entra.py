"""A fake Microsoft Entra ID on 127.0.0.1: OpenID discovery, the authorize endpoint (it signs the
browser in at once as `email` and sends it back with a code) and the token endpoint, which checks
the client secret, the redirect URI and the PKCE verifier (S256) before it gives an ID token."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
from collections.abc import Callable
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt

AUTHORITY = "https://login.microsoftonline.com"


class FakeEntra:
    def __init__(self, tenant: str, client_id: str, secret: str, email: str, now: Callable[[], datetime]) -> None:
        self.tenant, self.client_id, self.secret, self.email, self.now = tenant, client_id, secret, email, now
        self.codes: dict[str, dict[str, str]] = {}
        self.authorize_requests: list[dict[str, str]] = []
        self.token_requests: list[dict[str, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeEntra:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _discovery(self) -> dict[str, Any]:
        return {
            "issuer": f"{AUTHORITY}/{self.tenant}/v2.0",
            "authorization_endpoint": f"{self.url}/{self.tenant}/oauth2/v2.0/authorize",
            "token_endpoint": f"{AUTHORITY}/{self.tenant}/oauth2/v2.0/token",
            "jwks_uri": f"{AUTHORITY}/{self.tenant}/discovery/v2.0/keys",
            "response_types_supported": ["code"],
        }

    def _token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.token_requests.append(form)
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None:
            return 400, {"error": "invalid_grant"}
        if form.get("client_id") != self.client_id or form.get("client_secret") != self.secret:
            return 401, {"error": "invalid_client"}
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri"}
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if grant.get("code_challenge_method") != "S256" or challenge != grant.get("code_challenge"):
            return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        moment = int(self.now().timestamp())
        claims = {"aud": self.client_id, "iss": f"{AUTHORITY}/{self.tenant}/v2.0", "tid": self.tenant,
                  "sub": "fake-subject", "iat": moment, "nbf": moment, "exp": moment + 3600,
                  "nonce": grant.get("nonce", ""), "preferred_username": self.email, "name": "Test"}
        id_token = jwt.encode(claims, "fake-entra-signing-key-of-32-bytes!", algorithm="HS256")
        return 200, {"token_type": "Bearer", "scope": "openid profile", "expires_in": 3600,
                     "access_token": secrets.token_urlsafe(16), "id_token": id_token}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def _json(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                if parts.path == f"/{fake.tenant}/v2.0/.well-known/openid-configuration":
                    self._json(200, fake._discovery())
                elif parts.path == f"/{fake.tenant}/oauth2/v2.0/authorize":
                    fake.authorize_requests.append(query)
                    code = secrets.token_urlsafe(12)
                    fake.codes[code] = query
                    self.send_response(302)
                    back = urlencode({"code": code, "state": query["state"]})
                    self.send_header("location", f"{query['redirect_uri']}?{back}")
                    self.end_headers()
                else:
                    self._json(404, {"error": "not_found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlsplit(self.path).path == f"/{fake.tenant}/oauth2/v2.0/token":
                    self._json(*fake._token(form))
                else:
                    self._json(404, {"error": "not_found"})

        return Handler
