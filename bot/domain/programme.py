"""The programme's configuration as the domain sees it: roles, levels, DIN lists, criteria, parts.

Parsed once from the programme TOML (see `bot.bootstrap.settings`); the shipped default is the Regio Deal
Zuid- en Oost-Drenthe II. A second programme is a second file, not new code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.domain.dates import ACCEPTED, DateRange


@dataclass(frozen=True)
class RoleSpec:
    key: str
    name: str
    name_en: str
    level: str


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
    period: DateRange = ACCEPTED  # the looptijd: every date that plans something lies in it
    raw: Mapping[str, Any] = field(repr=False, default_factory=dict)

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
        incompatible = tuple(frozenset(pair["rollen"]) for pair in data.get("onverenigbaar", []))
        for pair in incompatible:
            unknown = pair - roles.keys()
            if unknown:
                raise ValueError(f"onverenigbaar names unknown roles: {sorted(unknown)}")
        din = data["din"]
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
            incompatible=incompatible,
            opgaven=tuple(din["opgaven"]),
            hoofddoelen=tuple(din.get("hoofddoelen", ())),
            principles=tuple(din["principes"]),
            programme_lines={name: tuple(spec.get("subdoelen", ())) for name, spec in din["programmalijnen"].items()},
            proposal_types=tuple(data["voorstel"]["typen"]),
            proposal_parts=dict(data["voorstel"]["onderdelen"]),
            criteria=criteria,
            period=_period(prog.get("looptijd")),
            raw=data,
        )


def _period(looptijd: Any) -> DateRange:
    """`looptijd = [2023, 2027]`: the first and last year of the programme, inside the accepted dates."""
    if looptijd is None:
        return ACCEPTED
    if not (isinstance(looptijd, list) and len(looptijd) == 2 and all(type(y) is int for y in looptijd)):
        raise ValueError(f"programma.looptijd must be [first year, last year], not {looptijd!r}")
    period = DateRange.years(looptijd[0], looptijd[1])
    if not period.within(ACCEPTED):
        raise ValueError(f"programma.looptijd {looptijd} lies outside {ACCEPTED.first.year}-{ACCEPTED.last.year}")
    return period
