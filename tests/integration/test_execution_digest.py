"""Status notices bundled per person per day (§7, no overload): the first `bundel_boven` go at once,
the rest wait for one digest at `bundel_uur`; tasks and decisions never wait; the digest goes once,
also after downtime, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.domain.lifecycle import Status
from bot.domain.timezone import AMSTERDAM
from storage import tables
from tests.cast import ANNA, EMAIL
from tests.scenario import register_cast, submit, walk


def mail_to(app: App, who: str) -> list[tuple[str, str]]:
    """(event, subject) of every outbox message to *who*, in order."""
    c = tables.outbox.c
    with app.engine.connect() as conn:
        rows = conn.execute(select(c.subject, c.payload).where(c.recipient == who).order_by(c.id)).all()
    return [(str(r.payload.get("event")), r.subject) for r in rows]


def at(app: App, moment: datetime) -> None:
    assert isinstance(app.clock, ManualClock)
    app.clock.set(moment)


def test_status_notices_above_the_days_number_wait_for_one_digest_and_decisions_do_not(any_app: App) -> None:
    register_cast(any_app.people)
    ref = submit(any_app.ideas)
    walk(any_app.ideas, any_app.programme, ref, Status.GEAGENDEERD)  # one day: six status changes for Anna
    day = any_app.clock.now().date()
    events = [e for e, _ in mail_to(any_app, ANNA)]
    assert events[0] == "submitted" and len(events[1:]) == 5  # bundel_boven = 5 of the shipped programme file
    at(any_app, datetime(day.year, day.month, day.day, 16, 59, tzinfo=AMSTERDAM))
    assert any_app.execution.digest.send_due() == 0  # not before bundel_uur
    at(any_app, datetime(2026, 12, 11, 10, 0, tzinfo=AMSTERDAM))  # the worker was down until the meeting
    assert any_app.execution.digest.send_due() >= 1
    digests = [s for e, s in mail_to(any_app, ANNA) if e == "digest"]
    assert digests == [f"Overzicht van {day.strftime('%d-%m-%Y')}: 1 statuswijziging"]
    assert any_app.execution.digest.send_due() == 0  # once
    c = tables.outbox.c
    with any_app.engine.connect() as conn:
        body = conn.execute(select(c.body).where(c.recipient == ANNA, c.key.like("digest:%"))).scalar_one()
    assert "Nieuwe status" in body and "Taken en besluiten krijg je altijd meteen" in body
    any_app.ideas.decide(EMAIL["staf"], "test", ref, "akkoord", [EMAIL["sg1"], EMAIL["sg2"]], "Breed gedragen",
                         amount=Decimal("45000.00"))
    assert mail_to(any_app, ANNA)[-1][0] == "decided"  # a decision on her idea never waits


def test_tasks_are_never_held_back_however_many_notices_a_day_brings(any_app: App) -> None:
    register_cast(any_app.people)
    for n in range(7):
        submit(any_app.ideas, f"Idee {n}")
    for n in range(7):
        any_app.ideas.pick_up(EMAIL["kernteam"], "test", f"ZOD-2026-{n + 1:04d}", EMAIL["kernteam2"])
    tasks = [e for e, _ in mail_to(any_app, EMAIL["kernteam2"]) if e == "picked_up"]
    assert len(tasks) == 7  # "task.assigned" every time
    told = [e for e, _ in mail_to(any_app, ANNA)]
    assert told.count("submitted") == 7  # the confirmation of each submission is not a status notice
    assert told.count("picked_up") == 5  # her status notices: five at once, two for the digest
