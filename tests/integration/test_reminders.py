"""Reminders along the document route: sent exactly once after downtime (and marked late), never twice
with two workers at once (SQLite and PostgreSQL), bundled per person per day, the documents package."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from bot.bootstrap.app import App
from bot.domain.timezone import AMSTERDAM
from bot.services.calendar_setup import meeting_setup
from bot.worker import run_worker
from scheduling.reminders import ReminderReport, ReminderRunner
from scheduling.worker_lock import WorkerLock
from storage import tables
from storage.engine import make_engine
from storage.tables_meetings import reminders
from tests.cast import EMAIL
from tests.integration.test_meetings import ADMIN, at, ready_for_agenda, register

MAY_1 = datetime(2024, 5, 1, 9, 30, tzinfo=AMSTERDAM)


def planned(app: App) -> None:
    register(app)
    at(app, MAY_1)
    app.meetings.generate(ADMIN, "cli", 2024, invite=False)


def runner(app: App, name: str, batch: int = 500) -> ReminderRunner:
    config = meeting_setup(app.programme).meetings
    return ReminderRunner(app.engine, app.clock, app.programme, config, worker=name, batch=batch)


def rows(app: App) -> list[tuple[str, datetime, datetime | None, bool, str | None]]:
    c = reminders.c
    with app.engine.connect() as conn:
        result = conn.execute(select(c.key, c.due_at, c.sent_at, c.late, c.claimed_by).order_by(c.due_at, c.key))
        return [(r.key, r.due_at, r.sent_at, r.late, r.claimed_by) for r in result]


def reminder_mail(app: App) -> list[tuple[str, str, str, list[str]]]:
    """(recipient, subject, body, reminder keys) of every reminder message in the outbox."""
    c = tables.outbox.c
    with app.engine.connect() as conn:
        result = conn.execute(select(c.recipient, c.subject, c.body, c.payload).order_by(c.id)).all()
    return [(r.recipient, r.subject, r.body, list(r.payload["reminders"])) for r in result if "reminders" in r.payload]


def test_after_an_hour_of_downtime_each_due_reminder_is_sent_exactly_once_and_marked_late(any_app: App) -> None:
    planned(any_app)
    june = [r for r in rows(any_app) if "20240628" in r[0]]
    assert len(june) == 9 and all(r[2] is None for r in june)
    due_times = sorted({r[1] for r in june})
    down = due_times[2]  # the worker is stopped from just before this moment for an hour
    clock = at(any_app, MAY_1)
    worker = runner(any_app, "eerste")
    for moment in due_times:
        if moment == down:
            clock.set(moment - timedelta(minutes=5))
            assert worker.run_once().claimed == []  # nothing due yet; then the worker stops
            clock.set(moment + timedelta(hours=1))
            worker = runner(any_app, "na-herstart")  # a new process after the restart
        else:
            clock.set(moment + timedelta(minutes=1))
        report = worker.run_once()
        assert {r.due_at for r in report.claimed} == {moment}
        assert all(r.late is (moment == down) for r in report.claimed)
        assert worker.run_once().claimed == []  # running again sends nothing

    after = {r[0]: r for r in rows(any_app) if "20240628" in r[0]}
    assert all(r[2] is not None for r in after.values())
    assert {k for k, r in after.items() if r[3]} == {r[0] for r in june if r[1] == down}
    mail = reminder_mail(any_app)
    sent = Counter((recipient, key) for recipient, _, _, keys in mail for key in keys)
    assert sent and set(sent.values()) == {1}
    late_bodies = [body for _, _, body, keys in mail if any(k in {r[0] for r in june if r[1] == down} for k in keys)]
    assert late_bodies and all("te laat" in body for body in late_bodies)
    keys_sent = {key for _, key in sent}
    assert keys_sent == set(after)  # every row reached at least one person: the cast holds every role


def test_two_workers_at_once_send_nothing_twice(any_app: App) -> None:
    planned(any_app)
    for week in range(1, 9):  # more stuurgroep meetings: more rows to fight over
        any_app.meetings.add(ADMIN, "cli", "stuurgroep", date(2024, 9, 6) + timedelta(weeks=week))
    total = len(rows(any_app))
    assert total > 80
    at(any_app, datetime(2025, 1, 1, 12, 0, tzinfo=AMSTERDAM))  # everything is due
    second_engine = make_engine(any_app.settings.database_url)
    config = meeting_setup(any_app.programme).meetings
    workers = [
        ReminderRunner(any_app.engine, any_app.clock, any_app.programme, config, worker="a", batch=7),
        ReminderRunner(second_engine, any_app.clock, any_app.programme, config, worker="b", batch=7),
    ]
    reports: dict[str, list[ReminderReport]] = {"a": [], "b": []}
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def work(worker: ReminderRunner) -> None:
        try:
            barrier.wait()
            while True:
                report = worker.run_once()
                reports[worker.worker].append(report)
                if not report.claimed:
                    break
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    second_engine.dispose()
    assert errors == []
    claimed = Counter(r.key for name in reports for report in reports[name] for r in report.claimed)
    leftover = workers[0].run_once().claimed  # a worker that gave up early left nothing behind
    assert set(claimed.values()) == {1} and len(claimed) + len(leftover) == total
    assert all(r[2] is not None and r[4] in ("a", "b") for r in rows(any_app))
    sent = Counter((recipient, key) for recipient, _, _, keys in reminder_mail(any_app) for key in keys)
    assert set(sent.values()) == {1}


def test_reminders_of_one_person_on_one_day_come_as_one_message(app: App) -> None:
    planned(app)
    app.meetings.add(ADMIN, "cli", "stuurgroep", date(2024, 7, 5))  # a week after the June meeting
    at(app, datetime(2024, 6, 11, 17, 0, tzinfo=AMSTERDAM))
    runner(app, "w").run_once()  # what fell due before
    before = len(reminder_mail(app))
    at(app, datetime(2024, 6, 12, 9, 1, tzinfo=AMSTERDAM))
    report = runner(app, "w").run_once()
    assert {r.key.split(":")[0] for r in report.claimed} == {
        "zod-stuurgroep-20240628@regiodeal-zod.nl",
        "zod-stuurgroep-20240705@regiodeal-zod.nl",
    }
    staf = [m for m in reminder_mail(app)[before:] if m[0] == EMAIL["staf"]]
    assert len(staf) == 1 and len(staf[0][3]) == 2
    _, subject, body, _ = staf[0]
    assert subject == "2 herinneringen voor de documentroute, de eerste stap op 14 juni 2024"  # not the 12th
    assert "Versturen stukken naar stuurgroep: vrijdag 14 juni 2024" in body
    assert "Versturen stukken stuurgroep naar coördinatieteam: vrijdag 14 juni 2024" in body
    assert "te laat" not in body


def test_a_single_reminders_subject_names_the_steps_date_not_the_day_it_is_sent(app: App) -> None:
    planned(app)
    at(app, datetime(2024, 6, 27, 9, 1, tzinfo=AMSTERDAM))  # the day before the stuurgroep of 28 June
    runner(app, "w").run_once()
    subjects = {subject for _, subject, _, _ in reminder_mail(app)}
    assert "Herinnering: Stuurgroep op 28 juni 2024" in subjects
    assert not [s for s in subjects if s.startswith("Herinnering: Stuurgroep") and "27 juni" in s]


def test_the_documents_package_sums_up_items_and_advice_and_says_where_the_full_texts_are(app: App) -> None:
    planned(app)
    at(app, datetime(2024, 5, 21, 9, 0, tzinfo=AMSTERDAM))
    ref = ready_for_agenda(app, "Zorgbus")
    app.ideas.schedule(EMAIL["director"], "test", ref)
    for day in (5, 7, 12, 13, 14):  # the worker's one-shot round each morning: reminders, then delivery
        at(app, datetime(2024, 6, day, 9, 5, tzinfo=AMSTERDAM))
        assert run_worker(app, once=True) == 0
    packages = [m for m in reminder_mail(app) if m[1].startswith("Stukken stuurgroep 28 juni 2024")]
    by_step = {m[0]: m[3][0].split(":")[2] for m in packages}
    assert by_step == {
        EMAIL["coordinator"]: "stukken_naar_coordinatieteam",
        EMAIL["sg1"]: "stukken_naar_stuurgroep",
        EMAIL["sg2"]: "stukken_naar_stuurgroep",
    }
    body = packages[0][2]
    assert ref in body and "Zorgbus" in body and "Advies expertteam: positief." in body
    assert "aanpak:" not in body and "typ 'status REFERENTIE' in de chat" in body  # a summary, not every text
    assert any(app.settings.outbox_dir.glob("stukken_*.eml"))
    assert "Mandaatrapportage" in body


def test_the_documents_package_carries_the_mandate_report_since_the_previous_stuurgroep(app: App) -> None:
    planned(app)
    at(app, datetime(2024, 5, 21, 9, 0, tzinfo=AMSTERDAM))
    spend = app.budget.request(EMAIL["kernteam"], "test", Decimal("12500.00"), "Onderzoek zorgvervoer", "onderzoek")
    app.budget.approve(EMAIL["director"], "test", spend.params["reference"])
    big = app.budget.request(EMAIL["kernteam"], "test", Decimal("60000.00"), "Verkenning grensregio", "onderzoek")
    for day in (5, 7, 12, 13, 14):
        at(app, datetime(2024, 6, day, 9, 5, tzinfo=AMSTERDAM))
        assert run_worker(app, once=True) == 0
    packages = [m for m in reminder_mail(app) if m[1].startswith("Stukken stuurgroep 28 juni 2024")]
    body = packages[0][2]
    assert "sinds 1 januari 2023" in body or "01-01-2023" in body or "2023" in body
    assert spend.params["reference"] in body and "12.500,00" in body
    assert big.params["reference"] in body  # outside the mandate: for the stuurgroep to decide


def test_a_second_worker_does_not_start(any_app: App) -> None:
    first = WorkerLock(any_app.engine, any_app.settings.var_dir)
    other_engine = make_engine(any_app.settings.database_url)
    second = WorkerLock(other_engine, any_app.settings.var_dir)
    try:
        assert first.acquire()
        assert not second.acquire()
        first.release()
        assert second.acquire()
    finally:
        second.release()
        first.release()
        other_engine.dispose()
