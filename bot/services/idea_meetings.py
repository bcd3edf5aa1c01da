"""The meeting's part of an idea's route: a proposal put on the agenda of the route's gremium (the
stuurgroep), and what that meeting records: a decision by consensus, or that there was none (§3.1). A
programme whose colleges decide one by one (the VDG) refuses these: `bot.services.member_bodies`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from bot.domain.errors import Refused
from bot.domain.governance import CONSENSUS, require_procedure
from bot.domain.ideas import Idea
from bot.domain.lifecycle import ACTIONS
from bot.domain.people import Person
from bot.domain.period import require_day
from bot.services.agenda import Placement, next_meeting_after, place_on_agenda, put_on_agenda
from bot.services.base import Reply
from bot.services.budget_lines import allocate_for_decision
from bot.services.idea_changes import IdeaChanges
from bot.services.ports.meetings import meeting_uow
from bot.services.ports.unit_of_work import UnitOfWork


class MeetingDecisions(IdeaChanges):
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
