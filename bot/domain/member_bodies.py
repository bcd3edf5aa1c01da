"""The `per-member-body` decision procedure: a proposal decided by each member body on its own.

Seed 003 (VDG, Bijlage 1): "Besluiten over inzet van middelen kunnen alleen door de twaalf
individuele colleges genomen worden. Besluitvorming in een portefeuillehoudersoverleg over inzet
van middelen kunnen daarom alleen als voorbereidende besluitvorming gezien worden." So the PHO's
recommendation is recorded as preparatory (`record_preparatory_advice`), the proposal then lies with
every college, each college's decision is recorded by that gemeente's accounthouder
(`record_body_decision`), and the decision is final once the profile's rule is met (`Tally`): all
bodies agree, or the configured quorum; it is rejected once the rule can no longer be met.

Who may record is the procedure's business (here); the proposal's own state, its completeness and
the events it raises are the `Idea`'s (`Idea.place_with_bodies`, `Idea.decide_by_bodies`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from bot.domain.assessment import Decision
from bot.domain.errors import Refused
from bot.domain.governance import PER_MEMBER_BODY, Body, DecisionSpec, Gremium
from bot.domain.ideas import BODY_OUTCOMES, Idea
from bot.domain.lifecycle import Status
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.domain.text import clean_text
from bot.domain.timezone import to_local

OUTCOMES = BODY_OUTCOMES
DEFAULT_TERM_DAYS = 42
WITH_BODIES = Status.GEAGENDEERD  # a proposal with the colleges: after the preparatory advice (`subject_of`)


@dataclass
class PreparatoryAdvice:
    """The preparatory gremium's recommendation (the PHO): not a decision."""

    reference: str
    gremium: str
    positive: bool
    text: str
    amount: Decimal | None
    recorded_by: str
    recorded_at: datetime
    deadline: date  # the colleges are asked to decide by this day; later ones are marked late
    id: int | None = None


@dataclass
class BodyDecision:
    """One member body's decision on a proposal (a collegebesluit)."""

    reference: str
    body: str
    outcome: str
    decided_on: date
    conditions: str
    recorded_by: str
    recorded_at: datetime
    late: bool = False
    id: int | None = None


@dataclass(frozen=True)
class Subject:
    """What the bodies decide on: a proposal (`voorstel`), or a spend request outside the mandate
    (`uitgave`: "Besluiten over inzet van middelen kunnen alleen door de twaalf individuele colleges
    genomen worden", seed 003 Bijlage 1)."""

    reference: str
    status: str
    with_bodies: bool  # the preparatory advice lies with the bodies and no final decision is taken yet
    kind: str = "voorstel"


def subject_of(idea: Idea) -> Subject:
    return Subject(idea.reference, idea.status, idea.state is WITH_BODIES)


@dataclass(frozen=True)
class Tally:
    """Where a per-member-body decision stands: "7 van 12 colleges akkoord, 1 met voorwaarden, 4 open"."""

    total: int
    needed: int
    agreed: tuple[str, ...]
    with_conditions: tuple[str, ...]
    rejected: tuple[str, ...]
    open: tuple[str, ...]
    late: tuple[str, ...]

    @property
    def outcome(self) -> str | None:
        """"akkoord" once enough bodies agree, "afgewezen" once that can no longer happen, else None."""
        if len(self.agreed) >= self.needed:
            return "akkoord"
        if self.total - len(self.rejected) < self.needed:
            return "afgewezen"
        return None


def procedure_spec(programme: Programme, kind: str = "voorstel") -> tuple[DecisionSpec, Gremium]:
    """The decision spec and the deciding gremium, refused when *kind* is not decided per member body."""
    spec = programme.governance.decision(kind)
    if spec is None or spec.procedure != PER_MEMBER_BODY:
        raise Refused("bodies.not_this_procedure", procedure=spec.procedure if spec else "consensus-in-meeting")
    return spec, programme.governance.gremia[spec.decided_by]


def term_days(spec: DecisionSpec) -> int:
    value = spec.settings.get("termijn_dagen", DEFAULT_TERM_DAYS)
    return value if isinstance(value, int) and value > 0 else DEFAULT_TERM_DAYS


def tally(gremium: Gremium, spec: DecisionSpec, decisions: Sequence[BodyDecision]) -> Tally:
    by_body = {d.body: d for d in decisions}
    names = [b.name for b in gremium.bodies]
    agreed = tuple(n for n in names if n in by_body and by_body[n].outcome == "akkoord")
    return Tally(
        total=len(names),
        needed=spec.quorum or len(names),
        agreed=agreed,
        with_conditions=tuple(n for n in agreed if by_body[n].conditions),
        rejected=tuple(n for n in names if n in by_body and by_body[n].outcome == "afgewezen"),
        open=tuple(n for n in names if n not in by_body),
        late=tuple(n for n in names if n in by_body and by_body[n].late),
    )


def record_preparatory_advice(
    idea: Idea,
    programme: Programme,
    actor: Person,
    positive: bool,
    text: str,
    amount: Decimal | None,
    now: datetime,
) -> PreparatoryAdvice:
    """The PHO's recommendation on a complete proposal: the proposal goes to every college."""
    spec, gremium = procedure_spec(programme)
    if not actor.has_role(*spec.recorders):
        raise Refused("idea.wrong_role", action="pho_advice", roles=list(spec.recorders), reference=idea.reference)
    prepared_by, deadline = spec.prepared_by or "", _deadline(spec, now)
    cleaned = idea.place_with_bodies(programme, prepared_by, gremium.key, positive, text, amount, deadline, now)
    return PreparatoryAdvice(
        reference=idea.reference, gremium=prepared_by, positive=positive, text=cleaned, amount=amount,
        recorded_by=actor.email, recorded_at=now, deadline=deadline,
    )


def record_spend_advice(
    subject: Subject,
    programme: Programme,
    actor: Person,
    positive: bool,
    text: str,
    amount: Decimal,
    earlier: PreparatoryAdvice | None,
    now: datetime,
) -> PreparatoryAdvice:
    """The PHO's recommendation on a spend request outside the mandate ("alleen als voorbereidende
    besluitvorming"): the request then lies with every college; one advice per request."""
    spec, _ = procedure_spec(programme, "uitgave")
    if not actor.has_role(*spec.recorders):
        raise Refused("idea.wrong_role", action="pho_advice", roles=list(spec.recorders), reference=subject.reference)
    if earlier is not None:
        raise Refused("bodies.already_advised", reference=subject.reference,
                      date=to_local(earlier.recorded_at).strftime("%d-%m-%Y"))
    if not subject.with_bodies:
        raise Refused("bodies.request_not_referred", reference=subject.reference, status=subject.status)
    return _advice(subject.reference, spec, programme, actor, positive, text, amount, now)


def _advice(
    reference: str,
    spec: DecisionSpec,
    programme: Programme,
    actor: Person,
    positive: bool,
    text: str,
    amount: Decimal | None,
    now: datetime,
) -> PreparatoryAdvice:
    """The advice on a proposal or a spend request alike: the colleges are asked to decide within the term."""
    return PreparatoryAdvice(
        reference=reference,
        gremium=spec.prepared_by or "",
        positive=positive,
        text=clean_text(text, "toelichting", programme.limits.text_max),
        amount=amount,
        recorded_by=actor.email,
        recorded_at=now,
        deadline=_deadline(spec, now),
    )


def _deadline(spec: DecisionSpec, now: datetime) -> date:
    """The colleges are asked to decide within the term from the advice's day."""
    return to_local(now).date() + timedelta(days=term_days(spec))


def _is_accounthouder(actor: Person, body_name: str, emails: Sequence[str], role: str | None) -> bool:
    """Named for the body in the programme file, or holding the accounthouder role with the body's
    gemeente as organisation (`vaart people add --role accounthouder --organisation "Gemeente Emmen"`)."""
    if actor.email in emails:
        return True
    if role is None or not actor.has_role(role) or not actor.organisation:
        return False
    organisation = actor.organisation.strip().casefold()
    name = body_name.casefold()
    return organisation in (name, f"gemeente {name}")


def bodies_recorded_by(actor: Person, programme: Programme, kind: str = "voorstel") -> tuple[str, ...]:
    """The member bodies whose decision on a *kind* *actor* records (their gemeente's college, as its
    accounthouder); none when the programme does not decide a *kind* per member body."""
    spec = programme.governance.decision(kind)
    return tuple(body.name for body in bodies_deciding(programme, kind)
                 if spec is not None and _is_accounthouder(actor, body.name, body.accounthouders, spec.recorder_role))


def bodies_deciding(programme: Programme, kind: str = "voorstel") -> tuple[Body, ...]:
    """The member bodies that each decide a *kind* (the twelve colleges); none where a meeting decides it."""
    spec = programme.governance.decision(kind)
    if spec is None or spec.procedure != PER_MEMBER_BODY:
        return ()
    return tuple(programme.governance.gremia[spec.decided_by].bodies)


def record_body_decision(
    idea: Idea | Subject,
    programme: Programme,
    actor: Person,
    body_name: str,
    outcome: str,
    conditions: str,
    decided_on: date | None,
    advice: PreparatoryAdvice | None,
    existing: Sequence[BodyDecision],
    now: datetime,
) -> BodyDecision | None:
    """One college's decision; None when exactly this decision is already on record (nothing changes)."""
    subject = subject_of(idea) if isinstance(idea, Idea) else idea
    spec, gremium = procedure_spec(programme, subject.kind)
    body = gremium.body(body_name)
    if body is None:
        raise Refused("bodies.unknown_body", body=body_name[:60], options=", ".join(b.name for b in gremium.bodies))
    if not _is_accounthouder(actor, body.name, body.accounthouders, spec.recorder_role):
        raise Refused("bodies.not_accounthouder", body=body.name, reference=subject.reference)
    if outcome not in OUTCOMES:
        raise Refused("bodies.unknown_outcome", outcome=outcome[:30], options=", ".join(OUTCOMES))
    text = clean_text(conditions, "voorwaarden", programme.limits.text_max) if conditions.strip() else ""
    earlier = next((d for d in existing if d.body == body.name), None)
    if earlier is not None:
        if earlier.outcome == outcome and earlier.conditions == text:
            return None
        raise Refused(
            "bodies.already_decided", body=body.name, reference=subject.reference,
            outcome=earlier.outcome, date=earlier.decided_on.strftime("%d-%m-%Y"),
        )
    if not subject.with_bodies or advice is None:
        raise Refused("bodies.not_with_bodies", reference=subject.reference, status=subject.status)
    today = to_local(now).date()
    day = decided_on or today
    if day > today:
        raise Refused("bodies.decided_in_future", date=day.strftime("%d-%m-%Y"))
    if day < to_local(advice.recorded_at).date():
        raise Refused("bodies.before_advice", date=day.strftime("%d-%m-%Y"), reference=subject.reference)
    return BodyDecision(subject.reference, body.name, outcome, day, text, actor.email, now, day > advice.deadline)


def conclude(
    idea: Idea,
    programme: Programme,
    actor: Person,
    advice: PreparatoryAdvice,
    decisions: Sequence[BodyDecision],
    number: str,
    considerations: str,
    now: datetime,
) -> Decision | None:
    """The final decision once the rule is met: into the idea's decisions (and so the register)."""
    spec, gremium = procedure_spec(programme)
    counted = tally(gremium, spec, decisions)
    outcome = counted.outcome
    if outcome is None:
        return None
    deciding = [d for d in decisions if d.outcome == outcome]
    return idea.decide_by_bodies(
        actor, outcome, number, max(d.decided_on for d in deciding),
        [f"{d.body}: {d.conditions}" for d in decisions if d.outcome == "akkoord" and d.conditions],
        considerations, now,
    )
