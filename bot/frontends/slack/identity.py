"""Who a Slack user is for vaart: their e-mail address, as Slack vouches for it (users.info).

The core knows people by e-mail; a Slack user id is mapped once and kept (in memory and in the
`identities` table) so acks never wait for the Web API. A mapping older than a day is looked up
again (people change their address). A user without an e-mail address (a bot, a guest whose
address is hidden) is refused: vaart cannot tell who they are.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import Refused
from bot.services.ports.chat import ChatDirectory, ChatIdentity
from bot.services.ports.unit_of_work import Clock

log = logging.getLogger("vaart.slack")
PLATFORM = "slack"
FRESH = timedelta(days=1)


class SlackPeople:
    def __init__(self, directory: ChatDirectory, clock: Clock) -> None:
        self.directory = directory
        self.clock = clock
        self._known: dict[str, ChatIdentity] = {}

    def _fresh(self, identity: ChatIdentity) -> bool:
        return identity.updated_at is not None and self.clock.now() - identity.updated_at < FRESH

    def cached(self, user_id: str) -> ChatIdentity | None:
        identity = self._known.get(user_id)
        return identity if identity is not None and self._fresh(identity) else None

    async def resolve(self, client: AsyncWebClient, user_id: str) -> ChatIdentity:
        """The identity of *user_id*; raises Refused("frontend.no_email") when Slack has no address."""
        known = self.cached(user_id)
        if known is not None:
            return known
        stored = await asyncio.to_thread(self.directory.identity, PLATFORM, user_id)
        if stored is not None and self._fresh(stored):
            self._known[user_id] = stored
            return stored
        try:
            response = await client.users_info(user=user_id)
        except SlackApiError as error:
            log.warning("users.info for %s failed: %s", user_id, error.response.get("error"))
            if stored is not None:
                return stored
            raise Refused("frontend.identity_unavailable") from error
        user: dict[str, Any] = response.get("user") or {}
        profile: dict[str, Any] = user.get("profile") or {}
        email = str(profile.get("email") or "").strip().lower()
        if not email or user.get("is_bot") or user.get("deleted"):
            raise Refused("frontend.no_email")
        name = str(profile.get("real_name") or user.get("real_name") or user.get("name") or email)
        now = self.clock.now()
        identity = ChatIdentity(
            PLATFORM, user_id, email, name, stored.dm_channel if stored else None, updated_at=now
        )
        await asyncio.to_thread(self.directory.save_identity, identity, now)
        self._known[user_id] = identity
        return identity

    def remember_dm(self, user_id: str, channel: str) -> None:
        identity = self._known.get(user_id)
        if identity is not None and identity.dm_channel != channel:
            self._known[user_id] = ChatIdentity(
                identity.platform, identity.external_user_id, identity.email, identity.display_name, channel,
                identity.updated_at,
            )
