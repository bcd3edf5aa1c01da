"""Conversation tests: the Programmaplan's rules, typed into the console chat by the people whose turn
it is (the `vaart` command's own chat loop, in this process so the clock can reach the meeting), and
the operator's `vaart` commands where the rule lives there (people, budget lines, the calendar).
Every refusal is one Dutch sentence that names the rule, and nothing changes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.cli.main import main
from bot.domain.lifecycle import Status
from bot.domain.timezone import AMSTERDAM
from bot.frontends.console import run_console
from tests.cast import ANNA, CAST, DIRK, EMAIL, PARTS
from tests.conftest import START, make_app
from tests.scenario import budget_decision

REF = "ZOD-2026-0001"
PRESENT = f"aanwezig: {EMAIL['sg1']}, {EMAIL['sg2']}"
MEETING = "11-12-2026"  # the stuurgroep of week 50 the calendar rule gives
AT_MEETING = datetime(2026, 12, 11, 12, 0, tzinfo=AMSTERDAM)


class Chat:
    """The console chat on one store; `say` types lines as one person and returns what vaart answers."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.clock = ManualClock(START)
        self.app: App = make_app(tmp_path, self.clock)
        for email, name, roles in CAST.values():
            self.app.people.add("beheer@vaart.local", "test", email, name, roles)

    def say(self, email: str, *lines: str) -> str:
        out = io.StringIO()
        stdin = io.StringIO("\n".join(lines) + "\n")
        run_console(self.app.chat, lambda: self.app.outbox.drain().sent, email, stdin, out)
        return out.getvalue()

    def status(self, reference: str = REF) -> Status:
        return self.app.ideas.status(EMAIL["staf"], reference).state

    def to_toetsing(self, *, links: bool = True, outcome: str = "ontwerpteam") -> None:
        """Submitted, picked up, oriented, the proposal written; toetsing when *links* are complete."""
        assert REF in self.say(ANNA, "idee Zorgbus | Een bus voor ouderen | opgaven: 5 | programmalijn: Zorg")
        self.say(EMAIL["kernteam"], f"oppakken {REF}")
        writer = DIRK if outcome == "ontwerpteam" else EMAIL["kernteam"]
        if outcome == "ontwerpteam":
            self.say(EMAIL["kernteam"], f"orientatie {REF} ontwerpteam {DIRK}")
        else:
            self.say(EMAIL["kernteam"], f"orientatie {REF} alliantie Zorgcoöperatie Drenthe rijdt al zo'n bus")
        self.say(writer, f"voorstel {REF} project", *(f"deel {REF} {k} {v}" for k, v in PARTS.items()))
        if links:
            self.say(writer, f"din {REF} subdoel 1", f"din {REF} principe 1")
            assert "klaar voor toetsing" in self.say(EMAIL["director"], f"toetsing {REF}")

    def advice(self, *, financiering: str = "voldoet: geen andere bron", verdict: str = "positief") -> None:
        answers = ["voldoet: sterk"] * 3 + [financiering, "voldoet: 40 procent"] + ["voldoet: past"] * 5
        assert "Advies over" in self.say(EMAIL["chair"], f"advies {REF}", *answers, verdict, "Betrek de huisartsen")

    def scheduled(self, **advice: str) -> None:
        self.to_toetsing()
        self.advice(**advice)
        assert "op de agenda" in self.say(EMAIL["director"], f"agenderen {REF} {MEETING} toelaten")

    def close(self) -> None:
        self.app.close()


@pytest.fixture
def chat(tmp_path: Path) -> Iterator[Chat]:
    conversation = Chat(tmp_path)
    yield conversation
    conversation.close()


def cli(chat: Chat, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """The `vaart` command on the same store and clock; (exit status, stdout + stderr)."""
    monkeypatch.setenv("VAART_VAR_DIR", str(chat.tmp_path / "var"))
    monkeypatch.delenv("VAART_DATABASE_URL", raising=False)
    monkeypatch.setenv("VAART_NOW", chat.clock.now().isoformat())
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_consensus_holds_for_every_outcome_and_no_consensus_is_recorded_as_such(chat: Chat) -> None:
    """§3.1: "Besluitvorming vindt plaats op basis van overeenstemming (consensus)"."""
    chat.scheduled()
    chat.clock.set(AT_MEETING)
    for outcome in ("akkoord | bedrag: 45.000", "afgewezen", "terug"):
        line = f"besluit {REF} {outcome} | {PRESENT} | overwegingen: x | bezwaren: Emmen twijfelt"
        said = chat.say(EMAIL["staf"], line)
        assert "op basis van overeenstemming (consensus, §3.1)" in said and "geen-consensus" in said
    assert chat.status() is Status.GEAGENDEERD
    said = chat.say(EMAIL["staf"], f"geen-consensus {REF} | bezwaren: Emmen wil eerst een business case")
    assert "geen consensus over ZOD-2026-0001 in de stuurgroep van 11-12-2026" in said
    assert "Dit is geen besluit" in said and "02-07-2027" in said
    assert f"✉ {ANNA}: Geen consensus over ZOD-2026-0001 Zorgbus" in said  # the indiener hears why it waits
    assert "Zorgbus" in chat.say(EMAIL["staf"], "agenda 02-07-2027")
    assert chat.app.ideas.status(EMAIL["staf"], REF).decisions == []
    assert chat.status() is Status.GEAGENDEERD


def test_akkoord_is_refused_when_the_advice_fails_the_rejection_criterion(chat: Chat) -> None:
    """Bijlage 4, Financiering: "Kan een project/programma/experiment gefinancierd worden uit andere
    financieringsbronnen, zoals EFRO en Interreg (afwijzingscriterium)"."""
    chat.scheduled(financiering="voldoet niet: Interreg VI kan dit dragen", verdict="negatief")
    chat.clock.set(AT_MEETING)
    said = chat.say(EMAIL["staf"], f"besluit {REF} akkoord | {PRESENT} | overwegingen: Toch doen | bedrag: 45.000")
    assert "Akkoord kan niet" in said and "afwijzingscriterium" in said and "'Financiering'" in said
    assert chat.status() is Status.GEAGENDEERD
    assert chat.app.budget.lines()[2][1].committed == 0  # nothing booked on Zorg en Welzijn
    said = chat.say(EMAIL["staf"], f"besluit {REF} terug | {PRESENT} | overwegingen: Zoek eerst Interreg")
    assert "ZOD-B-" in said and chat.status() is Status.TERUG


def test_the_stuurgroep_decides_in_its_meeting(chat: Chat) -> None:
    """§3.2 Stuurgroep, Beslisser: "Neemt besluiten over programma's, projecten, toewijzing middelen"."""
    chat.scheduled()
    said = chat.say(EMAIL["staf"], f"besluit {REF} afgewezen | {PRESENT} | overwegingen: Niet passend")
    assert "De stuurgroep besluit in haar vergadering" in said and "11-12-2026" in said and "23-11-2026" in said
    assert chat.status() is Status.GEAGENDEERD
    chat.clock.set(datetime(2026, 12, 14, 9, 0, tzinfo=AMSTERDAM))  # entered the Monday after
    chat.say(EMAIL["staf"], f"besluit {REF} afgewezen | {PRESENT} | overwegingen: Niet passend")
    [decision] = chat.app.ideas.status(EMAIL["staf"], REF).decisions
    assert decision.decided_on == date(2026, 12, 11) and decision.recorded_at.date() == date(2026, 12, 14)


def test_role_purity_follows_the_levels_of_the_plan(
    chat: Chat, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """§3.1: "Op elk niveau van besturing is het niet toegestaan om meerdere functies tegelijkertijd te
    vervullen"; §3.4: the programmateam is the programmadirecteur, staf, kernteam and coördinatieteam;
    the expertteam "externe, onafhankelijk deskundigen"."""
    for roles, words in (
        (["staf", "programmadirecteur"], "horen allebei bij het programmateam"),
        (["kernteam", "programmadirecteur"], "horen allebei bij het programmateam"),
        (["expertteam", "staf"], "vervult geen andere functie in het programma"),
        (["expertteam_voorzitter", "coordinatieteam"], "vervult geen andere functie in het programma"),
        (["stuurgroep", "kernteam"], "niemand hoort tegelijk bij de stuurgroep en het programmateam"),
    ):
        argv = ["people", "add", "--name", "Dubbel", "--email", "dubbel@regiodeal-zod.nl"]
        status, text = cli(chat, monkeypatch, capsys, *argv, *(a for r in roles for a in ("--role", r)))
        assert status == 1 and text.startswith("Rolzuiverheid (§3.1)") and words in text, text
    assert chat.app.people.get("dubbel@regiodeal-zod.nl") is None
    status, _ = cli(chat, monkeypatch, capsys, "people", "add", "--name", "Enkel", "--email", "enkel@regiodeal-zod.nl",
                    "--role", "kernteam", "--role", "ambtelijk_facilitator")  # fmt: skip
    assert status == 0


def test_the_mandate_does_not_cover_a_project(chat: Chat) -> None:
    """§6: "kosten ... in het kader van bijvoorbeeld het faciliteren van onderzoek in de oriëntatiefase
    of het op gang brengen van de samenwerking, niet zijnde een project/programma/experiment"."""
    chat.scheduled()
    chat.clock.set(AT_MEETING)
    chat.say(EMAIL["staf"], f"besluit {REF} akkoord | {PRESENT} | overwegingen: Breed gedragen | bedrag: 45.000")
    said = chat.say(EMAIL["kernteam"], f"uitgave 20.000 Onderzoek naar vervoersvraag voor {REF} | soort: onderzoek")
    assert "niet zijnde een project/programma/experiment" in said and "stuurgroep" in said
    [request] = chat.app.budget.stuurgroep_requests()
    assert request.idea_ref == REF


def test_research_in_orientation_stays_under_the_mandate(chat: Chat) -> None:
    """§6: "het faciliteren van onderzoek in de oriëntatiefase"."""
    assert REF in chat.say(ANNA, "idee Zorgbus | Een bus voor ouderen")
    chat.say(EMAIL["kernteam"], f"oppakken {REF}")
    said = chat.say(EMAIL["kernteam"], f"uitgave 20.000 Onderzoek naar vervoersvraag voor {REF} | soort: onderzoek")
    reference = said.split("ZOD-U-")[1][:9]
    assert "goedgekeurd" in chat.say(EMAIL["director"], f"goedkeuren ZOD-U-{reference}")


def test_the_vat_line_cannot_be_set_above_its_cap(
    chat: Chat, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """§6: "De uitvoeringskosten ... (VAT) zijn begroot op 3%, te weten € 900.000,00 voor de komende 4
    jaren"."""
    number = budget_decision(chat.app)  # §6: the stuurgroep's decision the change names
    status, text = cli(chat, monkeypatch, capsys, "budget", "set-line", "vat", "950000", "--besluit", number)
    assert status == 1 and "plafond" in text and "€ 900.000,00" in text and "programmabestand" in text
    status, _ = cli(chat, monkeypatch, capsys, "budget", "set-line", "vat", "850000", "--besluit", number)
    assert status == 0


def test_an_alliantie_goes_through_toetsing_and_decision(chat: Chat) -> None:
    """§4.1: "Zodra een voorstel ... of de ontwikkeling en/of uitvoering daarvan door of met een partij
    uit de regio, rijp is voor toetsing en besluitvorming draagt de Programmadirecteur zorg voor
    agendering bij de expertgroep respectievelijk de stuurgroep"."""
    assert REF in chat.say(ANNA, "idee Zorgbus | Een bus voor ouderen | opgaven: 5 | programmalijn: Zorg")
    chat.say(EMAIL["kernteam"], f"oppakken {REF}", f"orientatie {REF} alliantie Zorgcoöperatie rijdt al")
    said = chat.say(EMAIL["kernteam"], f"afronden {REF} Opdracht gegeven")
    assert "Dat kan niet bij ZOD-2026-0001" in said and chat.status() is Status.ALLIANTIE
    assert "door of met die partij" in chat.say(ANNA, f"status {REF}")
    chat.say(EMAIL["kernteam"], f"voorstel {REF} project", *(f"deel {REF} {k} {v}" for k, v in PARTS.items()),
             f"din {REF} subdoel 1", f"din {REF} principe 1")  # fmt: skip
    assert "klaar voor toetsing" in chat.say(EMAIL["director"], f"toetsing {REF}")


def test_toetsing_needs_a_subdoel_and_a_principe(chat: Chat) -> None:
    """Bijlage 4: "Een onderbouwing van: De bijdrage aan de(sub) doelen van het programma ... (DIN)";
    §5: interventies gekoppeld aan de leidende principes."""
    chat.to_toetsing(links=False)
    said = chat.say(EMAIL["director"], f"toetsing {REF}")
    assert "kan nog niet naar toetsing" in said and "subdoel, principe" in said and "Bijlage 4" in said
    chat.say(DIRK, f"din {REF} subdoel preventieve")
    assert "principe" in chat.say(EMAIL["director"], f"toetsing {REF}")
    chat.say(DIRK, f"din {REF} principe Impact voor de regio")
    assert "klaar voor toetsing" in chat.say(EMAIL["director"], f"toetsing {REF}")


def test_the_programme_period_and_the_agenda_on_every_listed_meeting(chat: Chat) -> None:
    """§8: "Het programma ... bestrijkt een periode van vier jaar (2023-2027)"; the agenda rule works on
    every stuurgroep meeting `vergaderingen` lists."""
    said = chat.say(EMAIL["staf"], "vergadering stuurgroep 2028-01-14")
    assert "buiten de looptijd van het programma (2023-2027, §8)" in said
    assert "buiten de looptijd" in chat.say(EMAIL["staf"], "route 2028-06-30")
    assert "02-07-2027" in chat.say(EMAIL["director"], "vergaderingen stuurgroep")
    chat.to_toetsing()
    chat.advice()
    assert "looptijd" in chat.say(EMAIL["director"], f"agenderen {REF} 2028-03-03")
    said = chat.say(EMAIL["director"], f"agenderen {REF}")  # no meeting in the store yet, only in the calendar
    assert "02-07-2027" in said and chat.status() is Status.GEAGENDEERD
    assert "Zorgbus" in chat.say(EMAIL["director"], "agenda 02-07-2027")


def test_the_calendar_runs_to_2027_and_a_lonely_stuurgroep_is_warned_about(
    chat: Chat, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Bijlage 2, the pattern for the other years; "no meetings in weeks 31-34 and 52"."""
    status, text = cli(chat, monkeypatch, capsys, "meetings", "generate", "--year", "2027", "--no-invites")
    assert status == 0, text
    out = str(tmp_path / "ics")
    status, text = cli(chat, monkeypatch, capsys, "calendar", "export", "--year", "2027", "--out", out)
    assert status == 0, text
    calendar = Calendar.from_ical((tmp_path / "ics" / "zod-stuurgroep-2027.ics").read_bytes())
    events = recurring_ical_events.of(calendar).between(date(2027, 1, 1), date(2028, 1, 1))
    found = [e.decoded("DTSTART").date() for e in events]
    assert found == [date(2027, 7, 2), date(2027, 12, 17)]
    said = chat.say(EMAIL["staf"], "verplaats stuurgroep 2027-07-02 2027-08-13")
    assert "in week 32 vergadert verder niemand" in said
    status, text = cli(chat, monkeypatch, capsys, "meetings", "generate", "--year", "2023", "--no-invites")
    assert status == 0 and "Bijlage 2 begint in 2024" in text
    status, text = cli(chat, monkeypatch, capsys, "meetings", "generate", "--year", "2028")
    assert status == 1 and "buiten de looptijd" in text


def test_the_penvoerder_is_set_changed_and_reported(chat: Chat) -> None:
    """§3.1 Penvoerderschap: the beschikking goes "naar een ontvanger": the project's penvoerder, not
    always the submitter's organisation."""
    chat.scheduled()
    said = chat.say(EMAIL["kernteam"], f"penvoerder {REF} Gemeente Emmen")
    assert "Penvoerder van ZOD-2026-0001: Gemeente Emmen" in said
    assert "niet de rol" in chat.say(EMAIL["coordinator"], f"penvoerder {REF} Hoogeveen")
    chat.clock.set(AT_MEETING)
    chat.say(EMAIL["staf"], f"besluit {REF} akkoord | {PRESENT} | overwegingen: Breed gedragen | bedrag: 45.000")
    assert "Gemeente Emmen" in chat.say(EMAIL["staf"], "budget penvoerder")
    assert "was: Gemeente Emmen" in chat.say(EMAIL["staf"], f"penvoerder {REF} Treant")
    report = chat.say(EMAIL["staf"], "budget penvoerder")
    assert "Treant" in report and "Gemeente Emmen" not in report
    assert "Penvoerder: Treant" in chat.say(ANNA, f"status {REF}")
