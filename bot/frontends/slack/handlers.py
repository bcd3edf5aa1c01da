"""What the Slack front end does with each slash command, button, form and event.

Every listener acks first and does its work in a background task, so Slack always gets its answer
within a few milliseconds; only form submissions do their work before the ack, because Slack wants
the field errors in the ack itself. The services are synchronous (SQLAlchemy) and run in threads,
never on the event loop: the answers on a small pool of their own (`backlog.Answers`), the little
that must happen before an ack (a retried event's check, a form's validation) on the default
executor, so it never waits behind an answer. Every change goes through the same services as the console, with the
Slack view id or click as the request key, so a repeated submission or a double click acts once;
every rule is checked by the service at the moment of the click, so a stale button cannot do what
is no longer allowed.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.bot import ChatSession
from bot.chat.desk import FrontDesk
from bot.chat.forms import FORM_WORDS, FormErrors, budget_say
from bot.chat.layout import laid_out
from bot.chat.programmes import CHOOSER, PINNED, ProgrammeDesks
from bot.chat.round_commands import vote_text
from bot.domain.budget_mandate import RequestStatus
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.frontends.slack import home, views
from bot.frontends.slack.backlog import Answers, Backlog
from bot.frontends.slack.config import SlackConfig
from bot.frontends.slack.home_data import home_data
from bot.frontends.slack.identity import PLATFORM, SlackPeople
from bot.frontends.slack.requests import post_response, user_id_of
from bot.messages import render
from bot.services.ports.chat import ChatIdentity, PostedMessage

log = logging.getLogger("vaart.slack")
ORIGIN = "slack"
EXPIRED = frozenset({"expired_trigger_id", "invalid_trigger_id", "trigger_exchanged"})
Json = dict[str, Any]


@dataclass
class Shared:
    """What every programme's desk shares in one installation: the background work and its threads,
    and the clicks in flight (a double click is one click whichever programme it goes to)."""

    backlog: Backlog = field(default_factory=Backlog)
    answers: Answers = field(default_factory=Answers)  # the answers' blocking work: never on the ack threads
    in_flight: set[str] = field(default_factory=set)


class SlackDesk:
    """One programme's Slack: its desk, its kernteam channel, the sessions of the people talking to it.
    The installation's front end (`bot.frontends.slack.router.SlackFrontEnd`) picks the desk per request."""

    def __init__(self, desk: FrontDesk, config: SlackConfig, shared: Shared | None = None,
                 desks: ProgrammeDesks | None = None) -> None:
        self.desk = desk
        self.chat = desk.chat
        self.directory = desk.directory
        self.config = config
        self.forms = desk.forms
        self.lookups = desk.lookups
        self.sessions: dict[str, ChatSession] = {}
        self.shared = shared or Shared()
        self.backlog = self.shared.backlog
        self.answers = self.shared.answers
        self.in_flight = self.shared.in_flight
        self.desks = desks or ProgrammeDesks.single(desk)
        self.identities = self.desks.identities(desk.programme.code)  # who people are: told to every programme
        self.people = SlackPeople(self.identities, desk.clock)

    # -- background work ---------------------------------------------------------------------------
    def spawn(self, work: Coroutine[Any, Any, None], urgent: bool = False) -> None:
        """After the ack: *urgent* work (opening a modal) at once, the rest when the acks allow."""
        self.backlog.submit(work, urgent)

    def _pinned(self, session: ChatSession, channel: str | None) -> ChatSession:
        """The session, told whether this request comes from a channel pinned to a programme."""
        session.extra[PINNED] = self.desks.slack_channel(channel)
        return session

    # -- helpers -----------------------------------------------------------------------------------
    async def _session(self, identity: ChatIdentity) -> ChatSession:
        session = self.sessions.get(identity.external_user_id)
        if session is None or session.email != identity.email:
            lang = self.desks.language(ORIGIN, identity.external_user_id)
            session = await self.answers.run(self.chat.session, identity.email, ORIGIN, lang)
            session.extra[CHOOSER] = identity.external_user_id
            self.sessions[identity.external_user_id] = session
        return session

    async def _who(self, client: AsyncWebClient, user_id: str) -> tuple[ChatIdentity, ChatSession]:
        identity = await self.people.resolve_user(client, user_id)
        return identity, await self._session(identity)

    def _lang_of(self, user_id: str) -> str:
        session = self.sessions.get(user_id)
        return session.lang if session is not None else self.desk.programme.language

    def _describe(self, refusal: Refused, lang: str) -> str:
        return self.chat.describe(refusal, lang)

    async def _tell(self, client: AsyncWebClient, body: Json, text: str, blocks: list[Json] | None = None) -> None:
        """An answer only the person who asked sees: via the response_url, in the channel, or in a DM;
        *blocks* when the answer has a layout of its own (a table), else the text as sections."""
        user_id = user_id_of(body)
        blocks = blocks or views.text_blocks(text, code="\n" in text)
        url = body.get("response_url")
        if url:
            await post_response(client, url, {"response_type": "ephemeral", "replace_original": False,
                                              "text": views.fallback(text), "blocks": blocks})
            return
        channel = (body.get("channel") or {}).get("id") if isinstance(body.get("channel"), dict) else None
        if channel and body.get("container", {}).get("type") == "message":
            await client.chat_postEphemeral(channel=channel, user=user_id, text=views.fallback(text), blocks=blocks)
            return
        await client.chat_postMessage(channel=user_id, text=views.fallback(text), blocks=blocks)

    @staticmethod
    def _click_key(body: Json, action: Json) -> str:
        container = body.get("container") or {}
        where = container.get("message_ts") or container.get("view_id") or ""
        key = f"slack:click:{user_id_of(body)}:{where}:{action.get('action_id')}:{action.get('value', '')}"
        return key[:200]

    # -- slash commands ----------------------------------------------------------------------------
    async def on_idee(self, ack: Callable[..., Awaitable[None]], body: Json, client: AsyncWebClient) -> None:
        await ack()
        self.spawn(self._open(client, body, "idea", ""), urgent=True)

    async def on_vaart(self, ack: Callable[..., Awaitable[None]], body: Json, client: AsyncWebClient) -> None:
        await ack()
        word = str(body.get("text") or "").strip().partition(" ")[0]
        opens_form = word.lower() in ("idee", "idea", *FORM_WORDS)  # a trigger expires: open it first
        self.spawn(self._command(client, body), urgent=opens_form)

    async def _command(self, client: AsyncWebClient, body: Json) -> None:
        text = " ".join(str(body.get("text") or "").split())
        try:
            _, session = await self._who(client, user_id_of(body))
        except Refused as refusal:
            await self._tell(client, body, self._describe(refusal, self.desk.programme.language))
            return
        self._pinned(session, str(body.get("channel_id") or "") or None)
        word, _, rest = text.partition(" ")
        word = word.lower()
        if session.dialog is None and word in ("idee", "idea") and not rest:
            await self._open(client, body, "idea", "")
            return
        if session.dialog is None and word in FORM_WORDS and rest and " " not in rest:
            await self._open(client, body, FORM_WORDS[word], rest.upper())
            return
        answer, table = await self.answers.run(laid_out, self.chat, session, text or "help")
        await self._tell(client, body, answer, views.table_blocks(table) if table else None)

    # -- forms -------------------------------------------------------------------------------------
    async def _open(
        self, client: AsyncWebClient, body: Json, form: str, reference: str, extra: Json | None = None
    ) -> None:
        lang = self._lang_of(user_id_of(body))
        try:
            identity, session = await self._who(client, user_id_of(body))
            lang = session.lang
            await self.answers.run(self.forms.may_open, form, reference, identity.email)
            spec = await self.answers.run(self.forms.build, form, reference, lang)
        except Refused as refusal:
            await self._tell(client, body, self._describe(refusal, lang))
            return
        metadata = {"form": form, "reference": reference, "lang": lang, **(extra or {})}
        if self.desks.several:  # the programme whose form it is (checked again on submission)
            metadata["programme"] = self.desk.programme.code
        try:
            await client.views_open(trigger_id=body["trigger_id"], view=views.modal(spec, lang, metadata))
        except SlackApiError as error:
            if error.response.get("error") not in EXPIRED:
                raise
            log.info("slack: trigger for %s expired", form)
            await self._tell(client, body, render("frontend.trigger_expired", lang))

    async def on_open_form(
        self, ack: Callable[..., Awaitable[None]], body: Json, action: Json, client: AsyncWebClient
    ) -> None:
        await ack()
        form, reference = views.form_request(str(action.get("value", "")))
        from_home = (body.get("container") or {}).get("type") == "view"
        self.spawn(self._open(client, body, form, reference, {"home": True} if from_home else None), urgent=True)

    async def on_form(
        self, ack: Callable[..., Awaitable[None]], body: Json, view: Json, client: AsyncWebClient
    ) -> None:
        try:
            meta = json.loads(view.get("private_metadata") or "{}")
        except ValueError:
            meta = {}
        name, reference = str(meta.get("form", "")), str(meta.get("reference", ""))
        lang = str(meta.get("lang") or self.desk.programme.language)
        first_block = next((b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"), "")
        try:
            identity = await self.people.resolve_user(client, user_id_of(body))
            form = await asyncio.to_thread(self.forms.build, name, reference, lang)
            values = views.read_values(form, (view.get("state") or {}).get("values") or {})
            submitted = await asyncio.to_thread(
                self.forms.submit, name, reference, values, identity.email, ORIGIN, lang, f"slack:view:{view['id']}"
            )
        except Refused as refusal:
            await ack(response_action="errors", errors={first_block: self._describe(refusal, lang)[:300]})
            return
        except FormErrors as problems:
            await ack(response_action="errors", errors=views.errors_for_slack(problems.errors))
            return
        await ack(response_action="update", view=views.confirmation(form.title, submitted.text, lang))
        self.spawn(self._after_form(client, identity, name, reference, meta))

    async def _after_form(
        self, client: AsyncWebClient, identity: ChatIdentity, name: str, reference: str, meta: Json
    ) -> None:
        if name == "spend_reject" and meta.get("channel") and meta.get("ts"):
            await self._show_spend(client, reference, str(meta["channel"]), str(meta["ts"]), identity.email)
        if meta.get("home"):
            await self._publish_home(client, identity.external_user_id)

    # -- buttons -----------------------------------------------------------------------------------
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

    def _lang_of_email(self, email: str) -> str:
        for session in self.sessions.values():
            if session.email == email:
                return session.lang
        return self.desk.programme.language

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

    # -- the schriftelijke ronde ------------------------------------------------------------------
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

    # -- events ------------------------------------------------------------------------------------
    async def on_home_opened(self, event: Json, client: AsyncWebClient) -> None:
        if event.get("tab", "home") == "home" and event.get("user"):
            self.spawn(self._publish_home(client, str(event["user"])))

    async def on_home_page(
        self, ack: Callable[..., Awaitable[None]], body: Json, action: Json, client: AsyncWebClient
    ) -> None:
        """"Volgende N" under a list on the App Home: the home again, with that list's next page."""
        await ack()
        pages = home.page_request(str(action.get("value", "")))
        if pages and user_id_of(body):
            self.spawn(self._publish_home(client, user_id_of(body), pages))

    async def _publish_home(
        self, client: AsyncWebClient, user_id: str, pages: dict[str, str] | None = None
    ) -> None:
        lang = self._lang_of(user_id)
        try:
            identity, session = await self._who(client, user_id)
        except Refused as refusal:
            view = {"type": "home", "blocks": views.text_blocks(self._describe(refusal, lang))}
            await client.views_publish(user_id=user_id, view=view)
            return
        data = await self.answers.run(home_data, self.desk, identity, session.lang, pages or {})
        others = [code for code in self.desks.codes if code != self.desk.programme.code]
        await client.views_publish(user_id=user_id, view=home.home(data, self.desk.programme, session.lang, others))

    async def on_message(self, event: Json, client: AsyncWebClient) -> None:
        """A message in the app's DM: the same text commands as /vaart, answered in the DM."""
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        if not event.get("user") or not str(event.get("text") or "").strip():
            return
        self.spawn(self._direct_message(client, event))

    async def _direct_message(self, client: AsyncWebClient, event: Json) -> None:
        user_id, channel = str(event["user"]), str(event["channel"])
        try:
            identity, session = await self._who(client, user_id)
        except Refused as refusal:
            text = self._describe(refusal, self.desk.programme.language)
            await client.chat_postMessage(channel=channel, text=views.fallback(text), blocks=views.text_blocks(text))
            return
        if identity.dm_channel != channel:
            await self.answers.run(self.identities.set_dm_channel, PLATFORM, user_id, channel, self.desk.clock.now())
            self.people.remember_dm(user_id, channel)
        self._pinned(session, None)
        answer, table = await self.answers.run(laid_out, self.chat, session, str(event["text"]))
        blocks = views.table_blocks(table) if table else views.text_blocks(answer, code="\n" in answer)
        await client.chat_postMessage(channel=channel, text=views.fallback(answer), blocks=blocks)
