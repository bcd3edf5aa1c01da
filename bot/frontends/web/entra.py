"""Signing in with Microsoft Entra ID: the OpenID Connect authorization-code flow with PKCE,
through msal (`initiate_auth_code_flow` makes state, nonce and the S256 code challenge;
`acquire_token_by_auth_code_flow` checks state and nonce and sends the verifier).

msal no longer validates the ID token itself, so this module does: audience = our client id,
issuer = the v2.0 issuer of the configured tenant, not expired by our clock. The token comes
straight from the token endpoint over TLS, which OpenID Connect accepts in place of checking its
signature (Core 3.1.3.7, step 6). msal only accepts https authorities; for a loopback test server
the authority stays Microsoft's and an injected HTTP client sends its requests to the loopback
address (msal's documented `http_client` hook).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import requests
from msal import ConfidentialClientApplication

from bot.frontends.web.config import MICROSOFT_AUTHORITY, EntraConfig
from integrations.outlook.auth import LoopbackAuthority

log = logging.getLogger("vaart.web.entra")


class EntraError(Exception):
    """The sign-in did not succeed; the message names why (never a token)."""


class EntraSignIn:
    def __init__(self, config: EntraConfig, timeout: float = 15.0) -> None:
        self.config = config
        self.timeout = timeout
        self._client: ConfidentialClientApplication | None = None
        self._lock = threading.Lock()

    def _msal(self) -> ConfidentialClientApplication:
        with self._lock:
            if self._client is None:
                loopback = not self.config.authority_url.startswith("https://")
                host = MICROSOFT_AUTHORITY if loopback else self.config.authority_url
                self._client = ConfidentialClientApplication(
                    client_id=self.config.client_id,
                    client_credential=self.config.client_secret,
                    authority=f"{host}/{self.config.tenant_id}",
                    http_client=LoopbackAuthority(self.config.authority_url, self.timeout) if loopback else None,
                    timeout=self.timeout,
                )
            return self._client

    def start(self, redirect_uri: str) -> dict[str, Any]:
        """msal's flow: `auth_uri` for the browser, the rest (state, nonce, verifier) kept server-side."""
        try:
            flow = self._msal().initiate_auth_code_flow(
                scopes=[], redirect_uri=redirect_uri, response_mode="query"
            )
        except (ValueError, requests.RequestException) as exc:
            raise EntraError(f"sign-in host unavailable: {type(exc).__name__}") from exc
        if "auth_uri" not in flow or "state" not in flow:
            raise EntraError("msal made no flow")
        return dict(flow)

    def finish(self, flow: Mapping[str, Any], response: Mapping[str, str], now: datetime) -> str:
        """The e-mail address the ID token vouches for, after every check."""
        try:
            result = self._msal().acquire_token_by_auth_code_flow(dict(flow), dict(response))
        except (ValueError, RuntimeError, requests.RequestException) as exc:  # state or nonce mismatch, host down
            raise EntraError(f"flow refused: {type(exc).__name__}") from exc
        if not isinstance(result, dict) or "error" in result:
            error = result.get("error", "?") if isinstance(result, dict) else "?"
            raise EntraError(f"token endpoint said {str(error)[:60]}")
        claims = result.get("id_token_claims") or {}
        return self.check_claims(claims, now)

    def check_claims(self, claims: Mapping[str, Any], now: datetime) -> str:
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.config.client_id not in audiences:
            raise EntraError("id token for another application")
        tenant = str(claims.get("tid") or "")
        if self.config.tenant_id not in ("common", "organizations") and tenant != self.config.tenant_id:
            raise EntraError("id token from another tenant")
        if claims.get("iss") != f"{MICROSOFT_AUTHORITY}/{tenant}/v2.0":
            raise EntraError("id token from another issuer")
        expires = claims.get("exp")
        if not isinstance(expires, int | float) or expires < now.timestamp():
            raise EntraError("id token expired")
        email = claims.get("email") or claims.get("preferred_username")
        if not isinstance(email, str) or "@" not in email:
            raise EntraError("id token names no e-mail address")
        return email.strip().lower()
