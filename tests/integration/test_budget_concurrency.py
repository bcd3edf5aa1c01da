"""Approvals at the same moment never overspend a line: 50 threads approve 50 different requests
that together ask more than the line holds, on PostgreSQL (row lock) and on SQLite (BEGIN IMMEDIATE)."""

from __future__ import annotations

import threading
from decimal import Decimal

from sqlalchemy import text

from bot.bootstrap.app import App
from bot.domain.budget_mandate import RequestStatus
from bot.domain.errors import Refused
from tests.cast import EMAIL
from tests.scenario import budget_decision, register_cast

THREADS = 50
AMOUNT = Decimal("3000.00")
LINE = Decimal("100000.00")  # room for 33 of the 50 requests, not for 34


def test_fifty_simultaneous_approvals_near_the_limit_never_overspend_the_line(any_app: App) -> None:
    app = any_app
    register_cast(app.people)
    app.budget.set_line("beheer@vaart.local", "test", "mandaat", LINE, budget_decision(app))
    refs = [
        app.budget.request(EMAIL["kernteam"], "test", AMOUNT, f"Verkenning {n}", kind="onderzoek").params["reference"]
        for n in range(THREADS)
    ]
    start = threading.Barrier(THREADS)
    codes: list[str] = []
    errors: list[BaseException] = []

    def approve(reference: str) -> None:
        start.wait()
        try:
            codes.append(app.budget.approve(EMAIL["director"], "test", reference).code)
        except Refused as refusal:
            codes.append(refusal.code)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=approve, args=(ref,)) for ref in refs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert codes.count("budget.request.approved") == 33
    assert codes.count("budget.request.referred") == THREADS - 33  # no room left: to the stuurgroep
    with app.engine.connect() as conn:
        booked = conn.execute(text("SELECT SUM(amount), COUNT(*) FROM ledger WHERE line_key = 'mandaat'")).one()
    assert Decimal(booked[0]) / 100 == 33 * AMOUNT <= LINE and booked[1] == 33
    balance = {line.key: b for line, b in app.budget.lines()}["mandaat"]
    assert balance.available == LINE - 33 * AMOUNT >= 0
    statuses = [app.budget.get_request(ref).status for ref in refs]
    assert statuses.count(RequestStatus.APPROVED) == 33
    assert statuses.count(RequestStatus.TO_STUURGROEP) == THREADS - 33
