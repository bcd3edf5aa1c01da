"""Who a Teams user is for vaart: the e-mail address Teams gives for their Entra object id.

The core knows people by e-mail. An activity names its sender by Teams user id and Entra object id
(`aadObjectId`); the address comes from the conversation's member record (the Bot Connector's
`GET /v3/conversations/{id}/members/{user}`: `email`, else the user principal name). The mapping is
kept in memory and in the shared `identities` table (platform "teams", keyed by the object id) and
looked up again after a day. Someone for whom Teams gives no address is refused.

The lookup is the Agents SDK core's own (`TeamsConnectorClient.get_conversation_member`, the client
the core puts on every turn); the Teams extension's `TeamsInfo.get_member`, which vaart used before,
is the same call with the team's id in place of the conversation's in a team channel, and its 1.x
line needs Python 3.12. The client carries the turn's outbound token to the activity's serviceUrl,
which the JWT check has bound to the token and to the allowed hosts (`bot.frontends.teams.auth`).
"""

from __future__ import annotations

import logging
from typing import Any

from microsoft_agents.activity import Activity, TurnContextProtocol
from microsoft_agents.activity.teams import TeamsChannelAccount
from microsoft_agents.hosting.core import ConnectorClientBase, TeamsConnectorClient, TurnContext

from bot.chat.people import PlatformPeople, PlatformUnavailable
from bot.domain.errors import Refused
from bot.services.ports.chat import ChatDirectory, ChatIdentity
from bot.services.ports.unit_of_work import Clock

log = logging.getLogger("vaart.teams")
PLATFORM = "teams"


def sender_key(context: TurnContextProtocol[Activity]) -> str:
    """The sender's stable id: the Entra object id (the Teams user id when there is none)."""
    sender = context.activity.from_property
    return str(getattr(sender, "aad_object_id", None) or getattr(sender, "id", "") or "")


class TeamsPeople(PlatformPeople):
    def __init__(self, directory: ChatDirectory, clock: Clock) -> None:
        super().__init__(PLATFORM, directory, clock)

    async def resolve_sender(self, context: TurnContextProtocol[Activity]) -> ChatIdentity:
        """The identity of the activity's sender; Refused("frontend.no_email") when Teams has no address."""
        key = sender_key(context)
        if not key:
            raise Refused("frontend.no_email")
        sender = context.activity.from_property

        async def ask() -> tuple[str, str] | None:
            try:
                member = await member_record(context, str(sender.id))
            except Exception as error:  # the connector's HTTP errors, timeouts, a missing client: all mean "not now"
                log.warning("teams: member lookup for %s failed: %s", key, error)
                raise PlatformUnavailable(type(error).__name__) from error
            principal = str(getattr(member, "user_principal_name", "") or "")
            email = str(getattr(member, "email", "") or (principal if "@" in principal else "")).strip().lower()
            if not email:
                return None
            return email, str(getattr(member, "name", "") or getattr(sender, "name", "") or email)

        return await self.resolve(key, ask)


async def member_record(context: TurnContextProtocol[Activity], user_id: str) -> TeamsChannelAccount:
    """The member record of *user_id*: in a team's channel from the team's roster (the team id is the
    roster's conversation id, as `TeamsInfo.get_member` does), elsewhere from the conversation's."""
    services = context.services if isinstance(context, TurnContext) else None
    client = services.get(ConnectorClientBase) if services is not None else None  # type: ignore[type-abstract]
    if not isinstance(client, TeamsConnectorClient):
        raise LookupError("teams: no Bot Connector client on this turn")
    activity = context.activity
    team = channel_data(activity, "team").get("id")
    roster = str(team or "") or str(getattr(activity.conversation, "id", "") or "")
    if not roster or not user_id:
        raise LookupError("teams: no conversation or user to look up")
    return await client.get_conversation_member(roster, user_id)


def channel_data(activity: Activity, key: str) -> dict[str, Any]:
    """One object of the activity's Teams channel data (`team`, `tenant`), or {} when it is not there."""
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    found = data.get(key)
    return found if isinstance(found, dict) else {}
