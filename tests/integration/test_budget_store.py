"""The budget in the store, on SQLite and PostgreSQL: spend requests under the €50,000 mandate,
stuurgroep decisions on money, the allocation an "akkoord" creates, the register and its exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.domain.budget_mandate import RequestStatus
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.reports import decision_register as reg
from scheduling.documents_package import PackageBuilder
from storage.audit import verify
from tests.cast import ANNA, EMAIL, IN_MEETING
from tests.scenario import budget_decision, register_cast, submit, walk

ADMIN = "beheer@vaart.local"
KERN = EMAIL["kernteam"]
DIRECTOR = EMAIL["director"]
STAF = EMAIL["staf"]
SG = [EMAIL["sg1"], EMAIL["sg2"]]


@pytest.fixture
def app(any_app: App) -> App:
    register_cast(any_app.people, organisation=lambda roles: "Gemeente Emmen" if "stuurgroep" in roles else None)
    return any_app


def count(app: App, sql: str) -> int:
    with app.engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def refused(code: str, call: object, *args: object, **kwargs: object) -> Refused:
    assert callable(call)
    with pytest.raises(Refused) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value
    return caught.value


def ask(app: App, amount: str, purpose: str = "Onderzoek vervoer kleine kernen", **kwargs: object) -> str:
    reply = app.budget.request(
        KERN, "test", Decimal(amount), purpose, kind=str(kwargs.pop("kind", "onderzoek")), **kwargs
    )  # type: ignore[arg-type]
    return str(reply.params["reference"])


def to_agenda(app: App, title: str = "Zorgbus") -> str:
    ref = submit(app.ideas, title, "Een bus", organisation="Zorgcoöperatie")
    walk(app.ideas, app.programme, ref, Status.GEAGENDEERD, meeting=date(2026, 12, 11))
    clock = app.clock
    assert isinstance(clock, ManualClock)
    clock.set(max(clock.now(), IN_MEETING))  # the stuurgroep decides in its meeting
    return ref


def test_a_request_under_the_mandate_is_approved_booked_audited_and_told(app: App) -> None:
    reply = app.budget.request(KERN, "test", Decimal("12500.00"), "Onderzoek vervoer kleine kernen", kind="onderzoek")
    assert reply.code == "budget.request.created"
    ref = reply.params["reference"]
    assert ref == "ZOD-U-2026-0001"
    approved = app.budget.approve(DIRECTOR, "test", ref)
    assert approved.code == "budget.request.approved"
    assert approved.params["available"] == "€ 237.500,00"
    request = app.budget.get_request(ref)
    assert (request.status, request.decided_by) == (RequestStatus.APPROVED, DIRECTOR)
    with app.engine.connect() as conn:
        rows = conn.execute(text("SELECT line_key, kind, amount, reference, note FROM ledger")).all()
        actions = [r[0] for r in conn.execute(text("SELECT action FROM audit_log ORDER BY seq"))]
        told = {r[0] for r in conn.execute(text("SELECT recipient FROM outbox WHERE key LIKE 'ZOD-U-%'"))}
    assert [tuple(r) for r in rows] == [("mandaat", "allocation", 1250000, ref, "mandaat")]
    assert actions[-2:] == ["spend_requested", "spend_approved"]
    assert told == {DIRECTOR, KERN}
    assert verify(app.engine)[0] == []
    balance = dict((line.key, b) for line, b in app.budget.lines())["mandaat"]
    assert (balance.committed, balance.available) == (Decimal("12500.00"), Decimal("237500.00"))


def test_below_the_limit_is_within_the_mandate_the_limit_itself_goes_to_the_stuurgroep(app: App) -> None:
    below = ask(app, "49999.99", "Verkenning samenwerking zorg", kind="samenwerking")
    at_limit = app.budget.request(KERN, "test", Decimal("50000.00"), "Haalbaarheidsonderzoek", kind="onderzoek")
    assert at_limit.code == "budget.request.referred"
    assert at_limit.params["reasons"] == ["budget.mandate.limit"]
    assert app.budget.approve(DIRECTOR, "test", below).code == "budget.request.approved"
    refused("budget.request.with_stuurgroep", app.budget.approve, DIRECTOR, "test", at_limit.params["reference"])
    assert [r.reference for r in app.budget.stuurgroep_requests()] == [at_limit.params["reference"]]


def test_a_project_programma_or_experiment_is_never_under_the_mandate(app: App) -> None:
    reply = app.budget.request(KERN, "test", Decimal("1000"), "Klein project", kind="project")
    assert reply.code == "budget.request.referred"
    assert reply.params["reasons"] == ["budget.mandate.excluded_kind"]


def test_the_requester_is_not_the_approver_and_only_the_director_approves(app: App) -> None:
    own = app.budget.request(DIRECTOR, "test", Decimal("5000"), "Eigen verkenning", kind="onderzoek")
    assert own.code == "budget.request.referred" and "budget.mandate.own_request" in own.params["reasons"]
    ref = ask(app, "5000")
    refused("budget.request.not_director", app.budget.approve, KERN, "test", ref)
    refused("budget.request.not_director", app.budget.approve, STAF, "test", ref)
    refused("budget.request.not_registered", app.budget.request, ANNA, "test", Decimal("10"), "x")
    assert app.budget.get_request(ref).status is RequestStatus.REQUESTED
    assert count(app, "SELECT COUNT(*) FROM ledger") == 0


def test_approving_or_rejecting_a_decided_request_is_refused_and_changes_nothing(app: App) -> None:
    ref = ask(app, "5000")
    app.budget.approve(DIRECTOR, "test", ref)
    refused("budget.request.already_decided", app.budget.approve, DIRECTOR, "test", ref)
    refused("budget.request.already_decided", app.budget.reject, DIRECTOR, "test", ref, "Toch niet")
    other = ask(app, "6000", "Ander onderzoek")
    refused("budget.request.reason_required", app.budget.reject, DIRECTOR, "test", other, " ")
    assert app.budget.reject(DIRECTOR, "test", other, "Past niet bij de opgave").code == "budget.request.rejected"
    refused("budget.request.already_decided", app.budget.approve, DIRECTOR, "test", other)
    assert count(app, "SELECT COUNT(*) FROM ledger") == 1
    with app.engine.connect() as conn:
        body = conn.execute(text("SELECT body FROM outbox WHERE key LIKE :k"), {"k": f"{other}%decided%"}).scalar_one()
    assert "Past niet bij de opgave" in body


def test_requests_for_one_purpose_that_together_reach_the_limit_are_flagged_as_splitting(app: App) -> None:
    first = ask(app, "30000", "Onderzoek mobiliteit ouderen")
    second = app.budget.request(KERN, "test", Decimal("25000"), "onderzoek  mobiliteit, ouderen!", kind="onderzoek")
    assert second.code == "budget.request.referred"
    assert second.params["reasons"] == ["budget.mandate.splitting"] and first in second.params["related"]
    split = app.budget.approve(DIRECTOR, "test", first)  # adds up with the second one: stuurgroep too
    assert split.code == "budget.request.referred" and split.params["reasons"] == ["budget.mandate.splitting"]
    idea = str(app.ideas.submit(ANNA, "test", "Dorpshuis", "Een dorpshuis").params["reference"])
    a = ask(app, "20000", "Verkenning locatie", idea_ref=idea)
    b = app.budget.request(
        KERN, "test", Decimal("30000"), "Gesprekken met bewoners", kind="samenwerking", idea_ref=idea
    )
    assert b.params["reasons"] == ["budget.mandate.splitting"] and b.params["related"] == a
    assert isinstance(app.clock, ManualClock)
    app.clock.advance(timedelta(days=91))  # outside the window the earlier request no longer counts
    later = ask(app, "30000", "Onderzoek mobiliteit ouderen")
    assert app.budget.approve(DIRECTOR, "test", later).code == "budget.request.approved"


def test_bad_input_is_refused_with_a_reason_and_nothing_changes(app: App) -> None:
    refused("amount.not_positive", app.budget.request, KERN, "test", Decimal("0"), "Onderzoek")
    refused("amount.not_positive", app.budget.request, KERN, "test", Decimal("-5"), "Onderzoek")
    refused("amount.too_many_decimals", app.budget.request, KERN, "test", Decimal("10.001"), "Onderzoek")
    refused("budget.line.unknown", app.budget.request, KERN, "test", Decimal("10"), "Onderzoek", line_key="nope")
    refused("budget.request.unknown_kind", app.budget.request, KERN, "test", Decimal("10"), "Onderzoek", kind="feest")
    refused("idea.unknown_reference", app.budget.request, KERN, "test", Decimal("10"), "x", idea_ref="ZOD-2026-0099")
    refused("budget.request.unknown", app.budget.approve, DIRECTOR, "test", "ZOD-U-2026-0042")
    refused("budget.line.unknown", app.budget.set_line, ADMIN, "test", "nope", Decimal("10"))
    assert count(app, "SELECT COUNT(*) FROM spend_requests") == 0
    with app.engine.connect() as conn:
        results = [r[0] for r in conn.execute(text("SELECT result FROM audit_log WHERE action LIKE 'spend%'"))]
    assert results and all(r.startswith("geweigerd") for r in results)


def test_the_ledger_is_append_only(app: App) -> None:
    app.budget.approve(DIRECTOR, "test", ask(app, "100"))
    for statement in ("UPDATE ledger SET amount = 1", "DELETE FROM ledger"):
        with app.engine.begin() as conn, pytest.raises(DBAPIError):
            conn.execute(text(statement))
    assert count(app, "SELECT SUM(amount) FROM ledger") == 10000


def test_a_stuurgroep_akkoord_on_an_idea_allocates_on_its_programmalijn(app: App) -> None:
    ref = to_agenda(app)
    app.ideas.decide(STAF, "test", ref, "akkoord", SG, "Breed gedragen", amount=Decimal("45000.00"))
    balances = {line.key: b for line, b in app.budget.lines()}
    assert balances["zorg_en_welzijn"].committed == Decimal("45000.00")
    report = app.budget.report("programmalijn")
    row = next(r for r in report.rows if r.group == "Zorg en Welzijn")
    assert (row.projects, row.total, row.allocated, row.remaining) == (
        1,
        Decimal("45000.00"),
        Decimal("45000.00"),
        Decimal("45000.00"),
    )
    assert app.budget.report("penvoerder").rows[0].group == "Zorgcoöperatie"


def test_the_report_by_penvoerder_uses_the_penvoerder_set_on_the_project(app: App) -> None:
    """§3.1 Penvoerderschap: the beschikking goes "naar een ontvanger", the project's own penvoerder,
    which is not always the submitter's organisation; set before or after the decision."""
    first, second = to_agenda(app, "Zorgbus"), to_agenda(app, "Buurtkamer")
    app.ideas.set_penvoerder(KERN, "test", first, "Gemeente Emmen")
    for ref in (first, second):
        app.ideas.decide(STAF, "test", ref, "akkoord", SG, "Breed gedragen", amount=Decimal("20000.00"))
    groups = {r.group: r.total for r in app.budget.report("penvoerder").rows}
    assert groups == {"Gemeente Emmen": Decimal("20000.00"), "Zorgcoöperatie": Decimal("20000.00")}
    app.ideas.set_penvoerder(STAF, "test", second, "Treant")
    groups = {r.group: r.total for r in app.budget.report("penvoerder").rows}
    assert groups == {"Gemeente Emmen": Decimal("20000.00"), "Treant": Decimal("20000.00")}
    with app.engine.connect() as conn:
        query = text("SELECT details FROM audit_log WHERE action = 'penvoerder_set' ORDER BY seq")
        details = [json.loads(row) for row in conn.execute(query).scalars()]
    assert details[-1] == {"status": "akkoord", "penvoerder": "Treant", "previous": "Zorgcoöperatie"}
    refused("idea.wrong_role", app.ideas.set_penvoerder, ANNA, "test", second, "Anna BV")


def test_the_vat_line_is_capped_by_the_programme_file(app: App) -> None:
    """§6: "(VAT) zijn begroot op 3%, te weten € 900.000,00 voor de komende 4 jaren"."""
    number = budget_decision(app)
    caught = refused("budget.line.over_cap", app.budget.set_line, ADMIN, "test", "vat", Decimal("950000"), number)
    assert caught.params["cap"] == "€ 900.000,00" and caught.params["source"].startswith("§6")
    assert {line.key: line.amount for line, _ in app.budget.lines()}["vat"] == Decimal("900000.00")
    app.budget.set_line(ADMIN, "test", "vat", Decimal("800000"), number)
    assert {line.key: line.amount for line, _ in app.budget.lines()}["vat"] == Decimal("800000.00")


def test_a_decision_on_a_line_without_room_is_refused_and_the_idea_stays_on_the_agenda(app: App) -> None:
    number = budget_decision(app)
    app.budget.set_line(ADMIN, "test", "zorg_en_welzijn", Decimal("40000"), number)
    ref = to_agenda(app)
    caught = refused(
        "budget.line.insufficient",
        app.ideas.decide,
        STAF,
        "test",
        ref,
        "akkoord",
        SG,
        "Goed",
        amount=Decimal("45000.00"),
    )
    assert caught.params["available"] == "€ 40.000,00"
    assert app.ideas.status(ANNA, ref).state is Status.GEAGENDEERD
    # nothing booked: the budget decision itself moves no money (tests.scenario.budget_decision)
    assert count(app, "SELECT COUNT(*) FROM ledger") + count(app, "SELECT COUNT(*) FROM decisions") == 0
    app.ideas.decide(STAF, "test", ref, "akkoord", SG, "Goed", amount=Decimal("40000.00"))
    refused("budget.line.below_committed", app.budget.set_line, ADMIN, "test", "zorg_en_welzijn", Decimal("39999"),
            number)
    refused("budget.lines.exceed_total", app.budget.set_line, ADMIN, "test", "mandaat", Decimal("29000000"),
            number)


def test_the_stuurgroep_decides_on_a_request_by_consensus_and_it_enters_the_register(app: App) -> None:
    big = app.budget.request(KERN, "test", Decimal("75000"), "Onderzoek arbeidsmarkt", kind="onderzoek")
    ref = big.params["reference"]
    refused("budget.decision.not_staf", app.budget.decide, DIRECTOR, "test", ref, "akkoord", SG, "Nodig")
    refused(
        "decision.no_consensus", app.budget.decide, STAF, "test", ref, "akkoord", SG, "Nodig", objections=["Te duur"]
    )
    refused("decision.not_stuurgroep", app.budget.decide, STAF, "test", ref, "akkoord", [KERN], "Nodig")
    refused("decision.unknown_outcome", app.budget.decide, STAF, "test", ref, "misschien", SG, "Nodig")
    reply = app.budget.decide(
        STAF, "test", ref, "akkoord", SG, "Nodig voor de arbeidsmarktagenda", decided_on=date(2026, 12, 11)
    )
    assert reply.params["number"] == "ZOD-B-2026-001"
    refused("budget.request.already_decided", app.budget.decide, STAF, "test", ref, "afgewezen", SG, "Toch niet")
    assert count(app, "SELECT SUM(amount) FROM ledger WHERE note = 'stuurgroep'") == 7500000
    idea = to_agenda(app)
    app.ideas.decide(STAF, "test", idea, "afgewezen", SG, "Niet nu")
    entries = app.budget.register()
    assert [(e.number, e.kind, e.outcome) for e in entries] == [
        ("ZOD-B-2026-001", "uitgave", "akkoord"),
        ("ZOD-B-2026-002", "idee", "afgewezen"),
    ]
    assert entries[0].present == tuple(SG) and entries[0].requester == KERN


def test_the_register_marks_personal_data_and_the_woo_variant_replaces_it(app: App) -> None:
    ref = app.budget.request(KERN, "test", Decimal("60000"), "Onderzoek", kind="onderzoek").params["reference"]
    app.budget.decide(STAF, "test", ref, "afgewezen", SG, "Niet nodig")
    entries = app.budget.register()
    plain = json.loads(reg.export_json(entries))
    assert plain[0]["persoonsgegevens"] == ["consensus.present", "requester"]
    assert plain[0]["consensus"]["present"] == SG and plain[0]["gelakt"] is False
    woo = json.loads(reg.export_json(entries, reg.woo_describer(app.people.list(), app.programme)))
    assert woo[0]["consensus"]["present"] == ["Stuurgroep, Gemeente Emmen"] * 2
    assert woo[0]["requester"] == "Kernteam" and woo[0]["gelakt"] is True
    rows = list(csv.reader(io.StringIO(reg.export_csv(entries).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Nummer" and rows[0][9] == "Aanwezig (besluitvormend)*"
    assert rows[1][-1] == "Aanwezig (besluitvormend), Aanvrager"
    assert reg.export_xlsx(entries)[:2] == b"PK"


def test_the_mandate_report_lists_what_was_settled_since_the_last_meeting(app: App) -> None:
    assert isinstance(app.clock, ManualClock)
    old = ask(app, "1000", "Oud onderzoek")
    app.budget.approve(DIRECTOR, "test", old)
    app.clock.advance(timedelta(days=30))
    new = ask(app, "2500", "Nieuw onderzoek")
    app.budget.approve(DIRECTOR, "test", new)
    gone = ask(app, "700", "Afgewezen onderzoek")
    app.budget.reject(DIRECTOR, "test", gone, "Dubbel")
    waiting = app.budget.request(KERN, "test", Decimal("80000"), "Groot", kind="onderzoek").params["reference"]
    text_ = app.budget.mandate_report(date(2026, 12, 1))
    assert new in text_ and old not in text_ and gone in text_ and waiting in text_
    assert "Totaal onder mandaat: € 2.500,00 in 1 verzoek." in text_
    with app.engine.connect() as conn:  # what the reminder runner puts in the stuurgroep's package
        package = PackageBuilder(conn, app.programme, app.budget.config.mandate.limit)
        assert package.mandate(date(2026, 12, 1), "nl") == text_


def test_the_budget_command_answers_with_a_table_and_a_chart_where_images_show(app: App) -> None:
    session = app.chat.session(DIRECTOR, "teams")
    session.extra["images"] = True
    answer = app.chat.handle(session, "budget programmalijn")
    assert answer.startswith("Er zijn nog geen projecten") and "attachments" not in session.extra
    app.budget.approve(DIRECTOR, "test", ask(app, "1000"))
    answer = app.chat.handle(session, "budget")
    assert "Toegekend, beschikt, besteed en resterend" in answer and "€ 1.000,00" in answer
    [chart] = session.extra["attachments"]
    assert chart["mime"] == "image/png" and chart["data"][:4] == b"\x89PNG"
    assert "kies uit" in app.chat.handle(session, "budget gemeente")


def test_a_repeated_approval_is_answered_from_memory(app: App) -> None:
    ref = ask(app, "3000")
    first = app.budget.approve(DIRECTOR, "slack", ref, request_key="slack:Ev1")
    again = app.budget.approve(DIRECTOR, "slack", ref, request_key="slack:Ev1")
    assert first == again
    assert count(app, "SELECT COUNT(*) FROM ledger") == 1


@pytest.mark.parametrize("by", ["pijler", "programmalijn", "penvoerder"])
def test_the_report_summed_in_the_database_equals_the_report_of_every_row(app: App, by: str) -> None:
    """`budget` reads sums per group and tranche (a few rows at any size); the figures, the order of
    the groups and of the tranches are those `compute_report` makes of every project and booking."""
    from bot.reports.budget_report import compute_report
    from bot.services.ports.budget import budget_uow
    from integrations.budget_import import read_budget_table
    from tests.bench.scale_store import FIXTURE

    app.budget.import_projects(ADMIN, "test", read_budget_table(FIXTURE), accept_differences=True)
    ref = to_agenda(app)
    app.ideas.decide(STAF, "test", ref, "akkoord", SG, "Breed gedragen", amount=Decimal("45000.00"))
    no_group = "(geen)"
    with app.budget.ctx.uow_factory() as uow:
        repo = budget_uow(uow).budget
        every_row = compute_report(repo.projects(), repo.ledger_by_group(by, no_group), by=by,  # type: ignore[arg-type]
                                   tranches=app.budget.config.tranches or None, no_group=no_group)
    summed = app.budget.report(by)
    assert summed == every_row
    assert len(summed.rows) > 3 and sum(r.projects for r in summed.rows) > 10
