"""Notifications to Slack through the outbox, against the fake Web API on 127.0.0.1: who gets Slack
and who gets mail, one message per second per channel, and a 429 from Slack (Retry-After) honoured.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings
from bot.frontends.slack.delivery import SlackDelivery
from bot.services.ports.chat import ChatIdentity
from integrations.chat_router import ChatFirst
from storage import tables
from tests.cast import ANNA, CAST
from tests.conftest import START
from tests.e2e.slack_fakes import FakeSlackApi
from tests.scenario import register_cast

ADMIN = "beheer@vaart.local"


@pytest.fixture
def fake() -> Iterator[FakeSlackApi]:
    server = FakeSlackApi().start()
    yield server
    server.stop()


def _app(tmp_path: Path, fake: FakeSlackApi, clock: ManualClock, kernteam: bool) -> App:
    env = {"VAART_VAR_DIR": str(tmp_path / "var"), "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake.url}
    if kernteam:
        env["SLACK_KERNTEAM_CHANNEL"] = "C0KERNTEAM"
    app = build(Settings.from_env(env), clock=clock)
    register_cast(app.people)
    app.chats.save_identity(ChatIdentity("slack", "U0ANNA", ANNA, "Anna"), clock.now())
    app.outbox.drain()
    return app


def _slack(app: App) -> SlackDelivery:
    channel = app.outbox.channels["slack"]
    assert isinstance(channel, SlackDelivery) and isinstance(app.outbox.channels["mail"], ChatFirst)
    return channel


def test_people_on_slack_get_their_dm_and_everyone_else_mail(tmp_path: Path, fake: FakeSlackApi) -> None:
    clock = ManualClock(START)
    app = _app(tmp_path, fake, clock, kernteam=True)
    sleeps: list[float] = []
    slack = _slack(app)
    slack.sleep, slack.monotonic = sleeps.append, lambda: 100.0
    try:
        app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus voor ouderen")
        report = app.outbox.drain()
        assert {i.recipient for i in report.sent} >= {ANNA, CAST["kernteam"][0]}
        anna = fake.of("chat.postMessage", channel="DU0ANNA")
        assert len(anna) == 2 and len(fake.of("chat.postMessage", channel="C0KERNTEAM")) == 1
        assert sleeps == [1.0]  # card and notice in Anna's DM one second apart; the kernteam channel is another
        mails = sorted(p.name for p in (tmp_path / "var" / "outbox").glob("*.eml"))
        assert any("k.kern" in name for name in mails) and not any("anna" in name for name in mails)
    finally:
        app.close()


def test_a_429_is_waited_out_for_the_whole_channel_and_nothing_is_sent_twice(
    tmp_path: Path, fake: FakeSlackApi
) -> None:
    clock = ManualClock(START)
    app = _app(tmp_path, fake, clock, kernteam=False)
    _slack(app).interval = 0.0
    try:
        fake.fail_next("chat.postMessage", 429, {"Retry-After": "120"}, {"ok": False, "error": "ratelimited"})
        app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus voor ouderen")
        report = app.outbox.run_once()
        assert [i.recipient for i in report.retried] == [ANNA]
        o = tables.outbox.c
        with app.engine.connect() as conn:
            row = conn.execute(select(tables.outbox).where(o.recipient == ANNA)).mappings().one()
        assert row["next_attempt_at"] == START + timedelta(seconds=120)
        assert "rate limited" in row["last_error"]

        clock.advance(timedelta(seconds=30))
        app.ideas.submit(ANNA, "test", "Buurtkracht", "Buren helpen buren")
        calls = len(fake.calls)
        report = app.outbox.run_once()
        assert [i.recipient for i in report.retried] == [ANNA]  # same channel: held back without calling Slack
        assert len(fake.calls) == calls

        clock.advance(timedelta(seconds=121))
        report = app.outbox.drain()
        assert sorted(i.recipient for i in report.sent) == [ANNA, ANNA] and not report.dead
        texts = [str(c.params["text"]) for c in fake.of("chat.postMessage", channel="DU0ANNA")]
        notices = [t for t in texts if "ontvangen" in t]
        assert len(notices) == 2 and len(set(notices)) == 2
        assert len(texts) == 5  # the refused card, then two cards and two notices
    finally:
        app.close()


def test_a_communicatiekalender_item_for_a_slack_channel_is_posted_there_once_by_name(
    tmp_path: Path, fake: FakeSlackApi
) -> None:
    """§7: a channel as the audience of the communicatiekalender, through the outbox's Slack channel."""
    from datetime import datetime

    from bot.domain.timezone import AMSTERDAM

    clock = ManualClock(START)
    app = _app(tmp_path, fake, clock, kernteam=False)
    _slack(app).interval = 0.0
    try:
        comms = "m.media@regiodeal-zod.nl"
        app.people.add(ADMIN, "test", comms, "Mira Media", ["communicatiemedewerker"])
        when = datetime(2026, 12, 1, 10, 0, tzinfo=AMSTERDAM)
        app.execution.communication.plan(comms, "test", when, "chat", "kanaal:slack:#regiodeal-nieuws",
                                         "De eerste projecten rijden")
        app.outbox.drain()
        clock.set(when)
        assert app.execution.communication.send_due() == 1
        report = app.outbox.drain()
        assert [i.recipient for i in report.sent] == ["#regiodeal-nieuws"] and not report.dead
        [post] = fake.of("chat.postMessage", channel="#regiodeal-nieuws")
        assert "De eerste projecten rijden" in str(post.params["blocks"])
        posted = app.chats.posted("slack", "communication", "C-1", "#regiodeal-nieuws")
        assert posted is not None  # a retried row finds it and posts nothing again
        assert not any(p.name.endswith(".eml") and "regiodeal-nieuws" in p.name
                       for p in (tmp_path / "var" / "outbox").glob("*"))
    finally:
        app.close()
