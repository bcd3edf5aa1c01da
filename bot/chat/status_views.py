"""How `status` reads for the references that are not ideas: a spend request, a stuurgroep
decision, a meeting. Each says what it is, where it stands, what happens next and who acts."""

from __future__ import annotations

from datetime import date, datetime

from bot.domain.budget_mandate import NO_MANDATE, RequestStatus, SpendRequest
from bot.domain.cycle import (
    BEGROTING,
    ROUTED_BODIES,
    ROUTED_STUURGROEP,
    Escalation,
    EscalationStatus,
    Objection,
    ObjectionStatus,
)
from bot.domain.decision_register import RegisterEntry
from bot.domain.governance import CONSENSUS
from bot.domain.ideas import Idea
from bot.domain.meetings import MeetingRecord, MeetingStatus
from bot.domain.money import format_euro
from bot.domain.route import RoutePlan
from bot.domain.timezone import to_local
from bot.messages import has, profiled, render
from bot.messages.dates import format_date


def _day(moment: datetime | None, lang: str) -> str:
    return format_date(to_local(moment).date(), lang) if moment is not None else "-"


def spend_status(request: SpendRequest, lang: str, procedure: str = CONSENSUS) -> str:
    lines = [
        render("status.spend.header", lang, reference=request.reference, purpose=request.purpose),
        render(
            "status.spend.facts",
            lang,
            amount=format_euro(request.amount),
            kind=request.kind,
            line=request.line_key,
            requester=request.requester,
            date=_day(request.requested_at, lang),
        ),
    ]
    if request.idea_ref:
        lines.append(render("status.spend.for_idea", lang, idea=request.idea_ref))
    state = render(profiled("budget.status", request.status.value, procedure), lang)
    lines.append(render("status.spend.state", lang, state=state))
    via = render(f"status.spend.via.{request.decided_via.value}", lang) if request.decided_via else "-"
    lines.append(
        render(
            profiled("status.spend.next", request.status.value, procedure),
            lang,
            reference=request.reference,
            who=request.decided_by or "-",
            date=_day(request.decided_at, lang),
            via=via,
            reason=request.reason or "-",
        )
    )
    if request.status is RequestStatus.TO_STUURGROEP and request.reason:
        lines.append(_referral_reason(request, lang))
    return "\n".join(lines)


def _referral_reason(request: SpendRequest, lang: str) -> str:
    """Why it was referred, as stored; a programme without a mandate stores the one code that says so."""
    if request.reason == NO_MANDATE:
        return render(NO_MANDATE, lang, amount=format_euro(request.amount))
    codes = [code.strip() for code in request.reason.split(",") if code.strip()]
    if not all(has(f"status.spend.reason.{code}") for code in codes):
        return request.reason  # not the mandate's codes: a text as it was stored
    reasons = "; ".join(render(f"status.spend.reason.{code}", lang) for code in codes)
    return render("status.spend.referred_because", lang, reasons=reasons)


def _about(entry: RegisterEntry, idea: Idea | None) -> str:
    if idea is not None:
        return "idea"
    return "budget" if entry.kind == BEGROTING else "spend"


def decision_status(entry: RegisterEntry, idea: Idea | None, lang: str, procedure: str = CONSENSUS) -> str:
    """*procedure*: how the programme decides proposals ([besturing]), for who took the decision."""
    outcome_code = f"outcome.{entry.outcome}"
    amount = render("status.decision.amount", lang, amount=format_euro(entry.amount)) if entry.amount else ""
    lines = [
        render(
            profiled("status.decision", "header", procedure),
            lang,
            number=entry.number,
            date=format_date(entry.decided_on, lang),
            subject=entry.subject,
        ),
        render(f"status.decision.about.{_about(entry, idea)}", lang, reference=entry.reference),
        render("status.decision.outcome", lang, outcome=render(outcome_code, lang), amount=amount),
    ]
    if entry.considerations:
        lines.append(render("status.decision.considerations", lang, considerations=entry.considerations))
    if entry.conditions:
        lines.append(render("status.decision.conditions", lang, conditions="; ".join(entry.conditions)))
    if idea is not None:
        following = render(profiled("next", idea.status, procedure), lang, reference=idea.reference)
    elif entry.kind == BEGROTING:
        following = render("status.decision.next_budget", lang)
    else:
        following = render("status.decision.next_spend", lang, reference=entry.reference)
    lines.append(render("status.decision.next", lang, next=following))
    return "\n".join(lines)


def meeting_status(record: MeetingRecord, plan: RoutePlan | None, items: int | None, today: date, lang: str) -> str:
    """*plan*: the document route when the meeting is a stuurgroep; *items*: its agenda's length
    when it is stored."""
    status = render(f"agenda.status_{record.status}", lang)
    if record.week_only:
        lines = [
            render(
                "status.meeting.header_week",
                lang,
                title=record.title,
                week=record.day.isocalendar().week,
                status=status,
            )
        ]
    else:
        lines = [
            render(
                "status.meeting.header",
                lang,
                title=record.title,
                date=format_date(record.day, lang),
                time=to_local(record.starts_at).strftime("%H:%M"),
                status=status,
            )
        ]
    if record.assumed:
        lines.append(render("status.meeting.assumed", lang))
    if plan is not None:
        try:
            send = plan.step("stukken_naar_stuurgroep").first
        except KeyError:
            send = plan.meeting_date
        lines.append(
            render(
                "status.meeting.route", lang, first=format_date(plan.first_deadline, lang), send=format_date(send, lang)
            )
        )
        if items is not None:
            lines.append(render("status.meeting.items", lang, count=items, day=record.day.strftime("%d-%m-%Y")))
    if record.status == MeetingStatus.CANCELLED.value:
        lines.append(render("status.meeting.next.cancelled", lang))
    elif record.day < today:
        lines.append(render("status.meeting.next.past", lang))
    elif plan is not None and plan.first_deadline >= today:
        lines.append(render("status.meeting.next.open", lang, first=format_date(plan.first_deadline, lang)))
    else:
        lines.append(render("status.meeting.next.planned", lang))
    return "\n".join(lines)


def objection_status(objection: Objection, lang: str) -> str:
    lines = [
        render(
            "status.objection.header",
            lang,
            reference=objection.reference,
            number=objection.decision_number,
            kind=render(f"objection.kind.{objection.kind.value}", lang),
            by=objection.filed_by,
            date=_day(objection.filed_at, lang),
        ),
        objection.text,
        render("status.spend.state", lang, state=render(f"objection.status.{objection.status.value}", lang)),
    ]
    if objection.handling:
        lines.append(render("status.objection.handling", lang, handling=objection.handling))
    if objection.status is ObjectionStatus.AFGEHANDELD:
        lines.append(render("status.objection.next.afgehandeld", lang, date=_day(objection.handled_at, lang),
                            outcome=objection.outcome or "-"))
    else:
        lines.append(render(f"status.objection.next.{objection.status.value}", lang, reference=objection.reference,
                            routed=_routed(objection.routed_to, lang)))
    return "\n".join(lines)


def _routed(routed: str, lang: str) -> str:
    """Where an objection lies, in words: a stuurgroep meeting's date, the stuurgroep (no meeting yet),
    the colleges that decided (per member body), or the province's contact address as it is."""
    if routed in (ROUTED_STUURGROEP, ROUTED_BODIES):
        return render(f"objection.routed.{routed}", lang)
    try:
        day = date.fromisoformat(routed)
    except ValueError:
        return routed or "-"
    return render("objection.routed.meeting", lang, date=format_date(day, lang))


def escalation_status(escalation: Escalation, lang: str, with_reason: bool = True) -> str:
    """*with_reason*: the reason is shown only to those who handle escalations (§3.2)."""
    lines = [
        render(
            "status.escalation.header" if with_reason else "status.escalation.header_plain",
            lang,
            reference=escalation.reference,
            subject=escalation.subject_ref,
            by=escalation.raised_by,
            date=_day(escalation.raised_at, lang),
            reason=escalation.reason,
        )
    ]
    if escalation.status is EscalationStatus.OPEN:
        lines.append(render("status.escalation.next.open", lang, reference=escalation.reference))
    else:
        lines.append(render("status.escalation.next.afgehandeld", lang, date=_day(escalation.outcome_at, lang),
                            outcome=escalation.outcome or "-"))
    return "\n".join(lines)
