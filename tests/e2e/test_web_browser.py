"""The web pages in a real browser: Debian's chromium, headless, driven by Playwright, against
`vaart serve`'s ASGI app under uvicorn on 127.0.0.1, on a seeded programme.

Every page is opened by the public and by each role after signing in with a one-time link (and
once with Microsoft Entra ID against a fake on 127.0.0.1); what each may and may not see is
asserted; axe-core checks WCAG 2.1 AA on every page; the HTML as served passes html5lib's strict
parser; screenshots at phone and desktop width land in var/screenshots/. One browser for the module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import html5lib
import pytest

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.cli.demo import ADMIN
from bot.cli.demo_consensus import ANNA, START
from tests.web.browser import ARGS, CHROMIUM, DESKTOP, PHONE, SCREENSHOTS, axe_violations, describe
from tests.web.fake_entra import FakeEntra
from tests.web.seed import EMAILS, MEETING_DAY, NAMES, ROLES, build_app, seed
from tests.web.server import LiveServer, free_port

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium: make test installs it")

EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PUBLIC = ["/", "/besluiten", "/vergaderingen", "/dekking", "/begroting", "/aanmelden"]
TENANT, CLIENT, SECRET = "11111111-2222-3333-4444-555555555555", "web-client-id", "web-client-secret"


@dataclass
class Site:
    app: App
    base: str
    refs: dict[str, str]
    entra: FakeEntra


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    clock = ManualClock(START)
    with FakeEntra(TENANT, CLIENT, SECRET, ROLES["kernteam"], clock.now) as entra:
        app = build_app(tmp_path_factory.mktemp("web"), base, clock=clock, VAART_WEB_ENTRA_CLIENT_ID=CLIENT,
                        VAART_WEB_ENTRA_TENANT_ID=TENANT, VAART_WEB_ENTRA_CLIENT_SECRET=SECRET,
                        VAART_WEB_ENTRA_AUTHORITY_URL=entra.url)
        try:
            refs = seed(app)
            with LiveServer(app, port):
                yield Site(app, base, refs, entra)
        finally:
            app.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _context(browser: Any, size: dict[str, int] = DESKTOP) -> Any:
    return browser.new_context(viewport=size, locale="nl-NL")


def sign_in(browser: Any, site: Site, email: str) -> Any:
    """A browser context signed in by a one-time link (as `vaart web-login` prints it)."""
    context = _context(browser)
    page = context.new_page()
    page.goto(site.app.web_access.issue_link(email, site.base, ADMIN))
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"{site.base}/werk")
    return page


def check(page: Any, path: str, name: str, status: int = 200, axe: bool = True) -> str:
    """Open *path*, assert its status and strict HTML; with *axe* also no serious WCAG violation and
    two screenshots (each page gets this once; the other roles only read what they see)."""
    response = page.goto(path)
    assert response.status == status, f"{path}: {response.status}"
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(response.text())
    if not axe:
        return str(page.inner_text("main"))
    violations = axe_violations(page)
    assert not violations, f"{path}: {describe(violations)}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    return str(page.inner_text("main"))


def test_the_public_sees_every_public_page_without_personal_data(browser: Any, site: Site) -> None:
    page = _context(browser).new_page()
    page.set_default_navigation_timeout(15000)
    for path in PUBLIC:
        text = check(page, site.base + path, "publiek" + (path.replace("/", "-") if path != "/" else "-start"))
        whole = page.content()
        assert not EMAIL_PATTERN.search(whole), f"an address on {path}"
        for name in NAMES:
            assert name not in whole, f"{name} named on {path}"
        assert "Direct naar de inhoud" in whole
        assert text.strip()
    missing = check(page, site.base + "/bestaat-niet", "publiek-onbekend-adres", status=404)
    assert "Deze pagina bestaat niet." in missing  # the site's own page, accessible as every page
    page.goto(site.base + "/besluiten")
    assert "ZOD-B-" in page.inner_text("main")
    assert "Stuurgroep, Gemeente Emmen" in page.inner_text("main")  # functions instead of names (Woo)
    page.goto(site.base + "/werk")
    assert page.url.startswith(site.base + "/aanmelden")  # no board without signing in
    page.context.close()


@pytest.mark.parametrize("role", ["kernteam", "programmadirecteur", "expertteam", "staf", "stuurgroep",
                                  "coordinatieteam"])
def test_each_function_sees_the_board_ideas_meetings_and_money(browser: Any, site: Site, role: str) -> None:
    page = sign_in(browser, site, ROLES[role])
    full = role == "staf"  # every page checked with axe and photographed once, as the staf
    board = check(page, site.base + "/werk", f"{role}-werk", axe=full)
    assert site.refs["anna"] in board and site.refs["piet"] in board and "Werkvoorraad" in board
    idea = check(page, f"{site.base}/ideeen/{site.refs['anna']}", f"{role}-idee", axe=full)
    assert "Logboek" in idea and "Advies van het expertteam" in idea and "Overwegingen" in idea
    meeting = check(page, f"{site.base}/stuurgroep/{MEETING_DAY}", f"{role}-stuurgroep", axe=full)
    assert "Documentenroute" in meeting and "Documentenpakket" in meeting and site.refs["anna"] in meeting
    assert "sinds 01-01-2023" in meeting and "12.500,00" in meeting  # the mandate report since the start
    if full:  # printed, the stuurgroep page loses the navigation and forms, keeps the content
        page.emulate_media(media="print")
        assert not page.locator(".vaart-nav").is_visible() and page.locator("h1").is_visible()
        page.pdf(path=str(SCREENSHOTS / "staf-stuurgroep-print.pdf"))
        page.emulate_media(media="screen")
    finance = check(page, site.base + "/financien", f"{role}-financien", axe=full)
    assert "plafond" in finance.lower() and "Mandaat" in finance
    outbox = page.goto(site.base + "/berichten")
    if role == "staf":
        text = check(page, site.base + "/berichten", "staf-berichten")
        assert "onbestelbaar" in text and "550 mailbox unavailable" in text
        check(page, site.base + "/stuurgroep", "staf-vergaderingen")
        check(page, site.base + "/werk?status=ingediend", "staf-werk-fase")
    else:
        assert outbox.status == 403 and "niet voor uw rol" in page.inner_text("main")
    page.context.close()


def test_the_board_filters_by_programmalijn_and_opgave(browser: Any, site: Site) -> None:
    page = sign_in(browser, site, ROLES["kernteam"])
    page.select_option("#f-programmalijn", "Leven Lang Ontwikkelen")
    page.get_by_role("button", name="Filteren").click()
    text = page.inner_text("main")
    assert site.refs["piet"] in text and site.refs["anna"] not in text
    page.goto(site.base + "/werk?opgave=" + "Kwetsbare economie")
    text = page.inner_text("main")
    assert site.refs["other"] in text and site.refs["piet"] not in text
    page.context.close()


def test_an_indiener_signs_in_by_mail_and_sees_only_their_own_ideas(browser: Any, site: Site) -> None:
    page = _context(browser).new_page()
    page.goto(site.base + "/aanmelden")
    page.fill("#email", ANNA)
    page.get_by_role("button", name="Stuur mij een aanmeldlink").click()
    assert "Kijk in uw mail" in page.inner_text("main")
    rows, _ = site.app.monitor.outbox(None, 1, 50)
    mail = next(r for r in rows if r.recipient == ANNA and "aanmeldlink" in r.subject.lower())
    body = _body(site.app, mail.id)
    link = re.search(r"http://127\.0\.0\.1:\d+/aanmelden/link\?token=[\w-]+", body)
    assert link, body
    page.goto(link.group(0))
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"{site.base}/werk")
    board = check(page, site.base + "/werk", "indiener-werk")
    assert "Mijn ideeën" in board and site.refs["anna"] in board
    assert site.refs["piet"] not in board and site.refs["other"] not in board
    own = check(page, f"{site.base}/ideeen/{site.refs['anna']}", "indiener-idee")
    assert "Zorgbus" in own and "Petra Plan" not in own  # functions, not the team's names
    check(page, f"{site.base}/ideeen/{site.refs['piet']}", "indiener-ander-idee", status=404)
    assert "niet van u" in page.inner_text("main") and "Dorpshuis" not in page.content()
    for path in ("/financien", "/berichten", f"/stuurgroep/{MEETING_DAY}"):
        assert page.goto(site.base + path).status == 403
    assert page.goto(site.base + "/werk.json").status == 200
    assert site.refs["piet"] not in page.inner_text("body")
    # the link was used: a second time it opens nothing
    page.goto(link.group(0))
    page.get_by_role("button", name="Aanmelden").click()
    assert "verlopen of al gebruikt" in page.inner_text("main")
    page.context.close()


def test_a_link_older_than_15_minutes_opens_nothing(browser: Any, site: Site) -> None:
    clock = site.app.clock
    assert isinstance(clock, ManualClock)
    link = site.app.web_access.issue_link(ROLES["staf"], site.base, ADMIN)
    clock.advance(timedelta(minutes=15, seconds=1))
    page = _context(browser).new_page()
    page.goto(link)
    page.get_by_role("button", name="Aanmelden").click()
    assert "verlopen of al gebruikt" in page.inner_text("main")
    page.context.close()


def test_signing_out_ends_the_session_on_the_server(browser: Any, site: Site) -> None:
    page = sign_in(browser, site, ROLES["programmadirecteur"])
    cookie = next(c for c in page.context.cookies() if c["name"] == "vaart_sessie")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and not cookie["secure"]  # plain HTTP on 127.0.0.1
    page.get_by_role("button", name="Afmelden").click()
    page.wait_for_url(site.base + "/")
    page.context.add_cookies([{**cookie}])  # the old cookie again: the server ended that session
    page.goto(site.base + "/werk")
    assert page.url.startswith(site.base + "/aanmelden")
    page.context.close()


def test_the_pages_switch_to_english(browser: Any, site: Site) -> None:
    page = _context(browser).new_page()
    page.goto(site.base + "/besluiten")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Decision register" in page.inner_text("main")
    check(page, site.base + "/dekking", "public-coverage-en")
    assert "DIN coverage" in page.inner_text("main")
    page.context.close()


def test_signing_in_with_microsoft_entra_uses_pkce(browser: Any, site: Site) -> None:
    page = _context(browser).new_page()
    page.goto(site.base + "/aanmelden")
    page.get_by_role("link", name="Aanmelden met Microsoft").click()
    page.wait_for_url(f"{site.base}/werk")
    asked = site.entra.authorize_requests[-1]
    assert asked["code_challenge_method"] == "S256" and len(asked["code_challenge"]) >= 43
    assert asked["client_id"] == CLIENT and asked["redirect_uri"] == site.base + "/aanmelden/microsoft/terug"
    assert site.entra.token_requests[-1]["code_verifier"]
    assert "Kees Kern" in page.inner_text("header")
    page.context.close()


def _body(app: App, message_id: int) -> str:
    from sqlalchemy import select

    from storage import tables

    with app.engine.connect() as conn:
        return str(conn.execute(select(tables.outbox.c.body).where(tables.outbox.c.id == message_id)).scalar_one())


def test_no_page_shows_an_address_it_should_not(site: Site) -> None:
    """The seed's addresses exist (the check above would pass on an empty store otherwise)."""
    assert all(EMAIL_PATTERN.fullmatch(e) for e in EMAILS)
