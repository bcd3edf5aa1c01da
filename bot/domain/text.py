"""Checks on free text people type: not empty, not oversized, no control characters.

Every field a person fills passes through `clean_text` before it reaches the domain state.
"""

from __future__ import annotations

import re
import unicodedata

from bot.domain.errors import Refused

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def clean_text(value: str | None, field: str, max_len: int, *, multiline: bool = True) -> str:
    """Strip *value* and check it; raise Refused naming *field* when it is not acceptable."""
    text = unicodedata.normalize("NFC", (value or "")).strip()
    if not text:
        raise Refused("text.empty", field=field)
    if _CONTROL.search(text) or (not multiline and ("\n" in text or "\r" in text)) or "\t" in text:
        raise Refused("text.control_characters", field=field)
    if len(text) > max_len:
        raise Refused("text.too_long", field=field, max=max_len, length=len(text))
    return text


def clean_optional(value: str | None, field: str, max_len: int) -> str | None:
    if value is None or not value.strip():
        return None
    return clean_text(value, field, max_len)


def clean_email(value: str | None) -> str:
    email = (value or "").strip().lower()
    if not email or len(email) > 254 or not _EMAIL.match(email):
        raise Refused("person.bad_email", email=(value or "").strip()[:80])
    return email
