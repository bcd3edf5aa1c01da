"""The conversation in Slack, end to end over signed HTTP requests with the fake Web API on
127.0.0.1: `status` of every reference kind, help by role, English throughout, and a person
registered by e-mail reached in Slack before they ever wrote to the app (users.lookupByEmail)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.domain.lifecycle import Status
from tests.conversation import every_kind, leaks
from tests.e2e.slack_support import Harness, running
from tests.scenario import submit, walk


@pytest.fixture
def slack(tmp_path: Path) -> Iterator[Harness]:
    with running(tmp_path, "http") as harness:
        yield harness


def test_status_answers_every_reference_kind_in_slack(slack: Harness) -> None:
    refs = every_kind(slack.app, slack.clock)
    idea = slack.vaart("U0KEES", f"status {refs.idea}")
    assert refs.idea in idea and "Ingediend" in idea and f"oppakken {refs.idea}" in idea
    spend = slack.vaart("U0KEES", f"status {refs.spend}")
    assert f"Uitgaveverzoek {refs.spend}" in spend and f"goedkeuren {refs.spend}" in spend
    referred = slack.vaart("U0KEES", f"status {refs.referred}")
    assert "besluit van de stuurgroep" in referred and "Goedgekeurd door" in referred
    decision = slack.vaart("U0KEES", f"status {refs.decision}")
    assert f"Besluit {refs.decision}" in decision and f"Over uitgaveverzoek {refs.referred}" in decision
    meeting = slack.vaart("U0KEES", f"status {refs.meeting}")
    assert "Stuurgroep" in meeting and "Wat nu:" in meeting
    objection = slack.vaart("U0KEES", f"status {refs.objection}")
    assert f"Bezwaar {refs.objection} tegen besluit {refs.decision} (proces)" in objection and "Wat nu:" in objection
    escalation = slack.vaart("U0KEES", f"status {refs.escalation}")
    assert f"Escalatie {refs.escalation} over {refs.idea}" in escalation and "uitkomst TEKST" in escalation
    unknown = slack.vaart("U0KEES", "status XYZ-1")
    assert "referenties zien eruit als" in unknown


def test_help_in_slack_fits_the_person(slack: Harness) -> None:
    slack.register_people()
    guest = slack.vaart("U0ANNA", "help")
    assert "Wat u nu kunt (gast)" in guest and "oppakken" not in guest and "help alles" in guest
    kern = slack.vaart("U0KEES", "help")
    assert "oppakken REF" in kern and "goedkeuren" not in kern
    director = slack.vaart("U0PETRA", "help")
    assert "goedkeuren REF" in director and "oppakken" not in director


def test_english_throughout_in_slack(slack: Harness) -> None:
    refs = every_kind(slack.app, slack.clock)
    assert not leaks(slack.vaart("U0SANNE", "language en"))
    said = [
        slack.vaart("U0SANNE", line)
        for line in ("help", "help all", "meetinghelp", "budget help", "spend", f"status {refs.idea}",
                     f"status {refs.spend}", f"status {refs.decision}", f"status {refs.meeting}", "status nonsense",
                 f"status {refs.objection}", f"status {refs.escalation}")
    ]
    assert all(not leaks(text) for text in said), [leaks(text) for text in said]
    assert "What you can do now" in said[0] and "spend AMOUNT DESCRIPTION" in said[4]
    assert "Spend request" in said[6] and "Decision" in said[7] and "Next:" in said[8]


def test_an_indiener_registered_by_email_is_reached_in_slack_before_writing_to_the_app(slack: Harness) -> None:
    slack.register_people()
    slack.fake.add_user("U0NIEUW", "nieuw@zorgcooperatie-drenthe.nl", "Nina Nieuw")
    slack.app.people.add("beheer@vaart.local", "test", "nieuw@zorgcooperatie-drenthe.nl", "Nina Nieuw", [])
    ref = str(slack.app.ideas.submit("nieuw@zorgcooperatie-drenthe.nl", "mail", "Dorpshuis", "Een dorpshuis",
                                     opgaven=["5"]).params["reference"])
    slack.deliver()
    lookups = slack.fake.of("users.lookupByEmail")
    assert any(c.params.get("email") == "nieuw@zorgcooperatie-drenthe.nl" for c in lookups)
    posts = [c for c in slack.fake.of("chat.postMessage") if c.params.get("channel") == "DU0NIEUW"]
    assert posts and any(ref in str(c.params.get("text")) or ref in str(c.params.get("blocks")) for c in posts)
    assert slack.app.chats.identity_for_email("slack", "nieuw@zorgcooperatie-drenthe.nl") is not None


def test_someone_slack_does_not_know_gets_mail_and_is_not_asked_again_at_once(slack: Harness) -> None:
    outside = "buiten@voorbeeld.nl"
    for title in ("Speeltuin", "Dorpshuis"):
        slack.app.ideas.submit(outside, "mail", title, "Een idee van buiten Slack", opgaven=["5"])
    slack.deliver()
    asked = [c for c in slack.fake.of("users.lookupByEmail") if c.params.get("email") == outside]
    assert len(asked) == 1  # not in Slack: mail, and Slack is not asked again for a while
    assert len(list((slack.app.settings.var_dir / "outbox").glob("*buiten*.eml"))) >= 2


def _valid_blocks(blocks: list[dict[str, object]]) -> list[dict[str, object]]:
    """*blocks* as slack_sdk's models accept them (every block and limit it knows)."""
    from slack_sdk.models.blocks import Block

    for raw in blocks:
        parsed = Block.parse(raw)
        assert parsed is not None, raw
        parsed.validate_json()
    return blocks


def _laid_out(slack: Harness, user: str, text: str) -> list[dict[str, object]]:
    slack.command(user, "/vaart", text)
    call = slack.fake.answer(slack.last_url)
    return _valid_blocks(list(call.params["blocks"]))


def test_meetings_route_and_agenda_use_block_kit_fields_with_dates_in_dutch_words(slack: Harness) -> None:
    slack.register_people()
    ref = submit(slack.app.ideas)
    walk(slack.app.ideas, slack.app.programme, ref, Status.GEAGENDEERD)  # the 11 December agenda is stored
    meetings = _laid_out(slack, "U0SANNE", "vergaderingen stuurgroep")
    assert meetings[0]["text"] == {"type": "mrkdwn", "text": "*Komende vergaderingen*"}
    fields = [f["text"] for b in meetings if "fields" in b for f in b["fields"]]  # type: ignore[union-attr]
    assert "*vrijdag 11 december 2026 10:00*" in fields
    assert any("zod-stuurgroep-20261211@" in str(f) for f in fields)
    route = _laid_out(slack, "U0SANNE", "route 11-12-2026")
    route_fields = [f["text"] for b in route if "fields" in b for f in b["fields"]]  # type: ignore[union-attr]
    assert "vrijdag 20 november 2026" in route_fields and "vrijdag 11 december 2026" in route_fields
    agenda = _laid_out(slack, "U0SANNE", "agenda 11-12-2026")
    assert "Agenda Stuurgroep vrijdag 11 december 2026" in str(agenda[0])
    assert any(b["type"] == "context" and "Documentroute" in str(b) for b in agenda)
    items = [f["text"] for b in agenda if "fields" in b for f in b["fields"]]  # type: ignore[union-attr]
    assert f"*1. {ref}*" in items and any(i.startswith("Zorgbus — Geagendeerd voor de stuurgroep") for i in items)
