"""What the Teams front end does with each activity: messages (the console's text commands, in the
person's language), Adaptive Card actions (Action.Execute), and the app being installed.

Every activity the JWT check let through first has its conversation reference stored, so the
outbox can reach that conversation later. The services are synchronous (SQLAlchemy) and run in
threads, never on the event loop. Teams retries an invoke it got no answer to, with the same
activity id: that id is the request key of the service call, so a retried action is answered from
the service's memory instead of acted on twice, and retries arriving while the first is still
running wait for it. A retried message is acted on once (its id is claimed). Every rule is checked
by the service at the moment of the click, so a stale card cannot do what is no longer allowed;
such a click is answered with the card as it now is and the refusal on top, for that person only.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from microsoft_agents.activity import Activity, InvokeResponse, TurnContextProtocol
from microsoft_agents.hosting.core import ActivityHandler, ClaimsIdentity, TurnContext

from bot.chat.bot import ChatSession
from bot.chat.desk import FrontDesk
from bot.chat.forms import FORM_WORDS, FormErrors
from bot.chat.layout import laid_out
from bot.chat.programmes import CHOOSER, PINNED, ProgrammeDesks
from bot.chat.round_commands import vote_text
from bot.domain.budget_mandate import RequestStatus
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.domain.rounds import RoundStatus, WrittenRound
from bot.frontends.teams import cards
from bot.frontends.teams.adapter import card_activity, text_activity
from bot.frontends.teams.auth import bound_service_url
from bot.frontends.teams.config import TeamsConfig
from bot.frontends.teams.identity import PLATFORM, TeamsPeople, channel_data
from bot.frontends.teams.steps import STEP_KEY, SteppedForms, split
from bot.messages import render
from bot.services.ports.chat import ChatIdentity, PostedMessage
from bot.services.ports.conversations import (
    CHANNEL,
    PERSONAL,
    ConversationReferences,
    FormDrafts,
    StoredConversation,
)

log = logging.getLogger("vaart.teams")
ORIGIN = "teams"
CARD_ACTION = "adaptiveCard/action"
MESSAGE_TYPE = "application/vnd.microsoft.activity.message"
MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
Json = dict[str, Any]
Context = TurnContextProtocol[Activity]
PINNED_STATE = "vaart.programme_pinned"  # turn state: the code of the mapped team the activity came from
REFUSED_STATE = "vaart.programme_refused"  # turn state: the Refused for a card naming no programme here


def reference_json(activity: Activity) -> Json:
    """The activity's conversation reference as stored: Bot Framework field names, no activity id (a
    proactive message starts a new message instead of replying to an old one)."""
    reference = activity.get_conversation_reference()
    data: Json = reference.model_dump(mode="json", by_alias=True, exclude_none=True)
    data.pop("activityId", None)
    return data


def card_response(card: cards.Card) -> InvokeResponse:
    return InvokeResponse(status=200, body={"statusCode": 200, "type": cards.CARD_TYPE, "value": card})


def message_response(text: str) -> InvokeResponse:
    """An answer Teams shows next to the card without changing it."""
    return InvokeResponse(status=200, body={"statusCode": 200, "type": MESSAGE_TYPE, "value": text})


class TeamsDesk(ActivityHandler):
    """One programme's Teams. The installation's front end (`bot.frontends.teams.router.TeamsFrontEnd`)
    hands each activity to the desk of the programme it belongs to, with `PINNED_STATE` set when it
    comes from a team mapped to a programme and `REFUSED_STATE` when a card names no programme here."""

    def __init__(self, desk: FrontDesk, references: ConversationReferences, config: TeamsConfig,
                 drafts: FormDrafts, desks: ProgrammeDesks | None = None) -> None:
        self.desk = desk
        self.desks = desks or ProgrammeDesks.single(desk)
        self.claims = self.desks.get(self.desks.default).directory  # a retry is recognised installation-wide
        self._spend_procedure = desk.programme.governance.procedure("uitgave")  # the spend card's words
        self.chat = desk.chat
        self.directory = desk.directory
        self.references = references
        self.config = config
        self.forms = desk.forms
        self.stepped = SteppedForms(desk.forms, drafts, desk.clock)
        self.lookups = desk.lookups
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
            form = await asyncio.to_thread(self.forms.build, name, reference, session.lang)
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
        lang = session.lang
        refused = context.turn_state.get(REFUSED_STATE)
        if isinstance(refused, Refused):  # the card names no programme of this installation: nothing happens
            return message_response(self._describe(refused, lang))
        reference = str(data.get(cards.REF_KEY) or "").strip()
        name = str(data.get(cards.FORM_KEY) or "")
        if verb == cards.SUBMIT_FORM:
            return await self._submit(identity, lang, name, reference, data, key)
        if verb == cards.OPEN_FORM:
            return await self._open(identity, lang, name, reference)
        if verb == cards.PICK_UP:
            return await self._pick_up(context, identity, lang, reference, key)
        if verb == cards.APPROVE:
            return await self._approve(context, identity, lang, reference, key)
        if verb == cards.REJECT:
            return await self._reject(context, identity, lang, reference, data, key)
        if verb == cards.ROUND_VOTE:
            return await self._round_vote(context, identity, lang, reference, data, key)
        return message_response(render("teams.unknown_action", lang))

    async def _round_vote(
        self, context: Context, identity: ChatIdentity, lang: str, reference: str, data: Mapping[str, Any],
        key: str | None
    ) -> InvokeResponse:
        """Akkoord / Bezwaar / Onthouding on a round's card; an objection's reason from its field. Once the
        member has voted (or the round closed) the card shows their vote and the round's state, no buttons:
        in the invoke's answer and, in place, in their chat (as Slack's `chat.update` does)."""
        choice = str(data.get(cards.CHOICE_KEY) or "")
        reason = str(data.get("reason") or "")
        try:
            reply = await asyncio.to_thread(self.desk.rounds.vote, identity.email, ORIGIN, reference, choice, reason,
                                            key)
        except Refused as refusal:
            note = self._describe(refusal, lang)
            done = await asyncio.to_thread(self._round_done_for, identity.email, reference)
            if done is None:  # the card still takes this member's vote (a Bezwaar without reason): it stays
                return message_response(note)
            return await self._replace_clicked(context, cards.answered_round_card(done, identity.email, lang,
                                                                                  message=note))
        said = vote_text(self.chat, reply, lang)
        now = await asyncio.to_thread(self.desk.rounds.get, str(reply.params["reference"]))
        return await self._replace_clicked(context, cards.answered_round_card(now, identity.email, lang, said))

    def _round_done_for(self, email: str, reference: str) -> WrittenRound | None:
        """The round if its card has nothing left for *email* to press: voted, closed or past its deadline."""
        try:
            found = self.desk.rounds.get(reference)
        except Refused:
            return None  # no such round: nothing to show but the refusal
        if email not in found.members:
            return None
        over = found.status is not RoundStatus.OPEN or self.desk.clock.now() >= found.closes_at
        return found if over or found.vote_of(email) is not None else None

    async def _replace_clicked(self, context: Context, card: cards.Card) -> InvokeResponse:
        """*card* in place of the clicked one, in the conversation and as the invoke's answer."""
        clicked = context.activity.reply_to_id
        if clicked:
            update = card_activity(card)
            update.id = clicked
            await context.update_activity(update)
        return card_response(card)

    async def _submit(
        self, identity: ChatIdentity, lang: str, name: str, reference: str, data: Mapping[str, Any], key: str | None
    ) -> InvokeResponse:
        try:
            form = await asyncio.to_thread(self.forms.build, name, reference, lang)
        except Refused as refusal:
            return message_response(self._describe(refusal, lang))
        parts = split(form, lang)
        if len(parts) > 1 and STEP_KEY in data:  # a card of old, with every field, goes through as one
            return await self.stepped.submit(identity.email, lang, form, parts, data[STEP_KEY], data, key, ORIGIN)
        values = cards.read_values(form, data)
        try:
            submitted = await asyncio.to_thread(
                self.forms.submit, name, reference, values, identity.email, ORIGIN, lang, key
            )
        except FormErrors as problems:
            return card_response(cards.form_card(form, lang, values, problems.errors))
        except Refused as refusal:
            return card_response(cards.form_card(form, lang, values, message=self._describe(refusal, lang)))
        return card_response(cards.outcome_card(form.title, submitted.text))

    async def _open(self, identity: ChatIdentity, lang: str, name: str, reference: str) -> InvokeResponse:
        try:
            await asyncio.to_thread(self.forms.may_open, name, reference, identity.email)
            form = await asyncio.to_thread(self.forms.build, name, reference, lang)
        except Refused as refusal:
            return message_response(self._describe(refusal, lang))
        return card_response(await self.stepped.first_card(identity.email, form, lang))

    async def _pick_up(
        self, context: Context, identity: ChatIdentity, lang: str, reference: str, key: str | None
    ) -> InvokeResponse:
        note: str | None = None
        try:
            await asyncio.to_thread(self.desk.ideas.pick_up, identity.email, ORIGIN, reference, None, key)
        except Refused as refusal:
            note = self._describe(refusal, lang)
        found = await asyncio.to_thread(self.lookups.idea_and_contact, reference)
        if found is None:
            return message_response(note or render("teams.unknown_action", lang))
        idea, contact = found
        if idea.state is not Status.INGEDIEND:  # the card everyone sees no longer offers Oppakken
            procedure = self.desk.programme.governance.procedure("voorstel")
            shared = cards.kernteam_card(idea, self.desk.programme.language, contact, procedure=procedure)
            await self._update_clicked(context, shared, "kernteam", idea.reference, idea.status)
        procedure = self.desk.programme.governance.procedure("voorstel")
        return card_response(cards.kernteam_card(idea, lang, contact, note, procedure))

    async def _approve(
        self, context: Context, identity: ChatIdentity, lang: str, reference: str, key: str | None
    ) -> InvokeResponse:
        note: str | None = None
        try:
            await asyncio.to_thread(self.desk.budget.approve, identity.email, ORIGIN, reference, key)
        except Refused as refusal:
            note = self._describe(refusal, lang)
        return await self._spend_answer(context, identity, lang, reference, note)

    async def _reject(
        self,
        context: Context,
        identity: ChatIdentity,
        lang: str,
        reference: str,
        data: Mapping[str, Any],
        key: str | None,
    ) -> InvokeResponse:
        reason = str(data.get("reason") or "")
        try:
            await asyncio.to_thread(self.forms.may_open, "spend_reject", reference, identity.email)
            await asyncio.to_thread(
                self.forms.submit, "spend_reject", reference, {"reason": reason}, identity.email, ORIGIN, lang, key
            )
        except Refused as refusal:
            return await self._spend_answer(context, identity, lang, reference, self._describe(refusal, lang))
        except FormErrors as problems:
            found = await asyncio.to_thread(self.lookups.find_request, reference)
            if found is None:
                return message_response("; ".join(problems.errors.values()))
            request, decider = found
            error = problems.errors.get("reason") or "; ".join(problems.errors.values())
            if request.status is not RequestStatus.REQUESTED:  # decided meanwhile: say so above the outcome
                return card_response(cards.spend_card(request, lang, decider, error, procedure=self._spend_procedure))
            return card_response(cards.spend_card(request, lang, decider, reason=reason, error=error,
                                                    procedure=self._spend_procedure))
        return await self._spend_answer(context, identity, lang, reference, None)

    async def _spend_answer(
        self, context: Context, identity: ChatIdentity, lang: str, reference: str, note: str | None
    ) -> InvokeResponse:
        """The spend card as the request now stands (who decided, when), with *note* on top."""
        found = await asyncio.to_thread(self.lookups.find_request, reference)
        if found is None:
            return message_response(note or render("teams.unknown_action", lang))
        request, decider = found
        if note is None:
            await self._remember_card(context, "spend", request.reference, identity.email, cards.spend_state(request))
        return card_response(cards.spend_card(request, lang, decider, note, procedure=self._spend_procedure))

    # -- keeping the posted cards right ----------------------------------------------------------------
    async def _update_clicked(self, context: Context, card: cards.Card, kind: str, reference: str,
                              state: str) -> None:
        """Show *card* to everyone in place of the clicked one (an invoke's answer reaches only the clicker)."""
        clicked = context.activity.reply_to_id
        if not clicked:
            return
        recipient = self.config.kernteam_conversation if kind == "kernteam" else None
        posted = None
        if recipient:
            posted = await asyncio.to_thread(self.directory.posted, PLATFORM, kind, reference, recipient)
            if posted is not None and posted.message_id != clicked:
                posted = None
        if posted is not None and posted.state == state:
            return  # already shows it (a retried click)
        update = card_activity(card)
        update.id = clicked
        await context.update_activity(update)
        if posted is not None and recipient:  # the card we posted now shows *state*: nothing left to refresh
            message = PostedMessage(PLATFORM, kind, reference, recipient, posted.channel_id, clicked, state)
            await asyncio.to_thread(self.directory.save_posted, message, self.desk.clock.now())

    async def _remember_card(self, context: Context, kind: str, reference: str, recipient: str,
                             state: str) -> None:
        stored = context.turn_state.get("vaart.conversation")
        clicked = context.activity.reply_to_id
        if not isinstance(stored, StoredConversation) or not clicked:
            return
        message = PostedMessage(PLATFORM, kind, reference, recipient, str(stored.key), str(clicked), state)
        await asyncio.to_thread(self.directory.save_posted, message, self.desk.clock.now())
