"""Part of the composition root: the Slack outbox channel, when SLACK_BOT_TOKEN is set."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.bootstrap.settings import Settings
from bot.chat.lookups import ChatLookups
from bot.frontends.slack.config import SlackConfig
from bot.frontends.slack.delivery import SlackDelivery
from bot.services.ports.chat import ChatDirectory
from bot.services.ports.outbox import Channel
from bot.services.ports.unit_of_work import Clock
from integrations.chat_router import with_platform


def with_slack(
    channels: dict[str, Channel],
    settings: Settings,
    directory: ChatDirectory,
    clock: Clock,
    lookups: ChatLookups,
) -> dict[str, Channel]:
    """*channels* plus Slack when SLACK_BOT_TOKEN is set: channel "slack", and "mail" going to Slack
    DMs for people who use Slack."""
    config = SlackConfig.from_settings(settings)
    if not config.outbound:
        return channels
    client = WebClient(token=config.bot_token, base_url=config.api_url, timeout=10)
    slack = SlackDelivery(client, directory, clock, lookups, config.kernteam_channel)
    return with_platform(channels, slack)
