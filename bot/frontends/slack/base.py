"""What every listener of one programme's Slack desk stands on: the person behind a request (their
session, their language), answering only them (`_tell`), opening a form as a modal, publishing the
App Home, and the background work. `buttons` and `handlers` build on it.

Every listener acks first and does its work in a background task, so Slack always gets its answer
within a few milliseconds; only form submissions do their work before the ack, because Slack wants
the field errors in the ack itself. The services are synchronous (SQLAlchemy) and run in threads,
never on the event loop: the answers on a small pool of their own (`backlog.Answers`), a form's
validation before its ack and a request's durable claim (`dedupe`) on the default executor, so
neither waits behind an answer. Before any other ack nothing waits for the database.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.bot import ChatSession
from bot.chat.desk import FrontDesk
from bot.chat.programmes import CHOOSER, PINNED, ProgrammeDesks
from bot.domain.errors import Refused
from bot.frontends.slack import home, views
from bot.frontends.slack.backlog import Answers, Backlog
from bot.frontends.slack.config import SlackConfig
from bot.frontends.slack.dedupe import Recent, claimed
from bot.frontends.slack.home_data import home_data
from bot.frontends.slack.identity import SlackPeople
from bot.frontends.slack.requests import HttpSession, post_response, user_id_of
from bot.messages import render
from bot.services.ports.chat import ChatIdentity

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
    recent: Recent = field(default_factory=Recent)  # request keys seen: a retry is acked, not acted on
    http: HttpSession = field(default_factory=HttpSession)  # every call to Slack, on connections kept open


class SlackDeskBase:
    """One programme's Slack, the parts every listener uses: its desk, its kernteam channel, the
    sessions of the people talking to it."""

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

    # -- background work -------------------------------------------------------------------------
    def spawn(self, work: Coroutine[Any, Any, None], urgent: bool = False) -> None:
        """After the ack: *urgent* work (opening a modal) at once, the rest when the acks allow; a retried
        request's work only if the durable claim says it is the first (`dedupe`)."""
        self.backlog.submit(claimed(work), urgent)

    def _pinned(self, session: ChatSession, channel: str | None) -> ChatSession:
        """The session, told whether this request comes from a channel pinned to a programme."""
        session.extra[PINNED] = self.desks.slack_channel(channel)
        return session

    # -- the person and the answer ---------------------------------------------------------------
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

    def _lang_of_email(self, email: str) -> str:
        for session in self.sessions.values():
            if session.email == email:
                return session.lang
        return self.desk.programme.language

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
                                              "text": views.fallback(text), "blocks": blocks},
                                self.shared.http)
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

    # -- forms and the App Home ------------------------------------------------------------------
    async def _open(
        self, client: AsyncWebClient, body: Json, form: str, reference: str, extra: Json | None = None
    ) -> None:
        lang = self._lang_of(user_id_of(body))
        try:
            identity, session = await self._who(client, user_id_of(body))
            lang = session.lang
            await self.answers.run(self.forms.may_open, form, reference, identity.email)
            spec = await self.answers.run(self.forms.build, form, reference, lang, identity.email)
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
