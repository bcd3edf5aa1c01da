"""Settings for delivering mail and invitations: which channel, where, and within which limits.

Kept apart from `bot.bootstrap.settings` so the delivery area can grow without touching the core settings;
`Settings.mail` holds one of these. Secrets (the SMTP password, the Graph client secret) are not
here: they are read with `Settings.secret(NAME)` when the channel is built, and never logged.
A chosen channel that misses a required setting refuses to start with a Dutch explanation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain.errors import Refused

CHANNELS = ("file", "smtp", "graph", "failing")
SECURITIES = ("starttls", "tls", "none")
SECRET_NAMES = {"smtp": ("VAART_SMTP_PASSWORD",), "graph": ("VAART_GRAPH_CLIENT_SECRET",)}
DEFAULT_GRAPH_URL = "https://graph.microsoft.com/"
DEFAULT_AUTHORITY_URL = "https://login.microsoftonline.com"


@dataclass(frozen=True)
class MailSettings:
    channel: str = "file"
    rate_per_minute: float = 30.0
    max_attendees: int = 250
    max_bytes: int = 3_500_000
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_security: str = "starttls"
    smtp_user: str | None = None
    smtp_timeout: float = 30.0
    smtp_cafile: str | None = None
    graph_tenant_id: str | None = None
    graph_client_id: str | None = None
    graph_mailbox: str | None = None
    graph_url: str = DEFAULT_GRAPH_URL
    graph_authority_url: str = DEFAULT_AUTHORITY_URL
    failing_times: int = 2

    @classmethod
    def from_env(cls, source: Mapping[str, str]) -> MailSettings:
        def text(name: str) -> str | None:
            value = source.get(name, "").strip()
            return value or None

        channel = (text("VAART_MAIL") or "file").lower()
        security = (text("VAART_SMTP_SECURITY") or "starttls").lower()
        return cls(
            channel=channel,
            rate_per_minute=_number(source, "VAART_MAIL_RATE", 30.0),
            max_attendees=int(_number(source, "VAART_MAIL_MAX_ATTENDEES", 250)),
            max_bytes=int(_number(source, "VAART_MAIL_MAX_BYTES", 3_500_000)),
            smtp_host=text("VAART_SMTP_HOST"),
            smtp_port=int(_number(source, "VAART_SMTP_PORT", 0)) or None,
            smtp_security=security,
            smtp_user=text("VAART_SMTP_USER"),
            smtp_timeout=_number(source, "VAART_SMTP_TIMEOUT", 30.0),
            smtp_cafile=text("VAART_SMTP_CAFILE"),
            graph_tenant_id=text("VAART_GRAPH_TENANT_ID"),
            graph_client_id=text("VAART_GRAPH_CLIENT_ID"),
            graph_mailbox=text("VAART_GRAPH_MAILBOX"),
            graph_url=_slash(text("VAART_GRAPH_URL") or DEFAULT_GRAPH_URL),
            graph_authority_url=(text("VAART_GRAPH_AUTHORITY_URL") or DEFAULT_AUTHORITY_URL).rstrip("/"),
            failing_times=int(_number(source, "VAART_FAILING_TIMES", 2)),
        )

    @property
    def port(self) -> int:
        """The SMTP port: as set, or the usual one for the security mode."""
        if self.smtp_port:
            return self.smtp_port
        return {"tls": 465, "starttls": 587}.get(self.smtp_security, 25)

    def missing(self, secret: Mapping[str, bool]) -> list[str]:
        """The names of required settings that are not set for the chosen channel.
        *secret* says per secret name whether it is present (the values are never passed here)."""
        required: dict[str, object] = {}
        if self.channel == "smtp":
            required = {"VAART_SMTP_HOST": self.smtp_host}
            if self.smtp_user:
                required["VAART_SMTP_PASSWORD"] = secret.get("VAART_SMTP_PASSWORD")
        elif self.channel == "graph":
            required = {
                "VAART_GRAPH_TENANT_ID": self.graph_tenant_id,
                "VAART_GRAPH_CLIENT_ID": self.graph_client_id,
                "VAART_GRAPH_CLIENT_SECRET": secret.get("VAART_GRAPH_CLIENT_SECRET"),
                "VAART_GRAPH_MAILBOX": self.graph_mailbox,
            }
        return [name for name, value in required.items() if not value]

    def validate(self, secret: Mapping[str, bool]) -> None:
        """Refuse a channel that cannot work: unknown names, missing settings, bad values."""
        if self.channel not in CHANNELS:
            raise Refused("delivery.unknown_channel", value=self.channel, choices=", ".join(CHANNELS))
        if self.smtp_security not in SECURITIES:
            raise Refused("delivery.bad_security", value=self.smtp_security, choices=", ".join(SECURITIES))
        missing = self.missing(secret)
        if missing:
            raise Refused("delivery.settings_missing", channel=self.channel, names=", ".join(missing))
        if self.channel == "graph" and self.graph_tenant_id in ("common", "organizations", "consumers"):
            raise Refused("delivery.graph_tenant", value=self.graph_tenant_id)
        for name, url in (("VAART_GRAPH_URL", self.graph_url), ("VAART_GRAPH_AUTHORITY_URL", self.graph_authority_url)):
            if not (url.startswith("https://") or url.startswith("http://127.0.0.1")):
                raise Refused("delivery.bad_url", name=name, value=url)
        if self.rate_per_minute < 0 or self.max_attendees < 1 or self.max_bytes < 1000:
            raise Refused("delivery.bad_limits")


def _number(source: Mapping[str, str], name: str, default: float) -> float:
    value = source.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise Refused("delivery.not_a_number", name=name, value=value) from exc


def _slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"
