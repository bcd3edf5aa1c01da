"""Money: euros and cents as Decimal, and the Dutch notation people type.

Accepted: "12500", "12.500", "€ 12.500", "12.500,00", "12500,5", "EUR 1.000.000", "12.500,-".
Refused, with an example of what is accepted: anything ambiguous ("12,500", "12.50", "50k"),
negative or zero amounts, more than two decimals, and digits other than 0-9 (Python's `\\d`,
`isdigit()` and `Decimal()` also read Arabic-Indic "١٢٥٠٠" and full-width "１２５００").
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from bot.domain.errors import Refused

CENT = Decimal("0.01")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_PREFIX = re.compile(r"^(?:€|eur(?:o)?)", re.IGNORECASE)
_GROUPED = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+$")
_PLAIN = re.compile(r"^[0-9]+$")
MAX_AMOUNT = Decimal("1000000000")


def parse_amount(text: str) -> Decimal:
    """Parse a positive euro amount in Dutch notation into a Decimal with two decimals."""
    raw = text.strip()
    if not raw:
        raise Refused("amount.empty")
    compact = _SPACES.sub("", raw)
    compact = _PREFIX.sub("", compact)
    if compact.startswith("-") or compact.startswith("−"):
        raise Refused("amount.not_positive", text=raw)
    if compact.endswith(",-"):
        compact = compact[:-2]
    whole, sep, fraction = compact.partition(",")
    if sep and ("," in fraction or not _PLAIN.match(fraction)):
        raise Refused("amount.malformed", text=raw)
    if sep and len(fraction) == 3 and "." not in whole:
        raise Refused("amount.ambiguous", text=raw)
    if sep and len(fraction) > 2:
        raise Refused("amount.too_many_decimals", text=raw)
    if not (_PLAIN.match(whole) or _GROUPED.match(whole)):
        raise Refused("amount.malformed", text=raw)
    try:
        value = Decimal(whole.replace(".", "") + ("." + fraction if sep else ""))
    except InvalidOperation as exc:  # pragma: no cover - the patterns above admit only digits
        raise Refused("amount.malformed", text=raw) from exc
    if value <= 0:
        raise Refused("amount.not_positive", text=raw)
    if value >= MAX_AMOUNT:
        raise Refused("amount.too_large", text=raw)
    return value.quantize(CENT)


def cents(value: Decimal) -> Decimal:
    """Round to whole cents (half up), the way amounts are booked."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_euro(value: Decimal) -> str:
    """Dutch notation with a plain space: € 12.500,00 (Babel would use a non-breaking space)."""
    q = cents(value)
    sign = "-" if q < 0 else ""
    whole, _, fraction = f"{abs(q):.2f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{sign}€ {'.'.join(groups)},{fraction}"
