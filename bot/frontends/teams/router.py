"""The installation's Teams front end: every activity goes to the desk of the programme it belongs to
(`bot.frontends.teams.handlers.TeamsDesk`, one per programme).

Which programme: a team or channel conversation mapped to one (TEAMS_PROGRAMME_TEAMS, and each
programme's kernteam conversation) pins it; a personal chat goes to the person's choice (`programma
CODE`), else the default. A card action acts in the programme its reference names, a form card's in
the programme it was sent from (its data carries the code, checked against the reference); a
reference or code no programme here has is answered with one refusing sentence and nothing happens. The conversation
reference of every activity is kept in every programme's store, so each programme's outbox can reach
the people and channels it has to (delivery stays per programme).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from microsoft_agents.activity import Activity, TurnContextProtocol
from microsoft_agents.hosting.core import TurnContext

from bot.chat.desk import FrontDesk
from bot.chat.programmes import ProgrammeDesks
from bot.domain.errors import Refused
from bot.frontends.teams import cards
from bot.frontends.teams.config import TeamsConfig
from bot.frontends.teams.handlers import CARD_ACTION, PINNED_STATE, REFUSED_STATE, TeamsDesk
from bot.frontends.teams.identity import PLATFORM, channel_data
from bot.services.ports.conversations import ConversationReferences, FormDrafts

Context = TurnContextProtocol[Activity]


class TeamsFrontEnd:
    def __init__(
        self,
        desks: ProgrammeDesks | FrontDesk,
        references: ConversationReferences | Mapping[str, ConversationReferences],
        config: TeamsConfig,
        drafts: FormDrafts | Mapping[str, FormDrafts],
    ) -> None:
        """*references*, *drafts*: per programme code (each programme's store), or one for a single programme."""
        self.desks = ProgrammeDesks.of(desks)
        self.config = config
        self.by_code: dict[str, TeamsDesk] = {}
        for code, desk in self.desks.items.items():
            kernteam = self.desks.teams_kernteam.get(code) or config.kernteam_conversation
            own = replace(config, kernteam_conversation=kernteam)
            self.by_code[code] = TeamsDesk(desk, _of(references, code), own, _of(drafts, code), self.desks)
        self.default = self.by_code[self.desks.default]

    async def on_turn(self, turn_context: Context) -> None:
        activity = turn_context.activity
        code = await self._programme(turn_context)
        claims = turn_context.identity if isinstance(turn_context, TurnContext) else None
        for other, desk in self.by_code.items():
            if other != code:
                await desk._remember(activity, claims)
        await self.by_code[code].on_turn(turn_context)

    async def _programme(self, context: Context) -> str:
        """The programme of this activity; a card naming none of this installation's leaves the refusal in
        the turn state for the context's desk to answer with."""
        activity = context.activity
        conversation = str(activity.conversation.id) if activity.conversation and activity.conversation.id else ""
        team = channel_data(activity, "team").get("id")
        channel = channel_data(activity, "channel").get("id")
        pinned = self.desks.teams_team(team, channel, conversation, conversation.split(";")[0])
        context.turn_state[PINNED_STATE] = pinned
        if pinned is not None:
            fallback = pinned
        elif not self.desks.several:
            fallback = self.desks.default
        else:
            sender = activity.from_property
            person = str(getattr(sender, "aad_object_id", None) or getattr(sender, "id", None) or "")
            fallback = await asyncio.to_thread(self.desks.chosen, PLATFORM, person)
        if activity.type != "invoke" or activity.name != CARD_ACTION:
            return fallback
        data = _data_of(activity)
        named = str(data.get(cards.PROGRAMME_KEY) or "").upper()
        reference = str(data.get(cards.REF_KEY) or "").strip()
        try:
            if named and named not in self.desks.items:
                raise Refused("programme.unknown", programme=named[:20], codes=", ".join(self.desks.codes))
            code = self.desks.for_reference(reference, named or fallback)
            if named and code != named:
                raise Refused("programme.unknown_reference", reference=reference[:40])
            return code
        except Refused as refusal:
            context.turn_state[REFUSED_STATE] = refusal
            return fallback


def _of(value: Any, code: str) -> Any:
    return value[code] if isinstance(value, Mapping) else value


def _data_of(activity: Activity) -> dict[str, Any]:
    """An Action.Execute's data: what the card put in it (a reference, a form, its programme)."""
    value: dict[str, Any] = activity.value if isinstance(activity.value, dict) else {}
    action: dict[str, Any] = value["action"] if isinstance(value.get("action"), dict) else {}
    data: dict[str, Any] = action["data"] if isinstance(action.get("data"), dict) else {}
    return data
