"""Serving Slack: the /slack/events route of the one ASGI app (HTTP mode, signed requests) and the
Socket Mode connection (no public URL), both on the same asyncio event loop and the same Bolt app.

`vaart serve` mounts the route when SLACK_SIGNING_SECRET is set and opens the socket when
SLACK_APP_TOKEN is set; `vaart slack` runs Socket Mode on its own.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.starlette.async_handler import to_starlette_response
from slack_bolt.async_app import AsyncBoltRequest
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_internals import build_async_context
from slack_sdk.signature import SignatureVerifier
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.chat.desk import FrontDesk
from bot.chat.programmes import ProgrammeDesks
from bot.frontends.slack.app import SlackRuntime, build_slack
from bot.frontends.slack.backlog import quicken_switches
from bot.frontends.slack.config import SlackConfig
from bot.frontends.slack.signature import Rejected, admit

log = logging.getLogger("vaart.slack")
Lifespan = Callable[[Any], AbstractAsyncContextManager[None]]


def events_route(runtime: SlackRuntime) -> Route:
    """POST /slack/events: the signature and the body's shape are checked here
    (`bot.frontends.slack.signature`), before Bolt parses anything; the body is already capped by the
    ASGI app (`bot.frontends.web.limits`)."""
    if runtime.config.signing_secret is None:
        raise ValueError("SLACK_SIGNING_SECRET is not set: /slack/events cannot check requests")
    verifier = SignatureVerifier(runtime.config.signing_secret)

    async def events(request: Request) -> Response:
        raw = await request.body()
        try:
            body, parsed = admit(raw, request.headers, verifier, request.headers.get("content-type"))
        except Rejected as rejected:
            log.warning("slack: request refused (%d): %s", rejected.status, rejected.reason)
            return PlainTextResponse(_STATUS_TEXT[rejected.status], status_code=rejected.status)
        return to_starlette_response(await runtime.bolt.async_dispatch(_bolt_request(body, parsed, request)))

    return Route("/slack/events", events, methods=["POST"])


_STATUS_TEXT = {400: "Bad Request", 401: "Unauthorized"}


def _bolt_request(body: str, parsed: dict[str, Any], request: Request) -> AsyncBoltRequest:
    """Bolt's request with our reading of the body: Bolt does not parse it a second time (and would
    misread a form with "payload" in its text), nor check the signature again (app.py turns that off)."""
    bolt_request = AsyncBoltRequest(body="", query=request.query_params, headers=request.headers)  # type: ignore[arg-type]
    bolt_request.raw_body = body
    bolt_request.body = parsed
    bolt_request.context = build_async_context(AsyncBoltContext({}), parsed)
    return bolt_request


def socket_mode(runtime: SlackRuntime) -> AsyncSocketModeHandler:
    if runtime.config.app_token is None:
        raise ValueError("SLACK_APP_TOKEN is not set: Socket Mode cannot start")
    return AsyncSocketModeHandler(runtime.bolt, runtime.config.app_token)


def slack_parts(desks: ProgrammeDesks | FrontDesk, config: SlackConfig) -> tuple[list[BaseRoute], Lifespan | None]:
    """The routes and the lifespan the ASGI app needs for Slack; nothing when Slack is not configured."""
    if not (config.http or config.socket_mode):
        return [], None
    runtime = build_slack(desks, config)
    routes: list[BaseRoute] = [events_route(runtime)] if config.http else []

    @asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        quicken_switches()  # this process acks Slack: its answer threads must not keep an ack waiting
        runtime.front.share_connections(runtime.bolt.client)
        socket = socket_mode(runtime) if config.socket_mode else None
        if socket is not None:
            await socket.connect_async()  # type: ignore[no-untyped-call]
            log.info("slack: Socket Mode connected")
        try:
            yield
        finally:
            if socket is not None:
                await socket.close_async()  # type: ignore[no-untyped-call]
            await runtime.front.close()

    return routes, lifespan


async def run_socket_mode(
    desks: ProgrammeDesks | FrontDesk, config: SlackConfig, stop: asyncio.Event | None = None
) -> None:
    """Socket Mode until *stop* is set (or forever)."""
    runtime = build_slack(desks, config)
    quicken_switches()
    runtime.front.share_connections(runtime.bolt.client)
    socket = socket_mode(runtime)
    await socket.connect_async()  # type: ignore[no-untyped-call]
    log.info("slack: Socket Mode connected")
    try:
        await (stop or asyncio.Event()).wait()
    finally:
        await socket.close_async()  # type: ignore[no-untyped-call]
        await runtime.front.close()
