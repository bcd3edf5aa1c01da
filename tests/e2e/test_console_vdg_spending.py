"""Conversation test of spending in the VDG (`bot/programme/vdg.toml`): no mandate, so every spend request
goes the way the profile's `uitgave` decision says, to the twelve colleges after the PHO's advice
("Besluiten over inzet van middelen kunnen alleen door de twaalf individuele colleges genomen worden",
seed 003 Bijlage 1), never to a stuurgroep the VDG does not have.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from bot.cli.main import main
from bot.domain.budget_mandate import DecidedVia, RequestStatus
from tests.e2e.test_console_vdg import GEMEENTEN, REGISSEUR, VDG, Chat, accounthouder
from tests.web.server import LiveServer, free_port

U = "VDG-U-2026-0001"
STAF = "s.staf@vdg-drenthe.invalid"


@pytest.fixture
def chat(tmp_path: Path) -> Iterator[Chat]:
    session = Chat(tmp_path)
    session.app.people.add("beheer@vaart.local", "test", STAF, "Sanne Staf", ["staf"])
    yield session
    session.app.close()


def request(chat: Chat) -> str:
    return chat.say(REGISSEUR, "uitgave 5.000 Drukwerk voor de campagne Samen Drenthe | regel: communicatie")


def status(chat: Chat) -> RequestStatus:
    return chat.app.budget.get_request(U).status


def allocated(chat: Chat, key: str) -> Decimal:
    return next(balance.allocated for line, balance in chat.app.budget.lines() if line.key == key)


def test_a_vdg_spend_request_goes_to_the_colleges_and_never_to_a_stuurgroep(chat: Chat) -> None:
    answer = request(chat)
    assert f"Uitgaveverzoek {U} (€ 5.000,00) valt buiten het mandaat: over de inzet van middelen besluit elk " \
           "college zelf" in answer
    assert "Dit programma geeft niemand een mandaat voor uitgaven" in answer
    assert "stuurgroep" not in answer.split("Uitgaveverzoek", 1)[1]
    assert status(chat) is RequestStatus.TO_STUURGROEP  # waiting for the deciding gremium: the colleges
    shown = chat.say(REGISSEUR, f"status {U}", "uitgaven")
    assert "bij de colleges" in shown and "naar de stuurgroep" not in shown


def test_the_staf_cannot_record_a_meeting_decision_on_a_vdg_spend_request(chat: Chat) -> None:
    request(chat)
    answer = chat.say(STAF, f"besluit-uitgave {U} akkoord | aanwezig: {REGISSEUR} | overwegingen: past")
    assert "In dit programma besluit niet één gremium in een vergadering" in answer
    assert status(chat) is RequestStatus.TO_STUURGROEP


def test_twelve_colleges_agree_after_the_pho_and_the_money_is_booked(chat: Chat) -> None:
    request(chat)
    answer = chat.say(accounthouder("Assen"), f"collegebesluit {U} Assen akkoord")
    assert "ligt nu niet bij de colleges" in answer  # first the PHO's advice
    answer = chat.say(REGISSEUR, f"pho-advies {U} positief Meer geld graag | bedrag: 7.500")
    assert f"Uitgaveverzoek {U} vraagt € 5.000,00 en een advies verandert dat bedrag niet" in answer
    answer = chat.say(REGISSEUR, f"pho-advies {U} positief Het PHO Financiën adviseert in te stemmen")
    assert "positief (voorbereidend, geen besluit)" in answer and "12 colleges" in answer
    for gemeente in GEMEENTEN:
        assert f"{accounthouder(gemeente)}: [{U}] Besluit van het college van {gemeente} gevraagd" in answer
    assert "al vastgelegd" in chat.say(REGISSEUR, f"pho-advies {U} negatief Toch niet")
    for gemeente in GEMEENTEN[:10]:
        chat.say(accounthouder(gemeente), f"collegebesluit {U} {gemeente} akkoord")
    answer = chat.say(accounthouder("Tynaarlo"), f"collegebesluit {U} Tynaarlo akkoord mits in twee talen")
    assert "11 van 12 colleges akkoord, 1 met voorwaarden, 1 open" in answer
    shown = chat.say(REGISSEUR, f"status {U}")
    assert "11 van 12 colleges akkoord" in shown and "Nog open: Westerveld" in shown
    assert status(chat) is RequestStatus.TO_STUURGROEP
    answer = chat.say(accounthouder("Westerveld"), f"collegebesluit {U} Westerveld akkoord")
    assert "Daarmee is het besluit definitief: akkoord (VDG-B-" in answer
    assert status(chat) is RequestStatus.APPROVED
    assert chat.app.budget.get_request(U).decided_via is DecidedVia.LEDEN  # the colleges, not a stuurgroep
    shown = chat.say(REGISSEUR, f"status {U}")
    assert "besluit van elk deelnemend bestuur afzonderlijk" in shown and "stuurgroep" not in shown
    entry = next(e for e in chat.app.budget.register() if e.reference == U)
    assert entry.outcome == "akkoord" and entry.amount == Decimal("5000.00") and entry.present == ()
    assert "12 van 12 colleges akkoord, 1 met voorwaarden, 0 open" in entry.considerations
    assert entry.conditions == ("Tynaarlo: mits in twee talen",)
    assert allocated(chat, "communicatie") == Decimal("5000.00")
    assert "staat al vast" in chat.say(accounthouder("Assen"), f"collegebesluit {U} Assen afgewezen")


def test_one_college_rejecting_a_spend_request_rejects_it_and_books_nothing(chat: Chat) -> None:
    request(chat)
    chat.say(REGISSEUR, f"pho-advies {U} positief Het PHO adviseert in te stemmen")
    answer = chat.say(accounthouder("Emmen"), f"collegebesluit {U} Emmen afgewezen")
    assert "definitief: afgewezen" in answer
    assert status(chat) is RequestStatus.REJECTED
    assert allocated(chat, "communicatie") == Decimal("0.00")


def test_a_spend_request_college_decision_by_another_gemeentes_accounthouder_is_refused(chat: Chat) -> None:
    request(chat)
    chat.say(REGISSEUR, f"pho-advies {U} positief Het PHO adviseert in te stemmen")
    answer = chat.say(accounthouder("Assen"), f"collegebesluit {U} Emmen akkoord")
    assert "accounthouder" in answer
    assert chat.app.member_bodies.state(U).tally.agreed == ()  # type: ignore[union-attr]


def test_vaart_decisions_json_gives_a_college_decision_the_colleges_tally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    session = Chat(tmp_path)
    request(session)
    session.say(REGISSEUR, f"pho-advies {U} positief Het PHO adviseert in te stemmen")
    session.say(accounthouder("Emmen"), f"collegebesluit {U} Emmen akkoord mits in twee talen")
    session.say(accounthouder("Assen"), f"collegebesluit {U} Assen afgewezen")
    session.app.close()
    monkeypatch.setenv("VAART_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("VAART_PROGRAMME", str(VDG))
    capsys.readouterr()
    assert main(["decisions", "--json"]) == 0
    record = next(r for r in json.loads(capsys.readouterr().out) if r["reference"] == U)
    assert "consensus" not in record
    assert record["colleges"]["agreed"] == 1 and record["colleges"]["rejected"] == 1
    assert [d["body"] for d in record["colleges"]["decisions"]] == ["Emmen", "Assen"]
    assert record["colleges"]["decisions"][0]["conditions"] == "mits in twee talen"


def test_the_public_register_json_gives_a_college_decision_the_colleges_tally(chat: Chat) -> None:
    request(chat)
    chat.say(REGISSEUR, f"pho-advies {U} positief Het PHO adviseert in te stemmen")
    chat.say(accounthouder("Emmen"), f"collegebesluit {U} Emmen afgewezen")
    with LiveServer(chat.app, free_port()) as server:
        answer = httpx.get(f"{server.base_url}/besluiten/download.json", timeout=30)
    assert answer.status_code == 200
    record = next(r for r in answer.json() if r["reference"] == U)
    assert "consensus" not in record and record["colleges"]["rejected"] == 1
    assert record["colleges"]["decisions"][0]["body"] == "Emmen"


def test_the_provincie_and_waterschap_accounthouders_become_people_who_record_no_collegebesluit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    session = Chat(tmp_path)  # the twelve college accounthouders are registered already
    request(session)
    session.app.close()
    monkeypatch.setenv("VAART_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("VAART_PROGRAMME", str(VDG))
    capsys.readouterr()
    assert main(["people", "accounthouders"]) == 0
    assert "5 toegevoegd, 0 bijgewerkt (17 in het bestand)" in capsys.readouterr().out
    assert main(["people", "accounthouders"]) == 0
    assert "0 toegevoegd, 0 bijgewerkt" in capsys.readouterr().out  # idempotent
    again = Chat(tmp_path)
    provincie = "accounthouder@provincie-drenthe.invalid"
    person = again.app.people.get(provincie)
    assert person is not None and person.roles == ["accounthouder"] and person.organisation == "Provincie Drenthe"
    assert "Provincie Drenthe" in again.say(provincie, "wie")
    again.say(REGISSEUR, f"pho-advies {U} positief Het PHO adviseert in te stemmen")
    answer = again.say(provincie, f"collegebesluit {U} Assen akkoord")
    assert "Alleen de accounthouder van Assen" in answer
    again.app.close()


def test_the_finance_page_of_a_programme_without_a_mandate_names_no_limit_of_zero_euro(chat: Chat) -> None:
    from tests.integration.test_web import signed_in, strict

    request(chat)
    html = signed_in(chat.app, REGISSEUR).get("/financien").text
    strict(html)
    assert "Uitgaven: elk college besluit zelf" in html and "geeft niemand een mandaat voor uitgaven" in html
    assert "1 verzoeken voorgelegd (€ 5.000,00)" in html
    assert "Grens: onder" not in html and "naar de stuurgroep" not in html


def test_an_accounthouder_finds_the_spend_request_their_college_has_to_decide_in_mijn_until_it_has(
    chat: Chat,
) -> None:
    emmen, assen = accounthouder("Emmen"), accounthouder("Assen")
    request(chat)
    assert U not in chat.say(emmen, "mijn")  # before the PHO's advice it is not with the colleges
    chat.say(REGISSEUR, f"pho-advies {U} positief Het PHO Financiën adviseert in te stemmen")
    waiting = chat.say(emmen, "mijn")
    assert "Uitgaveverzoeken waarover uw college nog besluit:" in waiting
    line = next(line for line in waiting.splitlines() if U in line)
    assert "€ 5.000,00" in line and "bij de colleges" in line and "Drukwerk voor de campagne" in line
    assert "stuurgroep" not in waiting
    assert U in chat.say(emmen, "mijn uitgaven")
    chat.say(emmen, f"collegebesluit {U} Emmen akkoord")
    assert U not in chat.say(emmen, "mijn")  # Emmen's college has decided
    assert "Geen uitgaveverzoeken die op het besluit van uw college wachten" in chat.say(emmen, "mijn uitgaven")
    assert U in chat.say(assen, "mijn")  # Assen's has not
    assert "Spend requests your college has still to decide:" in chat.say(assen, "taal en", "mine")


def test_an_accounthouders_app_home_lists_the_spend_requests_with_their_college_and_pages_on(chat: Chat) -> None:
    from slack_sdk.models.views import View

    from bot.frontends.slack import home
    from bot.frontends.slack.home_data import home_data
    from bot.services.ports.chat import ChatIdentity
    from tests.e2e.slack_support import block_text, buttons

    for n in range(1, 10):
        chat.say(REGISSEUR, f"uitgave {n}.000 Drukwerk {n} | regel: communicatie")
        chat.say(REGISSEUR, f"pho-advies VDG-U-2026-{n:04d} positief Het PHO adviseert in te stemmen")
    emmen = ChatIdentity("slack", "U1", accounthouder("Emmen"), "A Emmen")

    def shown(pages: dict[str, str]) -> dict[str, object]:
        view = home.home(home_data(chat.app.desk, emmen, "nl", pages), chat.app.programme, "nl")
        View(**view).validate_json()  # as Slack's own models accept it
        return view

    first = shown({})
    text = block_text(first["blocks"])
    assert "Uitgaveverzoeken waarover uw college nog besluit" in text and "Geen openstaande taken" not in text
    assert "VDG-U-2026-0008" in text and "VDG-U-2026-0009" not in text and "… en 1 meer." in text
    assert "stuurgroep" not in text.lower()
    paging = [b for b in buttons(first["blocks"]) if b["action_id"] == home.HOME_MORE]
    assert home.page_request(paging[0]["value"]) == {"colleges": "VDG-U-2026-0008"}
    rest = block_text(shown(home.page_request(paging[0]["value"]))["blocks"])
    assert "VDG-U-2026-0009" in rest and "VDG-U-2026-0008" not in rest
    forms = [json.loads(b["value"]) for b in buttons(first["blocks"]) if b["action_id"] == "open_form"]
    assert [f["reference"] for f in forms if f["form"] == "college"] == [f"VDG-U-2026-{n:04d}" for n in range(1, 9)]


def test_an_accounthouder_records_the_colleges_decision_on_a_spend_request_in_the_form(chat: Chat) -> None:
    chat.say(REGISSEUR, "uitgave 4.000 Drukwerk | regel: communicatie")
    chat.say(REGISSEUR, "pho-advies VDG-U-2026-0001 positief Het PHO adviseert in te stemmen")
    forms, emmen = chat.app.desk.forms, accounthouder("Emmen")
    forms.may_open("college", "VDG-U-2026-0001", emmen)
    done = forms.submit("college", "VDG-U-2026-0001", {"body": "Emmen", "outcome": "afgewezen", "conditions": "",
                                                       "decided_on": ""}, emmen, "teams", "en", "teams:college-1")
    assert "Decision of Emmen on VDG-U-2026-0001 recorded: rejected" in done.text
    assert "Emmen: afgewezen" in chat.say(REGISSEUR, "status VDG-U-2026-0001")
