"""The operational side of the ASGI app: `/readyz`, `/metrics`, and a middleware that counts, times
and logs every request.

`/healthz` (in `bot.asgi`) says the process and its database answer: a liveness probe.
`/readyz` says whether this replica should get traffic: the database answers and its schema is
the one this code expects (503 otherwise), and how each delivery channel is doing. A channel that
fails makes the answer `degraded` but still 200: the outbox keeps messages until the channel is
back, and taking every web replica out of service because SMTP is down would stop Slack's
requests from being acknowledged too. `/readyz?strict=1` turns a failing channel into 503 for
monitoring that wants to page on it. The probes themselves are the composition root's
(`bot.bootstrap.health`): this front end only answers HTTP with them.

The middleware labels requests by route template (`/calendar/{gremium}.ics`), never by the raw
path or query, so nothing a URL carries ends up in metrics or logs; and by programme: a request
under a further programme's prefix (`/programma/vdg/...`) is that programme's, any other the
default's (a code from the installation's own list, never a piece of the URL); its log line names
the route with the programme's prefix (`/programma/vdg/besluiten`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.domain.audit import bio

log = logging.getLogger("vaart.http")
Readiness = Callable[[], tuple[bool, bool, dict[str, Any]]]  # (database ready, channels ok, the report)


class RequestObserver(Protocol):
    def observe(self, programme: str, route: str, method: str, status: int, seconds: float) -> None: ...

QUIET_ROUTES = frozenset({"/healthz", "/readyz", "/metrics"})  # probes and scrapes log at DEBUG


class MetricsMiddleware:
    """Pure ASGI middleware: status, duration (to the response's start: the ack), programme, route,
    a log line. *programme* is the default's code, *mounted* each further programme's (prefix, code)."""

    def __init__(self, app: ASGIApp, metrics: RequestObserver, programme: str = "",
                 mounted: Sequence[tuple[str, str]] = ()) -> None:
        self.app = app
        self.metrics = metrics
        self.programme = programme
        self.mounted = tuple((prefix.rstrip("/"), code) for prefix, code in mounted)

    def programme_of(self, path: str) -> tuple[str, str]:
        """(the programme's code, its path prefix) of a request for *path*: a mounted one's, or the default's."""
        for prefix, code in self.mounted:
            if path == prefix or path.startswith(prefix + "/"):
                return code, prefix
        return self.programme, ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        answered: list[float] = []
        status = 500

        async def send_and_time(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                answered.append(time.perf_counter() - started)
            await send(message)

        try:
            await self.app(scope, receive, send_and_time)
        finally:
            route = scope.get("route")
            label = str(getattr(route, "path", None) or "unmatched")
            method = str(scope.get("method", "GET"))
            seconds = answered[0] if answered else time.perf_counter() - started
            programme, prefix = self.programme_of(str(scope.get("path", "")))
            if prefix and label == prefix:  # the programme's mount matched, none of its routes did
                label = "unmatched"
            self.metrics.observe(programme, label, method, status, seconds)
            client = scope.get("client")
            origin = str(client[0]) if client else "-"
            level = logging.DEBUG if label in QUIET_ROUTES else logging.INFO
            shown = label if label == "unmatched" else prefix + label  # the log names the programme's path
            log.log(level, "%s %s %d %.1f ms", method, shown, status, seconds * 1000,
                    extra=bio("-", f"http {method}", shown, str(status), origin))


def ops_routes(readiness: Readiness, metrics_text: Callable[[], tuple[bytes, str]]) -> list[BaseRoute]:
    """/readyz from *readiness* (the composition root's probes), /metrics from *metrics_text*."""

    async def readyz(request: Request) -> JSONResponse:
        strict = request.query_params.get("strict", "") in ("1", "true", "yes")
        database_ok, channels_ok, report = await run_in_threadpool(readiness)
        ready = database_ok and (channels_ok or not strict)
        status = "ok" if database_ok and channels_ok else ("degraded" if database_ok else "fout")
        return JSONResponse({"status": status, **report}, status_code=200 if ready else 503)

    async def metrics(request: Request) -> Response:
        body, content_type = await run_in_threadpool(metrics_text)
        return Response(body, media_type=content_type)

    return [Route("/readyz", readyz), Route("/metrics", metrics)]
