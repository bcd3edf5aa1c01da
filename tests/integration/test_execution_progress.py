"""Progress per reporting moment: the regisseur and the penvoerder of every running project are asked
before the moment, reminded once, then the kernteam hears who has not reported; each exactly once,
with two workers and after downtime, on SQLite and PostgreSQL. Reports for what is not running are
refused and change nothing."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.domain.timezone import AMSTERDAM
from storage import tables
from storage.tables_execution import moment_reports, reporting_rounds
from tests.cast import ANNA, DIRK, EMAIL
from tests.scenario import ADMIN, register_cast, submit, walk

ASK = datetime(2027, 2, 15, 9, 0, tzinfo=AMSTERDAM)  # 14 days before 1 March, 09:00
REMIND = datetime(2027, 2, 22, 9, 0, tzinfo=AMSTERDAM)
TELL = datetime(2027, 3, 1, 9, 0, tzinfo=AMSTERDAM)


def clock_of(app: App) -> ManualClock:
    assert isinstance(app.clock, ManualClock)
    return app.clock


def running(app: App, title: str = "Zorgbus") -> str:
    ref = submit(app.ideas, title)
    walk(app.ideas, app.programme, ref, Status.AKKOORD)
    app.ideas.start_execution(EMAIL["kernteam"], "test", ref)
    return ref


def progress_mail(app: App) -> list[tuple[str, str]]:
    """(phase, recipient) of every progress message in the outbox, in order."""
    c = tables.outbox.c
    with app.engine.connect() as conn:
        rows = conn.execute(select(c.recipient, c.payload).order_by(c.id)).all()
    return [(str(r.payload["event"]), r.recipient) for r in rows if str(r.payload.get("event", "")).startswith(
        "progress.")]


@pytest.fixture
def two_running(any_app: App) -> tuple[App, str, str]:
    register_cast(any_app.people)
    first, second = running(any_app), running(any_app, "Buurtbus")
    return any_app, first, second


def test_before_the_moment_the_regisseur_and_penvoerder_are_asked_reminded_once_then_the_kernteam_told(
    two_running: tuple[App, str, str],
) -> None:
    app, first, second = two_running
    clock = clock_of(app)
    clock.set(ASK - (REMIND - ASK))
    assert app.execution.progress.run_rounds() == []  # nothing before the ask
    clock.set(ASK)
    assert app.execution.progress.run_rounds() == ["2027-03:ask:4"]
    asked = [m for m in progress_mail(app) if m[0] == "progress.ask"]
    assert sorted(r for _, r in asked) == sorted([EMAIL["kernteam"], ANNA] * 2)  # regisseur + the indiener
    assert app.execution.progress.run_rounds() == []  # the same tick again: nothing more
    app.execution.progress.report(ANNA, "test", first, "De bussen rijden", milestones="Twee bussen",
                              spent=Decimal("12500.00"), risks="Te weinig chauffeurs")
    clock.set(REMIND)
    assert app.execution.progress.run_rounds() == ["2027-03:remind:2"]
    reminded = [r for p, r in progress_mail(app) if p == "progress.remind"]
    assert sorted(reminded) == sorted([EMAIL["kernteam"], ANNA])  # only for the project without a report
    clock.set(TELL)
    assert app.execution.progress.run_rounds() == ["2027-03:tell:2"]  # both kernteam members
    told = [r for p, r in progress_mail(app) if p == "progress.tell"]
    assert sorted(told) == sorted([EMAIL["kernteam"], EMAIL["kernteam2"]])
    c = tables.outbox.c
    with app.engine.connect() as conn:
        body = conn.execute(select(c.body).where(c.recipient == EMAIL["kernteam"]).order_by(c.id.desc())).first()
    assert body is not None and second in body[0] and first not in body[0]
    assert app.execution.progress.run_rounds() == []


def test_a_worker_back_after_downtime_sends_each_step_once_spaced_not_all_at_once(
    two_running: tuple[App, str, str],
) -> None:
    app, _, _ = two_running
    clock = clock_of(app)
    clock.set(TELL)  # down from before the ask until the moment itself
    assert app.execution.progress.run_rounds() == ["2027-03:ask:4"]
    assert app.execution.progress.run_rounds() == []  # no reminder in the same breath as the ask
    clock.set(TELL.replace(day=8))
    assert app.execution.progress.run_rounds() == ["2027-03:remind:4"]
    clock.set(TELL.replace(day=15))
    assert app.execution.progress.run_rounds() == ["2027-03:tell:2"]
    phases = [p for p, _ in progress_mail(app)]
    assert phases.count("progress.ask") == 4 and phases.count("progress.remind") == 4
    assert phases.count("progress.tell") == 2


def test_two_workers_ticking_at_once_send_every_ask_exactly_once(two_running: tuple[App, str, str]) -> None:
    import threading

    app, _, _ = two_running
    clock_of(app).set(ASK)
    done: list[list[str]] = []
    threads = [threading.Thread(target=lambda: done.append(app.execution.progress.run_rounds())) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(map(len, done)) == [0, 1]
    assert len([m for m in progress_mail(app) if m[0] == "progress.ask"]) == 4
    with app.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(reporting_rounds)).scalar_one() == 1


def test_a_report_for_a_project_that_is_not_running_is_refused_and_changes_nothing(any_app: App) -> None:
    register_cast(any_app.people)
    ref = submit(any_app.ideas)
    walk(any_app.ideas, any_app.programme, ref, Status.AKKOORD)
    clock_of(any_app).set(ASK)
    with pytest.raises(Refused) as refused:
        any_app.execution.progress.report(EMAIL["kernteam"], "test", ref, "Gestart")
    assert refused.value.code == "progress.not_running"
    assert any_app.chat.describe(refused.value, "nl") == (
        f"{ref} is geen lopend project (status: Besluit: akkoord), dus er wordt geen voortgang voor vastgelegd "
        f"(zie 'status {ref}')."
    )
    with pytest.raises(Refused, match=r"progress\.unknown_project"):
        any_app.execution.progress.report(EMAIL["kernteam"], "test", "ZOD-2026-9999", "Gestart")
    with any_app.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(moment_reports)).scalar_one() == 0


def test_a_report_outside_an_open_moment_or_by_an_outsider_is_refused(any_app: App) -> None:
    register_cast(any_app.people)
    ref = running(any_app)
    clock = clock_of(any_app)
    clock.set(ASK)
    with pytest.raises(Refused, match=r"progress\.moment\.closed"):
        any_app.execution.progress.report(EMAIL["kernteam"], "test", ref, "Te vroeg", moment="2027-09")
    with pytest.raises(Refused, match=r"progress\.moment\.outside_period"):
        any_app.execution.progress.report(EMAIL["kernteam"], "test", ref, "Te laat", moment="2029-03")
    with pytest.raises(Refused, match=r"progress\.moment\.not_configured"):
        any_app.execution.progress.report(EMAIL["kernteam"], "test", ref, "Geen moment", moment="2027-04")
    with pytest.raises(Refused, match=r"progress\.not_allowed"):
        any_app.execution.progress.report("iemand@elders.nl", "test", ref, "Ik ook")
    reply = any_app.execution.progress.report(DIRK, "test", ref, "Loopt", spent=Decimal("100"))
    assert reply.params == {"reference": ref, "moment": "2027-03", "spent": "€ 100,00"}
    again = any_app.execution.progress.report(EMAIL["kernteam"], "test", ref, "Loopt goed")
    assert again.code == "progress.recorded"
    with any_app.engine.connect() as conn:
        rows = conn.execute(select(moment_reports.c.text, moment_reports.c.reporter)).all()
    assert [tuple(r) for r in rows] == [("Loopt goed", EMAIL["kernteam"])]  # one report per moment, the latest


def test_the_console_form_asks_question_by_question_and_records_the_report(app: App) -> None:
    register_cast(app.people)
    ref = running(app)
    clock_of(app).set(ASK)
    session = app.chat.session(EMAIL["kernteam"], "console")
    first = app.chat.handle(session, f"voortgangsrapport {ref}")
    assert f"Wat is de voortgang van {ref} per maart 2027?" in first
    milestones = app.chat.handle(session, "De bussen rijden sinds januari")
    assert "Uit het voorstel: Drie bussen en 6.000 ritten per jaar" in milestones
    assert "Hoeveel is er tot nu toe besteed?" in app.chat.handle(session, "Twee bussen rijden")
    assert "geen bedrag" not in app.chat.handle(session, "12.500")
    done = app.chat.handle(session, "Chauffeurs")
    assert done == f"Voortgang van {ref} vastgelegd voor rapportagemoment 2027-03 (besteed tot nu toe: € 12.500,00)."
    with app.engine.connect() as conn:
        row = conn.execute(select(moment_reports)).one()
    assert (row.milestones, row.spent, row.risks) == ("Twee bussen rijden", Decimal("12500.00"), "Chauffeurs")
    _ = ADMIN


def test_imported_2021_projects_are_asked_too_their_penvoerder_s_people_or_else_the_kernteam(any_app: App) -> None:
    """The projects of `vaart budget import` (the 2021 table, running) are asked like any running project:
    the people of the penvoerder's organisation; a project without a known person is asked of the kernteam,
    and the messages say so."""
    from pathlib import Path

    from integrations.budget_import import read_budget_table
    from storage.tables_execution import moment_reports as reports

    register_cast(any_app.people)
    emmen = "j.dejong@emmen.nl"
    any_app.people.add(ADMIN, "test", emmen, "Jan de Jong", [], "Gemeente Emmen")  # "gem. Emmen" in the table
    table = read_budget_table(Path(__file__).parents[1] / "fixtures" / "uitvoeringsprogramma_2021.csv")
    any_app.budget.import_projects(ADMIN, "test", table, accept_differences=True)
    imported = {p.reference for p in table.projects}
    of_emmen = {p.reference for p in table.projects if p.penvoerder == "gem. Emmen"}
    assert "Werken:2" in of_emmen
    clock = clock_of(any_app)
    clock.set(ASK)
    [step] = any_app.execution.progress.run_rounds()
    asked = [r for p, r in progress_mail(any_app) if p == "progress.ask"]
    assert sorted(asked) == sorted([emmen] * len(of_emmen) + [EMAIL["kernteam"], EMAIL["kernteam2"]])
    c = tables.outbox.c
    with any_app.engine.connect() as conn:
        bundled = conn.execute(select(c.recipient, c.subject, c.body).where(
            c.key.like("progress:2027-03:ask:zonder-persoon:%"))).all()
    assert sorted(r.recipient for r in bundled) == sorted([EMAIL["kernteam"], EMAIL["kernteam2"]])
    orphans = imported - of_emmen
    assert f"{len(orphans)} projecten zonder bekende persoon" in bundled[0].subject
    assert "kent vaart geen regisseur of persoon van de penvoerder" in bundled[0].body
    assert all(ref in bundled[0].body for ref in sorted(orphans)[:10]) and "Werken:2 " not in bundled[0].body
    assert step == f"2027-03:ask:{len(of_emmen) + 2}"
    # the penvoerder's person reports in chat (console, in this process), without a function of the programme
    session = any_app.chat.session(emmen, "console")
    said = any_app.chat.handle(session, "voortgangsrapport Werken:2 De eerste fase loopt | besteed: 1.000")
    assert "Werken:2" in said and "2027-03" in said
    refused = any_app.chat.handle(any_app.chat.session(emmen, "console"), "voortgangsrapport Werken:1.1 Niet van mij")
    assert "Werken:1.1" in refused
    with any_app.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(reports)).scalar_one() == 1
    clock.set(REMIND)
    any_app.execution.progress.run_rounds()
    reminded = [r for p, r in progress_mail(any_app) if p == "progress.remind"]
    assert sorted(reminded) == sorted([emmen] * (len(of_emmen) - 1) + [EMAIL["kernteam"], EMAIL["kernteam2"]])
    clock.set(TELL)
    any_app.execution.progress.run_rounds()
    with any_app.engine.connect() as conn:
        told = conn.execute(select(c.body).where(c.key.like("progress:2027-03:tell:%"))).scalars().first()
    assert told is not None and "[geen bekende persoon: het kernteam is gevraagd]" in told
    from bot.reports.progress_report import render_progress_text

    lines = render_progress_text(any_app.execution.progress.overview("2027-03", "penvoerder", "nl")).splitlines()
    emmen_rows = [n for n, line in enumerate(lines) if "| gem. Emmen |" in line]
    assert any(lines[n + 1].endswith("De eerste fase loopt") for n in emmen_rows)  # Werken:2 reported
    assert any(lines[n + 1].endswith(": geen rapportage ontvangen") for n in emmen_rows)  # its person is known
    assert any(line.endswith("het kernteam is gevraagd)") for line in lines)  # nobody known: the report says so
    assert any_app.execution.progress.run_rounds() == []
