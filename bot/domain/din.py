"""Links of a proposal to the Doelen-Inspanningen-Netwerk (§4.5, Bijlage 1): opgaven, one
programmalijn, its subdoelen, and the leidende principes. Pure: the programme gives the options."""

from __future__ import annotations

from typing import Any

from bot.domain.dates import ascii_number
from bot.domain.errors import Refused
from bot.domain.programme import Programme

DIN_KINDS = ("opgave", "programmalijn", "subdoel", "principe")


def empty_din() -> dict[str, Any]:
    return {"opgaven": [], "programmalijn": None, "subdoelen": [], "principes": []}


def link(current: dict[str, Any], programme: Programme, kind: str, value: str) -> tuple[dict[str, Any], str]:
    """The links after adding *value* of *kind*, and the canonical name it resolved to."""
    din = {**empty_din(), **current}
    if kind == "opgave":
        name = match_option(value, programme.opgaven, "opgave")
        din["opgaven"] = list(dict.fromkeys([*din["opgaven"], name]))
    elif kind == "programmalijn":
        name = match_option(value, tuple(programme.programme_lines), "programmalijn")
        din["programmalijn"] = name
        din["subdoelen"] = [s for s in din["subdoelen"] if s in programme.programme_lines[name]]
    elif kind == "subdoel":
        line = din.get("programmalijn")
        if not line:
            raise Refused("din.subdoel_needs_line")
        name = match_option(value, programme.programme_lines[line], "subdoel")
        din["subdoelen"] = list(dict.fromkeys([*din["subdoelen"], name]))
    elif kind == "principe":
        name = match_option(value, programme.principles, "principe")
        din["principes"] = list(dict.fromkeys([*din["principes"], name]))
    else:
        raise Refused("din.unknown_kind", kind=kind, options=", ".join(DIN_KINDS))
    return din, name


def match_option(value: str, options: tuple[str, ...], kind: str) -> str:
    """Resolve what a person typed to one of *options*: a number, the exact name, or a unique prefix."""
    text = value.strip()
    if ascii_number(text) and 1 <= int(text) <= len(options):
        return options[int(text) - 1]
    lowered = text.lower()
    exact = [o for o in options if o.lower() == lowered]
    if exact:
        return exact[0]
    partial = [o for o in options if lowered and lowered in o.lower()]
    if len(partial) == 1:
        return partial[0]
    raise Refused("din.unknown_value", kind=kind, value=text, options="; ".join(options) or "-")
