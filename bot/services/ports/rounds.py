"""The port of the schriftelijke ronde: its rounds and votes, reached through the same unit of work
as ideas and budget, so a vote, the decision it completes, the audit entry and the messages commit
together."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol, cast

from bot.domain.rounds import WrittenRound
from bot.services.ports.read_models import Page
from bot.services.ports.unit_of_work import UnitOfWork


class RoundRepository(Protocol):
    def add(self, round_: WrittenRound) -> None: ...
    def get(self, reference: str, lock: bool = False) -> WrittenRound | None: ...
    def open_for(self, subject_ref: str, lock: bool = False) -> WrittenRound | None: ...
    def save(self, round_: WrittenRound) -> None: ...
    def of_subject(self, subject_ref: str, limit: int) -> list[WrittenRound]: ...
    def page(self, open_only: bool, limit: int, after: str | None = None) -> Page[WrittenRound]: ...
    def due(self, until: date, limit: int) -> list[str]: ...
    def closed_between(self, start: datetime | None, end: datetime) -> list[WrittenRound]: ...


class RoundUnitOfWork(UnitOfWork, Protocol):
    @property
    def rounds(self) -> RoundRepository: ...


def round_uow(uow: UnitOfWork) -> RoundUnitOfWork:
    """The unit of work as the rounds see it (the store's unit of work offers `rounds`)."""
    if not hasattr(uow, "rounds"):
        raise TypeError(f"{type(uow).__name__} has no rounds repository")
    return cast(RoundUnitOfWork, uow)
