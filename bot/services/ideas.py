"""Use cases on ideas: submit, route through orientation, design, toetsing and decision, follow.

Each method is one transaction (see `Service.run`): the domain changes, the audit entries and
the outbox messages commit together. Front ends call these and render the `Reply`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from bot.domain.decision_register import RegisterEntry
from bot.domain.errors import Refused
from bot.domain.governance import CONSENSUS, require_procedure, require_step
from bot.domain.ideas import Idea
from bot.domain.lifecycle import ACTIONS, NEXT_ROLES, TERMINAL, Status
from bot.domain.people import Person
from bot.domain.period import require_day
from bot.messages import profiled
from bot.services.agenda import Placement, StorePlanned, next_meeting_after, place_on_agenda, put_on_agenda
from bot.services.base import Context, Reply, Service, resolve_actor
from bot.services.budget_lines import allocate_for_decision, follow_penvoerder
from bot.services.ports.meetings import meeting_uow
from bot.services.ports.read_models import PAGE, DecisionSummary, IdeaSummary, Page
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import Recorder
from bot.services.register import decision_register, find_decision, page_with_objections

Change = Callable[[Idea, Person, datetime, UnitOfWork], Reply]


@dataclass(frozen=True)
class MyOverview:
    """The first page of "my ideas" and of "my tasks" (the ideas waiting for one of my roles)."""

    person: Person
    involved: Page[IdeaSummary]
    tasks: Page[IdeaSummary]


OPEN_STATUSES = tuple(s.value for s in Status if s not in TERMINAL)


def waiting_for(person: Person) -> tuple[list[str], list[str]]:
    """The statuses in which an idea waits for one of *person*'s roles, and among them those where
    it waits only for its own kernteam contact (a proposal being worked out)."""
    waiting = [s.value for s, roles in NEXT_ROLES.items() if person.has_role(*roles)]
    return waiting, [s for s in waiting if s == Status.VOORSTEL.value]


class IdeaService(Service):
    def __init__(self, ctx: Context, store_planned: StorePlanned | None = None) -> None:
        super().__init__(ctx)
        # how a calendar meeting not yet in the store is put there when an agenda needs it (with its
        # reminders and invitations: `MeetingService.store_planned`, handed in by the composition root)
        self.store_planned = store_planned

    # -- helpers -------------------------------------------------------------------------
    def _idea(self, uow: UnitOfWork, reference: str) -> Idea:
        idea = uow.ideas.get(reference.strip().upper())
        if idea is None:
            raise Refused("idea.unknown_reference", reference=reference.strip()[:40])
        return idea

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
            idea = self._idea(uow, reference)
            reply: Reply = change(idea, actor, now, uow)
            Recorder(uow, self.programme, now, origin).events(idea, actor, idea.pull_events())
            return reply

        return self.run(actor_email, origin, action, reference.strip().upper()[:40], work, request_key)

    def _person(self, uow: UnitOfWork, email: str) -> Person:
        person = uow.people.get(email.strip().lower())
        if person is None:
            raise Refused("person.unknown", email=email.strip()[:80])
        return person

    # -- commands ------------------------------------------------------------------------
    def submit(
        self,
        actor_email: str,
        origin: str,
        title: str,
        description: str,
        organisation: str | None = None,
        support_asked: str | None = None,
        opgaven: Iterable[str] = (),
        programmalijn: str | None = None,
        request_key: str | None = None,
    ) -> Reply:
        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            year = now.year
            prefix = self.programme.reference_prefix
            number = uow.next_number(f"idea:{prefix}:{year}")
            reference = f"{prefix}-{year}-{number:04d}"
            idea = Idea.submit(
                self.programme, reference, actor, title, description, now, origin, organisation, support_asked
            )
            for opgave in opgaven:
                idea.link_din(actor, self.programme, "opgave", opgave, now)
            if programmalijn:
                idea.link_din(actor, self.programme, "programmalijn", programmalijn, now)
            uow.ideas.add(idea)
            Recorder(uow, self.programme, now, origin).events(idea, actor, idea.pull_events())
            submitted = profiled("idea", "submitted", self.programme.governance.procedure("voorstel"))
            return Reply(submitted, {"reference": reference, "title": idea.title})

        return self.run(actor_email, origin, "submit", "-", work, request_key)

    def pick_up(
        self, actor_email: str, origin: str, reference: str, assignee: str | None = None,
        request_key: str | None = None,
    ) -> Reply:
        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            person = self._person(uow, assignee) if assignee else actor
            idea.pick_up(actor, person, now)
            return Reply("idea.picked_up", {"reference": idea.reference, "kernteam": person.name})

        return self._change(actor_email, origin, "pick_up", reference, change, request_key)

    def conclude_orientation(
        self,
        actor_email: str,
        origin: str,
        reference: str,
        outcome: str,
        designers: Iterable[str] = (),
        reason: str | None = None,
        request_key: str | None = None,
    ) -> Reply:
        members = list(designers)

        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            idea.conclude_orientation(actor, self.programme, outcome, now, members, reason)
            return Reply("idea.orientation_concluded", {"reference": idea.reference, "status": idea.status})

        return self._change(actor_email, origin, "orientation_outcome", reference, change, request_key)

    def start_proposal(
        self, actor_email: str, origin: str, reference: str, proposal_type: str, request_key: str | None = None
    ) -> Reply:
        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            idea.start_proposal(actor, self.programme, proposal_type, now)
            missing = ", ".join(idea.missing_parts(self.programme))
            return Reply("idea.proposal_started", {"reference": idea.reference, "missing": missing})

        return self._change(actor_email, origin, "start_proposal", reference, change, request_key)

    def set_part(
        self, actor_email: str, origin: str, reference: str, part: str, text: str, request_key: str | None = None
    ) -> Reply:
        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            idea.set_part(actor, self.programme, part, text, now)
            missing = ", ".join(idea.missing_parts(self.programme)) or "-"
            return Reply("idea.part_set", {"reference": idea.reference, "part": part.lower(), "missing": missing})

        return self._change(actor_email, origin, "set_part", reference, change, request_key)

    def link_din(
        self, actor_email: str, origin: str, reference: str, kind: str, value: str, request_key: str | None = None
    ) -> Reply:
        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            name = idea.link_din(actor, self.programme, kind, value, now)
            return Reply("idea.din_linked", {"reference": idea.reference, "kind": kind, "value": name})

        return self._change(actor_email, origin, "link_din", reference, change, request_key)

    def submit_for_review(
        self, actor_email: str, origin: str, reference: str, request_key: str | None = None
    ) -> Reply:
        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            require_step(self.programme.governance, "toetsing", idea.reference)  # [besturing] stappen
            idea.submit_for_review(actor, self.programme, now)
            return Reply("idea.ready_for_review", {"reference": idea.reference})

        return self._change(actor_email, origin, "submit_for_review", reference, change, request_key)

    def recuse(self, actor_email: str, origin: str, reference: str, request_key: str | None = None) -> Reply:
        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            if not ACTIONS["recuse"].actors & set(self.programme.roles):  # the VDG has no expertteam or stuurgroep
                raise Refused("idea.no_such_role", reference=idea.reference)
            new = idea.recuse(actor, now)
            return Reply("idea.recused" if new else "idea.already_recused", {"reference": idea.reference})

        return self._change(actor_email, origin, "recuse", reference, change, request_key)

    def record_advice(
        self,
        actor_email: str,
        origin: str,
        reference: str,
        positive: bool,
        criteria: Mapping[str, tuple[str, str]],
        principles: Mapping[str, tuple[str, str]],
        development_advice: str,
        request_key: str | None = None,
    ) -> Reply:
        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            idea.record_advice(actor, self.programme, positive, criteria, principles, development_advice, now)
            return Reply("idea.advice_recorded", {"reference": idea.reference, "positive": positive})

        return self._change(actor_email, origin, "record_advice", reference, change, request_key)

    def schedule(
        self,
        actor_email: str,
        origin: str,
        reference: str,
        meeting_date: date | None = None,
        request_key: str | None = None,
        admit: bool = False,
    ) -> Reply:
        """Put a proposal on a stuurgroep agenda. Without a date: the first meeting in the store whose
        route has not passed its first deadline. A date past that deadline is refused as late unless
        the programmadirecteur *admit*s it (`agenderen REF DATUM toelaten`)."""

        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            action = ACTIONS["schedule"]
            if not actor.has_role(*action.actors) or idea.state not in action.sources:
                idea.schedule(actor, meeting_date or now.date(), now)  # the domain refuses with its reason
            if hasattr(uow, "meetings"):
                placement = place_on_agenda(
                    meeting_uow(uow), self.programme, actor, meeting_date, admit, now, self.store_planned
                )
            elif meeting_date is None:
                raise Refused("agenda.no_open_meeting")
            else:
                require_day(self.programme.period, meeting_date)
                placement = Placement(meeting_date, None, late=False)
            idea.schedule(actor, placement.day, now, late=placement.late)
            if placement.meeting is not None:
                put_on_agenda(meeting_uow(uow), idea, placement, now)
            return Reply(
                "idea.scheduled",
                {
                    "reference": idea.reference,
                    "date": placement.day.strftime("%d-%m-%Y"),
                    "late": placement.late,
                    "in_calendar": placement.meeting is not None,
                },
            )

        return self._change(actor_email, origin, "schedule", reference, change, request_key)

    def decide(
        self,
        actor_email: str,
        origin: str,
        reference: str,
        outcome: str,
        present: Iterable[str],
        considerations: str,
        objections: Iterable[str] = (),
        conditions: Iterable[str] = (),
        amount: Decimal | None = None,
        request_key: str | None = None,
    ) -> Reply:
        attendees = list(present)

        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            require_procedure(self.programme.governance, "voorstel", CONSENSUS, idea.reference)
            people = [self._person(uow, email) for email in attendees]
            number = f"{self.programme.reference_prefix}-B-{now.year}-{uow.next_number(f'decision:{now.year}'):03d}"
            decision = idea.decide(
                actor, self.programme, outcome, people, considerations, number, now,
                objections=objections, conditions=conditions, amount=amount,
            )
            # "akkoord" allocates the amount on the idea's programmalijn line, in this same transaction
            allocate_for_decision(uow, self.programme, idea, decision, actor, origin, now)
            return Reply(
                "idea.decided",
                {"reference": idea.reference, "number": decision.number, "outcome": decision.outcome},
            )

        return self._change(actor_email, origin, "decide", reference, change, request_key)

    def no_consensus(
        self,
        actor_email: str,
        origin: str,
        reference: str,
        objections: Iterable[str],
        request_key: str | None = None,
    ) -> Reply:
        """The staf records that the stuurgroep reached no consensus (§3.1): not a decision; the
        proposal goes to the next stuurgroep meeting `vergaderingen` lists (or stays without one)."""
        listed = list(objections)

        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            require_procedure(self.programme.governance, "voorstel", CONSENSUS, idea.reference)  # a stuurgroep's
            held = idea.meeting_date
            nxt = None
            if held is not None and hasattr(uow, "meetings") and actor.has_role(*ACTIONS["no_consensus"].actors):
                nxt = next_meeting_after(meeting_uow(uow), self.programme, held, now, self.store_planned)
            day = idea.record_no_consensus(actor, self.programme, listed, now, nxt.day if nxt else None)
            if nxt is not None:
                put_on_agenda(meeting_uow(uow), idea, Placement(nxt.day, nxt, late=False), now)
            params = {"reference": idea.reference, "date": day.strftime("%d-%m-%Y"), "count": len(listed)}
            if nxt is None:
                return Reply("idea.no_consensus_stays", params)
            return Reply("idea.no_consensus_recorded", {**params, "next": nxt.day.strftime("%d-%m-%Y")})

        return self._change(actor_email, origin, "no_consensus", reference, change, request_key)

    def set_penvoerder(
        self, actor_email: str, origin: str, reference: str, penvoerder: str, request_key: str | None = None
    ) -> Reply:
        """Set or change the project's penvoerder (lead partner); a project already in the budget
        follows, so the budget report by penvoerder uses it."""

        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            previous = idea.set_penvoerder(actor, self.programme, penvoerder, now)
            follow_penvoerder(uow, idea)
            return Reply(
                "idea.penvoerder_set",
                {"reference": idea.reference, "penvoerder": idea.penvoerder, "previous": previous or "-"},
            )

        return self._change(actor_email, origin, "set_penvoerder", reference, change, request_key)

    def start_execution(
        self, actor_email: str, origin: str, reference: str, request_key: str | None = None
    ) -> Reply:
        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            idea.start_execution(actor, now)
            return Reply("idea.execution_started", {"reference": idea.reference})

        return self._change(actor_email, origin, "start_execution", reference, change, request_key)

    def report_progress(
        self, actor_email: str, origin: str, reference: str, text: str, request_key: str | None = None
    ) -> Reply:
        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            idea.report_progress(actor, self.programme, text, now)
            return Reply("idea.progress_reported", {"reference": idea.reference})

        return self._change(actor_email, origin, "report_progress", reference, change, request_key)

    def complete(
        self, actor_email: str, origin: str, reference: str, evaluation: str, request_key: str | None = None
    ) -> Reply:
        def change(idea: Idea, actor: Person, now: datetime, uow: UnitOfWork) -> Reply:
            idea.complete(actor, self.programme, evaluation, now)
            return Reply("idea.completed", {"reference": idea.reference})

        return self._change(actor_email, origin, "complete", reference, change, request_key)

    # -- queries -------------------------------------------------------------------------
    def status(self, actor_email: str, reference: str) -> Idea:
        def work(uow: UnitOfWork) -> Idea:
            idea = self._idea(uow, reference)
            if not idea.can_view(resolve_actor(uow, actor_email)):
                raise Refused("idea.not_yours", reference=idea.reference)
            return idea

        return self.read(work)

    def mine(self, actor_email: str, limit: int = PAGE) -> MyOverview:
        def work(uow: UnitOfWork) -> MyOverview:
            person = resolve_actor(uow, actor_email)
            waiting, own_only = waiting_for(person)
            return MyOverview(
                person,
                uow.ideas.involving_page(person.email, limit),
                uow.ideas.task_page(person.email, waiting, own_only, limit),
            )

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
            person = resolve_actor(uow, actor_email)
            waiting, own_only = waiting_for(person)
            return uow.ideas.task_page(person.email, waiting, own_only, limit, after)

        return self.read(work)

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
