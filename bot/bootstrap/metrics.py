"""Prometheus metrics for `/metrics`: what the web processes count themselves, and what the store says.

Made by the composition root (`bot.bootstrap.app.build`), one registry per application object, never at
import time, so tests and several apps in one process do not share counters.

Counted per process: HTTP requests by route template, method and status; request duration; the
time to acknowledge a chat platform's request (`vaart_chat_ack_seconds`: Slack retries after 3 s,
Teams after 15). Read from the database at every scrape, so any web replica tells the same truth
about the one worker: the messages waiting and dead per channel and the age of the oldest waiting
one, dead letters, reminders overdue (due, not sent: is the worker running?) and sent late, and
the age of the worker's last heartbeat. Every one of these is an index range over rows that need
attention (waiting, dead, unsent), never a walk over everything ever sent, and nothing is read
before the first scrape: the registry does not collect to describe itself, so building the
application (every `vaart` command) costs no query however large the outbox has grown.

In an installation with several programmes (`bot.bootstrap.installation`) one registry serves them
all: every figure carries `programma` (the programme's code, the default's too, so a one-programme
installation has the same names with that one label), a request by the programme whose path it took
(`/programma/vdg/besluiten` is `programma="VDG", route="/besluiten"`), and a scrape reads each store
in turn; a store that does not answer is `vaart_store_up{programma=...} 0` and the others still count.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import timedelta
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import Engine, Select, func, select
from sqlalchemy.exc import SQLAlchemyError

from bot.services.ports.unit_of_work import Clock
from storage import tables
from storage.engine import reader
from storage.tables_meetings import reminders
from storage.tables_ops import worker_leader

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 15.0)
CHAT_ROUTES = {"/slack/events": "slack", "/api/messages": "teams"}
Gauge = GaugeMetricFamily
ATTENTION = ("pending", "dead")  # the outbox states a scrape counts (sent rows only grow)


class StoreCollector(Collector):
    """Gauges read from every programme's store at scrape time (one short read transaction each)."""

    def __init__(self, stores: Mapping[str, Engine], clock: Clock, reminder_grace: timedelta) -> None:
        self.stores = dict(stores)  # programme code -> its engine, the default first
        self.clock = clock
        self.reminder_grace = reminder_grace

    def collect(self) -> Iterator[Metric]:
        up = _up()
        families: tuple[Gauge | CounterMetricFamily, ...] = self._families()
        for code, engine in self.stores.items():
            try:
                samples = self._read(engine)
            except SQLAlchemyError:  # reported as the gauge below: this store did not answer
                up.add_metric([code], 0)
                continue
            up.add_metric([code], 1)
            for family, rows in zip(families, samples, strict=True):
                for labels, value in rows:
                    family.add_metric([code, *labels], value)
        yield up
        yield from families

    def describe(self) -> Iterator[Metric]:
        """The families without reading the store (the registry asks at registration)."""
        yield _up()
        yield from self._families()

    def _families(self) -> tuple[Gauge, Gauge, Gauge, Gauge, CounterMetricFamily, Gauge]:
        return (
            GaugeMetricFamily("vaart_outbox_messages", "Outbox messages waiting or dead, by status and channel",
                              labels=["programma", "status", "channel"]),
            GaugeMetricFamily("vaart_outbox_oldest_pending_age_seconds",
                              "Age of the oldest message waiting to be delivered, per channel",
                              labels=["programma", "channel"]),
            GaugeMetricFamily("vaart_outbox_dead_letters", "Messages that could not be delivered (vaart outbox list)",
                              labels=["programma"]),
            GaugeMetricFamily("vaart_reminders_overdue",
                              "Reminders past their time and not sent: is the worker running?", labels=["programma"]),
            CounterMetricFamily("vaart_reminders_sent_late", "Reminders sent after their time (worker was down)",
                                labels=["programma"]),
            GaugeMetricFamily("vaart_worker_heartbeat_age_seconds",
                              "Seconds since the leading worker last reported; absent when none ever ran",
                              labels=["programma"]),
        )

    def _read(self, engine: Engine) -> list[list[tuple[list[str], float]]]:
        """One store's samples per family (labels without the programme), in `_families`' order."""
        now = self.clock.now()
        r = reminders.c
        depth: list[tuple[list[str], float]] = []
        age: list[tuple[list[str], float]] = []
        with reader(engine).connect() as conn:
            dead_total = 0
            for status, channel, count, oldest in conn.execute(attention_query()).all():
                depth.append(([str(status), str(channel)], int(count)))
                if status == "dead":
                    dead_total += int(count)
                if status == "pending" and oldest is not None:
                    age.append(([str(channel)], max(0.0, (now - oldest).total_seconds())))  # min() keeps the type
            overdue = int(conn.execute(
                select(func.count()).select_from(reminders).where(
                    r.sent_at.is_(None), r.due_at < now - self.reminder_grace)
            ).scalar_one())
            late = int(conn.execute(
                select(func.count()).select_from(reminders).where(r.late.is_(True))
            ).scalar_one())
            last = conn.execute(select(worker_leader.c.beat_at).where(worker_leader.c.name == "worker")).scalar()
        beat: list[tuple[list[str], float]] = [] if last is None else [([], max(0.0, (now - last).total_seconds()))]
        return [depth, age, [([], dead_total)], [([], overdue)], [([], late)], beat]


def _up() -> Gauge:
    return GaugeMetricFamily("vaart_store_up", "1 when the programme's database answered this scrape",
                             labels=["programma"])


def attention_query() -> Select[Any]:
    """Waiting and dead messages per status and channel, with the oldest: a range of the
    (status, next_attempt_at) index over the rows that need attention, never the sent ones."""
    o = tables.outbox.c
    return (
        select(o.status, o.channel, func.count(), func.min(o.created_at))
        .where(o.status.in_(ATTENTION))
        .group_by(o.status, o.channel)
    )


class Metrics:
    """One registry (an application's, or an installation's) and the instruments the HTTP middleware
    feeds; *stores* maps each programme's code to its engine."""

    def __init__(self, stores: Mapping[str, Engine], clock: Clock,
                 reminder_grace: timedelta = timedelta(minutes=5)) -> None:
        self.registry = CollectorRegistry(auto_describe=False)  # describing must not query the store
        self.requests = Counter("vaart_http_requests", "HTTP requests by route template, method and status",
                                ["programma", "route", "method", "status"], registry=self.registry)
        self.duration = Histogram("vaart_http_request_duration_seconds", "HTTP request duration by route template",
                                  ["programma", "route"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.ack = Histogram("vaart_chat_ack_seconds",
                             "Time to acknowledge a chat platform's request (Slack retries after 3 s)",
                             ["programma", "frontend"], buckets=ACK_BUCKETS, registry=self.registry)
        self.registry.register(StoreCollector(stores, clock, reminder_grace))

    def observe(self, programme: str, route: str, method: str, status: int, seconds: float) -> None:
        self.requests.labels(programme, route, method, str(status)).inc()
        self.duration.labels(programme, route).observe(seconds)
        frontend = CHAT_ROUTES.get(route)
        if frontend is not None:
            self.ack.labels(programme, frontend).observe(seconds)

    def render(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
