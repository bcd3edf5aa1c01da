"""Tokens, both ways.

Inbound: every request to /api/messages carries a JWT from the Bot Framework (RS256, signed with a
key published through OpenID Connect metadata). This one checks signature, expiry (required),
not-before, issuer, audience (our client id), the signing key's endorsement for the activity's
channel, that the `serviceurl` claim is there and names the activity's serviceUrl, as the Bot
Framework requires of a channel's token, and that the host is on the allowed list
(`bot.frontends.teams.service_urls`): nobody can make us send our outbound token elsewhere or believe another
host's member records. Any failure is a 401 before the activity is looked at. The metadata URL is
configurable (tests serve keys on 127.0.0.1). Token times are checked against the wall clock, not the
application's clock: a frozen demonstration clock must not make old tokens valid.

Why not the SDK's own (`JwtTokenValidator` with `HttpAdapterBase`'s host validator, 1.9): it fetches
keys only from fixed Microsoft addresses (no sovereign-cloud or test metadata), checks the issuer
only when configured to, does not require `exp`, checks no channel endorsement, and compares the
`serviceurl` claim's host only when the claim is there, so a token without it passes with any
serviceUrl. Its host validator, off by default, matches suffixes of a list that includes hosts
anyone can register under (`blob.core.windows.net`), refuses this machine (so no test can run it),
and is not applied to proactive messages. vaart therefore keeps its own check and leaves the SDK's
host validator off; the SDK receives the claims we validated.

Outbound: client credentials from Entra (msal), for the Bot Connector (`https://api.botframework.com`
scope), with a secret or a certificate (PFX, or PEM with key and certificate). A loopback sign-in
host (tests) is reached through msal's `http_client` hook, as for Graph
(`integrations.outlook.auth.LoopbackAuthority`).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import jwt
from azure.core.credentials_async import AsyncTokenCredential
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import AccessTokenProviderBase, AgentAuthConfiguration, ClaimsIdentity
from microsoft_agents.hosting.core.authorization import AuthenticationConstants, Connections
from msal import ConfidentialClientApplication

from bot.frontends.teams.config import MICROSOFT_AUTHORITY, TeamsConfig
from bot.frontends.teams.service_urls import ServiceUrls
from integrations.outlook.auth import LoopbackAuthority, guard_logs

log = logging.getLogger("vaart.teams.auth")
BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"
SERVICE_URL_CLAIM = "serviceurl"
CLOCK_SKEW = 300  # seconds, as the Bot Framework allows
METADATA_LIFETIME = 24 * 3600
REFETCH_AFTER = 60  # an unknown key id fetches the keys again, at most once a minute per source


class Unauthorized(Exception):
    """The request's token is missing or not valid; the reason is for the log only."""


@dataclass
class _KeySource:
    metadata_url: str
    jwks_uri: str = ""
    keys: dict[str, jwt.PyJWK] = field(default_factory=dict)
    endorsements: dict[str, list[str]] = field(default_factory=dict)
    fetched: float = 0.0


class InboundTokens:
    def __init__(self, config: TeamsConfig, timeout: float = 10.0) -> None:
        if config.client_id is None:
            raise ValueError("inbound tokens need the client id (the audience)")
        self.audience = config.client_id
        tenant = config.tenant_id or "common"
        self.issuers = [
            BOT_FRAMEWORK_ISSUER,
            f"https://sts.windows.net/{tenant}/",
            f"https://login.microsoftonline.com/{tenant}/v2.0",
        ]
        self.sources = [_KeySource(url) for url in config.metadata_urls]
        self.service_urls = config.service_urls
        self.timeout = timeout
        self._lock = asyncio.Lock()

    async def validate(
        self, authorization: str | None, service_url: str | None, channel_id: str | None
    ) -> ClaimsIdentity:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("no bearer token")
        token = token.strip()
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise Unauthorized(f"unreadable token: {error}") from error
        if header.get("alg") != "RS256" or not header.get("kid"):
            raise Unauthorized(f"algorithm {header.get('alg')!r} or key id not accepted")
        key, endorsements = await self._key(str(header["kid"]))
        if endorsements and (channel_id or "") not in endorsements:
            raise Unauthorized(f"key not endorsed for channel {channel_id!r}")
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key,
                algorithms=["RS256"],
                audience=self.audience,
                issuer=self.issuers,
                leeway=CLOCK_SKEW,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as error:
            raise Unauthorized(f"token refused: {error}") from error
        claimed_url = claims.get(SERVICE_URL_CLAIM) or claims.get("serviceUrl")
        if not isinstance(claimed_url, str) or not claimed_url.strip():
            raise Unauthorized("the token has no serviceurl claim")
        if not same_url(claimed_url, service_url):
            raise Unauthorized("serviceUrl of the activity differs from the token's")
        if not self.service_urls.allows(service_url):
            raise Unauthorized("serviceUrl host is not on TEAMS_SERVICE_URL_HOSTS")
        return ClaimsIdentity(claims, "Bearer", security_token=token)

    async def _key(self, kid: str) -> tuple[jwt.PyJWK, list[str]]:
        async with self._lock:
            for source in self.sources:
                if kid not in source.keys and time.monotonic() - source.fetched > REFETCH_AFTER:
                    await self._fetch(source)
                if kid in source.keys:
                    return source.keys[kid], source.endorsements.get(kid, [])
        raise Unauthorized(f"unknown signing key {kid!r}")

    async def _fetch(self, source: _KeySource) -> None:
        try:
            async with httpx.AsyncClient(timeout=self.timeout) as client:
                if not source.jwks_uri or time.monotonic() - source.fetched > METADATA_LIFETIME:
                    metadata = (await client.get(source.metadata_url)).raise_for_status().json()
                    source.jwks_uri = str(metadata["jwks_uri"])
                keys = (await client.get(source.jwks_uri)).raise_for_status().json().get("keys", [])
        except (httpx.HTTPError, ValueError, KeyError) as error:
            log.warning("teams: signing keys from %s not available: %s", source.metadata_url, error)
            source.fetched = time.monotonic() - REFETCH_AFTER + 5  # the keys it had stay; ask again in 5 s
            return
        found: dict[str, jwt.PyJWK] = {}
        endorsements: dict[str, list[str]] = {}
        for data in keys:
            try:
                key = jwt.PyJWK.from_dict(data)
            except jwt.PyJWTError:
                continue
            if key.key_id:
                found[key.key_id] = key
                endorsements[key.key_id] = [str(e) for e in data.get("endorsements") or []]
        source.keys, source.endorsements, source.fetched = found, endorsements, time.monotonic()


def same_url(first: str | None, second: str | None) -> bool:
    """Two service URLs name the same endpoint (case and a trailing slash aside, as the Bot Framework compares)."""
    def norm(url: str | None) -> str:
        return (url or "").strip().rstrip("/").lower()

    return bool(norm(first)) and norm(first) == norm(second)


def bound_service_url(claims: ClaimsIdentity | None, service_url: str | None) -> bool:
    """The claims were validated and name *service_url* (never true for anonymous claims)."""
    return claims is not None and same_url(claims.get_claim_value(SERVICE_URL_CLAIM), service_url)


def anonymous_claims() -> ClaimsIdentity:
    return ClaimsIdentity({}, "Anonymous")


class EntraTokens(AccessTokenProviderBase):
    """Client-credential tokens for our replies and proactive messages (none in local mode)."""

    def __init__(self, config: TeamsConfig, timeout: float = 30.0) -> None:
        self.config = config
        self.timeout = timeout
        self._client: ConfidentialClientApplication | None = None
        self._lock = threading.Lock()
        self._configuration = AgentAuthConfiguration(
            client_id=config.client_id, tenant_id=config.tenant_id, anonymous_allowed=config.anonymous
        )

    @property
    def configuration(self) -> AgentAuthConfiguration:
        return self._configuration

    def get_token_credential(self) -> AsyncTokenCredential:
        """The SDK's hook for an azure-identity credential; vaart signs in with msal only, and no path of
        the core that vaart uses (replies, updates, proactive messages, member lookups) asks for one."""
        raise PermissionError("teams: vaart signs in with msal client credentials, not with an Azure credential")

    # The SDK's hooks for user sign-in on behalf of someone and for agentic identities: vaart has neither
    # (it acts as its own app registration only), so each says so instead of returning a token.
    async def acquire_token_on_behalf_of(self, scopes: list[str], user_assertion: str) -> str:
        raise PermissionError("teams: vaart does not sign in on behalf of a user")

    async def get_agentic_application_token(self, tenant_id: str, agent_app_instance_id: str) -> str | None:
        raise PermissionError("teams: vaart has no agentic identity")

    async def get_agentic_instance_token(self, tenant_id: str, agent_app_instance_id: str) -> tuple[str, str]:
        raise PermissionError("teams: vaart has no agentic identity")

    async def get_agentic_user_token(
        self, tenant_id: str, agent_app_instance_id: str, agentic_user_id: str, scopes: list[str]
    ) -> str | None:
        raise PermissionError("teams: vaart has no agentic identity")

    async def get_access_token(self, resource_url: str, scopes: list[str], force_refresh: bool = False) -> str:
        if self.config.anonymous:
            return ""
        wanted = list(scopes) if scopes else [resource_url.rstrip("/") + "/.default"]
        return await asyncio.to_thread(self.acquire, wanted)

    def acquire(self, scopes: list[str]) -> str:
        """A token for *scopes* (from msal's cache while it is valid). Raises PermissionError."""
        result = self._msal().acquire_token_for_client(scopes=scopes)
        token = result.get("access_token") if isinstance(result, dict) else None
        if not token:
            error = result.get("error", "?") if isinstance(result, dict) else "?"
            raise PermissionError(f"teams: no token from Entra ({error})")
        return str(token)

    def _msal(self) -> ConfidentialClientApplication:
        with self._lock:  # the outbox delivers from several threads
            return self._msal_client()

    def _msal_client(self) -> ConfidentialClientApplication:
        if self._client is None:
            config = self.config
            guard_logs()
            loopback = not config.authority_url.startswith("https://")
            host = MICROSOFT_AUTHORITY if loopback else config.authority_url
            credential: Any = config.client_secret
            if credential is None and config.certificate_path is not None:
                credential = certificate_credential(config.certificate_path, config.certificate_password)
            self._client = ConfidentialClientApplication(
                client_id=str(config.client_id),
                client_credential=credential,
                authority=f"{host}/{config.tenant_id}",
                http_client=LoopbackAuthority(config.authority_url, self.timeout) if loopback else None,
                timeout=self.timeout,
            )
        return self._client


def certificate_credential(path: str, password: str | None) -> dict[str, Any]:
    """msal's client credential for a certificate: a PFX/PKCS#12 file as it is, or a PEM file with the
    private key and the certificate (msal needs the certificate's SHA-1 thumbprint next to the key)."""
    if Path(path).suffix.lower() in (".pfx", ".p12"):
        return {"private_key_pfx_path": path, **({"passphrase": password} if password else {})}
    data = Path(path).read_bytes()
    certificate = x509.load_pem_x509_certificate(data)
    key = serialization.load_pem_private_key(data, password=password.encode() if password else None)
    return {
        "private_key": key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode(),
        "thumbprint": certificate.fingerprint(hashes.SHA1()).hex(),  # msal's x5t header is SHA-1 by spec
        "public_certificate": certificate.public_bytes(serialization.Encoding.PEM).decode(),
    }


class OneConnection(Connections):
    """The SDK's connection manager with our one app registration behind every lookup."""

    def __init__(self, config: TeamsConfig, tokens: EntraTokens) -> None:
        self.tokens = tokens
        self.configuration = tokens.configuration
        self.service_urls: ServiceUrls = config.service_urls

    def get_connection(self, connection_name: str) -> EntraTokens:
        return self.tokens

    def get_default_connection(self) -> EntraTokens:
        return self.tokens

    def get_token_provider(self, claims_identity: ClaimsIdentity, service_url: str) -> EntraTokens:
        """Our tokens, for a Bot Connector on the allowed list (ServiceUrlRefused otherwise) or for the SDK's
        own token service, which the core signs in to on every turn (vaart never calls it)."""
        if service_url.rstrip("/") != AuthenticationConstants.AGENTS_SDK_OAUTH_URL.rstrip("/"):
            self.service_urls.check(service_url)
        return self.tokens

    def get_token_provider_from_activity(self, claims_identity: ClaimsIdentity, activity: Activity) -> EntraTokens:
        return self.get_token_provider(claims_identity, str(activity.service_url or ""))

    def get_default_connection_configuration(self) -> AgentAuthConfiguration:
        return self.configuration
