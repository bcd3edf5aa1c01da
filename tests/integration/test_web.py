"""The web front end over HTTP (Starlette's test client on the real ASGI app), on SQLite and
PostgreSQL: JSON twins, security headers, CSRF, one-time links, sessions, roles per request, the
Woo pages without personal data, the board's read model, and every page's HTML strict."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import html5lib
import pytest
from sqlalchemy import func, select, update
from starlette.testclient import TestClient

from bot.asgi import create_asgi
from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.cli.demo import ADMIN
from bot.cli.demo_consensus import ANNA
from bot.services.ports.web import BoardFilters
from storage import tables
from storage.tables_cycle import budget_resolutions
from storage.tables_ops import person_pseudonyms
from tests.web.seed import EMAILS, NAMES, ROLES, build_app, seed

BASE = "http://127.0.0.1:8000"
ORIGIN = {"origin": BASE}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
STATUSES = ("ingediend", "orientatie", "in_uitvoering")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], datetime]:
    """One seeded SQLite store for the module; each test gets a copy of it (seeding takes seconds)."""
    base = tmp_path_factory.mktemp("seeded")
    app = build_app(base / "var", BASE)
    refs = seed(app)
    now = app.clock.now()
    app.close()
    return base / "var" / "vaart.db", refs, now


@pytest.fixture
def site(tmp_path: Path, seeded: tuple[Path, dict[str, str], datetime]) -> Iterator[tuple[App, dict[str, str]]]:
    """The seeded programme on SQLite (a copy of the module's store, the clock where the seed left it)."""
    source, refs, now = seeded
    copy = tmp_path / "vaart.db"
    shutil.copyfile(source, copy)
    app = build_app(tmp_path / "var", BASE, f"sqlite:///{copy}", clock=ManualClock(now))
    yield app, refs
    app.close()


@pytest.fixture
def any_site(tmp_path: Path, database_url: str) -> Iterator[tuple[App, dict[str, str]]]:
    """The seeded programme on SQLite and on PostgreSQL, for the read models' SQL."""
    app = build_app(tmp_path / "var", BASE, database_url)
    refs = seed(app)
    yield app, refs
    app.close()


def client(app: App) -> TestClient:
    return TestClient(create_asgi(app), base_url=BASE)


def signed_in(app: App, email: str) -> TestClient:
    http = client(app)
    link = app.web_access.issue_link(email, BASE, ADMIN)
    http.get(link)
    answer = http.post("/aanmelden/link", data={"formulier": http.cookies["vaart_formulier"],
                                                 "token": link.split("token=")[1]}, headers=ORIGIN,
                       follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/werk"
    return http


def strict(html: str) -> None:
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)


def outbox_count(app: App) -> int:
    with app.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(tables.outbox)).scalar_one())


def test_every_public_page_answers_html_and_json_without_personal_data(site: tuple[App, dict[str, str]]) -> None:
    app, _ = site
    http = client(app)
    for path in ("/besluiten", "/vergaderingen", "/dekking", "/begroting"):
        page = http.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        strict(page.text)
        for variant in (http.get(path + ".json"), http.get(path, headers={"accept": "application/json"})):
            assert variant.headers["content-type"] == "application/json"
            data = variant.json()
            assert data
            text = json.dumps(data, ensure_ascii=False)
            assert not EMAIL.search(text), path
            assert not any(name in text for name in NAMES), path
        assert not EMAIL.search(page.text) and not any(name in page.text for name in NAMES), path


def test_the_register_downloads_are_the_woo_variant(site: tuple[App, dict[str, str]]) -> None:
    app, refs = site
    http = client(app)
    records = http.get("/besluiten/download.json").json()
    assert records and all(r["gelakt"] for r in records)
    assert records[0]["consensus"]["present"] == ["Stuurgroep, Gemeente Emmen", "Stuurgroep, Gemeente Coevorden"]
    csv = http.get("/besluiten/download.csv")
    assert csv.headers["content-disposition"].startswith("attachment") and refs["anna"] in csv.text
    xlsx = http.get("/besluiten/download.xlsx")
    assert xlsx.content[:2] == b"PK"
    for body in (csv.text, json.dumps(records, ensure_ascii=False)):
        assert not EMAIL.search(body) and not any(name in body for name in NAMES)
    assert http.get("/besluiten/download.exe").status_code == 404


def test_every_response_carries_the_security_headers(site: tuple[App, dict[str, str]]) -> None:
    app, _ = site
    http = signed_in(app, ROLES["staf"])
    for path in ("/", "/aanmelden", "/werk", "/besluiten.json", "/static/vaart.css", "/berichten"):
        headers = http.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src" not in csp and "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_a_hostile_title_is_shown_as_text(site: tuple[App, dict[str, str]]) -> None:
    app, _ = site
    ref = app.ideas.submit(ANNA, "test", "<script>alert(1)</script><img src=x onerror=alert(2)>",
                           "Omschrijving met <b>opmaak</b>").params["reference"]
    http = signed_in(app, ROLES["kernteam"])
    for path in ("/werk", f"/ideeen/{ref}"):
        page = http.get(path).text
        assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<img src=x" not in page
        strict(page)


def test_the_board_and_an_idea_page_show_a_change_at_once_and_each_viewer_their_own_trail(
        site: tuple[App, dict[str, str]]) -> None:
    """The board's columns and an idea's page are kept as HTML per content (Renderer.fragment): a change
    is shown on the next request, and the trail's "u" is the viewer's own, never the previous visitor's."""
    app, _ = site
    kern, anna = signed_in(app, ROLES["kernteam"]), signed_in(app, ANNA)
    before = kern.get("/werk").text
    ref = app.ideas.submit(ANNA, "test", "Fietsroute langs de Hondsrug", "Een nieuwe route").params["reference"]
    after = kern.get("/werk").text
    assert ref not in before and ref in after and before != after
    assert ref in anna.get("/werk").text  # her own board: her ideas only
    as_kern, as_anna = kern.get(f"/ideeen/{ref}").text, anna.get(f"/ideeen/{ref}").text
    assert ">de indiener</td>" in as_kern and ">u</td>" not in as_kern
    assert ">u</td>" in as_anna and ">de indiener</td>" not in as_anna
    app.ideas.pick_up(ROLES["kernteam"], "test", ref)
    picked = kern.get(f"/ideeen/{ref}").text
    assert picked != as_kern and ">u</td>" in picked  # the kernteam's own step is its "u"
    strict(picked)


def test_sign_in_posts_need_this_site_and_the_form_token(site: tuple[App, dict[str, str]]) -> None:
    app, _ = site
    http = client(app)
    http.get("/aanmelden")
    token = http.cookies["vaart_formulier"]
    before = outbox_count(app)
    assert http.post("/aanmelden", data={"email": ROLES["staf"]}, headers=ORIGIN).status_code == 403
    assert http.post("/aanmelden", data={"email": ROLES["staf"], "formulier": token},
                     headers={"origin": "https://elders.example"}).status_code == 403
    assert http.post("/aanmelden", data={"email": ROLES["staf"], "formulier": token}).status_code == 403
    assert http.post("/aanmelden", data={"email": ROLES["staf"], "formulier": "x" * 43},
                     headers=ORIGIN).status_code == 403
    assert outbox_count(app) == before
    assert http.post("/aanmelden", data={"email": ROLES["staf"], "formulier": token}, headers=ORIGIN).status_code == 200
    assert outbox_count(app) == before + 1


def test_sign_out_needs_the_sessions_own_token(site: tuple[App, dict[str, str]]) -> None:
    app, _ = site
    http = signed_in(app, ROLES["staf"])
    assert http.post("/afmelden", data={"formulier": "wrong"}, headers=ORIGIN).status_code == 403
    assert http.get("/werk", follow_redirects=False).status_code == 200
    csrf = re.search(r'name="formulier" value="([^"]+)"', http.get("/werk").text)
    assert csrf
    assert http.post("/afmelden", data={"formulier": csrf.group(1)}, headers=ORIGIN,
                     follow_redirects=False).status_code == 303
    assert http.get("/werk", follow_redirects=False).status_code == 303


def test_an_unknown_address_gets_no_mail_and_the_same_answer(site: tuple[App, dict[str, str]]) -> None:
    app, _ = site
    http = client(app)
    http.get("/aanmelden")
    form = {"formulier": http.cookies["vaart_formulier"]}
    before = outbox_count(app)
    stranger = http.post("/aanmelden", data={**form, "email": "vreemde@elders.nl"}, headers=ORIGIN)
    assert outbox_count(app) == before
    with app.engine.connect() as conn:  # nor is the stranger's address kept, not even as a pseudonym
        kept = conn.execute(select(person_pseudonyms.c.email).where(person_pseudonyms.c.email == "vreemde@elders.nl"))
        assert kept.first() is None
    known = http.post("/aanmelden", data={**form, "email": ANNA}, headers=ORIGIN)
    assert outbox_count(app) == before + 1
    assert stranger.text == known.text
    bad = http.post("/aanmelden", data={**form, "email": "geen adres"}, headers=ORIGIN)
    assert bad.status_code == 400 and "geen geldig e-mailadres" in bad.text


def test_links_are_limited_to_five_an_hour_per_address(site: tuple[App, dict[str, str]]) -> None:
    app, _ = site
    before = outbox_count(app)
    for _ in range(8):
        app.web_access.request_link(ROLES["staf"], BASE, "nl")
    assert outbox_count(app) == before + 5


def test_a_link_works_once_and_for_fifteen_minutes(site: tuple[App, dict[str, str]]) -> None:
    app, _ = site
    clock = app.clock
    assert isinstance(clock, ManualClock)
    token = app.web_access.issue_link(ROLES["staf"], BASE, ADMIN).split("token=")[1]
    assert app.web_access.redeem(token) is not None
    assert app.web_access.redeem(token) is None
    late = app.web_access.issue_link(ROLES["staf"], BASE, ADMIN).split("token=")[1]
    clock.advance(timedelta(minutes=15))
    assert app.web_access.redeem(late) is None
    assert app.web_access.redeem("nonsense") is None


def test_a_session_ends_on_the_server_after_its_hours(site: tuple[App, dict[str, str]]) -> None:
    app, _ = site
    http = signed_in(app, ROLES["kernteam"])
    cookie = next(c for c in http.cookies.jar if c.name == "vaart_sessie")
    assert cookie.has_nonstandard_attr("HttpOnly") and not cookie.secure  # plain HTTP on 127.0.0.1 only
    clock = app.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(hours=8, seconds=1))
    assert http.get("/werk", follow_redirects=False).status_code == 303
    assert http.get("/werk.json").status_code == 401


def test_functions_are_read_from_the_people_store_on_every_request(site: tuple[App, dict[str, str]]) -> None:
    app, _ = site
    http = signed_in(app, ROLES["staf"])
    assert http.get("/berichten").status_code == 200
    with app.engine.begin() as conn:  # the staf member loses the function while signed in
        conn.execute(update(tables.people).where(tables.people.c.email == ROLES["staf"]).values(roles=[]))
    assert http.get("/berichten").status_code == 403
    assert http.get("/financien").status_code == 403


def test_an_indiener_outside_the_people_store_is_a_visitor_without_functions(
        any_site: tuple[App, dict[str, str]]) -> None:
    """The session and its person are read in one query; with no person row the visitor is an indiener."""
    app, refs = any_site
    http = signed_in(app, ANNA)
    board = http.get("/werk.json").json()
    assert board["own_only"] is True
    assert {idea["reference"] for column in board["columns"] for idea in column["ideas"]} == {refs["anna"]}
    assert http.get(f"/ideeen/{refs['anna']}.json").json()["reference"] == refs["anna"]
    assert http.get(f"/ideeen/{refs['piet']}.json").status_code == 404
    assert http.get("/financien").status_code == 403
    assert ANNA in http.get("/werk").text.split("<main")[0]  # signed in as her address: no name on record
    assert "Kees Kern" in signed_in(app, ROLES["kernteam"]).get("/werk").text.split("<main")[0]


def test_the_pages_open_in_the_language_the_person_chose_in_chat_until_the_switch_says_otherwise(
        site: tuple[App, dict[str, str]]) -> None:
    app, _ = site
    app.people.set_language(ANNA, "slack", "en")  # a guest (an indiener) who typed 'language en'
    http = signed_in(app, ANNA)
    assert '<html lang="en"' in http.get("/werk").text
    http.get("/taal?lang=nl&terug=/werk")
    assert '<html lang="nl"' in http.get("/werk").text
    again = client(app)
    again.cookies.set("vaart_taal", "nl")
    link = app.web_access.issue_link(ANNA, BASE, ADMIN)
    again.get(link)
    form = {"formulier": again.cookies["vaart_formulier"], "token": link.split("token=")[1]}
    again.post("/aanmelden/link", data=form, headers=ORIGIN, follow_redirects=False)
    assert '<html lang="nl"' in again.get("/werk").text  # the browser's own choice is kept
    assert '<html lang="nl"' in signed_in(app, ROLES["kernteam"]).get("/werk").text


def test_the_secure_flag_is_set_off_localhost(tmp_path: Path) -> None:
    app = build_app(tmp_path / "var", "https://monitor.regiodeal-zod.nl")
    try:
        http = TestClient(create_asgi(app), base_url="https://monitor.regiodeal-zod.nl")
        link = app.web_access.issue_link(ROLES["staf"], "https://monitor.regiodeal-zod.nl", ADMIN)
        http.get(link)
        answer = http.post("/aanmelden/link", data={"formulier": http.cookies["vaart_formulier"],
                                                     "token": link.split("token=")[1]},
                           headers={"origin": "https://monitor.regiodeal-zod.nl"}, follow_redirects=False)
        cookie = answer.headers["set-cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    finally:
        app.close()


def test_the_board_filters_and_pages_in_the_store(any_site: tuple[App, dict[str, str]]) -> None:
    app, refs = any_site
    monitor = app.monitor

    def refs_of(filters: BoardFilters, per: int = 10, page: int = 1) -> set[str]:
        found = monitor.board(filters, STATUSES, per, page)
        return {card.reference for column in found.columns for card in column.cards}

    assert refs_of(BoardFilters()) == set(refs.values())
    assert refs_of(BoardFilters(programmalijn="Leven Lang Ontwikkelen")) == {refs["piet"]}
    assert refs_of(BoardFilters(opgave="Kwetsbare economie")) == {refs["other"]}
    assert refs_of(BoardFilters(organisation="Gemeente Emmen")) == {refs["other"]}
    assert refs_of(BoardFilters(penvoerder="Zorgcoöperatie Drenthe")) == {refs["anna"]}
    assert refs_of(BoardFilters(submitter=ANNA)) == {refs["anna"]}
    assert refs_of(BoardFilters(submitter="d.ontwerp@treant.nl")) == {refs["anna"]}  # a designer sees it too
    for n in range(3):
        app.ideas.submit(f"p{n}@voorbeeld.nl", "test", f"Idee {n}", "Omschrijving van het idee")
    first = monitor.board(BoardFilters(status="ingediend"), STATUSES, 2, 1)
    second = monitor.board(BoardFilters(status="ingediend"), STATUSES, 2, 2)
    assert first.columns[0].count == 4 and len(first.columns[0].cards) == 2 and len(second.columns[0].cards) == 2
    assert not {c.reference for c in first.columns[0].cards} & {c.reference for c in second.columns[0].cards}


def test_the_coverage_counts_ideas_and_money_per_cell(any_site: tuple[App, dict[str, str]]) -> None:
    """One reading of §5's coverage: the web's /dekking shows what chat `dekking` computes from idea_din."""
    app, _ = any_site
    programme = app.programme
    found = app.coverage.overview()
    cell = found.cell("Zorg en Welzijn", programme.opgaven[4])
    assert cell.ideas == 1 and str(cell.allocated) == "45000.00"
    assert found.cell("Leven Lang Ontwikkelen", programme.opgaven[0]).ideas == 1
    assert found.cell("Samen met inwoners", programme.opgaven[0]).ideas == 0
    page = client(app).get("/dekking.json").json()
    shown = {(c["programmalijn"], c["opgave"]): (c["ideas"], c["allocated"]) for c in page["cells"]}
    assert shown == {(line, opgave): (found.cell(line, opgave).ideas, str(found.cell(line, opgave).allocated))
                     for line in programme.programme_lines for opgave in programme.opgaven}
    assert page["not_linked"] == found.unlinked


def test_the_audit_trail_of_an_idea_reveals_addresses_only_to_the_page(any_site: tuple[App, dict[str, str]]) -> None:
    app, refs = any_site
    trail = app.monitor.trail(refs["anna"])
    assert trail[0].action == "submitted" and trail[0].actor_email == ANNA
    assert all(entry.actor_pseudonym.startswith("pid-") or entry.actor_pseudonym == "-" for entry in trail)
    assert [e.seq for e in trail] == sorted(e.seq for e in trail)


def test_the_idea_page_reads_its_idea_as_the_aggregate_has_it_on_both_stores(
        any_site: tuple[App, dict[str, str]]) -> None:
    """One connection, plain read models: the same idea, advice, decisions, trail and people as the parts."""
    app, refs = any_site
    page, idea = app.monitor.idea_page(refs["anna"].lower()), app.monitor.idea(refs["anna"])
    assert page is not None and idea is not None
    sheet = page.idea
    assert (sheet.reference, sheet.status, sheet.din, sheet.parts, sheet.designers, sheet.meeting_date) == (
        idea.reference, idea.status, idea.din, idea.parts, idea.designers, idea.meeting_date)
    assert sheet.advices and [(a.positive, a.criteria, a.principles) for a in sheet.advices] == [
        (a.positive, a.criteria, a.principles) for a in idea.advices]
    assert sheet.decisions and [(d.number, d.amount, d.conditions) for d in sheet.decisions] == [
        (d.number, d.amount, d.conditions) for d in idea.decisions]
    assert page.trail == app.monitor.trail(idea.reference)
    assert page.spend_requests == app.monitor.spend_requests(idea.reference)
    named = {idea.kernteam_contact, *(e.actor_email for e in page.trail)} - {None}
    assert page.people == app.monitor.people(e for e in named if e) and idea.kernteam_contact in page.people
    assert app.monitor.idea_page("ZOD-1999-0001") is None


def test_the_staf_sees_dead_letters_with_their_reason(site: tuple[App, dict[str, str]]) -> None:
    app, _ = site
    http = signed_in(app, ROLES["staf"])
    dead = http.get("/berichten.json?status=dead").json()
    assert dead["total"] == 1 and dead["messages"][0]["last_error"] == "550 mailbox unavailable"
    strict(http.get("/berichten?status=dead").text)


def test_vaart_web_login_prints_a_link_that_signs_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli.main import main

    monkeypatch.setenv("VAART_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("VAART_WEB_BASE_URL", BASE)
    assert main(["web-login", ANNA]) == 0
    link = capsys.readouterr().out.splitlines()[0]
    assert link.startswith(f"{BASE}/aanmelden/link?token=")
    app = build_app(tmp_path / "var", BASE)
    try:
        signed = app.web_access.redeem(link.split("token=")[1])
        assert signed is not None and signed.session.email == ANNA
    finally:
        app.close()
    assert all(EMAIL.fullmatch(e) for e in EMAILS)


def test_the_public_register_lists_the_stuurgroep_s_budget_decisions_too(any_site: tuple[App, dict[str, str]]) -> None:
    """§6: the begroting and its revisions are stuurgroep decisions, in the register like the others."""
    app, _ = any_site
    with app.engine.begin() as conn:
        conn.execute(budget_resolutions.insert().values(
            number="ZOD-B-2026-900", kind="herziening", decided_on=datetime(2026, 12, 11).date(),
            text="De stuurgroep stelt de herziene begroting 2027 vast", recorded_by="beheer@vaart.local",
            recorded_at=app.clock.now()))
    entries, _total = app.monitor.register(1, 500)
    [found] = [e for e in entries if e.number == "ZOD-B-2026-900"]
    assert (found.kind, found.reference, found.outcome) == ("begroting", "herziening", "akkoord")
    http = client(app)
    first = http.get("/besluiten.json").json()
    pages = -(-first["total"] // first["per_page"])
    records = [r for n in range(1, pages + 1) for r in http.get(f"/besluiten.json?pagina={n}").json()["decisions"]]
    assert [r["kind"] for r in records if r["number"] == "ZOD-B-2026-900"] == ["begroting"]
    for n in range(1, pages + 1):
        strict(http.get(f"/besluiten?pagina={n}").text)
    assert any(r["number"] == "ZOD-B-2026-900" for r in http.get("/besluiten/download.json").json())


def test_an_address_the_site_has_not_and_a_post_to_a_page_get_the_sites_own_page(
    site: tuple[App, dict[str, str]],
) -> None:
    app, _ = site
    http = client(app)
    missing = http.get("/bestaat-niet")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    strict(missing.text)
    assert "Deze pagina bestaat niet." in missing.text and 'lang="nl"' in missing.text
    assert 'href="/besluiten"' in missing.text  # the site's navigation, to go on from
    posted = http.post("/besluiten", data={"x": "1"}, headers=ORIGIN)
    assert posted.status_code == 405 and set(posted.headers["allow"].split(", ")) == {"GET", "HEAD"}
    assert "Deze pagina is alleen te bekijken" in posted.text
    for answer in (missing, posted):  # the headers of every page, on these too
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        assert answer.headers["x-content-type-options"] == "nosniff" and answer.headers["cache-control"] == "no-store"
    assert http.get("/bestaat-niet.json").json() == {"error": "web.not_found", "message": "Deze pagina bestaat niet."}
    assert http.get("/ideeen/ZOD-2026-0001/x", headers={"accept": "application/json"}).status_code == 404
    english = http.get("/bestaat-niet?lang=en")
    assert "This page does not exist." in english.text and 'lang="en"' in english.text


def test_the_teams_stuurgroep_pages_show_the_calendars_meetings_too(site: tuple[App, dict[str, str]]) -> None:
    """As the public dates do: a meeting the calendar plans and nothing stored yet is listed (with 0 agenda
    items) and has its page with its document route; a stored one shows its agenda's size as a number."""
    app, _ = site
    http = signed_in(app, ROLES["staf"])
    today = app.clock.now().date()
    gremium = app.meetings.setup.route_gremium
    records = [r for year in (today.year, today.year + 1) for r in app.meetings.year_records(year, gremium)]
    planned = next(r for r in records if r.id is None)
    index = http.get("/stuurgroep")
    assert index.status_code == 200 and "built-in method" not in index.text
    strict(index.text)
    listed = {m["date"]: m for m in http.get("/stuurgroep.json").json()["meetings"]}
    assert listed[planned.day.isoformat()]["agenda_items"] == 0
    assert listed["2027-01-22"]["agenda_items"] >= 1
    page = http.get(f"/stuurgroep/{planned.day.isoformat()}")
    assert page.status_code == 200, page.text
    strict(page.text)
    assert planned.day.strftime("%d-%m-%Y") in page.text


def test_the_idea_page_names_the_design_team(site: tuple[App, dict[str, str]]) -> None:
    app, refs = site
    http = signed_in(app, ROLES["kernteam"])
    shown = [(ref, app.ideas.status(ROLES["kernteam"], ref)) for ref in refs.values()]
    ref, idea = next((r, i) for r, i in shown if i.designers)
    people = {p.email: p.name for p in app.people.list()}
    page = http.get(f"/ideeen/{ref}")
    assert page.status_code == 200
    for email in idea.designers:
        assert people.get(email, email) in page.text
    assert http.get(f"/ideeen/{ref}.json").json()["designers"]
