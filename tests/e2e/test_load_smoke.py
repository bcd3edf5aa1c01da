"""The load script works: a few seconds of it against the real `vaart serve` and `vaart worker` on the
test PostgreSQL (127.0.0.1 only). The full run is `make load` (10 minutes), the bounded one `make bench`."""

from __future__ import annotations

import io

import pytest

from tests.load import run

pytestmark = pytest.mark.postgres


def test_a_short_load_run_loses_nothing_and_answers_every_request(postgres_url: str) -> None:
    result = run(duration=3, rate=10, postgres_url=postgres_url, drain_timeout=60)
    out = io.StringIO()
    result.report(out)
    assert result.failures(timed=False) == [], out.getvalue()
    assert result.sent == result.planned == 30 and result.errors == 0
    assert result.ideas == result.submitted == 15
    assert result.outbox["sent"] >= 15 and set(result.outbox) == {"sent"}
