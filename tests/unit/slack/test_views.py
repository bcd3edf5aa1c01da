"""Block Kit built from the shared forms and cards: Slack's limits kept, values read back exactly."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from bot.chat.forms import Field, Form, Option
from bot.domain.budget_mandate import DecidedVia, RequestStatus, SpendRequest
from bot.domain.timezone import AMSTERDAM
from bot.frontends.slack import views
from tests.e2e.slack_fakes import view_submission

FORM = Form(
    "idea",
    "",
    "Een titel die veel te lang is voor Slack",
    "Indienen",
    (
        Field("title", "Titel", "text", True, 120),
        Field("description", "Omschrijving", "multiline", True, 4000),
        Field("opgaven", "Opgaven", "multiselect", False, options=tuple(Option(str(i), "x" * 100) for i in range(3))),
        Field("line", "Programmalijn", "select", False, options=(Option("a", "A"), Option("b", "B"))),
        Field("verdict", "Oordeel", "radio", True, options=(Option("positief", "Positief"),)),
    ),
)


def _inputs(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}


def test_a_modal_keeps_to_slacks_limits() -> None:
    view = views.modal(FORM, "nl", {"form": "idea", "reference": ""})
    assert len(view["title"]["text"]) == 24 and view["title"]["text"].endswith("…")
    inputs = _inputs(view)
    assert inputs["description"]["element"]["max_length"] == 3000  # Slack's maximum; the server checks 4000
    assert inputs["title"]["element"]["max_length"] == 120
    assert all(len(o["text"]["text"]) <= 75 for o in inputs["opgaven"]["element"]["options"])
    assert inputs["line"]["optional"] is True and inputs["title"]["optional"] is False
    assert inputs["verdict"]["element"]["type"] == "radio_buttons"


def test_submitted_values_read_back_per_field() -> None:
    view = views.modal(FORM, "nl", {"form": "idea"})
    given = {"title": "Zorgbus", "description": "Een bus\nvoor ouderen", "opgaven": ["0", "2"], "line": "b",
             "verdict": "positief"}
    payload = view_submission("U1", view, given, "V1")
    assert views.read_values(FORM, payload["view"]["state"]["values"]) == given
    empty = view_submission("U1", view, {}, "V1")
    assert views.read_values(FORM, empty["view"]["state"]["values"]) == {
        "title": None, "description": None, "opgaven": [], "line": None, "verdict": None}


def test_long_replies_are_split_into_sections_and_escaped() -> None:
    text = "\n".join(f"regel {n} <b> & zo" for n in range(400))
    blocks = views.text_blocks(text, code=True)
    assert len(blocks) > 1
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks)
    assert all(b["text"]["text"].startswith("```") for b in blocks)
    assert "&lt;b&gt; &amp; zo" in blocks[0]["text"]["text"]
    assert views.text_blocks("x" * 7000)[0]["text"]["text"] == "x" * 3000


def _request(status: RequestStatus) -> SpendRequest:
    at = datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM)
    return SpendRequest(
        reference="ZOD-U-2026-0001", amount=Decimal("12000.00"), kind="onderzoek", purpose="Onderzoek <vervoer>",
        requester="k.kern@regiodeal-zod.nl", line_key="mandaat", requested_at=at, status=status,
        decided_by="p.plan@regiodeal-zod.nl" if status is not RequestStatus.REQUESTED else None,
        decided_at=at if status is not RequestStatus.REQUESTED else None,
        decided_via=DecidedVia.MANDAAT if status is not RequestStatus.REQUESTED else None,
        reason="Past niet" if status is RequestStatus.REJECTED else "",
    )


def test_a_spend_card_has_buttons_while_open_and_says_who_decided_afterwards() -> None:
    open_card = views.spend_card(_request(RequestStatus.REQUESTED), "nl", None)
    actions = next(b for b in open_card if b["type"] == "actions")["elements"]
    assert [a["action_id"] for a in actions] == ["spend_approve", "spend_reject"]
    assert actions[0]["confirm"]["text"]["text"] == "Uitgaveverzoek ZOD-U-2026-0001 van € 12.000,00 goedkeuren?"
    assert "Onderzoek &lt;vervoer&gt;" in open_card[0]["text"]["text"]
    decided = views.spend_card(_request(RequestStatus.REJECTED), "en", "Petra Plan")
    assert all(b["type"] != "actions" for b in decided)
    assert decided[-1]["text"]["text"] == "Rejected by Petra Plan on 23-11-2026 10:00\nReason: Past niet"
    assert views.spend_state(_request(RequestStatus.APPROVED)) == "approved:p.plan@regiodeal-zod.nl"


def test_a_home_button_names_its_form() -> None:
    assert views.form_request('{"form":"advice","reference":"ZOD-2026-0001"}') == ("advice", "ZOD-2026-0001")
    assert views.form_request("not json") == ("", "")
    assert views.form_request("[1]") == ("", "")
