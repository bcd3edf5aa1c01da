"""The pure parts of delivery: the rate window, Retry-After, addresses, the MIME form of a row,
the checks on an invitation, log redaction and the mail settings. No I/O."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from icalendar import Calendar

from bot.bootstrap.mail_settings import MailSettings
from bot.domain.timezone import AMSTERDAM
from bot.services.ports.outbox import DeliveryError, OutboxItem
from integrations.ics.invites import Participant
from integrations.mail_payload import Limits, parse_invite, valid_address
from integrations.mime import html_body, message_id, render_message
from integrations.outlook.auth import RedactSecrets
from integrations.outlook.graph import retry_after_seconds
from scheduling.rate import SlidingWindowLimiter
from tests.outbox_rows import MEETING_START, tracker

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=AMSTERDAM)
SENDER = "programmabureau@regiodeal-zod.nl"


def item(key: str = "k", recipient: str = "anna@voorbeeld.nl", subject: str = "Onderwerp", body: str = "Tekst",
         **payload: object) -> OutboxItem:
    return OutboxItem(1, key, "mail", recipient, subject, body, dict(payload), 0, NOW)


def parsed(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_the_window_allows_n_per_sliding_minute_per_key() -> None:
    limiter = SlidingWindowLimiter(2)
    assert limiter.take("a", NOW) is None and limiter.take("a", NOW + timedelta(seconds=10)) is None
    assert limiter.take("a", NOW + timedelta(seconds=20)) == timedelta(seconds=40)
    assert limiter.take("b", NOW + timedelta(seconds=20)) is None  # another mailbox
    assert limiter.take("a", NOW + timedelta(seconds=60)) is None  # the first one left the window
    with pytest.raises(ValueError):
        SlidingWindowLimiter(0)


def test_retry_after_is_seconds_or_an_http_date() -> None:
    now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert retry_after_seconds("0") == 0.0 and retry_after_seconds("2") == 2.0
    assert retry_after_seconds("Mon, 23 Nov 2026 08:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Mon, 23 Nov 2026 07:00:00 GMT", now) == 0.0
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None


@pytest.mark.parametrize(
    ("address", "ok"),
    [
        ("anna@voorbeeld.nl", True),
        ("k.kern+stuurgroep@regiodeal-zod.nl", True),
        ("anna at voorbeeld.nl", False),
        ("anna@", False),
        ("anna@voorbeeld", False),
        ("a@b@voorbeeld.nl", False),
        (".anna@voorbeeld.nl", False),
        ("anna@voorbeeld.nl\nBcc: x@y.nl", False),
        ("anna@-voorbeeld.nl", False),
    ],
)
def test_addresses(address: str, ok: bool) -> None:
    assert valid_address(address) is ok


def test_a_plain_message_has_the_file_outbox_headers_and_stays_the_same_bytes() -> None:
    data = render_message(item(subject="Besluit: café\nde Zorgbus", body="Beste Anna,\n\nHet besluit: ë."),
                          SENDER, Limits())
    assert data == render_message(item(subject="Besluit: café\nde Zorgbus", body="Beste Anna,\n\nHet besluit: ë."),
                                  SENDER, Limits())
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    message = parsed(data)
    assert message["Message-ID"] == message_id("k") and message["X-Vaart-Key"] == "k"
    assert str(message["Subject"]) == "Besluit: café de Zorgbus"
    assert message["Content-Transfer-Encoding"] == "quoted-printable"
    assert message.get_content().replace("\r\n", "\n") == "Beste Anna,\n\nHet besluit: ë."


def test_an_invite_is_text_html_and_calendar_with_the_method_of_the_file() -> None:
    meeting = tracker(attendees=[Participant("anna@voorbeeld.nl", "Anna Ökkerman")])  # not ASCII: base64
    ics = meeting.cancel(NOW).decode()
    message = parsed(render_message(item(ics=ics, method="CANCEL", html="<p>Afgezegd</p>"), SENDER, Limits()))
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html", "text/calendar"]
    assert parts[1].get_content() == "<p>Afgezegd</p>"
    assert parts[2]["Content-Transfer-Encoding"] == "base64" and parts[2].get_param("method") == "CANCEL"
    calendar = Calendar.from_ical(parts[2].get_content())
    assert calendar["METHOD"] == "CANCEL" and "Ökkerman" in str(calendar.walk("VEVENT")[0]["ATTENDEE"].params["CN"])


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"method": "REQUEST"}, "does not match METHOD:CANCEL"),
        ({"ics": "dit is geen agenda"}, "not iCalendar"),
        ({"ics": 42}, "not text"),
    ],
)
def test_an_invite_that_does_not_add_up_is_refused_for_good(change: dict[str, object], reason: str) -> None:
    payload: dict[str, object] = {"ics": tracker().cancel(NOW).decode(), "method": "CANCEL", **change}
    with pytest.raises(DeliveryError) as error:
        parse_invite(item(**payload), Limits())
    assert error.value.permanent and reason in error.value.reason


def test_an_invite_reads_back_its_parts() -> None:
    invite = parse_invite(item(ics=tracker().invite(NOW).decode(), method="REQUEST"), Limits())
    assert (invite.method, invite.sequence, invite.recurring) == ("REQUEST", 0, False)
    assert invite.start == MEETING_START and invite.organizer == SENDER
    assert [a for a, _ in invite.attendees] == ["b.bestuur@emmen.nl", "c.college@coevorden.nl",
                                              "s.staf@regiodeal-zod.nl"]


def test_a_key_that_cannot_be_a_header_is_refused() -> None:
    with pytest.raises(DeliveryError) as error:
        render_message(item(key="a\nb"), SENDER, Limits())
    assert error.value.permanent


def test_html_body_escapes() -> None:
    assert "<p>a &lt;b&gt; &amp;<br>\nc</p>" in html_body("a <b> &\nc")


def test_secrets_are_redacted_from_log_records() -> None:
    record = logging.LogRecord("O365.connection", logging.DEBUG, __file__, 1,
                               "headers %s", ({"Authorization": "Bearer eyJ0eXAiOiJKV1QifQ.abcdefgh"},), None)
    RedactSecrets().filter(record)
    assert "eyJ0eXAi" not in record.getMessage() and "[verborgen]" in record.getMessage()
    body = logging.LogRecord("msal", logging.DEBUG, __file__, 1, "client_id=x&client_secret=s3cr3t~value", (), None)
    RedactSecrets().filter(body)
    assert "s3cr3t" not in body.getMessage()


def test_mail_settings_defaults() -> None:
    settings = MailSettings.from_env({})
    assert (settings.channel, settings.rate_per_minute, settings.port) == ("file", 30.0, 587)
    assert MailSettings.from_env({"VAART_SMTP_SECURITY": "tls"}).port == 465
    assert MailSettings.from_env({"VAART_SMTP_SECURITY": "none"}).port == 25
    graph = MailSettings.from_env({"VAART_GRAPH_URL": "http://127.0.0.1:9000"})
    assert graph.graph_url == "http://127.0.0.1:9000/"
