"""Delivering notifications in Teams, from the outbox (channel "teams", and the chat side of "mail").

Someone who has the app in their personal chat gets their notifications there, as a small card; a
task notice carries the button that opens the form it asks for. The programmadirecteur gets each
spend request as a card with Goedkeuren / Afwijzen. A new idea is announced once in the kernteam
channel with an Oppakken button, and that card is rewritten in place when the idea moves on
elsewhere; so are spend cards decided elsewhere. Everything is sent with the Bot Connector's REST
API through the Agents SDK (`continue_conversation` on a stored reference), so it works after a
restart and from the worker process.

A conversation whose service URL is off the allowed list gets nothing (a permanent DeliveryError,
no token sent). A 429 answer becomes DeliveryError(retry_after=Retry-After) and holds further messages for that
conversation until then (by the injected clock, like the outbox); 400, 403 (the user blocked the
app) and 404 are permanent. Cards are looked up before they are posted, so a retried row never
posts a card twice.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from microsoft_agents.activity import Activity

from bot.chat.forms import may_fill, task_form
from bot.chat.lookups import ChatLookups, DeliveryLookups
from bot.frontends.teams import cards
from bot.frontends.teams.adapter import Proactive, card_activity
from bot.frontends.teams.auth import BOT_FRAMEWORK_SCOPE, EntraTokens
from bot.frontends.teams.config import TeamsConfig
from bot.frontends.teams.identity import PLATFORM
from bot.frontends.teams.service_urls import ServiceUrlRefused
from bot.messages import profiled, render
from bot.services.member_bodies import COLLEGE_ASK
from bot.services.ports.chat import ChatDirectory, PostedMessage
from bot.services.ports.conversations import CHANNEL, ConversationReferences, StoredConversation
from bot.services.ports.outbox import DeliveryError, OutboxItem
from bot.services.ports.unit_of_work import Clock
from bot.services.rounds import VOTE_EVENTS

log = logging.getLogger("vaart.teams")
PERMANENT = frozenset({400, 403, 404})
DECIDED_EVENTS = frozenset({"budget.notify.decided", "budget.notify.referred"})


class TeamsDelivery(DeliveryLookups):
    name = "teams"
    platform = PLATFORM

    def __init__(
        self,
        proactive: Proactive,
        tokens: EntraTokens,
        config: TeamsConfig,
        references: ConversationReferences,
        directory: ChatDirectory,
        clock: Clock,
        lookups: ChatLookups,
    ) -> None:
        self.proactive = proactive
        self.tokens = tokens
        self.config = config
        self.references = references
        self.directory = directory
        self.clock = clock
        self.lookups = lookups
        self.programme = lookups.programme
        self._procedure = lookups.programme.governance.procedure("voorstel")  # the cards' words follow the profile
        self._spend_procedure = lookups.programme.governance.procedure("uitgave")
        self.budget = lookups.budget
        self._blocked_until: dict[int, datetime] = {}

    # -- the outbox's Channel ----------------------------------------------------------------------
    def deliver(self, item: OutboxItem) -> None:
        if "channel_post" in item.payload:
            self._channel_post(item)
            return
        conversation = self._personal(item.recipient)
        if conversation is None:
            raise DeliveryError(f"teams: no personal chat with {item.recipient}", permanent=True)
        lang = self._language(item.recipient)
        event = str(item.payload.get("event", ""))
        reference = str(item.payload.get("reference", ""))
        if event == "budget.notify.requested" and self.budget is not None and reference:
            self._spend_card(conversation, item.recipient.strip().lower(), reference, lang, item.subject)
            return
        if event in VOTE_EVENTS and reference:  # a written round's question: with the answer buttons
            question = cards.round_card(item.subject, item.body, reference, lang)
            self._call(conversation, self.proactive.send(conversation.reference, card_activity(question, item.subject)))
            return
        if "status" in item.payload and reference:
            self._status_card(conversation, item.recipient.strip().lower(), reference, lang)
        card = cards.notice_card(item.subject, item.body, self._task_button(item, lang))
        self._call(conversation, self.proactive.send(conversation.reference, card_activity(card, item.subject)))

    def check(self) -> tuple[bool, str]:
        if self.config.anonymous:
            return True, "teams: lokaal, zonder aanmelding"
        try:
            self.tokens.acquire([BOT_FRAMEWORK_SCOPE])
        except (PermissionError, ValueError, OSError) as error:
            return False, f"teams: {error}"
        return True, "teams: aangemeld"

    # -- the chat platform for ChatFirst -----------------------------------------------------------
    def reaches(self, email: str) -> bool:
        return self._personal(email) is not None

    def observe(self, item: OutboxItem) -> None:
        event = str(item.payload.get("event", ""))
        reference = str(item.payload.get("reference", ""))
        if not reference:
            return
        if self.config.kernteam_conversation and "status" in item.payload:
            self._kernteam_card(reference, create=event == "submitted")
        if event in DECIDED_EVENTS and self.budget is not None:
            self._refresh_spend_cards(reference)

    def _channel_post(self, item: OutboxItem) -> None:
        """An item of the communicatiekalender for a channel by its name (§7; TEAMS_CHANNELS gives its
        id): posted there once, as a notice card. A name not configured, or a team the app is not in,
        is a permanent failure the staf sees among the dead letters."""
        name = str(item.payload["channel_post"])
        reference = str(item.payload.get("item", item.key))
        channel = self.config.channels.get(name.lower())
        if channel is None:
            raise DeliveryError(f"teams: no channel named {name} in TEAMS_CHANNELS", permanent=True)
        if self.directory.posted(PLATFORM, "communication", reference, channel) is not None:
            return  # posted before the outbox could mark it sent: not again
        conversation = self._channel_conversation(channel)
        if conversation is None:
            raise DeliveryError(f"teams: the app is not in the team of channel {name} yet", permanent=True)
        card = cards.notice_card(item.subject, item.body, None)
        self._put(None, conversation, "communication", reference, channel, "sent", card_activity(card, item.subject))

    # -- cards -------------------------------------------------------------------------------------
    def _task_button(self, item: OutboxItem, lang: str) -> tuple[str, str, str] | None:
        """The form a notice asks its reader to fill in, when the idea waits for them; for an accounthouder
        asked for their college's decision (on a proposal or a spend request), the college's form."""
        reference = str(item.payload.get("reference", ""))
        if item.payload.get("event") == COLLEGE_ASK and reference:
            person = self.lookups.people.get(item.recipient)
            if person is None or not may_fill("college", person, self.programme):
                return None
            return render("ui.button.college", lang), "college", reference
        if "status" not in item.payload or not reference:
            return None
        idea = self._idea(reference)
        form = task_form(idea.state, self._procedure) if idea is not None else None
        person = self.lookups.people.get(item.recipient)
        if idea is None or form is None or person is None:
            return None
        if not may_fill(form, person, self.programme):
            return None
        return render(f"ui.button.{form}", lang), form, idea.reference

    def _status_card(self, conversation: StoredConversation, email: str, reference: str, lang: str) -> None:
        """The indiener's status card, posted once and then updated in place (update activity)."""
        idea = self._idea(reference)
        if idea is None or idea.submitter != email:
            return
        posted = self.directory.posted(PLATFORM, "status", idea.reference, email)
        if posted is not None and posted.state == idea.status:
            return
        card = cards.status_card(idea, lang, self.clock.now(), self._procedure)
        status = render(profiled("status", idea.status, self._procedure), lang)
        text = render("ui.card.fallback", lang, reference=idea.reference, status=status)
        self._put(posted, conversation, "status", idea.reference, email, idea.status, card_activity(card, text))

    def _kernteam_card(self, reference: str, create: bool) -> None:
        channel = str(self.config.kernteam_conversation)
        posted = self.directory.posted(PLATFORM, "kernteam", reference, channel)
        if posted is None and not create:
            return
        idea = self._idea(reference)
        if idea is None or (posted is not None and posted.state == idea.status):
            return
        lang = self.programme.language
        card = cards.kernteam_card(idea, lang, self.lookups.contact_name(idea), procedure=self._procedure)
        text = render("ui.kernteam.fallback", lang, reference=idea.reference, title=idea.title)
        conversation = self._channel_conversation(channel)
        if conversation is None:  # a set-up matter: the people's own notices must not wait for it
            log.warning("teams: no card for %s: the app is not in the kernteam's team yet", idea.reference)
            return
        self._put(posted, conversation, "kernteam", idea.reference, channel, idea.status, card_activity(card, text))

    def _channel_conversation(self, channel: str) -> StoredConversation | None:
        """A channel's reference (the kernteam's, or one of TEAMS_CHANNELS): stored when the bot saw it,
        else built from the team's (a channel of the team the app was added to: same service URL and
        tenant, another conversation)."""
        known = self.references.get(channel)
        if known is not None:
            return known
        team = self.references.latest(CHANNEL)
        if team is None:
            return None
        reference = {key: value for key, value in team.reference.items() if key != "conversation"}
        reference["conversation"] = {
            "id": channel,
            "conversationType": CHANNEL,
            "isGroup": True,
            **({"tenantId": team.tenant_id} if team.tenant_id else {}),
        }
        return self.references.save(
            channel, CHANNEL, None, team.tenant_id, team.service_url, reference, self.clock.now()
        )

    def _spend_card(
        self, conversation: StoredConversation, email: str, reference: str, lang: str, subject: str
    ) -> None:
        if self.directory.posted(PLATFORM, "spend", reference, email) is not None:
            return
        request, decider = self._request(reference)
        card = cards.spend_card(request, lang, decider, procedure=self._spend_procedure)
        self._put(
            None,
            conversation,
            "spend",
            request.reference,
            email,
            cards.spend_state(request),
            card_activity(card, subject),
        )

    def _refresh_spend_cards(self, reference: str) -> None:
        posted_cards = self.directory.posted_all(PLATFORM, "spend", reference)
        if not posted_cards:
            return
        request, decider = self._request(reference)
        state = cards.spend_state(request)
        for posted in posted_cards:
            target = self._conversation_of(posted)
            if posted.state == state or target is None:
                continue
            lang = self._language(posted.recipient)
            text = render("ui.spend.fallback", lang, reference=request.reference)
            self._put(
                posted,
                target,
                "spend",
                request.reference,
                posted.recipient,
                state,
                card_activity(cards.spend_card(request, lang, decider, procedure=self._spend_procedure), text),
            )

    def _put(
        self,
        posted: PostedMessage | None,
        conversation: StoredConversation,
        kind: str,
        reference: str,
        recipient: str,
        state: str,
        activity: Activity,
    ) -> None:
        """Rewrite the card in place when we have it, post it otherwise; remember where it is."""
        message_id = ""
        if posted is not None:
            try:
                self._call(conversation, self.proactive.update(conversation.reference, posted.message_id, activity))
                message_id = posted.message_id
            except DeliveryError as error:
                if not error.reason.startswith("teams: 404"):
                    raise
                log.info("teams: %s card for %s is gone, posting it again", kind, reference)
        if not message_id:
            message_id = self._call(conversation, self.proactive.send(conversation.reference, activity))
        message = PostedMessage(PLATFORM, kind, reference, recipient, str(conversation.key), message_id, state)
        self.directory.save_posted(message, self.clock.now())

    # -- lookups -----------------------------------------------------------------------------------
    def _personal(self, email: str) -> StoredConversation | None:
        identity = self.directory.identity_for_email(PLATFORM, email)
        return self.references.personal(identity.external_user_id) if identity is not None else None

    def _conversation_of(self, posted: PostedMessage) -> StoredConversation | None:
        return self.references.by_key(int(posted.channel_id)) if posted.channel_id.isdigit() else None

    # -- calling the Bot Connector -------------------------------------------------------------------
    def _call(self, conversation: StoredConversation, work: Coroutine[Any, Any, str]) -> str:
        blocked = self._blocked_until.get(conversation.key)
        if blocked is not None and self.clock.now() < blocked:
            work.close()
            wait = (blocked - self.clock.now()).total_seconds()
            raise DeliveryError(f"teams: conversation {conversation.key} is rate limited", retry_after=wait)
        try:
            return Proactive.run(work)
        except ServiceUrlRefused as error:  # before OSError: a host off the list stays off it, no retry
            raise DeliveryError(str(error), permanent=True) from error
        except aiohttp.ClientResponseError as error:
            if error.status == 429:
                retry_after = _seconds(error.headers.get("Retry-After") if error.headers else None)
                self._blocked_until[conversation.key] = self.clock.now() + timedelta(seconds=retry_after)
                raise DeliveryError(
                    f"teams: 429 rate limited on conversation {conversation.key}", retry_after=retry_after
                ) from error
            permanent = error.status in PERMANENT
            raise DeliveryError(f"teams: {error.status} {error.message}", permanent=permanent) from error
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            raise DeliveryError(f"teams: {type(error).__name__}: {error}") from error


def _seconds(header: str | None) -> float:
    try:
        return max(float(header), 0.0) if header else 1.0
    except ValueError:
        return 1.0
