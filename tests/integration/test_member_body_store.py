"""The per-member-body procedure in the store, on SQLite and PostgreSQL: migration 0013_vdg up and down,
and a VDG proposal's PHO advice and college decisions written in one transaction with their audit entries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from storage.engine import make_engine
from storage.migrate import current_revision, downgrade, head_revision, upgrade
from tests.e2e.test_console_vdg import GEMEENTEN, PARTS, REGISSEUR, VDG, accounthouder

TABLES = {"preparatory_advices", "body_decisions"}


def test_migration_0013_adds_the_member_body_tables_and_takes_them_away_again(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0012_teams_drafts")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO counters (name, value) VALUES ('decision:2026', 4)"))
    upgrade(engine)
    assert current_revision(engine) == head_revision() == "0013_vdg"
    assert set(inspect(engine).get_table_names()) >= TABLES
    downgrade(engine, "0012_teams_drafts")
    assert not TABLES & set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM counters WHERE name = 'decision:2026'")).scalar_one() == 4
    upgrade(engine)
    assert current_revision(engine) == "0013_vdg"
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


def test_college_decisions_are_stored_once_per_college_with_their_audit_entries(vdg_app: App) -> None:
    ideas, bodies = vdg_app.ideas, vdg_app.member_bodies
    assert bodies is not None
    ref = ideas.submit("i@voorbeeld.nl", "console", "Warmte", "Samen").params["reference"]
    ideas.pick_up(REGISSEUR, "console", ref)
    ideas.conclude_orientation(REGISSEUR, "console", ref, "ontwerpteam", [REGISSEUR])
    ideas.start_proposal(REGISSEUR, "console", ref, "project")
    for key, value in PARTS.items():
        ideas.set_part(REGISSEUR, "console", ref, key, value)
    for kind, value in (("opgave", "2"), ("programmalijn", "2"), ("subdoel", "1"), ("principe", "1")):
        ideas.link_din(REGISSEUR, "console", ref, kind, value)
    bodies.preparatory_advice(REGISSEUR, "console", ref, "positief", "Aanbevolen")
    bodies.body_decision(accounthouder("Emmen"), "console", ref, "Emmen", "akkoord", "mits evaluatie")
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
