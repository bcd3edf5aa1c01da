"""Who a Teams user is for vaart: the e-mail address Teams gives for their Entra object id.

The core knows people by e-mail. An activity names its sender by Teams user id and Entra object id
(`aadObjectId`); the address comes from the conversation's member record (the Bot Connector's
`GET /v3/conversations/{id}/members/{user}`: `email`, else the user principal name). The mapping is
kept in memory and in the shared `identities` table (platform "teams", keyed by the object id) and
looked up again after a day. Someone for whom Teams gives no address is refused.
"""

from __future__ import annotations

import logging

from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.teams import TeamsInfo

from bot.chat.people import PlatformPeople, PlatformUnavailable
from bot.domain.errors import Refused
from bot.services.ports.chat import ChatDirectory, ChatIdentity
from bot.services.ports.unit_of_work import Clock

log = logging.getLogger("vaart.teams")
PLATFORM = "teams"


def sender_key(context: TurnContext) -> str:
    """The sender's stable id: the Entra object id (the Teams user id when there is none)."""
    sender = context.activity.from_property
    return str(getattr(sender, "aad_object_id", None) or getattr(sender, "id", "") or "")


class TeamsPeople(PlatformPeople):
    def __init__(self, directory: ChatDirectory, clock: Clock) -> None:
        super().__init__(PLATFORM, directory, clock)

    async def resolve_sender(self, context: TurnContext) -> ChatIdentity:
        """The identity of the activity's sender; Refused("frontend.no_email") when Teams has no address."""
        key = sender_key(context)
        if not key:
            raise Refused("frontend.no_email")
        sender = context.activity.from_property

        async def ask() -> tuple[str, str] | None:
            try:
                member = await TeamsInfo.get_member(context, str(sender.id))
            except Exception as error:  # the connector's HTTP errors, timeouts, a missing client: all mean "not now"
                log.warning("teams: member lookup for %s failed: %s", key, error)
                raise PlatformUnavailable(type(error).__name__) from error
            principal = str(getattr(member, "user_principal_name", "") or "")
            email = str(getattr(member, "email", "") or (principal if "@" in principal else "")).strip().lower()
            if not email:
                return None
            return email, str(getattr(member, "name", "") or getattr(sender, "name", "") or email)

        return await self.resolve(key, ask)
