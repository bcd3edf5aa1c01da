"""`status` answers the programme cycle's references too, on the console (in this process): an
objection (ZOD-BZ-...) and an escalation (ZOD-ESC-...), with what happens next and who acts; the
cycle's commands are in `help` for those who may use them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cast import ANNA, EMAIL
from tests.conversation import leaks
from tests.e2e.test_console_cycle import FACILITATOR, REF, Chat


@pytest.fixture
def chat(tmp_path: Path) -> Iterator[Chat]:
    conversation = Chat(tmp_path)
    yield conversation
    conversation.close()


def test_status_answers_an_objection_from_filing_to_its_outcome(chat: Chat) -> None:
    number = chat.decided()
    filed = chat.say(ANNA, f"bezwaar {number} proces Ik kreeg geen uitnodiging")
    assert "ZOD-BZ-2026-001" in filed
    status = chat.say(ANNA, "status ZOD-BZ-2026-001")
    assert f"Bezwaar ZOD-BZ-2026-001 tegen besluit {number} (proces)" in status
    assert "Ik kreeg geen uitnodiging" in status and "de staf legt de behandeling vast" in status
    chat.say(EMAIL["staf"], "bezwaar-afhandeling ZOD-BZ-2026-001 Oordeel commissie gevolgd | uitkomst: ongegrond")
    done = chat.say(ANNA, "status ZOD-BZ-2026-001")
    assert "Behandeling: Oordeel commissie gevolgd" in done and "ongegrond. Er hoeft niemand meer iets te doen" in done
    assert "niet in het personenbestand" in chat.say("ander@voorbeeld.nl", "status ZOD-BZ-2026-001")
    english = chat.say(EMAIL["staf"], "taal en", "status ZOD-BZ-2026-001")
    assert "Objection ZOD-BZ-2026-001 against decision" in english and not leaks(english)


def test_status_answers_an_escalation_and_who_concludes_it(chat: Chat) -> None:
    assert REF in chat.say(ANNA, "idee Zorgbus | Een bus voor ouderen | opgaven: 5 | programmalijn: Zorg")
    chat.say(EMAIL["kernteam"], f"escaleer {REF} De partners zijn het oneens over de penvoerder")
    status = chat.say(EMAIL["kernteam"], "status ZOD-ESC-2026-001")
    assert f"Escalatie ZOD-ESC-2026-001 over {REF}" in status and "oneens over de penvoerder" in status
    assert "(escalatie ZOD-ESC-2026-001 uitkomst TEKST)" in status
    chat.say(FACILITATOR, f"escalatie {REF} uitkomst Emmen wordt penvoerder")
    assert "Afgehandeld op" in chat.say(EMAIL["kernteam"], "status ZOD-ESC-2026-001")


def test_the_cycles_commands_are_in_help_for_who_may_use_them(chat: Chat) -> None:
    staf = chat.say(EMAIL["staf"], "help")
    assert "bezwaar-afhandeling REF" in staf and "escalatie REF uitkomst" not in staf
    assert "escalatie REF uitkomst" in chat.say(FACILITATOR, "help")
    assert "Dekking, bezwaren en escalaties:" in chat.say(ANNA, "help alles")
