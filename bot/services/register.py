"""The decision register: every stuurgroep decision, on ideas and on spend requests, in date order.
One reading for the chat's `besluiten`, `vaart decisions` and the Woo exports."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.cycle import BEGROTING, BudgetResolution
from bot.domain.decision_register import RegisterEntry, from_idea_decision, register
from bot.services.ports.budget import budget_uow
from bot.services.ports.cycle import cycle_uow
from bot.services.ports.read_models import DecisionSummary, Page
from bot.services.ports.unit_of_work import UnitOfWork


def decision_register(uow: UnitOfWork) -> list[RegisterEntry]:
    ideas = [from_idea_decision(d, reference) for d, reference in uow.ideas.decision_rows()]
    # a unit of work without a budget (the core's in-memory fake) has no decisions on money
    spending = budget_uow(uow).budget.decisions() if hasattr(uow, "budget") else []
    return with_objections(uow, register([*ideas, *spending, *budget_entries(uow)]))


def from_resolution(resolution: BudgetResolution) -> RegisterEntry:
    """A stuurgroep decision on the begroting as a register row: kind begroting, its text the subject."""
    return RegisterEntry(number=resolution.number, decided_on=resolution.decided_on, kind=BEGROTING,
                         reference=resolution.kind, subject=resolution.text[:300], outcome="akkoord", amount=None,
                         considerations=resolution.text, recorded_by=resolution.recorded_by,
                         recorded_at=resolution.recorded_at)


def budget_entries(uow: UnitOfWork, number: str | None = None) -> list[RegisterEntry]:
    """The budget decisions of the register (a unit of work without the cycle has none)."""
    if not hasattr(uow, "cycle"):
        return []
    return [from_resolution(r) for r in cycle_uow(uow).cycle.budget_resolutions(number)]


def with_objections(uow: UnitOfWork, entries: list[RegisterEntry]) -> list[RegisterEntry]:
    """The entries with the number of objections filed against each (§3.1: the register shows them)."""
    if not hasattr(uow, "cycle") or not entries:
        return entries
    counts = cycle_uow(uow).cycle.objections_against(e.number for e in entries)
    return [replace(e, under_objection=counts.get(e.number, 0)) if e.number in counts else e for e in entries]


def page_with_objections(uow: UnitOfWork, page: Page[DecisionSummary]) -> Page[DecisionSummary]:
    """One page of the chat's register with its objections: one indexed query for the page's numbers."""
    if not hasattr(uow, "cycle") or not page.items:
        return page
    counts = cycle_uow(uow).cycle.objections_against(d.number for d in page.items)
    if not counts:  # the usual page: nothing under objection, the summaries stand as read
        return page
    items = [replace(d, under_objection=counts[d.number]) if d.number in counts else d for d in page.items]
    return Page(items, page.more, page.after)


def find_decision(uow: UnitOfWork, number: str) -> RegisterEntry | None:
    """The decision numbered *number* (ZOD-B-2026-001), on an idea or a spend request, for `status`."""
    wanted = number.strip().upper()[:40]
    ideas = [from_idea_decision(d, reference) for d, reference in uow.ideas.decision_rows(wanted)]
    spending = budget_uow(uow).budget.decisions(wanted) if hasattr(uow, "budget") else []
    # one row at most: the numbers are unique
    found = with_objections(uow, [*ideas, *spending, *budget_entries(uow, wanted)])
    return found[0] if found else None
