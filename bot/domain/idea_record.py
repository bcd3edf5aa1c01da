"""What an idea is and what it says about itself: its recorded state, its pending events, who is related
to it, what it still misses and who may act on it.

The commands that move it along its route are `Idea`'s (`bot.domain.ideas`), which builds on this; the
split keeps the aggregate's state and queries apart from its transitions, each readable in one sitting.
Nobody outside the aggregate builds an `IdeaRecord` or calls `_record`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.domain.assessment import Advice, Decision, DomainEvent, ProgressReport
from bot.domain.din import empty_din
from bot.domain.errors import Refused
from bot.domain.lifecycle import ACTIONS, DESIGNER, SUBMITTER, Status
from bot.domain.people import Person
from bot.domain.programme import Programme


@dataclass
class IdeaRecord:
    """The idea's state as stored (`storage.idea_rows`), its queries and the guard every command uses."""

    reference: str
    title: str
    description: str
    submitter: str
    submitted_at: datetime
    origin: str
    organisation: str | None = None
    support_asked: str | None = None
    status: str = Status.INGEDIEND.value
    kernteam_contact: str | None = None
    designers: list[str] = field(default_factory=list)
    outcome_reason: str | None = None
    proposal_type: str | None = None
    parts: dict[str, str] = field(default_factory=dict)
    din: dict[str, Any] = field(default_factory=empty_din)
    recusals: list[str] = field(default_factory=list)
    meeting_date: date | None = None
    evaluation: str | None = None
    penvoerder: str | None = None
    updated_at: datetime | None = None
    advices: list[Advice] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    progress: list[ProgressReport] = field(default_factory=list)

    # -- events --------------------------------------------------------------------------
    def _record(self, event_name: str, now: datetime, /, **data: object) -> None:
        pending: list[DomainEvent] = self.__dict__.setdefault("_pending_events", [])
        pending.append(DomainEvent(event_name, {"status": self.status, **data}))
        self.updated_at = now

    def pull_events(self) -> list[DomainEvent]:
        pending: list[DomainEvent] = self.__dict__.setdefault("_pending_events", [])
        events = list(pending)
        pending.clear()
        return events

    # -- relations -----------------------------------------------------------------------
    @property
    def state(self) -> Status:
        return Status(self.status)

    def is_conflicted(self, email: str) -> bool:
        """Whoever submitted or designed the proposal may not assess or decide on it."""
        return is_involved(email, self.submitter, self.designers)

    def can_view(self, person: Person) -> bool:
        return may_view(person, self.submitter, self.designers)

    def stakeholders(self) -> list[str]:
        """Who is always told about the idea's progress: the indiener and the ontwerpteam."""
        people = [self.submitter, *self.designers]
        if self.kernteam_contact:
            people.append(self.kernteam_contact)
        return list(dict.fromkeys(people))

    @property
    def current_advice(self) -> Advice | None:
        if self.state in (Status.GETOETST, Status.GEAGENDEERD) or self.decisions:
            return self.advices[-1] if self.advices else None
        return None

    def missing_parts(self, programme: Programme) -> list[str]:
        return [key for key in programme.proposal_parts if not self.parts.get(key)]

    def missing_din(self) -> list[str]:
        """The DIN links toetsing needs: an opgave and a programmalijn, and (Bijlage 4 "de bijdrage aan
        de (sub)doelen (DIN)", §5 every intervention linked to the leidende principes) a subdoel and a
        principe."""
        missing = []
        for kind, key in (("opgave", "opgaven"), ("programmalijn", "programmalijn"), ("subdoel", "subdoelen"),
                          ("principe", "principes")):
            if not self.din.get(key):
                missing.append(kind)
        return missing

    @property
    def lead_partner(self) -> str | None:
        """The penvoerder as set, else the submitter's organisation (what it was before one was set)."""
        return self.penvoerder or self.organisation

    # -- who may act ---------------------------------------------------------------------
    def _authorize(self, action_key: str, actor: Person) -> None:
        action = ACTIONS[action_key]
        relations = set(actor.roles)
        if actor.email == self.submitter:
            relations.add(SUBMITTER)
        if actor.email in self.designers:
            relations.add(DESIGNER)
        if not action.actors & relations:
            raise Refused("idea.wrong_role", action=action_key, roles=sorted(action.actors), reference=self.reference)
        if self.state not in action.sources:
            raise Refused(
                "idea.transition_not_allowed", action=action_key, reference=self.reference, status=self.status
            )


def is_involved(email: str, submitter: str, designers: Sequence[str]) -> bool:
    """*email* submitted or helps design the idea."""
    return email == submitter or email in designers


def may_view(person: Person, submitter: str, designers: Sequence[str]) -> bool:
    """Who may see an idea: anyone holding a function, else only its indiener and ontwerpteam (the
    rule of `status` in chat and of the web's idea page, also for a read model of the idea)."""
    return bool(person.roles) or is_involved(person.email, submitter, designers)
