"""The operational HTTP side, in process on SQLite and PostgreSQL: /healthz, /readyz (database,
channels, strict mode), /metrics (requests, ack latency, outbox depth and age, dead letters,
reminders overdue, the worker's heartbeat), and JSON logs with the BIO fields that carry neither
secrets nor message bodies.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from starlette.testclient import TestClient

from bot.asgi import create_asgi
from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.logging_setup import MASK, configure, secret_values
from bot.domain.errors import Refused
from bot.worker import record_heartbeat
from storage import tables
from storage.tables_meetings import reminders
from tests.cast import ANNA, EMAIL
from tests.conftest import START, make_app
from tests.integration.test_store import register


def _metric(text: str, name: str, **labels: str) -> float | None:
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        head, _, value = line.rpartition(" ")
        if head.split("{")[0] != name:
            continue
        if all(f'{k}="{v}"' in head for k, v in labels.items()):
            return float(value)
    return None


class Broken:
    name = "smtp"

    def deliver(self, item: object) -> None:
        raise AssertionError("not used")

    def check(self) -> tuple[bool, str]:
        return False, "relay 127.0.0.1:1 weigert de verbinding"


def test_healthz_readyz_and_metrics_tell_the_truth(any_app: App) -> None:
    assert isinstance(any_app.clock, ManualClock)
    client = TestClient(create_asgi(any_app))
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 200
    body = ready.json()
    assert body["status"] == "ok" and body["database"]["ok"]
    assert body["database"]["schema"] == body["database"]["expected"]
    assert [c["name"] for c in body["channels"]] == ["mail"] and body["channels"][0]["ok"]
    assert "worker" not in body  # no worker has ever led

    any_app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus")  # one message waiting
    any_app.clock.advance(timedelta(minutes=3))
    with any_app.engine.begin() as conn:  # one dead letter
        conn.execute(update(tables.outbox).where(tables.outbox.c.id == 1).values(status="dead"))
    any_app.ideas.submit("bob@voorbeeld.nl", "test", "Fietspad", "Een pad")
    any_app.clock.advance(timedelta(minutes=2))
    with any_app.engine.begin() as conn:  # a reminder an hour overdue, one sent late before
        for key, sent in (("r-overdue", None), ("r-late", any_app.clock.now())):
            conn.execute(reminders.insert().values(key=key, recipient="rol:staf", kind="herinnering", step="x",
                                                   due_at=any_app.clock.now() - timedelta(hours=1), payload={},
                                                   sent_at=sent, late=sent is not None))
    record_heartbeat(any_app.engine, "host:1", any_app.clock.now() - timedelta(seconds=30), any_app.clock.now())
    any_app.clock.advance(timedelta(seconds=12))
    client.post("/bestaat-niet")  # no route: a 404, counted under no route
    client.post("/slack/events")  # Slack not configured here: a 404 of its own route
    metrics = client.get("/metrics")
    assert metrics.status_code == 200 and metrics.headers["content-type"].startswith("text/plain")
    text = metrics.text
    assert _metric(text, "vaart_http_requests_total", route="/healthz", method="GET", status="200") == 1
    assert _metric(text, "vaart_http_requests_total", route="unmatched", method="POST", status="404") == 1
    assert _metric(text, "vaart_http_requests_total", route="/slack/events", method="POST", status="404") == 1
    assert _metric(text, "vaart_http_request_duration_seconds_count", route="/readyz") == 1
    assert _metric(text, "vaart_outbox_messages", status="pending", channel="mail") == 1
    assert _metric(text, "vaart_outbox_messages", status="dead", channel="mail") == 1
    assert _metric(text, "vaart_outbox_dead_letters") == 1
    assert _metric(text, "vaart_outbox_oldest_pending_age_seconds", channel="mail") == 2 * 60 + 12
    assert _metric(text, "vaart_reminders_overdue") == 1
    assert _metric(text, "vaart_reminders_sent_late_total") == 1
    assert _metric(text, "vaart_worker_heartbeat_age_seconds") == 12
    assert _metric(text, "vaart_store_up", programma="ZOD") == 1  # a one-programme installation: its own code
    assert client.get("/readyz").json()["worker"] == {"holder": "host:1", "heartbeat_age_seconds": 12.0, "ok": True}


def test_the_ack_latency_of_chat_routes_is_measured() -> None:
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from bot.bootstrap.metrics import Metrics
    from bot.frontends.web.ops import MetricsMiddleware
    from storage.engine import make_engine

    engine = make_engine("sqlite://")
    metrics = Metrics({"ZOD": engine}, ManualClock(START))

    async def ack(request: object) -> PlainTextResponse:
        return PlainTextResponse("")

    app = Starlette(routes=[Route("/slack/events", ack, methods=["POST"])],
                    middleware=[Middleware(MetricsMiddleware, metrics=metrics, programme="ZOD")])
    TestClient(app).post("/slack/events")
    text = metrics.render()[0].decode()
    assert _metric(text, "vaart_chat_ack_seconds_count", programma="ZOD", frontend="slack") == 1
    assert Metrics({"ZOD": engine}, ManualClock(START)).registry is not metrics.registry
    engine.dispose()


def test_readyz_degrades_on_a_channel_and_fails_on_the_database(app: App) -> None:
    app.outbox.channels = {"mail": Broken()}
    client = TestClient(create_asgi(app))
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "degraded"
    assert ready.json()["channels"][0] == {"name": "mail", "channel": "smtp", "ok": False,
                                           "detail": "relay 127.0.0.1:1 weigert de verbinding"}
    assert client.get("/readyz?strict=1").status_code == 503
    app.engine.dispose()
    Path(str(app.engine.url.database)).unlink()
    Path(str(app.engine.url.database)).mkdir()  # the store is gone: not a database any more
    gone = client.get("/readyz")
    assert gone.status_code == 503 and gone.json()["database"]["ok"] is False
    assert client.get("/healthz").status_code == 503


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    env = {
        "SLACK_BOT_TOKEN": "xoxb-1234-geheim-token",
        "VAART_SMTP_PASSWORD": "Wachtwoord-van-de-relay",
        "VAART_GRAPH_CLIENT_SECRET": "graph~client~secret~value",
        "VAART_DATABASE_URL": "postgresql+psycopg://vaart:Db-Wachtw00rd@127.0.0.1:5432/vaart",
    }
    handler = configure(env, "json", "DEBUG", stream=stream)
    try:
        yield stream
    finally:
        logging.getLogger().removeHandler(handler)
        logging.getLogger().setLevel(logging.WARNING)


BODY = "Geheime omschrijving: de bus rijdt langs Emmen-Zuid"


def test_json_logs_carry_the_bio_fields_and_no_secret_or_message_body(
    tmp_path: Path, clock: ManualClock, captured: io.StringIO
) -> None:
    app = make_app(tmp_path, clock)
    register(app)
    client = TestClient(create_asgi(app), client=("127.0.0.1", 50000))
    ref = app.ideas.submit(ANNA, "slack", "Zorgbus", BODY).params["reference"]
    with pytest.raises(Refused):
        app.ideas.submit_for_review(EMAIL["director"], "teams", ref)
    app.outbox.drain()
    client.get("/calendar/stuurgroep.ics?token=feed-token-abcdef")
    client.get("/healthz")
    logging.getLogger("vaart.test").warning("a library echoes %s and %s", "xoxb-1234-geheim-token",
                                            "Db-Wachtw00rd")  # the safety net masks what code should never log
    with app.engine.connect() as conn:
        bodies = [r.body for r in conn.execute(tables.outbox.select())]
    app.close()

    output = captured.getvalue()
    entries = [json.loads(line) for line in output.splitlines()]
    for secret in ("xoxb-1234-geheim-token", "Wachtwoord-van-de-relay", "graph~client~secret~value", "Db-Wachtw00rd",
                   "feed-token-abcdef"):
        assert secret not in output
    assert BODY not in output and "Emmen-Zuid" not in output
    assert bodies and all(body.strip() not in output for body in bodies)
    assert any(MASK in e["message"] for e in entries)
    fields = {"when", "level", "logger", "message", "who", "what", "object", "result", "origin"}
    submitted = next(e for e in entries if e.get("what") == "submit")
    assert fields <= set(submitted) and submitted["who"] == ANNA and submitted["origin"] == "slack"
    assert submitted["result"] == "ok" and submitted["object"] and submitted["when"].endswith("+00:00")
    refused = next(e for e in entries if e.get("what") == "submit_for_review")
    assert (refused["who"], refused["object"], refused["origin"]) == (EMAIL["director"], ref, "teams")
    assert refused["result"].startswith("geweigerd: ")
    feed = next(e for e in entries if e.get("what") == "http GET" and e["object"].startswith("/calendar"))
    assert (feed["object"], feed["result"], feed["origin"]) == ("/calendar/{gremium}.ics", "403", "127.0.0.1")


def test_secret_values_come_from_names_and_the_database_url() -> None:
    env = {"SLACK_SIGNING_SECRET": "abcdef123456", "TEAMS_CLIENT_SECRET": "teams-secret-1", "VAART_LANGUAGE": "nl",
           "VAART_DATABASE_URL": "postgresql+psycopg://u:pw-of-db@127.0.0.1/x", "SHORT_TOKEN": "abc"}
    assert set(secret_values(env)) == {"abcdef123456", "teams-secret-1", "pw-of-db"}


def test_a_chat_platform_that_is_not_configured_answers_in_json_and_says_once_what_switches_it_on(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    http = TestClient(create_asgi(app))
    with caplog.at_level(logging.WARNING, logger="vaart.asgi"):
        for _ in range(2):
            for path, platform in (("/slack/events", "slack"), ("/api/messages", "teams")):
                answer = http.post(path, json={"type": "url_verification", "challenge": "x"})
                assert answer.status_code == 404
                assert answer.json() == {"error": "not_configured", "platform": platform}
    said = [r.getMessage() for r in caplog.records if r.name == "vaart.asgi"]
    assert said == ["slack: a request to /slack/events, but Slack is not configured here (set SLACK_SIGNING_SECRET "
                    "and SLACK_BOT_TOKEN)",
                    "teams: a request to /api/messages, but Teams is not configured here (set the TEAMS_* settings)"]
    assert http.get("/slack/events").status_code == 405  # the web's own page for the other methods
