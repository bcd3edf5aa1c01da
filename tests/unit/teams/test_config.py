"""Which Teams settings start vaart, which refuse to, and how Teams joins the chat router."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bootstrap.settings import Settings
from bot.domain.errors import Refused
from bot.frontends.teams.config import BOT_FRAMEWORK_METADATA, TeamsConfig
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


def test_a_certificate_signs_in_as_pfx_or_as_pem_with_its_thumbprint(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    from bot.frontends.teams.auth import certificate_credential

    assert certificate_credential("/etc/vaart/teams.pfx", "geheim") == {
        "private_key_pfx_path": "/etc/vaart/teams.pfx", "passphrase": "geheim"}
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "vaart")])
    now = datetime.now(UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(1).not_valid_before(now).not_valid_after(now + timedelta(days=1))
                   .sign(key, hashes.SHA256()))
    pem = tmp_path / "teams.pem"
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.BestAvailableEncryption(b"geheim"))
                    + certificate.public_bytes(serialization.Encoding.PEM))
    credential = certificate_credential(str(pem), "geheim")
    assert credential["thumbprint"] == certificate.fingerprint(hashes.SHA1()).hex()
    assert credential["private_key"].startswith("-----BEGIN PRIVATE KEY-----")
    assert "BEGIN CERTIFICATE" in credential["public_certificate"]
