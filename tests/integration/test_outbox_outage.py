"""A relay outage, on SQLite and PostgreSQL: pending mail survives a working day of it, what dies
past the horizon reaches each staf member as one notice, `vaart outbox retry --all [--since]` sends
it again, and a new leader frees the rows a killed worker had claimed without waiting for the lease.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.delivery import outbox_options
from bot.bootstrap.settings import Settings
from bot.cli.main import main as vaart
from bot.messages import render
from bot.services.ports.outbox import DeliveryError, OutboxItem
from bot.worker import leader, record_heartbeat, take_over
from scheduling.dead_letters import NOTICE_KIND, retry_all
from scheduling.outbox import OutboxRunner
from storage import tables
from tests.conftest import START
from tests.outbox_rows import enqueue, mail, row, statuses

MAILS = 46  # what the outside test's hour-long outage killed, one notice per mail per staf member
STAF = ("s.staf@regiodeal-zod.nl", "t.team@regiodeal-zod.nl")


class Relay:
    """An SMTP relay of our own port that answers 421 (try later) until it is back."""

    name = "relay"
    mailbox = "programmabureau@regiodeal-zod.nl"

    def __init__(self, clock: ManualClock, down_until: datetime | None) -> None:
        self.clock = clock
        self.down_until = down_until  # None: down for good
        self.delivered: list[str] = []

    def deliver(self, item: OutboxItem) -> None:
        if self.down_until is None or self.clock.now() < self.down_until:
            raise DeliveryError("421 4.3.2 Service not available, closing transmission channel")
        self.delivered.append(item.key)

    def check(self) -> tuple[bool, str]:
        return True, "relay"


def manual(app: App) -> ManualClock:
    assert isinstance(app.clock, ManualClock)
    return app.clock


def runner_for(app: App, relay: Relay) -> OutboxRunner:
    """The runner with the options the composition root gives it (retry horizon, staf notices)."""
    channels = {"mail": relay}
    return OutboxRunner(app.engine, channels, app.clock, **outbox_options(app.settings, app.programme, channels, True))


def backlog(app: App, count: int = MAILS) -> None:
    for n in range(count):
        enqueue(app.engine, mail(f"m{n:02d}", f"p{n}@voorbeeld.nl", subject=f"Uitnodiging {n}"), app.clock.now())


def run_for(runner: OutboxRunner, clock: ManualClock, span: timedelta, step: timedelta) -> None:
    end = clock.now() + span
    while clock.now() < end:
        runner.drain()
        clock.advance(step)


def notices(app: App) -> list[dict[str, Any]]:
    with app.engine.connect() as conn:
        rows = conn.execute(select(tables.outbox).where(tables.outbox.c.key.like("dead:%"))
                            .order_by(tables.outbox.c.recipient)).mappings().all()
    return [dict(r) for r in rows]


def test_a_relay_down_for_23_hours_kills_no_mail_and_the_backlog_leaves_within_a_quarter_hour(any_app: App) -> None:
    clock = manual(any_app)
    back = clock.now() + timedelta(hours=23)  # Monday 09:30 to Tuesday 08:30: within one working day
    relay = Relay(clock, down_until=back)
    runner = runner_for(any_app, relay)
    backlog(any_app, 6)
    run_for(runner, clock, timedelta(hours=23), timedelta(minutes=15))  # every try the relay says 421
    assert statuses(any_app.engine) == {"pending": 6}  # the old policy had them all dead after 64 min
    assert row(any_app.engine, "m00")["failing_since"] == START and row(any_app.engine, "m00")["attempts"] > 90
    run_for(runner, clock, timedelta(minutes=16), timedelta(minutes=1))
    assert statuses(any_app.engine) == {"sent": 6}
    assert sorted(relay.delivered) == [f"m{n:02d}" for n in range(6)]


def test_past_the_horizon_the_mail_dies_and_each_staf_member_gets_one_notice_for_all_of_it(any_app: App) -> None:
    app = any_app
    clock = manual(app)
    for email in STAF:
        app.people.add("beheer@vaart.local", "test", email, email.split("@")[0], ["staf"],
                       language="en" if email.startswith("t.") else None)
    relay = Relay(clock, down_until=None)
    runner = runner_for(app, relay)
    backlog(app)
    horizon = datetime(2026, 11, 24, 9, 30, tzinfo=START.tzinfo)  # one working day after Monday 09:30
    runner.drain()  # the first failure starts the horizon (the day in between: see the test above)
    clock.advance(horizon - clock.now() - timedelta(minutes=1))
    runner.drain()
    assert statuses(app.engine) == {"pending": MAILS}
    assert row(app.engine, "m00")["next_attempt_at"] == horizon  # the last try: at the horizon itself
    clock.advance(timedelta(minutes=1))
    runner.drain()
    with app.engine.connect() as conn:
        dead = conn.execute(select(tables.outbox.c.key).where(tables.outbox.c.status == "dead")).scalars().all()
    assert sorted(dead) == [f"m{n:02d}" for n in range(MAILS)]
    told = notices(app)
    assert [n["recipient"] for n in told] == list(STAF)  # one each, where it was one per mail: 92 notices
    dutch, english = told
    assert dutch["subject"] == f"Niet bezorgd: {MAILS} berichten"
    assert english["subject"] == f"Not delivered: {MAILS} messages"
    assert dutch["payload"]["kind"] == NOTICE_KIND and dutch["payload"]["count"] == MAILS
    body = dutch["body"]
    assert body.startswith(f"{MAILS} berichten konden niet worden bezorgd")
    assert "bericht 1 aan p0@voorbeeld.nl: Uitnodiging 0" in body and "421 4.3.2" in body
    assert "- en 21 meer: vaart outbox list --status dead" in body and "vaart outbox retry --all" in body

    relay.down_until = clock.now()  # the relay is back; the staf follow the notice
    assert retry_all(app.engine, clock.now()).dead == MAILS  # the notices are not retried as dead letters
    clock.advance(timedelta(minutes=15))  # the notices' bundling window
    runner.drain()
    assert statuses(app.engine) == {"sent": MAILS + 2}


def test_a_dead_letter_never_changes_a_notice_that_is_being_delivered(any_app: App) -> None:
    app = any_app
    clock = manual(app)
    app.people.add("beheer@vaart.local", "test", STAF[0], "Sanne Staf", ["staf"])
    relay = Relay(clock, down_until=clock.now())  # up
    runner = runner_for(app, relay)

    def dies(key: str) -> None:
        """What the runner does with a permanent failure: mark it dead and tell, in one transaction."""
        enqueue(app.engine, mail(key, f"x@{key}.invalid"), clock.now())
        item = OutboxItem(row(app.engine, key)["id"], key, "mail", f"x@{key}.invalid", "Bericht", "", {}, 0,
                          clock.now())
        assert runner.on_dead is not None
        with app.engine.begin() as conn:
            conn.execute(tables.outbox.update().where(tables.outbox.c.id == item.id).values(status="dead"))
            runner.on_dead(conn, item, f"550 no such user {key}", clock.now())

    dies("first")
    dies("second")
    assert [n["payload"]["count"] for n in notices(app)] == [2]
    clock.advance(timedelta(minutes=15))
    claimed = runner.claim()  # the notice is in a runner's hands now ...
    assert [c.payload["kind"] for c in claimed] == [NOTICE_KIND]
    dies("third")  # ... so this one opens a new notice instead of changing what is being sent
    first, second = sorted(notices(app), key=lambda n: int(n["id"]))
    assert first["body"] == claimed[0].body and first["payload"]["count"] == 2
    assert second["payload"]["count"] == 1 and "no such user third" in second["body"]


def test_a_new_leader_releases_the_rows_the_dead_one_had_claimed_at_once(any_app: App) -> None:
    app = any_app
    clock = manual(app)
    relay = Relay(clock, down_until=clock.now())
    backlog(app, 6)
    dead_leader = OutboxRunner(app.engine, {"mail": relay}, clock, batch=4, owner="worker-a:101")
    record_heartbeat(app.engine, "worker-a:101", clock.now(), clock.now())
    console = OutboxRunner(app.engine, {"mail": relay}, clock, batch=1, owner="console:202")
    assert len(dead_leader.claim()) == 4  # ... and SIGKILL: its lock comes free
    assert len(console.claim()) == 1  # a console drains its own messages, alive and well

    successor = OutboxRunner(app.engine, {"mail": relay}, clock, owner="worker-b:303")
    assert take_over(app.engine, successor, "worker-b:303", clock.now()) == 4
    assert leader(app.engine) == "worker-b:303"
    sent = successor.drain().sent  # no clock advanced: the 5-minute lease did not run out
    assert len(sent) == 5 and relay.delivered == [f"m{n:02d}" for n in (0, 1, 2, 3, 5)]
    assert row(app.engine, "m04")["claimed_by"] == "console:202"  # the living console's claim stands
    assert take_over(app.engine, OutboxRunner(app.engine, {}, clock, owner="worker-c:404"), "worker-c:404",
                     clock.now()) == 0


def test_vaart_outbox_retry_all_since_puts_back_what_died_since_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env = {"VAART_VAR_DIR": str(tmp_path / "var"), "VAART_NOW": "2026-11-25T12:00:00"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = build(Settings.from_env(env))
    old, new = datetime(2026, 11, 20, 9, 0, tzinfo=START.tzinfo), datetime(2026, 11, 24, 9, 0, tzinfo=START.tzinfo)
    for key, since in (("old", old), ("new1", new), ("new2", new)):
        enqueue(app.engine, mail(key, f"{key}@voorbeeld.nl"), since)
        with app.engine.begin() as conn:
            conn.execute(tables.outbox.update().where(tables.outbox.c.key == key)
                         .values(status="dead", attempts=300, failing_since=since, last_error="421"))
    enqueue(app.engine, mail("dead:1:x:s@x.nl", "s.staf@regiodeal-zod.nl"), new)  # a notice, dead too
    with app.engine.begin() as conn:
        conn.execute(tables.outbox.update().where(tables.outbox.c.key.like("dead:%")).values(status="dead"))
    app.close()

    assert vaart(["outbox", "retry", "--all", "--since", "2026-11-23"]) == 0
    assert capsys.readouterr().out.strip() == render("outbox.retried_all", "nl", dead=2, waiting=0)
    assert vaart(["outbox", "list", "--status", "pending", "--json"]) == 0
    pending = json.loads(capsys.readouterr().out)
    assert sorted(p["key"] for p in pending) == ["new1", "new2"] and {p["attempts"] for p in pending} == {0}
    assert vaart(["outbox", "retry", "--all"]) == 0
    assert "1 onbestelbaar bericht opnieuw" in capsys.readouterr().out  # "old"; never the notice
    for wrong in (["retry"], ["retry", "3", "--all"], ["retry", "3", "--since", "2026-11-23"]):
        assert vaart(["outbox", *wrong]) == 2
        assert "Geef een berichtnummer of --all" in capsys.readouterr().err
    assert vaart(["outbox", "retry", "--all", "--since", "gisteren"]) == 1
    assert "--since 'gisteren' is geen datum" in capsys.readouterr().err


def test_a_leader_that_lost_its_lock_stops_between_two_messages_and_gives_its_claims_back(any_app: App) -> None:
    app = any_app
    clock = manual(app)
    relay = Relay(clock, down_until=clock.now())
    backlog(app, 4)
    runner = OutboxRunner(app.engine, {"mail": relay}, clock, owner="worker-a:101")
    leading = iter([True, True])
    runner.keep_going = lambda: next(leading, False)  # the lock is found gone after two messages
    report = runner.run_once()
    assert len(report.sent) == 2 and len(report.deferred) == 2
    assert {row(app.engine, k)["claimed_until"] for k in ("m02", "m03")} == {None}
    assert [i.key for i in OutboxRunner(app.engine, {"mail": relay}, clock).run_once().sent] == ["m02", "m03"]
