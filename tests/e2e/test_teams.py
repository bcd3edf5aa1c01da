"""The Teams front end end to end: the real ASGI app on 127.0.0.1 with JWT validation on, activities
posted to /api/messages exactly as Teams posts them (signed RS256 with a key served as the Bot
Framework's), and a fake Bot Connector at the activities' serviceUrl that receives and checks every
reply and proactive message (each must carry a token from the fake Entra token endpoint).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.bootstrap.app import App, build
from bot.bootstrap.settings import Settings
from bot.domain.budget_mandate import RequestStatus
from bot.domain.lifecycle import Status
from bot.frontends.teams import cards
from storage import tables
from storage.tables_chat import identities
from storage.tables_teams import teams_conversations
from tests.adaptive_cards import assert_valid
from tests.cast import ANNA, DIRK, EMAIL, IN_MEETING, PARTS
from tests.e2e.slack_support import audit_count, in_parallel
from tests.e2e.teams_fakes import CLIENT_ID, actions, block, card_text, inputs
from tests.e2e.teams_support import (
    KERNTEAM,
    NIEUWS,
    USERS,
    TeamsHarness,
    TeamsUser,
    channel,
    running_teams,
    settings_env,
)

REF = "ZOD-2026-0001"
ANNA_T, DIRK_T, KEES, PETRA, ERIK, SANNE = (USERS[k] for k in ("anna", "dirk", "kees", "petra", "erik", "sanne"))
IDEA = {
    "title": "Zorgbus voor kleine kernen",
    "description": "Een vrijwilligersbus die ouderen naar huisarts en apotheek brengt",
    "opgaven": "5",
    "programmalijn": "Zorg en Welzijn",
    "organisation": "Zorgcoöperatie Drenthe",
    "contact": "Anna, 06-12345678",
    "support": "Hulp bij het vinden van vervoerders",
}


@pytest.fixture
def teams(tmp_path: Path) -> Iterator[TeamsHarness]:
    with running_teams(tmp_path) as harness:
        yield harness


def _status(t: TeamsHarness) -> Status:
    return t.app.ideas.status(EMAIL["kernteam"], REF).state


def _count(app: App, table: Any) -> int:
    with app.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _form(t: TeamsHarness, user: TeamsUser, text: str) -> tuple[dict[str, Any], str]:
    """The form card the bot answers *text* with, and its message id."""
    replies = t.say(user, text)
    assert len(replies) == 1 and replies[0].cards, [r.text for r in replies]
    return replies[0].cards[0], replies[0].activity_id


def _submit(t: TeamsHarness, user: TeamsUser, form: dict[str, Any], card_id: str, values: dict[str, Any],
            activity: dict[str, Any] | None = None) -> dict[str, Any]:
    """Press the form's button with *values* in its inputs; returns the card Teams shows then."""
    action = actions(form)[0]
    assert action["type"] == "Action.Execute" and action["verb"] == cards.SUBMIT_FORM
    body = t.click(user, action["verb"], {**action["data"], **values}, card_id, activity=activity)
    assert body["type"] == "application/vnd.microsoft.card.adaptive", body
    return dict(body["value"])


def _all_authorised(t: TeamsHarness) -> None:
    """Every activity sent carried a token of ours, and every card in them passes the official schema."""
    sent = t.connector.sent()
    assert sent and all(s.bearer in t.entra.tokens for s in sent)
    for card in (c for s in sent for c in s.cards):
        assert_valid(card)
    assert all(r.status < 400 or r.status == 429 for r in t.connector.requests)


# -- the scenario ----------------------------------------------------------------------------------------
def submit_idea_through_the_card(t: TeamsHarness) -> None:
    form, card_id = _form(t, ANNA_T, "idee")
    assert list(inputs(form)) == ["title", "description", "opgaven", "programmalijn", "organisation", "contact",
                                  "support"]
    assert inputs(form)["title"]["isRequired"] and inputs(form)["opgaven"]["isMultiSelect"]

    # missing and oversized fields: the card comes back with the errors under the fields, nothing stored
    card = _submit(t, ANNA_T, form, card_id, {**IDEA, "title": "", "description": "x" * 4001})
    assert block(card, "error:title") == "Vul dit veld in."
    assert block(card, "error:description") == "Te lang: 4001 tekens, maximaal 4000."
    assert inputs(card)["organisation"]["value"] == "Zorgcoöperatie Drenthe"  # what she typed stays
    assert t.app.ideas.open_ideas() == []
    card = _submit(t, ANNA_T, form, card_id, {**IDEA, "title": "Zorgbus\u0000"})
    assert block(card, "error:title") == "Het veld 'titel' bevat tekens die niet zijn toegestaan."

    # submitted; Teams retries the invoke (same activity id): answered the same, acted on once
    action = actions(form)[0]
    activity = t.invoke_activity(ANNA_T, action["verb"], {**action["data"], **IDEA}, card_id)
    card = _submit(t, ANNA_T, form, card_id, {}, activity=activity)
    assert REF in card_text(card) and inputs(card) == {} and actions(card) == []
    assert _submit(t, ANNA_T, form, card_id, {}, activity=activity) == card
    idea = t.app.ideas.status(ANNA, REF)
    assert (idea.title, idea.origin, idea.organisation) == (IDEA["title"], "teams", "Zorgcoöperatie Drenthe")
    assert idea.din["programmalijn"] == "Zorg en Welzijn" and len(idea.din["opgaven"]) == 1
    assert "Contact: Anna, 06-12345678" in idea.description
    assert audit_count(t.app, "submitted", REF) == 1

    # the kernteam channel hears of it with an Oppakken button; Anna hears what happens next
    t.deliver()
    kernteam = t.connector.sent(KERNTEAM)
    assert len(kernteam) == 1
    assert [a["verb"] for a in actions(kernteam[0].cards[0])] == [cards.PICK_UP]
    told = t.connector.sent(ANNA_T.conversation)[-1]
    assert REF in told.text and "kernteam" in told.text


def _note(key: str) -> str:
    """A note of exactly the one text limit (4,000), with characters Teams' JSON makes widest."""
    return (f"{key}: onderbouwd in het “voorstel” \"zie bijlage\" 😀 " * 200)[:4000]


def _fill_step(card: dict[str, Any], changed: dict[str, str] | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in inputs(card):
        if key.startswith(("c:", "p:")):
            values[key] = "voldoet"
        elif key.startswith(("cn:", "pn:")):
            values[key] = _note(key)
        elif key == "verdict":
            values[key] = "positief"
        elif key == "advice":
            values[key] = _note("ontwikkeladvies")
    return {**values, **{k: v for k, v in (changed or {}).items() if k in values}}


def _walk(t: TeamsHarness, card: dict[str, Any], card_id: str, changed: dict[str, str] | None = None,
          stop: bool = False) -> tuple[dict[str, Any], int]:
    """Fill in and submit every step from *card* on (*stop*: up to the last one, not submitted); the card
    then, and how many step cards were shown."""
    shown = 0
    while inputs(card):
        assert cards.utf16_size({"statusCode": 200, "type": cards.CARD_TYPE, "value": card}) < 100_000
        if stop and actions(card)[0]["title"] == "Opslaan":
            return card, shown
        shown += 1
        card = _submit(t, ERIK, card, card_id, _fill_step(card, changed))
        if any(str(e.get("id", "")).startswith(("error:", "notice")) for e in card.get("body") or []):
            break  # came back with what is wrong
    return card, shown


def advise_in_steps(t: TeamsHarness, button: dict[str, Any], card_id: str) -> None:
    """The expertteam's advice with a 4,000-character note per criterion, per principle and as ontwikkeladvies,
    in steps that each stay under Teams' message limit; recorded once, when the last step is saved."""
    first = t.click(ERIK, button["verb"], button["data"], card_id)["value"]
    assert "stap 1 van" in card_text(first) and actions(first)[0]["title"] == "Volgende"
    notes = {k: e for k, e in inputs(first).items() if k.startswith("cn:")}
    assert notes and all(e["maxLength"] == 4000 for e in notes.values())

    # a step with a missing note comes back with the error under it; the next step is not shown
    key = next(iter(notes))
    card = _submit(t, ERIK, first, card_id, {**_fill_step(first), key: ""})
    assert block(card, f"error:{key}") == "Vul dit veld in." and "stap 1 van" in card_text(card)

    # a rejecting criterion not met with a positive verdict: the last step says so under the verdict
    card, shown = _walk(t, first, card_id, {"c:financiering": "voldoet_niet"})
    assert shown >= 2 and "afwijzingscriterium" in str(block(card, "error:verdict"))
    assert _status(t) is Status.GEREED and audit_count(t.app, "advice_recorded", REF) == 0

    # reopened from the task: what was typed is still there; put right and saved, Teams retrying the last step
    again = t.click(ERIK, button["verb"], button["data"], card_id)["value"]
    assert inputs(again)[key]["value"] == _note(key)
    assert inputs(again)["c:financiering"]["value"] == "voldoet_niet"
    last_step, _ = _walk(t, again, card_id, stop=True)
    assert inputs(last_step)["verdict"]["value"] == "positief"  # kept from the first attempt
    action = actions(last_step)[0]
    retried = t.invoke_activity(ERIK, action["verb"], {**action["data"], **_fill_step(last_step)}, card_id)
    done = _submit(t, ERIK, last_step, card_id, {}, activity=retried)
    assert inputs(done) == {} and _status(t) is Status.GETOETST
    assert _submit(t, ERIK, last_step, card_id, {}, activity=retried) == done
    assert audit_count(t.app, "advice_recorded", REF) == 1
    advice = t.app.ideas.status(EMAIL["kernteam"], REF).current_advice
    assert advice is not None and advice.positive
    assert advice.development_advice == _note("ontwikkeladvies")
    assert {k: v["toelichting"] for k, v in advice.criteria.items()} == {k: _note(f"cn:{k}") for k in advice.criteria}
    assert all(v["toelichting"] == _note(f"pn:{n}") for n, v in enumerate(advice.principles.values(), start=1))


def idea_to_decision(t: TeamsHarness) -> None:
    t.register_people()
    t.install_in_team(KEES)
    for user in (ANNA_T, DIRK_T, KEES, PETRA, ERIK, SANNE):
        assert "Welkom bij vaart" in t.install(user)[0].text
    submit_idea_through_the_card(t)
    posted = t.connector.sent(KERNTEAM)[0]
    thread = channel(f"{KERNTEAM};messageid={posted.activity_id}")

    # the wrong person presses Oppakken: a polite refusal on her view of the card, nothing changes
    card = t.click(ANNA_T, cards.PICK_UP, {cards.REF_KEY: REF}, posted.activity_id, thread)["value"]
    assert "niet de rol" in str(block(card, "notice")) and [a["verb"] for a in actions(card)] == [cards.PICK_UP]
    assert _status(t) is Status.INGEDIEND and t.connector.sent(method="PUT") == []

    # Kees presses Oppakken and Teams delivers the invoke twice at once: picked up once, the card (for
    # everyone, in place) says who has it
    activity = t.invoke_activity(KEES, cards.PICK_UP, {cards.REF_KEY: REF}, posted.activity_id, thread)
    answers = in_parallel(*[lambda: t.click(KEES, "", {}, "", activity=activity)] * 2)
    assert answers[0] == answers[1]
    assert "Opgepakt door Kees Kern" in card_text(answers[0]["value"]) and actions(answers[0]["value"]) == []
    updates = t.connector.sent(method="PUT")
    assert [u.activity_id for u in updates] == [posted.activity_id]
    assert "Opgepakt door Kees Kern" in updates[0].text
    assert _status(t) is Status.ORIENTATIE and audit_count(t.app, "picked_up", REF) == 1

    # the orientation card
    form, card_id = _form(t, KEES, f"orientatie {REF}")
    card = _submit(t, KEES, form, card_id, {"outcome": "ontwerpteam"})
    assert block(card, "error:designers") == "Noem minstens één lid van het ontwerpteam (e-mailadres)."
    card = _submit(t, KEES, form, card_id, {"outcome": "ontwerpteam", "designers": DIRK})
    assert block(card, "error:designers") is None and _status(t) is Status.ONTWERPTEAM

    # the proposal, typed by the ontwerpteam; the programmadirecteur sends it to the expertteam
    assert "in uitwerking" in t.answer(DIRK_T, f"voorstel {REF} project")
    for part, text in PARTS.items():
        assert "opgeslagen" in t.answer(DIRK_T, f"deel {REF} {part} {text}")
    assert "subdoel, principe" in t.answer(PETRA, f"toetsing {REF}")  # Bijlage 4 and §5: the DIN links
    t.answer(DIRK_T, f"din {REF} subdoel 1")
    t.answer(DIRK_T, f"din {REF} principe 1")
    assert "toetsing" in t.answer(PETRA, f"toetsing {REF}")

    # the expertteam's chair gets the task with a button that opens the advice card
    t.deliver()
    notice = t.connector.sent(ERIK.conversation)[-1]
    assert REF in notice.text
    button = actions(notice.cards[0])[0]
    assert button["verb"] == cards.OPEN_FORM and button["data"] == {cards.FORM_KEY: "advice", cards.REF_KEY: REF}
    advise_in_steps(t, button, notice.activity_id)

    assert "11-12-2026" in t.answer(SANNE, "vergadering stuurgroep 11-12-2026 14:00")
    assert "11-12-2026" in t.answer(PETRA, f"agenderen {REF} 11-12-2026 toelaten")
    assert _status(t) is Status.GEAGENDEERD

    # the staf records the stuurgroep's decision on the card
    t.deliver()
    form, card_id = _form(t, SANNE, f"besluit {REF}")
    assert {c["value"] for c in inputs(form)["present"]["choices"]} == {EMAIL["sg1"], EMAIL["sg2"]}
    decision = {"outcome": "akkoord", "present": f"{EMAIL['sg1']},{EMAIL['sg2']}",
                "considerations": "Breed gedragen", "conditions": "Evaluatie na een jaar", "amount": "€ 45.000"}
    card = _submit(t, SANNE, form, card_id, {**decision, "amount": "veertig"})
    assert [k for k in inputs(card) if block(card, f"error:{k}")] == ["amount"]
    assert {c["value"] for c in inputs(form)["outcome"]["choices"]} == {"akkoord", "afgewezen", "terug",
                                                                         "geen_consensus"}  # fmt: skip
    # the rules of the decision, as in the chat: in the meeting (not before it), and by consensus (§3.1)
    card = _submit(t, SANNE, form, card_id, decision)
    assert str(block(card, "error:outcome")).startswith("De stuurgroep besluit in haar vergadering")
    t.clock.set(IN_MEETING)
    card = _submit(t, SANNE, form, card_id, {**decision, "outcome": "afgewezen", "amount": "",
                                             "objections": "Coevorden wil eerst een business case"})  # fmt: skip
    assert "op basis van overeenstemming (consensus, §3.1)" in str(block(card, "error:objections"))
    assert _status(t) is Status.GEAGENDEERD
    card = _submit(t, SANNE, form, card_id, decision)
    assert inputs(card) == {}
    idea = t.app.ideas.status(ANNA, REF)
    assert idea.state is Status.AKKOORD
    assert idea.decisions[0].amount == Decimal("45000.00") and idea.decisions[0].conditions == ["Evaluatie na een jaar"]

    # the indiener is told in her personal chat, proactively, through the outbox
    t.deliver()
    assert any("Besluit stuurgroep" in s.text and REF in s.text for s in t.connector.sent(ANNA_T.conversation))


def spend_approval(t: TeamsHarness) -> None:
    """The programmadirecteur approves and rejects spend requests on the cards in her personal chat."""
    answer = t.answer(KEES, "uitgave 12.000 Onderzoek naar vervoer in kleine kernen | soort: onderzoek")
    first = re.search(r"ZOD-U-\d{4}-\d{4}", answer)
    assert first, answer
    ref = first.group(0)
    t.deliver()
    posted = t.connector.sent(PETRA.conversation)[-1]
    card = posted.cards[0]
    assert [a["verb"] for a in actions(card)] == [cards.APPROVE, cards.REJECT]
    assert "€ 12.000,00" in card_text(card) and "reason" in inputs(card)
    data = actions(card)[0]["data"]

    # someone without the role presses Goedkeuren: refused politely, nothing changes
    refused = t.click(KEES, cards.APPROVE, data, posted.activity_id)["value"]
    assert "programmadirecteur" in str(block(refused, "notice"))
    assert t.app.budget.get_request(ref).status is RequestStatus.REQUESTED

    # Petra presses Goedkeuren; Teams delivers the invoke twice at once, and once more later: approved once,
    # the card says by whom and when
    activity = t.invoke_activity(PETRA, cards.APPROVE, data, posted.activity_id)
    answers = in_parallel(*[lambda: t.click(PETRA, "", {}, "", activity=activity)] * 2)
    answers.append(t.click(PETRA, "", {}, "", activity=activity))
    assert answers[0] == answers[1] == answers[2]
    shown = answers[0]["value"]
    assert block(shown, "outcome") == "Goedgekeurd door Petra Plan op 11-12-2026 11:30" and actions(shown) == []
    assert t.app.budget.get_request(ref).status is RequestStatus.APPROVED
    assert audit_count(t.app, "spend_approved", ref) == 1
    t.deliver()  # the requester is told, in his personal chat
    assert any(ref in s.text and "goedgekeurd" in s.text for s in t.connector.sent(KEES.conversation))

    # Afwijzen needs a reason: the card says so; then the card shows the rejection and the reason
    second = re.search(r"ZOD-U-\d{4}-\d{4}", t.answer(KEES, "uitgave 3.000 Tweede onderzoek | soort: onderzoek"))
    assert second
    t.deliver()
    posted = t.connector.sent(PETRA.conversation)[-1]
    reject = actions(posted.cards[0])[1]
    card = t.click(PETRA, reject["verb"], {**reject["data"], "reason": "  "}, posted.activity_id)["value"]
    assert block(card, "error:reason") == "Vul dit veld in." and len(actions(card)) == 2
    reason = "Dubbel met het eerste onderzoek"
    card = t.click(PETRA, reject["verb"], {**reject["data"], "reason": reason}, posted.activity_id)["value"]
    assert str(block(card, "outcome")).startswith("Afgewezen door Petra Plan") and reason in card_text(card)
    assert t.app.budget.get_request(second.group(0)).status is RequestStatus.REJECTED

    # a card that went stale: the request was rejected in the console meanwhile; the outbox rewrites the card
    # in place, and a press on the old one shows what became of it
    third = re.search(r"ZOD-U-\d{4}-\d{4}", t.answer(KEES, "uitgave 8.000 Derde onderzoek | soort: onderzoek"))
    assert third
    t.deliver()
    posted = t.connector.sent(PETRA.conversation)[-1]
    session = t.app.chat.session(EMAIL["director"], "console")
    assert "afgewezen" in t.app.chat.handle(session, f"afwijzen {third.group(0)} Past niet in het plan")
    t.clock.advance(timedelta(minutes=5))
    t.deliver()
    [rewritten] = [u for u in t.connector.sent(PETRA.conversation, "PUT") if u.activity_id == posted.activity_id]
    assert "Afgewezen door Petra Plan" in rewritten.text and not actions(rewritten.cards[0])
    stale = t.click(PETRA, cards.APPROVE, actions(posted.cards[0])[0]["data"], posted.activity_id)["value"]
    assert "al besloten" in str(block(stale, "notice")) and third.group(0) in str(block(stale, "notice"))
    assert str(block(stale, "outcome")).startswith("Afgewezen door Petra Plan")


def test_an_idea_submitted_in_teams_reaches_a_decision_with_spending_approved_on_a_card(teams: TeamsHarness) -> None:
    idea_to_decision(teams)
    spend_approval(teams)
    _all_authorised(teams)


# -- bad input -------------------------------------------------------------------------------------------
FORGERIES = {
    "no token": {"token": None},
    "not a bearer token": {"headers": {"Authorization": "Basic dmFhcnQ6dmFhcnQ="}},
    "forged (another key, same key id)": {"signer": "forger"},
    "expired": {"issued_ago": 4000, "lifetime": 3600},
    "not yet valid": {"issued_ago": -1000},
    "wrong audience": {"audience": "00000000-1111-2222-3333-444444444444"},
    "wrong issuer": {"issuer": "https://sts.windows.net/someone-else/"},
    "unknown key id": {"kid": "a-key-nobody-published"},
    "HS256": {"algorithm": "HS256"},
    "serviceUrl elsewhere": {"claims": {"serviceurl": "http://127.0.0.1:9/elsewhere/"}},
}


@pytest.mark.parametrize("case", list(FORGERIES))
def test_bad_tokens_are_refused_with_401_and_change_nothing(teams: TeamsHarness, case: str) -> None:
    spec = dict(FORGERIES[case])
    activity = teams.message_activity(ANNA_T, "idee Vervalst | Niet door Teams gestuurd")
    token: str | None = "valid"
    headers = spec.pop("headers", None)
    if "token" in spec:
        token = spec.pop("token")
    elif headers is None:
        token = teams.entra.channel_token(activity["serviceUrl"], **spec)
    response = teams.post(activity, token=token, headers=headers)
    assert response.status_code == 401
    invoke = teams.invoke_activity(ANNA_T, cards.SUBMIT_FORM, {cards.FORM_KEY: "idea", **IDEA}, "1764")
    assert teams.post(invoke, token=token, headers=headers).status_code == 401
    assert teams.connector.requests == [] and teams.app.ideas.open_ideas() == []
    for table in (teams_conversations, identities, tables.audit_log, tables.outbox, tables.processed_requests):
        assert _count(teams.app, table) == 0, table.name
    assert teams.post(activity).status_code == 202  # the same activity with a good token goes through
    assert "ZOD-2026-0001" in teams.connector.sent(ANNA_T.conversation)[-1].text


def test_a_retried_message_is_acted_on_once_and_people_without_an_address_are_refused(teams: TeamsHarness) -> None:
    activity = teams.message_activity(ANNA_T, "idee Buurtkracht | Buren helpen buren")
    assert teams.post(activity).status_code == 202
    assert teams.post(activity).status_code == 202
    assert [i.title for i in teams.app.ideas.open_ideas()] == ["Buurtkracht"]
    assert len(teams.connector.sent(ANNA_T.conversation)) == 1
    assert "e-mailadres" in teams.answer(USERS["gast"], "mijn")
    assert "e-mailadres" in teams.answer(USERS["gast"], "idee Iets | Zonder adres")
    assert [i.title for i in teams.app.ideas.open_ideas()] == ["Buurtkracht"]


def test_the_kernteam_card_follows_a_pick_up_typed_elsewhere(teams: TeamsHarness) -> None:
    teams.register_people()
    teams.install_in_team(KEES)  # the General channel; the kernteam channel is another channel of that team
    assert REF in teams.answer(ANNA_T, "idee Buurtkracht | Buren helpen buren")
    teams.deliver()
    [posted] = teams.connector.sent(KERNTEAM)
    assert "Buurtkracht" in posted.text and posted.bearer in teams.entra.tokens
    assert "opgepakt" in teams.answer(KEES, f"oppakken {REF}")
    teams.deliver()
    [rewritten] = teams.connector.sent(KERNTEAM, "PUT")
    assert rewritten.activity_id == posted.activity_id and "Opgepakt door Kees Kern" in rewritten.text
    assert actions(rewritten.cards[0]) == []
    teams.deliver()
    assert len(teams.connector.sent(KERNTEAM, "PUT")) == 1  # nothing left to refresh


def test_a_conversation_reference_outlives_a_restart(teams: TeamsHarness, tmp_path: Path) -> None:
    teams.install(ANNA_T)
    teams.server.stop()
    teams.app.close()
    tokens_before = len(teams.entra.tokens)

    env = settings_env(tmp_path, teams.entra, connectors=(teams.connector,))
    again = build(Settings.from_env(env), clock=teams.clock)  # a new process
    try:
        again.ideas.submit(ANNA, "console", "Dorpsauto", "Een gedeelde auto per dorp")
        report = again.outbox.drain()
        assert [i.recipient for i in report.sent] == [ANNA] and not report.dead
    finally:
        again.close()
    told = teams.connector.sent(ANNA_T.conversation)[-1]
    assert told.method == "POST" and "Dorpsauto" in told.text and REF in told.text
    assert told.bearer in teams.entra.tokens[tokens_before:]  # signed in afresh after the restart


def test_a_429_from_the_bot_connector_waits_for_retry_after(teams: TeamsHarness) -> None:
    teams.install(ANNA_T)
    teams.connector.fail_next(429, {"Retry-After": "120"})
    teams.app.ideas.submit(ANNA, "console", "Dorpsauto", "Een gedeelde auto per dorp")
    report = teams.app.outbox.run_once()
    assert len(report.retried) == 1 and not report.sent
    teams.clock.advance(timedelta(seconds=90))  # later than the outbox's own backoff, sooner than Teams asked
    assert teams.app.outbox.drain().sent == []
    teams.clock.advance(timedelta(seconds=31))
    assert [i.recipient for i in teams.app.outbox.drain().sent] == [ANNA]
    assert "Dorpsauto" in teams.connector.sent(ANNA_T.conversation)[-1].text


def test_the_route_lives_in_the_one_asgi_app(teams: TeamsHarness) -> None:
    assert teams.client.get("/healthz").json()["status"] == "ok"
    assert teams.client.get("/api/messages").status_code == 405
    bad = teams.client.post("/api/messages", content=b"{not json", headers={"Content-Type": "application/json"})
    assert bad.status_code == 400


# -- starting -------------------------------------------------------------------------------------------
def test_without_a_client_id_vaart_refuses_to_start_unless_in_local_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    from bot.cli.main import main

    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))  # main() may set up logging to this test's stderr
    monkeypatch.setattr(root, "level", root.level)
    monkeypatch.setenv("VAART_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("TEAMS_TENANT_ID", "0f7c6a3e-4b1d-4c1e-9d7a-1a2b3c4d5e6f")
    monkeypatch.setenv("TEAMS_CLIENT_SECRET", "een-geheim")
    for command in (["serve", "--port", "1"], ["worker", "--once"]):
        assert main(command) == 1
        assert "TEAMS_CLIENT_ID ontbreekt" in capsys.readouterr().err
    monkeypatch.setenv("TEAMS_CLIENT_ID", CLIENT_ID)
    monkeypatch.delenv("TEAMS_CLIENT_SECRET")
    assert main(["migrate"]) == 1
    assert "TEAMS_CLIENT_SECRET" in capsys.readouterr().err


def test_local_mode_is_anonymous_from_this_machine(tmp_path: Path) -> None:
    with running_teams(tmp_path, local=True) as t:
        assert "Welkom" in t.install(ANNA_T)[0].text
        assert ANNA in t.answer(ANNA_T, "wie")
        assert all(s.bearer == "" for s in t.connector.sent()) and t.entra.tokens == []
        assert t.app.outbox.channels["teams"].check() == (True, "teams: lokaal, zonder aanmelding")


def test_a_communicatiekalender_item_for_a_teams_channel_is_posted_there_once_by_name(teams: TeamsHarness) -> None:
    """§7: a channel as the audience of the communicatiekalender: TEAMS_CHANNELS names it, the outbox's
    Teams channel posts it in the team the app was added to; a name not configured is a dead letter."""
    from datetime import datetime

    from bot.domain.timezone import AMSTERDAM

    teams.register_people()
    teams.install_in_team(KEES)
    comms = "m.media@regiodeal-zod.nl"
    teams.app.people.add("beheer@vaart.local", "test", comms, "Mira Media", ["communicatiemedewerker"])
    when = datetime(2026, 12, 1, 10, 0, tzinfo=AMSTERDAM)
    communication = teams.app.execution.communication
    communication.plan(comms, "test", when, "chat", "kanaal:teams:Nieuws", "De eerste projecten rijden")
    communication.plan(comms, "test", when, "chat", "kanaal:teams:onbekend", "Nergens")
    teams.app.outbox.drain()
    teams.clock.set(when)
    assert communication.send_due() == 2
    report = teams.app.outbox.drain()
    assert [i.recipient for i in report.sent] == ["nieuws"]
    assert [i.recipient for i in report.dead] == ["onbekend"]
    [posted] = teams.connector.sent(NIEUWS)
    assert "De eerste projecten rijden" in posted.text
    assert teams.app.chats.posted("teams", "communication", "C-1", NIEUWS) is not None
