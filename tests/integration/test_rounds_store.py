"""The schriftelijke ronde on both databases: a round on a proposal and on a spend request above the
mandate, its votes, the reminders the worker sends once (also after downtime), the closing at the
deadline or when everyone voted, the decision through the usual path; migration 0013 up and down."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import inspect, text

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.domain.timezone import AMSTERDAM
from bot.worker import run_once
from storage.engine import make_engine
from storage.migrate import downgrade, upgrade
from tests.cast import EMAIL
from tests.scenario import register_cast, submit, walk

STAF, SG1, SG2 = EMAIL["staf"], EMAIL["sg1"], EMAIL["sg2"]
DEADLINE = date(2026, 11, 27)  # the clock starts on Monday 23 November 2026, 09:30


@pytest.fixture
def app(any_app: App) -> App:
    register_cast(any_app.people)
    return any_app


def rows(app: App, sql: str) -> list[tuple[object, ...]]:
    with app.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def outbox(app: App, event: str) -> list[tuple[str, str]]:
    found = []
    for recipient, key, payload in rows(app, "SELECT recipient, key, payload FROM outbox ORDER BY id"):
        data = payload if isinstance(payload, dict) else json.loads(str(payload))
        if data.get("event") == event:
            found.append((str(recipient), str(key)))
    return found


def proposal(app: App) -> str:
    ref = submit(app.ideas)
    walk(app.ideas, app.programme, ref, Status.GETOETST)
    return ref


def clock_of(app: App) -> ManualClock:
    assert isinstance(app.clock, ManualClock)
    return app.clock


def refused(code: str, call: object, *args: object, **kwargs: object) -> None:
    assert callable(call)
    with pytest.raises(Refused) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code


def test_everyone_agreeing_records_the_akkoord_with_the_rounds_record_at_once(app: App) -> None:
    ref = proposal(app)
    started = app.rounds.start(STAF, "test", ref, DEADLINE, Decimal("45000"), "Kan niet wachten tot juni")
    round_ref = started.params["reference"]
    assert round_ref == "ZOD-R-2026-001" and started.params["count"] == 2
    assert sorted(r for r, _ in outbox(app, "round.ask")) == sorted([SG1, SG2])
    app.rounds.vote(SG1, "test", round_ref, "akkoord")
    assert app.ideas.find(ref).status == Status.GETOETST.value  # one still to answer
    app.rounds.vote(SG2, "test", ref, "onthouding")  # the subject's reference finds its open round too
    idea = app.ideas.find(ref)
    assert idea is not None and idea.status == Status.AKKOORD.value
    decision = idea.decisions[-1]
    assert decision.present == [SG1] and decision.amount == Decimal("45000.00")
    assert decision.decided_on == date(2026, 11, 23)
    assert round_ref in decision.considerations and "Bert Bestuur (23-11-2026 09:30)" in decision.considerations
    assert "onthouding: Carla College" in decision.considerations
    done = app.rounds.get(round_ref)
    assert done.status.value == "consensus" and done.decision_number == decision.number
    assert [e.number for e in app.ideas.register()][-1] == decision.number
    record = rows(app, "SELECT details FROM audit_log WHERE action = 'round_closed'")
    assert len(record) == 1 and "onthouding" in str(record[0][0])
    assert len(outbox(app, "round.closed_consensus")) == 3  # both members and the staf


def test_an_objection_means_no_consensus_and_nothing_is_decided(app: App) -> None:
    ref = proposal(app)
    round_ref = app.rounds.start(STAF, "test", ref, DEADLINE, Decimal("45000")).params["reference"]
    app.rounds.vote(SG1, "test", round_ref, "bezwaar", "Eerst een business case")
    app.rounds.vote(SG2, "test", round_ref, "akkoord")
    idea = app.ideas.find(ref)
    assert idea is not None and idea.status == Status.GETOETST.value and not idea.decisions
    assert app.rounds.get(round_ref).status.value == "geen_consensus"
    told = {r for r, _ in outbox(app, "round.closed_geen_consensus")}
    assert {SG1, SG2, STAF, idea.submitter} <= told
    # a new round may start now the first one is closed
    assert app.rounds.start(STAF, "test", ref, DEADLINE, Decimal("45000")).params["reference"] == "ZOD-R-2026-002"


def test_silence_is_no_consent_so_the_deadline_closes_without_a_decision(app: App) -> None:
    ref = proposal(app)
    round_ref = app.rounds.start(STAF, "test", ref, DEADLINE, Decimal("45000")).params["reference"]
    app.rounds.vote(SG1, "test", round_ref, "akkoord")
    clock_of(app).set(datetime(2026, 11, 27, 23, 59, tzinfo=AMSTERDAM))
    assert app.rounds.run_due() == (1, 0)  # the last minute: still open, one reminder (the latest) to Carla
    clock_of(app).set(datetime(2026, 11, 28, 0, 0, tzinfo=AMSTERDAM))
    refused("round.after_deadline", app.rounds.vote, SG2, "test", round_ref, "akkoord")
    assert app.rounds.run_due() == (0, 1)
    assert app.rounds.get(round_ref).status.value == "geen_consensus"
    assert app.ideas.find(ref).status == Status.GETOETST.value
    assert app.rounds.run_due() == (0, 0)  # closed once


def test_a_spend_request_above_the_mandate_is_decided_in_writing_and_books_the_money(app: App) -> None:
    reply = app.budget.request(EMAIL["kernteam"], "test", Decimal("60000"), "Onderzoek mobiliteit", kind="onderzoek")
    spend = reply.params["reference"]
    refused("round.amount_for_proposals", app.rounds.start, STAF, "test", spend, DEADLINE, Decimal("1"))
    round_ref = app.rounds.start(STAF, "test", spend, DEADLINE).params["reference"]
    app.rounds.vote(SG1, "test", round_ref, "akkoord")
    app.rounds.vote(SG2, "test", round_ref, "akkoord")
    request = app.budget.get_request(spend)
    assert request.status.value == "approved"
    assert app.rounds.get(round_ref).decision_number in {e.number for e in app.budget.register()}


def test_the_worker_reminds_who_has_not_voted_once_and_after_downtime_only_the_latest(app: App) -> None:
    ref = proposal(app)
    round_ref = app.rounds.start(STAF, "test", ref, date(2026, 12, 4), Decimal("45000")).params["reference"]
    app.rounds.vote(SG1, "test", round_ref, "akkoord")
    clock_of(app).set(datetime(2026, 12, 1, 8, 59, tzinfo=AMSTERDAM))
    assert app.rounds.run_due() == (0, 0)
    # the worker was down from before the 3-day reminder (1 Dec 09:00) until after the 1-day one (3 Dec 09:00)
    clock_of(app).set(datetime(2026, 12, 3, 10, 0, tzinfo=AMSTERDAM))
    assert app.rounds.run_due() == (1, 0)
    assert app.rounds.run_due() == (0, 0)
    assert [(r, k.split(":")[2]) for r, k in outbox(app, "round.reminder")] == [(SG2, "1")]
    assert app.rounds.get(round_ref).reminders_sent == (1, 3)


def test_bad_input_is_refused_and_nothing_changes(app: App) -> None:
    ref = submit(app.ideas)
    refused("round.not_a_proposal", app.rounds.start, STAF, "test", ref, DEADLINE, Decimal("45000"))
    refused("round.not_a_proposal", app.rounds.start, STAF, "test", "ZOD-U-2026-0099", DEADLINE)
    walk(app.ideas, app.programme, ref, Status.GETOETST)
    refused("round.wrong_role", app.rounds.start, SG1, "test", ref, DEADLINE, Decimal("45000"))
    refused("round.amount_required", app.rounds.start, STAF, "test", ref, DEADLINE)
    refused("round.deadline_not_ahead", app.rounds.start, STAF, "test", ref, date(2026, 11, 23), Decimal("1"))
    refused("round.deadline_outside_period", app.rounds.start, STAF, "test", ref, date(2028, 1, 3), Decimal("1"))
    assert rows(app, "SELECT COUNT(*) FROM written_rounds") == [(0,)]
    round_ref = app.rounds.start(STAF, "test", ref, DEADLINE, Decimal("45000")).params["reference"]
    refused("round.already_open", app.rounds.start, STAF, "test", ref, DEADLINE, Decimal("45000"))
    refused("round.not_member", app.rounds.vote, EMAIL["kernteam"], "test", round_ref, "akkoord")
    refused("round.reason_required", app.rounds.vote, SG1, "test", round_ref, "bezwaar", " ")
    refused("text.invisible_characters", app.rounds.vote, SG1, "test", round_ref, "bezwaar", "Nee\u202e tsoK")
    refused("round.unknown_choice", app.rounds.vote, SG1, "test", round_ref, "misschien")
    assert app.rounds.vote(SG1, "test", round_ref, "akkoord").code == "round.voted"
    assert app.rounds.vote(SG1, "test", round_ref, "akkoord").code == "round.vote_unchanged"
    refused("round.already_voted", app.rounds.vote, SG1, "test", round_ref, "bezwaar", "Toch niet")
    assert rows(app, "SELECT COUNT(*) FROM round_votes") == [(1,)]


def test_run_once_of_the_worker_closes_a_round_past_its_deadline(app: App) -> None:
    ref = proposal(app)
    round_ref = app.rounds.start(STAF, "test", ref, DEADLINE, Decimal("45000")).params["reference"]
    clock_of(app).set(datetime(2026, 11, 28, 9, 0, tzinfo=AMSTERDAM) + timedelta(days=1))
    run_once(app)
    assert app.rounds.get(round_ref).status.value == "geen_consensus"


def test_migration_0013_goes_down_and_up_again(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    assert {"written_rounds", "round_votes"} <= set(inspect(engine).get_table_names())
    downgrade(engine, "0012_teams_drafts")
    assert not {"written_rounds", "round_votes"} & set(inspect(engine).get_table_names())
    upgrade(engine)
    assert {"written_rounds", "round_votes"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_the_next_meetings_documents_package_reports_the_decisions_taken_in_writing(app: App) -> None:
    from scheduling.documents_package import PackageBuilder

    ref = proposal(app)
    round_ref = app.rounds.start(STAF, "test", ref, DEADLINE, Decimal("45000")).params["reference"]
    app.rounds.vote(SG1, "test", round_ref, "akkoord")
    app.rounds.vote(SG2, "test", round_ref, "akkoord")
    number = app.rounds.get(round_ref).decision_number
    with app.engine.connect() as conn:
        text_nl = PackageBuilder(conn, app.programme, Decimal("50000")).package(None, date(2026, 12, 11), "nl").text
        text_en = PackageBuilder(conn, app.programme, Decimal("50000")).package(None, date(2026, 12, 11), "en").text
        before = PackageBuilder(conn, app.programme, Decimal("50000")).package(None, date(2026, 11, 23), "nl").text
    assert "Besluiten genomen via schriftelijke ronde" in text_nl
    assert f"{round_ref} over {ref} (Zorgbus): consensus, besluit {number}, gesloten 23-11-2026" in text_nl
    assert f"{round_ref} on {ref} (Zorgbus): consensus, decision {number}" in text_en
    assert round_ref not in before  # a meeting before the round closed does not report it


def test_a_round_whose_subject_was_decided_in_the_meeting_meanwhile_lapses_on_record(app: App) -> None:
    ref = submit(app.ideas)
    walk(app.ideas, app.programme, ref, Status.GEAGENDEERD)
    round_ref = app.rounds.start(STAF, "test", ref, date(2026, 12, 18), Decimal("45000")).params["reference"]
    walk_to_meeting = datetime(2026, 12, 11, 11, 0, tzinfo=AMSTERDAM)
    clock_of(app).set(walk_to_meeting)
    app.ideas.decide(STAF, "test", ref, "afgewezen", [SG1, SG2], "Past niet")
    app.rounds.vote(SG1, "test", round_ref, "akkoord")
    app.rounds.vote(SG2, "test", round_ref, "akkoord")
    done = app.rounds.get(round_ref)
    assert done.status.value == "vervallen" and done.decision_number is None
    idea = app.ideas.find(ref)
    assert idea is not None and idea.status == Status.AFGEWEZEN.value and len(idea.decisions) == 1
    assert [r for r, _ in outbox(app, "round.closed_vervallen")] == [STAF]
    assert rows(app, "SELECT COUNT(*) FROM audit_log WHERE action = 'round_lapsed'") == [(1,)]


def test_a_proposal_decided_in_writing_leaves_the_agenda_of_the_coming_meeting(app: App) -> None:
    ref = submit(app.ideas)
    walk(app.ideas, app.programme, ref, Status.GEAGENDEERD)
    assert [item.idea_reference for item, _ in app.meetings.agenda(date(2026, 12, 11)).items] == [ref]
    round_ref = app.rounds.start(STAF, "test", ref, DEADLINE, Decimal("45000")).params["reference"]
    app.rounds.vote(SG1, "test", round_ref, "akkoord")
    app.rounds.vote(SG2, "test", round_ref, "akkoord")
    assert app.ideas.find(ref).status == Status.AKKOORD.value
    assert app.meetings.agenda(date(2026, 12, 11)).items == []  # nothing is left to decide there
    trail = rows(app, "SELECT object, details FROM audit_log WHERE action = 'agenda_removed'")
    assert len(trail) == 1 and trail[0][0] == ref and "2026-12-11" in str(trail[0][1])


def test_a_round_everyone_voted_on_whose_closing_was_interrupted_closes_on_the_workers_next_turn(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = proposal(app)
    round_ref = app.rounds.start(STAF, "test", ref, date(2026, 12, 30), Decimal("45000")).params["reference"]
    monkeypatch.setattr(app.rounds, "_close", lambda reference, origin: False)  # the process dies after the vote
    app.rounds.vote(SG1, "test", round_ref, "akkoord")
    app.rounds.vote(SG2, "test", round_ref, "akkoord")
    assert app.rounds.get(round_ref).status.value == "open"
    monkeypatch.undo()
    clock_of(app).set(datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM))  # five weeks before the deadline
    assert app.rounds.run_due() == (0, 1)
    assert app.rounds.get(round_ref).status.value == "consensus"
    assert app.ideas.find(ref).status == Status.AKKOORD.value
