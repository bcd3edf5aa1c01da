"""The VDG's per-college decisions from Slack (signed HTTP requests, the fake Web API on 127.0.0.1) and from
Teams (Bot Framework activities with the fake Entra and Bot Connector on 127.0.0.1): the same commands as the
console, the same refusals, and the tally under `status`."""

from __future__ import annotations

import json
from pathlib import Path

from bot.bootstrap.app import App
from bot.domain.lifecycle import Status
from bot.frontends.teams import cards
from tests.adaptive_cards import assert_valid
from tests.e2e.slack_support import running
from tests.e2e.teams_fakes import Member, block
from tests.e2e.teams_support import TeamsHarness, TeamsUser, running_teams
from tests.e2e.test_console_vdg import GEMEENTEN, PARTS, REF, REGISSEUR, VDG, accounthouder


def with_the_colleges(app: App) -> None:
    """A complete VDG proposal, advised by the PHO: it lies with the twelve colleges."""
    app.people.add("beheer@vaart.local", "test", REGISSEUR, "Pim Regisseur", ["kernteam"])
    for gemeente in GEMEENTEN:
        app.people.add("beheer@vaart.local", "test", accounthouder(gemeente), f"Accounthouder {gemeente}",
                       ["accounthouder"])
    ideas = app.ideas
    assert ideas.submit("i@voorbeeld.nl", "console", "Warmte", "Samen").params["reference"] == REF
    ideas.pick_up(REGISSEUR, "console", REF)
    ideas.conclude_orientation(REGISSEUR, "console", REF, "ontwerpteam", [REGISSEUR])
    ideas.start_proposal(REGISSEUR, "console", REF, "project")
    for key, value in PARTS.items():
        ideas.set_part(REGISSEUR, "console", REF, key, value)
    for kind, value in (("opgave", "2"), ("programmalijn", "2"), ("subdoel", "1"), ("principe", "1")):
        ideas.link_din(REGISSEUR, "console", REF, kind, value)


def in_teams(teams: TeamsHarness) -> tuple[TeamsUser, TeamsUser]:
    """The proposal with the colleges (`with_the_colleges`), and the procesregisseur and Emmen's accounthouder
    with the app installed in Teams."""
    with_the_colleges(teams.app)
    pim = TeamsUser("pim", REGISSEUR, "Pim Regisseur", 21)
    emmen = TeamsUser("emmen", accounthouder("Emmen"), "Accounthouder Emmen", 22)
    for user in (pim, emmen):
        teams.connector.members[user.teams_id] = Member(user.teams_id, user.aad, user.name, user.email)
        teams.install(user)
    return pim, emmen


def test_the_pho_advice_and_college_decisions_in_slack(tmp_path: Path) -> None:
    with running(tmp_path, "http", programme=VDG) as slack:
        with_the_colleges(slack.app)
        slack.fake.add_user("U0PIM", REGISSEUR, "Pim Regisseur")
        slack.fake.add_user("U0EMMEN", accounthouder("Emmen"), "Accounthouder Emmen")
        answer = slack.vaart("U0PIM", f"pho-advies {REF} positief Het PHO adviseert in te stemmen")
        assert "positief (voorbereidend, geen besluit)" in answer and "12 colleges" in answer
        answer = slack.vaart("U0EMMEN", f"collegebesluit {REF} Emmen akkoord mits evaluatie na een jaar")
        assert "1 van 12 colleges akkoord, 1 met voorwaarden, 11 open" in answer
        assert "Alleen de accounthouder van Assen" in slack.vaart("U0EMMEN", f"collegebesluit {REF} Assen akkoord")
        assert "staat al vast" in slack.vaart("U0EMMEN", f"collegebesluit {REF} Emmen afgewezen")
        status = slack.vaart("U0PIM", f"status {REF}")
        assert "Bij de colleges" in status and "Emmen: akkoord op" in status
        assert slack.app.ideas.status(REGISSEUR, REF).state is Status.GEAGENDEERD


def test_the_pho_advice_and_college_decisions_in_teams(tmp_path: Path) -> None:
    with running_teams(tmp_path, programme=VDG) as teams:
        pim, emmen = in_teams(teams)
        answer = teams.answer(pim, f"pho-advies {REF} positief Het PHO adviseert in te stemmen")
        assert "positief (voorbereidend, geen besluit)" in answer
        answer = teams.answer(emmen, f"collegebesluit {REF} Emmen akkoord")
        assert "1 van 12 colleges akkoord, 0 met voorwaarden, 11 open" in answer
        outside = teams.answer(emmen, f"collegebesluit {REF} Groningen akkoord")
        assert "'Groningen' hoort niet bij de colleges" in outside
        assert "1 van 12 colleges akkoord" in teams.answer(pim, f"status {REF}")


SPEND = "VDG-U-2026-0001"


def test_a_vdg_spend_request_goes_to_the_colleges_in_slack(tmp_path: Path) -> None:
    with running(tmp_path, "http", programme=VDG) as slack:
        with_the_colleges(slack.app)
        slack.fake.add_user("U0PIM", REGISSEUR, "Pim Regisseur")
        slack.fake.add_user("U0EMMEN", accounthouder("Emmen"), "Accounthouder Emmen")
        answer = slack.vaart("U0PIM", "uitgave 5.000 Drukwerk campagne | regel: communicatie")
        assert "over de inzet van middelen besluit elk college zelf" in answer and "stuurgroep" not in answer
        assert "12 colleges" in slack.vaart("U0PIM", f"pho-advies {SPEND} positief Het PHO adviseert akkoord")
        answer = slack.vaart("U0EMMEN", f"collegebesluit {SPEND} Emmen afgewezen")
        assert "definitief: afgewezen" in answer
        assert slack.app.budget.get_request(SPEND).status.value == "rejected"


def test_a_vdg_spend_request_goes_to_the_colleges_in_teams(tmp_path: Path) -> None:
    with running_teams(tmp_path, programme=VDG) as teams:
        pim, emmen = in_teams(teams)
        answer = teams.answer(pim, "uitgave 5.000 Drukwerk campagne | regel: communicatie")
        assert "over de inzet van middelen besluit elk college zelf" in answer and "stuurgroep" not in answer
        teams.answer(pim, f"pho-advies {SPEND} positief Het PHO adviseert akkoord")
        answer = teams.answer(emmen, f"collegebesluit {SPEND} Emmen akkoord")
        assert "1 van 12 colleges akkoord" in answer
        assert "1 van 12 colleges akkoord" in teams.answer(pim, f"status {SPEND}")


def test_the_indieners_slack_card_says_the_proposal_lies_with_the_colleges(tmp_path: Path) -> None:
    with running(tmp_path, "http", programme=VDG) as slack:
        slack.fake.add_user("U0INA", "i@voorbeeld.nl", "Ina Indiener")
        slack.fake.add_user("U0PIM", REGISSEUR, "Pim Regisseur")
        with_the_colleges(slack.app)
        slack.app.people.add("beheer@vaart.local", "test", "i@voorbeeld.nl", "Ina Indiener", [])
        slack.vaart("U0PIM", f"pho-advies {REF} positief Het PHO adviseert in te stemmen")
        slack.deliver()
        cards = [c for c in slack.fake.of("chat.postMessage") + slack.fake.of("chat.update")
                 if c.params.get("channel") == "DU0INA"]
        shown = " ".join(str(c.params.get("blocks")) + str(c.params.get("text")) for c in cards)
        assert "Bij de colleges" in shown and "stuurgroep" not in shown


def test_the_indieners_teams_card_says_the_proposal_lies_with_the_colleges(tmp_path: Path) -> None:
    with running_teams(tmp_path, programme=VDG) as teams:
        ina = TeamsUser("ina", "i@voorbeeld.nl", "Ina Indiener", 23)
        pim = TeamsUser("pim", REGISSEUR, "Pim Regisseur", 21)
        for user in (ina, pim):
            teams.connector.members[user.teams_id] = Member(user.teams_id, user.aad, user.name, user.email)
            teams.install(user)
        with_the_colleges(teams.app)
        teams.app.people.add("beheer@vaart.local", "test", "i@voorbeeld.nl", "Ina Indiener", [])
        teams.answer(pim, f"pho-advies {REF} positief Het PHO adviseert in te stemmen")
        teams.deliver()
        sent = teams.connector.sent(ina.conversation, "POST") + teams.connector.sent(ina.conversation, "PUT")
        statuses = [block(c, "status") or "" for s in sent for c in s.cards]
        assert any("Bij de colleges" in s for s in statuses) and not any("stuurgroep" in s for s in statuses)
        for s in sent:
            for card in s.cards:
                assert_valid(card)


def test_an_accounthouder_records_the_college_decision_in_a_slack_modal(tmp_path: Path) -> None:
    with running(tmp_path, "http", programme=VDG) as slack:
        with_the_colleges(slack.app)
        assert slack.app.member_bodies is not None
        slack.app.member_bodies.preparatory_advice(REGISSEUR, "console", REF, "positief", "Het PHO adviseert")
        slack.fake.add_user("U0EMMEN", accounthouder("Emmen"), "Accounthouder Emmen")
        view = slack.open_form("U0EMMEN", f"collegebesluit {REF}")  # the command word alone opens the form
        assert view["title"]["text"] == "Besluit van uw college"
        college = next(b["element"] for b in view["blocks"] if b.get("block_id") == "body")
        # Emmen's accounthouder is offered Emmen's college alone, already chosen, not the twelve
        assert [o["value"] for o in college["options"]] == ["Emmen"] and college["initial_option"]["value"] == "Emmen"
        values = {"body": "Emmen", "outcome": "akkoord", "conditions": "Na een jaar evalueren", "decided_on": ""}
        ack = slack.submit("U0EMMEN", view, values, "V0COLLEGE")
        assert ack.status == 200 and ack.body["response_action"] == "update", ack.body
        assert "1 van 12 colleges akkoord, 1 met voorwaarden, 11 open" in slack.vaart("U0EMMEN", f"status {REF}")


def decide_on_the_task_card(teams: TeamsHarness, emmen: TeamsUser, reference: str) -> str:
    """Emmen's newest Teams notice: its button opens the college's form card, submitted with afgewezen;
    the card Teams shows then, as text."""
    teams.deliver()
    notice = teams.connector.sent(emmen.conversation)[-1]
    assert_valid(notice.cards[0])
    button = notice.cards[0]["actions"][0]
    assert button["data"] == {cards.FORM_KEY: "college", cards.REF_KEY: reference}
    form = teams.click(emmen, button["verb"], button["data"], notice.activity_id)["value"]
    assert_valid(form)
    college = next(e for e in form["body"] if e.get("id") == "body")  # Emmen's college alone, already chosen
    assert [c["value"] for c in college["choices"]] == ["Emmen"] and college["value"] == "Emmen"
    submit = form["actions"][0]
    done = teams.click(emmen, submit["verb"], {**submit["data"], "body": "Emmen", "outcome": "afgewezen",
                                               "conditions": "", "decided_on": ""}, notice.activity_id)
    return json.dumps(done, ensure_ascii=False)


def test_an_accounthouders_teams_task_opens_the_college_decision_card(tmp_path: Path) -> None:
    with running_teams(tmp_path, programme=VDG) as teams:
        pim, emmen = in_teams(teams)
        teams.answer(pim, f"pho-advies {REF} positief Het PHO adviseert in te stemmen")
        assert f"Besluit van Emmen over {REF} vastgelegd: afgewezen" in decide_on_the_task_card(teams, emmen, REF)
        assert "Emmen: afgewezen" in teams.answer(pim, f"status {REF}")


def test_an_accounthouders_teams_task_on_a_spend_request_opens_the_college_decision_card(tmp_path: Path) -> None:
    with running_teams(tmp_path, programme=VDG) as teams:
        pim, emmen = in_teams(teams)
        teams.answer(pim, "uitgave 5.000 Drukwerk campagne | regel: communicatie")
        teams.answer(pim, f"pho-advies {SPEND} positief Het PHO adviseert akkoord")
        assert f"Besluit van Emmen over {SPEND} vastgelegd: afgewezen" in decide_on_the_task_card(teams, emmen, SPEND)
        assert "Emmen: afgewezen" in teams.answer(pim, f"status {SPEND}")
