"""The decision register: every stuurgroep decision, on ideas and on spend requests, in date order.
One reading for the chat's `besluiten`, `vaart decisions` and the Woo exports."""

from __future__ import annotations

from bot.domain.decision_register import RegisterEntry, from_idea_decision, register
from bot.services.ports.budget import budget_uow
from bot.services.ports.unit_of_work import UnitOfWork


def decision_register(uow: UnitOfWork) -> list[RegisterEntry]:
    ideas = [from_idea_decision(d, reference) for d, reference in uow.ideas.decision_rows()]
    # a unit of work without a budget (the core's in-memory fake) has no decisions on money
    spending = budget_uow(uow).budget.decisions() if hasattr(uow, "budget") else []
    return register([*ideas, *spending])


def find_decision(uow: UnitOfWork, number: str) -> RegisterEntry | None:
    """The decision numbered *number* (ZOD-B-2026-001), on an idea or a spend request, for `status`."""
    wanted = number.strip().upper()
    return next((entry for entry in decision_register(uow) if entry.number.upper() == wanted), None)
