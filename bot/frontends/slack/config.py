"""Which Slack settings are there: HTTP mode needs the signing secret, Socket Mode the app token,
both the bot token. Secrets come only from `Settings.secret`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

SLACK_API = "https://slack.com/api/"


class SlackSettings(Protocol):
    """What Slack reads of `bot.bootstrap.settings.Settings`."""

    @property
    def slack_api_url(self) -> str | None: ...
    @property
    def slack_kernteam_channel(self) -> str | None: ...
    def secret(self, name: str) -> str | None: ...


@dataclass(frozen=True)
class SlackConfig:
    bot_token: str | None
    app_token: str | None
    signing_secret: str | None
    api_url: str
    kernteam_channel: str | None

    @classmethod
    def from_settings(cls, settings: SlackSettings) -> SlackConfig:
        url = settings.slack_api_url or SLACK_API
        return cls(
            bot_token=settings.secret("SLACK_BOT_TOKEN"),
            app_token=settings.secret("SLACK_APP_TOKEN"),
            signing_secret=settings.secret("SLACK_SIGNING_SECRET"),
            api_url=url if url.endswith("/") else url + "/",
            kernteam_channel=settings.slack_kernteam_channel,
        )

    @property
    def outbound(self) -> bool:
        """Notifications can go to Slack DMs."""
        return self.bot_token is not None

    @property
    def http(self) -> bool:
        """/slack/events is mounted in the ASGI app."""
        return self.bot_token is not None and self.signing_secret is not None

    @property
    def socket_mode(self) -> bool:
        return self.bot_token is not None and self.app_token is not None
