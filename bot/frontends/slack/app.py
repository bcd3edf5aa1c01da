"""The Slack app factory: one Bolt `AsyncApp` (asyncio, so it never blocks the ASGI event loop)
with our listeners, built from the application's settings when asked, never at import time.

The Web API base URL comes from SLACK_API_URL (tests point it at a fake Slack on 127.0.0.1). Calls
made while handling a request retry on 429 after Slack's Retry-After; notifications do not go this
way but through the outbox (`bot.frontends.slack.delivery`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.desk import FrontDesk
from bot.chat.programmes import ProgrammeDesks
from bot.frontends.slack.config import SlackConfig
from bot.frontends.slack.router import SlackFrontEnd


@dataclass(frozen=True)
class SlackRuntime:
    """The Bolt app and our front end behind it (tests and shutdown wait for its background work)."""

    bolt: AsyncApp
    front: SlackFrontEnd
    config: SlackConfig


def build_slack(desks: ProgrammeDesks | FrontDesk, config: SlackConfig) -> SlackRuntime:
    """*desks*: the installation's programmes (one desk: a one-programme installation)."""
    if config.bot_token is None:
        raise ValueError("SLACK_BOT_TOKEN is not set: the Slack front end cannot start")
    client = AsyncWebClient(
        token=config.bot_token,
        base_url=config.api_url,
        timeout=10,
        retry_handlers=[AsyncConnectionErrorRetryHandler(), AsyncRateLimitErrorRetryHandler(max_retry_count=2)],
    )
    bolt = AsyncApp(
        name="vaart",
        client=client,
        signing_secret=config.signing_secret or "",
        # the signature is checked at the door of /slack/events (server.events_route) before Bolt sees a
        # request, and Socket Mode carries none: Bolt checking it again would only cost the acks time
        request_verification_enabled=False,
        process_before_response=True,  # listeners ack at once and hand their work to background tasks
        logger=logging.getLogger("vaart.slack.bolt"),
    )
    front = SlackFrontEnd(desks, config)
    front.register(bolt)
    return SlackRuntime(bolt, front, config)
