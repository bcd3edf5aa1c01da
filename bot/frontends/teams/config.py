"""Which Teams settings there are, and whether vaart may start with them.

Teams is switched on by any TEAMS_* setting. The messaging endpoint then validates the Bot
Framework's JWT on every request, which needs the app registration's client id (the token's
audience), its tenant, and a client secret or certificate for the replies. Without a client id
vaart refuses to start, unless TEAMS_LOCAL_MODE=1 says this is a local trial: then requests are
anonymous and only accepted from 127.0.0.1. Secrets come only from `Settings.secret`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from bot.domain.errors import Refused
from bot.frontends.teams.service_urls import ServiceUrls

MICROSOFT_AUTHORITY = "https://login.microsoftonline.com"
# Where the Bot Framework's and Entra's signing keys are published (OpenID Connect metadata).
BOT_FRAMEWORK_METADATA = "https://login.botframework.com/v1/.well-known/openidconfiguration"
ENTRA_METADATA = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration"


class TeamsSettings(Protocol):
    """What Teams reads of `bot.bootstrap.settings.Settings`."""

    @property
    def teams_client_id(self) -> str | None: ...
    @property
    def teams_tenant_id(self) -> str | None: ...
    @property
    def teams_certificate_path(self) -> str | None: ...
    @property
    def teams_local_mode(self) -> bool: ...
    @property
    def teams_kernteam_conversation(self) -> str | None: ...
    @property
    def teams_channels(self) -> str | None: ...
    @property
    def teams_openid_metadata_url(self) -> str | None: ...
    @property
    def teams_authority_url(self) -> str | None: ...
    @property
    def teams_service_url_hosts(self) -> str | None: ...
    def secret(self, name: str) -> str | None: ...


@dataclass(frozen=True)
class TeamsConfig:
    client_id: str | None
    tenant_id: str | None
    client_secret: str | None
    certificate_path: str | None
    certificate_password: str | None
    local_mode: bool
    kernteam_conversation: str | None
    metadata_urls: tuple[str, ...]
    authority_url: str
    service_urls: ServiceUrls
    channels: Mapping[str, str] = field(default_factory=dict)  # a channel's name -> its conversation id

    @classmethod
    def from_settings(cls, settings: TeamsSettings) -> TeamsConfig:
        tenant = settings.teams_tenant_id
        if settings.teams_openid_metadata_url:
            metadata: tuple[str, ...] = (settings.teams_openid_metadata_url,)
        else:
            metadata = (BOT_FRAMEWORK_METADATA, ENTRA_METADATA.format(tenant=tenant or "common"))
        return cls(
            client_id=settings.teams_client_id,
            tenant_id=tenant,
            client_secret=settings.secret("TEAMS_CLIENT_SECRET"),
            certificate_path=settings.teams_certificate_path,
            certificate_password=settings.secret("TEAMS_CERTIFICATE_PASSWORD"),
            local_mode=settings.teams_local_mode,
            kernteam_conversation=settings.teams_kernteam_conversation,
            channels=parse_channels(settings.teams_channels),
            metadata_urls=metadata,
            authority_url=(settings.teams_authority_url or MICROSOFT_AUTHORITY).rstrip("/"),
            service_urls=ServiceUrls.from_setting(
                settings.teams_service_url_hosts, local=settings.teams_client_id is None and settings.teams_local_mode
            ),
        )

    @property
    def enabled(self) -> bool:
        """Some Teams setting is there: /api/messages is mounted and notifications may go to Teams."""
        return any(
            (self.client_id, self.tenant_id, self.client_secret, self.certificate_path, self.local_mode,
             self.kernteam_conversation)
        )

    @property
    def anonymous(self) -> bool:
        """No client id, in local mode: no token checks inbound, no token outbound."""
        return self.client_id is None and self.local_mode

    def check(self) -> None:
        """Refuse settings Teams cannot work with safely (a Dutch `Refused`; `vaart` exits with 1)."""
        if not self.enabled or self.anonymous:
            return
        if self.client_id is None:
            raise Refused("teams.no_client_id")
        if self.tenant_id is None:
            raise Refused("teams.no_tenant")
        if self.client_secret is None and self.certificate_path is None:
            raise Refused("teams.no_credentials")
        if self.certificate_path is not None and not Path(self.certificate_path).is_file():
            raise Refused("teams.certificate_missing", path=self.certificate_path)


def parse_channels(text: str | None) -> dict[str, str]:
    """TEAMS_CHANNELS: "nieuws=19:abc@thread.tacv2, partners=19:def@thread.tacv2"; names as typed in
    `communicatie plan ... kanaal:teams:NAAM` (case does not matter). A pair without a name or an id
    stops the start, so a wrong setting is not found only when an item is due."""
    channels: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        name, _, conversation = part.partition("=")
        if not name.strip() or not conversation.strip().startswith("19:"):
            raise Refused("teams.channels_invalid", part=part.strip()[:80])
        channels[name.strip().lower()] = conversation.strip()
    return channels
