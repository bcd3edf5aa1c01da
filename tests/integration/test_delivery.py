"""Delivery around the channels: the per-mailbox rate limit, the staf's notice of a dead letter
(in the same transaction), `vaart outbox list|retry`, `vaart check`, the failing demo channel,
and settings that refuse to start with a Dutch reason."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings
from bot.cli.main import main as vaart
from bot.domain.errors import Refused
from bot.messages import render
from bot.services.ports.outbox import DeliveryError, OutboxItem
from integrations.failing import DEAD_DOMAIN, FailingChannel
from integrations.file_outbox import FileOutbox
from integrations.smtp import SmtpChannel
from scheduling.dead_letters import NOTICE_KIND, staf_notifier
from scheduling.outbox import OutboxRunner
from storage import tables
from tests.conftest import START
from tests.outbox_rows import enqueue, mail, row, statuses


class Channel:
    """A channel of our own port that records deliveries, or refuses them all (permanently)."""

    name = "recording"

    def __init__(self, mailbox: str = "programmabureau@regiodeal-zod.nl", refuse: bool = False) -> None:
        self.mailbox = mailbox
        self.refuse = refuse
        self.delivered: list[str] = []
        self.lock = threading.Lock()

    def deliver(self, item: OutboxItem) -> None:
        if self.refuse:
            raise DeliveryError("550 5.7.1 relaying denied", permanent=True)
        with self.lock:
            self.delivered.append(item.key)

    def check(self) -> tuple[bool, str]:
        return True, "recording"


def test_the_rate_limit_holds_messages_back_without_using_attempts(any_app: App) -> None:
    clock = any_app.clock
    assert isinstance(clock, ManualClock)
    channel = Channel()
    runner = OutboxRunner(any_app.engine, {"mail": channel}, clock, rate_limits={"mail": 3})
    for n in range(5):
        enqueue(any_app.engine, mail(f"r{n}", f"p{n}@voorbeeld.nl"), clock.now())
    first = runner.run_once()
    assert len(first.sent) == 3 and len(first.deferred) == 2
    held = row(any_app.engine, "r3")
    assert held["attempts"] == 0 and held["status"] == "pending" and held["last_error"] is None
    assert held["next_attempt_at"] == clock.now() + timedelta(minutes=1)
    clock.advance(timedelta(seconds=30))
    assert runner.run_once().sent == []
    clock.advance(timedelta(seconds=30))
    assert len(runner.run_once().sent) == 2
    assert sorted(channel.delivered) == [f"r{n}" for n in range(5)]


def test_the_limit_counts_per_mailbox_not_per_channel_name(app: App) -> None:
    clock = app.clock
    shared = Channel("gedeeld@regiodeal-zod.nl")
    other = Channel("ander@regiodeal-zod.nl")
    runner = OutboxRunner(app.engine, {"mail": shared, "digest": shared, "other": other}, clock,
                          rate_limits={"mail": 2, "digest": 2, "other": 2})
    for n in range(3):
        for name in ("mail", "digest", "other"):
            message = mail(f"{name}{n}", "p@voorbeeld.nl")
            enqueue(app.engine, type(message)(**{**message.__dict__, "channel": name}), clock.now())
    report = runner.run_once()
    assert len(shared.delivered) == 2 and len(other.delivered) == 2 and len(report.deferred) == 5


def test_a_dead_letter_tells_every_staf_member_in_their_language_in_the_same_transaction(any_app: App) -> None:
    app = any_app
    app.people.add("beheer@vaart.local", "test", "s.staf@regiodeal-zod.nl", "Sanne Staf", ["staf"])
    app.people.add("beheer@vaart.local", "test", "t.team@regiodeal-zod.nl", "Tom Team", ["staf"], language="en")
    app.people.add("beheer@vaart.local", "test", "k.kern@regiodeal-zod.nl", "Kees Kern", ["kernteam"])
    refusing = Channel(refuse=True)
    runner = OutboxRunner(app.engine, {"mail": refusing}, app.clock, on_dead=staf_notifier("mail", "nl"))
    enqueue(app.engine, mail("lost", "p@voorbeeld.nl", subject="Besluit Zorgbus"), app.clock.now())
    report = runner.run_once()
    assert [i.key for i in report.dead] == ["lost"]
    with app.engine.connect() as conn:
        notices = conn.execute(
            select(tables.outbox).where(tables.outbox.c.key.like("dead:%")).order_by(tables.outbox.c.recipient)
        ).mappings().all()
    assert [n["recipient"] for n in notices] == ["s.staf@regiodeal-zod.nl", "t.team@regiodeal-zod.nl"]
    assert notices[0]["subject"] == "Niet bezorgd: Besluit Zorgbus"
    assert notices[1]["subject"] == "Not delivered: Besluit Zorgbus"
    lost_id = row(app.engine, "lost")["id"]
    assert f"vaart outbox retry {lost_id}" in notices[0]["body"] and "550 5.7.1" in notices[0]["body"]
    assert notices[0]["payload"] == {
        "kind": NOTICE_KIND, "count": 1, "outbox_ids": [lost_id],
        "dead": [{"id": lost_id, "recipient": "p@voorbeeld.nl", "subject": "Besluit Zorgbus",
                  "reason": "550 5.7.1 relaying denied", "attempts": 1}],
    }
    assert notices[0]["next_attempt_at"] == app.clock.now() + timedelta(minutes=15)  # others may join it
    assert isinstance(app.clock, ManualClock)
    app.clock.advance(timedelta(minutes=15))
    runner.drain()  # the notices die as well (the channel refuses everything): no notice about a notice
    assert statuses(app.engine) == {"dead": 3}


def test_a_failing_notice_rolls_back_the_dead_mark_too(app: App) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("database went away")

    runner = OutboxRunner(app.engine, {"mail": Channel(refuse=True)}, app.clock, on_dead=broken)
    enqueue(app.engine, mail("lost", "p@voorbeeld.nl"), app.clock.now())
    with pytest.raises(RuntimeError):
        runner.run_once()
    assert row(app.engine, "lost")["status"] == "pending"  # claimed, not dead: tried again after the lease


def test_the_failing_demo_channel_retries_then_delivers_and_dead_letters_its_domain(app: App) -> None:
    clock = app.clock
    assert isinstance(clock, ManualClock)
    channel = FailingChannel(FileOutbox(app.settings.outbox_dir, app.programme.mailbox), failures=2, retry_after=5)
    runner = OutboxRunner(app.engine, {"mail": channel}, clock, base_delay=timedelta(seconds=1))
    enqueue(app.engine, mail("demo", "p@voorbeeld.nl"), clock.now())
    enqueue(app.engine, mail("gone", f"x@{DEAD_DOMAIN}"), clock.now())
    first = runner.run_once()
    assert [i.key for i in first.retried] == ["demo"] and [i.key for i in first.dead] == ["gone"]
    for _ in range(2):
        clock.advance(timedelta(seconds=6))
        runner.run_once()
    assert row(app.engine, "demo")["status"] == "sent" and row(app.engine, "demo")["attempts"] == 2
    assert len(list(app.settings.outbox_dir.glob("*.eml"))) == 1


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"VAART_VAR_DIR": str(tmp_path / "var"), "VAART_NOW": START.isoformat(), **extra}


def test_outbox_list_and_retry_from_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    env = _env(tmp_path, VAART_MAIL="failing", VAART_FAILING_TIMES="0")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = build(Settings.from_env(env))
    enqueue(app.engine, mail("ok", "p@voorbeeld.nl"), app.clock.now())
    enqueue(app.engine, mail("gone", f"x@{DEAD_DOMAIN}", subject="Agenda"), app.clock.now())
    app.outbox.drain()
    gone = row(app.engine, "gone")["id"]
    app.close()

    assert vaart(["outbox", "list", "--status", "dead", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["status"], r["subject"]) for r in listed] == [(gone, "dead", "Agenda")]
    assert "550" in listed[0]["last_error"]
    assert vaart(["outbox", "list"]) == 0
    text = capsys.readouterr().out
    assert "dead" in text and "reden: demo: 550" in text and "sent" in text
    assert vaart(["outbox", "retry", str(gone)]) == 0
    assert capsys.readouterr().out.strip() == render("outbox.retried", "nl", id=gone, recipient=f"x@{DEAD_DOMAIN}")
    assert vaart(["outbox", "list", "--status", "pending", "--json"]) == 0
    (pending,) = json.loads(capsys.readouterr().out)
    assert (pending["id"], pending["attempts"]) == (gone, 0)
    assert vaart(["outbox", "retry", str(gone)]) == 1
    assert "alleen onbestelbare berichten" in capsys.readouterr().err
    assert vaart(["outbox", "retry", "999999"]) == 1
    assert "geen bericht met nummer 999999" in capsys.readouterr().err
    assert vaart(["check"]) == 0
    out = capsys.readouterr().out
    assert "ok   database: sqlite, schema" in out and "ok   mail (failing)" in out


@pytest.mark.parametrize(
    ("extra", "code", "shown"),
    [
        ({"VAART_MAIL": "smtp"}, "delivery.settings_missing", "VAART_SMTP_HOST"),
        ({"VAART_MAIL": "smtp", "VAART_SMTP_HOST": "127.0.0.1", "VAART_SMTP_USER": "vaart"},
         "delivery.settings_missing", "VAART_SMTP_PASSWORD"),
        ({"VAART_MAIL": "graph", "VAART_GRAPH_TENANT_ID": "t"}, "delivery.settings_missing", "VAART_GRAPH_MAILBOX"),
        ({"VAART_MAIL": "postduif"}, "delivery.unknown_channel", "postduif"),
        ({"VAART_MAIL": "smtp", "VAART_SMTP_HOST": "h", "VAART_SMTP_SECURITY": "ssl"}, "delivery.bad_security", "ssl"),
        ({"VAART_MAIL_RATE": "veel"}, "delivery.not_a_number", "VAART_MAIL_RATE"),
        ({"VAART_MAIL": "graph", "VAART_GRAPH_TENANT_ID": "common", "VAART_GRAPH_CLIENT_ID": "c",
          "VAART_GRAPH_CLIENT_SECRET": "s", "VAART_GRAPH_MAILBOX": "m@x.nl"}, "delivery.graph_tenant", "common"),
        ({"VAART_GRAPH_URL": "http://graph.example.org/"}, "delivery.bad_url", "VAART_GRAPH_URL"),
    ],
)
def test_a_channel_that_cannot_work_refuses_to_start_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    extra: dict[str, str], code: str, shown: str,
) -> None:
    env = _env(tmp_path, **extra)
    with pytest.raises(Refused) as refused:
        build(Settings.from_env(env))
    assert refused.value.code == code
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert vaart(["check"]) == 1
    err = capsys.readouterr().err.strip()
    assert shown in err and err == render(code, "nl", **refused.value.params)


def test_smtp_from_settings_is_rate_limited_and_keeps_its_password_to_itself(tmp_path: Path) -> None:
    env = _env(tmp_path, VAART_MAIL="smtp", VAART_SMTP_HOST="127.0.0.1", VAART_SMTP_PORT="2525",
               VAART_SMTP_USER="vaart", VAART_SMTP_PASSWORD="zeer-geheim", VAART_MAIL_RATE="12")
    settings = Settings.from_env(env)
    app = build(settings)
    try:
        channel = app.outbox.channels["mail"]
        assert isinstance(channel, SmtpChannel)
        assert (channel.host, channel.port, channel.security, channel.user) == ("127.0.0.1", 2525, "starttls", "vaart")
        assert app.outbox.limiters["mail"].limit == 12
        assert "zeer-geheim" not in repr(channel) and "zeer-geheim" not in repr(settings)
    finally:
        app.close()


def test_without_settings_the_file_outbox_is_used_without_a_rate_limit(tmp_path: Path) -> None:
    app = build(Settings.from_env(_env(tmp_path)))
    try:
        assert isinstance(app.outbox.channels["mail"], FileOutbox) and app.outbox.limiters == {}
    finally:
        app.close()
