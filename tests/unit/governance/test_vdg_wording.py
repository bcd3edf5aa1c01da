"""The Regio Deal's words stay out of a VDG session: a proposal the colleges decide is "Bij de colleges",
not "Geagendeerd voor de stuurgroep", on the Slack and Teams cards, the web labels and in help; and a
decision of the colleges carries their tally in the register's JSON, not a meeting's "present"."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from slack_sdk.models.blocks import Block

from bot.chat.help import description
from bot.chat.session import Command
from bot.domain.budget_mandate import RequestStatus, SpendRequest
from bot.domain.decision_register import IDEA, RegisterEntry
from bot.domain.governance import CONSENSUS, PER_MEMBER_BODY
from bot.domain.ideas import Idea
from bot.domain.lifecycle import Status
from bot.domain.member_bodies import BodyDecision
from bot.domain.timezone import AMSTERDAM
from bot.frontends.slack import views
from bot.frontends.teams import cards
from bot.reports.decision_register import export_json
from tests.adaptive_cards import assert_valid

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM)
ZOD_WORDS = "Geagendeerd voor de stuurgroep"
VDG_WORDS = "Bij de colleges"


def idea() -> Idea:
    return Idea(reference="VDG-2026-0001", title="Warmte", description="Samen", submitter="i@x.nl",
                submitted_at=NOW, origin="console", status=Status.GEAGENDEERD.value)


def slack_text(blocks: list[dict[str, Any]]) -> str:
    for raw in blocks:
        Block.parse(raw).validate_json()  # type: ignore[union-attr]
    return json.dumps(blocks, ensure_ascii=False)


def test_the_slack_cards_of_a_vdg_proposal_say_it_lies_with_the_colleges() -> None:
    for blocks in (views.status_card(idea(), "nl", NOW, PER_MEMBER_BODY),
                   views.kernteam_card(idea(), "nl", None, PER_MEMBER_BODY)):
        text = slack_text(blocks)
        assert VDG_WORDS in text and "stuurgroep" not in text


def test_the_slack_cards_of_the_regio_deal_keep_their_words() -> None:
    assert ZOD_WORDS in slack_text(views.status_card(idea(), "nl", NOW))
    assert ZOD_WORDS in slack_text(views.kernteam_card(idea(), "nl", None, CONSENSUS))


def test_the_teams_cards_of_a_vdg_proposal_say_it_lies_with_the_colleges() -> None:
    for card in (cards.status_card(idea(), "nl", NOW, PER_MEMBER_BODY),
                 cards.kernteam_card(idea(), "nl", None, procedure=PER_MEMBER_BODY)):
        assert_valid(card)
        text = json.dumps(card, ensure_ascii=False)
        assert VDG_WORDS in text and "stuurgroep" not in text
    assert ZOD_WORDS in json.dumps(cards.status_card(idea(), "nl", NOW), ensure_ascii=False)


def test_help_on_bezwaar_route_and_agenda_names_no_stuurgroep_in_the_vdg() -> None:
    for name in ("bezwaar", "route", "agenda", "agenderen", "besluit", "besluit-uitgave"):
        command = Command(name, (), lambda s, a: "", name)
        for lang in ("nl", "en"):
            vdg = description(command, lang, PER_MEMBER_BODY)
            assert vdg and "stuurgroep" not in vdg and "steering group" not in vdg
    bezwaar = Command("bezwaar", (), lambda s, a: "", "bezwaar")
    assert description(bezwaar, "nl") == "bezwaar maken tegen een besluit: inhoud (stuurgroep) of proces (provincie)"


def test_a_college_decision_in_the_register_json_carries_the_colleges_tally_not_present() -> None:
    entry = RegisterEntry(number="VDG-B-2026-001", decided_on=date(2026, 12, 1), kind=IDEA,
                          reference="VDG-2026-0001", subject="Warmte", outcome="akkoord", amount=None,
                          considerations="12 van 12", conditions=(), present=(), recused=(), objections=())
    decisions = [BodyDecision("VDG-2026-0001", "Emmen", "akkoord", date(2026, 11, 30), "mits x", "a@x", NOW),
                 BodyDecision("VDG-2026-0001", "Assen", "akkoord", date(2026, 12, 1), "", "b@x", NOW, late=True)]
    record = json.loads(export_json([entry], None, {"VDG-2026-0001": decisions}))[0]
    assert "consensus" not in record
    assert record["colleges"]["agreed"] == 2 and record["colleges"]["rejected"] == 0
    assert record["colleges"]["decisions"][0] == {"body": "Emmen", "outcome": "akkoord", "date": "2026-11-30",
                                                  "conditions": "mits x", "late": False}
    plain = json.loads(export_json([entry]))[0]
    assert plain["consensus"] == {"present": [], "recused": [], "objections": []}  # the Regio Deal's, unchanged


def test_a_vdg_spend_card_says_the_request_lies_with_the_colleges_in_slack_and_teams() -> None:
    request = SpendRequest(reference="VDG-U-2026-0001", amount=Decimal("5000.00"), kind="overig", purpose="Drukwerk",
                           requester="p@vdg.invalid", line_key="communicatie", requested_at=NOW,
                           status=RequestStatus.TO_STUURGROEP)
    vdg = slack_text(views.spend_card(request, "nl", None, PER_MEMBER_BODY))
    assert "Bij de colleges: buiten het mandaat, elk college besluit zelf" in vdg and "stuurgroep" not in vdg
    assert "naar de stuurgroep" in slack_text(views.spend_card(request, "nl", None))
    card = cards.spend_card(request, "nl", None, procedure=PER_MEMBER_BODY)
    assert_valid(card)
    assert "Bij de colleges" in json.dumps(card, ensure_ascii=False)
    assert "stuurgroep" not in json.dumps(card, ensure_ascii=False)
