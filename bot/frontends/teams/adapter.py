"""The Agents SDK's HTTP adapter, hosted in our Starlette app, and proactive sending through it.

The SDK ships hosting for aiohttp and FastAPI; both are thin shims over `HttpAdapterBase` with a
request object that has `method`, `headers`, `json()` and the claims the JWT check found. Ours is
the same shim over a Starlette request whose token we have already validated (`bot.frontends.teams.auth`),
so /api/messages lives in the one ASGI app. A turn that fails is logged and answered with our own
Dutch apology (the SDK's default would show the exception to the user).

Proactive messages use `continue_conversation` with a stored ConversationReference, only to a
service URL on the allowed list (`bot.frontends.teams.service_urls`). The outbox is
synchronous, so `Proactive.run` drives one short event loop per delivery (on a helper thread when
the caller already runs one); a failure inside the turn is handed back to the caller, not to the
turn error handler, so the outbox decides about retries.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from microsoft_agents.activity import Activity, ActivityTypes, Attachment, ConversationReference, InvokeResponse
from microsoft_agents.hosting.core import AuthenticationConstants, ClaimsIdentity, HttpAdapterBase, TurnContext

from bot.frontends.teams import cards
from bot.frontends.teams.auth import OneConnection, anonymous_claims
from bot.frontends.teams.markup import message_xml
from bot.frontends.teams.service_urls import ServiceUrls
from bot.messages import render

log = logging.getLogger("vaart.teams")
T = TypeVar("T")
TEXT_MAX = 20000  # characters of a reply: at most ~48 KB of UTF-16 with its markup, under Teams' ~100 KB


def card_activity(card: cards.Card, summary: str = "") -> Activity:
    attachment = Attachment(content_type=cards.CARD_TYPE, content=card)
    activity = Activity(type=ActivityTypes.message, attachments=[attachment])
    if summary:
        activity.summary = summary[:250]
    return activity


def text_activity(text: str) -> Activity:
    """A reply in words: Teams drops single line breaks in plain text, so it goes as XML (`markup`)."""
    return Activity(type=ActivityTypes.message, text=message_xml(text[:TEXT_MAX]), text_format="xml")


class ValidatedRequest:
    """What `HttpAdapterBase.process_request` needs of a request (the SDK's HttpRequestProtocol)."""

    def __init__(self, method: str, headers: dict[str, str], body: dict[str, Any], claims: ClaimsIdentity) -> None:
        self.method = method
        self.headers = headers
        self._body = body
        self._claims = claims

    async def json(self) -> dict[str, Any]:
        return self._body

    def get_claims_identity(self) -> ClaimsIdentity:
        return self._claims

    def get_path_param(self, name: str) -> str:
        return ""


class TeamsAdapter(HttpAdapterBase):
    def __init__(self, connections: OneConnection, language: str) -> None:
        super().__init__(connection_manager=connections)
        self.language = language

        async def on_turn_error(context: TurnContext, error: Exception) -> None:
            log.error("teams: turn failed (%s)", context.activity.type, exc_info=error)
            lang = str(context.turn_state.get("vaart.lang") or self.language)
            text = render("chat.failed", lang)
            if context.activity.type == ActivityTypes.invoke:
                body = {"statusCode": 500, "type": "application/vnd.microsoft.error",
                        "value": {"code": "InternalError", "message": text}}
                response = InvokeResponse(status=500, body=body)
                await context.send_activity(Activity(type=ActivityTypes.invoke_response, value=response))
            elif context.activity.type == ActivityTypes.message:
                await context.send_activity(Activity(type=ActivityTypes.message, text=text))

        self.on_turn_error = on_turn_error


class Proactive:
    """Post and update messages in a stored conversation, outside any request."""

    def __init__(self, adapter: TeamsAdapter, app_id: str, service_urls: ServiceUrls, timeout: float = 30.0) -> None:
        self.adapter = adapter
        self.app_id = app_id
        self.service_urls = service_urls
        self.timeout = timeout

    async def send(self, reference: dict[str, Any], activity: Activity) -> str:
        """Post *activity* as a new message; returns its id."""

        async def act(context: TurnContext) -> str:
            response = await context.send_activity(activity)
            return str(getattr(response, "id", "") or "")

        return await self._turn(reference, act)

    async def update(self, reference: dict[str, Any], activity_id: str, activity: Activity) -> str:
        """Replace the message *activity_id* by *activity* (a card shown to everyone); returns its id."""
        activity.id = activity_id

        async def act(context: TurnContext) -> str:
            await context.update_activity(activity)
            return activity_id

        return await self._turn(reference, act)

    async def _turn(self, reference: dict[str, Any], act: Callable[[TurnContext], Awaitable[str]]) -> str:
        continuation = ConversationReference.model_validate(reference).get_continuation_activity()
        continuation.id = None  # a new message in the conversation, not a reply to a made-up activity
        self.service_urls.check(continuation.service_url)  # ServiceUrlRefused: our token stays here
        outcome: dict[str, Any] = {}

        async def callback(context: TurnContext) -> None:
            try:
                outcome["id"] = await act(context)
            except Exception as error:  # handed to the caller (the outbox decides), not to on_turn_error
                outcome["error"] = error

        if self.app_id:
            proactive = self.adapter.continue_conversation(self.app_id, continuation, callback)
        else:  # local mode: the core's anonymous path (with an app id of "" it would still ask for a token)
            proactive = self.adapter.continue_conversation_with_claims(
                anonymous_claims(), continuation, callback, AuthenticationConstants.AGENTS_SDK_SCOPE
            )
        await asyncio.wait_for(proactive, self.timeout)
        if "error" in outcome:
            raise outcome["error"]
        return str(outcome.get("id", ""))

    @staticmethod
    def run(work: Coroutine[Any, Any, T]) -> T:
        """Run *work* to completion from synchronous code (the outbox runner)."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(work)
        with ThreadPoolExecutor(max_workers=1) as pool:  # called from inside an event loop: not on it
            return pool.submit(asyncio.run, work).result()
