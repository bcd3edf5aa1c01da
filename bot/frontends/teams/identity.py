"""Who a Teams user is for vaart: the e-mail address Teams gives for their Entra object id.

The core knows people by e-mail. An activity names its sender by Teams user id and Entra object id
(`aadObjectId`); the address comes from the conversation's member record (the Bot Connector's
`GET /v3/conversations/{id}/members/{user}`: `email`, else the user principal name). The mapping is
kept in memory and in the shared `identities` table (platform "teams", keyed by the object id) and
looked up again after a day. Someone for whom Teams gives no address is refused.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.teams import TeamsInfo

from bot.domain.errors import Refused
from bot.services.ports.chat import ChatDirectory, ChatIdentity
from bot.services.ports.unit_of_work import Clock

log = logging.getLogger("vaart.teams")
PLATFORM = "teams"
FRESH = timedelta(days=1)


def sender_key(context: TurnContext) -> str:
    """The sender's stable id: the Entra object id (the Teams user id when there is none)."""
    sender = context.activity.from_property
    return str(getattr(sender, "aad_object_id", None) or getattr(sender, "id", "") or "")


class TeamsPeople:
    def __init__(self, directory: ChatDirectory, clock: Clock) -> None:
        self.directory = directory
        self.clock = clock
        self._known: dict[str, ChatIdentity] = {}

    def _fresh(self, identity: ChatIdentity) -> bool:
        return identity.updated_at is not None and self.clock.now() - identity.updated_at < FRESH

    def cached(self, key: str) -> ChatIdentity | None:
        identity = self._known.get(key)
        return identity if identity is not None and self._fresh(identity) else None

    async def resolve(self, context: TurnContext) -> ChatIdentity:
        """The identity of the activity's sender; Refused("frontend.no_email") when Teams has no address."""
        key = sender_key(context)
        if not key:
            raise Refused("frontend.no_email")
        known = self.cached(key)
        if known is not None:
            return known
        stored = await asyncio.to_thread(self.directory.identity, PLATFORM, key)
        if stored is not None and self._fresh(stored):
            self._known[key] = stored
            return stored
        sender = context.activity.from_property
        try:
            member = await TeamsInfo.get_member(context, str(sender.id))
        except Exception as error:  # the connector's HTTP errors, timeouts, a missing client: all mean "not now"
            log.warning("teams: member lookup for %s failed: %s", key, error)
            if stored is not None:
                return stored
            raise Refused("frontend.identity_unavailable") from error
        principal = str(getattr(member, "user_principal_name", "") or "")
        email = str(getattr(member, "email", "") or (principal if "@" in principal else "")).strip().lower()
        if not email:
            raise Refused("frontend.no_email")
        name = str(getattr(member, "name", "") or getattr(sender, "name", "") or email)
        now = self.clock.now()
        identity = ChatIdentity(PLATFORM, key, email, name, None, updated_at=now)
        await asyncio.to_thread(self.directory.save_identity, identity, now)
        self._known[key] = identity
        return identity
