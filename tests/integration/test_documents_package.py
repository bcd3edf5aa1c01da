"""The documents package at scale (SQLite and PostgreSQL): built once per meeting, outside the claim
transaction, and a summary that stays small however long the agenda and the mandate report get."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import event, select, update

from bot.bootstrap.app import App
from bot.domain.timezone import AMSTERDAM
from bot.services.budget_lines import budget_config
from bot.services.ports.budget import budget_uow
from bot.worker import run_worker
from scheduling.documents_package import ITEMS, REQUESTS
from storage.engine import make_engine
from storage.tables_budget import spend_requests
from storage.tables_meetings import agenda_items, meetings, reminders
from tests.cast import EMAIL
from tests.integration.test_meetings import at
from tests.integration.test_reminders import planned, reminder_mail

JUNE_28 = datetime(2024, 6, 28, 9, 0, tzinfo=AMSTERDAM)


def crowd_the_agenda(app: App, ideas: int, approvals: int) -> None:
    """*ideas* on the 28 June agenda and *approvals* under the mandate, written straight into the store."""
    refs = [app.ideas.submit(f"indiener{n}@voorbeeld.nl", "test", f"Idee {n}", "Tekst").params["reference"]
            for n in range(ideas)]
    now = app.clock.now()
    with app.budget.ctx.uow_factory() as uow:  # the configured budget lines, as the first request makes them
        budget_uow(uow).budget.ensure_lines(budget_config(app.programme).lines, now)
        uow.commit()
    with app.engine.begin() as conn:
        meeting = conn.execute(select(meetings.c.id).where(meetings.c.day == JUNE_28.date(),
                                                           meetings.c.gremium == "stuurgroep")).scalar_one()
        conn.execute(agenda_items.insert(), [{"meeting_id": meeting, "idea_reference": ref, "late": False,
                                              "admitted_by": None, "added_at": now} for ref in refs])
        conn.execute(spend_requests.insert(), [
            {"reference": f"ZOD-U-2024-{n:04d}", "amount": Decimal("1000.00"), "kind": "onderzoek",
             "purpose": f"Onderzoek {n}", "purpose_key": f"onderzoek {n}", "idea_ref": None,
             "requester": EMAIL["kernteam"], "line_key": "mandaat", "requested_at": now, "status": "approved",
             "decided_by": EMAIL["director"], "decided_at": now + timedelta(minutes=n), "decided_via": "mandaat",
             "reason": "", "decision_number": None}
            for n in range(1, approvals + 1)
        ])


def packages(app: App) -> list[tuple[str, str, str, list[str]]]:
    return [m for m in reminder_mail(app) if m[1].startswith("Stukken stuurgroep 28 juni 2024")]


def test_a_long_agenda_and_many_approvals_make_a_short_package_with_the_right_totals(any_app: App) -> None:
    planned(any_app)
    crowd_the_agenda(any_app, ITEMS + 30, REQUESTS + 5)
    for day in (5, 7, 12, 13, 14):
        at(any_app, datetime(2024, 6, day, 9, 5, tzinfo=AMSTERDAM))
        assert run_worker(any_app, once=True) == 0
    found = packages(any_app)
    assert len(found) == 3
    body = found[0][2]
    assert f"{ITEMS}. ZOD-" in body and f"{ITEMS + 1}. ZOD-" not in body
    assert "… en nog 30 agendapunten: typ 'agenda 28-06-2024' in de chat." in body
    assert "… en nog 5 verzoeken: typ 'mandaat" in body
    assert f"Totaal onder mandaat: € {REQUESTS + 5}.000,00 in {REQUESTS + 5} verzoeken." in body
    assert len(body) < 40_000 and found[0][1] == "Stukken stuurgroep 28 juni 2024 (130 agendapunten)"


def test_each_meeting_s_package_is_built_once_and_outside_the_claim_transaction(any_app: App) -> None:
    """No timing: when the package reads the agenda, another connection changes a claimed reminder
    row and commits. Were the claim transaction still open it would hold that row (PostgreSQL) or the
    whole database (SQLite), and the change could not commit."""
    planned(any_app)
    crowd_the_agenda(any_app, 3, 1)
    other = make_engine(any_app.settings.database_url)
    agenda_reads: list[str] = []
    changed: list[int] = []

    def on_execute(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "FROM agenda_items" in statement and "count(" in statement:
            agenda_reads.append(statement)
            with other.begin() as write:
                claimed = write.execute(select(reminders.c.id).where(reminders.c.claimed_at.is_not(None),
                                                                     reminders.c.sent_at.is_(None))).scalars().all()
                changed.append(write.execute(update(reminders).where(reminders.c.id.in_(claimed))
                                             .values(payload=reminders.c.payload)).rowcount)

    event.listen(any_app.engine, "before_cursor_execute", on_execute)
    try:
        for day in (5, 7, 12, 13, 14):
            at(any_app, datetime(2024, 6, day, 9, 5, tzinfo=AMSTERDAM))
            assert run_worker(any_app, once=True) == 0
    finally:
        event.remove(any_app.engine, "before_cursor_execute", on_execute)
        other.dispose()
    steps_with_a_package = 2  # to the coördinatieteam (one member), to the stuurgroep (two members)
    assert len(packages(any_app)) == 3
    assert len(agenda_reads) == steps_with_a_package and all(n > 0 for n in changed)
    with any_app.engine.connect() as conn:
        unsent = conn.execute(select(reminders.c.key).where(reminders.c.due_at <= any_app.clock.now(),
                                                            reminders.c.sent_at.is_(None))).all()
    assert unsent == []
