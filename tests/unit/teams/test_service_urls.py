"""The allowed Bot Connector hosts: Microsoft's Teams service hosts exactly, https on 443, and this
machine only where the settings or local mode say so."""

from __future__ import annotations

import pytest

from bot.frontends.teams.service_urls import MICROSOFT_SERVICE_HOSTS, ServiceUrlRefused, ServiceUrls

DEFAULT = ServiceUrls.from_setting(None, local=False)


@pytest.mark.parametrize("url", [
    "https://smba.trafficmanager.net/emea/",
    "https://smba.trafficmanager.net/teams",
    "https://SMBA.trafficmanager.net:443/amer/0f7c6a3e/",
    "https://smba.infra.gcc.teams.microsoft.com/gcc",
    "https://smba.infra.gov.teams.microsoft.us/gcch",
    "https://smba.infra.dod.teams.microsoft.us/teams",
])
def test_microsofts_teams_service_hosts_are_allowed_by_default(url: str) -> None:
    assert DEFAULT.allows(url)


@pytest.mark.parametrize("url", [
    "http://smba.trafficmanager.net/emea/",  # not https
    "https://smba.trafficmanager.net:8443/emea/",  # another port
    "https://evil.trafficmanager.net/emea/",  # anyone may register a Traffic Manager name
    "https://smba.trafficmanager.net.evil.example/emea/",
    "https://x.smba.trafficmanager.net/emea/",  # no subdomains
    "https://user:pw@smba.trafficmanager.net/emea/",
    "https://attacker.blob.core.windows.net/x",
    "http://127.0.0.1:9/emea/",  # this machine only when named or in local mode
    "https://[::1/emea/",
    "https://smba.trafficmanager.net:port/",
    "",
    None,
])
def test_anything_else_is_refused(url: str | None) -> None:
    assert not DEFAULT.allows(url)
    with pytest.raises(ServiceUrlRefused):
        DEFAULT.check(url)


def test_the_setting_replaces_the_list_and_names_this_machine_with_its_port() -> None:
    urls = ServiceUrls.from_setting(" 127.0.0.1:4100 , Bots.Example.NL ", local=False)
    assert urls.hosts == frozenset({"127.0.0.1:4100", "bots.example.nl"})
    assert urls.allows("http://127.0.0.1:4100/emea/") and urls.allows("https://bots.example.nl/x")
    assert not urls.allows("http://127.0.0.1:4101/emea/") and not urls.allows("http://bots.example.nl/x")
    assert not urls.allows("https://smba.trafficmanager.net/emea/")


def test_local_mode_adds_this_machine_to_microsofts_hosts() -> None:
    urls = ServiceUrls.from_setting("", local=True)
    assert urls.hosts == frozenset(MICROSOFT_SERVICE_HOSTS)
    assert urls.allows("http://localhost:56150/") and urls.allows("http://127.0.0.1:3978/emea/")
    assert urls.allows("http://[::1]:3978/") and not urls.allows("http://10.0.0.5:3978/")
