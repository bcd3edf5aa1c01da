"""The web front end's settings, from the environment (secrets only through `Settings.secret`).

| setting | meaning | default |
|---|---|---|
| `VAART_WEB_BASE_URL` | where the pages live (mail links, Entra redirect, POST origin) | `http://127.0.0.1:8000` |
| `VAART_WEB_SESSION_HOURS` | how long a sign-in holds | 8 |
| `VAART_WEB_ENTRA_CLIENT_ID`, `VAART_WEB_ENTRA_TENANT_ID` | the Entra app registration for signing in | off |
| `VAART_WEB_ENTRA_CLIENT_SECRET` (secret) | its client secret | - |
| `VAART_WEB_ENTRA_AUTHORITY_URL` | the sign-in host (tests: a fake on 127.0.0.1) | Microsoft's |
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from bot.domain.errors import Refused
from bot.services.web_access import session_hours

MICROSOFT_AUTHORITY = "https://login.microsoftonline.com"


@dataclass(frozen=True)
class EntraConfig:
    client_id: str
    tenant_id: str
    client_secret: str = field(repr=False)
    authority_url: str = MICROSOFT_AUTHORITY


class WebSettings(Protocol):
    """What the web front end reads of `bot.bootstrap.settings.Settings`."""

    @property
    def env(self) -> Mapping[str, str]: ...
    def secret(self, name: str) -> str | None: ...


@dataclass(frozen=True)
class WebConfig:
    base_url: str = "http://127.0.0.1:8000"  # with the programme's prefix: links in mails, the Entra return
    session_hours: float = 8.0
    entra: EntraConfig | None = None
    # Where a further programme of the installation lives ("/programma/vdg"); "" for the default at "/".
    # Its pages link under it, and its cookies carry their own names and this path, so two
    # programmes' sign-ins never mix (each is a session in its own programme's store anyway).
    prefix: str = ""

    def cookie(self, name: str) -> str:
        return f"{name}_{self.prefix.rsplit('/', 1)[-1]}" if self.prefix else name

    @property
    def cookie_path(self) -> str:
        return self.prefix or "/"

    def here(self, path: str) -> str:
        """A path of this programme's pages ("/werk") as the browser asks for it."""
        return self.prefix + path

    @classmethod
    def from_settings(cls, settings: WebSettings, prefix: str = "") -> WebConfig:
        env = settings.env
        base = (env.get("VAART_WEB_BASE_URL") or cls.base_url).rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise Refused("web.config.bad_base_url", url=base[:100])
        hours = session_hours(env)
        client_id = env.get("VAART_WEB_ENTRA_CLIENT_ID") or None
        entra = None
        if client_id:
            tenant = env.get("VAART_WEB_ENTRA_TENANT_ID") or ""
            secret = settings.secret("VAART_WEB_ENTRA_CLIENT_SECRET")
            if not tenant or not secret:
                raise Refused("web.config.entra_incomplete")
            authority = (env.get("VAART_WEB_ENTRA_AUTHORITY_URL") or MICROSOFT_AUTHORITY).rstrip("/")
            entra = EntraConfig(client_id, tenant, secret, authority)
        return cls(base_url=base + prefix, session_hours=hours, entra=entra, prefix=prefix)
