"""Delivering notifications in Slack, from the outbox (channel "slack", and the chat side of "mail").

Someone who has used vaart in Slack gets their notifications in their DM with the app: a short
notice per step, and for the indiener one status card that is updated in place as the idea moves.
The programmadirecteur gets each spend request as a card with Goedkeuren / Afwijzen. A new idea is
announced once in the kernteam channel, with an Oppakken button.

Slack allows about one message per second per channel: posts and updates to one channel are spaced
by `interval` (real time: it only paces the calls); a 429 answer becomes
DeliveryError(retry_after=Retry-After), so the outbox tries again no sooner than Slack asked, and
further messages for that channel wait until then too (by the injected clock, like the outbox). Every step is
idempotent (cards are looked up before they are posted), so a retried row never posts twice.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.chat.lookups import ChatLookups, DeliveryLookups
from bot.frontends.slack import views
from bot.frontends.slack.identity import PLATFORM
from bot.messages import profiled, render
from bot.services.ports.chat import ChatDirectory, ChatIdentity, PostedMessage
from bot.services.ports.outbox import DeliveryError, OutboxItem
from bot.services.ports.unit_of_work import Clock
from bot.services.rounds import VOTE_EVENTS

# Errors that will not go away by trying the same message again.
PERMANENT = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "msg_too_long",
        "no_text",
        "invalid_blocks",
        "cannot_dm_bot",
        "user_not_found",
        "user_disabled",
        "restricted_action",
    }
)
GONE = frozenset({"message_not_found", "cant_update_message", "edit_window_closed"})
DECIDED_EVENTS = frozenset({"budget.notify.decided", "budget.notify.referred"})
LOOKUP_AGAIN = timedelta(hours=6)  # how long an address Slack did not know is not asked again
log = logging.getLogger("vaart.slack")


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name.lower():
            return str(value[0] if isinstance(value, list | tuple) else value)
    return None


class SlackDelivery(DeliveryLookups):
    name = "slack"
    platform = PLATFORM

    def __init__(
        self,
        client: WebClient,
        directory: ChatDirectory,
        clock: Clock,
        lookups: ChatLookups,
        kernteam_channel: str | None,
        *,
        interval: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.directory = directory
        self.clock = clock
        self.lookups = lookups
        self.programme = lookups.programme
        self._procedure = lookups.programme.governance.procedure("voorstel")  # the cards' words follow the profile
        self._spend_procedure = lookups.programme.governance.procedure("uitgave")
        self.budget = lookups.budget
        self.kernteam_channel = kernteam_channel
        self.interval = interval
        self.sleep = sleep
        self.monotonic = monotonic
        self._next_slot: dict[str, float] = {}
        self._blocked_until: dict[str, datetime] = {}
        self._not_found: dict[str, datetime] = {}  # addresses Slack did not know, until when not to ask
        self._lock = threading.Lock()

    # -- the outbox's Channel ----------------------------------------------------------------------
    def deliver(self, item: OutboxItem) -> None:
        if "channel_post" in item.payload:
            self._channel_post(item)
            return
        identity = self._identity(item.recipient)
        if identity is None:
            raise DeliveryError(f"slack: no Slack identity for {item.recipient}", permanent=True)
        channel = self._dm(identity)
        lang = self._language(item.recipient)
        event = str(item.payload.get("event", ""))
        reference = str(item.payload.get("reference", ""))
        if event == "budget.notify.requested" and self.budget is not None and reference:
            self._spend_card(identity, channel, reference, lang, item.subject)
            return
        if event in VOTE_EVENTS and reference:  # a written round's question: with the answer buttons
            self._call("chat.postMessage", channel, text=item.subject,
                       blocks=views.round_blocks(item.body, reference, lang))
            return
        if "status" in item.payload and reference:
            self._status_card(identity, channel, reference, lang)
        self._call("chat.postMessage", channel, text=item.subject, blocks=views.text_blocks(item.body))

    def check(self) -> tuple[bool, str]:
        try:
            response = self.client.auth_test()
        except SlackApiError as error:
            return False, f"slack: {error.response.get('error')}"
        except OSError as error:
            return False, f"slack: {error}"
        return True, f"slack: {response.get('team', '?')}"

    # -- the chat platform for ChatFirst -----------------------------------------------------------
    def reaches(self, email: str) -> bool:
        return self._identity(email) is not None

    def observe(self, item: OutboxItem) -> None:
        event = str(item.payload.get("event", ""))
        reference = str(item.payload.get("reference", ""))
        if not reference:
            return
        if self.kernteam_channel and "status" in item.payload:
            self._kernteam_card(reference, create=event == "submitted")
        if event in DECIDED_EVENTS and self.budget is not None:
            self._refresh_spend_cards(reference)

    def _channel_post(self, item: OutboxItem) -> None:
        """An item of the communicatiekalender for a channel by its name (§7): posted there once; a
        channel the app is not in is a permanent failure the staf sees among the dead letters."""
        name = str(item.payload["channel_post"])
        reference = str(item.payload.get("item", item.key))
        if self.directory.posted(PLATFORM, "communication", reference, name) is not None:
            return  # posted before the outbox could mark it sent: not again
        self._put(None, name, "communication", reference, name, "sent", item.subject, views.text_blocks(item.body))

    # -- cards -------------------------------------------------------------------------------------
    def _status_card(self, identity: ChatIdentity, channel: str, reference: str, lang: str) -> None:
        idea = self._idea(reference)
        if idea is None or idea.submitter != identity.email:
            return
        posted = self.directory.posted(PLATFORM, "status", idea.reference, identity.email)
        if posted is not None and posted.state == idea.status:
            return
        blocks = views.status_card(idea, lang, self.clock.now(), self._procedure)
        status = render(profiled("status", idea.status, self._procedure), lang)
        text = render("ui.card.fallback", lang, reference=idea.reference, status=status)
        self._put(posted, channel, "status", idea.reference, identity.email, idea.status, text, blocks)

    def _kernteam_card(self, reference: str, create: bool) -> None:
        assert self.kernteam_channel is not None
        posted = self.directory.posted(PLATFORM, "kernteam", reference, self.kernteam_channel)
        if posted is None and not create:
            return
        idea = self._idea(reference)
        if idea is None or (posted is not None and posted.state == idea.status):
            return
        lang = self.programme.language
        blocks = views.kernteam_card(idea, lang, self.lookups.contact_name(idea), procedure=self._procedure)
        text = render("ui.kernteam.fallback", lang, reference=idea.reference, title=idea.title)
        self._put(
            posted, self.kernteam_channel, "kernteam", idea.reference, self.kernteam_channel, idea.status, text, blocks
        )

    def _spend_card(self, identity: ChatIdentity, channel: str, reference: str, lang: str, subject: str) -> None:
        if self.directory.posted(PLATFORM, "spend", reference, identity.email) is not None:
            return
        request, decider = self._request(reference)
        blocks = views.spend_card(request, lang, decider, procedure=self._spend_procedure)
        self._put(
            None, channel, "spend", request.reference, identity.email, views.spend_state(request), subject, blocks
        )

    def _refresh_spend_cards(self, reference: str) -> None:
        cards = self.directory.posted_all(PLATFORM, "spend", reference)
        if not cards:
            return
        request, decider = self._request(reference)
        state = views.spend_state(request)
        for posted in cards:
            if posted.state != state:
                lang = self._language(posted.recipient)
                text = render("ui.spend.fallback", lang, reference=request.reference)
                self._put(
                    posted,
                    posted.channel_id,
                    "spend",
                    request.reference,
                    posted.recipient,
                    state,
                    text,
                    views.spend_card(request, lang, decider, procedure=self._spend_procedure),
                )

    def _put(
        self,
        posted: PostedMessage | None,
        channel: str,
        kind: str,
        reference: str,
        recipient: str,
        state: str,
        text: str,
        blocks: list[dict[str, Any]],
    ) -> None:
        """Update the card in place when we have it, post it otherwise; remember where it is."""
        response: SlackResponse | None = None
        if posted is not None:
            try:
                self._call("chat.update", posted.channel_id, ts=posted.message_id, text=text, blocks=blocks)
                where = (posted.channel_id, posted.message_id)
            except DeliveryError as error:
                if not error.reason.endswith(tuple(GONE)):
                    raise
                posted = None
        if posted is None:
            response = self._call("chat.postMessage", channel, text=text, blocks=blocks)
            where = (str(response.get("channel") or channel), str(response.get("ts") or ""))
        message = PostedMessage(PLATFORM, kind, reference, recipient, where[0], where[1], state)
        self.directory.save_posted(message, self.clock.now())

    # -- lookups -----------------------------------------------------------------------------------
    def _identity(self, email: str) -> ChatIdentity | None:
        """The Slack user behind *email*: one who wrote to the app, or else one Slack finds by the
        address (users.lookupByEmail), so an indiener registered by e-mail is reached in Slack before
        their first message. An address Slack does not know is asked again after `LOOKUP_AGAIN`."""
        known = self.directory.identity_for_email(PLATFORM, email)
        if known is not None:
            return known
        address = email.strip().lower()
        missed = self._not_found.get(address)
        if missed is not None and self.clock.now() < missed:
            return None
        try:
            response = self.client.users_lookupByEmail(email=address)
        except SlackApiError as error:
            code = str(error.response.get("error") or error.response.status_code)
            if code != "users_not_found":  # Slack unreachable or refusing: the mail reaches them meanwhile
                log.warning("slack users.lookupByEmail failed: %s", code)
            self._not_found[address] = self.clock.now() + LOOKUP_AGAIN
            return None
        except OSError as error:
            log.warning("slack users.lookupByEmail failed: %s", error)
            return None
        user: dict[str, Any] = response.get("user") or {}
        profile: dict[str, Any] = user.get("profile") or {}
        if not user.get("id") or user.get("is_bot") or user.get("deleted"):
            self._not_found[address] = self.clock.now() + LOOKUP_AGAIN
            return None
        name = str(profile.get("real_name") or user.get("real_name") or user.get("name") or address)
        identity = ChatIdentity(PLATFORM, str(user["id"]), address, name)
        self.directory.save_identity(identity, self.clock.now())
        return identity

    def _dm(self, identity: ChatIdentity) -> str:
        if identity.dm_channel:
            return identity.dm_channel
        try:
            response = self.client.conversations_open(users=identity.external_user_id)
        except SlackApiError as error:
            raise self._failure("conversations.open", identity.external_user_id, error) from error
        except OSError as error:
            raise DeliveryError(f"slack conversations.open: {error}") from error
        channel = str((response.get("channel") or {}).get("id") or "")
        if not channel:
            raise DeliveryError("slack conversations.open: no channel in the answer")
        self.directory.set_dm_channel(PLATFORM, identity.external_user_id, channel, self.clock.now())
        return channel

    # -- calling Slack, one message per second per channel -------------------------------------------
    def _call(self, method: str, channel: str, **kwargs: Any) -> SlackResponse:
        with self._lock:
            blocked = self._blocked_until.get(channel)
            if blocked is not None and self.clock.now() < blocked:
                wait = (blocked - self.clock.now()).total_seconds()
                raise DeliveryError(f"slack {method}: {channel} is rate limited", retry_after=wait)
            now = self.monotonic()
            slot = max(now, self._next_slot.get(channel, now))
            self._next_slot[channel] = slot + self.interval
        if slot > now:
            self.sleep(slot - now)
        if "text" in kwargs:  # every message's top-level text leaves here, escaped once
            kwargs["text"] = views.fallback(str(kwargs["text"]))
        try:
            return self.client.api_call(method, json={"channel": channel, **kwargs})
        except SlackApiError as error:
            raise self._failure(method, channel, error) from error
        except OSError as error:
            raise DeliveryError(f"slack {method}: {error}") from error

    def _failure(self, method: str, channel: str, error: SlackApiError) -> DeliveryError:
        response = error.response
        code = str(response.get("error") or response.status_code)
        if response.status_code == 429 or code == "ratelimited":
            header = _header(response.headers, "Retry-After")
            retry_after = float(header) if header and header.replace(".", "", 1).isdigit() else 1.0
            with self._lock:  # Slack asked us to wait: the outbox holds this channel's messages until then
                self._blocked_until[channel] = self.clock.now() + timedelta(seconds=retry_after)
            return DeliveryError(f"slack {method}: rate limited on {channel}", retry_after=retry_after)
        return DeliveryError(f"slack {method}: {code}", permanent=code in PERMANENT)

