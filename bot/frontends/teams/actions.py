"""The Adaptive Card actions (Action.Execute) of one programme's Teams: a form submitted or opened,
Oppakken on the kernteam's card, a spend request approved or rejected, a written round's vote. Apart
from `handlers` (which knows the activities, the person and the retries) because each verb's rules are
the service's and each answer is a card as the thing now stands.

Every rule is checked by the service at the moment of the click, so a stale card cannot do what is
no longer allowed; such a click is answered with the card as it now is and the refusal on top, for
that person only. A card everyone sees (the kernteam's, a round's question in a member's chat) is
also rewritten in place, since an invoke's answer reaches only the clicker.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from microsoft_agents.activity import Activity, InvokeResponse, TurnContextProtocol

from bot.chat.desk import FrontDesk
from bot.chat.forms import FormErrors
from bot.chat.round_commands import vote_text
from bot.domain.budget_mandate import RequestStatus
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.domain.rounds import RoundStatus, WrittenRound
from bot.frontends.teams import cards
from bot.frontends.teams.adapter import card_activity
from bot.frontends.teams.config import TeamsConfig
from bot.frontends.teams.identity import PLATFORM
from bot.frontends.teams.steps import STEP_KEY, SteppedForms, split
from bot.messages import render
from bot.services.ports.chat import ChatIdentity, PostedMessage
from bot.services.ports.conversations import StoredConversation

ORIGIN = "teams"
MESSAGE_TYPE = "application/vnd.microsoft.activity.message"
Context = TurnContextProtocol[Activity]


def card_response(card: cards.Card) -> InvokeResponse:
    return InvokeResponse(status=200, body={"statusCode": 200, "type": cards.CARD_TYPE, "value": card})


def message_response(text: str) -> InvokeResponse:
    """An answer Teams shows next to the card without changing it."""
    return InvokeResponse(status=200, body={"statusCode": 200, "type": MESSAGE_TYPE, "value": text})


class CardActions:
    """One programme's card verbs; `execute` answers an invoke whose sender is known (*identity*, *lang*)."""

    def __init__(self, desk: FrontDesk, config: TeamsConfig, stepped: SteppedForms) -> None:
        self.desk = desk
        self.chat = desk.chat
        self.forms = desk.forms
        self.lookups = desk.lookups
        self.directory = desk.directory
        self.config = config
        self.stepped = stepped
        self._spend_procedure = desk.programme.governance.procedure("uitgave")  # the spend card's words

    def _describe(self, refusal: Refused, lang: str) -> str:
        return self.chat.describe(refusal, lang)

    async def execute(
        self, context: Context, identity: ChatIdentity, lang: str, verb: str, data: Mapping[str, Any],
        key: str | None
    ) -> InvokeResponse:
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
            form = await asyncio.to_thread(self.forms.build, name, reference, lang, identity.email)
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
            form = await asyncio.to_thread(self.forms.build, name, reference, lang, identity.email)
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

    # -- keeping the posted cards right ------------------------------------------------------------
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
