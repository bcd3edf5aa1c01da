"""The MIME form of an outbox row, the same bytes on every attempt, for SMTP and Graph's MIME send.

A plain message is one text/plain part (an HTML alternative when the payload has ``"html"``).
An invitation (iMIP, RFC 6047) is multipart/alternative with a text part, an HTML part and the
``text/calendar; method=...`` part, whose method equals the METHOD in the file; mail clients
show the text or HTML and offer the calendar part as the invitation. The headers come from the
file outbox's `build_email` (From, To, Subject, Date, Message-ID and X-Vaart-Key, all derived
from the row), and the boundary is derived from the key, so a retried message is byte-for-byte
the one sent before and the recipient's client folds the copies into one by Message-ID.
Text parts are quoted-printable, so no server needs 8BITMIME.
"""

from __future__ import annotations

import hashlib
import html
from email import policy
from email.message import EmailMessage

from integrations.errors import DeliveryError
from integrations.file_outbox import build_email
from integrations.ics.invites import content_type
from integrations.mail_payload import Limits, check_address, check_size, is_invite, parse_invite
from scheduling.outbox import OutboxItem

# Headers are not folded below RFC 5322's 998 characters: a folded X-Vaart-Key or Subject is read
# back with a leading space by some parsers (Python's included). Text parts wrap themselves.
MAIL_POLICY = policy.default.clone(max_line_length=998)
WIRE_POLICY = MAIL_POLICY.clone(linesep="\r\n")


def html_body(text: str) -> str:
    """A minimal HTML rendering of a plain-text body (paragraphs and line breaks)."""
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    inner = "\n".join("<p>" + html.escape(p).replace("\n", "<br>\n") + "</p>" for p in paragraphs)
    return f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"></head><body>\n{inner}\n</body></html>\n'


def _calendar_encoding(text: str) -> str:
    ascii_only = all(ord(ch) < 128 for ch in text)
    short = all(len(line) <= 900 for line in text.split("\n"))
    return "7bit" if ascii_only and short else "base64"


def build_message(item: OutboxItem, sender: str, limits: Limits) -> EmailMessage:
    """The message for *item*, checked (addresses, attendees, size); problems no retry can fix
    raise a permanent DeliveryError."""
    check_address(item.recipient)
    check_address(sender, "sender")
    try:
        message = build_email(item, sender)
        message.policy = MAIL_POLICY
        message.clear_content()
        message.set_content(item.body, cte="quoted-printable")
        if is_invite(item):
            invite = parse_invite(item, limits)
            message.add_alternative(str(item.payload.get("html") or html_body(item.body)), subtype="html",
                                    cte="quoted-printable")
            ics = invite.ics.replace("\r\n", "\n")
            message.add_alternative(ics, subtype="calendar", cte=_calendar_encoding(ics))
            *_, calendar = message.iter_parts()
            del calendar["Content-Type"]  # written as given (method unquoted, as RFC 6047 shows it)
            calendar.set_raw("Content-Type", content_type(invite.method))
        elif item.payload.get("html"):
            message.add_alternative(str(item.payload["html"]), subtype="html", cte="quoted-printable")
        if message.is_multipart():
            message.set_boundary("=_vaart_" + hashlib.sha256(item.key.encode()).hexdigest()[:40])
        size = len(bytes(message))
    except ValueError as exc:  # e.g. a line feed in a header value
        raise DeliveryError(f"cannot build the message: {exc}", permanent=True) from exc
    check_size(size, limits)
    return message
