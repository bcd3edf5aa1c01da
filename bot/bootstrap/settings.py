"""Settings from the environment and the programme file. Secrets only ever come from the environment.

Nothing here has a secret default. With no settings at all vaart runs on the embedded default:
SQLite under ./var, the console chat, and the file outbox under ./var/outbox.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from bot.bootstrap.mail_settings import SECRET_NAMES, MailSettings
from bot.domain.errors import Refused
from bot.domain.governance import ProfileError
from bot.domain.programme import Programme
from bot.domain.timezone import AMSTERDAM
from bot.messages import render
from bot.private_files import FILE_MODE, parse_mode
from bot.programme.toml_lines import line_of

SHIPPED_PROGRAMME = "zod.toml"


@dataclass(frozen=True)
class Settings:
    var_dir: Path
    database_url: str
    outbox_dir: Path
    programme_file: Path | None
    language: str | None
    frozen_now: datetime | None = None
    # VAART_DATABASE_SCHEMA: on PostgreSQL the one schema the store lives in (search_path is exactly
    # that schema); an installation with several programmes gives each further programme its own
    database_schema: str | None = None
    file_mode: int = FILE_MODE  # VAART_FILE_MODE: store, outbox and exports (bot.private_files)
    env: Mapping[str, str] = field(repr=False, default_factory=dict)
    mail: MailSettings = field(default_factory=MailSettings)
    slack_api_url: str | None = None  # SLACK_API_URL: another Web API base (tests); tokens via secret()
    slack_kernteam_channel: str | None = None  # SLACK_KERNTEAM_CHANNEL: where new ideas are announced
    # Teams (bot.frontends.teams.config reads these; the secret TEAMS_CLIENT_SECRET only through secret())
    teams_client_id: str | None = None  # TEAMS_CLIENT_ID: the app registration's client id
    teams_tenant_id: str | None = None  # TEAMS_TENANT_ID: the Entra tenant of the registration
    teams_certificate_path: str | None = None  # TEAMS_CERTIFICATE_PATH: PFX or PEM, not the secret
    teams_local_mode: bool = False  # TEAMS_LOCAL_MODE=1: anonymous, from 127.0.0.1 only
    teams_kernteam_conversation: str | None = None  # TEAMS_KERNTEAM_CONVERSATION: channel for new ideas
    # TEAMS_CHANNELS: "naam=19:...@thread.tacv2,naam2=..." the channels the communicatiekalender posts to by name
    teams_channels: str | None = None
    teams_openid_metadata_url: str | None = None  # TEAMS_OPENID_METADATA_URL: signing keys of inbound tokens
    teams_authority_url: str | None = None  # TEAMS_AUTHORITY_URL: the sign-in host for outbound tokens
    teams_service_url_hosts: str | None = None  # TEAMS_SERVICE_URL_HOSTS: allowed Bot Connector hosts

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        source = dict(os.environ if env is None else env)
        var_dir = Path(source.get("VAART_VAR_DIR", "var")).resolve()
        database_url = source.get("VAART_DATABASE_URL") or f"sqlite:///{var_dir / 'vaart.db'}"
        programme = source.get("VAART_PROGRAMME")
        return cls(
            var_dir=var_dir,
            database_url=database_url,
            outbox_dir=Path(source.get("VAART_OUTBOX_DIR", str(var_dir / "outbox"))).resolve(),
            programme_file=Path(programme) if programme else None,
            language=source.get("VAART_LANGUAGE") or None,
            frozen_now=_aware(source["VAART_NOW"]) if source.get("VAART_NOW") else None,
            database_schema=source.get("VAART_DATABASE_SCHEMA") or None,
            file_mode=parse_mode(source.get("VAART_FILE_MODE")),
            env=source,
            mail=MailSettings.from_env(source),
            slack_api_url=source.get("SLACK_API_URL") or None,
            slack_kernteam_channel=source.get("SLACK_KERNTEAM_CHANNEL") or None,
            teams_client_id=source.get("TEAMS_CLIENT_ID") or None,
            teams_tenant_id=source.get("TEAMS_TENANT_ID") or None,
            teams_certificate_path=source.get("TEAMS_CERTIFICATE_PATH") or None,
            teams_local_mode=source.get("TEAMS_LOCAL_MODE", "").strip().lower() in ("1", "true", "ja", "yes"),
            teams_kernteam_conversation=source.get("TEAMS_KERNTEAM_CONVERSATION") or None,
            teams_channels=source.get("TEAMS_CHANNELS") or None,
            teams_openid_metadata_url=source.get("TEAMS_OPENID_METADATA_URL") or None,
            teams_authority_url=source.get("TEAMS_AUTHORITY_URL") or None,
            teams_service_url_hosts=source.get("TEAMS_SERVICE_URL_HOSTS") or None,
        )

    def secret(self, name: str) -> str | None:
        """A secret from the environment, or None. Never logged, never defaulted."""
        value = self.env.get(name)
        return value or None


def _aware(text: str) -> datetime:
    """VAART_NOW (for demonstrations and tests): an ISO time; without an offset it is Amsterdam time."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)


def programme_text(path: Path | None = None) -> str:
    if path is None:
        return resources.files("bot.programme").joinpath(SHIPPED_PROGRAMME).read_text(encoding="utf-8")
    return path.read_text(encoding="utf-8")


def load_programme_data(path: Path | None = None) -> dict[str, Any]:
    return tomllib.loads(programme_text(path))


def load_programme(path: Path | None = None, language: str | None = None) -> Programme:
    """The programme file read and checked; an inconsistent governance profile refuses to start with
    the file, the line of the key and the problem in one Dutch sentence."""
    text = programme_text(path)
    data = tomllib.loads(text)
    if language:
        data["programma"]["taal"] = language
    try:
        return Programme.from_dict(data)
    except ProfileError as problem:
        raise Refused(
            "programme.invalid",
            file=path.name if path is not None else SHIPPED_PROGRAMME,
            line=line_of(text, problem.path),
            problem=render(problem.code, "nl", **problem.params),
        ) from problem


def check_mail_settings(settings: Settings) -> None:
    """Refuse settings with which the chosen channel cannot work (names only; no secret is read out)."""
    present = {name: settings.secret(name) is not None for names in SECRET_NAMES.values() for name in names}
    settings.mail.validate(present)
