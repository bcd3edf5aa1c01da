"""The progress report as a form: a Slack modal that Slack's own models accept and a Teams Adaptive
Card that the schema accepts, with the proposal's milestones as a hint; submitted once per request
key through the same service as `voortgangsrapport`, refusals in words before the form is shown."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.chat.forms import FormBook, FormErrors
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.domain.timezone import AMSTERDAM
from bot.frontends.slack import views
from bot.frontends.teams import cards
from storage.tables_execution import moment_reports
from tests.adaptive_cards import assert_valid
from tests.cast import EMAIL
from tests.scenario import register_cast, submit, walk

ASK = datetime(2027, 2, 15, 9, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def ready(app: App) -> tuple[App, FormBook, str]:
    register_cast(app.people)
    ref = submit(app.ideas)
    walk(app.ideas, app.programme, ref, Status.AKKOORD)
    app.ideas.start_execution(EMAIL["kernteam"], "test", ref)
    assert isinstance(app.clock, ManualClock)
    app.clock.set(ASK)
    return app, FormBook(app.chat, app.budget, app.execution.progress), ref


def test_the_progress_form_is_a_valid_slack_modal_and_teams_card_with_the_proposals_milestones(
    ready: tuple[App, FormBook, str],
) -> None:
    _, forms, ref = ready
    forms.may_open("progress", ref, EMAIL["kernteam"])
    form = forms.build("progress", ref, "nl")
    assert form.title == f"Voortgang {ref} per maart 2027"
    assert [f.key for f in form.fields] == ["text", "milestones", "spent", "risks"]
    assert form.fields[1].hint == "Uit het voorstel: Drie bussen en 6.000 ritten per jaar"
    from slack_sdk.models.views import View

    modal: dict[str, Any] = views.modal(form, "nl", {"form": "progress", "reference": ref})
    View(**modal).validate_json()
    assert_valid(cards.form_card(form, "en", {}, {}))


def test_the_progress_form_goes_through_once_per_request_key_and_refuses_what_may_not(
    ready: tuple[App, FormBook, str],
) -> None:
    app, forms, ref = ready
    values = {"text": "De bussen rijden", "milestones": "Twee bussen", "spent": "12.500", "risks": ""}
    first = forms.submit("progress", ref, values, EMAIL["kernteam"], "slack", "nl", "slack:view:P1")
    again = forms.submit("progress", ref, values, EMAIL["kernteam"], "slack", "nl", "slack:view:P1")
    assert first.text == again.text == (
        f"Voortgang van {ref} vastgelegd voor rapportagemoment 2027-03 (besteed tot nu toe: € 12.500,00).")
    with pytest.raises(FormErrors) as missing:
        forms.submit("progress", ref, {**values, "text": " "}, EMAIL["kernteam"], "teams", "nl")
    assert list(missing.value.errors) == ["text"]
    with pytest.raises(Refused, match=r"progress\.not_allowed"):
        forms.may_open("progress", ref, "iemand@elders.nl")
    with app.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(moment_reports)).scalar_one() == 1
