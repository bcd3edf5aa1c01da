"""The communicatiekalender (§7): the communicatiemedewerker plans, lists, moves and cancels items;
the worker sends each due item once at its time through the outbox to its audience (a gremium, every
indiener, a channel's address), also after downtime and with two workers at once, on SQLite and
PostgreSQL. Bad input is refused in one sentence and changes nothing."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from sqlalchemy import func, select

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from storage import tables
from storage.tables_execution import communication_items
from tests.cast import ANNA, EMAIL
from tests.scenario import ADMIN, register_cast, submit

COMMS = "m.media@regiodeal-zod.nl"


def clock_of(app: App) -> ManualClock:
    assert isinstance(app.clock, ManualClock)
    return app.clock


def at(app: App, text: str) -> None:
    from bot.domain.timezone import AMSTERDAM

    clock_of(app).set(datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM))


@pytest.fixture
def planned(any_app: App) -> App:
    register_cast(any_app.people)
    any_app.people.add(ADMIN, "test", COMMS, "Mira Media", ["communicatiemedewerker"])
    submit(any_app.ideas)
    any_app.ideas.submit("b.burger@emmen.nl", "test", "Dorpshuis", "Een huis voor het dorp", opgaven=["5"])
    at(any_app, "2027-01-05T09:00")
    return any_app


def sent(app: App) -> list[tuple[str, str]]:
    c = tables.outbox.c
    with app.engine.connect() as conn:
        rows = conn.execute(select(c.recipient, c.payload).order_by(c.id)).all()
    return [(str(r.payload["item"]), r.recipient) for r in rows if r.payload.get("event") == "communication"]


def say(app: App, text: str, who: str = COMMS) -> str:
    return app.chat.handle(app.chat.session(who, "console"), text)


def test_planned_items_go_out_once_at_their_time_to_a_gremium_every_indiener_and_a_channel(planned: App) -> None:
    app = planned
    assert say(app, "communicatie plan 20-01-2027 10:00 mail stuurgroep | Nieuwsbrief januari") == (
        "Gepland als C-1: 20-01-2027 10:00 via mail aan gremium:stuurgroep.")
    assert say(app, "communicatie plan 2027-01-21 chat indieners | Oproep: dien je idee in").startswith(
        "Gepland als C-2")
    assert say(app, "communicatie plan 2027-01-22 mail kanaal:nieuws@regiodeal-zod.nl | Persbericht").startswith(
        "Gepland als C-3")
    listing = say(app, "communicatie")
    assert "C-1 20-01-2027 10:00 mail aan gremium:stuurgroep (gepland): Nieuwsbrief januari" in listing
    at(app, "2027-01-20T09:59")
    assert app.execution.communication.send_due() == 0
    at(app, "2027-01-20T10:00")
    assert app.execution.communication.send_due() == 1
    assert sorted(sent(app)) == sorted([("C-1", EMAIL["sg1"]), ("C-1", EMAIL["sg2"])])
    assert app.execution.communication.send_due() == 0
    at(app, "2027-01-25T08:00")  # the worker was down for both other items: each once now
    assert app.execution.communication.send_due() == 2
    assert sorted(r for item, r in sent(app) if item == "C-2") == sorted([ANNA, "b.burger@emmen.nl"])
    assert [r for item, r in sent(app) if item == "C-3"] == ["nieuws@regiodeal-zod.nl"]
    assert app.execution.communication.send_due() == 0
    assert "C-1" in say(app, "communicatie alles") and say(app, "communicatie") == "Er staan geen berichten gepland."


def test_a_moved_item_goes_at_its_new_time_and_a_cancelled_one_never(planned: App) -> None:
    app = planned
    say(app, "communicatie plan 2027-01-20 mail stuurgroep | Eerste")
    say(app, "communicatie plan 2027-01-20 mail stuurgroep | Tweede")
    assert say(app, "communicatie verplaats C-1 2027-02-01 09:30") == "C-1 verplaatst naar 01-02-2027 09:30."
    assert say(app, "communicatie annuleer C-2") == "C-2 geannuleerd; het wordt niet verstuurd."
    assert say(app, "communicatie annuleer C-2") == (
        "C-2 is al geannuleerd; alleen een gepland bericht wordt verplaatst of geannuleerd (zie 'communicatie alles').")
    at(app, "2027-01-31T12:00")
    assert app.execution.communication.send_due() == 0
    at(app, "2027-02-01T09:30")
    assert app.execution.communication.send_due() == 1
    assert {item for item, _ in sent(app)} == {"C-1"}


def test_two_workers_at_once_send_each_item_exactly_once(planned: App) -> None:
    app = planned
    for day in range(10, 20):
        say(app, f"communicatie plan 2027-01-{day} mail stuurgroep | Bericht {day}")
    at(app, "2027-01-25T09:00")
    done: list[int] = []
    threads = [threading.Thread(target=lambda: done.append(app.execution.communication.send_due())) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(done) == 10
    assert len(sent(app)) == 20  # ten items, two stuurgroep members each, none twice


def test_bad_input_is_refused_in_one_sentence_and_changes_nothing(planned: App) -> None:
    app = planned
    assert say(app, "communicatie plan 2027-01-01 mail stuurgroep | Te laat") == (
        "01-01-2027 09:00 ligt niet in de toekomst; plan het bericht op een later moment.")
    assert say(app, "communicatie plan 2028-01-10 mail stuurgroep | Na de looptijd") == (
        "10-01-2028 valt buiten de looptijd van het programma (2023-2027, §8).")
    assert say(app, "communicatie plan 2027-02-01 fax stuurgroep | Fax").startswith("'fax' is geen kanaal")
    assert say(app, "communicatie plan 2027-02-01 mail iedereen | Alle").startswith("'iedereen' is geen doelgroep")
    assert say(app, "communicatie plan 2027-02-01 mail stuurgroep | Van de kernteamer", EMAIL["kernteam"]) == (
        "De communicatiekalender beheert de Communicatiemedewerker (§7); vraag de Communicatiemedewerker het "
        "bericht te plannen.")
    assert say(app, "communicatie verplaats C-9 2027-02-01") == (
        "Er is geen bericht C-9 in de communicatiekalender (zie 'communicatie' voor de nummers).")
    with app.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(communication_items)).scalar_one() == 0


def test_the_calendar_is_listed_a_page_at_a_time(planned: App) -> None:
    app = planned
    for day in range(1, 18):
        say(app, f"communicatie plan 2027-02-{day:02d} mail stuurgroep | Bericht {day}")
    first = say(app, "communicatie").splitlines()
    assert len(first) == 1 + 15 + 1
    assert first[-1] == "  … en nog 2 meer: typ 'communicatie na C-15'"
    rest = say(app, "communicatie na C-15").splitlines()
    assert [line.split()[0] for line in rest[1:]] == ["C-16", "C-17"]


def test_an_item_for_a_slack_or_teams_channel_by_name_is_one_post_through_that_platform_s_outbox_channel(
    planned: App,
) -> None:
    """§7 "voor wie": a channel as an audience is the Slack or Teams channel itself, posted to once."""
    refused = say(planned, "communicatie plan 2027-01-20 mail kanaal:slack:#regiodeal-nieuws | Persbericht")
    assert "chatkanaal" in refused and "niets gepland" in refused
    assert "geen doelgroep" in say(planned, "communicatie plan 2027-01-20 chat kanaal:slack:#niet!goed | x")
    said = say(planned, "communicatie plan 2027-01-20 chat kanaal:slack:#regiodeal-nieuws | Persbericht")
    assert said == "Gepland als C-1: 20-01-2027 09:00 via chat aan kanaal:slack:#regiodeal-nieuws."
    assert "C-2" in say(planned, "communicatie plan 2027-01-20 chat kanaal:teams:Nieuws | Persbericht")
    at(planned, "2027-01-20T09:00")
    assert planned.execution.communication.send_due() == 2
    assert planned.execution.communication.send_due() == 0  # once
    c = tables.outbox.c
    with planned.engine.connect() as conn:
        rows = conn.execute(select(c.channel, c.recipient, c.payload).where(c.key.like("communicatie:%"))
                            .order_by(c.id)).all()
    assert [(r.channel, r.recipient, r.payload["channel_post"]) for r in rows] == [
        ("slack", "#regiodeal-nieuws", "#regiodeal-nieuws"), ("teams", "nieuws", "nieuws")]
    with planned.engine.connect() as conn:
        counts = conn.execute(select(communication_items.c.recipients).order_by(communication_items.c.number))
        assert list(counts.scalars()) == [1, 1]
