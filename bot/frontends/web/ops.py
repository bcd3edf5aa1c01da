"""The operational side of the ASGI app: `/readyz`, `/metrics`, and a middleware that counts, times
and logs every request.

`/healthz` (in `bot.asgi`) says the process and its database answer: a liveness probe.
`/readyz` says whether this replica should get traffic: the database answers and its schema is
the one this code expects (503 otherwise), and how each delivery channel is doing. A channel that
fails makes the answer `degraded` but still 200: the outbox keeps messages until the channel is
back, and taking every web replica out of service because SMTP is down would stop Slack's
requests from being acknowledged too. `/readyz?strict=1` turns a failing channel into 503 for
monitoring that wants to page on it. Channel checks reach out (SMTP, Graph, Slack), so their
result is kept for 30 seconds.

The middleware labels requests by route template (`/calendar/{gremium}.ics`), never by the raw
path or query, so nothing a URL carries ends up in metrics or logs.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from sqlalchemy import select, text
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.bootstrap.app import App
from bot.bootstrap.logging_setup import bio
from bot.bootstrap.metrics import Metrics
from storage.migrate import current_revision, head_revision
from storage.tables_ops import worker_leader

log = logging.getLogger("vaart.http")
CHANNEL_CHECK_TTL = 30.0
QUIET_ROUTES = frozenset({"/healthz", "/readyz", "/metrics"})  # probes and scrapes log at DEBUG


class MetricsMiddleware:
    """Pure ASGI middleware: status, duration (to the response's start: the ack), route, a log line."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

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
            self.metrics.observe(label, method, status, seconds)
            client = scope.get("client")
            origin = str(client[0]) if client else "-"
            level = logging.DEBUG if label in QUIET_ROUTES else logging.INFO
            log.log(level, "%s %s %d %.1f ms", method, label, status, seconds * 1000,
                    extra=bio("-", f"http {method}", label, str(status), origin))


class Readiness:
    def __init__(self, app: App) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._channels: tuple[float, list[dict[str, Any]]] | None = None
        self._expected = head_revision()  # what this code's migrations end in: fixed for the process

    def check(self) -> tuple[bool, bool, dict[str, Any]]:
        """(database ready, channels all ok, the report)."""
        report: dict[str, Any] = {}
        beat = None
        try:
            with self.app.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            revision, head = current_revision(self.app.engine), self._expected
            database_ok = revision == head
            if database_ok:
                w = worker_leader.c
                with self.app.engine.connect() as conn:
                    beat = conn.execute(select(w.holder, w.beat_at).where(w.name == "worker")).first()
            report["database"] = {"ok": database_ok, "backend": self.app.engine.dialect.name,
                                  "schema": revision, "expected": head}
        except Exception as exc:  # readiness reports any database failure instead of raising it
            return False, False, {"database": {"ok": False, "error": type(exc).__name__}}
        channels = self._channel_report()
        report["channels"] = channels
        if beat is not None:
            age = (self.app.clock.now() - beat.beat_at).total_seconds()
            report["worker"] = {"holder": beat.holder, "heartbeat_age_seconds": round(age, 1)}
        return database_ok, all(c["ok"] for c in channels), report

    def _channel_report(self) -> list[dict[str, Any]]:
        with self._lock:
            cached = self._channels
            if cached is not None and time.monotonic() - cached[0] < CHANNEL_CHECK_TTL:
                return cached[1]
        results = []
        for name, channel in self.app.outbox.channels.items():
            try:
                ok, detail = channel.check()
            except Exception as exc:  # a health check reports every failure instead of raising it
                ok, detail = False, type(exc).__name__
            results.append({"name": name, "channel": channel.name, "ok": bool(ok), "detail": str(detail)[:200]})
        with self._lock:
            self._channels = (time.monotonic(), results)
        return results


def ops_routes(app: App) -> list[BaseRoute]:
    readiness = Readiness(app)

    async def readyz(request: Request) -> JSONResponse:
        strict = request.query_params.get("strict", "") in ("1", "true", "yes")
        database_ok, channels_ok, report = await run_in_threadpool(readiness.check)
        ready = database_ok and (channels_ok or not strict)
        status = "ok" if database_ok and channels_ok else ("degraded" if database_ok else "fout")
        return JSONResponse({"status": status, **report}, status_code=200 if ready else 503)

    async def metrics(request: Request) -> Response:
        body, content_type = await run_in_threadpool(app.metrics.render)
        return Response(body, media_type=content_type)

    return [Route("/readyz", readyz), Route("/metrics", metrics)]
