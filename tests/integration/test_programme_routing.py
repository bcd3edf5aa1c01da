"""Two programmes in one installation, as the chat sees them: a store per programme (ZOD and VDG, each
a whole App), the people's choice for direct messages kept in the default's store (migration
0014_programme_choices), the `programma` command, and no answer of one programme showing the other's
rows — on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.programme_desks import programme_desks
from bot.bootstrap.settings import Settings
from bot.chat.bot import ChatSession
from bot.chat.programmes import CHOOSER, PINNED, ProgrammeDesks, parse_programme_map
from bot.domain.errors import Refused
from storage.engine import make_engine
from storage.migrate import current_revision, downgrade, head_revision, upgrade
from storage.programme_choices_repo import SqlProgrammeChoices
from tests.cast import ANNA, EMAIL
from tests.conftest import START
from tests.e2e.test_console_vdg import VDG
from tests.scenario import register_cast
from tests.unit.core.test_refusals_are_one_sentence import sentences

KERN = EMAIL["kernteam"]
VDG_KERN = "p.regisseur@vdg-drenthe.invalid"


def two_apps(tmp_path: Path, zod_url: str, vdg_url: str, extra: dict[str, str] | None = None) -> tuple[App, App]:
    clock = ManualClock(START)
    zod = build(Settings.from_env({"VAART_VAR_DIR": str(tmp_path / "zod"), "VAART_DATABASE_URL": zod_url,
                                   **(extra or {})}), clock=clock)
    vdg = build(Settings.from_env({"VAART_VAR_DIR": str(tmp_path / "vdg"), "VAART_DATABASE_URL": vdg_url,
                                   "VAART_PROGRAMME": str(VDG)}), clock=clock)
    register_cast(zod.people)
    vdg.people.add("beheer@vaart.local", "test", VDG_KERN, "Pim Regisseur", ["kernteam"])
    return zod, vdg


@pytest.fixture
def apps(tmp_path: Path) -> Iterator[tuple[App, App]]:
    zod, vdg = two_apps(tmp_path, f"sqlite:///{tmp_path / 'zod.db'}", f"sqlite:///{tmp_path / 'vdg.db'}")
    yield zod, vdg
    zod.close()
    vdg.close()


def session(desks: ProgrammeDesks, code: str, email: str, who: str, pinned: str | None = None) -> ChatSession:
    one = desks.get(code).chat.session(email, "slack")
    one.extra[CHOOSER] = who
    one.extra[PINNED] = pinned
    return one


def ask(desks: ProgrammeDesks, code: str, email: str, text: str, who: str = "U1", pinned: str | None = None) -> str:
    return desks.get(code).chat.handle(session(desks, code, email, who, pinned), text)


def test_migration_0014_adds_the_choices_table_and_takes_it_away_again(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert "programme_choices" in inspect(engine).get_table_names()
    downgrade(engine, "0013_budget_version")
    assert "programme_choices" not in inspect(engine).get_table_names()
    upgrade(engine)
    engine.dispose()


def test_a_choice_is_kept_per_person_per_platform_and_a_second_choice_replaces_the_first(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    choices = SqlProgrammeChoices(engine)
    assert choices.get("slack", "U1") is None
    choices.set("slack", "U1", "VDG", START)
    choices.set("teams", "U1", "ZOD", START)
    choices.set("slack", "U1", "ZOD", START)
    assert (choices.get("slack", "U1"), choices.get("teams", "U1"), choices.get("slack", "U2")) == ("ZOD", "ZOD", None)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM programme_choices")).scalar_one() == 2
    engine.dispose()


def test_the_channel_maps_read_code_equals_ids_and_refuse_a_malformed_part() -> None:
    assert parse_programme_map("VDG=C0123,C0456;ZOD=C0789; ") == {"C0123": "VDG", "C0456": "VDG", "C0789": "ZOD"}
    assert parse_programme_map("vdg=19:abc@thread.tacv2") == {"19:abc@thread.tacv2": "VDG"}
    assert parse_programme_map(None) == {}
    with pytest.raises(ValueError):
        parse_programme_map("C0123")


def test_one_programme_has_no_programma_command_and_routes_everything_to_its_desk(tmp_path: Path) -> None:
    app = build(Settings.from_env({"VAART_VAR_DIR": str(tmp_path / "var")}), clock=ManualClock(START))
    desks = programme_desks([app])
    assert not desks.several and desks.chosen("slack", "U1") == "ZOD"
    assert desks.slack_channel("C0789") is None and desks.for_reference("XYZ-2026-0001", "ZOD") == "ZOD"
    answer = app.chat.handle(app.chat.session(KERN, "slack"), "programma")
    assert "programma" not in app.chat.commands and "ken ik niet" in answer
    assert "programma [CODE]" not in app.chat.handle(app.chat.session(ANNA, "slack"), "help alles")
    app.close()


def test_programma_lists_the_programmes_and_switches_the_dm_choice_in_the_default_store(
    apps: tuple[App, App],
) -> None:
    zod, vdg = apps
    desks = programme_desks([zod, vdg])
    listing = ask(desks, "ZOD", KERN, "programma")
    assert "ZOD" in listing and "VDG" in listing and "Vereniging van Drentse Gemeenten" in listing
    assert "← huidig" in next(line for line in listing.splitlines() if "ZOD " in line)
    switched = ask(desks, "ZOD", KERN, "programma vdg")
    assert "VDG" in switched and desks.chosen("slack", "U1") == "VDG" and desks.chosen("teams", "U1") == "ZOD"
    assert SqlProgrammeChoices(zod.engine).get("slack", "U1") == "VDG"
    assert "← huidig" in next(line for line in ask(desks, "VDG", KERN, "programma").splitlines() if "VDG " in line)
    assert "programma [CODE]" in ask(desks, "ZOD", ANNA, "help")
    english = desks.get("VDG").chat.session(ANNA, "slack")
    english.lang = "en"
    assert "programme [CODE]" in desks.get("VDG").chat.handle(english, "help")


def test_an_unknown_code_and_a_switch_inside_a_mapped_channel_are_refused_in_one_sentence(
    apps: tuple[App, App],
) -> None:
    zod, vdg = apps
    desks = programme_desks([zod, vdg])
    unknown = ask(desks, "ZOD", KERN, "programma XYZ")
    pinned = ask(desks, "ZOD", KERN, "programma VDG", pinned="ZOD")
    assert "XYZ" in unknown and "ZOD, VDG" in unknown and len(sentences(unknown)) == 1
    assert "ZOD" in pinned and "direct bericht" in pinned and len(sentences(pinned)) == 1
    assert desks.chosen("slack", "U1") == "ZOD"  # nothing changed
    assert SqlProgrammeChoices(zod.engine).get("slack", "U1") is None
    english = desks.get("ZOD").chat.session(KERN, "slack")
    english.lang = "en"
    assert "I do not know programme 'XYZ'" in desks.get("ZOD").chat.handle(english, "programme XYZ")
    with pytest.raises(Refused):
        desks.for_reference("XYZ-2026-0001", "ZOD")
    assert desks.for_reference("VDG-2026-0001", "ZOD") == "VDG"
    assert desks.for_reference("ZOD-U-2026-0001", "VDG") == "ZOD"


def test_channels_and_kernteam_channels_pin_their_programme_and_a_map_to_an_unknown_programme_stops(
    tmp_path: Path,
) -> None:
    zod, vdg = two_apps(tmp_path, f"sqlite:///{tmp_path / 'z.db'}", f"sqlite:///{tmp_path / 'v.db'}",
                        {"SLACK_PROGRAMME_CHANNELS": "VDG=C0VDG1,C0VDG2;ZOD=C0ZOD",
                         "TEAMS_PROGRAMME_TEAMS": "VDG=19:vdg@thread.tacv2", "SLACK_KERNTEAM_CHANNEL": "C0KERN"})
    desks = programme_desks([zod, vdg])
    assert [desks.slack_channel(c) for c in ("C0VDG2", "C0ZOD", "C0KERN", "C0OTHER", None)] == \
        ["VDG", "ZOD", "ZOD", None, None]
    assert desks.teams_team(None, "19:vdg@thread.tacv2") == "VDG" and desks.teams_team("19:x") is None
    with pytest.raises(ValueError):
        ProgrammeDesks({"ZOD": zod.desk, "VDG": vdg.desk}, desks.choices, slack_channels={"C1": "XYZ"})
    with pytest.raises(ValueError):
        ProgrammeDesks({"ZOD": zod.desk, "ZOD2": zod.desk}, desks.choices)  # one prefix, two programmes
    zod.close()
    vdg.close()


def isolation(zod: App, vdg: App) -> None:
    desks = programme_desks([zod, vdg])
    in_zod = ask(desks, "ZOD", ANNA, "idee Buurtbus | Een bus voor ouderen")
    in_vdg = ask(desks, "VDG", ANNA, "idee Warmtecoach | Een coach voor de warmtetransitie")
    assert "ZOD-2026-0001" in in_zod and "VDG-2026-0001" in in_vdg
    assert "Warmtecoach" not in ask(desks, "ZOD", ANNA, "mijn") and "Buurtbus" in ask(desks, "ZOD", ANNA, "mijn")
    assert "Buurtbus" not in ask(desks, "VDG", ANNA, "mijn") and "Warmtecoach" in ask(desks, "VDG", ANNA, "mijn")
    assert "Warmtecoach" not in ask(desks, "ZOD", KERN, "open") and "Buurtbus" in ask(desks, "ZOD", KERN, "open")
    assert "Buurtbus" not in ask(desks, "VDG", VDG_KERN, "open")
    assert "niet als referentie" in ask(desks, "ZOD", KERN, "status VDG-2026-0001")
    assert "niet als referentie" in ask(desks, "VDG", VDG_KERN, "status ZOD-2026-0001")
    assert "Buurtbus" in ask(desks, "ZOD", ANNA, "status ZOD-2026-0001")
    assert zod.people.get(VDG_KERN) is None and vdg.people.get(KERN) is None  # people's roles per programme
    assert "Kernteam" not in ask(desks, "VDG", KERN, "wie")


def test_no_answer_of_one_programme_shows_the_other_programmes_rows_on_sqlite(apps: tuple[App, App]) -> None:
    isolation(*apps)


@pytest.mark.postgres
def test_no_answer_of_one_programme_shows_the_other_programmes_rows_on_postgresql(
    tmp_path: Path, postgres_url: str, postgres_server: str
) -> None:
    name = f"t_{uuid.uuid4().hex[:12]}"  # the second programme's database on the same server
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    vdg_url = make_url(postgres_server).set(database=name).render_as_string(hide_password=False)
    zod, vdg = two_apps(tmp_path, postgres_url, vdg_url)
    try:
        isolation(zod, vdg)
    finally:
        zod.close()
        vdg.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_with_several_programmes_programma_has_its_usage_and_help_line_in_both_languages(
    apps: tuple[App, App],
) -> None:
    from bot.messages import _CATALOGUE, has

    zod, vdg = apps
    programme_desks([zod, vdg])
    for code in ("usage.programma", "help.cmd.programma"):
        assert has(code) and _CATALOGUE["en"][code] and _CATALOGUE["nl"][code]
    for app in (zod, vdg):
        assert {"programma", "programme", _CATALOGUE["en"]["usage.programma"].split()[0]} <= set(app.chat.commands)
        assert app.chat.commands["programma"].open_to_all


def test_a_persons_programme_choices_go_with_the_person_when_they_are_erased(apps: tuple[App, App]) -> None:
    from storage.personal_data import erase_person, export_person
    from storage.tables_chat import identities

    zod, _ = apps
    now = zod.clock.now()
    with zod.engine.begin() as conn:
        conn.execute(identities.insert().values(platform="slack", external_user_id="U0ANNA", email=ANNA,
                                                display_name="Anna", updated_at=now))
    choices = SqlProgrammeChoices(zod.engine)
    choices.set("slack", "U0ANNA", "VDG", now)
    choices.set("slack", "U0KEES", "VDG", now)
    zod.ideas.submit(ANNA, "test", "Buurtbus", "Een bus voor ouderen", opgaven=["5"])
    assert [r["person"] for r in export_person(zod.engine, ANNA)["tables"]["programme_choices"]] == ["U0ANNA"]
    done = erase_person(zod.engine, ANNA, "beheer@vaart.local", "test", now)
    assert done.deleted["programme_choices"] == 1
    assert (choices.get("slack", "U0ANNA"), choices.get("slack", "U0KEES")) == (None, "VDG")
