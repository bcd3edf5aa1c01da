"""Adaptive Cards built from the shared forms and cards: every input there, values read back exactly,
errors under their fields, the spend card's buttons only while the request is open, a round's card
without buttons once answered."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bot.chat.forms import Field, Form, Option
from bot.domain.budget_mandate import DecidedVia, RequestStatus, SpendRequest
from bot.domain.rounds import Choice, RoundStatus, Vote, WrittenRound
from bot.domain.timezone import AMSTERDAM
from bot.frontends.teams import cards
from tests.adaptive_cards import assert_valid
from tests.e2e.teams_fakes import shown

FORM = Form(
    "idea",
    "",
    "Nieuw idee",
    "Indienen",
    (
        Field("title", "Titel", "text", True, 120),
        Field("description", "Omschrijving", "multiline", True, 4000),
        Field("opgaven", "Opgaven", "multiselect", False, options=tuple(Option(str(i), f"O{i}") for i in range(3))),
        Field("line", "Programmalijn", "select", False, options=(Option("a", "A"), Option("b", "B"))),
        Field("verdict", "Oordeel", "radio", True, options=(Option("positief", "Positief"),)),
    ),
    intro="Vertel kort wat u wilt doen.\nU krijgt meteen een nummer.",
)


def _inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in card["body"] if e["type"].startswith("Input.")}


def test_a_form_becomes_inputs_and_one_execute_button() -> None:
    card = cards.form_card(FORM, "nl")
    assert_valid(card)
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4" and card["msteams"] == {"width": "Full"}
    inputs = _inputs(card)
    assert list(inputs) == ["title", "description", "opgaven", "line", "verdict"]
    assert inputs["title"] == {"id": "title", "label": "Titel", "isRequired": True, "errorMessage": "Vul dit veld in.",
                               "type": "Input.Text", "isMultiline": False, "maxLength": 120}
    assert inputs["description"]["isMultiline"] and not inputs["opgaven"]["isRequired"]
    assert inputs["opgaven"]["isMultiSelect"] and inputs["opgaven"]["style"] == "compact"
    assert inputs["verdict"]["style"] == "expanded" and not inputs["verdict"]["isMultiSelect"]
    assert [t["text"] for t in card["body"] if t["type"] == "TextBlock"][1:] == [
        "Vertel kort wat u wilt doen.", "U krijgt meteen een nummer."]  # one block per line
    [action] = card["actions"]
    assert action == {"type": "Action.Execute", "title": "Indienen", "verb": cards.SUBMIT_FORM,
                      "data": {"_form": "idea", "_ref": ""}, "style": "positive"}


def test_values_come_back_as_the_form_reads_them_and_errors_sit_under_their_fields() -> None:
    data = {"_form": "idea", "title": "Zorgbus", "opgaven": "0,2", "line": "b", "description": ""}
    values = cards.read_values(FORM, data)
    assert values == {"title": "Zorgbus", "description": "", "opgaven": ["0", "2"], "line": "b", "verdict": None}
    card = cards.form_card(FORM, "en", values, {"description": "Please fill in this field."}, message="Not now")
    assert_valid(card)
    body = card["body"]
    assert body[0] == {"type": "TextBlock", "text": "Not now", "wrap": True, "color": "Attention", "id": "notice"}
    where = [e.get("id") for e in body]
    assert where.index("error:description") == where.index("description") + 1
    assert _inputs(card)["opgaven"]["value"] == "0,2" and _inputs(card)["title"]["value"] == "Zorgbus"
    assert _inputs(card)["title"]["errorMessage"] == "Please fill in this field."


def _request(status: RequestStatus, **extra: Any) -> SpendRequest:
    at = datetime(2026, 11, 23, 9, 30, tzinfo=AMSTERDAM)
    return SpendRequest(reference="ZOD-U-2026-0001", amount=Decimal("12000"), kind="onderzoek",
                        purpose="Onderzoek naar vervoer", requester="k.kern@regiodeal-zod.nl", line_key="mandaat",
                        requested_at=at, status=status, **extra)


def test_the_spend_card_offers_both_buttons_while_open_and_says_who_decided_after() -> None:
    open_card = cards.spend_card(_request(RequestStatus.REQUESTED), "nl", None)
    assert_valid(open_card)
    approve, reject = open_card["actions"]
    assert (approve["verb"], approve["associatedInputs"]) == (cards.APPROVE, "none")  # no reason needed
    assert reject["verb"] == cards.REJECT and "associatedInputs" not in reject
    assert "€ 12.000,00" in open_card["body"][0]["text"] and _inputs(open_card)["reason"]["isMultiline"]
    decided = _request(RequestStatus.REJECTED, decided_by="p.plan@regiodeal-zod.nl", reason="Past niet",
                       decided_at=datetime(2026, 11, 24, 10, 0, tzinfo=AMSTERDAM), decided_via=DecidedVia.MANDAAT)
    card = cards.spend_card(decided, "nl", "Petra Plan")
    assert_valid(card)
    assert "actions" not in card and _inputs(card) == {}
    texts = {e.get("id"): e["text"] for e in card["body"]}
    assert texts["outcome"] == "Afgewezen door Petra Plan op 24-11-2026 10:00"
    assert texts["reason"] == "Reden: Past niet"
    assert cards.spend_state(decided) == "rejected:p.plan@regiodeal-zod.nl"


def test_a_notice_carries_the_button_for_the_form_it_asks_for() -> None:
    card = cards.notice_card("[ZOD-2026-0001] Uw beurt", "Regel een\nRegel twee", ("Advies geven", "advice",
                                                                                   "ZOD-2026-0001"))
    assert [shown(b["text"]) for b in card["body"]] == ["[ZOD-2026-0001] Uw beurt", "Regel een", "Regel twee"]
    assert_valid(card)
    assert card["actions"] == [{"type": "Action.Execute", "title": "Advies geven", "verb": cards.OPEN_FORM,
                                "data": {"_form": "advice", "_ref": "ZOD-2026-0001"}}]
    assert "actions" not in cards.notice_card("s", "b")


def test_what_people_typed_is_shown_as_typed_never_as_a_link_or_formatting() -> None:
    typed = "[Klik hier](https://phish.example/login) **nu** _snel_ <b>x</b>\n- geen lijst\n1. ook niet"
    request = _request(RequestStatus.REJECTED, decided_by="p.plan@regiodeal-zod.nl", reason=typed,
                       decided_at=datetime(2026, 11, 24, 10, 0, tzinfo=AMSTERDAM), decided_via=DecidedVia.MANDAAT)
    card = cards.spend_card(request, "nl", "Petra Plan")
    reason = next(e["text"] for e in card["body"] if e.get("id") == "reason")
    assert not re.search(r"(?<!\\)[\[\]*_<>]", reason), reason  # no Markdown character unescaped
    assert shown(reason) == "Reden: " + typed
    notice = cards.notice_card("[ZOD-2026-0001] " + typed.splitlines()[0], typed)
    assert [shown(b["text"]) for b in notice["body"][1:]] == typed.splitlines()
    assert notice["body"][2]["text"].startswith("\\- ") and notice["body"][3]["text"].startswith("1\\. ")
    assert_valid(notice)


def test_a_long_text_becomes_at_most_forty_blocks() -> None:
    card = cards.notice_card("Onderwerp", "\n".join(f"regel {i}" for i in range(100)))
    assert len(card["body"]) == 1 + cards.LINES_MAX
    assert card["body"][-1]["text"].startswith("regel 39 regel 40") and card["body"][-1]["text"].endswith("regel 99")


def _round(**changes: Any) -> WrittenRound:
    at = datetime(2026, 11, 24, 10, 15, tzinfo=AMSTERDAM)
    voted = WrittenRound("ZOD-R-2026-001", "idea", "ZOD-2026-0001", "Buurtbus <b>", Decimal("45000"),
                         date(2026, 11, 27), ("a@x.nl", "b@x.nl"), "s@x.nl", at,
                         votes=(Vote("a@x.nl", Choice.BEZWAAR, "Eerst *de* gemeenten", at),))
    return replace(voted, **changes) if changes else voted


def test_an_answered_round_card_shows_the_vote_and_the_state_and_offers_nothing_to_press() -> None:
    card = cards.answered_round_card(_round(), "a@x.nl", "nl")
    assert_valid(card)
    assert "actions" not in card and not _inputs(card)
    blocks = {b.get("id"): shown(b["text"]) for b in card["body"]}
    assert blocks["vote"] == "Je stem: bezwaar op 24-11-2026 10:15: Eerst *de* gemeenten"
    assert blocks["state"].startswith("Schriftelijke ronde ZOD-R-2026-001: loopt")
    assert "Buurtbus <b>" in shown(card["body"][0]["text"])  # typed text shows literally


def test_an_answered_round_card_puts_a_refusal_on_top_and_speaks_english_when_asked() -> None:
    card = cards.answered_round_card(_round(status=RoundStatus.NO_CONSENSUS), "a@x.nl", "en",
                                     message="Written round ZOD-R-2026-001 is already closed.")
    assert_valid(card)
    assert card["body"][0]["id"] == "notice" and card["body"][1]["text"].startswith("Written round")
    assert "no consensus" in shown(card["body"][-1]["text"])
