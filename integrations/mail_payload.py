"""What an outbox row asks the mail channels to send, checked before anything leaves.

An outbox row is one message to one recipient. A row whose payload carries ``"ics"`` (the
iCalendar text of an iTIP message) and ``"method"`` (REQUEST or CANCEL) is a meeting invitation;
an optional ``"html"`` is the HTML body. The checks here are the ones no retry can fix, so they
raise a permanent `DeliveryError` (dead letter at once, with the reason): a malformed address,
more attendees than the configured limit, a method that differs from the one in the file, a
message over the size limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from icalendar import Calendar, vCalAddress

from bot.domain.timezone import AMSTERDAM
from bot.services.ports.outbox import DeliveryError, OutboxItem

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+$")
METHODS = ("REQUEST", "CANCEL")


@dataclass(frozen=True)
class Limits:
    max_attendees: int = 250
    max_bytes: int = 3_500_000


@dataclass(frozen=True)
class Invite:
    """The parts of an iTIP message the channels need (the file itself travels unchanged)."""

    ics: str
    method: str
    uid: str
    sequence: int
    summary: str
    description: str
    location: str
    start: datetime | date
    end: datetime | date
    organizer: str
    attendees: tuple[tuple[str, str], ...]  # (address, name)
    recurring: bool
    language: str = ""  # the LANGUAGE of SUMMARY/DESCRIPTION ("" when the file does not say)


def valid_address(address: str) -> bool:
    return len(address) <= 254 and _ADDRESS.match(address) is not None


def check_address(address: str, what: str = "recipient") -> str:
    if not valid_address(address):
        raise DeliveryError(f"malformed {what} address: {address[:100]!r}", permanent=True)
    return address


def is_invite(item: OutboxItem) -> bool:
    return "ics" in item.payload and "method" in item.payload


def check_size(size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise DeliveryError(f"message of {size} bytes is over the limit of {limits.max_bytes} bytes", permanent=True)


def _address(value: Any) -> str:
    return str(value).removeprefix("mailto:").removeprefix("MAILTO:").strip()


def parse_invite(item: OutboxItem, limits: Limits) -> Invite:
    """Read the iTIP message of an invitation row and check it against the row and the limits.
    (One version of a meeting goes to every attendee: the reading is cached per file.)"""
    text = item.payload["ics"]
    if not isinstance(text, str):
        raise DeliveryError("payload 'ics' is not text", permanent=True)
    return _parse(text, str(item.payload["method"]).upper(), item.subject, limits)


@lru_cache(maxsize=64)
def _parse(text: str, method: str, subject: str, limits: Limits) -> Invite:
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as exc:
        raise DeliveryError(f"payload 'ics' is not iCalendar: {exc}", permanent=True) from exc
    in_file = str(calendar.get("method", "")).upper()
    if method not in METHODS or in_file != method:
        raise DeliveryError(f"method {method!r} does not match METHOD:{in_file} in the file", permanent=True)
    events = calendar.walk("VEVENT")
    if len(events) != 1:
        raise DeliveryError(f"an invitation holds one VEVENT, this one {len(events)}", permanent=True)
    event = events[0]
    raw = event.get("attendee", [])
    attendees = tuple(
        (_address(a), str(getattr(a, "params", {}).get("CN", "")))
        for a in (raw if isinstance(raw, list) else [raw])
    )
    if len(attendees) > limits.max_attendees:
        raise DeliveryError(
            f"{len(attendees)} attendees is over the limit of {limits.max_attendees}", permanent=True
        )
    for address, _ in attendees:
        check_address(address, "attendee")
    organizer = _address(event.get("organizer", ""))
    check_address(organizer, "organizer")
    start = event.decoded("dtstart")
    end = event.decoded("dtend") if "dtend" in event else start
    languages = [str(event[name].params.get("LANGUAGE", "")) for name in ("description", "summary") if name in event]
    return Invite(
        ics=text,
        method=method,
        uid=str(event.get("uid", "")),
        sequence=int(event.get("sequence", 0)),
        summary=str(event.get("summary", subject)),
        description=str(event.get("description", "")),
        location=str(event.get("location", "")),
        start=_utc(start),
        end=_utc(end),
        organizer=organizer,
        attendees=attendees,
        recurring="rrule" in event,
        language=next((lang for lang in languages if lang), ""),
    )


@lru_cache(maxsize=64)
def with_organizer(text: str, sender: str) -> str:
    """The iTIP file with *sender* as ORGANIZER of every component (its CN kept): the mailbox a
    message comes from is the organiser its guests reply to. Unchanged when it is that already."""
    calendar = Calendar.from_ical(text)
    changed = False
    for component in calendar.walk():
        if component.name not in ("VEVENT", "VTODO", "VJOURNAL") or "organizer" not in component:
            continue
        old = component["organizer"]
        if _address(old).lower() == sender.lower():
            continue
        new = vCalAddress(f"mailto:{sender}")
        new.params.update(getattr(old, "params", {}))
        component["organizer"] = new
        changed = True
    return calendar.to_ical().decode("utf-8") if changed else text


def _utc(value: datetime | date) -> datetime | date:
    if isinstance(value, datetime):
        # a floating time (no zone) is the programme's wall-clock time
        return (value if value.tzinfo else value.replace(tzinfo=AMSTERDAM)).astimezone(UTC)
    return value
