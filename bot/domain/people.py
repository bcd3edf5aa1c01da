"""People and their functions (rollen), with the rule of role purity.

"Op elk niveau van besturing is het niet toegestaan om meerdere functies tegelijkertijd te
vervullen" (§3.1): one function per governance level as the programme file draws the levels,
with the exclusive levels and the incompatible pairs it declares, each with its passage.
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


def language_of(person: Person | None, default: str, chosen: str | None = None) -> str:
    """The language a person reads: their own choice when they made one in the register, else the one
    *chosen* while they were not in it (a guest's `taal en`), else *default* (the programme's).
    Everything that writes to one person asks this."""
    return (person.language if person is not None and person.language else None) or chosen or default


def anonymous(email: str) -> Person:
    """A person who is not in the store: an indiener without any function."""
    return Person(email=clean_email(email), name=email, roles=[], known=False)


def check_role_purity(roles: Iterable[str], programme: Programme) -> list[str]:
    """Return the roles in a stable order, or refuse when they break role purity.

    The levels and incompatibilities are the programme file's (`[niveaus]`, `[[onverenigbaar]]`),
    each with the passage it comes from: one function per level (§3.1), a function on an
    exclusive level (the independent expertteam, §3.4) with no other function at all, and the
    declared pairs of levels or roles never together (stuurgroep and programmateam).
    """
    ordered: list[str] = []
    for role in roles:
        if role not in programme.roles:
            raise Refused("roles.unknown", role=role, known=", ".join(sorted(programme.roles)))
        if role not in ordered:
            ordered.append(role)
    name = programme.role_name
    by_level: dict[str, str] = {}
    for role in ordered:
        level = programme.level(programme.roles[role].level)
        if level.key in by_level:
            first = by_level[level.key]
            raise Refused(
                "roles.purity", first=name(first), second=name(role), level=level.name, source=level.source or "-"
            )
        by_level[level.key] = role
    for role in ordered:
        level = programme.level(programme.roles[role].level)
        others = [r for r in ordered if programme.roles[r].level != level.key]
        if level.exclusive and others:
            raise Refused(
                "roles.exclusive", role=name(role), other=name(others[0]), level=level.name, source=level.source or "-"
            )
    for conflict in programme.level_conflicts:
        held = [by_level[key] for key in sorted(conflict.members) if key in by_level]
        if len(held) == len(conflict.members):
            levels = [programme.level(key).name for key in sorted(conflict.members)]
            raise Refused(
                "roles.incompatible_levels",
                first=name(held[0]),
                second=name(held[1]),
                first_level=levels[0],
                second_level=levels[1],
                source=conflict.source or "-",
            )
    for pair in programme.role_conflicts:
        if pair.members <= set(ordered):
            first, second = sorted(pair.members)
            raise Refused("roles.incompatible", first=name(first), second=name(second), source=pair.source or "-")
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
