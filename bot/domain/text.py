"""Checks on free text people type: not empty, not oversized, no control or invisible characters.

Every field a person fills passes through `clean_text` before it reaches the domain state.

What is invisible and means nothing is taken out: the byte-order mark (U+FEFF, which editors and
Windows files put in front), the soft hyphen, the zero-width space and the word joiner (they come
with text pasted from Word or a web page). Every line break (CR LF, CR, NEL, and the Unicode line
and paragraph separators U+2028/U+2029, which JavaScript and JSON consumers treat as line ends
too) becomes one LF; a single-line field refuses it. Any other format character (Unicode category
Cf) is refused, not stripped: the bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E/F,
the Arabic letter mark U+061C) change the order in which text is shown, so a title can read
differently from what is stored; zero-width joiners (also inside emoji sequences) and tag
characters hide text. Control characters (Cc) other than the line feed, tabs and lone surrogates
are refused as well.
"""

from __future__ import annotations

import re
import unicodedata

from bot.domain.errors import Refused

_DROPPED = str.maketrans(dict.fromkeys(["\ufeff", "\u00ad", "\u200b", "\u2060"]))
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def clean_text(value: str | None, field: str, max_len: int, *, multiline: bool = True) -> str:
    """Strip *value* and check it; raise Refused naming *field* when it is not acceptable."""
    text = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", value or "").translate(_DROPPED)).strip()
    if not text:
        raise Refused("text.empty", field=field)
    unusual = {unicodedata.category(ch) for ch in text if ch != "\n" and not ch.isprintable()}
    if unusual & {"Cc", "Cs"}:  # tabs and other controls, lone surrogates
        raise Refused("text.control_characters", field=field)
    if "Cf" in unusual:
        raise Refused("text.invisible_characters", field=field)
    if not multiline and "\n" in text:
        raise Refused("text.line_break", field=field)
    if len(text) > max_len:
        raise Refused("text.too_long", field=field, max=max_len, length=len(text))
    return text


def clean_optional(value: str | None, field: str, max_len: int, *, multiline: bool = True) -> str | None:
    if value is None or not value.strip():
        return None
    return clean_text(value, field, max_len, multiline=multiline)


def clean_email(value: str | None) -> str:
    email = (value or "").strip().lower()
    if not email or len(email) > 254 or not _EMAIL.match(email):
        raise Refused("person.bad_email", email=(value or "").strip()[:80])
    return email
