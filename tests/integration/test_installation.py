"""Two programmes in one installation (`VAART_PROGRAMMES=zod,vdg`), on SQLite (two files) and on
PostgreSQL (one database, two schemas): each programme's ideas, decisions, budget, people's roles,
meetings and feeds live in its own store, and no query of one returns a row of the other, whether
asked through the services, the chat, the `vaart` command or the web (both programmes' pages in
one ASGI app, the default at `/`, the VDG under `/programma/vdg/`)."""

from __future__ import annotations

import io
import json
import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from starlette.testclient import TestClient

from bot.asgi import create_asgi
from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.installation import Installation, build_installation
from bot.bootstrap.settings import Settings
from bot.cli.main import main
from bot.domain.errors import Refused
from bot.domain.programme import Programme
from bot.frontends.console import run_console
from storage.migrate import current_revision, head_revision
from tests.cast import EMAIL
from tests.conftest import START
from tests.conversation import References, every_kind
from tests.e2e.test_console_vdg import GEMEENTEN, INDIENER, PARTS, REGISSEUR, accounthouder

OPERATOR = "beheer@vaart.local"
VDG_STAF = "s.staf@vdg-drenthe.invalid"
KEES = EMAIL["kernteam"]  # kernteam in the Regio Deal, staf in the VDG
VDG_IDEA = "VDG-2026-0001"
BASE = "http://127.0.0.1:8000"
UID = re.compile(r"^UID:(.+)$", re.MULTILINE)


def say(app: App, email: str, *lines: str) -> str:
    out = io.StringIO()
    run_console(app.chat, lambda: app.outbox.drain().sent, email, io.StringIO("\n".join(lines) + "\n"), out)
    return out.getvalue()


@dataclass
class Two:
    installation: Installation
    env: dict[str, str]
    zod_refs: References
    vdg_decision: str

    @property
    def zod(self) -> App:
        return self.installation.app("ZOD")

    @property
    def vdg(self) -> App:
        return self.installation.app("vdg")


def environment(tmp_path: Path, database_url: str) -> dict[str, str]:
    env = {"VAART_VAR_DIR": str(tmp_path / "var"), "VAART_PROGRAMMES": "zod,vdg"}
    if not database_url.startswith("sqlite"):  # SQLite: the defaults, var/vaart.db and var/vaart-vdg.db
        env["VAART_DATABASE_URL"] = database_url
    return env


def vdg_to_a_final_decision(vdg: App) -> str:
    """An idea of the VDG from intake through the PHO to twelve college decisions: its register number."""
    vdg.people.add(OPERATOR, "test", REGISSEUR, "Pim Regisseur", ["kernteam"])
    vdg.people.add(OPERATOR, "test", VDG_STAF, "Sanne Staf", ["staf"])
    vdg.people.add(OPERATOR, "test", KEES, "Kees Kern", ["staf"], organisation="VDG-bureau")
    for gemeente in GEMEENTEN:
        vdg.people.add(OPERATOR, "test", accounthouder(gemeente), f"Accounthouder {gemeente}", ["accounthouder"],
                       organisation=f"Gemeente {gemeente}")
    assert VDG_IDEA in say(vdg, INDIENER, "idee Warmtecoördinator | Een gezamenlijke coördinator warmtetransitie")
    say(vdg, REGISSEUR, f"oppakken {VDG_IDEA}", f"orientatie {VDG_IDEA} ontwerpteam {REGISSEUR}")
    say(vdg, REGISSEUR, f"voorstel {VDG_IDEA} project", *(f"deel {VDG_IDEA} {k} {v}" for k, v in PARTS.items()))
    say(vdg, REGISSEUR, f"din {VDG_IDEA} opgave 2", f"din {VDG_IDEA} programmalijn 2", f"din {VDG_IDEA} subdoel 1",
        f"din {VDG_IDEA} principe 3")
    say(vdg, REGISSEUR, f"pho-advies {VDG_IDEA} positief Het PHO adviseert in te stemmen | bedrag: 60.000")
    answer = ""
    for gemeente in GEMEENTEN:
        answer = say(vdg, accounthouder(gemeente), f"collegebesluit {VDG_IDEA} {gemeente} akkoord")
    found = re.search(r"VDG-B-\d{4}-\d{3}", answer)
    assert found, answer
    vdg.meetings.add(VDG_STAF, "test", "algemeen_bestuur", date(2027, 1, 14), time(10, 0))
    return found.group(0)


@pytest.fixture
def two(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Two]:
    env = environment(tmp_path, database_url)
    clock = ManualClock(START)
    installation = build_installation(Settings.from_env(env), clock=clock)
    try:
        zod = installation.app("zod")
        refs = every_kind(zod, clock)  # an idea, spend requests, a stuurgroep decision, a meeting, ...
        zod.meetings.add(EMAIL["staf"], "test", "stuurgroep", date(2027, 1, 15), time(10, 0))
        decision = vdg_to_a_final_decision(installation.app("vdg"))
        for name in [n for n in os.environ if n.startswith("VAART_")]:
            monkeypatch.delenv(name)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        yield Two(installation, env, refs, decision)
    finally:
        installation.close()


def fresh_database(server: str) -> str:
    """Another empty database on the test server (dropped with the cluster)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def references(text_: str) -> set[str]:
    return set(re.findall(r"\b(?:ZOD|VDG)-[A-Z-]*\d{4}-\d{3,4}\b", text_))


def test_each_programme_has_its_own_store_at_the_head_revision(two: Two) -> None:
    assert list(two.installation.apps) == ["ZOD", "VDG"] and two.installation.default is two.zod
    for app in two.installation.apps.values():
        assert current_revision(app.engine) == head_revision()
    zod_url, vdg_url = two.zod.settings.database_url, two.vdg.settings.database_url
    if zod_url.startswith("sqlite"):
        assert vdg_url.endswith("/var/vaart-vdg.db") and zod_url.endswith("/var/vaart.db")
        assert two.vdg.settings.database_schema is None
    else:  # one database, the VDG in its own schema, Alembic's version table there too
        assert vdg_url == zod_url and two.vdg.settings.database_schema == "vdg"
        with create_engine(zod_url).connect() as conn:
            where = {row[0] for row in conn.execute(text(
                "SELECT table_schema FROM information_schema.tables WHERE table_name = 'alembic_version'"))}
            assert where == {"public", "vdg"}
            public = {r[0] for r in conn.execute(text("SELECT reference FROM public.ideas"))}
            own = {r[0] for r in conn.execute(text("SELECT reference FROM vdg.ideas"))}
        assert public == {two.zod_refs.idea} and own == {VDG_IDEA}
    assert two.vdg.settings.outbox_dir == two.zod.settings.outbox_dir / "vdg"


def test_ideas_and_their_references_are_only_found_in_their_own_programme(two: Two) -> None:
    assert two.zod.ideas.status(KEES, two.zod_refs.idea).reference == two.zod_refs.idea
    with pytest.raises(Refused):
        two.vdg.ideas.status(KEES, two.zod_refs.idea)
    with pytest.raises(Refused):
        two.zod.ideas.status(KEES, VDG_IDEA)
    assert two.zod_refs.idea in say(two.zod, KEES, f"status {two.zod_refs.idea}")
    answer = say(two.vdg, KEES, f"status {two.zod_refs.idea}")
    assert "Zorgbus" not in answer and "Warmte" not in answer
    assert references(say(two.zod, KEES, "mijn")) <= {two.zod_refs.idea, two.zod_refs.spend, two.zod_refs.referred,
                                                      two.zod_refs.decision, two.zod_refs.objection,
                                                      two.zod_refs.escalation}
    assert not any(r.startswith("ZOD") for r in references(say(two.vdg, VDG_STAF, "mijn", "besluiten")))


def test_the_decision_registers_hold_only_their_own_programmes_decisions(two: Two) -> None:
    zod = {e.reference for e in two.zod.ideas.register()} | {e.number for e in two.zod.ideas.register()}
    vdg = {e.reference for e in two.vdg.ideas.register()} | {e.number for e in two.vdg.ideas.register()}
    assert two.zod_refs.decision in zod and two.zod_refs.referred in zod
    assert VDG_IDEA in vdg and two.vdg_decision in vdg
    assert all(r.startswith("ZOD") for r in zod) and all(r.startswith("VDG") for r in vdg)


def test_budget_requests_and_lines_stay_in_their_programme(two: Two) -> None:
    zod_requests = {r.reference for r in two.zod.budget.open_requests() + two.zod.budget.stuurgroep_requests()}
    zod_requests |= {e.reference for e in two.zod.budget.register()}
    vdg_requests = {r.reference for r in two.vdg.budget.open_requests() + two.vdg.budget.stuurgroep_requests()}
    vdg_requests |= {e.reference for e in two.vdg.budget.register()}
    assert two.zod_refs.spend in zod_requests and not vdg_requests & zod_requests
    assert not any(r.startswith("ZOD") for r in vdg_requests)
    zod_lines = {line.key for line, _ in two.zod.budget.lines()}
    vdg_lines = {line.key for line, _ in two.vdg.budget.lines()}
    assert zod_lines != vdg_lines
    with pytest.raises(Refused):
        two.vdg.budget.get_request(two.zod_refs.spend)


def test_one_person_holds_different_roles_in_each_programme(two: Two) -> None:
    zod = {p.email: p for p in two.zod.people.list()}
    vdg = {p.email: p for p in two.vdg.people.list()}
    assert zod[KEES].roles == ["kernteam"] and vdg[KEES].roles == ["staf"]
    assert accounthouder("Emmen") in vdg and accounthouder("Emmen") not in zod
    assert EMAIL["sg1"] in zod and EMAIL["sg1"] not in vdg


def test_calendar_feeds_carry_only_their_programmes_meetings(two: Two) -> None:
    zod_uids = set(UID.findall(two.zod.meetings.feed("stuurgroep").decode()))
    vdg_uids = set(UID.findall(two.vdg.meetings.feed("algemeen_bestuur").decode()))
    assert zod_uids and vdg_uids and not zod_uids & vdg_uids
    assert two.vdg.meetings.check_feed("stuurgroep", "x") is None  # the VDG has no stuurgroep
    zod_token = two.zod.meetings.feed_tokens(EMAIL["staf"], "test")["stuurgroep"]
    vdg_token = two.vdg.meetings.feed_tokens(VDG_STAF, "test")["algemeen_bestuur"]
    http = TestClient(create_asgi(two.zod, two.installation), base_url=BASE)
    assert http.get(f"/calendar/stuurgroep.ics?token={zod_token}").status_code == 200
    feed = http.get(f"/programma/vdg/calendar/algemeen_bestuur.ics?token={vdg_token}")
    assert feed.status_code == 200 and set(UID.findall(feed.text)) == vdg_uids
    assert http.get(f"/programma/vdg/calendar/algemeen_bestuur.ics?token={zod_token}").status_code == 403
    assert http.get(f"/calendar/algemeen_bestuur.ics?token={vdg_token}").status_code == 404


def test_vaart_decisions_json_gives_the_default_or_the_chosen_programme(
    two: Two, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["decisions", "--json"]) == 0
    zod = references(capsys.readouterr().out)
    assert main(["--programma", "VDG", "decisions", "--json"]) == 0
    vdg = references(capsys.readouterr().out)
    assert two.zod_refs.decision in zod and all(r.startswith("ZOD") for r in zod)
    assert two.vdg_decision in vdg and VDG_IDEA in vdg and all(r.startswith("VDG") for r in vdg)
    assert main(["--programma", "vdg", "people", "list", "--json"]) == 0
    people = {p["email"]: p["roles"] for p in json.loads(capsys.readouterr().out)}
    assert people[KEES] == ["staf"]
    assert main(["--programma", "VDG", "status", VDG_IDEA]) == 0
    assert VDG_IDEA in capsys.readouterr().out
    assert main(["--programma", "VDG", "status", two.zod_refs.idea]) == 1
    capsys.readouterr()


def test_the_web_registers_and_their_downloads_are_per_programme(two: Two) -> None:
    http = TestClient(create_asgi(two.zod, two.installation), base_url=BASE)
    zod = references(http.get("/besluiten/download.json").text)
    vdg = references(http.get("/programma/vdg/besluiten/download.json").text)
    assert two.zod_refs.decision in zod and all(r.startswith("ZOD") for r in zod)
    assert two.vdg_decision in vdg and all(r.startswith("VDG") for r in vdg)
    page = http.get("/programma/vdg/besluiten")
    assert page.status_code == 200 and 'href="/programma/vdg/besluiten/download.csv"' in page.text
    assert 'href="/besluiten"' not in page.text and 'href="/programma/vdg/vergaderingen"' in page.text
    assert json.loads(http.get("/programma/vdg/begroting.json").text) != json.loads(http.get("/begroting.json").text)
    listing = http.get("/programma.json").json()["programmas"]
    assert [(p["code"], p["url"]) for p in listing] == [("ZOD", "/"), ("VDG", "/programma/vdg/")]
    assert http.get("/healthz").json() == {"status": "ok", "programma": "ZOD", "programmas": ["ZOD", "VDG"]}


def test_a_backup_of_one_programme_holds_only_its_own_schema_and_restores_into_it(
    two: Two, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest
) -> None:
    if two.zod.settings.database_url.startswith("sqlite"):
        pytest.skip("SQLite: each programme's store is a file of its own, and so is its backup")
    vdg_file, zod_file = tmp_path / "vdg.dump", tmp_path / "zod.dump"
    assert main(["--programma", "VDG", "backup", "--out", str(vdg_file)]) == 0
    assert main(["backup", "--out", str(zod_file)]) == 1  # one file, several programmes: which one?
    assert main(["--programma", "ZOD", "backup", "--out", str(zod_file)]) == 0
    capsys.readouterr()
    vdg_counts = json.loads(vdg_file.with_name("vdg.dump.json").read_text())["tables"]
    zod_counts = json.loads(zod_file.with_name("zod.dump.json").read_text())["tables"]
    assert vdg_counts["ideas"] == 1 and zod_counts["ideas"] == 1
    fresh = fresh_database(str(request.getfixturevalue("postgres_server")))
    monkeypatch.setenv("VAART_DATABASE_URL", fresh)
    assert main(["--programma", "VDG", "restore", str(vdg_file)]) == 0
    assert main(["restore", str(zod_file)]) == 0
    capsys.readouterr()
    with create_engine(fresh).connect() as conn:
        assert {r[0] for r in conn.execute(text("SELECT reference FROM vdg.ideas"))} == {VDG_IDEA}
        assert {r[0] for r in conn.execute(text("SELECT reference FROM public.ideas"))} == {two.zod_refs.idea}
    assert main(["--programma", "VDG", "audit", "verify"]) == 0 and main(["audit", "verify"]) == 0


def test_the_append_only_guards_hold_in_each_store_and_erasure_touches_only_its_programme(
    two: Two, capsys: pytest.CaptureFixture[str]
) -> None:
    url = two.zod.settings.database_url
    if not url.startswith("sqlite"):  # the guards' functions and triggers were made in the VDG's own schema
        with create_engine(url).connect() as conn:
            functions = {(r[0], r[1]) for r in conn.execute(text(
                "SELECT n.nspname, p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE p.proname LIKE '%append_only'"))}
        assert {("vdg", "audit_log_append_only"), ("vdg", "ledger_append_only"),
                ("public", "audit_log_append_only")} <= functions
    for app in (two.zod, two.vdg):
        with pytest.raises(Exception, match="append-only"), app.engine.begin() as conn:
            conn.execute(text("UPDATE audit_log SET actor = 'x'"))
    assert main(["--programma", "VDG", "erase-person", KEES]) == 0
    capsys.readouterr()
    assert KEES not in {p.email for p in two.vdg.people.list()}
    assert {p.email: p.roles for p in two.zod.people.list()}[KEES] == ["kernteam"]  # the Regio Deal keeps Kees
    assert main(["--programma", "VDG", "audit", "verify"]) == 0 and main(["audit", "verify"]) == 0
    capsys.readouterr()


def test_building_the_installation_reads_each_programme_file_once(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.bootstrap.settings as settings_module

    read: list[str] = []

    def counted(path: Path | None = None, language: str | None = None) -> Programme:
        read.append(Path(str(path)).name)
        return settings_module.load_programme(path, language)

    monkeypatch.setattr("bot.bootstrap.installation.load_programme", counted)
    monkeypatch.setattr("bot.bootstrap.store.load_programme", counted)
    installation = build_installation(Settings.from_env(environment(tmp_path, database_url)), ManualClock(START))
    try:
        assert sorted(read) == ["vdg.toml", "zod.toml"]  # checked before any store, and built from that reading
        assert installation.app("vdg").programme.code == "VDG" and installation.app("zod").programme.code == "ZOD"
    finally:
        installation.close()
