"""The idea aggregate: one idea from the virtueel punt to an afgerond project.

Every change goes through a method that checks who acts (`lifecycle.ACTIONS`), the state, the
preconditions (Bijlage 4 parts, DIN links, consensus, conflicts of interest) and then records a
`DomainEvent`. A refusal raises `Refused` before anything is changed. The idea's fields and what it
says about itself (its relations, what it misses) are in `bot.domain.idea_record`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal

from bot.domain.assessment import Advice, Decision, Judgement, ProgressReport, judgements
from bot.domain.decision_rules import (
    require_consensus,
    require_meeting_held,
    require_rejection_criteria_met,
    split_present,
)
from bot.domain.din import DIN_KINDS, empty_din, link, match_option
from bot.domain.errors import Refused
from bot.domain.idea_record import IdeaRecord
from bot.domain.lifecycle import DECISIONS, EDITABLE, ORIENTATION_OUTCOMES, Status
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.domain.text import clean_email, clean_optional, clean_text

__all__ = ["BODY_OUTCOMES", "DIN_KINDS", "Idea", "empty_din", "match_option"]

BODY_OUTCOMES = ("akkoord", "afgewezen")  # what a member body, and so the bodies together, may decide


class Idea(IdeaRecord):
    """The idea on its route: each command checks who acts and the state (`_authorize`), then the
    preconditions, changes the idea and records its event; a refusal comes before any change."""

    # -- the virtueel punt ---------------------------------------------------------------
    @classmethod
    def submit(
        cls,
        programme: Programme,
        reference: str,
        submitter: Person,
        title: str,
        description: str,
        now: datetime,
        origin: str,
        organisation: str | None = None,
        support_asked: str | None = None,
    ) -> Idea:
        """An idea reaches the virtueel punt. Open to everyone, known or not."""
        limits = programme.limits
        idea = cls(
            reference=reference,
            title=clean_text(title, "titel", limits.title_max, multiline=False),
            description=clean_text(description, "omschrijving", limits.text_max),
            submitter=submitter.email,
            submitted_at=now,
            origin=origin,
            organisation=clean_optional(organisation, "organisatie", limits.name_max, multiline=False)
            or submitter.organisation,
            support_asked=clean_optional(support_asked, "gevraagde ondersteuning", limits.text_max),
        )
        idea._arrive(now)
        return idea

    def _arrive(self, now: datetime) -> None:
        """The first event of a new idea (the acknowledgement and the kernteam's task follow from it)."""
        self._record("submitted", now, title=self.title)

    # -- the route -----------------------------------------------------------------------
    def pick_up(self, actor: Person, assignee: Person, now: datetime) -> None:
        self._authorize("pick_up", actor)
        if not assignee.has_role("kernteam"):
            raise Refused("idea.assignee_not_kernteam", email=assignee.email)
        self.kernteam_contact = assignee.email
        self.status = Status.ORIENTATIE.value
        self._record("picked_up", now, kernteam=assignee.email, by=actor.email)

    def conclude_orientation(
        self,
        actor: Person,
        programme: Programme,
        outcome: str,
        now: datetime,
        designers: Iterable[str] = (),
        reason: str | None = None,
    ) -> None:
        self._authorize("orientation_outcome", actor)
        if outcome not in ORIENTATION_OUTCOMES:
            raise Refused("idea.unknown_outcome", outcome=outcome.replace("_", "-")[:30],
                          options=", ".join(key.replace("_", "-") for key in ORIENTATION_OUTCOMES))
        limit = programme.limits.text_max
        members = list(dict.fromkeys(clean_email(e) for e in designers))
        if outcome == "ontwerpteam":
            if not members:
                raise Refused("idea.designers_required")
            note = clean_optional(reason, "toelichting", limit)
        else:
            if members:
                raise Refused("idea.designers_only_for_ontwerpteam")
            note = clean_text(reason, "reden", limit)
        self.designers = members
        self.outcome_reason = note
        self.status = ORIENTATION_OUTCOMES[outcome].value
        self._record("orientation_concluded", now, outcome=outcome, designers=members, reason=note or "")

    def start_proposal(self, actor: Person, programme: Programme, proposal_type: str, now: datetime) -> None:
        self._authorize("start_proposal", actor)
        kind = proposal_type.strip().lower()
        if kind not in programme.proposal_types:
            raise Refused("idea.unknown_proposal_type", type=proposal_type, options=", ".join(programme.proposal_types))
        self.proposal_type = kind
        self.status = Status.VOORSTEL.value
        self._record("proposal_started", now, type=kind)

    def set_part(self, actor: Person, programme: Programme, part: str, text: str, now: datetime) -> None:
        self._authorize("set_part", actor)
        key = part.strip().lower()
        if key not in programme.proposal_parts:
            raise Refused("idea.unknown_part", part=part, options=", ".join(programme.proposal_parts))
        self.parts = {**self.parts, key: clean_text(text, key, programme.limits.text_max)}
        self._record("part_set", now, part=key)

    def link_din(self, actor: Person, programme: Programme, kind: str, value: str, now: datetime) -> str:
        """Link the idea to an opgave, programmalijn, subdoel or principe; returns the canonical name."""
        self._authorize("link_din", actor)
        self.din, name = link(self.din, programme, kind, value)
        self._record("din_linked", now, kind=kind, value=name)
        return name

    def submit_for_review(self, actor: Person, programme: Programme, now: datetime) -> None:
        self._authorize("submit_for_review", actor)
        missing = self.missing_parts(programme)
        if missing:
            raise Refused("idea.parts_missing", reference=self.reference, parts=", ".join(missing))
        missing_din = self.missing_din()
        if missing_din:
            raise Refused("idea.din_missing", reference=self.reference, missing=", ".join(missing_din))
        self.status = Status.GEREED.value
        self._record("ready_for_review", now)

    def recuse(self, actor: Person, now: datetime) -> bool:
        """Record that *actor* steps aside for this proposal. Returns False when already recorded."""
        self._authorize("recuse", actor)
        if actor.email in self.recusals:
            return False
        self.recusals = [*self.recusals, actor.email]
        self._record("recused", now, person=actor.email)
        return True

    def record_advice(
        self,
        actor: Person,
        programme: Programme,
        positive: bool,
        criteria: Mapping[str, tuple[str, str]],
        principles: Mapping[str, tuple[str, str]],
        development_advice: str,
        now: datetime,
    ) -> Advice:
        self._authorize("record_advice", actor)
        if self.is_conflicted(actor.email) or actor.email in self.recusals:
            raise Refused("idea.conflict_of_interest", email=actor.email, reference=self.reference)
        limit = programme.limits.text_max
        judged_criteria = judgements(criteria, list(programme.criteria), "criterium", limit)
        judged_principles = judgements(principles, list(programme.principles), "principe", limit)
        if positive:
            for key, spec in programme.criteria.items():
                if spec.rejecting and judged_criteria[key]["oordeel"] == Judgement.VOLDOET_NIET:
                    raise Refused("advice.rejecting_criterion", criterion=spec.name)
        advice = Advice(
            positive=positive,
            criteria=judged_criteria,
            principles=judged_principles,
            development_advice=clean_text(development_advice, "ontwikkeladvies", limit),
            recorded_by=actor.email,
            recorded_at=now,
        )
        self.advices.append(advice)
        self.status = Status.GETOETST.value
        self._record("advice_recorded", now, positive=positive)
        return advice

    def schedule(self, actor: Person, meeting_date: date, now: datetime, late: bool = False) -> None:
        """Put the proposal on the stuurgroep agenda of *meeting_date*; *late* when the programmadirecteur
        admitted it after the route's first deadline (the agenda rule lives in the meetings service)."""
        self._authorize("schedule", actor)
        if meeting_date < now.date():
            raise Refused("idea.meeting_in_past", date=meeting_date.isoformat())
        self.meeting_date = meeting_date
        self.status = Status.GEAGENDEERD.value
        if late:
            self._record("scheduled", now, meeting_date=meeting_date.isoformat(), late=True)
        else:
            self._record("scheduled", now, meeting_date=meeting_date.isoformat())

    def decide(
        self,
        actor: Person,
        programme: Programme,
        outcome: str,
        present: Iterable[Person],
        considerations: str,
        number: str,
        now: datetime,
        objections: Iterable[str] = (),
        conditions: Iterable[str] = (),
        amount: Decimal | None = None,
        in_writing: date | None = None,
    ) -> Decision:
        """The stuurgroep's decision, in its meeting; or, with *in_writing* (the day a schriftelijke
        ronde closed), outside it: then that day is the decision's date and no meeting is needed."""
        self._authorize("decide_in_writing" if in_writing else "decide", actor)
        if outcome not in DECISIONS:
            raise Refused("decision.unknown_outcome", outcome=outcome, options=", ".join(DECISIONS))
        limit = programme.limits.text_max
        deciding, recused = split_present(present, self.recusals, self.is_conflicted, self.reference)
        objection_list = [clean_text(o, "bezwaar", limit) for o in objections if o.strip()]
        condition_list = [clean_text(c, "voorwaarde", limit) for c in conditions if c.strip()]
        reasons = clean_text(considerations, "overwegingen", limit)
        decided_on = in_writing or require_meeting_held(self.meeting_date, now, self.reference)
        require_consensus(objection_list, outcome, self.reference)
        if outcome == "akkoord":
            require_rejection_criteria_met(self.current_advice, programme, self.reference)
            if amount is None:
                raise Refused("decision.amount_required")
        elif amount is not None:
            raise Refused("decision.amount_only_for_akkoord")
        if amount is not None and amount <= 0:
            raise Refused("amount.not_positive", text=str(amount))
        decision = Decision(
            number=number,
            outcome=outcome,
            decided_on=decided_on,
            present=deciding,
            recused=recused,
            objections=objection_list,
            conditions=condition_list,
            considerations=reasons,
            amount=amount,
            recorded_by=actor.email,
            recorded_at=now,
            subject=self.title,
        )
        return self._take(decision, now)

    def _take(self, decision: Decision, now: datetime) -> Decision:
        """A decision into the idea, however it was taken (in a meeting, in writing, by each member
        body): the state follows the outcome, and the one `decided` event says so."""
        self.decisions.append(decision)
        self.status = DECISIONS[decision.outcome].value
        if decision.outcome == "terug":
            self.meeting_date = None
        self._record(
            "decided",
            now,
            outcome=decision.outcome,
            number=decision.number,
            considerations=decision.considerations,
            conditions=decision.conditions,
            amount=str(decision.amount) if decision.amount is not None else "",
        )
        return decision

    def record_no_consensus(
        self,
        actor: Person,
        programme: Programme,
        objections: Iterable[str],
        now: datetime,
        next_meeting: date | None,
    ) -> date:
        """Put on record that the stuurgroep of the agenda's meeting reached no consensus (§3.1): not a
        decision; the proposal moves to *next_meeting* (or stays where it is without one). Returns the
        meeting day it was about."""
        self._authorize("no_consensus", actor)
        limit = programme.limits.text_max
        objection_list = [clean_text(o, "bezwaar", limit) for o in objections if o.strip()]
        if not objection_list:
            raise Refused("decision.objections_required", reference=self.reference)
        held = require_meeting_held(self.meeting_date, now, self.reference)
        if next_meeting is not None:
            self.meeting_date = next_meeting
        self._record(
            "no_consensus",
            now,
            meeting_date=held.isoformat(),
            objections=objection_list,
            next_meeting=next_meeting.isoformat() if next_meeting else "",
        )
        return held

    def set_penvoerder(self, actor: Person, programme: Programme, name: str, now: datetime) -> str | None:
        """The project's penvoerder (lead partner, §3.1): not always the submitter's organisation.
        Returns the previous one, or raises when nothing changes."""
        self._authorize("set_penvoerder", actor)
        chosen = clean_text(name, "penvoerder", programme.limits.name_max, multiline=False)
        previous = self.lead_partner
        if chosen == previous:
            raise Refused("idea.penvoerder_unchanged", reference=self.reference, penvoerder=chosen)
        self.penvoerder = chosen
        self._record("penvoerder_set", now, penvoerder=chosen, previous=previous or "")
        return previous

    # -- decided per member body (bot.domain.member_bodies) ---------------------------------
    def place_with_bodies(
        self,
        programme: Programme,
        gremium: str,
        bodies: str,
        positive: bool,
        text: str,
        amount: Decimal | None,
        deadline: date,
        now: datetime,
    ) -> str:
        """The preparatory gremium's advice (the PHO's) places a complete proposal with every member body
        of *bodies*, to decide by *deadline*; no stuurgroep meeting. Returns the advice text as checked, for
        the procedure's `PreparatoryAdvice` (the role check is the procedure's: `record_preparatory_advice`)."""
        if self.state not in EDITABLE:
            raise Refused("idea.transition_not_allowed", reference=self.reference, status=self.status)
        missing = self.missing_parts(programme)
        if missing:
            raise Refused("bodies.parts_missing", reference=self.reference, parts=", ".join(missing))
        missing_din = self.missing_din()
        if missing_din:
            raise Refused("bodies.din_missing", reference=self.reference, missing=", ".join(missing_din))
        if amount is not None and amount <= 0:
            raise Refused("amount.not_positive", text=str(amount))
        cleaned = clean_text(text, "toelichting", programme.limits.text_max)
        self.status = Status.GEAGENDEERD.value
        self.meeting_date = None
        self._record(
            "preparatory_advice", now, gremium=gremium, positive=positive, bodies=bodies,
            deadline=deadline.isoformat(),
        )
        return cleaned

    def decide_by_bodies(
        self,
        actor: Person,
        outcome: str,
        number: str,
        decided_on: date,
        conditions: Iterable[str],
        considerations: str,
        now: datetime,
    ) -> Decision:
        """The final decision once the member bodies' rule is met (`member_bodies.Tally`): "akkoord" or
        "afgewezen", dated the last deciding body's day; into the decisions, and so the register."""
        if self.state is not Status.GEAGENDEERD:
            raise Refused("idea.transition_not_allowed", reference=self.reference, status=self.status)
        if outcome not in BODY_OUTCOMES:
            raise Refused("bodies.unknown_outcome", outcome=outcome[:30], options=", ".join(BODY_OUTCOMES))
        decision = Decision(
            number=number,
            outcome=outcome,
            decided_on=decided_on,
            present=[],
            recused=[],
            objections=[],
            conditions=list(conditions),
            considerations=considerations,
            amount=None,
            recorded_by=actor.email,
            recorded_at=now,
            subject=self.title,
        )
        return self._take(decision, now)

    def start_execution(self, actor: Person, now: datetime) -> None:
        self._authorize("start_execution", actor)
        self.kernteam_contact = self.kernteam_contact or actor.email
        self.status = Status.IN_UITVOERING.value
        self._record("execution_started", now, regisseur=self.kernteam_contact)

    def report_progress(self, actor: Person, programme: Programme, text: str, now: datetime) -> None:
        self._authorize("report_progress", actor)
        report = ProgressReport(clean_text(text, "voortgang", programme.limits.text_max), actor.email, now)
        self.progress.append(report)
        self._record("progress_reported", now)

    def complete(self, actor: Person, programme: Programme, evaluation: str, now: datetime) -> None:
        self._authorize("complete", actor)
        self.evaluation = clean_text(evaluation, "evaluatie", programme.limits.text_max)
        self.status = Status.AFGEROND.value
        self._record("completed", now)

