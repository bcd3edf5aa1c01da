"""What the Slack handlers need of Bolt's requests: who sent one, answering on its response_url, and
the middleware that sees every request first (retries and the backlog's clock)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import ClientSession, ClientTimeout
from slack_bolt import BoltResponse
from slack_bolt.async_app import AsyncBoltRequest
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

log = logging.getLogger("vaart.slack")
Json = dict[str, Any]
BeforeEachHook = Callable[[AsyncBoltRequest, Callable[[], Awaitable[Any]]], Awaitable[BoltResponse | None]]


class BeforeEach(AsyncMiddleware):
    """A front end's `before_each` as a Bolt middleware (a subclass: no per-request argument matching)."""

    def __init__(self, before_each: BeforeEachHook) -> None:
        self.before_each = before_each

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse | None:
        return await self.before_each(req, next)


def user_id_of(body: Json) -> str:
    user = body.get("user")
    if isinstance(user, dict):
        return str(user.get("id", ""))
    return str(body.get("user_id") or user or "")


class HttpSession:
    """One HTTP session for every call the front end makes to Slack (the Web API, the answers POSTed to
    response_urls), its connections kept open while the front end runs: a session of its own per call
    cost the event loop, where the acks are made, a new connection (with Slack, a TLS handshake) each
    time. Made on first use, inside the running loop."""

    def __init__(self) -> None:
        self._session: ClientSession | None = None

    def get(self, timeout: float) -> ClientSession:
        if self._session is None or self._session.closed:
            self._session = ClientSession(timeout=ClientTimeout(total=timeout))
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


async def post_response(client: AsyncWebClient, url: str, payload: Json, session: HttpSession) -> None:
    """POST to a response_url (the same as Bolt's respond(), with our client's settings, on *session*)."""
    webhook = AsyncWebhookClient(url, timeout=client.timeout, retry_handlers=client.retry_handlers,
                                 session=session.get(client.timeout))
    response = await webhook.send_dict(payload)
    if response.status_code >= 400:
        log.warning("slack: response_url answered %s", response.status_code)


def request_key(body: Json) -> str | None:
    """What makes a request the same request again: an event's event_id, a slash command's trigger_id."""
    if body.get("type") == "event_callback" and body.get("event_id"):
        return f"slack:event:{body['event_id']}"
    if body.get("command") and body.get("trigger_id"):
        return f"slack:command:{body['trigger_id']}"
    return None
