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
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.chat.desk import FrontDesk
from bot.frontends.slack.app import SlackRuntime, build_slack
from bot.frontends.slack.config import SlackConfig

log = logging.getLogger("vaart.slack")
Lifespan = Callable[[Any], AbstractAsyncContextManager[None]]


def events_route(runtime: SlackRuntime) -> Route:
    handler = AsyncSlackRequestHandler(runtime.bolt)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

    return Route("/slack/events", events, methods=["POST"])


def socket_mode(runtime: SlackRuntime) -> AsyncSocketModeHandler:
    if runtime.config.app_token is None:
        raise ValueError("SLACK_APP_TOKEN is not set: Socket Mode cannot start")
    return AsyncSocketModeHandler(runtime.bolt, runtime.config.app_token)


def slack_parts(desk: FrontDesk, config: SlackConfig) -> tuple[list[BaseRoute], Lifespan | None]:
    """The routes and the lifespan the ASGI app needs for Slack; nothing when Slack is not configured."""
    if not (config.http or config.socket_mode):
        return [], None
    runtime = build_slack(desk, config)
    routes: list[BaseRoute] = [events_route(runtime)] if config.http else []

    @asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
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


async def run_socket_mode(desk: FrontDesk, config: SlackConfig, stop: asyncio.Event | None = None) -> None:
    """Socket Mode until *stop* is set (or forever)."""
    runtime = build_slack(desk, config)
    socket = socket_mode(runtime)
    await socket.connect_async()  # type: ignore[no-untyped-call]
    log.info("slack: Socket Mode connected")
    try:
        await (stop or asyncio.Event()).wait()
    finally:
        await socket.close_async()  # type: ignore[no-untyped-call]
        await runtime.front.close()
