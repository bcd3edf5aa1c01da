"""The budget: lines, projects, the ledger and the balances derived from it.

Money enters a budget line when the stuurgroep sets the begroting; it is committed by an
*allocation* (a stuurgroep "akkoord", or a spend request the programmadirecteur settles under
the mandate), spent by *realisations* and handed back by *releases*. Balances are never stored:
they are summed from the ledger, so the ledger is the single truth. Every function here is pure
and refuses (``Refused``) instead of letting a line go below zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from bot.domain.errors import Refused
from bot.domain.money import CENT, MAX_AMOUNT, format_euro
from bot.domain.timezone import require_aware

ZERO = Decimal("0.00")


def require_amount(value: Decimal, *, allow_zero: bool = False) -> Decimal:
    """A booked amount: finite, positive (or zero when allowed), at most two decimals."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise Refused("amount.malformed", text=str(value))
    if value < 0 or (value == 0 and not allow_zero):
        raise Refused("amount.not_positive", text=str(value))
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise Refused("amount.too_many_decimals", text=str(value))
    if value >= MAX_AMOUNT:
        raise Refused("amount.too_large", text=str(value))
    return value.quantize(CENT)


class LineKind(StrEnum):
    PROGRAMMALIJN = "programmalijn"
    PIJLER = "pijler"
    VAT = "vat"  # uitvoeringskosten: voorbereiding, administratie, toezicht
    MANDAAT = "mandaat"  # costs the programmadirecteur settles under the mandate
    OVERIG = "overig"


@dataclass(frozen=True)
class BudgetLine:
    """A begrotingsregel: money the stuurgroep set aside for one programmalijn, pijler or purpose."""

    key: str
    name: str
    amount: Decimal
    kind: LineKind = LineKind.PROGRAMMALIJN
    group: str | None = None  # the programmalijn or pijler the line belongs to


@dataclass(frozen=True)
class ProgressEntry:
    """One "Voortgang per maart: ..." text; *moment* is the reporting moment as written."""

    moment: str | None
    text: str


@dataclass(frozen=True)
class Project:
    """A project as the Uitvoeringsprogramma lists it: penvoerder and an amount per tranche."""

    reference: str
    name: str
    group: str | None
    penvoerder: str
    tranches: Mapping[str, Decimal] = field(default_factory=dict)
    cofinanciering: Decimal | None = None
    remarks: tuple[str, ...] = ()
    progress: tuple[ProgressEntry, ...] = ()
    parent: str | None = None  # reference of the project this row is a part of (a split project)
    line_key: str | None = None

    @property
    def total(self) -> Decimal:
        return sum(self.tranches.values(), ZERO)


@dataclass(frozen=True)
class GroupProjects:
    """One report group as the database sums it: its projects (split parents not counted) and, per
    tranche in first-seen order, the amount and the number of projects with an amount in it."""

    group: str
    projects: int
    tranches: Sequence[tuple[str, Decimal, int]]


class LedgerKind(StrEnum):
    ALLOCATION = "allocation"  # committed by a decision (stuurgroep akkoord or mandate)
    REALISATION = "realisation"  # actually spent
    RELEASE = "release"  # committed money handed back to the line


@dataclass(frozen=True)
class LedgerEntry:
    """One booking. *reference* names what it is booked for: a project or a spend request."""

    line_key: str
    kind: LedgerKind
    amount: Decimal
    at: datetime
    reference: str
    tranche: str | None = None
    note: str = ""


@dataclass(frozen=True)
class LineBalance:
    """What a line holds, summed from the ledger."""

    key: str
    budget: Decimal
    allocated: Decimal = ZERO
    released: Decimal = ZERO
    spent: Decimal = ZERO

    @property
    def committed(self) -> Decimal:
        """Allocated and not handed back (spent or still to be spent)."""
        return self.allocated - self.released

    @property
    def available(self) -> Decimal:
        """Room for new allocations."""
        return self.budget - self.committed

    @property
    def unspent(self) -> Decimal:
        """Committed but not yet spent."""
        return self.committed - self.spent


@dataclass(frozen=True)
class Commitment:
    """What was allocated to one project or request, and what of that is spent or released."""

    reference: str
    line_key: str
    allocated: Decimal = ZERO
    released: Decimal = ZERO
    spent: Decimal = ZERO

    @property
    def open(self) -> Decimal:
        return self.allocated - self.released - self.spent


def find_line(lines: Iterable[BudgetLine], key: str) -> BudgetLine:
    for line in lines:
        if line.key == key:
            return line
    raise Refused("budget.line.unknown", line=key)


def _add(balance: LineBalance, entry: LedgerEntry) -> LineBalance:
    if entry.kind is LedgerKind.ALLOCATION:
        return replace(balance, allocated=balance.allocated + entry.amount)
    if entry.kind is LedgerKind.RELEASE:
        return replace(balance, released=balance.released + entry.amount)
    return replace(balance, spent=balance.spent + entry.amount)


def balances(lines: Iterable[BudgetLine], ledger: Iterable[LedgerEntry]) -> dict[str, LineBalance]:
    """Every line's balance in one pass over the ledger. A booking on an unknown line is refused."""
    sums: dict[str, list[Decimal]] = {}
    budgets: dict[str, Decimal] = {}
    for line in lines:
        budgets[line.key] = line.amount
        sums[line.key] = [ZERO, ZERO, ZERO]
    index = {LedgerKind.ALLOCATION: 0, LedgerKind.RELEASE: 1, LedgerKind.REALISATION: 2}
    for entry in ledger:
        bucket = sums.get(entry.line_key)
        if bucket is None:
            raise Refused("budget.line.unknown", line=entry.line_key)
        bucket[index[entry.kind]] += entry.amount
    return {
        key: LineBalance(key, budgets[key], allocated=s[0], released=s[1], spent=s[2])
        for key, s in sums.items()
    }


def line_balance(line: BudgetLine, ledger: Iterable[LedgerEntry]) -> LineBalance:
    """The balance of one line; bookings on other lines are skipped."""
    balance = LineBalance(line.key, line.amount)
    for entry in ledger:
        if entry.line_key == line.key:
            balance = _add(balance, entry)
    return balance


def commitment(reference: str, line_key: str, ledger: Iterable[LedgerEntry]) -> Commitment:
    """What is booked for *reference* on *line_key*."""
    c = Commitment(reference, line_key)
    for entry in ledger:
        if entry.reference != reference or entry.line_key != line_key:
            continue
        if entry.kind is LedgerKind.ALLOCATION:
            c = replace(c, allocated=c.allocated + entry.amount)
        elif entry.kind is LedgerKind.RELEASE:
            c = replace(c, released=c.released + entry.amount)
        else:
            c = replace(c, spent=c.spent + entry.amount)
    return c


def allocate(
    balance: LineBalance,
    amount: Decimal,
    reference: str,
    at: datetime,
    *,
    tranche: str | None = None,
    note: str = "",
) -> LedgerEntry:
    """The allocation a decision creates (a stuurgroep "akkoord", or an approval under mandate)."""
    value = require_amount(amount)
    if value > balance.available:
        raise Refused(
            "budget.line.insufficient",
            line=balance.key,
            amount=format_euro(value),
            available=format_euro(balance.available),
        )
    return LedgerEntry(balance.key, LedgerKind.ALLOCATION, value, require_aware(at), reference, tranche, note)


def allocate_project(
    balance: LineBalance, project: Project, at: datetime, *, note: str = ""
) -> list[LedgerEntry]:
    """The allocations for a project the stuurgroep agreed to: one per tranche, all or none."""
    total = project.total
    if total <= 0:
        raise Refused("amount.not_positive", text=str(total))
    if total > balance.available:
        raise Refused(
            "budget.line.insufficient",
            line=balance.key,
            amount=format_euro(total),
            available=format_euro(balance.available),
        )
    return [
        LedgerEntry(
            balance.key,
            LedgerKind.ALLOCATION,
            require_amount(value),
            require_aware(at),
            project.reference,
            tranche,
            note,
        )
        for tranche, value in project.tranches.items()
    ]


def realise(c: Commitment, amount: Decimal, at: datetime, *, note: str = "") -> LedgerEntry:
    """A realisation: money spent out of what was allocated to a project or request."""
    value = require_amount(amount)
    if value > c.open:
        raise Refused(
            "budget.realisation.exceeds_commitment",
            reference=c.reference,
            amount=format_euro(value),
            open=format_euro(c.open),
        )
    return LedgerEntry(c.line_key, LedgerKind.REALISATION, value, require_aware(at), c.reference, None, note)


def release(c: Commitment, amount: Decimal, at: datetime, *, note: str = "") -> LedgerEntry:
    """Hand back committed money that will not be spent."""
    value = require_amount(amount)
    if value > c.open:
        raise Refused(
            "budget.release.exceeds_commitment",
            reference=c.reference,
            amount=format_euro(value),
            open=format_euro(c.open),
        )
    return LedgerEntry(c.line_key, LedgerKind.RELEASE, value, require_aware(at), c.reference, None, note)


@dataclass(frozen=True)
class LineCap:
    """A ceiling the programme plan itself puts on a line (§6: the VAT at € 900.000,00), with the
    passage; changing it is a change to the programme file, never a command."""

    amount: Decimal
    source: str = ""


def set_line_amount(
    lines: Sequence[BudgetLine],
    key: str,
    amount: Decimal,
    programme_total: Decimal,
    current: Mapping[str, LineBalance],
    cap: LineCap | None = None,
) -> tuple[BudgetLine, ...]:
    """The lines after the stuurgroep sets line *key* to *amount* (the allocation per programmalijn).

    Refused when the line would go above the *cap* the programme file gives it, hold less than is
    already committed on it, or when all lines together would exceed the programme total.
    """
    line = find_line(lines, key)
    value = require_amount(amount, allow_zero=True)
    if cap is not None and value > cap.amount:
        raise Refused(
            "budget.line.over_cap",
            line=key,
            amount=format_euro(value),
            cap=format_euro(cap.amount),
            source=cap.source or "-",
        )
    committed = current[key].committed if key in current else ZERO
    if value < committed:
        raise Refused(
            "budget.line.below_committed",
            line=key,
            amount=format_euro(value),
            committed=format_euro(committed),
        )
    others = sum((other.amount for other in lines if other.key != key), ZERO)
    if others + value > programme_total:
        raise Refused(
            "budget.lines.exceed_total",
            amount=format_euro(others + value),
            total=format_euro(programme_total),
        )
    return tuple(replace(line, amount=value) if other.key == key else other for other in lines)
