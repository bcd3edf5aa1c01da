"""The documents package of a stuurgroep meeting also keeps the stuurgroep informed (§3.2, §6): the
progress running projects reported since the previous meeting, and the financial picture (begroting,
realisation, prognosis, the VAT line against its € 900.000,00 cap and yearly plan), besides the agenda
and the mandate report; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import text

from bot.bootstrap.app import App
from bot.domain.timezone import AMSTERDAM
from bot.services.budget_lines import budget_config
from bot.services.ports.budget import budget_uow
from bot.worker import run_worker
from storage.tables_budget import ledger
from storage.tables_cycle import objections
from storage.tables_execution import moment_reports
from tests.cast import EMAIL
from tests.integration.test_documents_package import packages
from tests.integration.test_meetings import at
from tests.integration.test_reminders import planned


def test_the_package_carries_the_progress_since_the_last_meeting_and_the_financial_picture(any_app: App) -> None:
    planned(any_app)
    now = any_app.clock.now()
    with any_app.budget.ctx.uow_factory() as uow:
        budget_uow(uow).budget.ensure_lines(budget_config(any_app.programme).lines, now)
        uow.commit()
    with any_app.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO meetings (uid, gremium, kind, day, starts_at, ends_at, week_only, title, location, agenda, "
            "sequence, status, dtstamp, created_at, assumed) VALUES ('earlier@x', 'stuurgroep', 'one_off', "
            "'2024-03-15', '2024-03-15 08:00:00+00:00', '2024-03-15 10:00:00+00:00', false, 'Stuurgroep', '', '', "
            "0, 'scheduled', '2024-01-02 08:00:00+00:00', '2024-01-02 08:00:00+00:00', false)"
        ))  # the previous stuurgroep meeting: the package reports what came since
        conn.execute(moment_reports.insert(), [
            {"reference": "ZOD-2024-0007", "moment": "2024-03", "text": "De bussen rijden.", "milestones": "",
             "spent": Decimal("12500.00"), "risks": "Chauffeurs", "reporter": EMAIL["kernteam"],
             "reported_at": datetime(2024, 5, 2, 10, 0, tzinfo=AMSTERDAM)},
            {"reference": "ZOD-2023-0001", "moment": "2023-09", "text": "Oud nieuws.", "milestones": "",
             "spent": Decimal("0.00"), "risks": "", "reporter": EMAIL["kernteam"],
             "reported_at": datetime(2023, 9, 2, 10, 0, tzinfo=AMSTERDAM)},
        ])
        conn.execute(ledger.insert(), [
            {"line_key": "vat", "kind": "allocation", "amount": Decimal("300000.00"), "at": now,
             "reference": "VAT-2024", "tranche": None, "note": "", "recorded_by": EMAIL["staf"]},
            {"line_key": "vat", "kind": "realisation", "amount": Decimal("120000.00"), "at": now,
             "reference": "VAT-2024", "tranche": None, "note": "", "recorded_by": EMAIL["staf"]},
        ])
    for day in (5, 7, 12, 13, 14):
        at(any_app, datetime(2024, 6, day, 9, 5, tzinfo=AMSTERDAM))
        assert run_worker(any_app, once=True) == 0
    body = packages(any_app)[0][2]
    assert "Voortgang van lopende projecten sinds 15-03-2024:" in body
    assert "- ZOD-2024-0007 (2024-03): De bussen rijden. Besteed: € 12.500,00. Risico's: Chauffeurs" in body
    assert "Oud nieuws" not in body  # reported before the previous stuurgroep
    assert "Financieel beeld (programmadirecteur, §6):" in body
    assert "Begroting € 29.950.000,00; toegekend € 300.000,00; beschikt € 0,00; gerealiseerd € 120.000,00." in body
    assert ("Prognose: als al het toegekende wordt besteed, is dat € 300.000,00, waarvan nog € 180.000,00 te "
            "besteden; vrij in de begroting: € 29.650.000,00.") in body
    assert ("Uitvoeringskosten (VAT): begroot € 900.000,00, plafond € 900.000,00; besteed € 120.000,00, volgens "
            "het jaarplan tot en met 2024 € 300.000,00; ruimte onder het plafond € 780.000,00.") in body
    assert body.index("Voortgang van lopende") < body.index("Financieel beeld") < body.index("mandaat")
    assert "Er staan geen open bezwaren op deze agenda." in body


def test_the_package_lists_the_open_objections_on_content_on_its_agenda_with_their_state(any_app: App) -> None:
    """§3.1: an objection on content goes to the stuurgroep, so its meeting's package lists it."""
    planned(any_app)
    with any_app.engine.begin() as conn:
        meeting = conn.execute(text("SELECT id FROM meetings WHERE gremium = 'stuurgroep' AND day = '2024-06-28'"))
        meeting_id = meeting.scalar_one()
        filed = datetime(2024, 5, 6, 10, 0, tzinfo=AMSTERDAM)
        conn.execute(objections.insert(), [
            {"reference": f"ZOD-BZ-2024-00{n}", "decision_number": "ZOD-B-2024-001", "kind": kind, "text": words,
             "filed_by": "anna@voorbeeld.nl", "filed_at": filed, "routed_to": "2024-06-28",
             "meeting_id": meeting_id if kind == "inhoud" else None, "status": status}
            for n, (kind, status, words) in enumerate([
                ("inhoud", "ingediend", "De afweging klopt niet."),
                ("inhoud", "in_behandeling", "Ons is niets gevraagd."),
                ("inhoud", "afgehandeld", "Al beslist."),
                ("proces", "ingediend", "Naar de provincie."),
            ], start=1)
        ])
    for day in (5, 7, 12, 13, 14):
        at(any_app, datetime(2024, 6, day, 9, 5, tzinfo=AMSTERDAM))
        assert run_worker(any_app, once=True) == 0
    body = packages(any_app)[0][2]
    assert "Bezwaren tegen besluiten op deze agenda (inhoud, §3.1):" in body
    assert "- ZOD-BZ-2024-001 tegen ZOD-B-2024-001 (ingediend, ingediend 06-05-2024): De afweging klopt niet." in body
    assert "- ZOD-BZ-2024-002 tegen ZOD-B-2024-001 (in behandeling" in body
    assert "Al beslist" not in body and "Naar de provincie" not in body  # closed, or for the province
