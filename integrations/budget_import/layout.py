"""Recognising the header of a budget table: which column holds what.

A table is recognised by a row naming a project column, a penvoerder column and at least one
tranche column ("1e tranche", "1 ^e tranche €", "Tranche 2"). Other known columns are optional.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from bot.domain.errors import Refused

_TRANCHE = re.compile(r"^(?:(\d{1,2})\s*(?:e|ste|de)?\s*tranche|tranche\s*(\d{1,2}))$")
_PROGRESS = re.compile(r"^voortgang(?:\s+per\s+(.+))?$")
_PROJECT = {"project", "projecten", "projectnaam", "project naam", "naam project", "naam"}
_REFERENCE = {"nr", "nummer", "ref", "referentie", "projectnummer", "projectnr"}
_GROUPS = {
    "pijler": "pijler",
    "programmalijn": "programmalijn",
    "programma lijn": "programmalijn",
    "groep": None,
    "thema": None,
}


def normalise(text: str) -> str:
    """Header text without case, currency signs, superscript marks or punctuation."""
    t = text.casefold().replace("^", " ").replace("€", " ")
    t = re.sub(r"\beur(?:o)?\b", " ", t)
    t = re.sub(r"[():.]", " ", t)
    return " ".join(t.split())


def tranche_label(number: int) -> str:
    return f"{number}e tranche"


def cell_text(cell: str | Decimal | None) -> str:
    if cell is None:
        return ""
    return str(cell).strip()


@dataclass(frozen=True)
class Layout:
    """Column positions of one table; ``names`` holds each column's header as written."""

    project: int
    penvoerder: int
    tranches: tuple[tuple[int, str], ...]  # (column, "1e tranche"), in tranche order
    names: dict[int, str] = field(default_factory=dict)
    group: int | None = None
    grouping: str | None = None
    reference: int | None = None
    cofinancing: int | None = None
    progress: int | None = None
    progress_moment: str | None = None
    remark: int | None = None
    total: int | None = None

    @property
    def width(self) -> int:
        """How many columns were recognised (a better reading recognises more)."""
        optional = (self.group, self.reference, self.cofinancing, self.progress, self.remark, self.total)
        return 2 + len(self.tranches) + sum(1 for c in optional if c is not None)

    def name(self, column: int) -> str:
        return self.names.get(column, str(column + 1))


def detect_layout(cells: Sequence[str | Decimal | None]) -> Layout | None:
    """The layout if *cells* is a header row, else None."""
    roles: dict[str, int] = {}
    tranches: dict[int, tuple[int, str]] = {}
    names: dict[int, str] = {}
    grouping: str | None = None
    moment: str | None = None
    for column, cell in enumerate(cells):
        if not isinstance(cell, str) or not cell.strip():
            continue
        n = normalise(cell)
        names[column] = cell.strip()
        match = _TRANCHE.match(n)
        if match:
            number = int(match.group(1) or match.group(2))
            if number in tranches:
                raise Refused("budget_import.duplicate_column", column=cell.strip())
            tranches[number] = (column, tranche_label(number))
            continue
        progress = _PROGRESS.match(n)
        role = None
        if n in _PROJECT:
            role = "project"
        elif "penvoerder" in n:
            role = "penvoerder"
        elif n in _GROUPS:
            role, grouping = "group", _GROUPS[n]
        elif n in _REFERENCE:
            role = "reference"
        elif n.startswith("cofinanciering"):
            role = "cofinancing"
        elif progress:
            role, moment = "progress", progress.group(1)
        elif n.startswith(("opmerking", "toelichting")):
            role = "remark"
        elif n == "totaal":
            role = "total"
        if role is not None and role not in roles:
            roles[role] = column
    if "project" not in roles or "penvoerder" not in roles or not tranches:
        return None
    return Layout(
        project=roles["project"],
        penvoerder=roles["penvoerder"],
        tranches=tuple(tranches[k] for k in sorted(tranches)),
        names=names,
        group=roles.get("group"),
        grouping=grouping,
        reference=roles.get("reference"),
        cofinancing=roles.get("cofinancing"),
        progress=roles.get("progress"),
        progress_moment=moment,
        remark=roles.get("remark"),
        total=roles.get("total"),
    )
