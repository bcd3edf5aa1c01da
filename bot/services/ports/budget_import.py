"""What an import of a budget table reports: projects, remarks, totals that do not add up.

The values the reader (`integrations.budget_import`) hands to the budget service, kept apart from
the reader so the service, the chat and the store take these types without the CSV and XLSX
machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from bot.domain.budget import Project

# The columns a budget table must have, for the refusal of an unknown layout.
EXPECTED_COLUMNS = "Project, Penvoerder, 1e tranche, 2e tranche, …"
OPTIONAL_COLUMNS = "Pijler of Programmalijn, Nr, Cofinanciering, Voortgang, Opmerking, Totaal"


@dataclass(frozen=True)
class Location:
    """Where a row is: its line in a CSV file, or its row in an XLSX sheet."""

    line: int
    sheet: str | None = None

    def __str__(self) -> str:
        return f"{self.sheet}!{self.line}" if self.sheet else str(self.line)


@dataclass(frozen=True)
class RejectedRow:
    """A row that cannot be imported; *code* is worded in bot.messages (amount.*, budget_import.*)."""

    where: Location
    code: str
    column: str = ""
    params: dict[str, str] = field(default_factory=dict)

    @property
    def line(self) -> int:
        return self.where.line


@dataclass(frozen=True)
class CellRemark:
    """Text where an amount was expected, kept as a remark on the project."""

    where: Location
    column: str
    text: str
    project: str | None


@dataclass(frozen=True)
class Footnote:
    """A footnote below the table ("* In totaal is 180.000 euro gereserveerd ...")."""

    where: Location
    mark: str
    text: str


@dataclass(frozen=True)
class TotalMismatch:
    """A declared total that differs from the sum of its rows. *declared* None: left empty."""

    where: Location
    label: str
    column: str
    declared: Decimal | None
    computed: Decimal
    scope: str  # "group": the rows since the previous total; "all": every row; "row": one project

    @property
    def difference(self) -> Decimal:
        return (self.declared or Decimal("0.00")) - self.computed


@dataclass(frozen=True)
class ImportWarning:
    """Something worth telling that does not stop the import (an unused footnote, a stray text)."""

    where: Location
    code: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckedTotal:
    """A declared total that was checked, matching or not."""

    where: Location
    label: str
    column: str
    declared: Decimal | None
    computed: Decimal
    scope: str


@dataclass(frozen=True)
class ImportResult:
    """A table that was read completely (rows that could not be read raise instead).

    ``ok`` is False when a declared total differs from its rows: show ``total_mismatches`` and
    store the projects only when the user accepts those differences.
    """

    source: str
    tranches: tuple[str, ...]
    grouping: str | None  # "pijler", "programmalijn" or None when the table names no groups
    projects: tuple[Project, ...]
    remarks: tuple[CellRemark, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    total_mismatches: tuple[TotalMismatch, ...] = ()
    checked_totals: tuple[CheckedTotal, ...] = ()
    warnings: tuple[ImportWarning, ...] = ()
    rejected: tuple[RejectedRow, ...] = ()  # always empty on a returned result: rejections raise

    @property
    def ok(self) -> bool:
        return not self.total_mismatches and not self.rejected
