"""Scrape: /metrics of an installation with two programmes (ZOD, VDG) on SQLite, each outbox 200,000
sent messages, 50 waiting and 20 dead, next to one programme alone on the same store.

A scrape reads only the rows that need attention (the index range of `attention_query`), so two
programmes cost about twice one, and neither grows with the sent rows; serving starts with no look at
any outbox. Timed over HTTP (the ASGI app in process), the median of 5 scrapes after a first one.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from sqlalchemy import update
from starlette.testclient import TestClient

from bot.asgi import create_asgi
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.installation import build_installation
from bot.bootstrap.settings import Settings
from storage import tables
from tests.bench.bench_scale import median_ms
from tests.conftest import START
from tests.integration.test_scale_ops import fill_outbox

SENT, WAITING, DEAD = 200_000, 50, 20


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {"VAART_VAR_DIR": str(Path(tmp) / "var"), "VAART_PROGRAMMES": "zod,vdg"}
        installation = build_installation(Settings.from_env(env), clock=ManualClock(START))
        try:
            for app in installation.apps.values():
                fill_outbox(app.engine, SENT, WAITING + DEAD, START)
                with app.engine.begin() as conn:
                    o = tables.outbox.c
                    ids = conn.execute(tables.outbox.select().with_only_columns(o.id)
                                       .where(o.status == "pending").limit(DEAD)).scalars().all()
                    conn.execute(update(tables.outbox).where(o.id.in_(ids)).values(status="dead"))
            started = time.perf_counter()
            both = TestClient(create_asgi(installation.default, installation))
            serving = (time.perf_counter() - started) * 1000
            alone = TestClient(create_asgi(installation.default))
            two = median_ms(lambda: both.get("/metrics").raise_for_status())
            one = median_ms(lambda: alone.get("/metrics").raise_for_status())
        finally:
            installation.close()
    print(f"create_asgi (two programmes)      {serving:7.1f} ms")
    print(f"scrape, two programmes            {two:7.1f} ms")
    print(f"scrape, one programme (its floor) {one:7.1f} ms   ratio {two / one:4.2f}")
