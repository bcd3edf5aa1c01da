"""Use cases on ideas: submit, route through orientation, design, toetsing and decision, follow. The
meeting's part (agenda, decision, no consensus) is in `bot.services.idea_meetings`, the reads in
`bot.services.idea_queries`, the transaction they share in `bot.services.idea_changes`.

Each method is one transaction (see `Service.run`): the domain changes, the audit entries and
the outbox messages commit together. Front ends call these and render the `Reply`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from bot.domain.errors import Refused
from bot.domain.governance import require_step
from bot.domain.ideas import Idea
from bot.domain.lifecycle import ACTIONS
from bot.domain.people import Person
from bot.messages import profiled
from bot.services.base import Reply
from bot.services.budget_lines import follow_penvoerder
from bot.services.idea_meetings import MeetingDecisions
from bot.services.idea_queries import OPEN_STATUSES, IdeaQueries, MyOverview, waiting_for
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import Recorder, remember_guest_language

__all__ = ["OPEN_STATUSES", "IdeaService", "MyOverview", "waiting_for"]


class IdeaService(MeetingDecisions, IdeaQueries):
    """Every use case on ideas: the route's commands here, the meeting's (`MeetingDecisions`) and the reads
    (`IdeaQueries`) in their own modules."""

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
        language: str | None = None,
    ) -> Reply:
        """A new idea at the virtueel punt. *language*: the one the submitter is using; for someone not in
        the register it is remembered, so the acknowledgement and what follows come in it."""
        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if language is not None and not actor.known:
                remember_guest_language(uow, actor.email, language, self.programme.language, now, origin)
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
            missing = ", ".join(idea.missing_parts(self.programme))
            code = "idea.part_set" if missing else "idea.part_set_complete"
            return Reply(code, {"reference": idea.reference, "part": part.lower(), "missing": missing})

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
