"""What the Teams front end does with each activity: messages (the console's text commands, in the
person's language), Adaptive Card actions (Action.Execute: who clicked, retries; the verbs themselves
are `actions.CardActions`), and the app being installed.

Every activity the JWT check let through first has its conversation reference stored, so the
outbox can reach that conversation later. The services are synchronous (SQLAlchemy) and run in
threads, never on the event loop. Teams retries an invoke it got no answer to, with the same
activity id: that id is the request key of the service call, so a retried action is answered from
the service's memory instead of acted on twice, and retries arriving while the first is still
running wait for it. A retried message is acted on once (its id is claimed).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from microsoft_agents.activity import Activity, InvokeResponse
from microsoft_agents.hosting.core import ActivityHandler, ClaimsIdentity, TurnContext

from bot.chat.bot import ChatSession
from bot.chat.desk import FrontDesk
from bot.chat.forms import FORM_WORDS
from bot.chat.layout import laid_out
from bot.chat.programmes import CHOOSER, PINNED, ProgrammeDesks
from bot.domain.errors import Refused
from bot.frontends.teams import cards
from bot.frontends.teams.actions import ORIGIN, CardActions, Context, message_response
from bot.frontends.teams.adapter import card_activity, text_activity
from bot.frontends.teams.auth import bound_service_url
from bot.frontends.teams.config import TeamsConfig
from bot.frontends.teams.identity import TeamsPeople, channel_data
from bot.frontends.teams.steps import SteppedForms
from bot.messages import render
from bot.services.ports.chat import ChatIdentity
from bot.services.ports.conversations import (
    CHANNEL,
    PERSONAL,
    ConversationReferences,
    FormDrafts,
    StoredConversation,
)

log = logging.getLogger("vaart.teams")
CARD_ACTION = "adaptiveCard/action"
MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
Json = dict[str, Any]
PINNED_STATE = "vaart.programme_pinned"  # turn state: the code of the mapped team the activity came from
REFUSED_STATE = "vaart.programme_refused"  # turn state: the Refused for a card naming no programme here


def reference_json(activity: Activity) -> Json:
    """The activity's conversation reference as stored: Bot Framework field names, no activity id (a
    proactive message starts a new message instead of replying to an old one)."""
    reference = activity.get_conversation_reference()
    data: Json = reference.model_dump(mode="json", by_alias=True, exclude_none=True)
    data.pop("activityId", None)
    return data


class TeamsDesk(ActivityHandler):
    """One programme's Teams. The installation's front end (`bot.frontends.teams.router.TeamsFrontEnd`)
    hands each activity to the desk of the programme it belongs to, with `PINNED_STATE` set when it
    comes from a team mapped to a programme and `REFUSED_STATE` when a card names no programme here."""

    def __init__(self, desk: FrontDesk, references: ConversationReferences, config: TeamsConfig,
                 drafts: FormDrafts, desks: ProgrammeDesks | None = None) -> None:
        self.desk = desk
        self.desks = desks or ProgrammeDesks.single(desk)
        self.claims = self.desks.get(self.desks.default).directory  # a retry is recognised installation-wide
        self.chat = desk.chat
        self.references = references
        self.config = config
        self.forms = desk.forms
        self.stepped = SteppedForms(desk.forms, drafts, desk.clock)
        self.actions = CardActions(desk, config, self.stepped)
        self.people = TeamsPeople(self.desks.identities(desk.programme.code), desk.clock)  # told to every programme
        self.sessions: dict[str, ChatSession] = {}
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    # -- every activity ------------------------------------------------------------------------------
    async def on_turn(self, turn_context: Context) -> None:
        turn_context.turn_state["vaart.lang"] = self.desk.programme.language
        claims = turn_context.identity if isinstance(turn_context, TurnContext) else None
        stored = await self._remember(turn_context.activity, claims)
        turn_context.turn_state["vaart.conversation"] = stored
        await super().on_turn(turn_context)

    async def _remember(self, activity: Activity, claims: ClaimsIdentity | None) -> StoredConversation | None:
        """Store the activity's conversation reference. Its service URL replaces a stored one only when the
        validated token names it: an anonymous activity (local mode) may start a conversation, not move one."""
        conversation = activity.conversation
        if conversation is None or not conversation.id or not activity.service_url:
            return None
        kind = str(conversation.conversation_type or (CHANNEL if conversation.is_group else PERSONAL))
        sender = activity.from_property
        aad = getattr(sender, "aad_object_id", None) if kind == PERSONAL else None
        tenant = conversation.tenant_id or channel_data(activity, "tenant").get("id")
        service_url, reference = str(activity.service_url), reference_json(activity)
        if not bound_service_url(claims, service_url):
            known = await asyncio.to_thread(self.references.get, str(conversation.id))
            if known is not None and known.service_url != service_url:
                log.warning("teams: conversation %s stays at its stored service URL (not bound to a token)", known.key)
                service_url = reference["serviceUrl"] = known.service_url
        return await asyncio.to_thread(
            self.references.save, str(conversation.id), kind, aad, tenant, service_url, reference,
            self.desk.clock.now()
        )

    def _key(self, activity: Activity, kind: str) -> str | None:
        """The request key of an activity: Teams' activity ids are unique per conversation only."""
        if not activity.id:
            return None
        where = hashlib.sha256(str(activity.conversation.id).encode()).hexdigest()[:12]
        return f"{ORIGIN}:{kind}:{where}:{activity.id}"[:200]

    async def _first(self, context: Context) -> bool:
        key = self._key(context.activity, "activity")
        if key is None:
            return True
        first = await asyncio.to_thread(self.claims.claim, key, self.desk.clock.now())
        if not first:
            log.info("teams: activity %s seen before, not acted on again", context.activity.id)
        return first

    async def _who(self, context: Context) -> tuple[ChatIdentity, ChatSession]:
        identity = await self.people.resolve_sender(context)
        session = self.sessions.get(identity.external_user_id)
        if session is None or session.email != identity.email:
            lang = self.desks.language(ORIGIN, identity.external_user_id)
            session = await asyncio.to_thread(self.chat.session, identity.email, ORIGIN, lang)
            session.extra[CHOOSER] = identity.external_user_id
            self.sessions[identity.external_user_id] = session
        session.extra[PINNED] = context.turn_state.get(PINNED_STATE)
        context.turn_state["vaart.lang"] = session.lang
        return identity, session

    def _describe(self, refusal: Refused, lang: str) -> str:
        return self.chat.describe(refusal, lang)

    # -- install -------------------------------------------------------------------------------------
    async def on_conversation_update_activity(self, turn_context: Context) -> None:
        activity = turn_context.activity
        added = {str(m.id) for m in activity.members_added or []}
        personal = (activity.conversation.conversation_type or PERSONAL) == PERSONAL
        if activity.recipient is None or str(activity.recipient.id) not in added or not personal:
            return
        if not await self._first(turn_context):
            return
        session: ChatSession | None = None
        try:
            _, session = await self._who(turn_context)  # learn the address now, so notifications reach them
        except Refused as refusal:
            log.info("teams: installed by someone without an address: %s", refusal.code)
        lang = str(turn_context.turn_state.get("vaart.lang"))
        welcome = render("teams.welcome", lang, programme=self.desk.programme.name)
        if session is not None and await asyncio.to_thread(self.chat.people.get, session.email) is None:
            welcome = self.chat.welcome(session)  # a guest: what the virtueel punt is and how to submit
        await turn_context.send_activity(text_activity(welcome))

    # -- messages ------------------------------------------------------------------------------------
    async def on_message_activity(self, turn_context: Context) -> None:
        activity = turn_context.activity
        text = MENTION.sub("", str(activity.text or "")).strip()
        if not text:
            return
        if not await self._first(turn_context):
            return
        try:
            identity, session = await self._who(turn_context)
        except Refused as refusal:
            await turn_context.send_activity(text_activity(self._describe(refusal, self.desk.programme.language)))
            return
        word, _, rest = " ".join(text.split()).partition(" ")
        word = word.lower()
        if session.dialog is None and word in ("idee", "idea") and not rest:
            await self._send_form(turn_context, identity, session, "idea", "")
            return
        if session.dialog is None and word in FORM_WORDS and rest and " " not in rest:
            await self._send_form(turn_context, identity, session, FORM_WORDS[word], rest.upper())
            return
        answer, table = await asyncio.to_thread(laid_out, self.chat, session, text)
        if table is not None:
            await turn_context.send_activity(card_activity(cards.table_card(table), answer.split("\n")[0]))
        elif answer:
            await turn_context.send_activity(text_activity(answer))

    async def _send_form(
        self, context: Context, identity: ChatIdentity, session: ChatSession, name: str, reference: str
    ) -> None:
        try:
            await asyncio.to_thread(self.forms.may_open, name, reference, identity.email)
            form = await asyncio.to_thread(self.forms.build, name, reference, session.lang, identity.email)
        except Refused as refusal:
            await context.send_activity(text_activity(self._describe(refusal, session.lang)))
            return
        first = await self.stepped.first_card(identity.email, form, session.lang)
        if self.desks.several:
            cards.stamp(first, self.desk.programme.code)
        await context.send_activity(card_activity(first, form.title))

    # -- card actions ----------------------------------------------------------------------------------
    async def on_invoke_activity(self, turn_context: Context) -> InvokeResponse:
        activity = turn_context.activity
        if activity.name != CARD_ACTION:
            other = await super().on_invoke_activity(turn_context)
            return other if other is not None else InvokeResponse(status=501)
        value: Json = activity.value if isinstance(activity.value, dict) else {}
        action: Json = value["action"] if isinstance(value.get("action"), dict) else {}
        if action.get("type") != "Action.Execute":
            body = {"statusCode": 400, "type": "application/vnd.microsoft.error",
                    "value": {"code": "BadRequest", "message": "Action.Execute expected"}}
            return InvokeResponse(status=200, body=body)
        data: Json = action["data"] if isinstance(action.get("data"), dict) else {}
        key = self._key(activity, "invoke")
        async with self._serialised(key):
            answer = await self._execute(turn_context, str(action.get("verb") or ""), data, key)
        if self.desks.several:  # the next step's card, or the form again, still names its programme
            cards.stamp(answer.body, self.desk.programme.code)
        return answer

    @asynccontextmanager
    async def _serialised(self, key: str | None) -> AsyncIterator[None]:
        """Retries of one invoke wait for the first; then the service answers them from memory."""
        if key is None:
            yield
            return
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    async def _execute(
        self, context: Context, verb: str, data: Mapping[str, Any], key: str | None
    ) -> InvokeResponse:
        try:
            identity, session = await self._who(context)
        except Refused as refusal:
            return message_response(self._describe(refusal, self.desk.programme.language))
        refused = context.turn_state.get(REFUSED_STATE)
        if isinstance(refused, Refused):  # the card names no programme of this installation: nothing happens
            return message_response(self._describe(refused, session.lang))
        return await self.actions.execute(context, identity, session.lang, verb, data, key)
