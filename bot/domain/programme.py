"""The programme's configuration as the domain sees it: roles, levels, DIN lists, criteria, parts.

Parsed once from the programme TOML (see `bot.bootstrap.settings`); the shipped default is the Regio Deal
Zuid- en Oost-Drenthe II. A second programme is a second file, not new code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.domain.dates import ACCEPTED
from bot.domain.governance import DEFAULT, GovernanceProfile, parse_profile, with_accounthouders


@dataclass(frozen=True)
class RoleSpec:
    key: str
    name: str
    name_en: str
    level: str


@dataclass(frozen=True)
class LevelSpec:
    """A level of governance ("niveau van besturing"): one function per person on it; an
    *exclusive* level's functions go with no function on any other level. *source* is the passage
    of the Programmaplan the level comes from, quoted in refusals."""

    key: str
    name: str
    exclusive: bool = False
    source: str = ""


@dataclass(frozen=True)
class Incompatibility:
    """Roles or levels one person may not combine, with the passage that says so."""

    members: frozenset[str]
    source: str = ""


@dataclass(frozen=True)
class ProgrammeLine:
    """A programmalijn of the DIN with its subdoelen, inspanningen and effecten."""

    name: str
    subdoelen: tuple[str, ...] = ()
    inspanningen: tuple[str, ...] = ()
    effecten: tuple[str, ...] = ()


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    question: str
    rejecting: bool = False


@dataclass(frozen=True)
class Limits:
    title_max: int = 120
    text_max: int = 4000
    name_max: int = 120


@dataclass(frozen=True)
class Programme:
    code: str
    name: str
    reference_prefix: str
    language: str
    mailbox: str
    limits: Limits
    roles: Mapping[str, RoleSpec]
    incompatible: tuple[frozenset[str], ...]
    opgaven: tuple[str, ...]
    hoofddoelen: tuple[str, ...]
    principles: tuple[str, ...]
    programme_lines: Mapping[str, tuple[str, ...]]
    proposal_types: tuple[str, ...]
    proposal_parts: Mapping[str, str]
    criteria: Mapping[str, Criterion]
    raw: Mapping[str, Any] = field(repr=False, default_factory=dict)
    levels: Mapping[str, LevelSpec] = field(default_factory=dict)
    role_conflicts: tuple[Incompatibility, ...] = ()
    level_conflicts: tuple[Incompatibility, ...] = ()
    line_details: Mapping[str, ProgrammeLine] = field(default_factory=dict)
    period: tuple[int, int] | None = None  # the looptijd (§8); see bot.domain.period
    governance: GovernanceProfile = DEFAULT  # `[besturing]`: gremia, steps, who decides how

    def level(self, key: str) -> LevelSpec:
        return self.levels.get(key) or LevelSpec(key, key)

    def role_name(self, key: str, lang: str = "nl") -> str:
        spec = self.roles.get(key)
        if spec is None:
            return key
        return spec.name_en if lang == "en" else spec.name

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Programme:
        prog = data["programma"]
        limits = data.get("limieten", {})
        roles = {
            key: RoleSpec(key, spec["naam"], spec.get("naam_en", spec["naam"]), spec["niveau"])
            for key, spec in data["rollen"].items()
        }
        levels = _levels(data.get("niveaus", {}), roles)
        role_conflicts, level_conflicts = _conflicts(data.get("onverenigbaar", []), roles, levels)
        din = data["din"]
        details = {name: _line(name, spec) for name, spec in din["programmalijnen"].items()}
        criteria = {
            key: Criterion(key, spec["naam"], spec.get("vraag", ""), bool(spec.get("afwijzend", False)))
            for key, spec in data["toetsing"]["criteria"].items()
        }
        return cls(
            code=prog["code"],
            name=prog["naam"],
            reference_prefix=prog["referentie_prefix"],
            language=prog.get("taal", "nl"),
            mailbox=prog["programmabureau"],
            limits=Limits(
                title_max=int(limits.get("titel_max", 120)),
                text_max=int(limits.get("tekst_max", 4000)),
                name_max=int(limits.get("naam_max", 120)),
            ),
            roles=roles,
            incompatible=tuple(c.members for c in role_conflicts),
            opgaven=tuple(din["opgaven"]),
            hoofddoelen=tuple(din.get("hoofddoelen", ())),
            principles=tuple(din["principes"]),
            programme_lines={name: line.subdoelen for name, line in details.items()},
            proposal_types=tuple(data["voorstel"]["typen"]),
            proposal_parts=dict(data["voorstel"]["onderdelen"]),
            criteria=criteria,
            raw=data,
            levels=levels,
            role_conflicts=role_conflicts,
            level_conflicts=level_conflicts,
            line_details=details,
            period=_period(prog.get("looptijd")),
            governance=with_accounthouders(parse_profile(
                data.get("besturing"), {key: spec.level for key, spec in roles.items()}, frozenset(data)
            ), data.get("accounthouders")),
        )


def _levels(raw: Mapping[str, Any], roles: Mapping[str, RoleSpec]) -> dict[str, LevelSpec]:
    """`[niveaus.KEY]`: name, `exclusief`, `bron`; every level a role names gets at least its key."""
    levels = {
        key: LevelSpec(key, str(spec.get("naam", key)), bool(spec.get("exclusief", False)), str(spec.get("bron", "")))
        for key, spec in raw.items()
    }
    for spec in roles.values():
        levels.setdefault(spec.level, LevelSpec(spec.level, spec.level))
    return levels


def _conflicts(
    raw: list[Mapping[str, Any]], roles: Mapping[str, RoleSpec], levels: Mapping[str, LevelSpec]
) -> tuple[tuple[Incompatibility, ...], tuple[Incompatibility, ...]]:
    """`[[onverenigbaar]]` with `rollen = [a, b]` or `niveaus = [a, b]`, and its `bron`."""
    by_role: list[Incompatibility] = []
    by_level: list[Incompatibility] = []
    for entry in raw:
        source = str(entry.get("bron", ""))
        if "rollen" in entry:
            members = frozenset(entry["rollen"])
            unknown = members - roles.keys()
            if unknown:
                raise ValueError(f"onverenigbaar names unknown roles: {sorted(unknown)}")
            by_role.append(Incompatibility(members, source))
        elif "niveaus" in entry:
            members = frozenset(entry["niveaus"])
            unknown = members - levels.keys()
            if unknown:
                raise ValueError(f"onverenigbaar names unknown levels: {sorted(unknown)}")
            by_level.append(Incompatibility(members, source))
        else:
            raise ValueError("onverenigbaar needs rollen or niveaus")
    return tuple(by_role), tuple(by_level)


def _line(name: str, spec: Mapping[str, Any]) -> ProgrammeLine:
    return ProgrammeLine(
        name,
        tuple(spec.get("subdoelen", ())),
        tuple(spec.get("inspanningen", ())),
        tuple(spec.get("effecten", ())),
    )


def _period(value: Any) -> tuple[int, int] | None:
    """`looptijd = [2023, 2027]`: the first and last year of the programme."""
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, int) for v in value):
        raise ValueError("programma.looptijd must be [first year, last year]")
    first, last = value
    if last < first:
        raise ValueError("programma.looptijd ends before it starts")
    if not (ACCEPTED.first.year <= first and last <= ACCEPTED.last.year):
        raise ValueError(f"programma.looptijd {value} lies outside {ACCEPTED.first.year}-{ACCEPTED.last.year}")
    return first, last
