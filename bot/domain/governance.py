"""The governance profile of a programme (`[besturing]` in the programme file): its gremia, the
lifecycle steps it has, who prepares and who decides each kind of decision, and by which procedure.

The Regio Deal's stuurgroep decides by consensus in its meeting (§3.1); the Vereniging van Drentse
Gemeenten cannot: "Besluiten over inzet van middelen kunnen alleen door de twaalf individuele
colleges genomen worden" (seed 003, Bijlage 1), so its proposals go to every college in turn. The
profile says which, so a second programme is a second file. A profile that contradicts itself
stops the start (`ProfileError`, with the key whose line the loader looks up in the file).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bot.domain.errors import Refused

CONSENSUS = "consensus-in-meeting"
PER_MEMBER_BODY = "per-member-body"
WRITTEN_ROUND = "written-round"
# The procedures a profile may name. `written-round` is set up in its own section of the programme
# file (`[schriftelijke_ronde]`, read by `bot.programme.rounds`): a profile naming it needs that section.
PROCEDURES: set[str] = {CONSENSUS, PER_MEMBER_BODY, WRITTEN_ROUND}
ROUND_SECTION = "schriftelijke_ronde"

# The lifecycle steps a profile can switch off; the intake, orientation and design always exist.
STEPS = ("orientatie", "uitwerking", "toetsing", "agendering", "besluit", "uitvoering")
DECISION_KINDS = ("voorstel", "uitgave")
ALL_AGREE = "allen"


class ProfileError(Refused):
    """The profile contradicts itself; *path* is the key (as TOML dotted parts) the loader finds
    the line of, *code* and *params* the problem in words."""

    def __init__(self, path: tuple[str, ...], code: str, **params: Any) -> None:
        super().__init__(code, **params)
        self.path = path


@dataclass(frozen=True)
class Body:
    """One member body of a per-member-body decision (a college of B&W) and who records its decision."""

    name: str
    accounthouders: tuple[str, ...] = ()  # e-mail addresses the programme file names


@dataclass(frozen=True)
class Accounthouder:
    """An accounthouder the programme file names: a college's (who records its decision, *body*) or a
    partner's, such as the provincie and the waterschappen ("Iedere gemeente, evenals de provincie en vier
    waterschappen, wijst een accounthouder aan", seed 003 Bijlage 1): they sit in the accounthoudersoverleg
    and record no collegebesluit."""

    email: str
    name: str
    organisation: str
    body: str | None = None


@dataclass(frozen=True)
class Gremium:
    key: str
    name: str
    level: str
    roles: tuple[str, ...] = ()
    bodies: tuple[Body, ...] = ()  # only for a gremium that decides per member body

    def body(self, name: str) -> Body | None:
        wanted = name.strip().casefold()
        return next((b for b in self.bodies if b.name.casefold() == wanted), None)


@dataclass(frozen=True)
class DecisionSpec:
    """Who prepares (an advice, not a decision) and who decides one kind of decision, and how."""

    kind: str
    decided_by: str
    procedure: str
    prepared_by: str | None = None
    recorders: tuple[str, ...] = ()  # roles that record the preparatory advice or the decision
    recorder_role: str | None = None  # per-member-body: the role of each body's accounthouder
    quorum: int | None = None  # per-member-body: how many bodies must agree (None: all)
    settings: Mapping[str, Any] = field(default_factory=dict)  # the procedure's own keys, as written


@dataclass(frozen=True)
class GovernanceProfile:
    steps: tuple[str, ...]
    gremia: Mapping[str, Gremium]
    decisions: Mapping[str, DecisionSpec]
    accounthouders: tuple[Accounthouder, ...] = ()  # everyone the file names as an accounthouder

    @property
    def accounthouder_role(self) -> str | None:
        """The role an accounthouder holds (`accounthouder_rol` of a per-member-body decision)."""
        return next((d.recorder_role for d in self.decisions.values() if d.recorder_role), None)

    def has_step(self, step: str) -> bool:
        return step in self.steps

    def procedure(self, kind: str) -> str:
        spec = self.decisions.get(kind)
        return spec.procedure if spec is not None else CONSENSUS

    def decision(self, kind: str) -> DecisionSpec | None:
        return self.decisions.get(kind)


DEFAULT = GovernanceProfile(
    steps=STEPS,
    gremia={},
    decisions={kind: DecisionSpec(kind, "stuurgroep", CONSENSUS) for kind in DECISION_KINDS},
)


def parse_profile(raw: Any, roles: Mapping[str, str], sections: frozenset[str] = frozenset()) -> GovernanceProfile:
    """`[besturing]` read and checked against the roles (key -> level) and the programme file's other
    *sections*; no section: today's profile (every step, the stuurgroep deciding by consensus in its meeting)."""
    if raw is None:
        return DEFAULT
    if not isinstance(raw, Mapping):
        raise ProfileError(("besturing",), "profile.not_a_table", key="besturing")
    steps = _strings(raw.get("stappen", list(STEPS)), ("besturing", "stappen"))
    for step in steps:
        if step not in STEPS:
            raise ProfileError(("besturing", "stappen"), "profile.unknown_step", step=step, options=", ".join(STEPS))
    gremia = {key: _gremium(key, spec, roles) for key, spec in _table(raw, "gremia", ("besturing",)).items()}
    _one_level_per_role(gremia, roles)
    decisions = {}
    for kind, spec in _table(raw, "besluiten", ("besturing",)).items():
        decisions[kind] = _decision(kind, spec, gremia, roles)
    for kind, spec in decisions.items():
        if spec.procedure == WRITTEN_ROUND and ROUND_SECTION not in sections:
            path = ("besturing", "besluiten", kind, "procedure")
            raise ProfileError(path, "profile.round_without_section", kind=kind)
    proposal = decisions.get("voorstel")
    if proposal is not None and proposal.procedure == CONSENSUS and "toetsing" not in steps:
        # the stuurgroep's akkoord needs the expertteam's advice (Bijlage 4's rejection criterion)
        raise ProfileError(("besturing", "stappen"), "profile.consensus_needs_toetsing")
    return GovernanceProfile(tuple(steps), gremia, decisions)


def _table(raw: Mapping[str, Any], key: str, where: tuple[str, ...]) -> Mapping[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, Mapping):
        raise ProfileError((*where, key), "profile.not_a_table", key=".".join((*where, key)))
    return value


def _strings(value: Any, path: tuple[str, ...]) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(path, "profile.not_a_list", key=".".join(path))
    return list(value)


def _gremium(key: str, spec: Any, roles: Mapping[str, str]) -> Gremium:
    path = ("besturing", "gremia", key)
    if not isinstance(spec, Mapping):
        raise ProfileError(path, "profile.not_a_table", key=".".join(path))
    level = spec.get("niveau")
    if not isinstance(level, str) or not level:
        raise ProfileError(path, "profile.gremium_without_level", gremium=key)
    members = _strings(spec.get("rollen", []), (*path, "rollen"))
    for role in members:
        if role not in roles:
            raise ProfileError((*path, "rollen"), "profile.unknown_role", role=role, gremium=key)
    bodies = []
    for name, body in _table(spec, "leden", path).items():
        body_path = (*path, "leden", name)
        if not isinstance(body, Mapping):
            raise ProfileError(body_path, "profile.not_a_table", key=".".join(body_path))
        emails = _strings(body.get("accounthouders", []), (*body_path, "accounthouders"))
        bodies.append(Body(name, tuple(e.strip().lower() for e in emails)))
    return Gremium(key, str(spec.get("naam", key)), level, tuple(members), tuple(bodies))


def _one_level_per_role(gremia: Mapping[str, Gremium], roles: Mapping[str, str]) -> None:
    """A role sits on one level of governance (§3.1 role purity): its `[rollen]` level, and the
    level of every gremium it is in, are the same."""
    for gremium in gremia.values():
        for role in gremium.roles:
            if roles[role] != gremium.level:
                raise ProfileError(
                    ("besturing", "gremia", gremium.key, "niveau"),
                    "profile.role_on_two_levels",
                    role=role,
                    first=roles[role],
                    second=gremium.level,
                    gremium=gremium.key,
                )


def _decision(kind: str, spec: Any, gremia: Mapping[str, Gremium], roles: Mapping[str, str]) -> DecisionSpec:
    path = ("besturing", "besluiten", kind)
    if not isinstance(spec, Mapping):
        raise ProfileError(path, "profile.not_a_table", key=".".join(path))
    if kind not in DECISION_KINDS:
        raise ProfileError(path, "profile.unknown_decision_kind", kind=kind, options=", ".join(DECISION_KINDS))
    procedure = spec.get("procedure")
    if procedure not in PROCEDURES:
        raise ProfileError(
            (*path, "procedure"), "profile.unknown_procedure",
            procedure=str(procedure), kind=kind, options=", ".join(sorted(PROCEDURES)),
        )
    decided_by = spec.get("besluit")
    if not isinstance(decided_by, str) or decided_by not in gremia:
        raise ProfileError((*path, "besluit"), "profile.unknown_gremium", gremium=str(decided_by), kind=kind)
    prepared_by = spec.get("voorbereiding")
    if prepared_by is not None and prepared_by not in gremia:
        raise ProfileError((*path, "voorbereiding"), "profile.unknown_gremium", gremium=str(prepared_by), kind=kind)
    recorders = _strings(spec.get("vastlegging", []), (*path, "vastlegging"))
    for role in recorders:
        if role not in roles:
            raise ProfileError((*path, "vastlegging"), "profile.unknown_role", role=role, gremium=kind)
    recorder_role, quorum = None, None
    if procedure == PER_MEMBER_BODY:
        recorder_role, quorum = _per_member_body(path, spec, gremia[decided_by], roles)
    return DecisionSpec(kind, decided_by, procedure, prepared_by, tuple(recorders), recorder_role, quorum, spec)


def _per_member_body(
    path: tuple[str, ...], spec: Mapping[str, Any], gremium: Gremium, roles: Mapping[str, str]
) -> tuple[str, int | None]:
    if not gremium.bodies:
        raise ProfileError(("besturing", "gremia", gremium.key), "profile.no_bodies", gremium=gremium.key)
    role = spec.get("accounthouder_rol")
    if role not in roles:
        raise ProfileError((*path, "accounthouder_rol"), "profile.unknown_role", role=str(role), gremium=gremium.key)
    rule = spec.get("regel", ALL_AGREE)
    if rule == ALL_AGREE:
        return str(role), None
    if isinstance(rule, bool) or not isinstance(rule, int) or not 0 < rule <= len(gremium.bodies):
        raise ProfileError((*path, "regel"), "profile.bad_quorum", rule=str(rule), count=len(gremium.bodies))
    return str(role), rule


def with_accounthouders(profile: GovernanceProfile, raw: Any) -> GovernanceProfile:
    """The profile with its accounthouders: each college's (`leden`) and the partners' (`[[accounthouders]]`,
    with organisatie, naam and email); an entry without them, or an address named twice, stops the start."""
    found: list[Accounthouder] = []
    for gremium in profile.gremia.values():
        for body in gremium.bodies:
            found += [Accounthouder(e, f"Accounthouder {body.name}", f"Gemeente {body.name}", body.name)
                      for e in body.accounthouders]
    if raw is not None and not isinstance(raw, list):
        raise ProfileError(("accounthouders",), "profile.not_a_list", key="accounthouders")
    for number, entry in enumerate(raw or [], start=1):
        fields = [entry.get(k) if isinstance(entry, Mapping) else None for k in ("organisatie", "naam", "email")]
        organisation, name, email = fields
        if not all(isinstance(f, str) and f.strip() for f in fields) or "@" not in str(email):
            raise ProfileError(("accounthouders",), "profile.bad_accounthouder", number=number)
        found.append(Accounthouder(str(email).strip().lower(), str(name).strip(), str(organisation).strip()))
    seen: set[str] = set()
    for accounthouder in found:
        if accounthouder.email in seen:
            raise ProfileError(("accounthouders",), "profile.duplicate_accounthouder", email=accounthouder.email)
        seen.add(accounthouder.email)
    if found and profile.accounthouder_role is None:
        raise ProfileError(("accounthouders",), "profile.accounthouders_without_role")
    return replace(profile, accounthouders=tuple(found))


def require_step(profile: GovernanceProfile, step: str, reference: str) -> None:
    """Refuse a lifecycle step the programme does not have (the VDG has no expertteam toetsing)."""
    if not profile.has_step(step):
        raise Refused("governance.no_step", step=step, reference=reference)


def require_procedure(profile: GovernanceProfile, kind: str, procedure: str, reference: str) -> None:
    """Refuse a decision recorded by another procedure than the profile's for *kind*."""
    chosen = profile.procedure(kind)
    if chosen != procedure:
        raise Refused(f"governance.decided_by.{chosen}", reference=reference)
