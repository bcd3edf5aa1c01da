"""The VDG's money rules (seed 003 §6.1): Tabel 1 "Investeringskosten" read from vdg.toml reproduces its
totals per year, the "Resterend te financieren" line and the "Incidentele bijdrage per inwoner", and the
handgeld adds 5% to project financing."""

from __future__ import annotations

import copy
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import load_programme
from bot.domain.contributions import handgeld
from bot.domain.programme import Programme
from bot.domain.timezone import AMSTERDAM
from bot.programme.contributions import ContributionConfigError, handgeld_share, investment_table
from bot.services.base import Context
from bot.services.member_bodies import MemberBodyService

VDG = load_programme(Path(__file__).resolve().parents[3] / "bot" / "programme" / "vdg.toml")
TABLE = investment_table(VDG.raw)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM)
YEARS = (2023, 2024, 2025, 2026, 2027)
# Tabel 1 of the seed, as printed.
TOTALE_KOSTEN = ("50000", "90000", "52500", "32500", "25000")
LOPENDE_BEGROTING = ("50000", "15000", "0", "0", "0")
RESTEREND = ("0", "75000", "52500", "32500", "25000")
PER_INWONER = ("0.00", "0.15", "0.10", "0.06", "0.05")


def test_the_table_has_the_six_activities_of_tabel_1_over_2023_to_2027() -> None:
    assert TABLE is not None and TABLE.years == YEARS
    assert [row.name for row in TABLE.rows] == [
        "Verkenning rond kennisontwikkeling", "Verkenning rond personele schaarste", "Versterken Drentse lobbykracht",
        "Interbestuurlijke strategische visie", "Communicatie", "Evaluatie Samenwerkingsagenda",
    ]


@pytest.mark.parametrize(("index", "year"), list(enumerate(YEARS)))
def test_each_year_reproduces_the_totale_kosten_and_the_resterend_te_financieren_line(index: int, year: int) -> None:
    assert TABLE is not None
    assert TABLE.total(year) == Decimal(TOTALE_KOSTEN[index])
    assert TABLE.from_running_budget[year] == Decimal(LOPENDE_BEGROTING[index])
    assert TABLE.remaining(year) == Decimal(RESTEREND[index])


@pytest.mark.parametrize(("index", "year"), list(enumerate(YEARS)))
def test_the_contribution_per_inwoner_is_the_remaining_amount_over_the_inwoners_as_the_table_prints_it(
    index: int, year: int
) -> None:
    assert TABLE is not None
    assert TABLE.per_inwoner(year) == Decimal(PER_INWONER[index])
    assert VDG.raw["begroting"]["investeringen"]["bijdrage_per_inwoner"][index] == PER_INWONER[index]


@pytest.mark.parametrize("year", YEARS)
def test_the_twelve_gemeenten_pay_exactly_the_remaining_amount_by_inwoners(year: int) -> None:
    assert TABLE is not None
    shares = TABLE.contributions(year)
    assert len(shares) == 12
    assert sum(shares.values()) == TABLE.remaining(year)
    assert all(amount == amount.quantize(Decimal("0.01")) for amount in shares.values())


def test_the_inwoners_add_up_to_what_tabel_1_implies_and_are_marked_as_example_figures() -> None:
    assert TABLE is not None and TABLE.inwoners == 500_000  # € 75.000 / € 0,15 in 2024
    assert "voorbeeldcijfers" in VDG.raw["gemeenten"]["bron"]


def test_the_table_is_the_texts_235000_and_170000_plus_the_evaluation_row() -> None:
    """The text says € 235.000 in all and € 170.000 remaining; the table adds up to € 250.000 and
    € 185.000: the difference is exactly the row "Evaluatie Samenwerkingsagenda" (2 x € 7.500)."""
    assert TABLE is not None
    evaluation = sum(TABLE.rows[-1].amounts.values(), Decimal(0))
    assert TABLE.grand_total() == Decimal("250000") == Decimal("235000") + evaluation
    assert sum(TABLE.remaining(y) for y in YEARS) == Decimal("185000") == Decimal("170000") + evaluation
    assert sum(TABLE.from_running_budget.values(), Decimal(0)) == Decimal("65000")


def test_handgeld_adds_five_percent_to_project_financing_in_whole_cents() -> None:
    share = handgeld_share(VDG.raw)
    assert share == Decimal("0.05")
    assert handgeld(Decimal("60000.00"), share) == Decimal("3000.00")
    assert handgeld(Decimal("12345.67"), share) == Decimal("617.28")  # 617.2835, half up to the cent
    assert handgeld(Decimal("540000.00"), share) == Decimal("27000.00")  # "zo'n € 27.000 handgeld"
    with pytest.raises(ValueError):
        handgeld(Decimal("-1"), share)


def test_a_programme_without_handgeld_adds_nothing() -> None:
    assert handgeld_share(load_programme().raw) == Decimal(0)
    assert investment_table(load_programme().raw) is None



def test_a_handgeld_that_is_no_share_below_one_stops_the_start() -> None:
    raw = copy.deepcopy(dict(VDG.raw))
    raw["begroting"]["handgeld"]["aandeel"] = "5"
    broken = Programme.from_dict(raw)
    with pytest.raises(ContributionConfigError):
        MemberBodyService(Context(uow_factory=lambda: None, programme=broken, clock=ManualClock(NOW)))  # type: ignore[arg-type,return-value]
