"""The store on SQLite and on PostgreSQL: the same tests, both real databases."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.domain.lifecycle import Status
from storage.audit import verify
from storage.engine import make_engine
from storage.migrate import current_revision, downgrade, head_revision, upgrade
from storage.tables import metadata
from tests.cast import ANNA, CAST, EMAIL, PARTS
from tests.scenario import register_cast, walk

ADMIN = "beheer@vaart.local"


def register(app: App) -> None:
    register_cast(app.people)


def walk_to_decision(app: App, ref: str) -> None:
    walk(app.ideas, app.programme, ref, Status.AKKOORD)


def test_an_idea_survives_the_round_trip_with_advice_and_decision(any_app: App) -> None:
    register(any_app)
    reply = any_app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus voor ouderen", opgaven=["5"])
    ref = reply.params["reference"]
    walk_to_decision(any_app, ref)
    idea = any_app.ideas.status(ANNA, ref)
    assert idea.state is Status.AKKOORD
    assert idea.parts == PARTS
    assert idea.din["opgaven"] == ["Het verdwijnen en de nabijheid van voorzieningen"]
    assert idea.advices[0].criteria["financiering"] == {"oordeel": "voldoet", "toelichting": "goed"}
    assert idea.decisions[0].amount == Decimal("45000.00")
    assert idea.decisions[0].conditions == ["Evaluatie na een jaar"]
    assert idea.submitted_at.tzinfo is not None
    register_rows = any_app.ideas.decisions()
    assert [(d.number, d.reference) for d in register_rows.items] == [("ZOD-B-2026-001", ref)]


def test_reference_numbers_count_per_year_and_are_unique_under_concurrency(any_app: App) -> None:
    refs: list[str] = []
    errors: list[BaseException] = []

    def submit(n: int) -> None:
        try:
            refs.append(any_app.ideas.submit(f"p{n}@x.nl", "test", f"Idee {n}", "Omschrijving").params["reference"])
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(refs) == [f"ZOD-2026-{n:04d}" for n in range(1, 13)]
    assert isinstance(any_app.clock, ManualClock)
    any_app.clock.set(any_app.clock.now().replace(year=2027, month=1, day=4))
    assert any_app.ideas.submit(ANNA, "test", "Nieuw jaar", "x").params["reference"] == "ZOD-2027-0001"


def test_the_audit_chain_verifies_and_detects_an_edited_row(any_app: App) -> None:
    register(any_app)
    ref = any_app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus").params["reference"]
    any_app.ideas.pick_up(EMAIL["kernteam"], "test", ref)
    problems, count = verify(any_app.engine)
    assert problems == [] and count > len(CAST)
    with any_app.engine.begin() as conn, pytest.raises(DBAPIError):
        conn.execute(text("UPDATE audit_log SET actor = 'mallory@x.nl' WHERE seq = 2"))
    _drop_append_only_guard(any_app)
    with any_app.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'mallory@x.nl' WHERE seq = 2"))
    problems, _ = verify(any_app.engine)
    assert [(p.seq, p.problem) for p in problems] == [(2, "hash")]


@pytest.mark.parametrize("tamper", ["delete", "reorder", "truncate"])
def test_the_audit_chain_detects_deleted_reordered_and_truncated_rows(any_app: App, tamper: str) -> None:
    register(any_app)
    _drop_append_only_guard(any_app)
    with any_app.engine.begin() as conn:
        if tamper == "delete":
            conn.execute(text("DELETE FROM audit_log WHERE seq = 3"))
        elif tamper == "reorder":
            conn.execute(text("UPDATE audit_log SET seq = 100 WHERE seq = 3"))
            conn.execute(text("UPDATE audit_log SET seq = 3 WHERE seq = 4"))
            conn.execute(text("UPDATE audit_log SET seq = 4 WHERE seq = 100"))
        else:
            conn.execute(text("DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)"))
    problems, _ = verify(any_app.engine)
    assert problems, f"{tamper} went unnoticed"


def test_a_refused_command_changes_nothing_but_is_on_record(any_app: App) -> None:
    register(any_app)
    ref = any_app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus").params["reference"]
    with any_app.engine.connect() as conn:
        outbox_before = conn.execute(text("SELECT COUNT(*) FROM outbox")).scalar_one()
    from bot.domain.errors import Refused

    with pytest.raises(Refused):
        any_app.ideas.submit_for_review(EMAIL["director"], "test", ref)
    with any_app.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM outbox")).scalar_one() == outbox_before
        last = conn.execute(text("SELECT action, result FROM audit_log ORDER BY seq DESC")).first()
    assert last is not None and last.action == "submit_for_review" and last.result.startswith("geweigerd")
    assert any_app.ideas.status(ANNA, ref).state is Status.INGEDIEND
    assert verify(any_app.engine)[0] == []


def test_a_repeated_request_is_answered_from_memory_and_acts_once(any_app: App) -> None:
    first = any_app.ideas.submit(ANNA, "slack", "Zorgbus", "Een bus", request_key="slack:Ev123")
    again = any_app.ideas.submit(ANNA, "slack", "Zorgbus", "Een bus", request_key="slack:Ev123")
    assert first == again
    assert len(any_app.ideas.mine(ANNA).involved.items) == 1


def test_a_guests_language_is_kept_changed_in_place_and_carried_into_the_register(any_app: App) -> None:
    guest = "gast@voorbeeld.nl"
    any_app.people.set_language(guest, "slack", "en")
    any_app.people.set_language(guest, "slack", "en")
    assert any_app.people.language(guest) == "en"
    any_app.ideas.submit(guest, "teams", "Zorgbus", "Een bus", language="nl")  # the session's language wins
    assert any_app.people.language(guest) == "nl"
    with any_app.engine.connect() as conn:
        assert conn.execute(text("SELECT language FROM language_choices")).scalars().all() == ["nl"]
    any_app.people.set_language(guest, "slack", "en")
    any_app.people.add(EMAIL["staf"], "cli", guest, "Gea Gast", ["kernteam"])
    person = any_app.people.get(guest)
    assert person is not None and person.language == "en"


def test_migrations_upgrade_an_empty_database_to_head_and_back_down(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(metadata.tables) <= tables
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert set(metadata.tables) & set(inspect(engine).get_table_names()) == set()
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_migration_0009_adds_penvoerder_and_assumed_and_keeps_every_row_both_ways(database_url: str) -> None:
    """The penvoerder of a project and the meetings dated by a rule: up from 0007 with the rows there,
    and down again without losing a meeting or its agenda items (no table copy on SQLite)."""
    engine = make_engine(database_url)
    upgrade(engine, "0007")
    meeting = (
        "INSERT INTO meetings (uid, gremium, kind, day, starts_at, ends_at, week_only, title, location, agenda, "
        "sequence, status, dtstamp, created_at) VALUES ('u@x', 'stuurgroep', 'one_off', '2027-07-02', "
        "'2027-07-02 08:00:00+00:00', '2027-07-02 10:00:00+00:00', false, 'Stuurgroep', '', '', 0, 'scheduled', "
        "'2026-11-23 08:00:00+00:00', '2026-11-23 08:00:00+00:00')"
    )
    with engine.begin() as conn:
        conn.execute(text(meeting))
        meeting_id = conn.execute(text("SELECT id FROM meetings")).scalar_one()
        conn.execute(
            text("INSERT INTO agenda_items (meeting_id, idea_reference, late, added_at) "
                 "VALUES (:m, 'ZOD-2026-0001', false, '2026-11-23 08:00:00+00:00')"),
            {"m": meeting_id},
        )  # fmt: skip
    upgrade(engine)
    assert {"penvoerder"} <= {c["name"] for c in inspect(engine).get_columns("ideas")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT assumed FROM meetings")).scalar_one() in (False, 0)
    downgrade(engine, "0007")
    assert "assumed" not in {c["name"] for c in inspect(engine).get_columns("meetings")}
    assert "penvoerder" not in {c["name"] for c in inspect(engine).get_columns("ideas")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM agenda_items")).scalar_one() == 1
    upgrade(engine)
    engine.dispose()


def test_the_migrated_schema_matches_the_table_definitions(database_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(database_url)
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), metadata)
    engine.dispose()
    assert diff == []


def _drop_append_only_guard(app: App) -> None:
    """What a database administrator with full rights could do; the hash chain still tells."""
    with app.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("DROP TRIGGER audit_log_append_only ON audit_log"))
        else:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))


def test_sqlite_store_lives_under_var_by_default(tmp_path: Path) -> None:
    from bot.bootstrap.settings import Settings

    settings = Settings.from_env({"VAART_VAR_DIR": str(tmp_path / "var")})
    assert settings.database_url == f"sqlite:///{tmp_path / 'var' / 'vaart.db'}"
    assert settings.outbox_dir == tmp_path / "var" / "outbox"


def test_two_people_changing_one_idea_at_once_lose_nothing_and_the_second_is_told(
    tmp_path: Path, clock: ManualClock, postgres_url: str
) -> None:
    from bot.domain.errors import Refused
    from bot.services.base import Reply
    from tests.conftest import make_app

    app = make_app(tmp_path, clock, postgres_url)
    register(app)
    ref = app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus").params["reference"]

    def slow_pick_up(uow, actor, now):  # type: ignore[no-untyped-def]
        idea = uow.ideas.get(ref)
        app.ideas.pick_up(EMAIL["kernteam2"], "test", ref)  # someone else commits first
        idea.pick_up(actor, actor, now)
        uow.session.flush()
        return Reply("idea.picked_up", {"reference": ref, "kernteam": actor.name})

    with pytest.raises(Refused) as refused:
        app.ideas.run(EMAIL["kernteam"], "test", "pick_up", ref, slow_pick_up)
    assert refused.value.code == "store.changed_meanwhile"
    assert app.ideas.status(ANNA, ref).kernteam_contact == EMAIL["kernteam2"]
    assert verify(app.engine)[0] == []
    app.close()


def test_the_head_every_command_checks_for_is_the_newest_migration(database_url: str) -> None:
    from storage.migrate import HEAD, is_current

    assert head_revision() == HEAD
    engine = make_engine(database_url)
    assert not is_current(engine)  # a fresh store: no alembic_version yet
    upgrade(engine)
    assert is_current(engine)
    engine.dispose()


def test_migration_0011_adds_the_cycle_tables_and_takes_them_away_again(database_url: str) -> None:
    """Progress per moment, reporting rounds, beschikkingen, the communicatiekalender and the digests:
    up from 0011_cycle_a with the rows there, down again without touching what was there before."""
    engine = make_engine(database_url)
    upgrade(engine, "0011_cycle_a")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO counters (name, value) VALUES ('communicatie', 3)"))
    upgrade(engine)
    cycle = {"moment_reports", "reporting_rounds", "beschikkingen", "communication_items", "notice_counts",
             "digest_entries"}
    assert cycle <= set(inspect(engine).get_table_names())
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO communication_items (number, send_at, channel, audience, text, status, planned_by, "
            "planned_at) VALUES (4, '2027-01-20 09:00:00+00:00', 'mail', 'indieners', 'x', 'gepland', 'a@b.nl', "
            "'2027-01-05 09:00:00+00:00')"
        ))
    downgrade(engine, "0011_cycle_a")
    assert not cycle & set(inspect(engine).get_table_names())
    assert "objections" in set(inspect(engine).get_table_names())  # cycle-a's tables stay
    with engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM counters WHERE name = 'communicatie'")).scalar_one() == 3
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_migration_0013_adds_the_budget_decisions_and_takes_them_away_again(database_url: str) -> None:
    """§6's budget decisions: up from 0013_vdg with the register's counter there, down again keeping it."""
    engine = make_engine(database_url)
    upgrade(engine, "0013_vdg")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO counters (name, value) VALUES ('decision:2026', 4)"))
    upgrade(engine)
    assert "budget_resolutions" in set(inspect(engine).get_table_names())
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO budget_resolutions (number, kind, decided_on, text, recorded_by, recorded_at) VALUES "
            "('ZOD-B-2026-005', 'herziening', '2026-12-11', 'x', 'a@b.nl', '2026-12-11 12:00:00+00:00')"
        ))
    downgrade(engine, "0013_vdg")
    assert "budget_resolutions" not in set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM counters WHERE name = 'decision:2026'")).scalar_one() == 4
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()
