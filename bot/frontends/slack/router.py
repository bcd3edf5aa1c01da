"""The installation's Slack front end: one Bolt app for every programme, each request handed to the
programme it belongs to (`bot.frontends.slack.handlers.SlackDesk`, one per programme).

Which programme: a channel mapped to one (SLACK_PROGRAMME_CHANNELS, and each programme's kernteam
channel) pins it; a DM, the App Home or another channel goes to the person's choice (`programma
CODE`, stored: looked up after the ack, so no ack waits for the database), else the default. A
button acts in the programme its reference names; a reference no programme here issues is refused
in one sentence and nothing happens. A submitted form carries the programme it was opened in,
checked against its reference. Slack's retries are recognised once for the installation (the claim
is in the default programme's store), whichever programme acts.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from slack_bolt import BoltResponse
from slack_bolt.async_app import AsyncApp, AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.desk import FrontDesk
from bot.chat.programmes import ProgrammeDesks
from bot.domain.errors import Refused
from bot.frontends.slack import home, views
from bot.frontends.slack.base import Shared
from bot.frontends.slack.config import SlackConfig
from bot.frontends.slack.dedupe import CLAIM, Claim
from bot.frontends.slack.handlers import SlackDesk, opens_form
from bot.frontends.slack.identity import PLATFORM
from bot.frontends.slack.requests import BeforeEach, request_key, user_id_of

log = logging.getLogger("vaart.slack")
Json = dict[str, Any]
Ack = Callable[..., Awaitable[None]]
Button = Callable[[Ack, Json, Json, AsyncWebClient], Awaitable[None]]  # a desk's handler of one button
Handle = Callable[["SlackDesk", Ack], Awaitable[None]]  # a request handed to a desk, with the ack it may use


async def _acked(*_: Any, **__: Any) -> None:
    """The ack a desk gets when the router acked already (its programme was looked up after the ack)."""


class SlackFrontEnd:
    def __init__(self, desks: ProgrammeDesks | FrontDesk, config: SlackConfig) -> None:
        self.desks = ProgrammeDesks.of(desks)
        self.config = config
        self.shared = Shared()
        self.by_code = {
            code: SlackDesk(desk, self._config_of(code, config), self.shared, self.desks)
            for code, desk in self.desks.items.items()
        }
        self.default = self.by_code[self.desks.default]

    def _config_of(self, code: str, config: SlackConfig) -> SlackConfig:
        """Each programme posts its kernteam cards in its own channel (the configured one when single)."""
        channel = self.desks.slack_kernteam.get(code)
        return replace(config, kernteam_channel=channel) if channel else config

    def register(self, bolt: AsyncApp) -> None:
        bolt.use(BeforeEach(self.before_each))
        bolt.command("/idee")(self.on_idee)
        bolt.command("/vaart")(self.on_vaart)
        bolt.view(views.FORM_CALLBACK)(self.on_form)
        bolt.action("pick_up")(self.on_pick_up)
        bolt.action("spend_approve")(self.on_spend_approve)
        bolt.action("spend_reject")(self.on_spend_reject)
        bolt.action(re.compile(f"^{views.ROUND_VOTE}"))(self.on_round_vote)
        bolt.action("open_form")(self.on_open_form)
        bolt.action(home.HOME_MORE)(self.on_home_page)
        bolt.action(home.PROGRAMME_SWITCH)(self.on_programme_switch)
        bolt.event("app_home_opened")(self.on_home_opened)
        bolt.event("message")(self.on_message)

    def share_connections(self, client: AsyncWebClient) -> None:
        """Bolt's Web API client (and the copy Bolt makes of it per request) calls Slack on the front end's
        one HTTP session; inside the running loop (the server's startup)."""
        client.session = self.shared.http.get(client.timeout)

    async def settle(self) -> None:
        """Wait until all background work has finished (tests)."""
        await self.shared.backlog.settle()

    async def close(self) -> None:
        """Finish the background work and stop its workers (shutdown)."""
        await self.shared.backlog.close()
        self.shared.answers.close()
        await self.shared.http.close()

    async def before_each(self, request: AsyncBoltRequest, next: Callable[[], Awaitable[Any]]) -> BoltResponse | None:
        """Every request that passed the signature check: the backlog hears of it (acks come first), and
        an event Slack retries (it did not see the ack in time) is acted on once per event_id, a slash
        command once per trigger_id (a signed request replayed inside Slack's five minutes is the same
        request: acked, not acted on) — once for the installation. Nothing here waits for the database:
        a key seen in this process is acked at once, the durable claim follows the ack (`dedupe`)."""
        self.shared.backlog.touch()
        key = request_key(request.body)
        if key is not None and not self.shared.recent.first(key):
            retry = (request.headers.get("x-slack-retry-num") or ["-"])[0]
            log.info("slack: %s seen before (retry %s), acked without acting", key, retry)
            return BoltResponse(status=200, body="")
        # Bolt runs the listener after the middleware, in this request's task: it finds the claim there
        CLAIM.set(None if key is None else Claim(key, self._claim))
        await next()
        return None

    async def _claim(self, key: str) -> bool:
        """The durable claim, in the default programme's store, after the ack (on the default executor,
        never behind the answers: a modal waits for it); a claim that fails lets a retry act."""
        desk = self.default.desk
        try:
            return await asyncio.to_thread(desk.directory.claim, key, desk.clock.now())
        except Exception:
            self.shared.recent.forget(key)
            raise

    # -- which programme ---------------------------------------------------------------------------
    def _known(self, channel: str | None) -> str | None:
        """The programme of a request when no database says it: the only one, or the channel's; None
        when it is the person's choice (`programma CODE`), which is stored."""
        if not self.desks.several:
            return self.desks.default
        return self.desks.slack_channel(channel)

    async def _context(self, user_id: str, channel: str | None) -> str:
        """The programme of a request from *user_id* in *channel* (None: a DM or the App Home)."""
        known = self._known(channel)
        if known is not None:
            return known
        return await asyncio.to_thread(self.desks.chosen, PLATFORM, user_id)

    async def _route(self, ack: Ack | None, user_id: str, channel: str | None, handle: Handle,
                     urgent: bool = False) -> None:
        """*handle* the request on its programme's desk: at once when the programme is known without the
        database; else the request is acked now (*ack*; an event is acked when its listener returns) and
        the person's choice is looked up after the ack (*urgent*: a modal's trigger is waiting)."""
        known = self._known(channel)
        if known is not None:
            await handle(self.by_code[known], ack or _acked)
            return
        if ack is not None:
            await ack()

        async def routed() -> None:
            await handle(self.by_code[await self._context(user_id, channel)], _acked)

        self.default.spawn(routed(), urgent)

    @staticmethod
    def _channel_of(body: Json) -> str | None:
        container = body.get("container") or {}
        if container.get("type") == "view":
            return None
        channel = body.get("channel")
        found = container.get("channel_id") or (channel.get("id") if isinstance(channel, dict) else "")
        return str(found or "") or None

    # -- listeners: each finds its programme's desk and hands the request on -----------------------
    async def on_idee(self, ack: Ack, body: Json, client: AsyncWebClient) -> None:
        await self._route(ack, user_id_of(body), self._command_channel(body),
                          lambda desk, acked: desk.on_idee(acked, body, client), urgent=True)

    async def on_vaart(self, ack: Ack, body: Json, client: AsyncWebClient) -> None:
        await self._route(ack, user_id_of(body), self._command_channel(body),
                          lambda desk, acked: desk.on_vaart(acked, body, client), urgent=opens_form(body))

    @staticmethod
    def _command_channel(body: Json) -> str | None:
        return str(body.get("channel_id") or "") or None

    async def on_pick_up(self, ack: Ack, body: Json, action: Json, client: AsyncWebClient) -> None:
        await self._on_button(lambda desk: desk.on_pick_up, ack, body, action, client)

    async def on_spend_approve(self, ack: Ack, body: Json, action: Json, client: AsyncWebClient) -> None:
        await self._on_button(lambda desk: desk.on_spend_approve, ack, body, action, client)

    async def on_spend_reject(self, ack: Ack, body: Json, action: Json, client: AsyncWebClient) -> None:
        await self._on_button(lambda desk: desk.on_spend_reject, ack, body, action, client)

    async def on_round_vote(self, ack: Ack, body: Json, action: Json, client: AsyncWebClient) -> None:
        await self._on_button(lambda desk: desk.on_round_vote, ack, body, action, client)

    async def on_open_form(self, ack: Ack, body: Json, action: Json, client: AsyncWebClient) -> None:
        _, reference = views.form_request(str(action.get("value", "")))
        await self._on_button(lambda desk: desk.on_open_form, ack, body, action, client, reference, urgent=True)

    async def _on_button(self, handler: Callable[[SlackDesk], Button], ack: Ack, body: Json, action: Json,
                         client: AsyncWebClient, reference: str | None = None, urgent: bool = False) -> None:
        """A button of a card: handed to the desk of the programme its reference (the button's value,
        unless given) belongs to, known from the reference itself; a button without one goes where the
        request comes from (`_route`). A reference no programme here issues is refused, after the ack."""
        wanted = str(action.get("value", "")) if reference is None else reference
        user, channel = user_id_of(body), self._channel_of(body)
        if not wanted.strip() or not self.desks.several:
            await self._route(ack, user, channel, lambda desk, acked: handler(desk)(acked, body, action, client),
                              urgent)
            return
        code = self.desks.by_reference(wanted)
        if code is not None:
            await handler(self.by_code[code])(ack, body, action, client)
            return
        await ack()
        log.warning("slack: a button names no programme here: %s", wanted[:40])
        refusal = Refused("programme.unknown_reference", reference=wanted.strip()[:40])

        async def refuse(desk: SlackDesk, acked: Ack) -> None:
            desk.spawn(desk._tell(client, body, desk._describe(refusal, desk._lang_of(user))))

        await self._route(None, user, channel, refuse)

    async def on_home_page(self, ack: Ack, body: Json, action: Json, client: AsyncWebClient) -> None:
        await self._route(ack, user_id_of(body), None,
                          lambda desk, acked: desk.on_home_page(acked, body, action, client))

    async def on_programme_switch(self, ack: Ack, body: Json, action: Json, client: AsyncWebClient) -> None:
        """A programme's button on the App Home: the DM choice switches to it, and the home shows it
        (the choice is stored after the ack, before the home is published)."""
        await ack()
        user, wanted = user_id_of(body), str(action.get("value", "")).strip().upper()
        if wanted not in self.desks.items or not self.desks.several:
            refusal = Refused("programme.unknown", programme=wanted[:20], codes=", ".join(self.desks.codes))
            log.warning("slack: a home button names no programme here: %s", wanted[:20])

            async def refuse(current: SlackDesk, acked: Ack) -> None:
                current.spawn(current._tell(client, body, current._describe(refusal, current._lang_of(user))))

            await self._route(None, user, None, refuse)
            return
        desk = self.by_code[wanted]

        async def switch() -> None:
            await asyncio.to_thread(self.desks.choices.set, PLATFORM, user, wanted, desk.desk.clock.now())
            await desk._publish_home(client, user)

        desk.spawn(switch(), urgent=True)

    async def on_form(self, ack: Ack, body: Json, view: Json, client: AsyncWebClient) -> None:
        """A submitted form acts in the programme it was opened in, which must be one of this
        installation's and the one its reference belongs to."""
        try:
            meta = json.loads(view.get("private_metadata") or "{}")
        except ValueError:
            meta = {}
        meta = meta if isinstance(meta, dict) else {}
        named = str(meta.get("programme") or "").upper()
        fallback = named or await self._context(user_id_of(body), None)
        try:
            if fallback not in self.desks.items:
                raise Refused("programme.unknown", programme=fallback[:20], codes=", ".join(self.desks.codes))
            code = self.desks.for_reference(str(meta.get("reference") or ""), fallback)
            if named and code != named:
                raise Refused("programme.unknown_reference", reference=str(meta.get("reference"))[:40])
        except Refused as refusal:
            first_block = next((b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"), "")
            desk = self.default
            text = desk._describe(refusal, str(meta.get("lang") or desk.desk.programme.language))
            await ack(response_action="errors", errors={first_block: text[:300]})
            return
        await self.by_code[code].on_form(ack, body, view, client)

    async def on_home_opened(self, event: Json, client: AsyncWebClient) -> None:
        if event.get("tab", "home") == "home" and event.get("user"):
            await self._route(None, str(event["user"]), None, lambda desk, _: desk.on_home_opened(event, client))

    async def on_message(self, event: Json, client: AsyncWebClient) -> None:
        """A message in the app's DM: the person's chosen programme answers."""
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id") or not event.get("user"):
            return
        await self._route(None, str(event["user"]), None, lambda desk, _: desk.on_message(event, client))
