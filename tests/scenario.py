"""The scenario every service-level suite shares: the cast in the people store, and an idea walked
through the real services (`IdeaService`) to a point of its route. `tests.cast` does the same on
the domain objects alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from bot.bootstrap.clock import ManualClock
from bot.domain.lifecycle import Status
from bot.domain.programme import Programme
from bot.services.ideas import IdeaService
from tests.cast import ANNA, CAST, DIRK, EMAIL, PARTS, at_meeting

ADMIN = "beheer@vaart.local"
MEETING = date(2026, 12, 11)  # a stuurgroep date of the shipped calendar
# The route the services walk, in order: each status is reached by the step that follows it here.
WALK = (Status.ORIENTATIE, Status.ONTWERPTEAM, Status.VOORSTEL, Status.GEREED, Status.GETOETST,
        Status.GEAGENDEERD, Status.AKKOORD)


class AddsPeople(Protocol):
    def add(self, actor_email: str, origin: str, email: str, name: str, roles: list[str],
            organisation: str | None = None) -> Any: ...


def register_cast(people: AddsPeople, origin: str = "test",
                  organisation: Callable[[list[str]], str | None] | None = None) -> None:
    """Everyone of `tests.cast.CAST` in the people store, with their functions."""
    for email, name, roles in CAST.values():
        people.add(ADMIN, origin, email, name, roles, organisation(roles) if organisation else None)


def submit(ideas: IdeaService, title: str = "Zorgbus", description: str = "Een bus voor ouderen",
           **details: Any) -> str:
    """Anna's idea, as the virtueel punt takes it in; its reference."""
    return str(ideas.submit(ANNA, "test", title, description, opgaven=["5"], **details).params["reference"])


def walk(ideas: IdeaService, programme: Programme, ref: str, to: Status, *, link_programmalijn: bool = True,
         meeting: date = MEETING) -> None:
    """Take the submitted idea *ref* along the main route until it is in *to*: picked up by the
    kernteam, an ontwerpteam (Dirk), a project proposal with every part (and its programmalijn,
    unless the submission named one), the review, a positive advice, the agenda of *meeting*, and
    the stuurgroep's akkoord with € 45.000 in its meeting (the clock set to it when earlier)."""
    kern, director = EMAIL["kernteam"], EMAIL["director"]
    criteria = {k: ("voldoet", "goed") for k in programme.criteria}
    principles = {p: ("voldoet", "past") for p in programme.principles}

    def proposal() -> None:
        for part, content in PARTS.items():
            ideas.set_part(DIRK, "test", ref, part, content)
        if link_programmalijn:
            ideas.link_din(DIRK, "test", ref, "programmalijn", "Zorg en Welzijn")
        ideas.link_din(DIRK, "test", ref, "subdoel", "1")  # Bijlage 1: the DIN complete before toetsing
        ideas.link_din(DIRK, "test", ref, "principe", "1")
        ideas.submit_for_review(director, "test", ref)

    def in_meeting() -> object:
        clock = ideas.ctx.clock
        assert isinstance(clock, ManualClock)
        clock.set(at_meeting(clock.now()))  # the stuurgroep decides in its meeting (§3.1)
        return ideas.decide(
            EMAIL["staf"], "test", ref, "akkoord", [EMAIL["sg1"], EMAIL["sg2"]], "Breed gedragen",
            conditions=["Evaluatie na een jaar"], amount=Decimal("45000.00"),
        )

    steps: dict[Status, Callable[[], object]] = {
        Status.ORIENTATIE: lambda: ideas.pick_up(kern, "test", ref),
        Status.ONTWERPTEAM: lambda: ideas.conclude_orientation(kern, "test", ref, "ontwerpteam", [DIRK]),
        Status.VOORSTEL: lambda: ideas.start_proposal(DIRK, "test", ref, "project"),
        Status.GEREED: proposal,
        Status.GETOETST: lambda: ideas.record_advice(
            EMAIL["chair"], "test", ref, True, criteria, principles, "Betrek de huisarts"
        ),
        Status.GEAGENDEERD: lambda: ideas.schedule(director, "test", ref, meeting, admit=True),
        Status.AKKOORD: in_meeting,
    }
    for status in WALK[: WALK.index(to) + 1]:
        steps[status]()


def spend_decision(app: Any, amount: str = "1.00") -> str:
    """A stuurgroep "akkoord" on a small spend request outside the mandate (booked on a programmalijn
    line so the mandate's room stays as it was); its number. Needs the cast in the people store."""
    budget = app.budget
    ref = budget.request(EMAIL["kernteam"], "test", Decimal(amount), "Begrotingsherziening", kind="project",
                         line_key="aantrekkelijke_regio")
    reply = budget.decide(EMAIL["staf"], "test", ref.params["reference"], "akkoord", [EMAIL["sg1"], EMAIL["sg2"]],
                          "De stuurgroep stelt de herziene begroting vast")
    return str(reply.params["number"])


def budget_decision(app: Any, kind: str = "herziening") -> str:
    """The stuurgroep's decision on the begroting in its meeting of MEETING (the clock set to it when
    earlier), the decision a budget line change names (§6); its number. Needs the cast."""
    clock = app.clock
    assert isinstance(clock, ManualClock)
    clock.set(at_meeting(clock.now()))
    reply = app.budget.record_budget_decision(EMAIL["staf"], "test", MEETING, kind,
                                              "De stuurgroep stelt de herziene begroting vast")
    return str(reply.params["number"])
