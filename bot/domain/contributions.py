"""Money rules of a programme paid by its members per inwoner (seed 003, VDG §6.1).

- The investment table: costs per activity and year, what the running budget carries, and the
  "Resterend te financieren" line, which the gemeenten pay as an "Incidentele bijdrage per inwoner";
  the table's per-inwoner figures are the remaining amount over all inwoners, cut to whole cents
  (€ 52.500 over 500.000 inwoners is € 0,105, and the table says € 0,10).
- Handgeld: "Dit handgeld wordt verkregen door projectfinancieringen op te plussen met 5%".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from bot.domain.cofinancing import split_by_population

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def handgeld(financing: Decimal, share: Decimal) -> Decimal:
    """The handgeld on top of a project's financing: *share* of it, in whole cents (half up)."""
    if financing < 0:
        raise ValueError("project financing cannot be negative")
    return (financing * share).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class InvestmentRow:
    name: str
    amounts: Mapping[int, Decimal]  # year -> euros (a year without an amount is zero)


@dataclass(frozen=True)
class InvestmentTable:
    """Tabel 1 "Investeringskosten": rows per activity, the running budget's share per year."""

    years: tuple[int, ...]
    rows: tuple[InvestmentRow, ...]
    from_running_budget: Mapping[int, Decimal]
    populations: Mapping[str, int]

    def total(self, year: int) -> Decimal:
        """"Totale kosten Samenwerkingsagenda" of *year*."""
        return sum((row.amounts.get(year, ZERO) for row in self.rows), ZERO)

    def remaining(self, year: int) -> Decimal:
        """"Resterend te financieren": the total less what the running budget carries."""
        return self.total(year) - self.from_running_budget.get(year, ZERO)

    @property
    def inwoners(self) -> int:
        return sum(self.populations.values())

    def per_inwoner(self, year: int) -> Decimal:
        """"Incidentele bijdrage per inwoner": the remaining amount over every inwoner, cut to cents."""
        return (self.remaining(year) / self.inwoners).quantize(CENT, rounding=ROUND_DOWN)

    def contributions(self, year: int) -> dict[str, Decimal]:
        """What each gemeente pays in *year*: the remaining amount split by inwoners, exactly."""
        remaining = self.remaining(year)
        if remaining == 0:
            return dict.fromkeys(self.populations, ZERO)
        return split_by_population(remaining, self.populations)

    def grand_total(self) -> Decimal:
        return sum((self.total(y) for y in self.years), ZERO)
