"""People and their functions (rollen), with the rule of role purity.

"Op elk niveau van besturing is het niet toegestaan om meerdere functies tegelijkertijd te
vervullen": one function per governance level, plus the pairs the programme declares
incompatible across levels (the expertteam is independent of those it advises).
Anyone not in the people store is an *indiener*: they may submit ideas and follow their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.domain.errors import Refused
from bot.domain.programme import Programme
from bot.domain.text import clean_email, clean_optional, clean_text


@dataclass
class Person:
    email: str
    name: str
    organisation: str | None = None
    roles: list[str] = field(default_factory=list)
    language: str | None = None
    known: bool = True

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def is_chair(self) -> bool:
        return "expertteam_voorzitter" in self.roles


def language_of(person: Person | None, default: str) -> str:
    """The language a person reads: their own choice when they made one, else *default* (the
    programme's). Everything that writes to one person asks this."""
    return (person.language if person is not None and person.language else None) or default


def anonymous(email: str) -> Person:
    """A person who is not in the store: an indiener without any function."""
    return Person(email=clean_email(email), name=email, roles=[], known=False)


def check_role_purity(roles: Iterable[str], programme: Programme) -> list[str]:
    """Return the roles in a stable order, or refuse when they break role purity."""
    ordered: list[str] = []
    for role in roles:
        if role not in programme.roles:
            raise Refused("roles.unknown", role=role, known=", ".join(sorted(programme.roles)))
        if role not in ordered:
            ordered.append(role)
    by_level: dict[str, str] = {}
    for role in ordered:
        level = programme.roles[role].level
        if level in by_level:
            raise Refused("roles.purity", first=by_level[level], second=role, level=level)
        by_level[level] = role
    for pair in programme.incompatible:
        if pair <= set(ordered):
            first, second = sorted(pair)
            raise Refused("roles.incompatible", first=first, second=second)
    return ordered


def new_person(
    programme: Programme,
    email: str,
    name: str,
    roles: Iterable[str],
    organisation: str | None = None,
    language: str | None = None,
) -> Person:
    limits = programme.limits
    if language not in (None, "nl", "en"):
        raise Refused("person.bad_language", language=language)
    return Person(
        email=clean_email(email),
        name=clean_text(name, "naam", limits.name_max, multiline=False),
        organisation=clean_optional(organisation, "organisatie", limits.name_max, multiline=False),
        roles=check_role_purity(roles, programme),
        language=language,
    )
