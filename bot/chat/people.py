"""Who a chat platform's user is, by e-mail address: one copy of the rule for Slack and Teams.

Remembered in memory for a day, then read from the chat directory (the store), then asked of the
platform (Slack's users.info, Teams' member record). When the platform cannot be asked, a stored
identity is good enough; without one the person is told to try again later. No address: refused.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot.domain.errors import Refused
from bot.services.ports.chat import ChatDirectory, ChatIdentity
from bot.services.ports.unit_of_work import Clock

FRESH = timedelta(days=1)


class PlatformUnavailable(Exception):
    """The platform could not say who someone is just now (a timeout, an API error)."""


# The platform's answer: (e-mail address, display name), or None when it gives no usable address.
Ask = Callable[[], Awaitable[tuple[str, str] | None]]


class PlatformPeople:
    def __init__(self, platform: str, directory: ChatDirectory, clock: Clock) -> None:
        self.platform = platform
        self.directory = directory
        self.clock = clock
        self._known: dict[str, ChatIdentity] = {}

    def _fresh(self, identity: ChatIdentity) -> bool:
        return identity.updated_at is not None and self.clock.now() - identity.updated_at < FRESH

    def cached(self, key: str) -> ChatIdentity | None:
        identity = self._known.get(key)
        return identity if identity is not None and self._fresh(identity) else None

    async def resolve(self, key: str, ask: Ask) -> ChatIdentity:
        """The identity of the platform user *key*; Refused("frontend.no_email") without an address."""
        known = self.cached(key)
        if known is not None:
            return known
        stored = await asyncio.to_thread(self.directory.identity, self.platform, key)
        if stored is not None and self._fresh(stored):
            self._known[key] = stored
            return stored
        try:
            answer = await ask()
        except PlatformUnavailable as error:
            if stored is not None:
                return stored
            raise Refused("frontend.identity_unavailable") from error
        if answer is None:
            raise Refused("frontend.no_email")
        email, name = answer
        now = self.clock.now()
        identity = ChatIdentity(self.platform, key, email, name, stored.dm_channel if stored else None, updated_at=now)
        await asyncio.to_thread(self.directory.save_identity, identity, now)
        self._known[key] = identity
        return identity

    def remember_dm(self, key: str, channel: str) -> None:
        identity = self._known.get(key)
        if identity is not None and identity.dm_channel != channel:
            self._known[key] = ChatIdentity(
                identity.platform, identity.external_user_id, identity.email, identity.display_name, channel,
                identity.updated_at,
            )
