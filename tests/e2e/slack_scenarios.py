"""Scenarios on the Slack front end, the same over HTTP and over Socket Mode: each one drives the real
app as Slack would and checks both the store and the Web API calls the app made.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta
from decimal import Decimal
from typing import Any

from bot.domain.budget_mandate import RequestStatus
from bot.domain.lifecycle import Status
from tests.cast import ANNA, DIRK, EMAIL, PARTS
from tests.e2e.slack_support import (
    KERNTEAM_CHANNEL,
    NO_EMAIL,
    Harness,
    audit_count,
    block_text,
    buttons,
    in_parallel,
)

REF = "ZOD-2026-0001"
IDEA = {
    "title": "Zorgbus voor kleine kernen",
    "description": "Een vrijwilligersbus die ouderen naar huisarts en apotheek brengt",
    "opgaven": ["5"],
    "programmalijn": "Zorg en Welzijn",
    "organisation": "Zorgcoöperatie Drenthe",
    "contact": "Anna, 06-12345678",
    "support": "Hulp bij het vinden van vervoerders",
}


def _status(h: Harness, reference: str = REF) -> Status:
    return h.app.ideas.status(EMAIL["kernteam"], reference).state


def submit_idea_through_the_modal(h: Harness) -> None:
    fake = h.fake
    view = h.open_form("U0ANNA", "", command="/idee")
    inputs = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
    assert inputs == ["title", "description", "description#2", "opgaven", "programmalijn", "organisation", "contact",
                      "support", "support#2"]  # a text over Slack's 3000 continues in a second box, up to 4000
    assert view["callback_id"] == "vaart_form" and view["title"]["text"] == "Nieuw idee"

    # missing and oversized fields: inline errors in Dutch, nothing stored
    ack = h.submit("U0ANNA", view, {**IDEA, "title": None, "description": "x" * 4001}, "V0IDEE")
    assert ack.body["response_action"] == "errors"
    assert ack.body["errors"]["title"] == "Vul dit veld in."
    assert ack.body["errors"]["description"] == "Te lang: 4001 tekens, maximaal 4000."
    assert h.app.ideas.open_ideas() == []
    ack = h.submit("U0ANNA", view, {**IDEA, "title": "Zorgbus\u0000"}, "V0IDEE")
    assert ack.body == {"response_action": "errors",
                        "errors": {"title": "Het veld 'titel' bevat tekens die niet zijn toegestaan."}}

    ack = h.submit("U0ANNA", view, IDEA, "V0IDEE")
    assert ack.body["response_action"] == "update"
    assert REF in block_text(ack.body["view"]["blocks"])
    idea = h.app.ideas.status(ANNA, REF)
    assert (idea.title, idea.origin, idea.organisation) == (IDEA["title"], "slack", "Zorgcoöperatie Drenthe")
    assert idea.din["programmalijn"] == "Zorg en Welzijn" and len(idea.din["opgaven"]) == 1
    assert "Contact: Anna, 06-12345678" in idea.description

    # the same view submitted again (a double click on Indienen) is answered from memory
    again = h.submit("U0ANNA", view, IDEA, "V0IDEE")
    assert again.body["response_action"] == "update"
    assert len(h.app.ideas.open_ideas()) == 1

    h.deliver()
    kernteam = fake.of("chat.postMessage", channel=KERNTEAM_CHANNEL)
    assert len(kernteam) == 1
    assert [b["action_id"] for b in buttons(kernteam[0].params["blocks"])] == ["pick_up"]
    dm = fake.of("chat.postMessage", channel="DU0ANNA")
    assert len(dm) == 2  # the status card, then the notice with the reference and what happens next
    assert "Status: Ingediend" in block_text(dm[0].params["blocks"])
    assert REF in block_text(dm[1].params["blocks"]) and "kernteam" in block_text(dm[1].params["blocks"])


def idea_to_decision(h: Harness) -> None:
    """/idee modal -> Oppakken -> orientation form -> proposal by text -> advice form from the App Home
    -> scheduled -> the staf's decision form; the indiener's status card follows in place."""
    h.register_people()
    fake = h.fake
    submit_idea_through_the_modal(h)
    card = fake.of("chat.postMessage", channel="DU0ANNA")[0]
    kernteam_card = fake.of("chat.postMessage", channel=KERNTEAM_CHANNEL)[0]

    # the wrong person presses Oppakken: an ephemeral refusal, nothing changes
    assert h.click("U0ANNA", "pick_up", REF, kernteam_card).status == 200
    refusal = h.answer()
    assert "niet de rol" in refusal and "kernteam" in refusal.lower()
    assert _status(h) is Status.INGEDIEND

    # Kees double-clicks Oppakken: picked up once, the card shows who has it
    acks = in_parallel(*[lambda: h.click("U0KEES", "pick_up", REF, kernteam_card)] * 2)
    assert [a.status for a in acks] == [200, 200]
    update = fake.wait_for("chat.update", where=lambda c: c.params["channel"] == KERNTEAM_CHANNEL)[0]
    assert update.params["ts"] == kernteam_card.response["ts"]
    assert "Opgepakt door Kees Kern" in block_text(update.params["blocks"])
    assert buttons(update.params["blocks"]) == []
    fake.wait_for("response_url", where=lambda c: "opgepakt" in str(c.params.get("text")))
    assert _status(h) is Status.ORIENTATIE
    assert audit_count(h.app, "picked_up", REF) == 1

    # the orientation form
    view = h.open_form("U0KEES", f"orientatie {REF}")
    assert view["title"]["text"] == "Oriëntatie afronden"
    ack = h.submit("U0KEES", view, {"outcome": "ontwerpteam"}, "V0ORIENT")
    assert ack.body["errors"] == {"designers": "Noem minstens één lid van het ontwerpteam (e-mailadres)."}
    ack = h.submit("U0KEES", view, {"outcome": "ontwerpteam", "designers": DIRK}, "V0ORIENT")
    assert ack.body["response_action"] == "update"
    assert _status(h) is Status.ONTWERPTEAM

    # the proposal, typed as /vaart commands by the ontwerpteam (not registered: a designer by relation)
    assert "in uitwerking" in h.vaart("U0DIRK", f"voorstel {REF} project")
    for part, text in PARTS.items():
        assert "opgeslagen" in h.vaart("U0DIRK", f"deel {REF} {part} {text}")
    assert "toetsing" in h.vaart("U0PETRA", f"toetsing {REF}")

    # the expert chair finds the task on the App Home and records the advice in the form
    h.home_opened("U0ERIK", "Ev0ERIK1")
    home = fake.wait_for("views.publish", where=lambda c: c.params["user_id"] == "U0ERIK")[-1].params["view"]
    advice_buttons = [b for b in buttons(home["blocks"]) if b["action_id"] == "open_form"
                      and REF in b["value"] and "advice" in b["value"]]
    assert len(advice_buttons) == 1
    opened = len(fake.of("views.open"))
    h.click("U0ERIK", "open_form", advice_buttons[0]["value"], view_id="V0HOMEERIK")
    view = fake.wait_for("views.open", opened + 1)[-1].params["view"]
    values: dict[str, Any] = {"verdict": "positief", "advice": "Betrek ook de huisartsenpost"}
    for block in view["blocks"]:
        key = block.get("block_id", "")
        if "#" in key:  # the continuation of a long note stays empty
            continue
        if key.startswith(("c:", "p:")):
            values[key] = "voldoet"
        elif key.startswith(("cn:", "pn:")):
            values[key] = "Onderbouwd in het voorstel"
    ack = h.submit("U0ERIK", view, {**values, "cn:samenwerking": None}, "V0ADVICE")
    assert ack.body == {"response_action": "errors", "errors": {"cn:samenwerking": "Vul dit veld in."}}
    ack = h.submit("U0ERIK", view, {**values, "c:financiering": "voldoet_niet"}, "V0ADVICE")
    assert ack.body["response_action"] == "errors" and "afwijzingscriterium" in ack.body["errors"]["verdict"]
    ack = h.submit("U0ERIK", view, values, "V0ADVICE")
    assert ack.body["response_action"] == "update", ack.body
    assert _status(h) is Status.GETOETST
    fake.wait_for("views.publish", 2, where=lambda c: c.params["user_id"] == "U0ERIK")  # the home, refreshed

    assert "11-12-2026" in h.vaart("U0SANNE", "vergadering stuurgroep 11-12-2026 14:00")
    assert "11-12-2026" in h.vaart("U0PETRA", f"agenderen {REF} 11-12-2026 toelaten")
    assert _status(h) is Status.GEAGENDEERD

    # the staf's App Home: the task with its form button, the coming meetings and the route's deadlines
    h.home_opened("U0SANNE", "Ev0SANNE1")
    home = fake.wait_for("views.publish", where=lambda c: c.params["user_id"] == "U0SANNE")[-1].params["view"]
    text = block_text(home["blocks"])
    assert "Mijn taken (Staf)" in text and f"{REF}  Zorgbus voor kleine kernen: Geagendeerd" in text
    assert "Komende vergaderingen" in text and "11-12-2026 14:00  Stuurgroep" in text
    assert "Route naar de stuurgroep van 11-12-2026" in text
    assert any(b["action_id"] == "open_form" and "decision" in b["value"] for b in buttons(home["blocks"]))

    # the staf records the stuurgroep's decision in the form
    view = h.open_form("U0SANNE", f"besluit {REF}")
    present = next(b for b in view["blocks"] if b.get("block_id") == "present")
    assert {o["value"] for o in present["element"]["options"]} == {EMAIL["sg1"], EMAIL["sg2"]}
    decision = {"outcome": "akkoord", "present": [EMAIL["sg1"], EMAIL["sg2"]], "considerations": "Breed gedragen",
                "conditions": "Evaluatie na een jaar", "amount": "€ 45.000"}
    ack = h.submit("U0SANNE", view, {**decision, "amount": "veertig"}, "V0DECIDE")
    assert ack.body["response_action"] == "errors" and list(ack.body["errors"]) == ["amount"]
    ack = h.submit("U0SANNE", view, decision, "V0DECIDE")
    assert ack.body["response_action"] == "update", ack.body
    idea = h.app.ideas.status(ANNA, REF)
    assert idea.state is Status.AKKOORD
    assert idea.decisions[0].amount == Decimal("45000.00") and idea.decisions[0].conditions == ["Evaluatie na een jaar"]

    # the indiener's status card: posted once, updated in place at every step, plus a notice per step
    h.deliver()
    dm = fake.of("chat.postMessage", channel="DU0ANNA")
    cards = [c for c in dm if "Volgende stap" in block_text(c.params["blocks"])]
    assert cards == [card]
    updates = fake.of("chat.update", channel="DU0ANNA")
    assert {u.params["ts"] for u in updates} == {card.response["ts"]}
    assert "Status: Besluit: akkoord" in block_text(updates[-1].params["blocks"])
    assert any("Besluit stuurgroep" in str(c.params["text"]) for c in dm)
    assert fake.of("conversations.open", users="U0ANNA") != []


def spend_approval(h: Harness) -> None:
    """The programmadirecteur approves and rejects spend requests with the buttons in her DM."""
    h.register_people()
    fake = h.fake
    h.home_opened("U0PETRA", "Ev0PETRA1")  # Petra uses Slack: her notifications go to her DM
    fake.wait_for("views.publish", where=lambda c: c.params["user_id"] == "U0PETRA")
    answer = h.vaart("U0KEES", "uitgave 12.000 Onderzoek naar vervoer in kleine kernen | soort: onderzoek")
    first = re.search(r"ZOD-U-\d{4}-\d{4}", answer)
    assert first, answer
    ref = first.group(0)
    h.deliver()
    card = fake.of("chat.postMessage", channel="DU0PETRA")[-1]
    assert [b["action_id"] for b in buttons(card.params["blocks"])] == ["spend_approve", "spend_reject"]
    assert "€ 12.000,00" in block_text(card.params["blocks"])

    # someone without the role presses Goedkeuren: refused, ephemeral, nothing changes
    h.click("U0KEES", "spend_approve", ref, card)
    assert "programmadirecteur" in h.answer()
    assert h.app.budget.get_request(ref).status is RequestStatus.REQUESTED

    # Petra double-clicks Goedkeuren: approved once, the card says by whom and when
    in_parallel(*[lambda: h.click("U0PETRA", "spend_approve", ref, card)] * 2)
    update = fake.wait_for("chat.update", where=lambda c: c.params["channel"] == "DU0PETRA")[0]
    assert update.params["ts"] == card.response["ts"]
    assert "Goedgekeurd door Petra Plan op 23-11-2026 09:30" in block_text(update.params["blocks"]), update.params
    assert buttons(update.params["blocks"]) == []
    assert h.app.budget.get_request(ref).status is RequestStatus.APPROVED
    assert audit_count(h.app, "spend_approved", ref) == 1
    fake.wait_for("response_url", where=lambda c: "is goedgekeurd" in str(c.params.get("text")))
    # a later press on the same (stale) button acts no more (it is answered from memory)
    time.sleep(0.2)  # (a press while the first is still being handled is dropped before the service)
    h.click("U0PETRA", "spend_approve", ref, card)
    assert "is goedgekeurd" in h.answer()
    assert audit_count(h.app, "spend_approved", ref) == 1
    h.deliver()  # the requester is told (Kees used /vaart, so in his DM)
    told = fake.of("chat.postMessage", channel="DU0KEES")
    assert any(ref in str(c.params["text"]) and "goedgekeurd" in str(c.params["text"]) for c in told)

    # a button that went stale: the request was rejected in the console meanwhile
    second = re.search(r"ZOD-U-\d{4}-\d{4}", h.vaart("U0KEES", "uitgave 8.000 Tweede onderzoek | soort: onderzoek"))
    assert second
    h.deliver()
    card2 = fake.of("chat.postMessage", channel="DU0PETRA")[-1]
    session = h.app.chat.session(EMAIL["director"], "console")
    assert "afgewezen" in h.app.chat.handle(session, f"afwijzen {second.group(0)} Past niet in het plan")
    h.clock.advance(timedelta(minutes=5))
    h.click("U0PETRA", "spend_approve", second.group(0), card2)
    stale = h.answer()
    assert "al besloten" in stale and second.group(0) in stale
    fixed = fake.wait_for("chat.update", where=lambda c: c.params["ts"] == card2.response["ts"])[-1]
    assert "Afgewezen door Petra Plan" in block_text(fixed.params["blocks"])
    assert h.app.budget.get_request(second.group(0)).status is RequestStatus.REJECTED

    # Afwijzen opens a form for the reason; the card then shows the rejection
    third = re.search(r"ZOD-U-\d{4}-\d{4}", h.vaart("U0KEES", "uitgave 3.000 Derde onderzoek | soort: onderzoek"))
    assert third
    h.deliver()
    card3 = fake.of("chat.postMessage", channel="DU0PETRA")[-1]
    opened = len(fake.of("views.open"))
    h.click("U0PETRA", "spend_reject", third.group(0), card3)
    view = fake.wait_for("views.open", opened + 1)[-1].params["view"]
    ack = h.submit("U0PETRA", view, {"reason": "  "}, "V0REJECT")
    assert ack.body == {"response_action": "errors", "errors": {"reason": "Vul dit veld in."}}
    ack = h.submit("U0PETRA", view, {"reason": "Dubbel met het eerste onderzoek"}, "V0REJECT")
    assert ack.body["response_action"] == "update"
    rejected = fake.wait_for("chat.update", where=lambda c: c.params["ts"] == card3.response["ts"])[-1]
    assert "Dubbel met het eerste onderzoek" in block_text(rejected.params["blocks"])
    assert h.app.budget.get_request(third.group(0)).status is RequestStatus.REJECTED
    # and someone without the role does not even get the form
    h.click("U0KEES", "spend_reject", third.group(0), card3)
    assert "programmadirecteur" in h.answer()


def retried_events_act_once(h: Harness) -> None:
    """Slack retries an event it thinks was lost: same event_id, X-Slack-Retry-Num / retry_attempt."""
    fake = h.fake
    assert h.home_opened("U0ANNA", "Ev0RETRY").status == 200
    fake.wait_for("views.publish", where=lambda c: c.params["user_id"] == "U0ANNA")
    assert h.home_opened("U0ANNA", "Ev0RETRY", retry=1).status == 200
    assert h.home_opened("U0ANNA", "Ev0RETRY", retry=2).status == 200
    message = {"type": "message", "channel_type": "im", "channel": "DU0ANNA", "user": "U0ANNA",
               "text": "idee Buurtkracht | Buren helpen buren", "ts": "1764000000.000001"}
    from tests.e2e.slack_fakes import event_callback

    for retry in (0, 1):
        assert h.slack.event(event_callback(message, "Ev0DM"), retry).status == 200
    reply = fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "DU0ANNA")
    assert "ZOD-2026-0001" in str(reply[0].params["text"])
    h.home_opened("U0ANNA", "Ev0OTHER")
    fake.wait_for("views.publish", 2, where=lambda c: c.params["user_id"] == "U0ANNA")
    assert len(fake.of("views.publish", user_id="U0ANNA")) == 2  # the first and Ev0OTHER, no retries
    assert [i.title for i in h.app.ideas.open_ideas()] == ["Buurtkracht"]
    assert len(fake.of("chat.postMessage", channel="DU0ANNA")) == 1


def people_slack_cannot_vouch_for(h: Harness) -> None:
    """A user without an e-mail address may do nothing; an expired trigger is explained."""
    fake = h.fake
    for text in ("mijn", "idee Iets | Zonder adres"):
        h.command(NO_EMAIL, "/vaart", text)
        assert "e-mailadres" in h.answer()
    h.command(NO_EMAIL, "/idee", "")
    assert "e-mailadres" in h.answer()
    assert fake.of("views.open") == []
    assert h.app.ideas.open_ideas() == []

    h.command("U0ANNA", "/idee", "", trigger_id="expired")
    assert "verlopen" in h.answer()
