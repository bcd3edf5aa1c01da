"""Conversation test of the schriftelijke ronde on the console (the `vaart chat` loop, in this process
so the clock can move to the deadline): the staf starts a round on an assessed proposal, the
stuurgroep members agree, object or stay silent, and the round closes by the consensus rule; every
refusal is one sentence and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.domain.lifecycle import Status
from bot.domain.timezone import AMSTERDAM
from tests.cast import EMAIL
from tests.conversation import leaks
from tests.e2e.test_console_rules import REF, Chat

STAF, SG1, SG2 = EMAIL["staf"], EMAIL["sg1"], EMAIL["sg2"]
ROUND = "ZOD-R-2026-001"


@pytest.fixture
def chat(tmp_path: Path) -> Iterator[Chat]:
    conversation = Chat(tmp_path)
    conversation.to_toetsing()
    conversation.advice()
    yield conversation
    conversation.close()


def test_agreeing_in_writing_decides_at_once_and_status_shows_the_rounds_record(chat: Chat) -> None:
    started = chat.say(STAF, f"ronde start {REF} 27-11-2026 | bedrag: 45.000 | toelichting: Start in januari")
    assert f"Schriftelijke ronde {ROUND} over {REF}" in started and "Bert Bestuur, Carla College" in started
    asked = chat.say(SG1, f"status {ROUND}")
    assert "loopt tot en met 27-11-2026; 0 van 2 leden" in asked and "Bert Bestuur: nog geen antwoord" in asked
    assert "is vastgelegd; nog 1 lid zonder" in chat.say(SG1, f"ronde {ROUND} akkoord")
    assert "stond er al" in chat.say(SG1, f"ronde {ROUND} akkoord")
    shown = chat.say(STAF, f"status {REF}")
    assert f"Schriftelijke ronde {ROUND}: loopt, uiterste datum 27-11-2026" in shown
    chat.say(SG2, f"ronde {REF} akkoord")
    assert chat.status() is Status.AKKOORD
    done = chat.say(STAF, f"status {ROUND}")
    assert "consensus, besluit ZOD-B-2026-001" in done and "Carla College: akkoord (23-11-2026" in done
    assert "via schriftelijke ronde ZOD-R-2026-001" in chat.say(STAF, "status ZOD-B-2026-001")
    chat.say(STAF, "vergadering stuurgroep 11-12-2026 14:00")  # the next meeting, in the store
    agenda = chat.say(STAF, "agenda 11-12-2026")
    assert "Besluiten genomen via schriftelijke ronde" in agenda, agenda
    assert f"{ROUND} over {REF} (Zorgbus): consensus, besluit ZOD-B-2026-001, gesloten 23-11-2026" in agenda


def test_an_objection_closes_without_consensus_and_the_proposal_waits(chat: Chat) -> None:
    chat.say(STAF, f"ronde start {REF} 27-11-2026 | bedrag: 45.000")
    assert "Geef bij een bezwaar de reden" in chat.say(SG1, f"ronde {ROUND} bezwaar")
    chat.say(SG1, f"ronde {ROUND} bezwaar Eerst een business case")
    chat.say(SG2, f"ronde {ROUND} akkoord")
    assert chat.status() is Status.GETOETST
    status = chat.say(STAF, f"status {ROUND}")
    assert "geen consensus" in status and "Bert Bestuur: bezwaar" in status and "Eerst een business case" in status


def test_silence_at_the_deadline_is_no_consensus_and_a_late_vote_is_refused(chat: Chat) -> None:
    chat.say(STAF, f"ronde start {REF} 27-11-2026 | bedrag: 45.000")
    chat.say(SG1, f"ronde {ROUND} onthouding")
    chat.clock.set(datetime(2026, 11, 28, 8, 0, tzinfo=AMSTERDAM))
    late = chat.say(SG2, f"ronde {ROUND} akkoord")
    assert "De uiterste datum van schriftelijke ronde ZOD-R-2026-001 was 27-11-2026" in late
    chat.app.rounds.run_due()  # the worker at the deadline
    status = chat.say(STAF, f"status {ROUND}")
    assert "geen consensus" in status and "Carla College: nog geen antwoord" in status
    assert chat.status() is Status.GETOETST


def test_bad_input_is_refused_in_one_sentence_and_english_when_chosen(chat: Chat) -> None:
    assert "geen van beide" in chat.say(STAF, "ronde start ZOD-2026-0999 27-11-2026 | bedrag: 1")
    assert "moet na vandaag" in chat.say(STAF, f"ronde start {REF} 20-11-2026 | bedrag: 1")
    assert "buiten de looptijd" in chat.say(STAF, f"ronde start {REF} 03-01-2028 | bedrag: 1")
    assert "Noem het bedrag" in chat.say(STAF, f"ronde start {REF} 27-11-2026")
    assert "Er lopen geen schriftelijke rondes." in chat.say(STAF, "rondes")
    chat.say(STAF, f"ronde start {REF} 27-11-2026 | bedrag: 45.000")
    assert "loopt al schriftelijke ronde" in chat.say(STAF, f"ronde start {REF} 28-11-2026 | bedrag: 45.000")
    assert ROUND in chat.say(STAF, "rondes")
    assert "Alleen de stuurgroepleden" in chat.say(EMAIL["kernteam"], f"ronde {ROUND} akkoord")
    assert "Het veld 'reden' bevat onzichtbare opmaaktekens" in chat.say(SG1, f"ronde {ROUND} bezwaar Nee\u202e tsoK")
    assert "0 van 2 leden" in chat.say(STAF, f"status {ROUND}")  # nothing recorded
    english = chat.say(SG1, "taal en", f"ronde {ROUND} misschien")
    assert "Choose agree, object REASON or abstain" in english and not leaks(english)
    assert "round REF agree" in chat.say(SG1, "help")


def test_a_spend_request_above_the_mandate_in_writing_and_its_status_shows_the_round(chat: Chat) -> None:
    answer = chat.say(EMAIL["kernteam"], "uitgave 60.000 Onderzoek mobiliteit | soort: onderzoek")
    assert "ZOD-U-2026-0001" in answer
    assert "Het bedrag van uitgave ZOD-U-2026-0001 staat al vast" in chat.say(
        STAF, "ronde start ZOD-U-2026-0001 27-11-2026 | bedrag: 1")
    chat.say(STAF, "ronde start ZOD-U-2026-0001 27-11-2026 | toelichting: Voor de zomer nodig")
    status = chat.say(EMAIL["director"], "status ZOD-U-2026-0001")
    assert f"Schriftelijke ronde {ROUND}: loopt, uiterste datum 27-11-2026" in status
    assert "Waarom buiten het mandaat: het bedrag is niet lager dan de mandaatgrens." in status
    assert "budget.mandate" not in status  # the reasons in words, never the stored codes
    chat.say(SG1, f"ronde {ROUND} akkoord")
    chat.say(SG2, f"ronde {ROUND} akkoord")
    assert chat.app.budget.get_request("ZOD-U-2026-0001").status.value == "approved"
    assert f"Schriftelijke ronde {ROUND}: consensus, besluit ZOD-B-2026-001" in chat.say(
        EMAIL["director"], "status ZOD-U-2026-0001")
