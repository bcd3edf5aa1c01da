"""Every reference the bot hands out answers `status`: a registry of reference kinds, each a
pattern and a lookup. The core registers ideas and decisions; each area's extension registers its
own (spend requests, meetings; objections and escalations when that area exists) through
`ChatBot.references.add` inside its command provider, so no front end and no `status` handler
needs to know the kinds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.chat.session import ChatSession
from bot.domain.errors import Refused

Lookup = Callable[[ChatSession, str], str]


def idea_pattern(prefix: str) -> str:
    """An idea's reference (ZOD-2026-0007): the core's kind, and what `vaart status` answers without
    the whole application."""
    return rf"{re.escape(prefix)}-\d{{4}}-\d{{1,6}}"


@dataclass(frozen=True)
class ReferenceKind:
    """One kind of reference: *pattern* recognises it (whole, case-insensitive); *lookup* answers
    `status` for it in the session's language (what it is, where it stands, what happens next and
    who acts) or raises `Refused`; *example* shows the shape in the refusal for an unknown one."""

    name: str
    pattern: re.Pattern[str]
    lookup: Lookup
    example: str


class ReferenceKinds:
    """The reference kinds `status` knows, in the order they were added; a kind added again under the
    same name replaces the earlier one (an area refining the core's)."""

    def __init__(self) -> None:
        self._kinds: list[ReferenceKind] = []

    def add(self, name: str, pattern: str, lookup: Lookup, example: str) -> None:
        kind = ReferenceKind(name, re.compile(pattern, re.IGNORECASE), lookup, example)
        self._kinds = [k for k in self._kinds if k.name != name] + [kind]

    def names(self) -> list[str]:
        return [k.name for k in self._kinds]

    def find(self, reference: str) -> ReferenceKind | None:
        for kind in self._kinds:
            if kind.pattern.fullmatch(reference):
                return kind
        return None

    def answer(self, session: ChatSession, reference: str) -> str:
        """The status of *reference*; a reference of no known shape is refused with the shapes."""
        kind = self.find(reference)
        if kind is None:
            examples = ", ".join(k.example for k in self._kinds)
            raise Refused("status.unknown_reference", reference=reference[:40], examples=examples)
        return kind.lookup(session, reference.upper() if "@" not in reference else reference.lower())
