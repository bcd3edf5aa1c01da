"""The shipped programme file carries a budget that a fresh store can take requests against."""

from __future__ import annotations

import copy
import tomllib
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import bot.programme
from bot.domain.budget import LineKind
from bot.domain.cofinancing import regional_cofinancing
from bot.programme.budget import BudgetConfigError, parse_budget_config

ZOD = Path(bot.programme.__file__).with_name("zod.toml")


def raw() -> dict[str, Any]:
    return tomllib.loads(ZOD.read_text(encoding="utf-8"))


def test_the_zod_file_gives_the_vat_share_cap_and_yearly_plan_of_the_programmaplan() -> None:
    config = parse_budget_config(raw())
    vat = config.execution_costs
    assert vat is not None
    assert (vat.share, vat.cap) == (Decimal("0.03"), Decimal("900000.00"))
    assert vat.plan_total() == Decimal("900000.00")
    assert min(vat.plan_by_year()) == 2024
    assert config.line(vat.line_key).kind is LineKind.VAT


def test_the_zod_file_has_the_six_programmalijnen_and_a_line_for_costs_under_the_mandate() -> None:
    config = parse_budget_config(raw())
    groups = {line.group for line in config.lines if line.kind is LineKind.PROGRAMMALIJN}
    assert groups == set(raw()["din"]["programmalijnen"])
    assert config.mandate_line is not None
    assert config.line(config.mandate_line).amount > 0


def test_the_existing_mandaat_section_is_parsed_not_duplicated() -> None:
    config = parse_budget_config(raw())
    assert config.mandate.limit == Decimal("50000.00")
    assert config.mandate.excluded == {"project", "programma", "experiment"}
    assert config.mandate.window == timedelta(days=90)
    assert "mandaat" not in raw()["begroting"]


def test_the_cofinancing_populations_are_configured_with_their_reference_year() -> None:
    config = parse_budget_config(raw())
    assert config.cofinancing is not None and config.cofinancing.reference_year is not None
    shares = regional_cofinancing(
        Decimal("20000000.00"),
        config.cofinancing.province,
        config.cofinancing.province_share,
        config.cofinancing.populations,
    )
    assert sum(shares.values()) == Decimal("20000000.00")


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("begroting", "vat", "plafond"), "950000.00", "cap"),
        (("begroting", "regels", "vat", "bedrag"), "900000.01", "cap"),
        (("begroting", "regels", "mandaat", "bedrag"), 250000, "strings"),
        (("begroting", "regels", "mandaat", "bedrag"), "1.001", "decimals"),
        (("begroting", "totaal"), "1000000.00", "more than"),
        (("begroting", "mandaat_regel"), "bestaat-niet", "not a line"),
        (("mandaat", "opknip_venster_dagen"), 0, "positive"),
    ],
)
def test_a_budget_that_does_not_add_up_stops_the_start(
    path: tuple[str, ...], value: Any, message: str
) -> None:
    data = copy.deepcopy(raw())
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(BudgetConfigError, match=message):
        parse_budget_config(data)
