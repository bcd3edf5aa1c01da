"""The cycle part of a programme file (`[bezwaar]`, `[escalatie]`) as dataclasses, checked at start-up
so a wrong term or a missing contact stops the bot instead of surfacing on the first objection."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.domain.cycle import Facilitator


class CycleConfigError(ValueError):
    """The programme file's `[bezwaar]` or `[escalatie]` does not parse (for the operator)."""


@dataclass(frozen=True)
class ObjectionConfig:
    term_days: int
    province: str
    province_contact: str | None  # None: process objections are refused until it is set
    handlers: tuple[str, ...]


@dataclass(frozen=True)
class EscalationConfig:
    may_escalate: tuple[str, ...]
    role: str
    facilitators: tuple[Facilitator, ...]


@dataclass(frozen=True)
class CycleConfig:
    objections: ObjectionConfig
    escalation: EscalationConfig


def _text(spec: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = spec.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise CycleConfigError(f"[{where}] {key}: a text is needed")
    return value.strip()


def _roles(spec: Mapping[str, Any], key: str, where: str, default: list[str], known: set[str]) -> tuple[str, ...]:
    value = spec.get(key, default)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CycleConfigError(f"[{where}] {key}: a list of roles is needed")
    unknown = [v for v in value if v not in known]
    if unknown:
        raise CycleConfigError(f"[{where}] {key}: unknown roles {', '.join(unknown)}")
    return tuple(value)


def parse_cycle_config(raw: Mapping[str, Any], roles: set[str]) -> CycleConfig:
    """`[bezwaar]` and `[escalatie]`; a programme without them gets the Programmaplan's defaults."""
    objection = raw.get("bezwaar", {})
    term = objection.get("termijn_dagen", 42)
    if not isinstance(term, int) or isinstance(term, bool) or not 1 <= term <= 365:
        raise CycleConfigError("[bezwaar] termijn_dagen: a whole number of days between 1 and 365")
    contact = objection.get("provincie_contact")
    if contact is not None and (not isinstance(contact, str) or "@" not in contact):
        raise CycleConfigError("[bezwaar] provincie_contact: an e-mail address is needed")
    escalation = raw.get("escalatie", {})
    role = _text(escalation, "rol", "escalatie", "ambtelijk_facilitator")
    if role not in roles:
        raise CycleConfigError(f"[escalatie] rol: unknown role {role}")
    people = []
    for entry in escalation.get("facilitatoren", []):
        email = _text(entry, "email", "escalatie.facilitatoren").lower()
        if "@" not in email:
            raise CycleConfigError("[escalatie.facilitatoren] email: an e-mail address is needed")
        people.append(Facilitator(_text(entry, "naam", "escalatie.facilitatoren"), email,
                                  str(entry.get("organisatie", "")).strip()))
    return CycleConfig(
        ObjectionConfig(term, _text(objection, "provincie", "bezwaar", "Provincie Drenthe"),
                        contact.strip().lower() if contact else None,
                        _roles(objection, "behandelaars", "bezwaar", ["staf"], roles)),
        EscalationConfig(_roles(escalation, "mag_escaleren", "escalatie", ["kernteam", "programmadirecteur"], roles),
                         role, tuple(people)),
    )
