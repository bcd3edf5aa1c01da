"""The conversation in Teams, end to end: Bot Framework activities to /api/messages with JWT
validation on, the fake Bot Connector and Entra on 127.0.0.1. `status` of every reference kind, help
by role, English throughout, and the indiener's status card rewritten in place (update activity)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.domain.lifecycle import Status
from tests.adaptive_cards import assert_valid
from tests.conversation import every_kind, leaks
from tests.e2e.teams_fakes import block
from tests.e2e.teams_support import USERS, TeamsHarness, running_teams
from tests.scenario import submit, walk

ANNA_T, KEES, PETRA, SANNE = USERS["anna"], USERS["kees"], USERS["petra"], USERS["sanne"]


@pytest.fixture
def teams(tmp_path: Path) -> Iterator[TeamsHarness]:
    with running_teams(tmp_path) as harness:
        yield harness


def test_status_answers_every_reference_kind_in_teams(teams: TeamsHarness) -> None:
    refs = every_kind(teams.app, teams.clock)
    teams.install(KEES)
    idea = teams.answer(KEES, f"status {refs.idea}")
    assert "Ingediend" in idea and f"oppakken {refs.idea}" in idea
    spend = teams.answer(KEES, f"status {refs.spend}")
    assert f"Uitgaveverzoek {refs.spend}" in spend and f"goedkeuren {refs.spend}" in spend
    referred = teams.answer(KEES, f"status {refs.referred}")
    assert "Goedgekeurd door" in referred and "besluit van de stuurgroep" in referred
    decision = teams.answer(KEES, f"status {refs.decision}")
    assert f"Besluit {refs.decision}" in decision and f"Over uitgaveverzoek {refs.referred}" in decision
    meeting = teams.answer(KEES, f"status {refs.meeting}")
    assert "Stuurgroep" in meeting and "Wat nu:" in meeting
    objection = teams.answer(KEES, f"status {refs.objection}")
    assert f"Bezwaar {refs.objection} tegen besluit {refs.decision} (proces)" in objection and "Wat nu:" in objection
    escalation = teams.answer(KEES, f"status {refs.escalation}")
    assert f"Escalatie {refs.escalation} over {refs.idea}" in escalation and "uitkomst TEKST" in escalation


def test_help_in_teams_fits_the_person(teams: TeamsHarness) -> None:
    teams.register_people()
    for user in (ANNA_T, KEES, PETRA):
        teams.install(user)
    guest = teams.answer(ANNA_T, "help")
    assert "Wat u nu kunt (gast)" in guest and "oppakken" not in guest and "help alles" in guest
    kern = teams.answer(KEES, "help")
    assert "oppakken REF" in kern and "goedkeuren" not in kern
    director = teams.answer(PETRA, "help")
    assert "goedkeuren REF" in director and "oppakken" not in director


def test_english_throughout_in_teams(teams: TeamsHarness) -> None:
    refs = every_kind(teams.app, teams.clock)
    teams.install(SANNE)
    said = [teams.answer(SANNE, "language en")]
    for line in ("help", "help all", "meetinghelp", "budget help", "spend", f"status {refs.idea}",
                 f"status {refs.spend}", f"status {refs.decision}", f"status {refs.meeting}", "status nonsense",
                 f"status {refs.objection}", f"status {refs.escalation}"):
        said.append(teams.answer(SANNE, line))
    assert all(not leaks(text) for text in said), [leaks(text) for text in said]
    assert "What you can do now" in said[1] and "Spend request" in said[7] and "Next:" in said[9]


def test_a_guest_installing_the_app_hears_what_the_virtueel_punt_is(teams: TeamsHarness) -> None:
    welcome = teams.install(ANNA_T)[0].text
    assert "het virtueel punt van" in welcome and "Typ 'idee'" in welcome
    assert "Welkom" not in teams.answer(ANNA_T, "wie")  # once: not again with the first answer


def test_the_indieners_status_card_is_updated_in_place(teams: TeamsHarness) -> None:
    teams.register_people()
    teams.install(ANNA_T)
    ref = submit(teams.app.ideas)
    teams.deliver()
    posted = [s for s in teams.connector.sent(ANNA_T.conversation, "POST")
              if any(block(c, "next") for c in s.cards)]
    assert len(posted) == 1
    card_id = posted[0].activity_id
    assert_valid(posted[0].cards[0])
    assert "Ingediend" in (block(posted[0].cards[0], "status") or "")

    teams.app.ideas.pick_up(KEES.email or "", "test", ref)
    teams.deliver()
    updates = teams.connector.sent(ANNA_T.conversation, "PUT")
    assert [u.activity_id for u in updates] == [card_id]
    assert_valid(updates[0].cards[0])
    assert "Oriëntatie" in (block(updates[0].cards[0], "status") or "")
    assert "orientatie" in (block(updates[0].cards[0], "next") or "")
    again = [s for s in teams.connector.sent(ANNA_T.conversation, "POST") if any(block(c, "next") for c in s.cards)]
    assert len(again) == 1  # no second status card: the first one moved on

    teams.deliver()  # a retried delivery rewrites nothing
    assert len(teams.connector.sent(ANNA_T.conversation, "PUT")) == 1


def _card(teams: TeamsHarness, text: str) -> dict[str, object]:
    replies = teams.say(SANNE, text)
    cards_sent = [c for r in replies for c in r.cards]
    assert len(cards_sent) == 1, [r.text for r in replies]
    assert_valid(cards_sent[0])
    return cards_sent[0]


def _facts(card: dict[str, object]) -> dict[str, str]:
    body = card["body"]
    assert isinstance(body, list)
    return {f["title"]: f["value"] for b in body if b.get("type") == "FactSet" for f in b["facts"]}


def test_meetings_route_and_agenda_are_cards_with_a_factset_and_dates_in_dutch_words(teams: TeamsHarness) -> None:
    teams.register_people()
    ref = submit(teams.app.ideas)
    walk(teams.app.ideas, teams.app.programme, ref, Status.GEAGENDEERD)  # the 11 December agenda is stored
    teams.install(SANNE)
    meetings = _facts(_card(teams, "vergaderingen stuurgroep"))
    assert "vrijdag 11 december 2026 10:00" in meetings
    assert "zod-stuurgroep-20261211@" in meetings["vrijdag 11 december 2026 10:00"]
    route = _facts(_card(teams, "route 11-12-2026"))
    assert "vrijdag 20 november 2026" in route.values() and "vrijdag 11 december 2026" in route.values()
    agenda = _card(teams, "agenda 11-12-2026")
    assert "Agenda Stuurgroep vrijdag 11 december 2026" in str(agenda["body"])
    assert _facts(agenda)[f"1. {ref}"].startswith("Zorgbus — Geagendeerd voor de stuurgroep")
