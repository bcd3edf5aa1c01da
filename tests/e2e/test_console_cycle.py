"""Conversation tests of the programme cycle, typed into the console chat (in this process, so the
clock can reach the meeting) and the operator's `vaart` commands: the budget set by the stuurgroep
(§6), DIN coverage (§5), objections (§3.1) and escalation (§3.2). Every refusal is one sentence,
and nothing changes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.cast import ANNA, EMAIL
from tests.e2e.test_console_rules import AT_MEETING, PRESENT, REF, cli
from tests.e2e.test_console_rules import Chat as RulesChat

FACILITATOR = "h.secretaris@emmen.nl"


class Chat(RulesChat):
    """The console chat of the rules' tests, with a facilitator for escalations."""

    def __init__(self, tmp_path: Path) -> None:
        super().__init__(tmp_path)
        self.app.people.add("beheer@vaart.local", "test", FACILITATOR, "Hanneke Secretaris",
                            ["ambtelijk_facilitator"])

    def count(self, sql: str) -> int:
        with self.app.engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())

    def decided(self) -> str:
        """Anna's Zorgbus from submission to the stuurgroep's akkoord in its meeting; the decision number."""
        self.scheduled()
        self.clock.set(AT_MEETING)
        said = self.say(EMAIL["staf"], f"besluit {REF} akkoord | {PRESENT} | overwegingen: Goed | bedrag: 45.000")
        assert "ZOD-B-2026-001" in said
        return "ZOD-B-2026-001"


@pytest.fixture
def chat(tmp_path: Path) -> Iterator[Chat]:
    conversation = Chat(tmp_path)
    yield conversation
    conversation.close()


def test_a_budget_line_is_set_only_with_a_stuurgroep_decision_and_its_history_is_reported(
    chat: Chat, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """§6: "De stuurgroep stelt de (meerjaren)begroting vast" and each yearly revision."""
    status, said = cli(chat, monkeypatch, capsys, "budget", "set-line", "zorg_en_welzijn", "4.850.000")
    assert status == 1 and "alleen door een stuurgroepbesluit" in said
    assert said.strip().count("\n") == 0  # one sentence on one line
    status, said = cli(chat, monkeypatch, capsys, "budget", "set-line", "zorg_en_welzijn", "4.850.000",
                       "--besluit", "ZOD-B-2026-042")
    assert status == 1 and "ZOD-B-2026-042" in said and "niet in het besluitenregister" in said
    assert chat.count("SELECT COUNT(*) FROM budget_line_changes") == 0
    proposal = chat.decided()  # an akkoord on a proposal allocates money, it does not set the begroting
    status, said = cli(chat, monkeypatch, capsys, "budget", "set-line", "zorg_en_welzijn", "4.850.000",
                       "--besluit", proposal)
    assert status == 1 and "geen begrotingsbesluit" in said and said.strip().count("\n") == 0
    said = chat.say(EMAIL["kernteam"], "begrotingsbesluit 11-12-2026 herziening | Herziening 2027")
    assert "ZOD-B" not in said and chat.count("SELECT COUNT(*) FROM budget_resolutions") == 0
    said = chat.say(EMAIL["director"], "begrotingsbesluit 10-12-2026 herziening | Herziening 2027")
    assert "geen stuurgroepvergadering" in said
    said = chat.say(EMAIL["director"], "begrotingsbesluit 11-12-2026 herziening | Herziening 2027 vastgesteld")
    assert "ZOD-B-2026-002" in said and "herziening" in said
    number = "ZOD-B-2026-002"
    status, said = cli(chat, monkeypatch, capsys, "budget", "decision", "2026-12-11", "begroting", "Meerjarenbegroting")
    assert status == 0 and "ZOD-B-2026-003" in said
    assert "begroting" in chat.say(EMAIL["kernteam"], f"status {number}")
    status, said = cli(chat, monkeypatch, capsys, "budget", "set-line", "zorg_en_welzijn", "4.850.000",
                       "--besluit", number)
    assert status == 0 and "€ 4.850.000,00" in said and "€ 4.800.000,00" in said and number in said
    status, said = cli(chat, monkeypatch, capsys, "budget", "set-line", "vat", "950000", "--besluit", number)
    assert status == 1 and "plafond" in said  # the VAT cap of #13 stays
    status, said = cli(chat, monkeypatch, capsys, "budget", "line-history", "zorg_en_welzijn")
    assert status == 0 and "€ 4.800.000,00 ->   € 4.850.000,00" in said and "beheer@vaart.local" in said
    status, said = cli(chat, monkeypatch, capsys, "budget", "line-history", "zorg_en_welzijn", "--json")
    [change] = json.loads(said)["changes"]
    assert change["before"] == "4800000.00" and change["after"] == "4850000.00" and change["decision"] == number
    status, said = cli(chat, monkeypatch, capsys, "budget", "line-history", "nope")
    assert status == 1 and "bestaat niet" in said


def test_the_coverage_overview_puts_what_has_nothing_first_and_draws_the_heat_map(
    chat: Chat, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """§5: linking every intervention to the DIN shows "waar we nog moeten investeren"."""
    chat.decided()
    said = chat.say(EMAIL["kernteam"], "dekking")
    lines = said.splitlines()
    assert lines[0].startswith("DIN-dekking") and lines[1].startswith("!")
    zorg = next(line for line in lines if "programmalijn" in line and "Zorg en Welzijn" in line)
    assert not zorg.startswith("!") and "0 / 0 / 1, € 45.000,00" in zorg
    marked = [line for line in lines[1:] if line.startswith("!")]
    assert lines[1 : 1 + len(marked)] == marked  # every empty element before every linked one
    assert "DIN coverage (§5" in chat.say(EMAIL["kernteam"], "taal en", "coverage")
    chart = chat.tmp_path / "dekking.png"
    status, out = cli(chat, monkeypatch, capsys, "din", "coverage", "--json", "--chart", str(chart))
    data = json.loads(out)
    assert status == 0 and data["elements"][0]["empty"] is True
    heat = data["heatmap"]
    row = heat["programmalijnen"].index("Zorg en Welzijn")
    column = heat["opgaven"].index("Het verdwijnen en de nabijheid van voorzieningen")
    assert heat["linked"][row][column] == 1
    import matplotlib.image

    assert matplotlib.image.imread(str(chart)).shape[2] in (3, 4)  # a PNG matplotlib reads back


def test_objections_go_to_the_stuurgroep_or_the_province_and_the_register_shows_them(chat: Chat) -> None:
    """§3.1: "een uitspraak over de inhoud aan de stuurgroep ... over procesmatige/uitvoerende aspecten
    aan de provincie"."""
    number = chat.decided()
    said = chat.say(ANNA, "bezwaar ZOD-B-2026-404 inhoud Ik ben het oneens")
    assert "ZOD-B-2026-404" in said and "niet in het besluitenregister" in said
    said = chat.say(ANNA, f"bezwaar {number} smaak Ik ben het oneens")
    assert "inhoud of over het proces" in said
    said = chat.say(ANNA, f"bezwaar {number} inhoud De huisartsen zijn niet gehoord")
    assert "ZOD-BZ-2026-001" in said and "op de agenda van de stuurgroep van" in said
    assert f"✉ {EMAIL['staf']}: Bezwaar ZOD-BZ-2026-001" in said
    day = said.split("stuurgroep van ")[1][:10]
    shown = chat.say(ANNA, "status ZOD-BZ-2026-001")  # the meeting in words, not an ISO date
    assert "het bezwaar ligt bij de stuurgroep van vrijdag " in shown and str(int(day[:2])) in shown
    agenda = chat.say(EMAIL["staf"], f"agenda {day}")
    assert "Bezwaren op de inhoud" in agenda and "ZOD-BZ-2026-001 tegen besluit ZOD-B-2026-001" in agenda
    said = chat.say(ANNA, f"bezwaar {number} proces Ik kreeg geen uitnodiging")
    assert "ZOD-BZ-2026-002" in said and "per mail naar Provincie Drenthe" in said
    assert "✉ bezwarencommissie@provincie-drenthe.invalid" in said
    assert "[bezwaar: 2]" in chat.say(EMAIL["staf"], "besluiten")
    listed = chat.say(EMAIL["staf"], "bezwaren")
    assert "ZOD-BZ-2026-001" in listed and "ZOD-BZ-2026-002" in listed
    refused = chat.say(EMAIL["kernteam"], "bezwaar-afhandeling ZOD-BZ-2026-002 Bekeken")
    assert "Alleen Staf legt de behandeling" in refused
    said = chat.say(EMAIL["staf"], "bezwaar-afhandeling ZOD-BZ-2026-002 Oordeel commissie gevolgd | uitkomst: "
                                   "ongegrond")
    assert "afgehandeld met uitkomst: ongegrond" in said and f"✉ {ANNA}" in said
    assert "ZOD-BZ-2026-002" not in chat.say(EMAIL["staf"], "bezwaren")
    assert "ZOD-BZ-2026-002" in chat.say(EMAIL["staf"], "bezwaren alle")
    chat.clock.set(AT_MEETING + timedelta(days=43))
    said = chat.say(ANNA, f"bezwaar {number} inhoud Alsnog")
    assert "bezwaartermijn van 42 dagen" in said and "22-01-2027" in said
    assert chat.count("SELECT COUNT(*) FROM objections") == 2
    assert "objection period" not in said
    english = chat.say(ANNA, "taal en", f"bezwaar {number} inhoud Still")
    assert "The objection term of 42 days" in english


def test_an_escalation_goes_to_the_facilitators_and_the_status_shows_it_until_the_outcome(
    chat: Chat, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """§3.2: "drie vooruitgeschoven secretarissen met een specifieke rol ... in gebeurtenissen die vragen
    om escalatie"."""
    assert REF in chat.say(ANNA, "idee Zorgbus | Een bus voor ouderen | opgaven: 5 | programmalijn: Zorg")
    said = chat.say(EMAIL["staf"], f"escaleer {REF} Partners oneens")
    assert "Escaleren naar de ambtelijk facilitators (§3.2) doet Kernteam, Programmadirecteur" in said
    english = chat.say(EMAIL["staf"], "taal en", f"escaleer {REF} Partners disagree")
    assert "Escalating to the civil-service facilitators (§3.2) is for Core team, Programme director" in english
    chat.say(EMAIL["staf"], "taal nl")
    assert chat.count("SELECT COUNT(*) FROM escalations") == 0
    said = chat.say(EMAIL["kernteam"], f"escaleer {REF} De partners zijn het oneens over de penvoerder")
    assert "ZOD-ESC-2026-001" in said and "Ambtelijk facilitator 1 (in te vullen)" in said
    assert said.count(f"✉ {FACILITATOR}") == 2  # in chat (the console: the outbox) and by mail
    assert said.count("✉ facilitator1@secretarissenoverleg.invalid") == 2
    status = chat.say(ANNA, f"status {REF}")  # the indiener sees that it is escalated, not why
    assert "Escalatie: ZOD-ESC-2026-001 ligt sinds" in status and "oneens" not in status
    status = chat.say(EMAIL["kernteam"], f"status {REF}")
    assert "Escalatie: ZOD-ESC-2026-001 ligt sinds" in status and "oneens over de penvoerder" in status
    assert "oneens" in chat.say(FACILITATOR, "status ZOD-ESC-2026-001")
    assert "oneens" not in chat.say(EMAIL["chair"], "status ZOD-ESC-2026-001")  # the expertteam's chair
    assert "oneens" in chat.say(EMAIL["director"], f"status {REF}")
    assert "ZOD-ESC-2026-001" in chat.say(EMAIL["director"], "escalaties")
    status_code, shown = cli(chat, monkeypatch, capsys, "status", REF)
    assert status_code == 0 and "Escalatie: ZOD-ESC-2026-001 ligt sinds" in shown and "oneens" in shown
    status_code, shown = cli(chat, monkeypatch, capsys, "status", REF, "--as", ANNA)
    assert status_code == 0 and "ligt sinds" in shown and "oneens" not in shown
    said = chat.say(EMAIL["kernteam"], f"escalatie {REF} uitkomst Opgelost")
    assert "Alleen een ambtelijk facilitator" in said
    said = chat.say(FACILITATOR, f"escalatie {REF} uitkomst Emmen wordt penvoerder")
    assert "Uitkomst van escalatie ZOD-ESC-2026-001" in said and f"✉ {EMAIL['kernteam']}" in said
    assert "afgerond op" in chat.say(ANNA, f"status {REF}") and "Emmen wordt penvoerder" in chat.say(
        ANNA, f"status {REF}")
    assert "geen open escalaties" in chat.say(EMAIL["director"], "escalaties")


def test_the_operator_records_beschikkingen_and_plans_the_communicatiekalender_with_vaart(
    chat: Chat, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`vaart beschikking` and `vaart communication` mirror the chat's commands, through the same services."""
    chat.decided()  # € 45.000 allocated to the Zorgbus
    chat.clock.advance(timedelta(days=30))
    status, said = cli(chat, monkeypatch, capsys, "beschikking", "record", REF, "2027-01-05", "50.000", "DR/1")
    assert status == 1 and "meer dan de toekenning" in said and said.strip().count("\n") == 0
    status, said = cli(chat, monkeypatch, capsys, "beschikking", "record", REF, "2027-01-05", "40.000", "DR/2027/118")
    assert status == 0 and "DR/2027/118" in said
    status, said = cli(chat, monkeypatch, capsys, "beschikking", "realise", REF, "10.000", "Eerste", "bus")
    assert status == 0 and "€ 30.000,00" in said
    status, said = cli(chat, monkeypatch, capsys, "beschikking", "list")
    assert status == 0 and "beschikt € 40.000,00, gerealiseerd € 10.000,00, resterend € 30.000,00" in said
    assert said.strip() == chat.say(EMAIL["staf"], "beschikkingen").strip()  # the chat's own wording
    status, said = cli(chat, monkeypatch, capsys, "beschikking", "list", "--json")
    data = json.loads(said)
    assert data["projects"][0]["beschikt"] == "40000.00" and data["totals"]["remaining"] == "30000.00"
    status, said = cli(chat, monkeypatch, capsys, "budget", "report", "--by", "programmalijn", "--json")
    zorg = next(r for r in json.loads(said)["rows"] if r["group"] == "Zorg en Welzijn")
    assert (zorg["allocated"], zorg["beschikt"], zorg["spent"]) == ("45000.00", "40000.00", "10000.00")
    status, said = cli(chat, monkeypatch, capsys, "budget", "report", "--by", "programmalijn")
    assert "Beschikt" in said and "€ 40.000,00" in said

    status, said = cli(chat, monkeypatch, capsys, "communication", "plan", "2027-02-01", "--time", "10:00", "mail",
                       "stuurgroep", "Nieuwsbrief", "februari")
    assert status == 0 and "C-1" in said
    status, said = cli(chat, monkeypatch, capsys, "communication", "plan", "2027-02-01", "fax", "stuurgroep", "x")
    assert status == 1 and said.strip().count("\n") == 0
    status, said = cli(chat, monkeypatch, capsys, "communicatie", "move", "C-1", "2027-02-03")
    assert status == 0 and "03-02-2027 09:00" in said
    status, said = cli(chat, monkeypatch, capsys, "communication", "list", "--json")
    [item] = json.loads(said)
    assert item["reference"] == "C-1" and item["at"].startswith("2027-02-03T09:00") and item["status"] == "gepland"
    status, said = cli(chat, monkeypatch, capsys, "communication", "list")
    assert "C-1" in said and "Nieuwsbrief februari" in said
    status, said = cli(chat, monkeypatch, capsys, "communication", "cancel", "C-1")
    assert status == 0 and chat.count("SELECT COUNT(*) FROM communication_items WHERE status = 'geannuleerd'") == 1
    status, said = cli(chat, monkeypatch, capsys, "communication", "list", "--all", "--json")
    assert [i["status"] for i in json.loads(said)] == ["geannuleerd"]


def test_the_stuurgroep_decision_is_recorded_with_english_words_in_english(chat: Chat) -> None:
    chat.scheduled()
    chat.clock.set(AT_MEETING)
    said = chat.say(EMAIL["staf"], "language en", "help decide",
                    f"decide {REF} approved | {PRESENT} | considerations: Good | amount: 45.000")
    assert "decide REF approved|rejected|back | present:" in said
    assert "ZOD-B-2026-001" in said and "approved" in said.lower()
