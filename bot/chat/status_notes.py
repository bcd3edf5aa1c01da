"""The lines other areas add under an idea's (or spend request's) `status`: its escalations, its
written rounds and, where colleges decide, their decisions. One place for them, so the chat's
`status` and `vaart status` (which starts with the store alone, never the chat) say the same."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bot.domain.cycle import Escalation, EscalationStatus
from bot.domain.governance import CONSENSUS
from bot.domain.people import Person
from bot.domain.rounds import WrittenRound
from bot.domain.timezone import to_local
from bot.messages import profiled, render
from bot.messages.dates import format_date
from bot.programme.cycle import EscalationConfig
from bot.services.member_bodies import BodyState, money_params, money_text, tally_counts, tally_text

STATUS_ESCALATIONS = 3  # the newest escalations an idea's status shows


def sees_escalation_reason(person: Person | None, config: EscalationConfig) -> bool:
    """An escalation's reason is for those who handle it (§3.2: the kernteam, the programmadirecteur
    and the facilitators), not for the indiener or anyone else who may see the idea."""
    return person is not None and person.has_role(*config.may_escalate, config.role)


def escalation_notes(escalations: Iterable[Escalation], lang: str, private: bool = False,
                     procedure: str = CONSENSUS) -> list[str]:
    """*private*: the viewer may see that an escalation is open, not why (`sees_escalation_reason`);
    *procedure*: the profile's (the VDG's escalations lie with its gemeentesecretarissen)."""
    lines = []
    for e in escalations:
        day = to_local(e.raised_at).strftime("%d-%m-%Y")
        if e.status is EscalationStatus.OPEN:
            code = profiled("escalation", "status_open_plain" if private else "status_open", procedure)
            lines.append(render(code, lang, reference=e.reference, date=day, reason=e.reason))
        else:
            done = to_local(e.outcome_at).strftime("%d-%m-%Y") if e.outcome_at else "-"
            lines.append(render("escalation.status_done", lang, reference=e.reference, date=day, done=done,
                                outcome=e.outcome or "-"))
    return lines


def round_outcome(r: WrittenRound, lang: str) -> str:
    return render(f"round.outcome.{r.status.value}", lang, decision=r.decision_number or "-")


def round_notes(rounds: Iterable[WrittenRound], lang: str) -> list[str]:
    return [render("round.status.note", lang, reference=r.reference, outcome=round_outcome(r, lang),
                   deadline=r.deadline.strftime("%d-%m-%Y")) for r in rounds]


def body_notes(state: BodyState | None, programme_raw: Mapping[str, Any], lang: str) -> list[str]:
    """The PHO's advice, the tally and each college's decision (the per-member-body procedure)."""
    if state is None:
        return []
    advice = state.advice
    assert advice is not None
    lines = [
        render("bodies.status.advice", lang, date=format_date(advice.recorded_at.date(), lang),
               verdict=render(f"bodies.verdict.{advice.positive}", lang), text=advice.text),
    ]
    if advice.amount is not None:
        lines.append(money_text(money_params(programme_raw, advice.amount), lang))
    counts = tally_counts(state.tally, state.gremium)
    lines.append(render("bodies.status.tally", lang, tally=tally_text(counts, lang), **counts))
    for decision in state.decisions:
        lines.append(render(
            "bodies.status.body", lang, body=decision.body, outcome=render(f"outcome.{decision.outcome}", lang),
            date=format_date(decision.decided_on, lang),
            conditions=render("bodies.status.conditions", lang, conditions=decision.conditions)
            if decision.conditions else "",
            late=render("bodies.late", lang) if decision.late else "",
        ))
    if state.tally.open and state.tally.outcome is None:
        lines.append(render("bodies.status.open", lang, bodies=", ".join(state.tally.open),
                            deadline=format_date(advice.deadline, lang)))
    return lines
