"""Conversation test of the VDG programme (`bot/programme/vdg.toml`): a proposal from intake through the
portefeuillehoudersoverleg (preparatory) to the decisions of the twelve colleges, typed into the console
chat by the people whose turn it is, in this process so the clock can move past the requested date.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.frontends.console import run_console
from tests.conftest import START

VDG = Path(__file__).resolve().parents[2] / "bot" / "programme" / "vdg.toml"
REF = "VDG-2026-0001"
INDIENER = "i.indiener@voorbeeld.nl"
REGISSEUR = "p.regisseur@vdg-drenthe.invalid"
GEMEENTEN = ["Aa en Hunze", "Assen", "Borger-Odoorn", "Coevorden", "De Wolden", "Emmen", "Hoogeveen", "Meppel",
             "Midden-Drenthe", "Noordenveld", "Tynaarlo", "Westerveld"]
PARTS = {
    "aanleiding": "Gemeenten zoeken samen capaciteit voor de warmtetransitie",
    "voorgesteld_besluit": "Instemmen met een gezamenlijke regionale warmtecoördinator voor twee jaar",
    "beoogd_effect": "Eén aanpak voor de warmtetransitie in twaalf gemeenten",
    "lokaal_beleid": "Past binnen de lokale transitievisies warmte",
    "middelen": "€ 60.000 over twee jaar, per inwoner verdeeld",
    "personele_capaciteit": "Vier uur per week per gemeente in het ambtelijk overleg",
    "planning": "Start 1 maart, evaluatie na een jaar",
}


def accounthouder(gemeente: str) -> str:
    return f"accounthouder@{gemeente.lower().replace(' ', '-')}.invalid"


class Chat:
    """The console chat on one VDG store; `say` types lines as one person and returns the answers."""

    def __init__(self, tmp_path: Path, database_url: str | None = None) -> None:
        self.clock = ManualClock(START)
        env = {"VAART_VAR_DIR": str(tmp_path / "var"), "VAART_PROGRAMME": str(VDG)}
        if database_url is not None:  # PostgreSQL; the SQLite file under var/ without
            env["VAART_DATABASE_URL"] = database_url
        self.env = env
        self.app: App = build(Settings.from_env(env), clock=self.clock)
        self.app.people.add("beheer@vaart.local", "test", REGISSEUR, "Pim Regisseur", ["kernteam"])
        for gemeente in GEMEENTEN:
            self.app.people.add("beheer@vaart.local", "test", accounthouder(gemeente), f"Accounthouder {gemeente}",
                                ["accounthouder"], organisation=f"Gemeente {gemeente}")

    def say(self, email: str, *lines: str) -> str:
        out = io.StringIO()
        run_console(self.app.chat, lambda: self.app.outbox.drain().sent, email, io.StringIO("\n".join(lines) + "\n"),
                    out)
        return out.getvalue()

    def status(self) -> Status:
        return self.app.ideas.status(REGISSEUR, REF).state

    def to_colleges(self) -> str:
        assert REF in self.say(INDIENER, "idee Warmtecoördinator | Een gezamenlijke coördinator warmtetransitie")
        self.say(REGISSEUR, f"oppakken {REF}", f"orientatie {REF} ontwerpteam {REGISSEUR}")
        self.say(REGISSEUR, f"voorstel {REF} project", *(f"deel {REF} {k} {v}" for k, v in PARTS.items()))
        self.say(REGISSEUR, f"din {REF} opgave 2", f"din {REF} programmalijn 2", f"din {REF} subdoel 1",
                 f"din {REF} principe 3")
        return self.say(REGISSEUR, f"pho-advies {REF} positief Het PHO EKM adviseert de colleges in te stemmen"
                                   " | bedrag: 60.000")


@pytest.fixture
def chat(tmp_path: Path) -> Iterator[Chat]:
    session = Chat(tmp_path)
    yield session
    session.app.close()


def test_a_vdg_proposal_goes_from_intake_through_the_pho_to_twelve_college_decisions(chat: Chat) -> None:
    answer = chat.to_colleges()
    assert "positief (voorbereidend, geen besluit)" in answer
    assert "12 colleges" in answer
    assert "€ 60.000,00 + 5% handgeld € 3.000,00 = € 63.000,00" in answer
    for gemeente in GEMEENTEN:  # every accounthouder is asked for their college's decision
        assert f"{accounthouder(gemeente)}: [{REF}] Besluit van het college van {gemeente} gevraagd" in answer
    assert chat.status() is Status.GEAGENDEERD
    for gemeente in GEMEENTEN[:6]:
        chat.say(accounthouder(gemeente), f"collegebesluit {REF} {gemeente} akkoord")
    answer = chat.say(accounthouder("Hoogeveen"), f"collegebesluit {REF} Hoogeveen akkoord mits de provincie "
                                                  "meebetaalt")
    assert "7 van 12 colleges akkoord, 1 met voorwaarden, 5 open" in answer
    status = chat.say(REGISSEUR, f"status {REF}")
    assert "Bij de colleges" in status
    assert "7 van 12 colleges akkoord, 1 met voorwaarden, 5 open" in status
    assert "Hoogeveen: akkoord op" in status and "voorwaarden: mits de provincie meebetaalt" in status
    assert "Nog open: Meppel, Midden-Drenthe, Noordenveld, Tynaarlo, Westerveld" in status
    for gemeente in GEMEENTEN[7:11]:
        chat.say(accounthouder(gemeente), f"collegebesluit {REF} {gemeente} akkoord")
    assert chat.status() is Status.GEAGENDEERD  # eleven of twelve: not final yet
    chat.clock.set(START + timedelta(days=50))  # past the six weeks the colleges were asked to decide in
    answer = chat.say(accounthouder("Westerveld"), f"collegebesluit {REF} Westerveld akkoord")
    assert "(na de gevraagde datum)" in answer
    assert "Daarmee is het besluit definitief: akkoord (VDG-B-2027-001)" in answer
    assert chat.status() is Status.AKKOORD
    register = chat.say(REGISSEUR, "besluiten")
    assert "Warmtecoördinator" in register
    entry = chat.app.ideas.register()[-1]
    assert entry.outcome == "akkoord"
    assert "12 van 12 colleges akkoord, 1 met voorwaarden, 0 open, 1 na de gevraagde datum" in entry.considerations
    assert "Hoogeveen: mits de provincie meebetaalt" in entry.conditions


def test_a_college_decision_by_anyone_but_that_gemeentes_accounthouder_is_refused_and_changes_nothing(
    chat: Chat,
) -> None:
    chat.to_colleges()
    answer = chat.say(accounthouder("Assen"), f"collegebesluit {REF} Emmen akkoord")
    assert "Alleen de accounthouder van Emmen" in answer
    answer = chat.say(REGISSEUR, f"collegebesluit {REF} Emmen akkoord")
    assert "Alleen de accounthouder van Emmen" in answer
    assert "niet in het personenbestand" in chat.say(INDIENER, f"collegebesluit {REF} Emmen akkoord")
    assert chat.app.member_bodies.state(REF).decisions == ()  # type: ignore[union-attr]


def test_a_college_decision_for_a_gemeente_outside_the_programme_is_refused(chat: Chat) -> None:
    chat.to_colleges()
    answer = chat.say(accounthouder("Emmen"), f"collegebesluit {REF} Groningen akkoord")
    assert "'Groningen' hoort niet bij de colleges van dit programma" in answer
    assert chat.app.member_bodies.state(REF).decisions == ()  # type: ignore[union-attr]


def test_a_second_decision_of_the_same_college_with_another_outcome_is_refused_the_same_one_changes_nothing(
    chat: Chat,
) -> None:
    chat.to_colleges()
    chat.say(accounthouder("Emmen"), f"collegebesluit {REF} Emmen akkoord")
    answer = chat.say(accounthouder("Emmen"), f"collegebesluit {REF} Emmen afgewezen")
    assert "Het besluit van Emmen over VDG-2026-0001 staat al vast (akkoord" in answer
    again = chat.say(accounthouder("Emmen"), f"collegebesluit {REF} Emmen akkoord")
    assert "stond al zo vast; er is niets veranderd" in again
    state = chat.app.member_bodies.state(REF)
    assert state is not None and [d.outcome for d in state.decisions] == ["akkoord"]


def test_one_college_rejecting_makes_the_decision_final_as_afgewezen_when_all_must_agree(chat: Chat) -> None:
    chat.to_colleges()
    answer = chat.say(accounthouder("Tynaarlo"), f"collegebesluit {REF} Tynaarlo afgewezen geen budget")
    assert "definitief: afgewezen" in answer
    assert chat.status() is Status.AFGEWEZEN


def test_the_vdg_has_no_expertteam_toetsing_and_no_stuurgroep_decision(chat: Chat) -> None:
    chat.app.people.add("beheer@vaart.local", "test", "a.secretaris@vdg-drenthe.invalid", "Ans Secretaris",
                        ["programmadirecteur"])
    assert REF in chat.say(INDIENER, "idee Warmtecoördinator | Een gezamenlijke coördinator warmtetransitie")
    chat.say(REGISSEUR, f"oppakken {REF}", f"orientatie {REF} ontwerpteam {REGISSEUR}", f"voorstel {REF} project")
    answer = chat.say("a.secretaris@vdg-drenthe.invalid", f"toetsing {REF}")
    assert "Dit programma kent de stap 'toetsing' niet" in answer
    assert chat.status() is Status.VOORSTEL
    answer = chat.say(REGISSEUR, f"pho-advies {REF} positief Goed plan")
    assert "nog niet compleet voor de colleges" in answer


def test_vaart_chat_starts_on_the_vdg_programme_file_like_make_run(tmp_path: Path) -> None:
    """`VAART_PROGRAMME=bot/programme/vdg.toml` and the console, as `make run` starts it, on a fresh store."""
    env = {"VAART_PROGRAMME": str(VDG), "VAART_VAR_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat", "--as", "gast@voorbeeld.nl"],
        input="idee Buurtkamer | Een huiskamer voor het dorp\nstop\n", env=env, capture_output=True, text=True,
        cwd=VDG.parents[2], timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Samenwerkingsagenda 2023-2027 Vereniging van Drentse Gemeenten" in done.stdout
    assert "VDG-2026-0001" in done.stdout or "VDG-20" in done.stdout


def test_an_accounthouder_sees_the_college_decision_in_help_and_reads_it_in_english(chat: Chat) -> None:
    chat.to_colleges()
    assert "collegebesluit REF GEMEENTE akkoord|afgewezen" in chat.say(accounthouder("Emmen"), "help")
    answer = chat.say(accounthouder("Emmen"), "taal en", f"college-decision {REF} Emmen akkoord")
    assert "Decision of Emmen on VDG-2026-0001 recorded: approved. Standing: 1 of 12 colleges agreed" in answer


def test_only_an_accounthouder_is_told_of_their_colleges_spend_requests_in_help_and_help_alles_tells_all(
    chat: Chat,
) -> None:
    mine = chat.say(accounthouder("Emmen"), "help")
    assert "mijn [taken|uitgaven] [na REF]" in mine and "waarover uw college besluit" in mine
    office = chat.say(REGISSEUR, "help")  # the procesregisseur has no college
    assert "mijn [taken] [na REF]" in office and "uw college" not in office
    provincie = "accounthouder@provincie-drenthe.invalid"  # a partner's accounthouder: the role, no college
    chat.app.people.add("beheer@vaart.local", "test", provincie, "Accounthouder Provincie", ["accounthouder"],
                        organisation="Provincie Drenthe")
    partner = chat.say(provincie, "help")
    assert "mijn [taken] [na REF]" in partner and "uw college" not in partner
    assert "mijn [taken|uitgaven] [na REF]" in chat.say(REGISSEUR, "help alles")


def test_the_final_decision_reads_as_the_colleges_in_status_and_the_register(chat: Chat) -> None:
    chat.to_colleges()
    for gemeente in GEMEENTEN:
        answer = chat.say(accounthouder(gemeente), f"collegebesluit {REF} {gemeente} akkoord")
    number = chat.app.ideas.register()[-1].number
    assert f"definitief: akkoord ({number})" in answer
    status = chat.say(REGISSEUR, f"status {number}")
    assert f"Besluit {number} van de colleges" in status and "van de stuurgroep" not in status
    assert "12 van 12 colleges akkoord, 0 met voorwaarden, 0 open" in status


def test_investeringen_shows_tabel_1_with_its_totals_resterend_and_per_inwoner_line(chat: Chat) -> None:
    table = chat.say(REGISSEUR, "investeringen")
    assert "Resterend te financieren" in table
    remaining = next(line for line in table.splitlines() if "Resterend te financieren" in line)
    assert [c for c in remaining.split() if "," in c] == ["0,00", "75.000,00", "52.500,00", "32.500,00", "25.000,00"]
    total = next(line for line in table.splitlines() if "Totale kosten" in line)
    assert [c for c in total.split() if "," in c] == ["50.000,00", "90.000,00", "52.500,00", "32.500,00", "25.000,00"]
    per_inwoner = next(line for line in table.splitlines() if "per inwoner" in line and "€" in line)
    assert [c for c in per_inwoner.split() if "," in c] == ["0,00", "0,15", "0,10", "0,06", "0,05"]
    year = chat.say(REGISSEUR, "investeringen 2024")
    assert "Resterend te financieren in 2024: € 75.000,00" in year and "Emmen (107.500)" in year
    assert "Geen jaar van de tabel: '2030'" in chat.say(REGISSEUR, "investeringen 2030")


def test_a_college_decision_carries_its_own_date_never_a_future_one_nor_one_before_the_pho(chat: Chat) -> None:
    chat.to_colleges()
    emmen = accounthouder("Emmen")
    assert "ligt niet in de toekomst" in chat.say(emmen, f"collegebesluit {REF} Emmen akkoord | datum: 01-12-2026")
    assert "vóór het advies" in chat.say(emmen, f"collegebesluit {REF} Emmen akkoord | datum: 20-11-2026")
    chat.clock.set(START + timedelta(days=60))
    answer = chat.say(emmen, f"collegebesluit {REF} Emmen akkoord | datum: 30-11-2026")
    assert "(na de gevraagde datum)" not in answer  # decided in time, recorded later
    state = chat.app.member_bodies.state(REF)  # type: ignore[union-attr]
    assert state is not None and [d.decided_on.isoformat() for d in state.decisions] == ["2026-11-30"]


def test_the_vdg_has_no_written_round_its_colleges_decide_one_by_one(chat: Chat) -> None:
    chat.app.people.add("beheer@vaart.local", "test", "a.secretaris@vdg-drenthe.invalid", "Ans Secretaris",
                        ["programmadirecteur"])
    answer = chat.say("a.secretaris@vdg-drenthe.invalid", f"ronde start {REF} 15-01-2027")
    assert "Dat commando ken ik niet: 'ronde';" in answer
    assert chat.app.rounds.settings is None
    assert chat.app.rounds.run_due() == (0, 0)


def test_a_vdg_session_speaks_of_the_bureau_and_the_colleges_never_of_a_stuurgroep(chat: Chat) -> None:
    welcome = chat.say("gast@voorbeeld.nl", "help")
    assert "het bureau pakt het op" in welcome and "kernteam" not in welcome
    assert "bezwaar maken tegen een besluit, over de inhoud of over het proces" in welcome
    assert "stuurgroep" not in welcome
    submitted = chat.say(INDIENER, "idee Warmtecoördinator | Een gezamenlijke coördinator warmtetransitie")
    assert REF in submitted and "Iemand van het bureau neemt contact met u op" in submitted
    assert "kernteam" not in submitted  # neither the answer nor the mail it lists
    assert "Iemand van het bureau pakt het idee op" in chat.say(INDIENER, f"status {REF}")
    picked = chat.say(REGISSEUR, f"oppakken {REF}")
    assert f"{REF} is opgepakt; contactpersoon bureau: " in picked and "kernteam" not in picked
    status = chat.say(REGISSEUR, f"status {REF}")
    assert f"Contactpersoon bureau: Pim Regisseur ({REGISSEUR})" in status
    assert "Contactpersoon kernteam" not in status
    everything = chat.say(REGISSEUR, "help alles")
    assert "bureau: een idee oppakken, de oriëntatie start" in everything and "kernteam" not in everything
    for line in ("de documentroute naar een vergadering", "de agenda van een vergadering"):
        assert line in everything
    assert "documentroute naar een stuurgroep" not in everything and "agenda van een stuurgroep" not in everything


def test_an_accounthouder_finds_the_proposal_their_college_has_to_decide_in_mijn_until_it_has(chat: Chat) -> None:
    emmen, assen = accounthouder("Emmen"), accounthouder("Assen")
    assert "Geen openstaande taken" in chat.say(emmen, "mijn")  # nothing with the colleges yet
    chat.to_colleges()
    waiting = chat.say(emmen, "mijn")
    assert "Wacht op u (Accounthouder):" in waiting and f"{REF}  Bij de colleges" in waiting
    chat.say(emmen, f"collegebesluit {REF} Emmen akkoord")
    assert REF not in chat.say(emmen, "mijn").split("Wacht op u")[-1]  # Emmen's college has decided
    assert f"{REF}  Bij de colleges" in chat.say(assen, "mijn")  # Assen's has not


def test_an_accounthouders_app_home_offers_no_meeting_decision_form_for_a_proposal_with_the_colleges(
    chat: Chat,
) -> None:
    from slack_sdk.models.views import View

    from bot.frontends.slack import home
    from bot.frontends.slack.home_data import home_data
    from bot.services.ports.chat import ChatIdentity
    from tests.e2e.slack_support import block_text, buttons

    chat.to_colleges()
    emmen = ChatIdentity("slack", "U1", accounthouder("Emmen"), "A Emmen")
    view = home.home(home_data(chat.app.desk, emmen, "nl", {}), chat.app.programme, "nl")
    View(**view).validate_json()
    assert f"{REF}" in block_text(view["blocks"])  # the task is listed ...
    forms = [json.loads(b["value"]) for b in buttons(view["blocks"]) if b["action_id"] == "open_form"]
    # ... with the college's decision form, not the stuurgroep's decision form, which would refuse
    assert {"form": "college", "reference": REF} in forms and not [f for f in forms if f["form"] == "decision"]


def test_an_accounthouder_records_the_colleges_decision_in_a_form_drawn_for_slack_and_teams(chat: Chat) -> None:
    from slack_sdk.models.views import View

    from bot.chat.forms import FormErrors
    from bot.frontends.slack.views import modal
    from bot.frontends.teams import cards
    from tests.adaptive_cards import assert_valid

    chat.to_colleges()
    forms, emmen = chat.app.desk.forms, accounthouder("Emmen")
    forms.may_open("college", REF, emmen)
    with pytest.raises(Refused) as refused:  # the procesregisseur records no college's decision
        forms.may_open("college", REF, REGISSEUR)
    assert refused.value.code == "idea.wrong_role"
    for lang in ("nl", "en"):
        form = forms.build("college", REF, lang)
        View(**modal(form, lang, {"form": "college", "reference": REF})).validate_json()
        assert_valid(cards.form_card(form, lang))
    assert [o.value for o in forms.build("college", REF, "nl").fields[0].options] == GEMEENTEN
    drawn = forms.build("college", REF, "nl", emmen).fields[0]  # drawn for its reader: their college, chosen
    assert [o.value for o in drawn.options] == ["Emmen"] and drawn.initial == "Emmen"
    with pytest.raises(FormErrors) as wrong:  # another college's decision: refused at the college's field
        forms.submit("college", REF, {"body": "Assen", "outcome": "akkoord", "conditions": "", "decided_on": ""},
                     emmen, "slack", "nl", "slack:college-1")
    assert "Alleen de accounthouder van Assen" in wrong.value.errors["body"]
    with pytest.raises(FormErrors) as future:  # a date to come: refused at the date's field
        forms.submit("college", REF, {"body": "Emmen", "outcome": "akkoord", "conditions": "", "decided_on":
                                      "01-12-2027"}, emmen, "slack", "nl", "slack:college-3")
    assert "ligt niet in de toekomst" in future.value.errors["decided_on"]
    done = forms.submit("college", REF, {"body": "Emmen", "outcome": "akkoord", "conditions": "Mits regionaal",
                                         "decided_on": ""}, emmen, "slack", "nl", "slack:college-2")
    assert "Besluit van Emmen over VDG-2026-0001 vastgelegd: akkoord" in done.text and "1 van 12" in done.text
    again = forms.submit("college", REF, {"body": "Emmen", "outcome": "akkoord", "conditions": "Mits regionaal",
                                          "decided_on": ""}, emmen, "slack", "nl", "slack:college-2")
    assert again.text == done.text  # the same click twice: recorded once
    assert "1 van 12 colleges akkoord, 1 met voorwaarden, 11 open" in chat.say(REGISSEUR, f"status {REF}")


def test_an_objection_on_the_content_of_a_college_decision_goes_to_every_college_not_to_a_stuurgroep(
    chat: Chat,
) -> None:
    chat.to_colleges()
    for gemeente in GEMEENTEN:
        chat.say(accounthouder(gemeente), f"collegebesluit {REF} {gemeente} akkoord")
    number = chat.app.ideas.register()[-1].number
    answer = chat.say(INDIENER, f"bezwaar {number} inhoud De kleine kernen zijn niet gehoord")
    assert "over de inhoud en elk college dat besloot behandelt het zelf" in answer
    assert "stuurgroep" not in answer
    reference = answer.split("Bezwaar ", 1)[1].split(" ", 1)[0]
    for gemeente in GEMEENTEN:
        assert f"{accounthouder(gemeente)}: [{reference}] Bezwaar tegen besluit {number}: voor het college van " \
               f"{gemeente}" in answer
    assert chat.app.objections.get(reference).routed_to == "leden"
    assert "het bezwaar ligt bij de colleges die besloten" in chat.say(INDIENER, f"status {reference}")


def test_money_the_agenda_and_a_spend_requests_next_step_speak_of_the_colleges_in_a_vdg_session(
    chat: Chat,
) -> None:
    staf = "s.staf@vdg-drenthe.invalid"
    chat.app.people.add("beheer@vaart.local", "test", staf, "Sanne Staf", ["staf"])
    assert "niet in dit programma: over de inzet van middelen besluit elk college zelf" in chat.say(
        staf, "help begrotingsbesluit")
    answer = chat.say(staf, "begrotingsbesluit 01-12-2026 begroting | Begroting 2027")
    assert "neemt geen gremium een begrotingsbesluit in een vergadering" in answer and "stuurgroep" not in answer
    assert "VDG-B-" not in answer
    answer = chat.say(staf, "agenda 11-12-2026")
    assert "geen vergadering (VDG-bestuur)" in answer and "stuurgroep" not in answer
    chat.say(REGISSEUR, "uitgave 5.000 Drukwerk voor de campagne | regel: communicatie")
    status = chat.say(REGISSEUR, "status VDG-U-2026-0001")
    assert "na het advies van het PHO (pho-advies VDG-U-2026-0001" in status and "stuurgroep" not in status
