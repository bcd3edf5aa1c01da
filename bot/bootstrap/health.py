"""How the process, its database and its delivery channels are doing: one set of probes for
`/healthz`, `/readyz` and `vaart check`.

`/healthz` only asks whether the database answers (liveness). Readiness also wants the schema
this code expects, reports the worker's heartbeat, and asks every channel (SMTP, Graph, Slack,
Teams); those reach out, so their answer is kept for `CHANNEL_CHECK_TTL` seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from bot.services.ports.outbox import Channel
from bot.services.ports.unit_of_work import Clock
from scheduling.outbox import OutboxRunner
from storage.engine import ping
from storage.migrate import current_revision, head_revision
from storage.tables_ops import worker_leader

CHANNEL_CHECK_TTL = 30.0


@dataclass(frozen=True)
class ChannelCheck:
    name: str  # the outbox's channel name ("mail", "slack")
    channel: str  # the adapter behind it ("smtp", "graph", "file")
    ok: bool
    detail: str
    error: Exception | None = None  # the check itself failed


def check_channels(channels: Mapping[str, Channel]) -> list[ChannelCheck]:
    """Ask every channel whether it works; a check that raises counts as a failing channel."""
    results: list[ChannelCheck] = []
    for name, channel in channels.items():
        try:
            ok, detail = channel.check()
        except Exception as exc:  # a health check reports every failure instead of raising it
            results.append(ChannelCheck(name, channel.name, False, type(exc).__name__, exc))
            continue
        results.append(ChannelCheck(name, channel.name, bool(ok), str(detail)))
    return results


@dataclass(frozen=True)
class DatabaseState:
    backend: str
    revision: str | None
    head: str | None

    @property
    def ok(self) -> bool:
        return self.revision == self.head


def database_state(engine: Engine, head: str | None = None) -> DatabaseState:
    """The database answers, and on which schema (raises the driver's error when it does not)."""
    ping(engine)
    return DatabaseState(engine.dialect.name, current_revision(engine), head or head_revision())


class Health:
    def __init__(self, engine: Engine, clock: Clock, outbox: OutboxRunner) -> None:
        self.engine = engine
        self.clock = clock
        self.outbox = outbox  # its channels are read at each check (tests swap them)
        self._lock = threading.Lock()
        self._channels: tuple[float, list[dict[str, Any]]] | None = None
        self._expected = head_revision()  # what this code's migrations end in: fixed for the process

    def alive(self) -> str | None:
        """None when the database answers, else the name of the error (for /healthz)."""
        try:
            ping(self.engine)
        except Exception as exc:  # the health check reports any database failure instead of raising
            return type(exc).__name__
        return None

    def readiness(self) -> tuple[bool, bool, dict[str, Any]]:
        """(database ready, channels all ok, the report)."""
        report: dict[str, Any] = {}
        beat = None
        try:
            state = database_state(self.engine, self._expected)
            if state.ok:
                w = worker_leader.c
                with self.engine.connect() as conn:
                    beat = conn.execute(select(w.holder, w.beat_at).where(w.name == "worker")).first()
            report["database"] = {"ok": state.ok, "backend": state.backend,
                                  "schema": state.revision, "expected": state.head}
        except Exception as exc:  # readiness reports any database failure instead of raising it
            return False, False, {"database": {"ok": False, "error": type(exc).__name__}}
        channels = self._channel_report()
        report["channels"] = channels
        if beat is not None:
            age = (self.clock.now() - beat.beat_at).total_seconds()
            report["worker"] = {"holder": beat.holder, "heartbeat_age_seconds": round(age, 1)}
        return state.ok, all(c["ok"] for c in channels), report

    def _channel_report(self) -> list[dict[str, Any]]:
        with self._lock:
            cached = self._channels
            if cached is not None and time.monotonic() - cached[0] < CHANNEL_CHECK_TTL:
                return cached[1]
        results = [
            {"name": c.name, "channel": c.channel, "ok": c.ok, "detail": c.detail[:200]}
            for c in check_channels(self.outbox.channels)
        ]
        with self._lock:
            self._channels = (time.monotonic(), results)
        return results
