"""The budget part of a programme file (`[begroting]`, `[mandaat]`, `[gemeenten]`) as dataclasses.

The programme TOML is read with `tomllib` elsewhere; this module turns the raw dict into the
budget's dataclasses and checks it adds up (lines within the total, VAT within its cap), so a
wrong figure stops the bot at start-up instead of surfacing in a stuurgroep report.
Amounts in the file are plain decimal strings ("900000.00"): machine notation, not Dutch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from bot.domain.budget import ZERO, BudgetLine, LineCap, LineKind
from bot.domain.budget_costs import (
    ExecutionCostPolicy,
    YearPlan,
    check_execution_costs,
    check_plan,
    execution_cost_cap,
)
from bot.domain.budget_mandate import MandatePolicy
from bot.domain.errors import Refused
from bot.domain.money import CENT

NO_MANDATE = "geen"  # `[mandaat] limiet = "geen"`: the programme gives no one a spending mandate


class BudgetConfigError(ValueError):
    """The programme file's budget does not parse or does not add up (for the operator)."""


@dataclass(frozen=True)
class CofinancingConfig:
    province: str | None  # None: no [begroting.cofinanciering], the municipalities pay it all by population
    province_share: Decimal
    populations: Mapping[str, int]
    reference_year: int | None = None
    source: str = ""


@dataclass(frozen=True)
class BudgetConfig:
    total: Decimal | None
    grouping: str  # "programmalijn" or "pijler"
    tranches: tuple[str, ...]
    lines: tuple[BudgetLine, ...]
    execution_costs: ExecutionCostPolicy | None
    mandate: MandatePolicy
    mandate_line: str | None
    cofinancing: CofinancingConfig | None = None
    line_index: Mapping[str, BudgetLine] = field(default_factory=dict)
    caps: Mapping[str, LineCap] = field(default_factory=dict)

    def line(self, key: str) -> BudgetLine:
        found = self.line_index.get(key)
        if found is None:
            raise Refused("budget.line.unknown", line=key)
        return found


def _amount(value: Any, where: str, *, allow_zero: bool = True) -> Decimal:
    if not isinstance(value, str):
        raise BudgetConfigError(f'{where}: write amounts as strings such as "50000.00", got {value!r}')
    try:
        amount = Decimal(value.strip())
    except InvalidOperation as exc:
        raise BudgetConfigError(f'{where}: {value!r} is not an amount such as "50000.00"') from exc
    if not amount.is_finite() or amount < 0 or (amount == 0 and not allow_zero):
        raise BudgetConfigError(f"{where}: {value!r} must be {'zero or ' if allow_zero else ''}positive")
    if amount != amount.quantize(CENT):
        raise BudgetConfigError(f"{where}: {value!r} has more than two decimals")
    return amount.quantize(CENT)


def _fraction(value: Any, where: str) -> Decimal:
    if not isinstance(value, str):
        raise BudgetConfigError(f'{where}: write the share as a string such as "0.03", got {value!r}')
    try:
        share = Decimal(value.strip())
    except InvalidOperation as exc:
        raise BudgetConfigError(f'{where}: {value!r} is not a share such as "0.03"') from exc
    if not share.is_finite() or not Decimal(0) < share < Decimal(1):
        raise BudgetConfigError(f"{where}: {value!r} must lie between 0 and 1")
    return share


def _table(raw: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, Mapping):
        raise BudgetConfigError(f"{where}.{key} must be a table")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BudgetConfigError(f"{where} must be a list of strings")
    return tuple(value)


def parse_mandate(raw: Mapping[str, Any]) -> MandatePolicy:
    """`[mandaat]`: limiet (an amount, or "geen": no mandate, every request goes to a decision),
    soorten, uitgesloten, opknip_venster_dagen."""
    section = _table(raw, "mandaat", "")
    typed = section.get("limiet", "50000.00")
    limit = ZERO if typed == NO_MANDATE else _amount(typed, "mandaat.limiet", allow_zero=False)
    kinds = frozenset(_strings(section.get("soorten", []), "mandaat.soorten"))
    excluded = frozenset(_strings(section.get("uitgesloten", []), "mandaat.uitgesloten"))
    if kinds & excluded:
        raise BudgetConfigError(f"mandaat: {sorted(kinds & excluded)} both allowed and excluded")
    days = section.get("opknip_venster_dagen", 90)
    if isinstance(days, bool) or not isinstance(days, int) or days <= 0:
        raise BudgetConfigError("mandaat.opknip_venster_dagen must be a positive number of days")
    return MandatePolicy(limit=limit, kinds=kinds, excluded=excluded, window=timedelta(days=days))


def _parse_lines(section: Mapping[str, Any]) -> tuple[BudgetLine, ...]:
    lines = []
    for key, spec in _table(section, "regels", "begroting").items():
        where = f"begroting.regels.{key}"
        if not isinstance(spec, Mapping):
            raise BudgetConfigError(f"{where} must be a table")
        try:
            kind = LineKind(spec.get("soort", LineKind.PROGRAMMALIJN.value))
        except ValueError as exc:
            raise BudgetConfigError(f"{where}.soort: one of {[k.value for k in LineKind]}") from exc
        group = spec.get("programmalijn", spec.get("pijler"))
        if group is not None and not isinstance(group, str):
            raise BudgetConfigError(f"{where}: programmalijn/pijler must be a string")
        lines.append(
            BudgetLine(
                key=key,
                name=str(spec.get("naam", key)),
                amount=_amount(spec.get("bedrag", "0.00"), f"{where}.bedrag"),
                kind=kind,
                group=group,
            )
        )
    return tuple(lines)


def _parse_vat(section: Mapping[str, Any]) -> ExecutionCostPolicy | None:
    vat = _table(section, "vat", "begroting")
    if not vat:
        return None
    plan = []
    entries = vat.get("plan", [])
    if not isinstance(entries, list):
        raise BudgetConfigError("begroting.vat.plan must be a list")
    for i, item in enumerate(entries):
        where = f"begroting.vat.plan[{i}]"
        if not isinstance(item, Mapping) or not isinstance(item.get("jaar"), int):
            raise BudgetConfigError(f"{where} needs jaar (a year), soort and bedrag")
        plan.append(YearPlan(item["jaar"], str(item.get("soort", "")), _amount(item.get("bedrag"), where)))
    return ExecutionCostPolicy(
        share=_fraction(vat.get("aandeel"), "begroting.vat.aandeel"),
        cap=_amount(vat.get("plafond"), "begroting.vat.plafond", allow_zero=False),
        line_key=str(vat.get("regel", "vat")),
        plan=tuple(plan),
    )


def _parse_cofinancing(raw: Mapping[str, Any], section: Mapping[str, Any]) -> CofinancingConfig | None:
    cof = _table(section, "cofinanciering", "begroting")
    towns = _table(raw, "gemeenten", "")
    populations = _table(towns, "inwoners", "gemeenten")
    if not cof and not populations:
        return None
    for name, people in populations.items():
        if isinstance(people, bool) or not isinstance(people, int) or people <= 0:
            raise BudgetConfigError(f"gemeenten.inwoners.{name} must be a positive whole number")
    year = towns.get("peiljaar")
    if not cof:  # the VDG: the gemeenten pay everything "per inwoner", no province takes a share
        return CofinancingConfig(None, Decimal(0), dict(populations), year if isinstance(year, int) else None,
                                 str(towns.get("bron", "")))
    return CofinancingConfig(
        province=str(cof.get("provincie", "Provincie")),
        province_share=_fraction(
            cof.get("provincie_aandeel", "0.5"), "begroting.cofinanciering.provincie_aandeel"
        ),
        populations=dict(populations),
        reference_year=year if isinstance(year, int) else None,
        source=str(towns.get("bron", "")),
    )


def parse_budget_config(raw: Mapping[str, Any]) -> BudgetConfig:
    """The budget configuration from a programme file already read with `tomllib`."""
    section = _table(raw, "begroting", "")
    total = _amount(section["totaal"], "begroting.totaal", allow_zero=False) if "totaal" in section else None
    grouping = section.get("indeling", "programmalijn")
    if grouping not in ("programmalijn", "pijler"):
        raise BudgetConfigError('begroting.indeling must be "programmalijn" or "pijler"')
    lines = _parse_lines(section)
    index = {line.key: line for line in lines}
    if total is not None and sum((line.amount for line in lines), ZERO) > total:
        raise BudgetConfigError("begroting.regels add up to more than begroting.totaal")
    vat = _parse_vat(section)
    if vat is not None:
        if vat.line_key not in index:
            raise BudgetConfigError(f"begroting.vat.regel {vat.line_key!r} is not a line in begroting.regels")
        if total is not None and vat.cap > vat.share * total:
            raise BudgetConfigError("begroting.vat.plafond is above its cap: more than aandeel x totaal")
        try:
            check_plan(vat, total)
            check_execution_costs(index[vat.line_key].amount, vat, total)
        except Refused as exc:
            raise BudgetConfigError(f"begroting.vat above its cap: {exc.params}") from exc
    caps = _parse_caps(section, index)
    if vat is not None:
        vat_cap = LineCap(execution_cost_cap(vat, total), str(_table(section, "vat", "begroting").get("bron", "")))
        caps = {**caps, vat.line_key: vat_cap}
    mandate_line = section.get("mandaat_regel")
    if mandate_line is not None and mandate_line not in index:
        raise BudgetConfigError(f"begroting.mandaat_regel {mandate_line!r} is not a line in begroting.regels")
    return BudgetConfig(
        total=total,
        grouping=grouping,
        tranches=_strings(section.get("tranches", []), "begroting.tranches"),
        lines=lines,
        execution_costs=vat,
        mandate=parse_mandate(raw),
        mandate_line=mandate_line,
        cofinancing=_parse_cofinancing(raw, section),
        line_index=index,
        caps=caps,
    )


def _parse_caps(section: Mapping[str, Any], index: Mapping[str, BudgetLine]) -> dict[str, LineCap]:
    """`plafond` (and its `bron`) on a `[begroting.regels.KEY]`: a line the plan itself caps."""
    caps: dict[str, LineCap] = {}
    for key, spec in _table(section, "regels", "begroting").items():
        if isinstance(spec, Mapping) and "plafond" in spec:
            cap = LineCap(_amount(spec["plafond"], f"begroting.regels.{key}.plafond"), str(spec.get("bron", "")))
            if index[key].amount > cap.amount:
                raise BudgetConfigError(f"begroting.regels.{key}.bedrag is above its plafond")
            caps[key] = cap
    return caps
