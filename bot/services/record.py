"""Turn what happened into the record and the messages: one audit entry per domain event, and the
notifications it causes, written to the outbox inside the same transaction.

Who is told what: the indiener and the ontwerpteam hear every change of status (and always the
decision with its considerations); the role whose turn it is gets a task notice; nobody is told
about their own action twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from bot.domain.assessment import DomainEvent
from bot.domain.audit import AuditRecord
from bot.domain.ideas import Idea
from bot.domain.lifecycle import NEXT_ROLES, Status
from bot.domain.money import format_euro
from bot.domain.people import Person, language_of
from bot.domain.programme import Programme
from bot.messages import profiled, render
from bot.services.digest_hold import STATUS_NOTICE, send_or_hold
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.unit_of_work import UnitOfWork

QUIET_EVENTS = frozenset({"part_set", "din_linked", "recused", "progress_reported", "penvoerder_set"})


def audit(
    uow: UnitOfWork,
    now: datetime,
    actor: str,
    action: str,
    obj: str,
    origin: str,
    result: str = "ok",
    details: dict[str, Any] | None = None,
) -> int:
    record = AuditRecord(
        at=now.astimezone(UTC).isoformat(timespec="microseconds"),
        actor=actor,
        action=action,
        object=obj,
        result=result,
        origin=origin,
        details=details or {},
    )
    return uow.append_audit(record)


def reader_language(uow: UnitOfWork, email: str, default: str, person: Person | None = None) -> str:
    """The language *email* reads (`language_of`): their register entry's (*person*, looked up when not
    given), else the one they chose while not in the register (looked up only then), else *default*."""
    who = person if person is not None else uow.people.get(email)
    if who is not None and who.language:
        return who.language
    return language_of(who, default, uow.people.language_choice(email))


def remember_guest_language(uow: UnitOfWork, email: str, language: str, default: str, now: datetime,
                            origin: str) -> None:
    """Someone not in the register is using *language*: when it is not what they would be sent in
    already, it becomes their choice (on record like `taal`)."""
    if (uow.people.language_choice(email) or default) != language:
        uow.people.choose_language(email, language, now)
        audit(uow, now, email, "person_language", email, origin, details={"language": language})


class Recorder:
    """Writes audit entries and notifications for the events of one idea."""

    def __init__(self, uow: UnitOfWork, programme: Programme, now: datetime, origin: str) -> None:
        self.uow = uow
        self.programme = programme
        self.now = now
        self.origin = origin
        self._people: dict[str, Person] | None = None
        self._languages: dict[str, str] = {}

    @property
    def people(self) -> dict[str, Person]:
        """Everyone with a function, read once per command (languages, who holds which role)."""
        if self._people is None:
            self._people = {p.email: p for p in self.uow.people.everyone()}
        return self._people

    def record(self, obj: str, actor: str, event: DomainEvent) -> int:
        """An event of something else than an idea (a meeting, a spend request): its audit entry,
        whose sequence number keys the notifications the caller writes for it."""
        return audit(self.uow, self.now, actor, event.kind, obj, self.origin, details=event.data)

    def events(self, idea: Idea, actor: Person, events: Iterable[DomainEvent]) -> None:
        for event in events:
            seq = audit(self.uow, self.now, actor.email, event.kind, idea.reference, self.origin, details=event.data)
            for message in self._messages(idea, actor, event, seq):
                send_or_hold(self.uow, self.programme, message, self.now)  # status notices may wait a day

    # -- who hears what ---------------------------------------------------------------
    def _messages(self, idea: Idea, actor: Person, event: DomainEvent, seq: int) -> list[OutboundMessage]:
        if event.kind in QUIET_EVENTS:
            return []
        out: list[OutboundMessage] = []
        told: set[str] = set()

        def tell(recipient: str, code: str, **params: Any) -> None:
            if recipient in told:
                return
            told.add(recipient)
            notice = {"notice": STATUS_NOTICE} if code == "notify.status_changed" else {}  # not urgent
            lang = self._language(recipient)
            subject = render(f"{code}.subject", lang, reference=idea.reference, title=idea.title, **params)
            body = render(code, lang, reference=idea.reference, title=idea.title, **params)
            out.append(
                OutboundMessage(
                    key=f"{idea.reference}:{seq}:{event.kind}:{recipient}",
                    recipient=recipient,
                    subject=subject,
                    body=body,
                    payload={"reference": idea.reference, "event": event.kind, "status": idea.status, **notice},
                )
            )

        # The specific message first: whoever gets one hears nothing generic about the same event.
        if event.kind == "orientation_concluded":
            for email in idea.designers:
                tell(email, "notify.designer_invited")
        if event.kind == "picked_up" and idea.kernteam_contact and idea.kernteam_contact != actor.email:
            tell(idea.kernteam_contact, profiled("task", "assigned", self.programme.governance.procedure("voorstel")))
        if event.kind == "submitted":
            tell(idea.submitter, profiled("notify", "submitted", self.programme.governance.procedure("voorstel")))
        elif event.kind == "no_consensus":  # §3.1: not a decision, but the ontwerpteam hears why it waits
            for email in [idea.submitter, *idea.designers]:
                tell(email, "notify.no_consensus", **self._no_consensus_params(event))
        elif event.kind == "decided":
            for email in [idea.submitter, *idea.designers]:
                tell(email, profiled("notify", "decided", self.programme.governance.procedure("voorstel")),
                     **self._decision_params(idea, email))
        else:
            for email in idea.stakeholders():
                if email != actor.email:
                    tell(email, "notify.status_changed", status=self._status(idea.state, email))
        for role in NEXT_ROLES.get(idea.state, ()):
            for member in [p for p in self.people.values() if role in p.roles]:
                if member.email != actor.email and not idea.is_conflicted(member.email):
                    tell(member.email, "task.turn", status=self._status(idea.state, member.email))
        return out

    def _language(self, email: str) -> str:
        """`reader_language`, once per command and recipient, from the people already read."""
        if email not in self._languages:
            self._languages[email] = reader_language(self.uow, email, self.programme.language, self.people.get(email))
        return self._languages[email]

    def _status(self, status: Status, email: str) -> str:
        procedure = self.programme.governance.procedure("voorstel")
        return render(profiled("status", status.value, procedure), self._language(email))

    @staticmethod
    def _no_consensus_params(event: DomainEvent) -> dict[str, Any]:
        def day(key: str) -> str:
            value = str(event.data.get(key) or "")
            return date.fromisoformat(value).strftime("%d-%m-%Y") if value else "-"

        objections = event.data.get("objections") or []
        listed = "; ".join(str(o) for o in objections) if isinstance(objections, list) else str(objections)
        return {"date": day("meeting_date"), "next": day("next_meeting"), "objections": listed or "-"}

    def _decision_params(self, idea: Idea, email: str) -> dict[str, Any]:
        decision = idea.decisions[-1]
        lang = self._language(email)
        return {
            "outcome": render(f"outcome.{decision.outcome}", lang),
            "number": decision.number,
            "considerations": decision.considerations,
            "conditions": "; ".join(decision.conditions) or "-",
            "amount": format_euro(decision.amount) if decision.amount is not None else "-",
        }
