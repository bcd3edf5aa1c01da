"""The subsidie-beschikking after akkoord (§3.1): the staf records it, never above the allocation;
realisations are booked against it, never beyond it; the report shows allocated, beschikt, realised
and remaining, and the budget report's spent follows the ledger. Refusals change nothing."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.domain.timezone import AMSTERDAM
from storage.tables_budget import ledger
from storage.tables_execution import beschikkingen
from tests.cast import EMAIL
from tests.scenario import register_cast, submit, walk

STAF = EMAIL["staf"]


def decided(app: App) -> str:
    register_cast(app.people)
    ref = submit(app.ideas)
    walk(app.ideas, app.programme, ref, Status.AKKOORD)  # € 45.000 allocated on Zorg en Welzijn
    assert isinstance(app.clock, ManualClock)
    app.clock.set(datetime(2027, 1, 15, 10, 0, tzinfo=AMSTERDAM))
    return ref


def counts(app: App) -> tuple[int, int]:
    with app.engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(beschikkingen)).scalar_one(),
                conn.execute(select(func.count()).select_from(ledger)).scalar_one())


def test_the_staf_records_the_beschikking_and_books_realisations_against_it(any_app: App) -> None:
    ref = decided(any_app)
    reply = any_app.execution.beschikking.record(STAF, "test", ref, date(2027, 1, 10), Decimal("40000"), "DR/2027/118")
    assert reply.code == "beschikking.recorded"
    assert any_app.execution.beschikking.realise(STAF, "test", ref, Decimal("30000"), "Eerste bus").params["left"] == (
        "€ 10.000,00"
    )
    money = any_app.execution.beschikking.money_page().items
    assert [(m.reference, m.allocated, m.beschikt, m.realised) for m in money] == [
        (ref, Decimal("45000.00"), Decimal("40000.00"), Decimal("30000.00"))
    ]
    totals = any_app.execution.beschikking.totals()
    assert (totals.allocated, totals.beschikt, totals.realised, totals.remaining) == (
        Decimal("45000.00"), Decimal("40000.00"), Decimal("30000.00"), Decimal("10000.00"))
    row = next(r for r in any_app.budget.report("programmalijn").rows if r.group == "Zorg en Welzijn")
    assert (row.allocated, row.beschikt, row.spent) == (Decimal("45000.00"), Decimal("40000.00"), Decimal("30000.00"))
    assert any_app.budget.report("programmalijn").totals.beschikt == Decimal("40000.00")
    by_penvoerder = any_app.budget.report("penvoerder")
    assert [r.beschikt for r in by_penvoerder.rows] == [Decimal("40000.00")]
    session = any_app.chat.session(STAF, "console")
    budget = any_app.chat.handle(session, "budget programmalijn")
    assert "Beschikt" in budget and "€ 40.000,00" in budget  # by one GROUP BY, beside allocated and spent
    listing = any_app.chat.handle(session, "beschikkingen")
    assert (f"{ref} Zorgbus: toegekend € 45.000,00, beschikt € 40.000,00, gerealiseerd € 30.000,00, "
            "resterend € 10.000,00") in listing


def test_a_beschikking_above_the_allocation_or_before_akkoord_or_by_another_role_is_refused(any_app: App) -> None:
    ref = decided(any_app)
    before = counts(any_app)
    with pytest.raises(Refused) as above:
        any_app.execution.beschikking.record(STAF, "test", ref, date(2027, 1, 10), Decimal("45000.01"), "DR/1")
    assert any_app.chat.describe(above.value, "nl") == (
        f"Een beschikking van € 45.000,01 voor {ref} is meer dan de toekenning (€ 45.000,00); dat wordt niet "
        "vastgelegd, want een hoger bedrag vraagt eerst een besluit van de stuurgroep over de toekenning."
    )
    with pytest.raises(Refused, match=r"beschikking\.only_staf"):
        any_app.execution.beschikking.record(EMAIL["kernteam"], "test", ref, date(2027, 1, 10), Decimal("1"), "DR/1")
    with pytest.raises(Refused, match=r"beschikking\.date_future"):
        any_app.execution.beschikking.record(STAF, "test", ref, date(2027, 2, 1), Decimal("1"), "DR/1")
    with pytest.raises(Refused, match=r"beschikking\.date_outside"):
        any_app.execution.beschikking.record(STAF, "test", ref, date(2022, 12, 31), Decimal("1"), "DR/1")
    with pytest.raises(Refused, match=r"beschikking\.missing"):
        any_app.execution.beschikking.realise(STAF, "test", ref, Decimal("1"), "")
    other = submit(any_app.ideas, "Buurtbus")
    with pytest.raises(Refused, match=r"beschikking\.not_decided"):
        any_app.execution.beschikking.record(STAF, "test", other, date(2027, 1, 10), Decimal("1"), "DR/2")
    assert counts(any_app) == before


def test_a_realisation_beyond_the_beschikking_is_refused_and_a_second_beschikking_too(any_app: App) -> None:
    ref = decided(any_app)
    session = any_app.chat.session(STAF, "console")
    assert "vastgelegd" in any_app.chat.handle(session, f"beschikking {ref} 10-01-2027 € 20.000 DR/2027/7")
    assert "geboekt" in any_app.chat.handle(session, f"realisatie {ref} 15.000 Voorschot")
    before = counts(any_app)
    answer = any_app.chat.handle(session, f"realisatie {ref} 5.000,01 Te veel")
    assert answer == (f"Een realisatie van € 5.000,01 gaat boven de beschikking van {ref} uit (nog € 5.000,00 over); "
                      "dat wordt niet geboekt, dus boek hoogstens het restant of leg eerst een gewijzigde "
                      "beschikking vast.")
    assert any_app.chat.handle(session, f"beschikking {ref} 11-01-2027 1.000 DR/8") == (
        f"Voor {ref} is al een beschikking vastgelegd (zie 'beschikkingen').")
    assert counts(any_app) == before
