"""The cap on request bodies of the one ASGI app, for every route (/slack/events, /api/messages, the
web's sign-in forms and whatever comes), so no proxy is needed in front to keep a large unsigned POST
out of memory. It lives with the app's other HTTP plumbing (`ops.MetricsMiddleware`); `bot.asgi`
installs it.

A declared Content-Length over the cap is answered with 413 before one byte of the body is read; a
body without one (chunked) is counted while it streams and cut off at the cap. At most the cap is
ever held: the body is read here, up to the cap, and handed to the app as it came. The 413 closes
the connection, so the rest of an oversized body is never read either.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("vaart.http")
# Slack's largest requests (a modal's view_submission) and a Teams activity with a full card stay far below.
MAX_BODY = 1024 * 1024


class BodyLimit:
    """Pure ASGI middleware: 413 for a body over *limit* bytes, 400 for a Content-Length that is no number."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is None:
            await _refuse(send, 400, b"Bad Request")
            return
        if declared > self.limit:
            log.warning("http: body of %d bytes refused (413), the cap is %d", declared, self.limit)
            await _refuse(send, 413, b"Payload Too Large")
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break  # the client went away: the app hears it
            size += len(message.get("body", b""))
            if size > self.limit:
                log.warning("http: streamed body over the cap of %d bytes refused (413)", self.limit)
                await _refuse(send, 413, b"Payload Too Large")
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(messages, receive), send)


def _content_length(scope: Scope) -> int | None:
    """The declared length (-1 when there is none), None when it is not a plain number."""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isascii() and text.isdigit() else None
    return -1


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """The body as it came, then whatever the server says next (a disconnect)."""
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed


async def _refuse(send: Send, status: int, text: bytes) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(text)).encode()),
               (b"connection", b"close")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": text})
