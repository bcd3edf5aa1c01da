"""The MIME form of an outbox row, the same bytes on every attempt, for SMTP and Graph's MIME send.

A plain message is one text/plain part (an HTML alternative when the payload has ``"html"``).
An invitation (iMIP, RFC 6047) is multipart/alternative with a text part, an HTML part and the
``text/calendar; method=...`` part, whose method equals the METHOD in the file; mail clients
show the text or HTML and offer the calendar part as the invitation. The headers (From, To,
Subject, Date, Message-ID and X-Vaart-Key) are all derived from the row and the
boundary from the key, so a retried message is byte-for-byte the one sent before and
the recipient's client folds the copies into one by Message-ID. Text parts are quoted-printable,
so no server needs 8BITMIME.

The calendar part is in RFC 5545's and RFC 2045's canonical form, CRLF after every line, whether
it travels as 7bit or base64 (the base64 of LF-only text would decode to bare LFs). Its ORGANIZER
is the address the message is sent from (`with_organizer`), so a guest's reply goes back to the
mailbox that invited them. The HTML part says the language of the text (``payload["lang"]``).
The file outbox writes these same bytes, so the embedded default shows what a relay would get.

The parts are built with the stdlib's classic MIME classes (policy compat32): every header is
written exactly as given (``method=REQUEST`` unquoted, as RFC 6047 shows it), nothing is folded
below RFC 5322's 998 characters (a folded X-Vaart-Key is read back with a leading space by some
parsers), and building is several times faster than with `EmailMessage`, which parses every
header it is given. Because compat32 does not refuse line breaks in headers, they are refused
(the key) or replaced by spaces (the subject) here.
"""

from __future__ import annotations

import hashlib
import html
import re
from email import encoders, policy
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.utils import format_datetime

from bot.domain.timezone import to_local
from bot.services.ports.outbox import DeliveryError, OutboxItem
from integrations.ics.invites import content_type
from integrations.mail_payload import Limits, check_address, check_size, is_invite, parse_invite, with_organizer

WIRE_POLICY = policy.compat32.clone(linesep="\r\n", max_line_length=998)
_UTF8_QP = Charset("utf-8")
_UTF8_QP.body_encoding = QP
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")  # a BCP 47 tag as vaart writes them
DEFAULT_LANGUAGE = "nl"


def language(value: object) -> str:
    """The language tag of a row or file, or Dutch when it has none (or one that is not a tag)."""
    text = str(value or "")
    return text if _LANGUAGE.match(text) else DEFAULT_LANGUAGE


def html_body(text: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A minimal HTML rendering of a plain-text body (paragraphs and line breaks) in language *lang*."""
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    inner = "\n".join("<p>" + html.escape(p).replace("\n", "<br>\n") + "</p>" for p in paragraphs)
    return (f'<!DOCTYPE html>\n<html lang="{language(lang)}"><head><meta charset="utf-8"></head><body>\n'
            f"{inner}\n</body></html>\n")


def message_id(key: str) -> str:
    """The stable Message-ID of the row with *key* (the same as the file outbox writes)."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@vaart.local>"


def _text(body: str, subtype: str) -> MIMENonMultipart:
    part = MIMENonMultipart("text", subtype)
    part.set_payload(body.replace("\r\n", "\n"), _UTF8_QP)
    return part


def _calendar(ics: str, method: str) -> MIMENonMultipart:
    """The text/calendar part; CRLF after every line in both encodings (RFC 5545 3.1, RFC 2045)."""
    lines = ics.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
    part = MIMENonMultipart("text", "calendar")
    del part["Content-Type"]
    part["Content-Type"] = content_type(method)
    if all(line.isascii() and len(line) <= 900 for line in lines):
        part.set_payload("\n".join(lines) + "\n")  # the generator writes each line end as CRLF
        part["Content-Transfer-Encoding"] = "7bit"
    else:
        part.set_payload(("\r\n".join(lines) + "\r\n").encode("utf-8"))
        encoders.encode_base64(part)
    return part


def _subject(subject: str) -> str:
    """One line; not ASCII: RFC 2047 encoded words of at most 75 characters, on that one line."""
    flat = " ".join(subject.split())
    if flat.isascii():
        return flat
    return " ".join(Header(flat, "utf-8").encode(maxlinelen=76).split())


def build_message(item: OutboxItem, sender: str, limits: Limits) -> Message:
    """The message for *item*, checked (addresses, attendees); problems no retry can fix raise a
    permanent DeliveryError."""
    check_address(item.recipient)
    check_address(sender, "sender")
    if not item.key.isascii() or any(ch in item.key for ch in "\r\n"):
        raise DeliveryError(f"key {item.key[:80]!r} cannot be a header", permanent=True)
    html_text = item.payload.get("html")
    message: Message
    if is_invite(item):
        invite = parse_invite(item, limits)
        message = MIMEMultipart("alternative", boundary=_boundary(item.key))
        message.attach(_text(item.body, "plain"))
        message.attach(_text(str(html_text or html_body(item.body, language(item.payload.get("lang")))), "html"))
        message.attach(_calendar(with_organizer(invite.ics, sender), invite.method))
    elif html_text:
        message = MIMEMultipart("alternative", boundary=_boundary(item.key))
        message.attach(_text(item.body, "plain"))
        message.attach(_text(str(html_text), "html"))
    else:
        message = _text(item.body, "plain")
    message["From"] = sender
    message["To"] = item.recipient
    message["Subject"] = _subject(item.subject)
    message["Date"] = format_datetime(to_local(item.created_at))
    message["Message-ID"] = message_id(item.key)
    message["X-Vaart-Key"] = item.key
    return message


def _boundary(key: str) -> str:
    return "=_vaart_" + hashlib.sha256(key.encode()).hexdigest()[:40]


def render_message(item: OutboxItem, sender: str, limits: Limits) -> bytes:
    """The message for *item* as it goes on the wire (CRLF), checked against the size limit."""
    data = build_message(item, sender, limits).as_bytes(policy=WIRE_POLICY)
    check_size(len(data), limits)
    return data
