"""Block Kit built from the shared forms and cards: Slack's limits kept, values read back exactly."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, cast

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


def _valid(view: dict[str, Any]) -> dict[str, Any]:
    """*view* as Slack's own models accept it (slack_sdk validates every block and limit it knows)."""
    from slack_sdk.models.views import View

    View(**view).validate_json()
    return view


def test_a_text_field_longer_than_slacks_input_gets_a_continuation_and_reads_back_as_one() -> None:
    view = _valid(views.modal(FORM, "nl", {"form": "idea"}))
    inputs = _inputs(view)
    assert list(inputs) == ["title", "description", "description#2", "opgaven", "line", "verdict"]
    assert inputs["description"]["element"]["max_length"] == 3000
    assert inputs["description#2"]["element"]["max_length"] == 999  # 3000 + a line break + 999 = 4000
    assert inputs["description#2"]["optional"] is True
    assert inputs["description#2"]["label"]["text"] == "Omschrijving (vervolg)"
    assert "4000" in inputs["description#2"]["hint"]["text"]
    given = {"title": "Zorgbus", "description": "a" * 3000, "description#2": "b" * 999}
    payload = view_submission("U1", view, given, "V1")
    read = views.read_values(FORM, payload["view"]["state"]["values"])
    assert read["description"] == "a" * 3000 + "\n" + "b" * 999 and len(str(read["description"])) == 4000
    only_first = view_submission("U1", view, {"description": "kort"}, "V1")
    assert views.read_values(FORM, only_first["view"]["state"]["values"])["description"] == "kort"


def test_the_idea_modal_takes_the_programmes_one_text_limit() -> None:
    from types import SimpleNamespace

    from bot.bootstrap.settings import load_programme
    from bot.chat.forms import FormBook

    programme = load_programme()
    form = FormBook(cast(Any, SimpleNamespace(programme=programme))).build("idea", "", "nl")
    total = {spec.key: spec.max_length for spec in form.fields}
    assert total["description"] == programme.limits.text_max == 4000
    inputs = _inputs(_valid(views.modal(form, "nl", {"form": "idea"})))
    room = sum(b["element"]["max_length"] + 1 for k, b in inputs.items() if k.split("#")[0] == "description") - 1
    assert room == programme.limits.text_max


def _home(after: int = 0, mine: int = 40) -> dict[str, Any]:
    """The home as the paged queries give it: 15 ideas of *mine* after the first *after*, and what is left."""
    from bot.bootstrap.settings import load_programme
    from bot.frontends.slack import home
    from bot.services.ports.read_models import IdeaSummary, page_of

    ideas = [IdeaSummary(f"ZOD-2026-{n:04d}", f"Idee {n}", "ingediend") for n in range(1, mine + 1)]
    rest = ideas[after:]
    mine_page = page_of(rest, 15, len(rest) - 15, rest[min(14, len(rest) - 1)].reference if rest else None)
    data = home.HomeData(name="Anna", known=True, roles="Kernteam", mine=mine_page,
                         tasks=page_of(ideas[:3], 15, 0, None), spend=page_of([], 8, 0, None), meetings=[],
                         route=None, gremium_names={})
    return _valid(home.home(data, load_programme(), "nl"))


def test_the_app_home_says_how_many_more_there_are_and_pages_on() -> None:
    from bot.frontends.slack.home import page_request
    from tests.e2e.slack_support import block_text, buttons

    first = _home()
    text = block_text(first["blocks"])
    assert "ZOD-2026-0015" in text and "ZOD-2026-0016" not in text
    assert "… en 25 meer." in text
    paging = [b for b in buttons(first["blocks"]) if b["action_id"].startswith("home_")]
    assert [(b["action_id"], b["text"]["text"]) for b in paging] == [("home_more", "Volgende 15")]
    assert page_request(paging[0]["value"]) == {"mine": "ZOD-2026-0015"}  # the next page starts after it
    last = _home(after=30)
    text = block_text(last["blocks"])
    assert "ZOD-2026-0031" in text and "ZOD-2026-0040" in text and "ZOD-2026-0030" not in text
    assert "meer" not in text
    assert not [b for b in buttons(last["blocks"]) if b["action_id"].startswith("home_")]


def test_a_short_home_list_has_no_paging() -> None:
    from tests.e2e.slack_support import block_text, buttons

    short = _home(mine=15)
    assert "meer" not in block_text(short["blocks"]) and not [b for b in buttons(short["blocks"])
                                                              if b["action_id"].startswith("home_")]


def test_a_page_button_value_we_did_not_make_asks_for_nothing() -> None:
    from bot.frontends.slack.home import page_request

    for value in ("", "[1]", '{"list": "mine"}', '{"list": "alles", "after": "ZOD-2026-0001"}',
                  '{"list": "mine", "after": 5}', '{"list": "mine", "after": true}'):
        assert page_request(value) == {}
    assert page_request('{"list": "tasks", "after": "' + "x" * 90 + '"}') == {"tasks": "x" * 40}
