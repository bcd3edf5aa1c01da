"""Hostile requests to the real ASGI app on 127.0.0.1 (uvicorn), as an attacker on the open internet
would send them: replayed signed slash commands, malformed bodies before and after the signature,
nonsense timestamps, and bodies far larger than anything Slack or Teams sends. Every one is answered
with a 4xx status, without a traceback in the log and without changing anything.
"""

from __future__ import annotations

import logging
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from bot.frontends.web.limits import MAX_BODY
from storage import tables
from tests.e2e.slack_fakes import event_callback, form_body, sign, slash_command
from tests.e2e.slack_scenarios import IDEA, REF
from tests.e2e.slack_support import KERNTEAM_CHANNEL, SECRET, Harness, HttpTransport, running

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def slack(tmp_path: Path) -> Iterator[Harness]:
    with running(tmp_path, "http") as harness:
        yield harness


@pytest.fixture
def log_records() -> Iterator[list[logging.LogRecord]]:
    """Every log record of the process, uvicorn's own included (they do not reach the root logger)."""
    handler = Collect()
    loggers = [logging.getLogger(name) for name in ("", "uvicorn", "uvicorn.error", "uvicorn.access")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def _transport(slack: Harness) -> HttpTransport:
    transport = slack.slack
    assert isinstance(transport, HttpTransport)
    return transport


def _audit_rows(slack: Harness) -> int:
    with slack.app.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(tables.audit_log)).scalar_one())


def _no_traceback(records: list[logging.LogRecord]) -> None:
    noisy = [r for r in records if r.exc_info or "Traceback" in r.getMessage() or r.levelno >= logging.ERROR]
    assert noisy == [], [r.getMessage() for r in noisy]


def _nothing_leaked(records: list[logging.LogRecord], *secrets: str) -> None:
    text = "\n".join(r.getMessage() for r in records)
    for secret in secrets:
        assert secret not in text


# -- 3: a replayed slash command ------------------------------------------------------------------------
def test_a_replayed_signed_slash_command_acts_once(slack: Harness) -> None:
    transport = _transport(slack)
    url = slack.fake.response_url()
    body = form_body(slash_command("U0ANNA", "/vaart", "idee Buurtbus | Een bus voor ouderen", url))
    headers = sign(SECRET, body)  # the very same signed request, sent twice inside the five minutes
    first = transport.send(body, FORM, headers=headers, signed=False)
    assert first.status == 200
    assert "ZOD-2026-0001" in slack.fake.answer(url).params["text"]
    again = transport.send(body, FORM, headers=headers, signed=False)
    assert again.status == 200 and not again.body
    time.sleep(0.3)  # the replay, had it been acted on, would have answered by now
    assert [i.title for i in slack.app.ideas.open_ideas()] == ["Buurtbus"]
    assert len(slack.fake.of("response_url")) == 1


def test_a_command_claimed_before_by_another_replica_or_run_is_acked_and_not_acted_on(slack: Harness) -> None:
    slack.app.desk.directory.claim("slack:command:T0ELSEWHERE", slack.clock.now())  # the store knows it
    ack = slack.command("U0ANNA", "/vaart", "idee Buurtbus | Een bus voor ouderen", trigger_id="T0ELSEWHERE")
    assert ack.status == 200 and not ack.body
    time.sleep(0.3)  # had it been acted on, it would have answered by now
    assert slack.app.ideas.open_ideas() == []
    assert slack.fake.of("response_url") == []


def test_the_ack_of_a_command_does_not_wait_for_its_durable_claim(
    slack: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = slack.app.desk.directory
    claim = directory.claim

    def slow_claim(key: str, at: Any) -> bool:
        time.sleep(1.0)  # a database that is slow to write
        return claim(key, at)

    monkeypatch.setattr(directory, "claim", slow_claim)
    started = time.monotonic()
    ack = slack.command("U0ANNA", "/vaart", "idee Buurtbus | Een bus voor ouderen")
    assert ack.status == 200 and time.monotonic() - started < 0.5
    assert REF in slack.answer()  # the answer follows the claim


def test_two_different_commands_with_the_same_text_both_act(slack: Harness) -> None:
    slack.vaart("U0ANNA", "idee Buurtbus | Een bus voor ouderen")
    slack.vaart("U0ANNA", "idee Buurtbus | Een bus voor ouderen")
    assert [i.title for i in slack.app.ideas.open_ideas()] == ["Buurtbus", "Buurtbus"]


# -- 4: errors before authentication ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", JSON),
        ("[1, 2, 3]", JSON),
        ("payload=[1]", FORM),
        ("payload=%7Bnot+json", FORM),
        ("payload=null", FORM),
        ("\udcff", FORM),
    ],
    ids=["broken json", "json list", "payload list", "payload broken", "payload null", "not utf-8"],
)
def test_an_unsigned_malformed_body_gets_401_without_a_traceback(
    slack: Harness, log_records: list[logging.LogRecord], body: str, content_type: str
) -> None:
    transport = _transport(slack)
    raw = body.encode("utf-8", "surrogateescape")
    response = transport.client.post("/slack/events", content=raw, headers={"Content-Type": content_type})
    assert response.status_code == 401
    assert slack.fake.calls == [] and _audit_rows(slack) == 0
    _no_traceback(log_records)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", JSON),
        ("[1, 2, 3]", JSON),
        ('"a string"', JSON),
        ("payload=[1]", FORM),
        ("payload=%7Bnot+json", FORM),
        ("payload=null", FORM),
        ('payload={"type": 3}', FORM),
    ],
    ids=["broken json", "json list", "json string", "payload list", "payload broken", "payload null",
         "payload without a type"],
)
def test_a_signed_malformed_body_gets_400_without_a_traceback(
    slack: Harness, log_records: list[logging.LogRecord], body: str, content_type: str
) -> None:
    transport = _transport(slack)
    if content_type == FORM and body.startswith("payload="):
        body = urlencode({"payload": body.removeprefix("payload=")}) if "%" not in body else body
    ack = transport.send(body, content_type)
    assert ack.status == 400
    assert slack.fake.calls == [] and _audit_rows(slack) == 0
    _no_traceback(log_records)
    _nothing_leaked(log_records, SECRET, body)


@pytest.mark.parametrize("timestamp", ["abc", "", "1e9", "-1", "9" * 40, "１２３"])
def test_a_timestamp_that_is_not_a_number_gets_401_without_a_traceback(
    slack: Harness, log_records: list[logging.LogRecord], timestamp: str
) -> None:
    transport = _transport(slack)
    body = form_body(slash_command("U0ANNA", "/vaart", "idee Vervalst | x", slack.fake.response_url()))
    signature = sign(SECRET, body)["X-Slack-Signature"]
    headers = {"X-Slack-Request-Timestamp": timestamp.encode("utf-8"), "X-Slack-Signature": signature.encode()}
    response = transport.client.post(
        "/slack/events", content=body.encode(), headers={"Content-Type": FORM, **headers}
    )
    assert response.status_code == 401
    assert slack.fake.calls == [] and slack.app.ideas.open_ideas() == []
    _no_traceback(log_records)


# -- 4: the body is capped while it is read ---------------------------------------------------------------
def _raw_request(port: int, head: str, chunks: Iterator[bytes] | None = None) -> bytes:
    """Send *head* and then *chunks* on a plain socket; the server's answer (it may come early)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode("ascii"))
        sent = 0
        for chunk in chunks or iter(()):
            try:
                sock.sendall(chunk)
            except OSError:  # the server answered and closed: what we want
                break
            sent += len(chunk)
        answer = b""
        while b"\r\n\r\n" not in answer:
            part = sock.recv(65536)
            if not part:
                break
            answer += part
        return answer


@pytest.mark.parametrize("path", ["/slack/events", "/api/messages", "/healthz", "/nowhere"])
def test_a_declared_body_over_the_cap_is_refused_before_it_is_read(slack: Harness, path: str) -> None:
    port = int(_transport(slack).client.base_url.port or 0)
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {200 * 1024 * 1024}\r\n\r\n")
    answer = _raw_request(port, head, iter([b"{" * 1024]))  # the rest never comes: no waiting for it
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]


def test_a_chunked_body_is_cut_off_at_the_cap_while_it_streams(slack: Harness) -> None:
    port = int(_transport(slack).client.base_url.port or 0)
    head = ("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n")
    piece = b"x" * 65536
    chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    count = MAX_BODY // len(piece) + 40  # well past the cap, and never the final empty chunk
    answer = _raw_request(port, head, iter([chunk] * count))
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert slack.fake.calls == [] and _audit_rows(slack) == 0


def test_a_body_at_the_cap_still_reaches_the_signature_check(slack: Harness) -> None:
    transport = _transport(slack)
    response = transport.client.post("/slack/events", content=b"a" * MAX_BODY, headers={"Content-Type": FORM})
    assert response.status_code == 401


def test_a_command_with_the_word_payload_in_its_text_is_read_as_a_command(slack: Harness) -> None:
    answer = slack.vaart("U0ANNA", "idee Payload-fiets | Een bakfiets met payload voor de buurt")
    assert "ZOD-2026-0001" in answer
    assert [i.title for i in slack.app.ideas.open_ideas()] == ["Payload-fiets"]


# -- 5: user text is text, never markup ----------------------------------------------------------------
HOSTILE = "<!channel> <!here> <@U0PETRA> <https://voorbeeld.invalid/login|Klik hier> & <#C0KERNTEAM>"
MARKUP = re.compile(r"<[!@#]|<https?:|&(?!amp;|lt;|gt;)")


def _rendered_texts(value: Any, key: str = "") -> Iterator[str]:
    """Every string Slack renders as mrkdwn in *value*: message text, mrkdwn objects, section texts
    (plain_text objects are shown as they are, and hold no markup)."""
    if isinstance(value, dict):
        if value.get("type") == "plain_text":
            return
        for name, item in value.items():
            yield from _rendered_texts(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _rendered_texts(item, key)
    elif isinstance(value, str) and key == "text":
        yield value


def test_user_text_reaches_slack_as_text_never_as_mentions_or_links(slack: Harness) -> None:
    slack.register_people()
    slack.home_opened("U0PETRA", "Ev0PETRA")  # Petra uses Slack: her notifications go to her DM
    slack.fake.wait_for("views.publish", where=lambda c: c.params["user_id"] == "U0PETRA")
    view = slack.open_form("U0ANNA", "", command="/idee")
    idea = {**IDEA, "title": "<!channel> Bus & <@U0PETRA>", "description": HOSTILE, "organisation": "<!here> & Co",
            "support": HOSTILE}
    ack = slack.submit("U0ANNA", view, idea, "V0HOSTILE")
    assert ack.body["response_action"] == "update"
    acks = [ack.body]
    slack.deliver()
    kernteam_card = slack.fake.of("chat.postMessage", channel=KERNTEAM_CHANNEL)[0]
    slack.click("U0KEES", "pick_up", REF, kernteam_card)
    slack.fake.wait_for("chat.update", where=lambda c: c.params["channel"] == KERNTEAM_CHANNEL)
    for text in (f"status {REF}", "mijn", "<!channel> <@U0PETRA>", f"uitgave 1.000 {HOSTILE} | soort: onderzoek"):
        slack.vaart("U0KEES" if text.startswith("uitgave") else "U0ANNA", text)
    slack.deliver()
    dm = {"type": "message", "channel_type": "im", "channel": "DU0ANNA", "user": "U0ANNA", "text": HOSTILE,
          "ts": "1764000000.000002"}
    slack.slack.event(event_callback(dm, "Ev0HOSTILEDM"))
    slack.fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "DU0ANNA" and "ken ik niet" in
                        str(c.params.get("text")))
    for user, event in (("U0ANNA", "Ev0HOME1"), ("U0KEES", "Ev0HOME2"), ("U0PETRA", "Ev0HOME3")):
        slack.home_opened(user, event)
        slack.fake.wait_for("views.publish", where=lambda c, u=user: c.params["user_id"] == u)
    texts = [t for call in slack.fake.calls for t in _rendered_texts(call.params, "")]
    texts += [t for body in acks for t in _rendered_texts(body)]
    texts += [str(call.params["text"]) for call in slack.fake.calls if "text" in call.params]  # the top-level text
    assert any("Bus &amp; &lt;@U0PETRA&gt;" in t for t in texts)  # the title was there, shown as typed
    assert any("&lt;!channel&gt;" in t for t in texts)
    leaked = sorted({t for t in texts if MARKUP.search(t)})
    assert leaked == [], leaked
