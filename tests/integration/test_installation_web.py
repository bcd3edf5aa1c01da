"""The web pages of an installation with two programmes over HTTP (the real ASGI app): the default
programme at `/` as alone, the VDG under `/programma/vdg/` with every link, redirect and download
under that prefix; sign-in per programme (its own cookie name and path, its one-time links open its
own pages, a link of one programme signs nobody in to the other); `/programma` lists both and
/healthz asks both stores."""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterator
from pathlib import Path

import html5lib
import pytest
from starlette.testclient import TestClient

from bot.asgi import create_asgi
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.installation import Installation, build_installation
from bot.bootstrap.settings import Settings
from bot.cli.main import main
from tests.cast import ANNA, EMAIL
from tests.conftest import START

BASE = "http://127.0.0.1:8000"
ORIGIN = {"origin": BASE}
KEES = EMAIL["kernteam"]
ADMIN = "beheer@vaart.local"
HREF = re.compile(r'(?:href|action)="([^"]+)"')


@pytest.fixture
def installation(tmp_path: Path) -> Iterator[Installation]:
    env = {"VAART_VAR_DIR": str(tmp_path / "var"), "VAART_PROGRAMMES": "zod,vdg", "VAART_WEB_BASE_URL": BASE}
    made = build_installation(Settings.from_env(env), clock=ManualClock(START))
    zod, vdg = made.app("ZOD"), made.app("VDG")
    zod.people.add(ADMIN, "test", KEES, "Kees Kern", ["kernteam"])
    vdg.people.add(ADMIN, "test", KEES, "Kees Kern", ["staf"])
    zod.ideas.submit(ANNA, "test", "Zorgbus", "Een bus voor ouderen", opgaven=["5"])
    vdg.ideas.submit(ANNA, "test", "Warmtecoördinator", "Een coördinator warmtetransitie")
    yield made
    made.close()


def client(installation: Installation) -> TestClient:
    return TestClient(create_asgi(installation.default, installation), base_url=BASE)


def sign_in(http: TestClient, link: str, prefix: str) -> None:
    page = http.get(link.removeprefix(BASE))
    assert page.status_code == 200
    form = f"vaart_formulier{'_' + prefix.rsplit('/', 1)[-1] if prefix else ''}"
    answer = http.post(f"{prefix}/aanmelden/link", data={"formulier": http.cookies[form],
                                                         "token": link.split("token=")[1]},
                       headers=ORIGIN, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"{prefix}/werk"


def test_the_vdg_pages_live_under_its_prefix_and_every_link_on_them_does_too(installation: Installation) -> None:
    http = client(installation)
    for path in ("/", "/besluiten", "/vergaderingen", "/dekking", "/begroting", "/aanmelden"):
        page = http.get(f"/programma/vdg{path}")
        assert page.status_code == 200, path
        html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page.text)
        links = HREF.findall(page.text)
        local = [link for link in links if link.startswith("/") and not link.startswith("/static/")]
        assert local and all(link.startswith("/programma/vdg/") for link in local), (path, local)
        assert "Vereniging van Drentse Gemeenten" in page.text or "VDG" in page.text
    assert 'href="/besluiten"' in http.get("/").text  # the default programme exactly as alone
    assert http.get("/programma/vdg/taal?lang=en&terug=/programma/vdg/besluiten",
                    follow_redirects=False).headers["location"] == "/programma/vdg/besluiten"


def test_signing_in_to_one_programme_signs_nobody_in_to_the_other(installation: Installation) -> None:
    zod, vdg = installation.app("ZOD"), installation.app("VDG")
    http = client(installation)
    assert http.get("/programma/vdg/werk", follow_redirects=False).headers["location"] == \
        "/programma/vdg/aanmelden?terug=/programma/vdg/werk"
    link = vdg.web_access.issue_link(KEES, f"{BASE}/programma/vdg", ADMIN)
    assert link.startswith(f"{BASE}/programma/vdg/aanmelden/link?token=")
    sign_in(http, link, "/programma/vdg")
    cookie = next(c for c in http.cookies.jar if c.name == "vaart_sessie_vdg")
    assert cookie.path == "/programma/vdg" and not any(c.name == "vaart_sessie" for c in http.cookies.jar)
    board = http.get("/programma/vdg/werk")
    assert board.status_code == 200 and "VDG-2026-0001" in board.text and "ZOD-2026-0001" not in board.text
    assert 'href="/programma/vdg/ideeen/VDG-2026-0001"' in board.text
    assert http.get("/werk", follow_redirects=False).status_code == 303  # not signed in to the Regio Deal
    assert http.get("/programma/vdg/ideeen/ZOD-2026-0001").status_code == 404
    # a Regio Deal link spends nothing on the VDG's pages, and signs in only where it belongs
    zod_link = zod.web_access.issue_link(KEES, BASE, ADMIN)
    token = zod_link.split("token=")[1]
    http.get("/programma/vdg/aanmelden/link?token=" + token)
    wrong = http.post("/programma/vdg/aanmelden/link", data={"formulier": http.cookies["vaart_formulier_vdg"],
                                                             "token": token}, headers=ORIGIN, follow_redirects=False)
    assert wrong.status_code == 400
    sign_in(http, zod_link, "")
    assert "ZOD-2026-0001" in http.get("/werk").text and "VDG-2026-0001" not in http.get("/werk").text
    assert "VDG-2026-0001" in http.get("/programma/vdg/werk").text  # both sessions, side by side


def test_vaart_web_login_for_a_programme_prints_a_link_that_opens_that_programme(
    installation: Installation, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in installation.default.settings.env.items():
        if name.startswith("VAART_"):
            monkeypatch.setenv(name, value)
    assert main(["--programma", "VDG", "web-login", KEES]) == 0
    link = capsys.readouterr().out.splitlines()[0]
    assert link.startswith(f"{BASE}/programma/vdg/aanmelden/link?token=")
    http = client(installation)
    sign_in(http, link, "/programma/vdg")
    assert "VDG-2026-0001" in http.get("/programma/vdg/werk").text


def test_the_programme_list_and_the_health_check_cover_every_programme(installation: Installation) -> None:
    http = client(installation)
    page = http.get("/programma")
    assert page.status_code == 200 and 'href="/programma/vdg/"' in page.text and 'href="/"' in page.text
    assert http.get("/healthz").json()["programmas"] == ["ZOD", "VDG"]


def test_a_link_asked_for_on_a_programmes_page_comes_by_mail_and_opens_that_programme(
    installation: Installation,
) -> None:
    vdg = installation.app("VDG")
    http = client(installation)
    http.get("/programma/vdg/aanmelden")
    sent = http.post("/programma/vdg/aanmelden", data={"formulier": http.cookies["vaart_formulier_vdg"],
                                                       "email": KEES}, headers=ORIGIN)
    assert sent.status_code == 200
    vdg.outbox.drain()
    installation.default.outbox.drain()
    assert not [m for m in mails_to(installation.default.settings.outbox_dir) if "aanmelden" in m]
    body = "\n".join(m for m in mails_to(vdg.settings.outbox_dir) if "aanmelden" in m)
    link = re.search(r"http://127\.0\.0\.1:8000/programma/vdg/aanmelden/link\?token=[\w-]+", body)
    assert link, body
    sign_in(http, link.group(0), "/programma/vdg")


def mails_to(outbox: Path, who: str = KEES) -> list[str]:
    """The plain text of every mail in *outbox* to *who*."""
    found = []
    for path in outbox.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"] == who:
            body = message.get_body(preferencelist=("plain",))
            found.append(body.get_content() if body is not None else "")
    return found


def test_healthz_fails_when_any_programmes_store_does_not_answer(
    installation: Installation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.bootstrap import health

    vdg_engine = installation.app("VDG").engine
    real = health.ping

    def ping(engine: object) -> None:
        if engine is vdg_engine:
            raise ConnectionRefusedError("no database")
        real(engine)  # type: ignore[arg-type]

    monkeypatch.setattr(health, "ping", ping)
    answer = client(installation).get("/healthz")
    assert answer.status_code == 503
    assert answer.json() == {"status": "fout", "database": "ConnectionRefusedError", "programma": "VDG"}


def test_an_address_under_a_programmes_path_that_it_has_not_gets_that_programmes_page(
    installation: Installation,
) -> None:
    http = client(installation)
    page = http.get("/programma/vdg/bestaat-niet")
    assert page.status_code == 404 and "Deze pagina bestaat niet." in page.text
    local = [link for link in HREF.findall(page.text) if link.startswith("/") and not link.startswith("/static/")]
    assert local and all(link.startswith("/programma/vdg/") for link in local), local
    assert 'href="/besluiten"' in http.get("/bestaat-niet").text  # the default programme's own
