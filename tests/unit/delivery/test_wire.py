"""What leaves the house is in canonical form: every invitation's calendar part is CRLF whether it
travels as 7bit or base64 (RFC 5545 3.1, RFC 2045), its ORGANIZER is the sending mailbox, the
HTML part says the reader's language, and the file outbox holds exactly what SMTP would send. Each
message is read back with Python's `email` (policy SMTP), the calendar with icalendar and vobject,
the HTML with html5lib. No I/O except the file outbox's temporary folder."""

from __future__ import annotations

from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import html5lib
import pytest
import vobject
from icalendar import Calendar

from bot.domain.timezone import AMSTERDAM
from bot.services.ports.outbox import DeliveryError, OutboxItem
from integrations.file_outbox import FileOutbox
from integrations.ics.invites import Participant
from integrations.mail_payload import Limits
from integrations.mime import html_body, render_message
from tests.outbox_rows import tracker

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=AMSTERDAM)
SENDER = "programmabureau@regiodeal-zod.nl"
ASCII_ONLY = [Participant("anna@voorbeeld.nl", "Anna de Vries")]
NOT_ASCII = [Participant("anna@voorbeeld.nl", "Anna Ökkerman"), Participant("b@emmen.nl", "Bërt")]


def invite_item(attendees: list[Participant], key: str = "invite:k", subject: str = "Uitnodiging: Stuurgroep",
                **payload: object) -> OutboxItem:
    ics = tracker(attendees=attendees).invite(NOW).decode()
    return OutboxItem(1, key, "mail", attendees[0].email, subject, "Beste Anna,\n\nU bent uitgenodigd.",
                      {"ics": ics, "method": "REQUEST", **payload}, 0, NOW)


def parsed(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.SMTP)
    assert isinstance(message, EmailMessage)
    return message


def calendar_bytes(message: EmailMessage) -> bytes:
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    data = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    return data


def bare_lf(data: bytes) -> bool:
    return b"\n" in data.replace(b"\r\n", b"")


@pytest.mark.parametrize(("attendees", "encoding"), [(ASCII_ONLY, "7bit"), (NOT_ASCII, "base64")])
def test_the_calendar_part_is_crlf_in_every_encoding(attendees: list[Participant], encoding: str) -> None:
    data = render_message(invite_item(attendees), SENDER, Limits())
    assert not bare_lf(data)
    message = parsed(data)
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert part["Content-Transfer-Encoding"] == encoding
    ics = calendar_bytes(message)
    assert not bare_lf(ics) and ics.endswith(b"END:VCALENDAR\r\n")
    found = Calendar.from_ical(ics).walk("VEVENT")[0]["ATTENDEE"]
    first = found[0] if isinstance(found, list) else found
    assert first.params["CN"] == attendees[0].name
    card = vobject.readOne(ics.decode("utf-8"))
    assert card.vevent.attendee.params["CN"] == [attendees[0].name]


def test_the_organizer_is_the_mailbox_the_message_is_sent_from() -> None:
    item = invite_item(NOT_ASCII)  # the file says ORGANIZER programmabureau@regiodeal-zod.nl
    for sender in ("vergaderingen@regiodeal-zod.nl", SENDER):
        ics = calendar_bytes(parsed(render_message(item, sender, Limits())))
        event = Calendar.from_ical(ics).walk("VEVENT")[0]
        assert str(event["ORGANIZER"]) == f"mailto:{sender}"
        assert event["ORGANIZER"].params["CN"] == "Regio Deal Zuid- en Oost-Drenthe"
        assert vobject.readOne(ics.decode()).vevent.organizer.value == f"mailto:{sender}"
    unchanged = calendar_bytes(parsed(render_message(item, SENDER, Limits())))
    assert unchanged.decode().replace("\r\n", "\n") == str(item.payload["ics"]).replace("\r\n", "\n")


@pytest.mark.parametrize(("lang", "expected"), [("en", "en"), ("nl", "nl"), (None, "nl"), ('"><x', "nl")])
def test_the_html_part_says_the_language_of_its_text(lang: str | None, expected: str) -> None:
    payload = {} if lang is None else {"lang": lang}
    message = parsed(render_message(invite_item(ASCII_ONLY, **payload), SENDER, Limits()))
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/html"]
    document = html5lib.parse(part.get_content(), namespaceHTMLElements=False)
    assert document.get("lang") == expected
    assert html5lib.parse(html_body("Dear Anna", "en"), namespaceHTMLElements=False).get("lang") == "en"


def test_the_file_outbox_writes_exactly_the_bytes_smtp_sends(tmp_path: Path) -> None:
    item = invite_item(NOT_ASCII, key="invite:stuurgroep-2026-12-10@regiodeal-zod.nl:0:REQUEST:anna@voorbeeld.nl",
                       subject="Uitnodiging: Stuurgroep over de ideeën van Bërt en Anna Ökkerman, met de stukken")
    FileOutbox(tmp_path, SENDER).deliver(item)
    (written,) = tmp_path.glob("*.eml")
    data = written.read_bytes()
    assert data == render_message(item, SENDER, Limits())
    assert not bare_lf(data)
    message = parsed(data)
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html", "text/calendar"]
    headers = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert f"X-Vaart-Key: {item.key}" in headers.split("\r\n")  # one line, not folded
    subject = next(line for line in headers.split("\r\n") if line.startswith("Subject:"))
    assert "  " not in subject and "=?utf-8?" in subject
    assert str(message["Subject"]) == item.subject


def test_a_message_too_large_for_smtp_is_refused_by_the_file_outbox_too(tmp_path: Path) -> None:
    with pytest.raises(DeliveryError) as refused:
        FileOutbox(tmp_path, SENDER, Limits(max_bytes=500)).deliver(invite_item(ASCII_ONLY))
    assert refused.value.permanent and list(tmp_path.glob("*.eml")) == []
