"""The programme file's investment table and handgeld (`[begroting.investeringen]`,
`[begroting.handgeld]`, the populations in `[gemeenten.inwoners]`) read into typed figures."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from bot.domain.contributions import InvestmentRow, InvestmentTable


class ContributionConfigError(ValueError):
    """The investment table or the handgeld in the programme file is not written as figures."""


def _amount(value: Any, where: str) -> Decimal:
    if not isinstance(value, str):
        raise ContributionConfigError(f'{where}: write amounts as strings such as "20000.00", got {value!r}')
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise ContributionConfigError(f"{where}: {value!r} is not an amount") from exc
    if not amount.is_finite() or amount < 0:
        raise ContributionConfigError(f"{where}: {value!r} must be zero or positive")
    return amount


def handgeld_share(raw: Mapping[str, Any]) -> Decimal:
    """`[begroting.handgeld] aandeel`: the share added to project financing; 0 without one."""
    section = raw.get("begroting", {}).get("handgeld", {})
    share = _amount(section.get("aandeel", "0"), "begroting.handgeld.aandeel")
    if share >= 1:
        raise ContributionConfigError("begroting.handgeld.aandeel must lie below 1")
    return share


def investment_table(raw: Mapping[str, Any]) -> InvestmentTable | None:
    """`[begroting.investeringen]`: `jaren`, a `[[...rijen]]` per activity with `bedragen` in the
    order of `jaren`, and `lopende_begroting` likewise; None when the file has no such table."""
    section = raw.get("begroting", {}).get("investeringen")
    if section is None:
        return None
    years = section.get("jaren", [])
    if not years or not all(isinstance(y, int) for y in years):
        raise ContributionConfigError("begroting.investeringen.jaren must be a list of years")

    def per_year(values: Any, where: str) -> dict[int, Decimal]:
        if not isinstance(values, list) or len(values) != len(years):
            raise ContributionConfigError(f"{where}: one amount per year of jaren ({len(years)})")
        return {year: _amount(v, f"{where}[{i}]") for i, (year, v) in enumerate(zip(years, values, strict=True))}

    rows = tuple(
        InvestmentRow(str(row.get("naam", "")), per_year(row.get("bedragen"), f"begroting.investeringen.rijen.{i}"))
        for i, row in enumerate(section.get("rijen", []))
    )
    running = per_year(section.get("lopende_begroting"), "begroting.investeringen.lopende_begroting")
    populations = {str(k): v for k, v in raw.get("gemeenten", {}).get("inwoners", {}).items()}
    if not populations or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0
                                  for v in populations.values()):
        raise ContributionConfigError("gemeenten.inwoners: a positive whole number per gemeente")
    return InvestmentTable(tuple(years), rows, running, populations)
