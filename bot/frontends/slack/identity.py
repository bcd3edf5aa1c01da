"""Who a Slack user is for vaart: their e-mail address, as Slack vouches for it (users.info).

The core knows people by e-mail; a Slack user id is mapped once and kept (in memory and in the
`identities` table) so acks never wait for the Web API. A mapping older than a day is looked up
again (people change their address). A user without an e-mail address (a bot, a guest whose
address is hidden) is refused: vaart cannot tell who they are.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.people import PlatformPeople, PlatformUnavailable
from bot.services.ports.chat import ChatDirectory, ChatIdentity
from bot.services.ports.unit_of_work import Clock

log = logging.getLogger("vaart.slack")
PLATFORM = "slack"


class SlackPeople(PlatformPeople):
    def __init__(self, directory: ChatDirectory, clock: Clock) -> None:
        super().__init__(PLATFORM, directory, clock)

    async def resolve_user(self, client: AsyncWebClient, user_id: str) -> ChatIdentity:
        """The identity of *user_id*; raises Refused("frontend.no_email") when Slack has no address."""

        async def ask() -> tuple[str, str] | None:
            try:
                response = await client.users_info(user=user_id)
            except SlackApiError as error:
                log.warning("users.info for %s failed: %s", user_id, error.response.get("error"))
                raise PlatformUnavailable(str(error.response.get("error"))) from error
            user: dict[str, Any] = response.get("user") or {}
            profile: dict[str, Any] = user.get("profile") or {}
            email = str(profile.get("email") or "").strip().lower()
            if not email or user.get("is_bot") or user.get("deleted"):
                return None
            return email, str(profile.get("real_name") or user.get("real_name") or user.get("name") or email)

        return await self.resolve(user_id, ask)
