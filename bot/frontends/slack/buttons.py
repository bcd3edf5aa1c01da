"""The buttons of one programme's Slack: Oppakken on the kernteam's card, Goedkeuren / Afwijzen on a
spend request, Akkoord / Bezwaar / Onthouding under a written round's question. Apart from the
messages' handlers because each click is answered the same way: acked, dropped when it is a double
click still in flight, acted on by the service with the click as its request key (so a repeat acts
once), and the clicked card rewritten to what it now shows. Every rule is checked by the service
at the moment of the click, so a stale button cannot do what is no longer allowed.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.forms import budget_say
from bot.chat.round_commands import vote_text
from bot.domain.budget_mandate import RequestStatus
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.frontends.slack import views
from bot.frontends.slack.base import ORIGIN, Json, SlackDeskBase
from bot.frontends.slack.identity import PLATFORM
from bot.frontends.slack.requests import user_id_of
from bot.messages import render
from bot.services.ports.chat import PostedMessage

log = logging.getLogger("vaart.slack")


class SlackButtons(SlackDeskBase):
    """The button listeners of one programme's Slack desk."""

    # -- double clicks ---------------------------------------------------------------------------
    def _once(self, key: str, work: Coroutine[Any, Any, None]) -> None:
        """A double click arrives while the first is still queued or running: the second is dropped
        here (and any later repeat is answered from the service's memory of the request key)."""
        if key in self.in_flight:
            work.close()
            log.info("slack: repeated click %s dropped", key)
            return
        self.in_flight.add(key)

        async def run() -> None:
            try:
                await work
            finally:
                self.in_flight.discard(key)

        self.spawn(run())

    # -- the kernteam card -----------------------------------------------------------------------
    async def on_pick_up(
        self, ack: Callable[..., Awaitable[None]], body: Json, action: Json, client: AsyncWebClient
    ) -> None:
        await ack()
        key = self._click_key(body, action)
        self._once(key, self._pick_up(client, body, str(action.get("value", "")), key))

    async def _pick_up(self, client: AsyncWebClient, body: Json, reference: str, key: str) -> None:
        lang = self._lang_of(user_id_of(body))
        try:
            identity, session = await self._who(client, user_id_of(body))
            lang = session.lang
            reply = await self.answers.run(self.desk.ideas.pick_up, identity.email, ORIGIN, reference, None, key)
        except Refused as refusal:
            await self._tell(client, body, self._describe(refusal, lang))
            await self._refresh_kernteam_card(client, reference, body)
            return
        await self._refresh_kernteam_card(client, reference, body)
        await self._tell(client, body, self.chat.say(reply, lang))
        if (body.get("container") or {}).get("type") == "view":
            await self._publish_home(client, identity.external_user_id)

    async def _refresh_kernteam_card(self, client: AsyncWebClient, reference: str, body: Json) -> None:
        """Show the idea's state on the kernteam card (the clicked one, and the one we posted)."""
        found = await self.answers.run(self.lookups.idea_and_contact, reference)
        if found is None:
            return
        idea, contact = found
        lang = self.desk.programme.language
        blocks = views.kernteam_card(idea, lang, contact, self.desk.programme.governance.procedure("voorstel"))
        fallback = render("ui.kernteam.header", lang, reference=idea.reference, title=idea.title)
        posted = None
        if self.config.kernteam_channel:
            posted = await self.answers.run(
                self.directory.posted, PLATFORM, "kernteam", idea.reference, self.config.kernteam_channel
            )
        container = body.get("container") or {}
        targets: list[tuple[str, str]] = []
        clicked = container.get("type") == "message" and container.get("channel_id") and container.get("message_ts")
        if clicked and idea.state is not Status.INGEDIEND:  # the clicked card still offers Oppakken
            targets.append((str(container["channel_id"]), str(container["message_ts"])))
        if posted is not None and posted.state != idea.status and (posted.channel_id, posted.message_id) not in targets:
            targets.append((posted.channel_id, posted.message_id))
        for channel, ts in targets:
            await client.chat_update(channel=channel, ts=ts, text=views.fallback(fallback), blocks=blocks)
        if posted is not None and posted.state != idea.status:
            updated = PostedMessage(PLATFORM, "kernteam", idea.reference, posted.recipient, posted.channel_id,
                                    posted.message_id, idea.status)
            await self.answers.run(self.directory.save_posted, updated, self.desk.clock.now())

    # -- spend requests --------------------------------------------------------------------------
    async def on_spend_approve(
        self, ack: Callable[..., Awaitable[None]], body: Json, action: Json, client: AsyncWebClient
    ) -> None:
        await ack()
        key = self._click_key(body, action)
        self._once(key, self._approve(client, body, str(action.get("value", "")), key))

    async def _approve(self, client: AsyncWebClient, body: Json, reference: str, key: str) -> None:
        lang = self._lang_of(user_id_of(body))
        container = body.get("container") or {}
        channel, ts = container.get("channel_id"), container.get("message_ts")
        try:
            identity, session = await self._who(client, user_id_of(body))
            lang = session.lang
            reply = await self.answers.run(self.desk.budget.approve, identity.email, ORIGIN, reference, key)
        except Refused as refusal:
            await self._tell(client, body, self._describe(refusal, lang))
            if channel and ts:  # a stale card: show what became of the request
                await self._show_spend(client, reference, str(channel), str(ts), None, only_if_decided=True)
            return
        if channel and ts:
            await self._show_spend(client, reference, str(channel), str(ts), identity.email)
        await self._tell(client, body, budget_say(reply, lang))
        if container.get("type") == "view":
            await self._publish_home(client, identity.external_user_id)

    async def _show_spend(
        self,
        client: AsyncWebClient,
        reference: str,
        channel: str,
        ts: str,
        recipient: str | None,
        only_if_decided: bool = False,
    ) -> None:
        """Rewrite the spend card at (channel, ts) to the request's state: who decided, and when."""
        found = await self.answers.run(self.lookups.find_request, reference)
        if found is None:
            return
        request, decider = found
        if only_if_decided and request.status is RequestStatus.REQUESTED:
            return
        lang = self.desk.programme.language
        if recipient is not None:
            lang = self._lang_of_email(recipient)
        text = render("ui.spend.fallback", lang, reference=request.reference)
        await client.chat_update(channel=channel, ts=ts, text=views.fallback(text),
                                 blocks=views.spend_card(request, lang, decider,
                                                         self.desk.programme.governance.procedure("uitgave")))
        if recipient is not None:
            posted = PostedMessage(PLATFORM, "spend", request.reference, recipient, channel, ts,
                                   views.spend_state(request))
            await self.answers.run(self.directory.save_posted, posted, self.desk.clock.now())

    async def on_spend_reject(
        self, ack: Callable[..., Awaitable[None]], body: Json, action: Json, client: AsyncWebClient
    ) -> None:
        await ack()
        container = body.get("container") or {}
        extra: Json = {}
        if container.get("type") == "message":
            extra = {"channel": container.get("channel_id"), "ts": container.get("message_ts")}
        else:
            extra = {"home": True}
        self.spawn(self._open(client, body, "spend_reject", str(action.get("value", "")), extra), urgent=True)

    # -- the schriftelijke ronde -----------------------------------------------------------------
    async def on_round_vote(
        self, ack: Callable[..., Awaitable[None]], body: Json, action: Json, client: AsyncWebClient
    ) -> None:
        """Akkoord / Bezwaar / Onthouding under a round's question; the reason comes from its field."""
        await ack()
        # the reason typed is part of the click: a Bezwaar refused for want of one, then sent with one, is
        # a second request, not a repeat of the first (which may still be finishing)
        reason = views.round_reason(body.get("state") or {}, str(action.get("value", "")))
        typed = hashlib.sha256(reason.encode("utf-8")).hexdigest()[:12] if reason else "-"
        key = f"{self._click_key(body, action)[:187]}:{typed}"
        self._once(key, self._round_vote(client, body, action, key))

    async def _round_vote(self, client: AsyncWebClient, body: Json, action: Json, key: str) -> None:
        lang = self._lang_of(user_id_of(body))
        reference = str(action.get("value", ""))
        choice = str(action.get("action_id", ""))[len(views.ROUND_VOTE):]
        reason = views.round_reason(body.get("state") or {}, reference)
        try:
            identity, session = await self._who(client, user_id_of(body))
            lang = session.lang
            reply = await self.answers.run(self.desk.rounds.vote, identity.email, ORIGIN, reference, choice, reason,
                                           key)
        except Refused as refusal:
            await self._tell(client, body, self._describe(refusal, lang))
            return
        answer = vote_text(self.chat, reply, lang)
        container = body.get("container") or {}
        channel, ts = container.get("channel_id"), container.get("message_ts")
        if container.get("type") == "message" and channel and ts:  # the question shows the vote, no buttons
            kept = [b for b in (body.get("message") or {}).get("blocks") or [] if b.get("type") == "section"]
            await client.chat_update(channel=str(channel), ts=str(ts), text=views.fallback(answer),
                                     blocks=[*kept, *views.text_blocks(answer)])
        await self._tell(client, body, answer)
