"""What the Slack front end does with each slash command, form and event (the buttons are `buttons`,
what every listener stands on is `base`).

Every change goes through the same services as the console, with the Slack view id or click as the
request key, so a repeated submission acts once. A slash command's answer only the person sees; a
message in the app's DM is answered there.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable

from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.forms import FORM_WORDS, FormErrors
from bot.chat.layout import laid_out
from bot.domain.errors import Refused
from bot.frontends.slack import home, views
from bot.frontends.slack.base import ORIGIN, Json
from bot.frontends.slack.buttons import SlackButtons
from bot.frontends.slack.identity import PLATFORM
from bot.frontends.slack.requests import user_id_of
from bot.services.ports.chat import ChatIdentity


def opens_form(body: Json) -> bool:
    """A /vaart command that may open a modal: its trigger expires, so it goes first."""
    word = str(body.get("text") or "").strip().partition(" ")[0]
    return word.lower() in ("idee", "idea", *FORM_WORDS)


class SlackDesk(SlackButtons):
    """One programme's Slack: every listener. The installation's front end
    (`bot.frontends.slack.router.SlackFrontEnd`) picks the desk per request."""

    # -- slash commands --------------------------------------------------------------------------
    async def on_idee(self, ack: Callable[..., Awaitable[None]], body: Json, client: AsyncWebClient) -> None:
        await ack()
        self.spawn(self._open(client, body, "idea", ""), urgent=True)

    async def on_vaart(self, ack: Callable[..., Awaitable[None]], body: Json, client: AsyncWebClient) -> None:
        await ack()
        self.spawn(self._command(client, body), urgent=opens_form(body))

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

    # -- forms -----------------------------------------------------------------------------------
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
            form = await asyncio.to_thread(self.forms.build, name, reference, lang, identity.email)
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

    # -- events ----------------------------------------------------------------------------------
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
