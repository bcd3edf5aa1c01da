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

from bot.domain.programme import Programme
from bot.domain.timezone import AMSTERDAM
from bot.mail_config import MailSettings

SHIPPED_PROGRAMME = "zod.toml"


@dataclass(frozen=True)
class Settings:
    var_dir: Path
    database_url: str
    outbox_dir: Path
    programme_file: Path | None
    language: str | None
    frozen_now: datetime | None = None
    env: Mapping[str, str] = field(repr=False, default_factory=dict)
    mail: MailSettings = field(default_factory=MailSettings)
    slack_api_url: str | None = None  # SLACK_API_URL: another Web API base (tests); tokens via secret()
    slack_kernteam_channel: str | None = None  # SLACK_KERNTEAM_CHANNEL: where new ideas are announced

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
            env=source,
            mail=MailSettings.from_env(source),
            slack_api_url=source.get("SLACK_API_URL") or None,
            slack_kernteam_channel=source.get("SLACK_KERNTEAM_CHANNEL") or None,
        )

    def secret(self, name: str) -> str | None:
        """A secret from the environment, or None. Never logged, never defaulted."""
        value = self.env.get(name)
        return value or None


def _aware(text: str) -> datetime:
    """VAART_NOW (for demonstrations and tests): an ISO time; without an offset it is Amsterdam time."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)


def load_programme_data(path: Path | None = None) -> dict[str, Any]:
    if path is None:
        text = resources.files("bot.programmes").joinpath(SHIPPED_PROGRAMME).read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    return tomllib.loads(text)


def load_programme(path: Path | None = None, language: str | None = None) -> Programme:
    data = load_programme_data(path)
    if language:
        data["programma"]["taal"] = language
    return Programme.from_dict(data)
