"""How ideas, overviews and the decision register read in chat. Same text for every front end."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TypeVar

from bot.domain.assessment import Decision
from bot.domain.budget_mandate import SpendRequest
from bot.domain.governance import CONSENSUS
from bot.domain.ideas import Idea
from bot.domain.lifecycle import EDITABLE, Status
from bot.domain.money import format_euro
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.domain.timezone import to_local
from bot.messages import profiled, render
from bot.reports.decision_register import decision_line
from bot.services.ideas import MyOverview
from bot.services.ports.read_models import DecisionSummary, IdeaSummary, Page

T = TypeVar("T")
LINES_KEPT = 4096  # register lines kept in words: `besluiten` shows the newest decisions over and over


def status_label(status: str, lang: str, procedure: str = CONSENSUS) -> str:
    """A status in a list; *procedure* the profile's ("Bij de colleges" in the VDG, not the stuurgroep agenda)."""
    return render(profiled("status", status, procedure), lang)


def _profiled(kind: str, status: str, programme: Programme) -> str:
    return profiled(kind, status, programme.governance.procedure("voorstel"))


def named_people(idea: Idea, find: Callable[[str], Person | None]) -> dict[str, Person]:
    """The register entries of the idea's submitter, kernteam contact and designers (*find* looks one up)."""
    emails = dict.fromkeys(e for e in (idea.submitter, idea.kernteam_contact, *idea.designers) if e)
    return {email: person for email in emails if (person := find(email)) is not None}


def idea_view(idea: Idea, programme: Programme, lang: str, people: Mapping[str, Person] | None = None) -> str:
    """The idea as `status` shows it; *people* (`named_people`): whose name is shown beside the address
    one can write to ("Kees Kern (k.kern@...)"); anyone else by their address."""
    known = people or {}

    def who(email: str) -> str:
        person = known.get(email)
        return f"{person.name} ({email})" if person is not None and person.name != email else email

    none = render("view.none", lang)
    lines = [
        render("view.header", lang, reference=idea.reference, title=idea.title),
        render("view.status", lang, status=render(_profiled("status", idea.status, programme), lang)),
        render(
            "view.submitted",
            lang,
            submitter=who(idea.submitter),
            date=to_local(idea.submitted_at).strftime("%d-%m-%Y"),
            origin=idea.origin,
        ),
    ]
    if idea.organisation:
        lines.append(render("view.organisation", lang, organisation=idea.organisation))
    if idea.penvoerder:
        lines.append(render("status.penvoerder", lang, penvoerder=idea.penvoerder))
    if idea.kernteam_contact:
        lines.append(render(_profiled("view", "kernteam", programme), lang, kernteam=who(idea.kernteam_contact)))
    if idea.designers:
        lines.append(render("view.designers", lang, designers=", ".join(who(e) for e in idea.designers)))
    if idea.outcome_reason:
        lines.append(render("view.reason", lang, reason=idea.outcome_reason))
    din = idea.din
    lines.append(
        render(
            "view.din",
            lang,
            opgaven="; ".join(din.get("opgaven", [])) or none,
            line=din.get("programmalijn") or none,
            subgoals="; ".join(din.get("subdoelen", [])) or none,
            principles="; ".join(din.get("principes", [])) or none,
        )
    )
    if idea.proposal_type:
        missing = idea.missing_parts(programme)
        total = len(programme.proposal_parts)
        lines.append(
            render(
                "view.proposal" if missing else "view.proposal_complete",
                lang,
                type=idea.proposal_type,
                done=total - len(missing),
                total=total,
                missing=", ".join(missing),
            )
        )
    advice = idea.advices[-1] if idea.advices else None
    if advice is not None and idea.state not in EDITABLE | {Status.GEREED}:
        verdict = "positief" if advice.positive else "negatief"
        if lang == "en":
            verdict = "positive" if advice.positive else "negative"
        lines.append(
            render(
                "view.advice",
                lang,
                verdict=verdict,
                date=to_local(advice.recorded_at).strftime("%d-%m-%Y"),
                advice=advice.development_advice,
            )
        )
    if idea.meeting_date:
        lines.append(render("view.meeting", lang, date=idea.meeting_date.strftime("%d-%m-%Y")))
    for decision in idea.decisions:
        lines.append(decision_line_full(decision, lang))
    if idea.progress:
        last = idea.progress[-1]
        lines.append(
            render("view.progress", lang, date=to_local(last.reported_at).strftime("%d-%m-%Y"), text=last.text)
        )
    step = render(_profiled("next", idea.status, programme), lang, reference=idea.reference)
    lines.append(render("view.next", lang, next=step))
    return "\n".join(lines)


def decision_line_full(decision: Decision, lang: str) -> str:
    return render(
        "view.decision",
        lang,
        number=decision.number,
        date=decision.decided_on.strftime("%d-%m-%Y"),
        outcome=render(f"outcome.{decision.outcome}", lang),
        amount=format_euro(decision.amount) if decision.amount is not None else render("view.none", lang),
        considerations=decision.considerations,
    )


def idea_line(idea: Idea | IdeaSummary, lang: str, procedure: str = CONSENSUS) -> str:
    status = status_label(idea.status, lang, procedure)
    return render("mine.line", lang, reference=idea.reference, status=status, title=idea.title)


def more_line(page: Page[T], next_code: str, lang: str) -> list[str]:
    """"… and 12 more: type 'open after ZOD-2026-0015'" under a page that has a next one."""
    if not page.more or page.after is None:
        return []
    command = render(f"pages.next.{next_code}", lang, after=page.after)
    return [render("pages.more", lang, count=page.more, command=command)]


def idea_page_lines(page: Page[IdeaSummary], next_code: str, lang: str, procedure: str = CONSENSUS) -> list[str]:
    return [*(idea_line(i, lang, procedure) for i in page.items), *more_line(page, next_code, lang)]


def request_line(request: SpendRequest, lang: str, procedure: str = CONSENSUS) -> str:
    """One spend request in a list (`uitgaven`, an accounthouder's `mijn`); *procedure* the profile's for `uitgave`."""
    return render(
        "budget.requests.line", lang, reference=request.reference,
        date=to_local(request.requested_at).strftime("%d-%m-%Y"), amount=format_euro(request.amount),
        kind=request.kind, state=render(profiled("budget.status", request.status.value, procedure), lang),
        purpose=request.purpose, requester=request.requester,
    )


def college_requests_lines(page: Page[SpendRequest], programme: Programme, lang: str) -> list[str]:
    """The spend requests an accounthouder's college has still to decide, under their heading."""
    procedure = programme.governance.procedure("uitgave")
    return [render("mine.requests", lang), *(request_line(r, lang, procedure) for r in page.items),
            *more_line(page, "mine_requests", lang)]


def mine_view(overview: MyOverview, programme: Programme, lang: str) -> str:
    person = overview.person
    lines = [render("mine.header", lang, name=person.name)]
    procedure = programme.governance.procedure("voorstel")
    if overview.involved.items:
        lines += idea_page_lines(overview.involved, "mine", lang, procedure)
    else:
        lines.append(render("mine.none", lang))
    if person.roles:
        roles = ", ".join(programme.role_name(r, lang) for r in person.roles)
        if overview.tasks.items:
            lines.append(render("mine.tasks", lang, roles=roles))
            lines += idea_page_lines(overview.tasks, "tasks", lang, procedure)
        elif not overview.requests.items:
            lines.append(render("mine.no_tasks", lang))
    if overview.requests.items:
        lines += college_requests_lines(overview.requests, programme, lang)
    return "\n".join(lines)


def tasks_view(page: Page[IdeaSummary], lang: str, procedure: str = CONSENSUS) -> str:
    if not page.items:
        return render("mine.no_tasks", lang)
    return "\n".join([render("pages.tasks.header", lang), *idea_page_lines(page, "tasks", lang, procedure)])


def open_view(page: Page[IdeaSummary], lang: str, procedure: str = CONSENSUS) -> str:
    return "\n".join([render("open.header", lang), *idea_page_lines(page, "open", lang, procedure)])


@lru_cache(maxsize=LINES_KEPT)
def _decision_text(decision: DecisionSummary, lang: str) -> str:
    """A decision's line: a summary is frozen (its objections counted in it), so the same one reads the same."""
    return decision_line(decision, lang)


def decisions_view(page: Page[DecisionSummary], lang: str) -> str:
    if not page.items:
        return render("decisions.none", lang)
    lines = [render("decisions.header", lang), *(_decision_text(d, lang) for d in page.items)]
    lines += more_line(page, "decisions", lang)
    return "\n".join(lines)
