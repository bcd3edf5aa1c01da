"""The per-member-body procedure in the store, on SQLite and PostgreSQL: migration 0013_vdg up and down,
and a VDG proposal's PHO advice and college decisions written in one transaction with their audit entries."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.services.member_bodies import MemberBodyService
from storage.engine import make_engine
from storage.migrate import current_revision, downgrade, head_revision, upgrade
from storage.unit_of_work import SqlAlchemyUnitOfWork
from tests.e2e.test_console_vdg import GEMEENTEN, PARTS, REGISSEUR, VDG, accounthouder

TABLES = {"preparatory_advices", "body_decisions"}


def test_migration_0013_adds_the_member_body_tables_and_takes_them_away_again(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0013_rounds")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO counters (name, value) VALUES ('decision:2026', 4)"))
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) >= TABLES
    downgrade(engine, "0013_rounds")
    assert not TABLES & set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM counters WHERE name = 'decision:2026'")).scalar_one() == 4
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


@pytest.fixture
def vdg_app(tmp_path: Path, clock: ManualClock, database_url: str) -> Iterator[App]:
    env = {"VAART_VAR_DIR": str(tmp_path / "var"), "VAART_PROGRAMME": str(VDG), "VAART_DATABASE_URL": database_url}
    app = build(Settings.from_env(env), clock=clock)
    app.people.add("beheer@vaart.local", "test", REGISSEUR, "Pim Regisseur", ["kernteam"])
    for gemeente in GEMEENTEN:
        app.people.add("beheer@vaart.local", "test", accounthouder(gemeente), f"A {gemeente}", ["accounthouder"])
    yield app
    app.close()


def _with_the_colleges(app: App, title: str) -> str:
    """A complete proposal walked to the colleges: the PHO's positive advice recorded; its reference."""
    ideas, bodies = app.ideas, app.member_bodies
    assert bodies is not None
    ref = str(ideas.submit("i@voorbeeld.nl", "console", title, "Samen").params["reference"])
    ideas.pick_up(REGISSEUR, "console", ref)
    ideas.conclude_orientation(REGISSEUR, "console", ref, "ontwerpteam", [REGISSEUR])
    ideas.start_proposal(REGISSEUR, "console", ref, "project")
    for key, value in PARTS.items():
        ideas.set_part(REGISSEUR, "console", ref, key, value)
    for kind, value in (("opgave", "2"), ("programmalijn", "2"), ("subdoel", "1"), ("principe", "1")):
        ideas.link_din(REGISSEUR, "console", ref, kind, value)
    bodies.preparatory_advice(REGISSEUR, "console", ref, "positief", "Aanbevolen")
    return ref


def test_college_decisions_are_stored_once_per_college_with_their_audit_entries(vdg_app: App) -> None:
    ideas, bodies = vdg_app.ideas, vdg_app.member_bodies
    assert bodies is not None
    ref = _with_the_colleges(vdg_app, "Warmte")
    waiting = ideas.mine(accounthouder("Emmen")).tasks  # with the colleges: a task of each accounthouder
    assert [i.reference for i in waiting.items] == [ref] and waiting.more == 0
    bodies.body_decision(accounthouder("Emmen"), "console", ref, "Emmen", "akkoord", "mits evaluatie")
    assert not ideas.mine(accounthouder("Emmen")).tasks.items  # Emmen's college has decided
    assert [i.reference for i in ideas.mine(accounthouder("Assen")).tasks.items] == [ref]
    with pytest.raises(Refused):
        bodies.body_decision(accounthouder("Emmen"), "console", ref, "Emmen", "afgewezen")
    state = bodies.state(ref)
    assert state is not None and state.advice is not None and state.advice.text == "Aanbevolen"
    assert [(d.body, d.outcome, d.conditions) for d in state.decisions] == [("Emmen", "akkoord", "mits evaluatie")]
    for gemeente in GEMEENTEN:
        if gemeente != "Emmen":
            bodies.body_decision(accounthouder(gemeente), "console", ref, gemeente, "akkoord")
    assert ideas.status(REGISSEUR, ref).state is Status.AKKOORD
    with vdg_app.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM body_decisions")).scalar_one() == 12
        ok = "SELECT count(*) FROM audit_log WHERE action = 'body_decision' AND result = 'ok'"
        audited = conn.execute(text(ok)).scalar_one()
        assert audited == 12
        refused = conn.execute(text("SELECT count(*) FROM audit_log WHERE result LIKE 'geweigerd%'")).scalar_one()
        assert refused == 1
    assert [e.outcome for e in ideas.register()] == ["akkoord"]


def test_an_accounthouders_tasks_page_on_through_the_proposals_their_college_has_to_decide(vdg_app: App) -> None:
    first, second = _with_the_colleges(vdg_app, "Warmte"), _with_the_colleges(vdg_app, "Water")
    emmen = accounthouder("Emmen")
    page = vdg_app.ideas.mine(emmen, limit=1).tasks
    assert [i.reference for i in page.items] == [first] and page.more == 1 and page.after == first
    rest = vdg_app.ideas.tasks(emmen, page.after, limit=1)  # `mijn taken na REF`
    assert [i.reference for i in rest.items] == [second] and rest.more == 0
    assert vdg_app.member_bodies is not None
    vdg_app.member_bodies.body_decision(emmen, "console", first, "Emmen", "akkoord")
    assert [i.reference for i in vdg_app.ideas.tasks(emmen).items] == [second]
    assert [i.reference for i in vdg_app.ideas.tasks(accounthouder("Assen")).items] == [first, second]


@pytest.fixture
def pg_vdg_app(tmp_path: Path, clock: ManualClock, postgres_url: str) -> Iterator[App]:
    env = {"VAART_VAR_DIR": str(tmp_path / "var"), "VAART_PROGRAMME": str(VDG), "VAART_DATABASE_URL": postgres_url}
    app = build(Settings.from_env(env), clock=clock)
    app.people.add("beheer@vaart.local", "test", REGISSEUR, "Pim Regisseur", ["kernteam"])
    for gemeente in GEMEENTEN:
        app.people.add("beheer@vaart.local", "test", accounthouder(gemeente), f"A {gemeente}", ["accounthouder"])
    yield app
    app.close()


@pytest.mark.postgres
def test_two_college_decisions_at_once_cannot_both_miss_the_one_that_makes_it_final(pg_vdg_app: App) -> None:
    """The eleventh and the twelfth college are recorded at the same moment, the twelfth starting while the
    eleventh is still open. The proposal's row lock makes the twelfth wait and read the eleventh, so it
    makes the decision final: without it both would have counted eleven and the proposal would wait forever."""
    app = pg_vdg_app
    bodies = app.member_bodies
    assert bodies is not None
    ref = _with_the_colleges(app, "Warmte")
    *first_ten, eleventh, twelfth = GEMEENTEN
    for gemeente in first_ten:
        bodies.body_decision(accounthouder(gemeente), "console", ref, gemeente, "akkoord")
    sessions = bodies.ctx.uow_factory().session_factory  # type: ignore[attr-defined]
    outcomes: dict[str, str] = {}

    def blocked() -> bool:
        """Another connection waits on a lock (the twelfth: on the proposal's row, or without it on the
        audit chain's head after reading the ten)."""
        with app.engine.connect() as conn:
            query = ("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                     "AND datname = current_database()")
            return bool(conn.execute(text(query)).scalar_one())

    class Racing(SqlAlchemyUnitOfWork):
        """The eleventh's unit of work: before it commits, the twelfth is under way and waits for it."""

        def commit(self) -> None:
            other.start()
            for _ in range(1200):  # a wait for the twelfth to block, not a measurement
                if blocked():
                    break
                threading.Event().wait(0.05)
            else:
                raise AssertionError("the twelfth college's decision never waited for the eleventh")
            super().commit()

    def record(service: MemberBodyService, gemeente: str) -> None:
        try:
            service.body_decision(accounthouder(gemeente), "console", ref, gemeente, "akkoord")
            outcomes[gemeente] = "ok"
        except Refused as refusal:
            outcomes[gemeente] = refusal.code

    racing = MemberBodyService(dataclasses.replace(bodies.ctx, uow_factory=lambda: Racing(sessions)))
    other = threading.Thread(target=record, args=(bodies, twelfth))
    record(racing, eleventh)
    other.join(timeout=120)
    assert not other.is_alive()
    assert outcomes == {eleventh: "ok", twelfth: "ok"}
    assert app.ideas.status(REGISSEUR, ref).state is Status.AKKOORD
    assert [e.outcome for e in app.ideas.register()] == ["akkoord"]


def test_someone_with_a_role_and_a_college_finds_both_kinds_of_task_in_one_list_in_order(vdg_app: App) -> None:
    both = "k.accounthouder@emmen.nl"
    vdg_app.people.add("beheer@vaart.local", "test", both, "Kim", ["kernteam", "accounthouder"], "Gemeente Emmen")
    with_colleges = _with_the_colleges(vdg_app, "Warmte")
    submitted = str(vdg_app.ideas.submit("j@voorbeeld.nl", "console", "Licht", "Samen").params["reference"])
    tasks = vdg_app.ideas.mine(both).tasks
    assert [i.reference for i in tasks.items] == [with_colleges, submitted] and tasks.more == 0
    first = vdg_app.ideas.tasks(both, limit=1)
    assert [i.reference for i in first.items] == [with_colleges] and first.more == 1
    assert [i.reference for i in vdg_app.ideas.tasks(both, first.after, limit=1).items] == [submitted]


def test_an_accounthouder_pages_through_the_spend_requests_their_college_has_still_to_decide(vdg_app: App) -> None:
    ideas, bodies = vdg_app.ideas, vdg_app.member_bodies
    assert bodies is not None
    refs = [str(vdg_app.budget.request(REGISSEUR, "console", Decimal(amount), f"Drukwerk {amount}",
                                       line_key="communicatie").params["reference"]) for amount in (100, 200, 300)]
    emmen, assen = accounthouder("Emmen"), accounthouder("Assen")
    assert not ideas.mine(emmen).requests.items  # no advice yet: not with the colleges
    for ref in refs[:2]:
        bodies.preparatory_advice(REGISSEUR, "console", ref, "positief", "Aanbevolen")
    first = ideas.college_requests(emmen, limit=1)
    assert [r.reference for r in first.items] == refs[:1] and first.more == 1 and first.after == refs[0]
    second = ideas.college_requests(emmen, first.after, limit=1)
    assert [r.reference for r in second.items] == refs[1:2] and second.more == 0 and second.after is None
    bodies.body_decision(emmen, "console", refs[0], "Emmen", "akkoord")
    assert [r.reference for r in ideas.mine(emmen).requests.items] == refs[1:2]  # Emmen decided on the first
    assert [r.reference for r in ideas.mine(assen).requests.items] == refs[:2]  # Assen on neither
    assert not ideas.mine(REGISSEUR).requests.items  # no accounthouder: none
    with pytest.raises(Refused):
        ideas.college_requests(emmen, "VDG-U-2026-9999")
