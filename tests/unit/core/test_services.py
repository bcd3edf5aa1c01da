"""The service layer on a fake unit of work: one transaction per command, refusals leave no trace
but their own audit entry, and every notification rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.bootstrap.clock import ManualClock
from bot.domain.audit import verify_chain
from bot.domain.errors import Refused
from bot.domain.programme import Programme
from bot.services.base import Context
from bot.services.ideas import IdeaService
from bot.services.people import PeopleService
from tests.cast import ANNA, DIRK, EMAIL, IN_MEETING, PARTS
from tests.conftest import START
from tests.fakes import FakeStore, FakeUnitOfWork
from tests.scenario import register_cast

Services = tuple[IdeaService, PeopleService]


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def services(store: FakeStore, programme: Programme) -> tuple[IdeaService, PeopleService]:
    ctx = Context(uow_factory=lambda: FakeUnitOfWork(store), programme=programme, clock=ManualClock(START))
    people = PeopleService(ctx)
    register_cast(people)
    return IdeaService(ctx), people


def recipients(store: FakeStore, event: str) -> set[str]:
    return {m.recipient for m in store.outbox.values() if m.payload["event"] == event}


def test_submitting_acknowledges_the_indiener_and_tells_the_kernteam(services: Services, store: FakeStore) -> None:
    ideas, _ = services
    reply = ideas.submit(ANNA, "test", "Zorgbus", "Een bus")
    assert reply.code == "idea.submitted" and reply.params["reference"] == "ZOD-2026-0001"
    assert recipients(store, "submitted") == {ANNA, EMAIL["kernteam"], EMAIL["kernteam2"]}


def test_a_refusal_commits_nothing_but_its_audit_entry(services: Services, store: FakeStore) -> None:
    ideas, _ = services
    ideas.submit(ANNA, "test", "Zorgbus", "Een bus")
    outbox_before = dict(store.outbox)
    with pytest.raises(Refused):
        ideas.pick_up(ANNA, "test", "ZOD-2026-0001")
    assert store.outbox == outbox_before
    assert store.ideas["ZOD-2026-0001"].status == "ingediend"
    assert store.audit[-1]["result"] == "geweigerd: idea.wrong_role"
    head = store.audit[-1]
    assert verify_chain(store.audit, int(str(head["seq"])), str(head["hash"])) == []


def test_an_unknown_reference_is_refused(services: Services) -> None:
    ideas, _ = services
    with pytest.raises(Refused) as refused:
        ideas.pick_up(EMAIL["kernteam"], "test", "ZOD-2026-9999")
    assert refused.value.code == "idea.unknown_reference"


def test_the_decision_and_its_considerations_reach_indiener_and_ontwerpteam(
    services: Services, store: FakeStore
) -> None:
    ideas, _ = services
    ref = ideas.submit(ANNA, "test", "Zorgbus", "Een bus", opgaven=["1"], programmalijn="2").params["reference"]
    ideas.pick_up(EMAIL["kernteam"], "test", ref)
    ideas.conclude_orientation(EMAIL["kernteam"], "test", ref, "ontwerpteam", [DIRK])
    ideas.start_proposal(DIRK, "test", ref, "experiment")
    for part, content in PARTS.items():
        ideas.set_part(DIRK, "test", ref, part, content)
    ideas.link_din(DIRK, "test", ref, "subdoel", "1")
    ideas.link_din(DIRK, "test", ref, "principe", "1")
    ideas.submit_for_review(EMAIL["director"], "test", ref)
    assert recipients(store, "ready_for_review") >= {EMAIL["chair"], EMAIL["expert"]}
    criteria = {k: ("voldoet", "ok") for k in ideas.programme.criteria}
    principles = {p: ("voldoet", "ok") for p in ideas.programme.principles}
    ideas.record_advice(EMAIL["expert"], "test", ref, True, criteria, principles, "Meer inwoners betrekken")
    ideas.schedule(EMAIL["director"], "test", ref, date(2026, 12, 11))
    clock = ideas.ctx.clock
    assert isinstance(clock, ManualClock)
    clock.set(IN_MEETING)
    ideas.decide(EMAIL["staf"], "test", ref, "akkoord", [EMAIL["sg1"]], "Past bij de opgave", amount=Decimal("20000"))
    decided = [m for m in store.outbox.values() if m.payload["event"] == "decided"]
    assert {m.recipient for m in decided} >= {ANNA, DIRK}
    assert all(
        "Past bij de opgave" in m.body and "€ 20.000,00" in m.body for m in decided if m.recipient in (ANNA, DIRK)
    )


def test_people_get_messages_in_their_own_language(services: Services, store: FakeStore) -> None:
    ideas, people = services
    people.add("beheer@vaart.local", "test", "l.lid@regiodeal-zod.nl", "Lotte Lid", ["kernteam"], language="en")
    ideas.submit(ANNA, "test", "Zorgbus", "Een bus")
    english = [m for m in store.outbox.values() if m.recipient == "l.lid@regiodeal-zod.nl"]
    assert english and english[0].subject.startswith("[ZOD-2026-0001] Action needed")


def test_a_designer_is_invited_and_an_assignee_told_instead_of_a_bare_status_change(
    services: Services, store: FakeStore
) -> None:
    ideas, _ = services
    ref = ideas.submit(ANNA, "test", "Zorgbus", "Een bus").params["reference"]
    ideas.pick_up(EMAIL["kernteam"], "test", ref, EMAIL["kernteam2"])
    ideas.conclude_orientation(EMAIL["kernteam"], "test", ref, "ontwerpteam", [DIRK])
    to_dirk = [m for m in store.outbox.values() if m.recipient == DIRK]
    assert [m.subject for m in to_dirk] == ["[ZOD-2026-0001] U bent lid van het ontwerpteam"]
    to_lotte = [
        m for m in store.outbox.values() if m.recipient == EMAIL["kernteam2"] and m.payload["event"] == "picked_up"
    ]
    assert [m.subject for m in to_lotte] == ["[ZOD-2026-0001] Aan u toegewezen: Zorgbus"]
