"""How the process, its database and its delivery channels are doing: one set of probes for
`/healthz`, `/readyz` and `vaart check`.

`/healthz` only asks whether the database answers (liveness). Readiness also wants the schema
this code expects, reports the worker's heartbeat, and asks every channel (SMTP, Graph, Slack,
Teams); those reach out, so their answer is kept for `CHANNEL_CHECK_TTL` seconds.

A worker whose heartbeat is older than `stale_after` (ten lock intervals, at least a minute) counts
like a failing channel: `degraded`, 503 only with `strict`; taking every web replica out of service
because the worker stopped would stop Slack's requests from being acknowledged too. In an
installation with several programmes (`installation_readiness`) every programme is asked: a store
that is not ready makes the answer 503 and names that programme; a programme without a heartbeat
while another has one (the worker beats each programme's store in turn) is degraded too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
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
Readiness = tuple[bool, bool, dict[str, Any]]  # (database ready, channels and worker ok, the report)


def stale_after(lock_interval: float) -> float:
    """Seconds after which a worker's heartbeat is stale: it beats every *lock_interval*."""
    return max(60.0, 10 * lock_interval)


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
    def __init__(self, engine: Engine, clock: Clock, outbox: OutboxRunner, stale_after: float = 60.0) -> None:
        self.engine = engine
        self.stale_after = stale_after
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

    def readiness(self) -> Readiness:
        """(database ready, channels all ok and the worker's heartbeat fresh, the report)."""
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
        beating = True
        if beat is not None:
            age = (self.clock.now() - beat.beat_at).total_seconds()
            beating = age <= self.stale_after
            report["worker"] = {"holder": beat.holder, "heartbeat_age_seconds": round(age, 1), "ok": beating}
        return state.ok, beating and all(c["ok"] for c in channels), report

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


def installation_readiness(probes: Sequence[tuple[str, Health]]) -> Callable[[], Readiness]:
    """/readyz of every programme (code, probe), the default first: one programme answers as alone;
    several answer per programme under `programmas`, with the codes whose store is not ready in
    `fout` and those degraded (a channel, the worker) in `degraded`."""

    def readiness() -> Readiness:
        answers = {code: probe.readiness() for code, probe in probes}
        if len(answers) == 1:
            return next(iter(answers.values()))
        if any("worker" in report for _, _, report in answers.values()):
            for code, (database_ok, _, report) in answers.items():  # the worker never beat for this one
                if database_ok and "worker" not in report:
                    report["worker"] = {"holder": None, "heartbeat_age_seconds": None, "ok": False}
                    answers[code] = (database_ok, False, report)
        failing = [code for code, (database_ok, _, _) in answers.items() if not database_ok]
        degraded = [code for code, (database_ok, rest_ok, _) in answers.items() if database_ok and not rest_ok]
        programmes = {
            code: {"status": "ok" if rest_ok else "degraded", **report} if database_ok else {"status": "fout", **report}
            for code, (database_ok, rest_ok, report) in answers.items()
        }
        body: dict[str, Any] = {"programma": probes[0][0], "programmas": programmes}
        if failing:
            body["fout"] = failing
        if degraded:
            body["degraded"] = degraded
        return not failing, not failing and not degraded, body

    return readiness
