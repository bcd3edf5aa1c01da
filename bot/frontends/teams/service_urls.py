"""The Bot Connector hosts vaart talks to.

An activity's serviceUrl is where vaart answers, looks up the sender's member record (and so their
e-mail address) and later posts proactive messages, each time with its outbound Bot Connector token.
The JWT check binds that URL to the channel's token; this list is the second lock: an activity naming
another host is refused before anything is stored, and no call carrying the token leaves for a host
off the list, whatever a stored conversation says (`Proactive`, `OneConnection`).

The default is Microsoft's Teams service hosts (public cloud, GCC, GCC High, DoD), https on port 443
only, matched exactly (no subdomains: anyone may register a name under trafficmanager.net).
TEAMS_SERVICE_URL_HOSTS replaces the list (`host` or `host:port`, comma-separated); plain http is
accepted only for hosts on this machine (the tests' fakes). In local mode (anonymous, requests from
this machine only) this machine is on the list as well: the Agents Playground or Emulator runs there.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

MICROSOFT_SERVICE_HOSTS = (
    "smba.trafficmanager.net",  # public cloud, every region (/amer/, /emea/, /apac/, ...)
    "smba.infra.gcc.teams.microsoft.com",  # GCC
    "smba.infra.gov.teams.microsoft.us",  # GCC High
    "smba.infra.dod.teams.microsoft.us",  # DoD
)


class ServiceUrlRefused(PermissionError):
    """A Bot Connector URL off the allowed list: nothing is sent there (the message says which host)."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServiceUrls:
    hosts: frozenset[str]  # "host" (https, port 443) or "host:port", lower case
    loopback: bool = False  # any port on this machine, http or https (local mode)

    @classmethod
    def from_setting(cls, setting: str | None, *, local: bool) -> ServiceUrls:
        entries = [e.strip().lower().rstrip("/") for e in (setting or "").split(",") if e.strip()]
        return cls(frozenset(entries or MICROSOFT_SERVICE_HOSTS), loopback=local)

    def allows(self, url: str | None) -> bool:
        try:
            parts = urlsplit((url or "").strip())
            host, port = (parts.hostname or "").lower(), parts.port
        except ValueError:  # a port that is not a number, a broken IPv6 literal
            return False
        if not host or parts.username is not None or parts.password is not None:
            return False
        scheme = parts.scheme.lower()
        if is_loopback(host):
            named = f"{host}:{port}" in self.hosts if port is not None else host in self.hosts
            return scheme in ("http", "https") and (self.loopback or named)
        if scheme != "https" or port not in (None, 443):
            return False
        return host in self.hosts or f"{host}:443" in self.hosts

    def check(self, url: str | None) -> None:
        """Raise ServiceUrlRefused for a URL off the list."""
        if not self.allows(url):
            try:
                host = urlsplit((url or "").strip()).netloc[:100]
            except ValueError:
                host = "?"
            raise ServiceUrlRefused(f"teams: service URL host {host!r} is not on TEAMS_SERVICE_URL_HOSTS")
