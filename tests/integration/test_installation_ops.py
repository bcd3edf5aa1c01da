"""The operator's probes of an installation with two programmes (ZOD, VDG), over HTTP on SQLite and
PostgreSQL: /metrics gives every programme's store figures and requests under `programma` (the
exposition parsed by prometheus_client's own parser), a scrape reads a few rows per store and nothing
before it, /readyz asks every programme and names the one whose store or worker fails."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine, event, text, update
from starlette.testclient import TestClient

from bot.asgi import create_asgi
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.installation import Installation, build_installation
from bot.bootstrap.settings import Settings
from bot.worker import record_heartbeat
from storage import tables
from tests.conftest import START
from tests.integration.test_scale_ops import fill_outbox


@pytest.fixture
def installation(tmp_path: Path, database_url: str) -> Iterator[Installation]:
    env = {"VAART_VAR_DIR": str(tmp_path / "var"), "VAART_PROGRAMMES": "zod,vdg"}
    if not database_url.startswith("sqlite"):  # SQLite: var/vaart.db and var/vaart-vdg.db
        env["VAART_DATABASE_URL"] = database_url
    made = build_installation(Settings.from_env(env), clock=ManualClock(START))
    yield made
    made.close()


def samples(body: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of the exposition, parsed as Prometheus does; a family given twice fails."""
    seen: list[str] = []
    found: dict[tuple[str, frozenset[tuple[str, str]]], float] = {}
    for family in text_string_to_metric_families(body):
        assert family.name not in seen, family.name
        seen.append(family.name)
        for sample in family.samples:
            found[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return found


def value(found: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float | None:
    return found.get((name, frozenset(labels.items())))


def break_store(engine: Engine, schema: str) -> None:
    """The programme's store stops being a vaart store: its file is a directory, or its schema is gone."""
    if engine.dialect.name == "sqlite":
        engine.dispose()
        Path(str(engine.url.database)).unlink()
        Path(str(engine.url.database)).mkdir()
        return
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def test_metrics_give_every_programmes_store_and_requests_under_its_code(
    installation: Installation, caplog: pytest.LogCaptureFixture
) -> None:
    zod, vdg = installation.app("ZOD"), installation.app("VDG")
    clock = zod.clock
    assert isinstance(clock, ManualClock)
    fill_outbox(vdg.engine, 50, 3, START)  # three waiting in the VDG
    fill_outbox(zod.engine, 10, 1, START)
    with zod.engine.begin() as conn:  # the ZOD's one waiting is dead
        conn.execute(update(tables.outbox).where(tables.outbox.c.status == "pending").values(status="dead"))
    record_heartbeat(zod.engine, "host:1", START, START)
    clock.advance(timedelta(seconds=40))
    record_heartbeat(vdg.engine, "host:1", START, clock.now())
    clock.advance(timedelta(seconds=5))
    http = TestClient(create_asgi(zod, installation))
    with caplog.at_level(logging.INFO, logger="vaart.http"):
        assert http.get("/besluiten").status_code == 200
        assert http.get("/programma/vdg/besluiten").status_code == 200
        assert http.get("/programma/vdg/besluiten").status_code == 200
    assert http.get("/programma").status_code == 200  # the list of programmes: the installation's, at the default's
    assert http.get("/programma/vdg/bestaat-niet").status_code == 404
    assert http.get("/programmavdg").status_code == 404
    logged = [r.getMessage().rsplit(" ", 2)[0] for r in caplog.records if r.name == "vaart.http"][:3]
    assert logged == ["GET /besluiten 200", "GET /programma/vdg/besluiten 200", "GET /programma/vdg/besluiten 200"]
    found = samples(http.get("/metrics").text)

    assert value(found, "vaart_store_up", programma="ZOD") == 1
    assert value(found, "vaart_store_up", programma="VDG") == 1
    assert value(found, "vaart_outbox_messages", programma="VDG", status="pending", channel="mail") == 3
    assert value(found, "vaart_outbox_messages", programma="ZOD", status="pending", channel="mail") is None
    assert value(found, "vaart_outbox_messages", programma="ZOD", status="dead", channel="mail") == 1
    assert value(found, "vaart_outbox_dead_letters", programma="ZOD") == 1
    assert value(found, "vaart_outbox_dead_letters", programma="VDG") == 0
    assert value(found, "vaart_outbox_oldest_pending_age_seconds", programma="VDG", channel="mail") == 45
    assert value(found, "vaart_worker_heartbeat_age_seconds", programma="ZOD") == 45
    assert value(found, "vaart_worker_heartbeat_age_seconds", programma="VDG") == 5
    assert value(found, "vaart_reminders_overdue", programma="VDG") == 0
    # the same template in two programmes is two series, never one mixed count
    assert value(found, "vaart_http_requests_total", programma="ZOD", route="/besluiten", method="GET",
                 status="200") == 1
    assert value(found, "vaart_http_requests_total", programma="VDG", route="/besluiten", method="GET",
                 status="200") == 2
    assert value(found, "vaart_http_request_duration_seconds_count", programma="VDG", route="/besluiten") == 2
    assert value(found, "vaart_http_requests_total", programma="ZOD", route="/programma", method="GET",
                 status="200") == 1
    assert value(found, "vaart_http_requests_total", programma="VDG", route="unmatched", method="GET",
                 status="404") == 1
    assert value(found, "vaart_http_requests_total", programma="ZOD", route="unmatched", method="GET",
                 status="404") == 1


def test_a_scrape_reads_a_few_rows_per_store_and_nothing_before_it(installation: Installation) -> None:
    vdg = installation.app("VDG")
    fill_outbox(vdg.engine, 20_000, 5, START)
    statements: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        http = TestClient(create_asgi(installation.default, installation))
        built = list(statements)
        body = http.get("/metrics").text
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    assert [s for s in built if "outbox" in s.lower()] == []  # serving starts without a look at any outbox
    scrape = [s for s in statements[len(built):] if "outbox" in s.lower()]
    assert len(scrape) == 2, scrape  # one grouped range read per store
    assert all("status in" in " ".join(s.lower().split()) for s in scrape), scrape
    assert value(samples(body), "vaart_outbox_messages", programma="VDG", status="pending", channel="mail") == 5


def test_a_programme_whose_store_fails_is_named_and_the_others_still_count(installation: Installation) -> None:
    zod, vdg = installation.app("ZOD"), installation.app("VDG")
    fill_outbox(zod.engine, 0, 2, START)
    http = TestClient(create_asgi(zod, installation))
    ready = http.get("/readyz")
    assert ready.status_code == 200, ready.json()
    assert ready.json()["status"] == "ok" and set(ready.json()["programmas"]) == {"ZOD", "VDG"}
    assert ready.json()["programmas"]["VDG"]["database"]["ok"] is True

    break_store(vdg.engine, "vdg")
    ready = http.get("/readyz")
    body = ready.json()
    assert ready.status_code == 503 and body["status"] == "fout" and body["fout"] == ["VDG"]
    assert body["programmas"]["VDG"]["status"] == "fout" and body["programmas"]["ZOD"]["status"] == "ok"
    for url in (zod.settings.database_url, vdg.settings.database_url):  # no URL, let alone a password
        assert url not in ready.text
    assert "password" not in ready.text.lower() and "@" not in ready.text
    found = samples(http.get("/metrics").text)
    assert value(found, "vaart_store_up", programma="VDG") == 0
    assert value(found, "vaart_store_up", programma="ZOD") == 1
    assert value(found, "vaart_outbox_messages", programma="ZOD", status="pending", channel="mail") == 2


def test_readyz_is_degraded_while_one_programmes_worker_heartbeat_is_missing_or_stale(
    installation: Installation,
) -> None:
    zod, vdg = installation.app("ZOD"), installation.app("VDG")
    clock = zod.clock
    assert isinstance(clock, ManualClock)
    http = TestClient(create_asgi(zod, installation))
    assert http.get("/readyz").json()["status"] == "ok"  # no worker has ever run: nothing to miss

    record_heartbeat(zod.engine, "host:1", clock.now(), clock.now())  # the worker beats for the ZOD only
    ready = http.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "degraded"
    assert ready.json()["degraded"] == ["VDG"]
    assert ready.json()["programmas"]["VDG"]["worker"]["ok"] is False
    assert http.get("/readyz?strict=1").status_code == 503

    record_heartbeat(vdg.engine, "host:1", clock.now(), clock.now())
    assert http.get("/readyz?strict=1").status_code == 200
    clock.advance(timedelta(seconds=30))
    record_heartbeat(zod.engine, "host:1", clock.now() - timedelta(seconds=30), clock.now())
    clock.advance(timedelta(seconds=45))  # the VDG's beat is 75 s old, the ZOD's 45 s
    ready = http.get("/readyz?strict=1")
    assert ready.status_code == 503 and ready.json()["degraded"] == ["VDG"]
    assert ready.json()["programmas"]["VDG"]["worker"]["heartbeat_age_seconds"] == 75.0
    assert ready.json()["programmas"]["ZOD"]["worker"]["ok"] is True
