"""Use cases of the `per-member-body` procedure: the preparatory advice (the PHO) and each member
body's decision (a collegebesluit), and the final decision once the profile's rule is met.

Each command is one transaction: the idea's state, the advice or body decision, the audit entry,
the final decision in the register and the messages commit together (`Service.run`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bot.domain.budget_mandate import RequestStatus, SpendRequest
from bot.domain.contributions import handgeld
from bot.domain.errors import Refused
from bot.domain.governance import Body, DecisionSpec, Gremium
from bot.domain.ideas import Idea
from bot.domain.member_bodies import (
    BodyDecision,
    PreparatoryAdvice,
    Subject,
    Tally,
    conclude,
    procedure_spec,
    record_body_decision,
    record_preparatory_advice,
    record_spend_advice,
    tally,
)
from bot.domain.money import format_euro
from bot.domain.people import Person, language_of
from bot.messages import render
from bot.programme.contributions import handgeld_share
from bot.services.base import Context, Reply, Service
from bot.services.budget_lines import lines_in_store, locked_line
from bot.services.ports.budget import budget_uow
from bot.services.ports.member_bodies import member_body_uow
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import Recorder, audit
from bot.services.spending import SpendCommands

# the payload event of the notice that asks an accounthouder for their college's decision (its form's button)
COLLEGE_ASK = "preparatory_advice"


@dataclass(frozen=True)
class BodyState:
    """What `status REF` shows of a proposal decided per member body."""

    advice: PreparatoryAdvice | None
    decisions: tuple[BodyDecision, ...]
    tally: Tally
    gremium: str


def tally_text(counts: dict[str, int | str], lang: str) -> str:
    """"7 van 12 colleges akkoord, 1 met voorwaarden, 4 open" (and the rejected and late ones)."""
    text = render("bodies.tally", lang, **counts)
    if counts["rejected"]:
        text += render("bodies.tally_rejected", lang, **counts)
    if counts["late"]:
        text += render("bodies.tally_late", lang, **counts)
    return text


def tally_counts(counted: Tally, gremium: str) -> dict[str, int | str]:
    return {
        "agreed": len(counted.agreed), "total": counted.total, "gremium": gremium,
        "conditions": len(counted.with_conditions), "open": len(counted.open),
        "rejected": len(counted.rejected), "late": len(counted.late), "needed": counted.needed,
    }


def money_params(programme_raw: Mapping[str, Any], amount: Decimal | None) -> dict[str, str]:
    """The project financing with its handgeld on top (seed 003 §6.1); empty without an amount."""
    if amount is None:
        return {}
    share = handgeld_share(programme_raw)
    extra = handgeld(amount, share)
    return {"amount": format_euro(amount), "share": f"{(share * 100).normalize():f}%", "handgeld": format_euro(extra),
            "total": format_euro(amount + extra)}


def money_text(money: Mapping[str, str], lang: str) -> str:
    return render("bodies.money", lang, **money) if money else ""


def accounthouders(uow: UnitOfWork, spec: DecisionSpec, gremium: Gremium) -> list[tuple[Body, list[str]]]:
    """Each body with its accounthouders: those the programme file names, and whoever holds the
    recording role with the gemeente as organisation."""
    registered = uow.people.with_role(spec.recorder_role) if spec.recorder_role else []
    found = []
    for body in gremium.bodies:
        names = {body.name.casefold(), f"gemeente {body.name.casefold()}"}
        emails = [*body.accounthouders,
                  *(p.email for p in registered if (p.organisation or "").strip().casefold() in names)]
        found.append((body, list(dict.fromkeys(emails))))
    return found


def spend_subject(request: SpendRequest) -> Subject:
    """A spend request as the bodies see it: with them while it waits for a decision outside the mandate."""
    return Subject(request.reference, request.status.value, request.status is RequestStatus.TO_STUURGROEP, "uitgave")



class MemberBodyService(Service):
    def __init__(self, ctx: Context, spending: SpendCommands | None = None) -> None:
        super().__init__(ctx)
        handgeld_share(ctx.programme.raw)  # a handgeld that is not a share below 1 stops the start
        self.spending = spending  # the colleges' decision on a spend request books it, inside our transaction

    def _idea(self, uow: UnitOfWork, reference: str) -> Idea:
        idea = uow.ideas.get(reference.strip().upper())
        if idea is None:
            raise Refused("idea.unknown_reference", reference=reference.strip()[:40])
        return idea

    def _subject(self, uow: UnitOfWork, reference: str) -> Idea | SpendRequest:
        """The proposal or the spend request *reference* names (the colleges decide on both in the VDG)."""
        key = reference.strip().upper()
        idea = uow.ideas.get(key)
        if idea is not None:
            return idea
        request = budget_uow(uow).budget.get_request(key) if self.spending is not None else None
        if request is None:
            raise Refused("idea.unknown_reference", reference=reference.strip()[:40])
        return request

    def preparatory_advice(
        self, actor_email: str, origin: str, reference: str, verdict: str, text: str,
        amount: Decimal | None = None, request_key: str | None = None,
    ) -> Reply:
        """Record the preparatory gremium's recommendation; the proposal then lies with every body."""
        if verdict not in ("positief", "negatief", "positive", "negative"):
            raise Refused("bodies.unknown_verdict", verdict=verdict[:30])
        positive = verdict in ("positief", "positive")

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            idea = self._subject(uow, reference)
            if isinstance(idea, SpendRequest):
                if amount is not None and amount != idea.amount:  # the request's amount is what the colleges decide on
                    raise Refused("bodies.spend_amount_fixed", reference=idea.reference,
                                  amount=format_euro(idea.amount))
                return self._spend_advice(uow, actor, now, origin, idea, positive, text)
            spec, gremium = procedure_spec(self.programme)
            advice = record_preparatory_advice(idea, self.programme, actor, positive, text, amount, now)
            member_body_uow(uow).member_bodies.add_advice(advice)
            Recorder(uow, self.programme, now, origin).events(idea, actor, idea.pull_events())
            self._ask_accounthouders(uow, spec, idea.reference, idea.title, gremium, advice, now, idea.status)
            prepared = self.programme.governance.gremia.get(spec.prepared_by or "")
            return Reply(
                "bodies.advice_recorded",
                {
                    "reference": idea.reference,
                    "gremium": prepared.name if prepared else "-",
                    "positive": positive,
                    "count": len(gremium.bodies),
                    "bodies": gremium.name,
                    "deadline": advice.deadline.strftime("%d-%m-%Y"),
                    "money": money_params(self.programme.raw, amount),
                },
            )

        return self.run(actor_email, origin, "preparatory_advice", reference.strip().upper()[:40], work, request_key)

    def _spend_advice(
        self, uow: UnitOfWork, actor: Person, now: datetime, origin: str, request: SpendRequest, positive: bool,
        text: str,
    ) -> Reply:
        """The PHO's advice on a spend request outside the mandate; the request then lies with every college."""
        spec, gremium = procedure_spec(self.programme, "uitgave")
        repo = member_body_uow(uow).member_bodies
        repo.lock(request.reference)
        advice = record_spend_advice(spend_subject(request), self.programme, actor, positive, text, request.amount,
                                     repo.advice(request.reference), now)
        repo.add_advice(advice)
        audit(uow, now, actor.email, "preparatory_advice", request.reference, origin, details={
            "gremium": advice.gremium, "positive": positive, "bodies": gremium.key,
            "deadline": advice.deadline.isoformat(), "amount": str(request.amount),
        })
        self._ask_accounthouders(uow, spec, request.reference, request.purpose, gremium, advice, now)
        prepared = self.programme.governance.gremia.get(spec.prepared_by or "")
        return Reply("bodies.advice_recorded", {
            "reference": request.reference, "gremium": prepared.name if prepared else "-", "positive": positive,
            "count": len(gremium.bodies), "bodies": gremium.name, "deadline": advice.deadline.strftime("%d-%m-%Y"),
            "money": {},
        })

    def _ask_accounthouders(
        self, uow: UnitOfWork, spec: DecisionSpec, reference: str, title: str, gremium: Gremium,
        advice: PreparatoryAdvice, now: datetime, status: str | None = None,
    ) -> None:
        """Each body's accounthouder is asked to record their college's decision: those the programme file
        names, and whoever holds the role with the gemeente as organisation (in the outbox, this transaction)."""
        for body, emails in accounthouders(uow, spec, gremium):
            for email in emails:
                person = uow.people.get(email)
                lang = language_of(person, self.programme.language)
                params = {"reference": reference, "title": title, "body": body.name,
                          "deadline": advice.deadline.strftime("%d-%m-%Y")}
                uow.enqueue(OutboundMessage(
                    key=f"{reference}:bodies:{advice.recorded_at.isoformat()}:{email}",
                    recipient=email,
                    subject=render("bodies.task.subject", lang, **params),
                    body=render("bodies.task", lang, **params),
                    payload={"reference": reference, "event": COLLEGE_ASK,
                             **({"status": status} if status else {})},
                ), now)

    def body_decision(
        self, actor_email: str, origin: str, reference: str, body: str, outcome: str, conditions: str = "",
        decided_on: date | None = None, request_key: str | None = None,
    ) -> Reply:
        """Record one body's decision; when it meets the rule, the final decision goes to the register."""

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            found = self._subject(uow, reference)
            if isinstance(found, SpendRequest):
                found = self._lock_request(uow, found, now)
            subject = spend_subject(found) if isinstance(found, SpendRequest) else found
            key = subject.reference
            repo = member_body_uow(uow).member_bodies
            spec, gremium = procedure_spec(self.programme, "uitgave" if isinstance(found, SpendRequest) else "voorstel")
            repo.lock(key)  # one body's decision on a proposal or request at a time
            existing = repo.decisions(key)
            advice = repo.advice(key)
            decision = record_body_decision(
                subject, self.programme, actor, body, outcome, conditions, decided_on, advice, existing, now
            )
            if decision is None:
                return Reply("bodies.decision_repeated", {"reference": key, "body": body.strip()})
            assert advice is not None  # record_body_decision refuses without one
            repo.add_decision(decision)
            every = [*existing, decision]
            audit(uow, now, actor.email, "body_decision", key, origin, details={
                "body": decision.body, "outcome": decision.outcome, "decided_on": decision.decided_on.isoformat(),
                "conditions": decision.conditions, "late": decision.late,
            })
            counted = tally(gremium, spec, every)
            params = {
                "reference": key, "body": decision.body, "outcome": decision.outcome,
                "is_late": decision.late, "counts": tally_counts(counted, gremium.name),
            }
            if counted.outcome is None:
                return Reply("bodies.decision_recorded", params)
            lang = self.programme.language  # the register's text is in the programme's language
            considerations = render(
                "bodies.considerations", lang, tally=tally_text(tally_counts(counted, gremium.name), lang),
                verdict=render(f"bodies.verdict.{advice.positive}", lang), advice=advice.text,
            ) + money_text(money_params(self.programme.raw, advice.amount) if isinstance(found, Idea) else {}, lang)
            if isinstance(found, SpendRequest):
                return self._spend_final(uow, actor, now, origin, found, counted, every, considerations, params)
            number = f"{self.programme.reference_prefix}-B-{now.year}-{uow.next_number(f'decision:{now.year}'):03d}"
            final = conclude(found, self.programme, actor, advice, every, number, considerations, now)
            Recorder(uow, self.programme, now, origin).events(found, actor, found.pull_events())
            assert final is not None
            return Reply("bodies.final", {**params, "number": final.number, "final": final.outcome})

        return self.run(actor_email, origin, "body_decision", reference.strip().upper()[:40], work, request_key)

    def _lock_request(self, uow: UnitOfWork, request: SpendRequest, now: datetime) -> SpendRequest:
        """Hold the request (and first its line, the order the budget's own commands take) until the
        commit: two colleges' decisions on one request take turns, as `lock` makes them on a proposal."""
        assert self.spending is not None  # _subject finds requests only with the budget
        budget = budget_uow(uow).budget
        lines_in_store(budget, self.spending.config, now)
        locked_line(budget, request.line_key)
        return budget.get_request(request.reference, lock=True) or request

    def decisions_by_reference(self, references: list[str]) -> dict[str, list[BodyDecision]]:
        """The bodies' decisions on each of *references* that has any (the register's colleges' tally)."""
        return self.read(lambda uow: member_body_uow(uow).member_bodies.decisions_for(references))

    def _spend_final(
        self, uow: UnitOfWork, actor: Person, now: datetime, origin: str, request: SpendRequest, counted: Tally,
        decisions: list[BodyDecision], considerations: str, params: dict[str, Any],
    ) -> Reply:
        """The rule is met on a spend request: the register row, the request decided and, on "akkoord",
        the money booked, all in this transaction (`SpendCommands.record_bodies_decision`)."""
        assert self.spending is not None and counted.outcome is not None  # _subject found a request
        deciding = [d for d in decisions if d.outcome == counted.outcome]
        conditions = [f"{d.body}: {d.conditions}" for d in decisions if d.outcome == "akkoord" and d.conditions]
        booked = self.spending.record_bodies_decision(
            uow, actor, now, origin, request.reference, counted.outcome, considerations, conditions,
            max(d.decided_on for d in deciding),
        )
        return Reply("bodies.final", {**params, "number": booked.params["number"], "final": counted.outcome})

    def state(self, reference: str) -> BodyState | None:
        """The advice, the bodies' decisions and the tally of *reference* (a proposal or a spend request);
        None when it has no advice."""

        def work(uow: UnitOfWork) -> BodyState | None:
            repo = member_body_uow(uow).member_bodies
            advice = repo.advice(reference)
            if advice is None:
                return None
            spec, gremium = procedure_spec(self.programme, "voorstel" if uow.ideas.get(reference) else "uitgave")
            decisions = tuple(repo.decisions(reference))
            return BodyState(advice, decisions, tally(gremium, spec, decisions), gremium.name)

        return self.read(work)
