"""The programme cycle on both databases: budget lines set by stuurgroep decision with their history
(§6), objections routed and tracked (§3.1), escalation to the ambtelijk facilitators (§3.2), the DIN
coverage next to a hand-written SQL of the same figures (§5), and migration 0011 up and down."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import inspect, text

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.domain.errors import Refused
from bot.reports import decision_register as reg
from storage.engine import make_engine
from storage.migrate import downgrade, upgrade
from tests.cast import ANNA, EMAIL
from tests.scenario import ADMIN, budget_decision, register_cast, spend_decision, submit

FACILITATOR = "h.secretaris@emmen.nl"


@pytest.fixture
def app(any_app: App) -> App:
    register_cast(any_app.people)
    any_app.people.add(ADMIN, "test", FACILITATOR, "Hanneke Secretaris", ["ambtelijk_facilitator"])
    return any_app


def rows(app: App, sql: str) -> list[tuple[object, ...]]:
    with app.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def payload(value: object) -> dict[str, object]:
    """An outbox payload as read back: JSON text on SQLite, a dict on PostgreSQL."""
    return value if isinstance(value, dict) else json.loads(str(value))


def refused(code: str, call: object, *args: object) -> Refused:
    assert callable(call)
    with pytest.raises(Refused) as caught:
        call(*args)
    assert caught.value.code == code
    return caught.value


def test_a_budget_line_changes_only_by_a_recorded_decision_and_keeps_its_history(app: App) -> None:
    """§6: the stuurgroep adopts the begroting and each revision."""
    refused("budget.line.decision_needed", app.budget.set_line, ADMIN, "test", "vat", Decimal("800000"))
    refused("budget.line.decision_unknown", app.budget.set_line, ADMIN, "test", "vat", Decimal("800000"),
            "ZOD-B-2026-999")
    assert rows(app, "SELECT COUNT(*) FROM budget_line_changes") == [(0,)]
    number = budget_decision(app)
    refused("budget.line.over_cap", app.budget.set_line, ADMIN, "test", "vat", Decimal("950000"), number)
    reply = app.budget.set_line(ADMIN, "test", "vat", Decimal("800000"), number)
    assert reply.params["before"] == "€ 900.000,00" and reply.params["decision"] == number
    app.budget.set_line(ADMIN, "test", "vat", Decimal("850000"), number)
    history = app.budget.line_history("vat").items
    assert [(c.amount_before, c.amount_after, c.decision_number, c.changed_by) for c in history] == [
        (Decimal("900000.00"), Decimal("800000.00"), number, ADMIN),
        (Decimal("800000.00"), Decimal("850000.00"), number, ADMIN),
    ]
    audit = rows(app, "SELECT details FROM audit_log WHERE action = 'budget_line_set' AND result = 'ok'")
    assert payload(audit[0][0])["decision"] == number
    page = app.budget.line_history("vat", limit=1)
    assert len(page.items) == 1 and page.more == 1 and page.after is not None
    assert app.budget.line_history("vat", after=page.after, limit=1).items == [history[1]]


def test_a_budget_line_cites_a_budget_decision_of_the_stuurgroep_not_an_akkoord_on_a_proposal(app: App) -> None:
    """§6: the begroting and each yearly revision are stuurgroep decisions of their own kind."""
    spend = spend_decision(app)
    refused("budget.line.decision_not_budget", app.budget.set_line, ADMIN, "test", "vat", Decimal("800000"), spend)
    refused("budget.resolution.not_allowed", app.budget.record_budget_decision, ANNA, "test", date(2026, 12, 11),
            "herziening", "Vastgesteld")
    refused("budget.resolution.no_meeting", app.budget.record_budget_decision, EMAIL["staf"], "test",
            date(2026, 12, 10), "herziening", "Vastgesteld")
    refused("budget.resolution.in_future", app.budget.record_budget_decision, EMAIL["staf"], "test",
            date(2026, 12, 11), "herziening", "Vastgesteld")
    assert rows(app, "SELECT COUNT(*) FROM budget_resolutions") == [(0,)]
    number = budget_decision(app)
    assert number == "ZOD-B-2026-002"  # the register's one counter: the spend decision was 001
    assert app.budget.set_line(ADMIN, "test", "vat", Decimal("800000"), number).params["decision"] == number
    entry = app.ideas.decision(number)
    assert entry is not None and entry.kind == "begroting" and entry.reference == "herziening"
    assert [e.number for e in app.ideas.register() if e.kind == "begroting"] == [number]
    [(meeting,)] = rows(app, "SELECT meeting_id FROM budget_resolutions")
    assert meeting is not None


def test_an_objection_on_content_goes_onto_the_next_stuurgroep_agenda_and_marks_the_register(app: App) -> None:
    """§3.1: "een uitspraak over de inhoud aan de stuurgroep"."""
    number = budget_decision(app)
    refused("objection.unknown_decision", app.objections.file, ANNA, "test", "ZOD-B-2026-404", "inhoud", "Oneens")
    reply = app.objections.file(ANNA, "test", number, "inhoud", "De afweging klopt niet")
    assert reply.code == "objection.filed_inhoud"
    ref = reply.params["reference"]
    found = app.objections.get(ref)
    assert found.filed_by == ANNA and found.decision_number == number and found.meeting_id is not None
    day = date.fromisoformat(found.routed_to)  # the first meeting whose route is still open (the agenda rule)
    assert [o.reference for o in app.meetings.agenda(day).objections] == [ref]
    entries = app.ideas.register()
    assert [e.under_objection for e in entries if e.number == number] == [1]
    assert "[bezwaar: 1]" in reg.render_text(entries)
    assert json.loads(reg.export_json(entries))[0]["under_objection"] == 1
    assert "Bezwaren aangetekend" in reg.export_csv(entries).decode("utf-8-sig")
    staf = rows(app, f"SELECT recipient FROM outbox WHERE key LIKE '{ref}:%'")
    assert staf == [(EMAIL["staf"],)]  # the staf is told, in the same transaction


def test_an_objection_on_the_process_is_mailed_to_the_province_and_tracked_to_its_outcome(app: App) -> None:
    number = budget_decision(app)
    reply = app.objections.file(ANNA, "test", number, "proces", "Ik ben niet gehoord")
    ref = reply.params["reference"]
    province = rows(app, "SELECT recipient, payload FROM outbox WHERE recipient LIKE 'bezwarencommissie@%'")
    assert len(province) == 1 and payload(province[0][1]).get("mail_only") is True
    refused("objection.wrong_role", app.objections.handle, EMAIL["kernteam"], "test", ref, "Bekeken")
    assert app.objections.handle(EMAIL["staf"], "test", ref, "Doorgestuurd").code == "objection.in_handling"
    done = app.objections.handle(EMAIL["staf"], "test", ref, "Oordeel gevolgd", "Ongegrond")
    assert done.code == "objection.handled" and app.objections.get(ref).outcome == "Ongegrond"
    refused("objection.closed", app.objections.handle, EMAIL["staf"], "test", ref, "Nog eens")
    assert [o.reference for o in app.objections.page(open_only=False).items] == [ref]
    assert app.objections.page().items == []
    assert len(rows(app, f"SELECT id FROM outbox WHERE recipient = '{ANNA}'")) == 2  # in handling, closed


def test_an_objection_after_the_term_is_refused_and_nothing_is_recorded(app: App) -> None:
    number = budget_decision(app)
    assert isinstance(app.clock, ManualClock)
    app.clock.advance(timedelta(days=43))
    refused("objection.too_late", app.objections.file, ANNA, "test", number, "inhoud", "Te laat")
    assert rows(app, "SELECT COUNT(*) FROM objections") == [(0,)]


def test_an_escalation_reaches_the_facilitators_in_chat_and_by_mail_until_one_records_the_outcome(app: App) -> None:
    """§3.2: three secretarissen act as ambtelijk facilitators "in gebeurtenissen die vragen om escalatie"."""
    ref = submit(app.ideas)
    refused("escalation.wrong_role", app.escalations.escalate, EMAIL["staf"], "test", ref, "Loopt vast")
    refused("escalation.unknown_subject", app.escalations.escalate, EMAIL["kernteam"], "test", "ZOD-2026-0404", "x")
    before = rows(app, "SELECT COUNT(*) FROM outbox")[0][0]
    reply = app.escalations.escalate(EMAIL["kernteam"], "test", ref, "Partners zijn het oneens over de penvoerder")
    assert reply.code == "escalation.raised"
    sent = rows(app, "SELECT recipient, payload FROM outbox")[int(str(before)):]
    assert len(sent) == 8  # four facilitators (three in the file, one in the store), each in chat and by mail
    assert sum(1 for _, p in sent if payload(p).get("mail_only")) == 4
    refused("escalation.already_open", app.escalations.escalate, EMAIL["director"], "test", ref, "Nog steeds")
    refused("escalation.not_facilitator", app.escalations.conclude, EMAIL["kernteam"], "test", ref, "Opgelost")
    done = app.escalations.conclude(FACILITATOR, "test", ref, "Emmen wordt penvoerder")
    assert done.code == "escalation.concluded"
    [escalation] = app.escalations.of(ref)
    assert escalation.outcome == "Emmen wordt penvoerder" and escalation.outcome_by == FACILITATOR
    refused("escalation.unknown", app.escalations.conclude, FACILITATOR, "test", ref, "Nog eens")


def test_the_coverage_overview_equals_a_hand_written_sql_of_the_same_figures(app: App) -> None:
    submit(app.ideas, programmalijn="Zorg en Welzijn")
    submit(app.ideas, title="Leerwerkplaats", programmalijn="Leven Lang Ontwikkelen")
    report = app.coverage.overview()
    empty = [r for r in report.rows if r.empty]
    assert list(report.rows[: len(empty)]) == empty and empty  # nothing linked: first
    hand = rows(app, "SELECT d.kind, d.value, COUNT(*) FROM idea_din d JOIN ideas i ON i.id = d.idea_id "
                     "GROUP BY d.kind, d.value")
    figures = {(r.kind, r.name): r.linked for r in report.rows if not r.empty}
    assert figures == {(str(k), str(v)): int(str(n)) for k, v, n in hand}
    assert report.heat[("Zorg en Welzijn", app.programme.opgaven[4])] == 1


def test_migration_0011_fills_the_din_rows_from_the_ideas_and_goes_down_and_up_again(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0010_programme_rules")
    din = json.dumps({"opgaven": ["Kansengelijkheid"], "programmalijn": "Zorg en Welzijn", "subdoelen": [],
                      "principes": ["Impact voor de regio"]})
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO ideas (reference, title, description, submitter, submitted_at, origin, status, designers, "
            "parts, din, recusals, version) VALUES ('ZOD-2026-0001', 'Zorgbus', 'x', 'a@b.nl', "
            "'2026-11-23 08:00:00+00:00', 'test', 'ingediend', '[]', '{}', :din, '{}', 1)"), {"din": din})
    upgrade(engine)
    with engine.connect() as conn:
        found = sorted(tuple(r) for r in conn.execute(text("SELECT kind, value FROM idea_din")))
    assert found == [("opgave", "Kansengelijkheid"), ("principe", "Impact voor de regio"),
                     ("programmalijn", "Zorg en Welzijn")]
    downgrade(engine, "0010_programme_rules")
    assert not {"idea_din", "objections", "escalations", "budget_line_changes"} & set(inspect(engine).get_table_names())
    upgrade(engine)
    engine.dispose()
