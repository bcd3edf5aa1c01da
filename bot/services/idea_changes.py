"""What every change to an idea shares: the one transaction that loads the idea, lets the domain change it
and records its events (`IdeaChanges._change`), for the route's commands (`bot.services.ideas`) and the
meeting's (`bot.services.idea_meetings`) alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.people import Person
from bot.services.agenda import StorePlanned
from bot.services.base import Context, Reply, Service
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import Recorder

Change = Callable[[Idea, Person, datetime, UnitOfWork], Reply]


def find_idea(uow: UnitOfWork, reference: str) -> Idea:
    """The idea with *reference* (as typed), or the refusal that names it."""
    idea = uow.ideas.get(reference.strip().upper())
    if idea is None:
        raise Refused("idea.unknown_reference", reference=reference.strip()[:40])
    return idea


class IdeaChanges(Service):
    def __init__(self, ctx: Context, store_planned: StorePlanned | None = None) -> None:
        super().__init__(ctx)
        # how a calendar meeting not yet in the store is put there when an agenda needs it (with its
        # reminders and invitations: `MeetingService.store_planned`, handed in by the composition root)
        self.store_planned = store_planned

    # -- helpers -------------------------------------------------------------------------
    def _change(
        self,
        actor_email: str,
        origin: str,
        action: str,
        reference: str,
        change: Change,
        request_key: str | None = None,
    ) -> Reply:
        """Load the idea, apply *change(idea, actor, now, uow)*, record its events."""

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            idea = find_idea(uow, reference)
            reply: Reply = change(idea, actor, now, uow)
            Recorder(uow, self.programme, now, origin).events(idea, actor, idea.pull_events())
            return reply

        return self.run(actor_email, origin, action, reference.strip().upper()[:40], work, request_key)

    def _person(self, uow: UnitOfWork, email: str) -> Person:
        person = uow.people.get(email.strip().lower())
        if person is None:
            raise Refused("person.unknown", email=email.strip()[:80])
        return person
