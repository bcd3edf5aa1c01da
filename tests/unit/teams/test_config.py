"""Which Teams settings start vaart, which refuse to, and how Teams joins the chat router."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.domain.errors import Refused
from bot.teams.config import BOT_FRAMEWORK_METADATA, TeamsConfig
from integrations.chat_router import ChatFirst, with_platform


def _config(**env: str) -> TeamsConfig:
    return TeamsConfig.from_settings(Settings.from_env(env))


def test_no_teams_settings_means_no_teams() -> None:
    config = _config()
    assert not config.enabled and not config.anonymous
    config.check()


@pytest.mark.parametrize(
    ("env", "code"),
    [
        ({"TEAMS_TENANT_ID": "t"}, "teams.no_client_id"),
        ({"TEAMS_KERNTEAM_CONVERSATION": "19:x@thread.tacv2"}, "teams.no_client_id"),
        ({"TEAMS_CLIENT_SECRET": "s", "TEAMS_LOCAL_MODE": "0"}, "teams.no_client_id"),
        ({"TEAMS_CLIENT_ID": "c", "TEAMS_CLIENT_SECRET": "s"}, "teams.no_tenant"),
        ({"TEAMS_CLIENT_ID": "c", "TEAMS_TENANT_ID": "t"}, "teams.no_credentials"),
        ({"TEAMS_CLIENT_ID": "c", "TEAMS_TENANT_ID": "t", "TEAMS_CERTIFICATE_PATH": "/geen/bestand.pfx"},
         "teams.certificate_missing"),
        ({"TEAMS_CLIENT_ID": "c", "TEAMS_TENANT_ID": "t", "TEAMS_LOCAL_MODE": "1"}, "teams.no_credentials"),
    ],
)
def test_settings_teams_cannot_work_with_safely_refuse_to_start(env: dict[str, str], code: str) -> None:
    with pytest.raises(Refused) as refused:
        _config(**env).check()
    assert refused.value.code == code


def test_local_mode_is_anonymous_only_without_a_client_id(tmp_path: Path) -> None:
    local = _config(TEAMS_LOCAL_MODE="1")
    assert local.enabled and local.anonymous
    local.check()
    certificate = tmp_path / "vaart.pfx"
    certificate.write_bytes(b"\x30\x82")
    real = _config(TEAMS_CLIENT_ID="c", TEAMS_TENANT_ID="t", TEAMS_CERTIFICATE_PATH=str(certificate))
    real.check()
    assert real.enabled and not real.anonymous
    assert real.metadata_urls[0] == BOT_FRAMEWORK_METADATA and "/t/v2.0/" in real.metadata_urls[1]
    assert real.authority_url == "https://login.microsoftonline.com"


class _Mail:
    name = "mail"

    def deliver(self, item: object) -> None: ...
    def check(self) -> tuple[bool, str]:
        return True, "mail"


class _Chat:
    def __init__(self, name: str) -> None:
        self.name = self.platform = name

    def reaches(self, email: str) -> bool:
        return True

    def observe(self, item: object) -> None: ...
    def deliver(self, item: object) -> None: ...
    def check(self) -> tuple[bool, str]:
        return True, self.name


def test_a_second_chat_platform_joins_the_router_after_the_first() -> None:
    mail = _Mail()
    slack, teams = _Chat("slack"), _Chat("teams")
    routed = with_platform(with_platform({"mail": mail}, slack), teams)  # type: ignore[dict-item, arg-type]
    router = routed["mail"]
    assert isinstance(router, ChatFirst) and router.mail is mail and router.platforms == [slack, teams]
    assert routed["slack"] is slack and routed["teams"] is teams
