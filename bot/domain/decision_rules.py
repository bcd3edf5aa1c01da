"""The rules a stuurgroep decision on a proposal must meet, each in one place, from the Programmaplan.

- Consensus (§3.1 "Besluitvorming vindt plaats op basis van overeenstemming (consensus)"): no
  decision of any outcome is recorded while an objection stands; "no consensus" is recorded as such
  (`Idea.record_no_consensus`) and is not a decision.
- The rejection criterion binds (Bijlage 4, Financiering: "Kan een project/programma/experiment
  gefinancierd worden uit andere financieringsbronnen, zoals EFRO en Interreg (afwijzingscriterium)"):
  an akkoord needs an advice in which every rejection criterion is met.
- Who decides (§3.1, conflicts of interest): only stuurgroep members, none who submitted or designed
  the proposal unless they stepped aside, and at least one left to decide.
- The stuurgroep decides in its meeting (§3.2 "Beslisser: neemt besluiten"; Bijlage 2 the meetings):
  a decision is recorded on or after the date of the meeting it was on the agenda of.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from bot.domain.assessment import Advice, Judgement
from bot.domain.errors import Refused
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.domain.timezone import to_local


def require_consensus(objections: Sequence[str], outcome: str, reference: str) -> None:
    """Refuse a decision of any outcome while objections stand."""
    if objections:
        raise Refused("decision.no_consensus", count=len(objections), outcome=outcome, reference=reference)


def split_present(
    present: Iterable[Person], recusals: Sequence[str], is_conflicted: Callable[[str], bool], reference: str
) -> tuple[list[str], list[str]]:
    """Those present who decide and those who stepped aside (by e-mail, each once): every one of them a
    stuurgroep member, none conflicted unless recused; refused when nobody is present or left to decide."""
    members = list({p.email: p for p in present}.values())
    if not members:
        raise Refused("decision.nobody_present")
    deciding: list[str] = []
    recused: list[str] = []
    for person in members:
        if not person.has_role("stuurgroep"):
            raise Refused("decision.not_stuurgroep", email=person.email)
        if person.email in recusals:
            recused.append(person.email)
        elif is_conflicted(person.email):
            raise Refused("decision.conflict", email=person.email, reference=reference)
        else:
            deciding.append(person.email)
    if not deciding:
        raise Refused("decision.nobody_left")
    return deciding, recused


def require_rejection_criteria_met(advice: Advice | None, programme: Programme, reference: str) -> None:
    """Refuse an akkoord without an advice, or with one in which a rejection criterion is not met."""
    if advice is None:
        raise Refused("decision.no_advice", reference=reference)
    for key, spec in programme.criteria.items():
        judged = advice.criteria.get(key, {}).get("oordeel")
        if spec.rejecting and judged == Judgement.VOLDOET_NIET.value:
            raise Refused("decision.rejection_criterion", criterion=spec.name, reference=reference)


def require_meeting_held(meeting_date: date | None, now: datetime, reference: str) -> date:
    """The day the decision is taken: the agenda's meeting day, refused while it is still ahead."""
    today = to_local(now).date()
    if meeting_date is None:
        return today
    if today < meeting_date:
        raise Refused(
            "decision.before_meeting",
            reference=reference,
            date=meeting_date.strftime("%d-%m-%Y"),
            today=today.strftime("%d-%m-%Y"),
        )
    return meeting_date
