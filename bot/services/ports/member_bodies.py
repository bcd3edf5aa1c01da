"""The port of the per-member-body procedure: the preparatory advice and the bodies' decisions,
reached through the same unit of work as the idea, so a decision, its audit entry and its messages
commit together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, cast

from bot.domain.budget_mandate import SpendRequest
from bot.domain.member_bodies import BodyDecision, PreparatoryAdvice
from bot.services.ports.read_models import IdeaSummary, Page
from bot.services.ports.unit_of_work import UnitOfWork


class MemberBodyRepository(Protocol):
    def add_advice(self, advice: PreparatoryAdvice) -> None: ...
    def advice(self, reference: str) -> PreparatoryAdvice | None: ...
    def lock(self, reference: str) -> None: ...
    def add_decision(self, decision: BodyDecision) -> None: ...
    def decisions(self, reference: str) -> list[BodyDecision]: ...
    def decisions_for(self, references: list[str]) -> dict[str, list[BodyDecision]]: ...
    def task_page(
        self, email: str, statuses: Sequence[str], own_only: Sequence[str], bodies: Sequence[str], with_bodies: str,
        limit: int, after: str | None = None,
    ) -> Page[IdeaSummary]:
        """`IdeaRepository.task_page`, and the proposals in *with_bodies* on which one of *bodies* has not
        decided yet, as one list, oldest first, after *after*."""
        ...

    def request_page(
        self, bodies: Sequence[str], status: str, limit: int, after: str | None = None
    ) -> Page[SpendRequest]:
        """The spend requests in *status* with a preparatory advice on which one of *bodies* has not decided
        yet (what their accounthouder has to record), oldest first, after the request *after*."""
        ...


class MemberBodyUnitOfWork(UnitOfWork, Protocol):
    @property
    def member_bodies(self) -> MemberBodyRepository: ...


def member_body_uow(uow: UnitOfWork) -> MemberBodyUnitOfWork:
    """The unit of work as this procedure sees it (the store's unit of work offers `member_bodies`)."""
    if not hasattr(uow, "member_bodies"):
        raise TypeError(f"{type(uow).__name__} has no member_bodies repository")
    return cast(MemberBodyUnitOfWork, uow)
