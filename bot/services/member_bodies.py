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

from bot.domain.contributions import handgeld
from bot.domain.errors import Refused
from bot.domain.governance import Gremium
from bot.domain.ideas import Idea
from bot.domain.member_bodies import (
    BodyDecision,
    PreparatoryAdvice,
    Tally,
    conclude,
    procedure_spec,
    record_body_decision,
    record_preparatory_advice,
    tally,
)
from bot.domain.money import format_euro
from bot.domain.people import Person, language_of
from bot.messages import render
from bot.programme.contributions import handgeld_share
from bot.services.base import Context, Reply, Service
from bot.services.ports.member_bodies import member_body_uow
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import Recorder, audit


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


class MemberBodyService(Service):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        handgeld_share(ctx.programme.raw)  # a handgeld that is not a share below 1 stops the start

    def _idea(self, uow: UnitOfWork, reference: str) -> Idea:
        idea = uow.ideas.get(reference.strip().upper())
        if idea is None:
            raise Refused("idea.unknown_reference", reference=reference.strip()[:40])
        return idea

    def preparatory_advice(
        self, actor_email: str, origin: str, reference: str, verdict: str, text: str,
        amount: Decimal | None = None, request_key: str | None = None,
    ) -> Reply:
        """Record the preparatory gremium's recommendation; the proposal then lies with every body."""
        if verdict not in ("positief", "negatief", "positive", "negative"):
            raise Refused("bodies.unknown_verdict", verdict=verdict[:30])
        positive = verdict in ("positief", "positive")

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            idea = self._idea(uow, reference)
            spec, gremium = procedure_spec(self.programme)
            advice = record_preparatory_advice(idea, self.programme, actor, positive, text, amount, now)
            member_body_uow(uow).member_bodies.add_advice(advice)
            Recorder(uow, self.programme, now, origin).events(idea, actor, idea.pull_events())
            self._ask_accounthouders(uow, idea, gremium, advice, now)
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

    def _ask_accounthouders(
        self, uow: UnitOfWork, idea: Idea, gremium: Gremium, advice: PreparatoryAdvice, now: datetime
    ) -> None:
        """Each body's accounthouder is asked to record their college's decision: those the programme file
        names, and whoever holds the role with the gemeente as organisation (in the outbox, this transaction)."""
        spec, _ = procedure_spec(self.programme)
        registered = uow.people.with_role(spec.recorder_role) if spec.recorder_role else []
        for body in gremium.bodies:
            names = {body.name.casefold(), f"gemeente {body.name.casefold()}"}
            emails = [*body.accounthouders,
                      *(p.email for p in registered if (p.organisation or "").strip().casefold() in names)]
            for email in dict.fromkeys(emails):
                person = uow.people.get(email)
                lang = language_of(person, self.programme.language)
                params = {"reference": idea.reference, "title": idea.title, "body": body.name,
                          "deadline": advice.deadline.strftime("%d-%m-%Y")}
                uow.enqueue(OutboundMessage(
                    key=f"{idea.reference}:bodies:{advice.recorded_at.isoformat()}:{email}",
                    recipient=email,
                    subject=render("bodies.task.subject", lang, **params),
                    body=render("bodies.task", lang, **params),
                    payload={"reference": idea.reference, "event": "preparatory_advice", "status": idea.status},
                ), now)

    def body_decision(
        self, actor_email: str, origin: str, reference: str, body: str, outcome: str, conditions: str = "",
        decided_on: date | None = None, request_key: str | None = None,
    ) -> Reply:
        """Record one body's decision; when it meets the rule, the final decision goes to the register."""

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            idea = self._idea(uow, reference)
            repo = member_body_uow(uow).member_bodies
            spec, gremium = procedure_spec(self.programme)
            repo.lock(idea.reference)  # one body's decision on a proposal at a time
            existing = repo.decisions(idea.reference)
            advice = repo.advice(idea.reference)
            decision = record_body_decision(
                idea, self.programme, actor, body, outcome, conditions, decided_on, advice, existing, now
            )
            if decision is None:
                return Reply("bodies.decision_repeated", {"reference": idea.reference, "body": body.strip()})
            assert advice is not None  # record_body_decision refuses without one
            repo.add_decision(decision)
            every = [*existing, decision]
            audit(uow, now, actor.email, "body_decision", idea.reference, origin, details={
                "body": decision.body, "outcome": decision.outcome, "decided_on": decision.decided_on.isoformat(),
                "conditions": decision.conditions, "late": decision.late,
            })
            counted = tally(gremium, spec, every)
            params = {
                "reference": idea.reference, "body": decision.body, "outcome": decision.outcome,
                "is_late": decision.late, "counts": tally_counts(counted, gremium.name),
            }
            if counted.outcome is None:
                return Reply("bodies.decision_recorded", params)
            number = f"{self.programme.reference_prefix}-B-{now.year}-{uow.next_number(f'decision:{now.year}'):03d}"
            lang = self.programme.language  # the register's text is in the programme's language
            considerations = render(
                "bodies.considerations", lang, tally=tally_text(tally_counts(counted, gremium.name), lang),
                verdict=render(f"bodies.verdict.{advice.positive}", lang), advice=advice.text,
            ) + money_text(money_params(self.programme.raw, advice.amount), lang)
            final = conclude(idea, self.programme, actor, advice, every, number, considerations, now)
            Recorder(uow, self.programme, now, origin).events(idea, actor, idea.pull_events())
            assert final is not None
            return Reply("bodies.final", {**params, "number": final.number, "final": final.outcome})

        return self.run(actor_email, origin, "body_decision", reference.strip().upper()[:40], work, request_key)

    def state(self, reference: str) -> BodyState | None:
        """The advice, the bodies' decisions and the tally of *reference*; None when it has no advice."""
        spec, gremium = procedure_spec(self.programme)

        def work(uow: UnitOfWork) -> BodyState | None:
            repo = member_body_uow(uow).member_bodies
            advice = repo.advice(reference)
            if advice is None:
                return None
            decisions = tuple(repo.decisions(reference))
            return BodyState(advice, decisions, tally(gremium, spec, decisions), gremium.name)

        return self.read(work)
