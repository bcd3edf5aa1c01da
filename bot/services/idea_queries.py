"""What the front ends read about ideas: one idea as its reader may see it, someone's ideas and tasks, the
open ideas, the decisions and the register. Read-only transactions (`Service.read`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.budget_mandate import RequestStatus, SpendRequest
from bot.domain.decision_register import RegisterEntry
from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.lifecycle import NEXT_ROLES, TERMINAL, Status
from bot.domain.member_bodies import WITH_BODIES, bodies_recorded_by
from bot.domain.people import Person
from bot.services.base import Service, resolve_reader
from bot.services.idea_changes import find_idea
from bot.services.ports.member_bodies import member_body_uow
from bot.services.ports.read_models import PAGE, DecisionSummary, IdeaSummary, Page
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.register import decision_register, find_decision, page_with_objections


@dataclass(frozen=True)
class MyOverview:
    """The first page of "my ideas" and of "my tasks" (the ideas waiting for one of my roles), and for an
    accounthouder the spend requests their college has still to decide (the VDG)."""

    person: Person
    involved: Page[IdeaSummary]
    tasks: Page[IdeaSummary]
    requests: Page[SpendRequest] = field(default_factory=Page)


OPEN_STATUSES = tuple(s.value for s in Status if s not in TERMINAL)


def waiting_for(person: Person) -> tuple[list[str], list[str]]:
    """The statuses in which an idea waits for one of *person*'s roles, and among them those where
    it waits only for its own kernteam contact (a proposal being worked out)."""
    waiting = [s.value for s, roles in NEXT_ROLES.items() if person.has_role(*roles)]
    return waiting, [s for s in waiting if s == Status.VOORSTEL.value]


class IdeaQueries(Service):
    def status(self, actor_email: str, reference: str) -> Idea:
        def work(uow: UnitOfWork) -> Idea:
            idea = find_idea(uow, reference)
            if not idea.can_view(resolve_reader(uow, actor_email)):
                raise Refused("idea.not_yours", reference=idea.reference)
            return idea

        return self.read(work)

    def mine(self, actor_email: str, limit: int = PAGE) -> MyOverview:
        def work(uow: UnitOfWork) -> MyOverview:
            person = resolve_reader(uow, actor_email)
            return MyOverview(person, uow.ideas.involving_page(person.email, limit), self._tasks(uow, person, limit),
                              self._requests(uow, person, limit))

        return self.read(work)

    def find(self, reference: str) -> Idea | None:
        """The idea with *reference*, for a front end redrawing a card (no permission check: cards
        show what the card's readers saw already)."""
        return self.read(lambda uow: uow.ideas.get(reference.strip().upper()))

    def involved(self, actor_email: str, after: str | None = None, limit: int = PAGE) -> Page[IdeaSummary]:
        """The ideas *actor_email* submitted, guides or designs, newest first, after *after*."""
        email = actor_email.strip().lower()
        return self.read(lambda uow: uow.ideas.involving_page(email, limit, after))

    def tasks(self, actor_email: str, after: str | None = None, limit: int = PAGE) -> Page[IdeaSummary]:
        """The ideas waiting for one of the actor's roles, oldest first, after *after*."""

        def work(uow: UnitOfWork) -> Page[IdeaSummary]:
            return self._tasks(uow, resolve_reader(uow, actor_email), limit, after)

        return self.read(work)

    def _tasks(self, uow: UnitOfWork, person: Person, limit: int, after: str | None = None) -> Page[IdeaSummary]:
        """What waits for one of *person*'s roles, and for an accounthouder the proposals their college has
        still to decide (`member_bodies.bodies_recorded_by`), as one list."""
        waiting, own_only = waiting_for(person)
        bodies = bodies_recorded_by(person, self.programme)
        if bodies:
            return member_body_uow(uow).member_bodies.task_page(person.email, waiting, own_only, bodies,
                                                                WITH_BODIES.value, limit, after)
        return uow.ideas.task_page(person.email, waiting, own_only, limit, after)

    def college_requests(self, actor_email: str, after: str | None = None, limit: int = PAGE) -> Page[SpendRequest]:
        """The spend requests with the colleges that the actor's college has still to decide, oldest first."""
        return self.read(lambda uow: self._requests(uow, resolve_reader(uow, actor_email), limit, after))

    def _requests(self, uow: UnitOfWork, person: Person, limit: int, after: str | None = None) -> Page[SpendRequest]:
        """For an accounthouder where the colleges decide on spending (`bodies_recorded_by(..., "uitgave")`):
        the requests after the PHO's advice that their college has not decided on; for anyone else none."""
        bodies = bodies_recorded_by(person, self.programme, "uitgave")
        if not bodies:
            return Page()
        return member_body_uow(uow).member_bodies.request_page(bodies, RequestStatus.TO_STUURGROEP.value, limit, after)

    def open_page(self, after: str | None = None, limit: int = PAGE) -> Page[IdeaSummary]:
        """The ideas still under way (not niet verder, afgewezen or afgerond), oldest first."""
        return self.read(lambda uow: uow.ideas.status_page(OPEN_STATUSES, limit, after))

    def open_ideas(self) -> list[IdeaSummary]:
        """The first page of `open_page`."""
        return self.open_page().items

    def decisions(self, after: str | None = None, limit: int = PAGE) -> Page[DecisionSummary]:
        """The decisions on ideas, newest first, after the decision numbered *after*."""
        return self.read(lambda uow: page_with_objections(uow, uow.ideas.decision_page(limit, after)))

    def decision(self, number: str) -> RegisterEntry | None:
        """One decision of the register by its number (`status ZOD-B-2026-001`)."""
        return self.read(lambda uow: find_decision(uow, number))

    def register(self) -> list[RegisterEntry]:
        """The decision register: on ideas and on spend requests, in date order (`bot.services.register`);
        `vaart decisions` publishes it, the chat pages through `decisions`."""
        return self.read(decision_register)
