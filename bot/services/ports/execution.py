"""The store's side of the programme cycle: progress reports and their rounds, beschikkingen, the
communicatiekalender. Values and Protocols only (`storage.execution_repo` implements them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol, cast

from bot.domain.execution import Beschikking, ProgressReport, ProjectProgress
from bot.services.ports.read_models import Page
from bot.services.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class RunningProject:
    """A running project: an idea in uitvoering, or a project of an imported table (the 2021
    Uitvoeringsprogramma: no idea behind it); who is asked for its progress (the regisseur and the
    penvoerder's people)."""

    reference: str
    title: str
    regisseur: str | None
    penvoerder: str | None
    contacts: tuple[str, ...]  # the submitter and ontwerpteam members of the penvoerder's organisation
    imported: bool = False  # its contacts: the people of the penvoerder's organisation in the people store


@dataclass(frozen=True)
class Round:
    moment: str
    asked_at: datetime | None
    reminded_at: datetime | None
    told_at: datetime | None


@dataclass(frozen=True)
class CommunicationItem:
    number: int
    send_at: datetime
    channel: str
    audience: str
    text: str
    status: str
    planned_by: str
    sent_at: datetime | None = None
    recipients: int | None = None

    @property
    def reference(self) -> str:
        return f"C-{self.number}"


@dataclass(frozen=True)
class ProjectMoney:
    """One project's money: allocated (net of releases), beschikt and realised."""

    reference: str
    name: str
    line_key: str | None
    allocated: Decimal
    beschikt: Decimal | None
    realised: Decimal


class ExecutionRepository(Protocol):
    # -- progress ----------------------------------------------------------------------------------
    def project_state(self, reference: str) -> tuple[str | None, str | None]: ...  # (budget ref, idea status)
    def running_projects(self, after: str | None, limit: int) -> list[RunningProject]: ...
    def imported_projects(self, after: str | None, limit: int) -> list[RunningProject]: ...
    def imported_project(self, reference: str) -> RunningProject | None: ...
    def beschikt_by_group(self, by: str, no_group: str) -> dict[str, Decimal]: ...  # the budget report's column
    def save_report(self, report: ProgressReport) -> bool: ...  # True when it replaced an earlier one
    def reports(self, moment: str) -> dict[str, ProgressReport]: ...
    def progress_rows(self, moment: str) -> list[ProjectProgress]: ...
    def reported(self, moment: str, references: Sequence[str]) -> set[str]: ...
    def reports_since(self, since: datetime, limit: int) -> tuple[int, list[ProgressReport]]: ...
    def lock_round(self, moment: str) -> Round: ...
    def open_rounds(self) -> list[Round]: ...
    def save_round(self, round_: Round) -> None: ...
    # -- beschikkingen -----------------------------------------------------------------------------
    def get_beschikking(self, reference: str) -> Beschikking | None: ...
    def add_beschikking(self, beschikking: Beschikking) -> None: ...
    def project_money(self, reference: str) -> ProjectMoney | None: ...
    def money_page(self, after: str | None, limit: int) -> Page[ProjectMoney]: ...
    def money_totals(self) -> tuple[Decimal, Decimal, Decimal]: ...  # allocated, beschikt, realised
    # -- communicatiekalender ----------------------------------------------------------------------
    def add_item(self, item: CommunicationItem, planned_at: datetime) -> None: ...
    def get_item(self, number: int, lock: bool = False) -> CommunicationItem | None: ...
    def save_item(self, item: CommunicationItem) -> None: ...
    def item_page(self, after: int | None, limit: int, include_done: bool) -> Page[CommunicationItem]: ...
    def due_items(self, now: datetime, limit: int) -> list[CommunicationItem]: ...
    def submitters(self, after: str | None, limit: int) -> list[str]: ...
    # -- daily digests of status notices -------------------------------------------------------
    def count_notice(self, recipient: str, day: date) -> int: ...
    def add_digest_entry(self, key: str, recipient: str, day: date, subject: str, body: str, at: datetime) -> None: ...
    def pending_digests(self, until: date, limit: int) -> list[tuple[str, date]]: ...
    def take_digest(self, recipient: str, day: date, at: datetime) -> list[tuple[str, str]]: ...


class ExecutionUnitOfWork(UnitOfWork, Protocol):
    @property
    def execution(self) -> ExecutionRepository: ...


def execution_uow(uow: UnitOfWork) -> ExecutionUnitOfWork:
    """The unit of work as the programme's execution sees it (the store's unit of work offers `execution`)."""
    if not hasattr(uow, "execution"):
        raise TypeError(f"{type(uow).__name__} has no execution repository")
    return cast(ExecutionUnitOfWork, uow)
