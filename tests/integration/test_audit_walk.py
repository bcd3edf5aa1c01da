"""`vaart audit verify` at any length (SQLite and PostgreSQL): the walk reads slice after slice and
finds every kind of tampering across slice boundaries; the incremental check reads only the rows
after the last checkpoint, refuses a checkpoint row that changed, and leaves older edits to the
full walk."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bot.bootstrap.app import App
from storage import audit
from tests.cast import ANNA, EMAIL
from tests.integration.test_store import _drop_append_only_guard, register


def activity(app: App, ideas: int) -> None:
    for n in range(ideas):
        ref = app.ideas.submit(ANNA, "test", f"Idee {n}", "Tekst").params["reference"]
        app.ideas.pick_up(EMAIL["kernteam"], "test", ref)


def tamper(app: App, sql: str, guarded: bool = True) -> None:
    if guarded:
        _drop_append_only_guard(app)
    with app.engine.begin() as conn:
        conn.execute(text(sql))


@pytest.fixture
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "SLICE", 4)  # a log of a few dozen rows then spans many slices


@pytest.mark.usefixtures("small_slices")
@pytest.mark.parametrize("edit, found", [
    ("UPDATE audit_log SET actor = 'mallory@x.nl' WHERE seq = 8", [(8, "hash")]),
    ("DELETE FROM audit_log WHERE seq = 4", [(5, "gap"), (5, "prev_hash")]),
])
def test_the_walk_in_slices_finds_what_was_changed_across_slice_boundaries(
    any_app: App, edit: str, found: list[tuple[int, str]]
) -> None:
    register(any_app)
    activity(any_app, 3)
    problems, rows = audit.verify(any_app.engine)
    assert problems == [] and rows > 3 * audit.SLICE
    tamper(any_app, edit)
    problems, _ = audit.verify(any_app.engine)
    assert [(p.seq, p.problem) for p in problems] == found


@pytest.mark.usefixtures("small_slices")
def test_the_daily_check_reads_only_what_was_added_since_its_last_checkpoint(any_app: App) -> None:
    register(any_app)
    activity(any_app, 2)
    first = audit.verify_incremental(any_app.engine, any_app.clock.now())  # no checkpoint yet: every row
    assert first.intact and first.first == 1 and first.rows == first.head
    activity(any_app, 1)
    second = audit.verify_incremental(any_app.engine, any_app.clock.now())
    assert second.intact and second.first == first.head + 1 and second.rows == second.head - first.head
    again = audit.verify_incremental(any_app.engine, any_app.clock.now())
    assert again.intact and again.rows == 0 and again.head == second.head


def test_the_daily_check_refuses_a_changed_checkpoint_and_the_full_walk_finds_older_edits(any_app: App) -> None:
    register(any_app)
    activity(any_app, 2)
    checked = audit.verify_incremental(any_app.engine, any_app.clock.now())  # the first: every row
    assert checked.intact and checked.first == 1
    tamper(any_app, "UPDATE audit_log SET actor = 'mallory@x.nl' WHERE seq = 3")  # before the checkpoint
    assert audit.verify_incremental(any_app.engine, any_app.clock.now()).intact  # (a daily check looks after it)
    full = audit.verify_full(any_app.engine, any_app.clock.now())
    assert [(p.seq, p.problem) for p in full.problems][:1] == [(3, "hash")]
    tamper(any_app, f"UPDATE audit_log SET result = 'anders' WHERE seq = {checked.head}", guarded=False)
    daily = audit.verify_incremental(any_app.engine, any_app.clock.now())
    assert [(p.seq, p.problem) for p in daily.problems] == [(checked.head, "checkpoint")]
