"""The web front end's pure parts: SVG charts, the Entra ID token checks, redirects, the vendored files."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, DictLoader

from bot.frontends.web import charts
from bot.frontends.web.config import EntraConfig
from bot.frontends.web.entra import EntraError, EntraSignIn
from bot.frontends.web.render import WORDS_KEPT, Renderer, _Words, data_key
from bot.frontends.web.security import CSP, is_local, local_path

ROOT = Path(__file__).resolve().parents[3]
SVG = "{http://www.w3.org/2000/svg}"
NOW = datetime(2027, 1, 22, 12, 0, tzinfo=UTC)
TENANT = "11111111-2222-3333-4444-555555555555"


def test_a_bar_chart_is_well_formed_svg_with_a_title_and_escaped_labels() -> None:
    svg = charts.bars("c1", "Toegekend <per> lijn", [("<script>x</script>", Decimal("45000.00"), "€ 45.000,00"),
                                                      ("Leeg", Decimal("0"), "€ 0,00")],
                      cap=(Decimal("90000"), "plafond"))
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-title"
    assert root.find(f"{SVG}title").text == "Toegekend <per> lijn"  # type: ignore[union-attr]
    assert "<script>" not in str(svg) and "style=" not in str(svg)
    widths = [float(r.get("width", "0")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] > 0 and widths[1] == 0


def test_a_heat_map_marks_empty_cells() -> None:
    svg = charts.heatmap("h", "Dekking", ["Zorg en Welzijn"], ["Kwetsbare economie", "Vergrijzing"], [[0, 3]])
    texts = [t.text for t in ET.fromstring(str(svg)).iter(f"{SVG}text")]
    assert "0 !" in texts and "3" in texts


def test_a_heat_maps_column_names_are_broken_into_lines_never_cut() -> None:
    long = "Arbeidsmarktdiscriminatiebestrijding"
    columns = ["Intergenerationele armoede", "Het verdwijnen en de nabijheid van voorzieningen", long]
    svg = charts.heatmap("h", "Dekking", ["Zorg en Welzijn"], columns, [[1, 0, 2]])
    texts = [t.text or "" for t in ET.fromstring(str(svg)).iter(f"{SVG}text")]
    assert texts[:2] == ["Intergenerationele", "armoede"]  # it read 'Intergenerationel'
    assert texts[2:5] == ["Het verdwijnen en", "de nabijheid van", "voorzieningen"]
    assert "".join(texts[5:8]).replace("-", "") == long  # broken with a hyphen, every letter kept


def claims(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {"aud": "client", "tid": TENANT, "iss": f"https://login.microsoftonline.com/{TENANT}/v2.0",
                               "exp": NOW.timestamp() + 600, "preferred_username": "K.Kern@RegioDeal-ZOD.nl"}
    return {**base, **changes}


def entra() -> EntraSignIn:
    return EntraSignIn(EntraConfig("client", TENANT, "secret"))


def test_an_id_token_for_us_from_our_tenant_names_the_address() -> None:
    assert entra().check_claims(claims(), NOW) == "k.kern@regiodeal-zod.nl"


@pytest.mark.parametrize("changes", [{"aud": "someone-else"}, {"tid": "other-tenant"},
                                     {"iss": "https://evil.example/v2.0"}, {"exp": NOW.timestamp() - 1},
                                     {"preferred_username": None}])
def test_an_id_token_that_is_not_for_us_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(EntraError):
        entra().check_claims(claims(**changes), NOW)


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example", "/\\evil", "werk", ""])
def test_redirects_stay_on_this_site(target: str) -> None:
    assert local_path(target, "/werk") == "/werk"


def test_plain_http_is_only_for_localhost() -> None:
    assert is_local("http://127.0.0.1:8000") and is_local("http://localhost:8000")
    assert not is_local("https://127.0.0.1") and not is_local("http://monitor.regiodeal-zod.nl")
    assert "script-src" not in CSP and "frame-ancestors 'none'" in CSP


def test_the_vendored_files_are_the_packages_files_with_their_licences() -> None:
    manifest = json.loads((ROOT / "bot/frontends/web/static/VENDORED.json").read_text(encoding="utf-8"))
    packages = {entry["package"].rsplit("@", 1)[0] for entry in manifest}
    assert packages == {"@utrecht/component-library-css", "@nl-design-system-unstable/voorbeeld-design-tokens",
                        "axe-core"}
    for entry in manifest:
        data = (ROOT / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file"]
    files = {entry["file"].rsplit("/", 1)[1] for entry in manifest}
    assert {"LICENSE.md", "LICENSE"} <= files


@pytest.mark.parametrize(("query", "page"), [("pagina=3", 3), ("pagina=²", 1), ("pagina=٣", 1), ("pagina=-2", 1),
                                            ("pagina=0", 1), ("pagina=99999999", 100_000), ("", 1)])
def test_a_page_number_is_digits_0_to_9_or_the_first_page(query: str, page: int) -> None:
    from starlette.requests import Request

    from bot.frontends.web.paging import page_number

    request = Request({"type": "http", "method": "GET", "path": "/", "query_string": query.encode(), "headers": []})
    assert page_number(request) == page


def test_the_renderers_kept_words_are_emptied_when_they_pass_their_bound() -> None:
    words = _Words()
    for n in range(WORDS_KEPT):
        words[("nl", "status", f"s{n}")] = str(n)
    assert len(words) == WORDS_KEPT
    words[("nl", "status", "one more")] = "x"  # a label's key comes from the store: the cache never grows past it
    assert dict(words) == {("nl", "status", "one more"): "x"}


def test_a_kept_fragment_is_the_same_html_for_the_same_data_and_the_least_used_goes_first() -> None:
    renderer = Renderer("Regio Deal")
    renderer.env.loader = ChoiceLoader([DictLoader({"bit.html": "<p>{{ data.title }}: {{ data.amount | euro }}</p>"}),
                                        renderer.env.loader])  # type: ignore[list-item]
    renderer._fragments.kept = 2

    def made(value: dict[str, object]) -> str:
        return str(renderer.fragment("bit.html", "nl", data_key(value), {"data": value}))

    data = {"title": "<b>Fiets</b>", "amount": Decimal("10.00"), "at": NOW}
    first = made(data)
    assert first == "<p>&lt;b&gt;Fiets&lt;/b&gt;: € 10,00</p>"
    assert made(dict(data)) == first and len(renderer._fragments._items) == 1
    assert data_key({**data, "amount": Decimal("10.0")}) != data_key(data)  # to the last digit
    assert made({**data, "title": "Ander"}) == "<p>Ander: € 10,00</p>"
    made({**data, "title": "Derde"})
    assert len(renderer._fragments._items) == 2  # bounded: the least used went out
