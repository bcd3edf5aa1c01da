"""Spend requests and the €50,000 mandate: request, approve (or refer to the stuurgroep), reject,
and the stuurgroep's decision the staf records.

Each command is one transaction (see `Service.run`): the request, its ledger row, the audit entry
and the notifications commit together or not at all. The domain says what happens
(`bot.domain.spending`: the new state, the booking, the event); `SpendNotices` writes the event's
audit entry and who hears of it. Approvals lock the budget line before they read its balance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal

from bot.domain.budget import find_line
from bot.domain.budget_mandate import DecidedVia, RequestStatus, SpendRequest, StuurgroepDecision, new_spend_request
from bot.domain.decision_register import RegisterEntry, bodies_spend_decision, parse_outcome, spend_decision
from bot.domain.errors import Refused
from bot.domain.governance import CONSENSUS, require_procedure
from bot.domain.money import format_euro
from bot.domain.people import Person
from bot.domain.period import require_day
from bot.domain.spending import director_decides, director_rejects, stuurgroep_decides, submitted
from bot.domain.text import clean_text
from bot.domain.timezone import to_local
from bot.messages import profiled
from bot.services.base import Reply
from bot.services.budget_lines import BudgetBase, lines_in_store, locked_line
from bot.services.budget_notices import DIRECTOR, SpendNotices, outcome_params, request_params
from bot.services.ports.budget import budget_uow
from bot.services.ports.unit_of_work import UnitOfWork

STAF = "staf"


class SpendCommands(BudgetBase):
    def _referred(self) -> str:
        """Where a request outside the mandate goes: the `uitgave` decision's procedure in the profile."""
        return profiled("budget.request", "referred", self.programme.governance.procedure("uitgave"))

    def _still_open_to_the_director(self, request: SpendRequest) -> None:
        """A referred request is the deciding gremium's now: the stuurgroep's, or the colleges' in the VDG."""
        if request.status is RequestStatus.TO_STUURGROEP:
            code = profiled("budget.request", "with_stuurgroep", self.programme.governance.procedure("uitgave"))
            raise Refused(code, reference=request.reference)

    def _not_director(self) -> str:
        """Who settles a request alone: the programmadirecteur, or no one where the profile has the colleges decide."""
        return profiled("budget.request", "not_director", self.programme.governance.procedure("uitgave"))

    def request(
        self,
        actor_email: str,
        origin: str,
        amount: Decimal,
        purpose: str,
        kind: str = "overig",
        idea_ref: str | None = None,
        line_key: str | None = None,
        request_key: str | None = None,
    ) -> Reply:
        """A spend request. Outside the mandate it goes to the stuurgroep at once, with its reasons."""

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if not actor.known:
                raise Refused("budget.request.not_registered")
            require_day(self.programme.period, to_local(now).date(), "period.spend")
            repo = budget_uow(uow).budget
            lines = lines_in_store(repo, self.config, now)
            key = (line_key or self.config.mandate_line or "").strip()
            if not key:
                raise Refused("budget.line.no_mandate_line")
            idea = None
            if idea_ref:
                idea = uow.ideas.get(idea_ref.strip().upper())
                if idea is None:
                    raise Refused("idea.unknown_reference", reference=idea_ref.strip()[:40])
            text = clean_text(purpose, "omschrijving", self.programme.limits.text_max)
            prefix = self.programme.reference_prefix
            number = uow.next_number(f"spend:{prefix}:{now.year}")
            request = new_spend_request(
                reference=f"{prefix}-U-{now.year}-{number:04d}",
                amount=amount,
                kind=kind.strip().lower(),
                purpose=text,
                requester=actor.email,
                line_key=key,
                requested_at=now,
                policy=self.config.mandate,
                lines=lines,
                idea_ref=idea.reference if idea else None,
            )
            balance = repo.balance(find_line(lines, key))
            change = submitted(request, self.config.mandate, actor.email, balance,
                               self._recent(repo, request, now), now, actor.has_role(DIRECTOR),
                               idea.status if idea else None)
            repo.add_request(change.request)
            assert change.outcome is not None
            params = request_params(change.request, **outcome_params(change.outcome))
            SpendNotices(uow, self.programme, now, origin).record(change, actor, params)
            if change.outcome.needs_stuurgroep:
                return Reply(self._referred(), params)
            return Reply("budget.request.created", params)

        return self.run(actor_email, origin, "spend_request", "-", work, request_key)

    def approve(self, actor_email: str, origin: str, reference: str, request_key: str | None = None) -> Reply:
        """The programmadirecteur approves under the mandate; outside it the request goes to the stuurgroep."""

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if not actor.has_role(DIRECTOR):
                raise Refused(self._not_director(), reference=reference.strip()[:40])
            repo = budget_uow(uow).budget
            lines_in_store(repo, self.config, now)
            first = self._request(repo, reference)
            self._still_open_to_the_director(first)
            line = locked_line(repo, first.line_key)  # from here on no other approval touches this line
            request = self._request(repo, reference, lock=True)
            balance = repo.balance(line)
            linked = uow.ideas.get(request.idea_ref) if request.idea_ref else None
            change = director_decides(
                request, self.config.mandate, actor.email, balance, self._recent(repo, request, now), now,
                linked.status if linked else None,
            )
            repo.save_request(change.request)
            notices = SpendNotices(uow, self.programme, now, origin)
            if change.entry is None:  # outside the mandate: to the stuurgroep
                assert change.outcome is not None
                params = request_params(change.request, **outcome_params(change.outcome))
                notices.record(change, actor, params)
                return Reply(self._referred(), params)
            repo.add_entries([change.entry], actor.email)
            available = balance.available - change.entry.amount
            params = request_params(change.request, available=format_euro(available), reason="")
            notices.record(change, actor, params)
            return Reply("budget.request.approved", params)

        return self.run(actor_email, origin, "spend_approve", reference.strip().upper()[:40], work, request_key)

    def reject(
        self, actor_email: str, origin: str, reference: str, reason: str, request_key: str | None = None
    ) -> Reply:
        """The programmadirecteur turns a request down, with a reason the requester is told."""

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if not actor.has_role(DIRECTOR):
                raise Refused(self._not_director(), reference=reference.strip()[:40])
            if not reason.strip():
                raise Refused("budget.request.reason_required", reference=reference.strip()[:40])
            text = clean_text(reason, "reden", self.programme.limits.text_max)
            repo = budget_uow(uow).budget
            request = self._request(repo, reference, lock=True)
            self._still_open_to_the_director(request)
            change = director_rejects(request, actor.email, now, text)
            repo.save_request(change.request)
            params = request_params(change.request, reason=text, available="")
            SpendNotices(uow, self.programme, now, origin).record(change, actor, params)
            return Reply("budget.request.rejected", params)

        return self.run(actor_email, origin, "spend_reject", reference.strip().upper()[:40], work, request_key)

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
        decided_on: date | None = None,
        request_key: str | None = None,
    ) -> Reply:
        """The staf records the stuurgroep's decision on a request: in the register, and "akkoord"
        allocates the money (refused when the line has no room)."""
        attendees = list(present)
        objection_list = list(objections)
        condition_list = list(conditions)

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            # in a meeting only where the profile says so; the colleges or a round decide elsewhere
            require_procedure(self.programme.governance, "uitgave", CONSENSUS, reference.strip().upper()[:40])
            if not actor.has_role(STAF):
                raise Refused("budget.decision.not_staf", reference=reference.strip()[:40])
            decision = parse_outcome(outcome)
            members = []
            for email in attendees:
                person = uow.people.get(email.strip().lower())
                if person is None:
                    raise Refused("person.unknown", email=email.strip()[:80])
                members.append(person)
            return self.record_decision(uow, actor, now, origin, reference, decision.value, members, considerations,
                                        objection_list, condition_list, decided_on or to_local(now).date())

        return self.run(actor_email, origin, "spend_decide", reference.strip().upper()[:40], work, request_key)

    def record_decision(
        self, uow: UnitOfWork, actor: Person, now: datetime, origin: str, reference: str, outcome: str,
        members: list[Person], considerations: str, objections: list[str], conditions: list[str], day: date,
    ) -> Reply:
        """The stuurgroep's decision on a request inside the caller's transaction: taken in a meeting
        (`decide`) or in a schriftelijke ronde (`bot.services.rounds`)."""
        decision = parse_outcome(outcome)

        def entry(request: SpendRequest, number: str) -> RegisterEntry:
            return spend_decision(request, decision, members, considerations, number, day, actor.email, now,
                                  self.programme.limits.text_max, objections, conditions)

        return self._book(uow, actor, now, origin, reference, decision, entry)

    def record_bodies_decision(
        self, uow: UnitOfWork, actor: Person, now: datetime, origin: str, reference: str, outcome: str,
        considerations: str, conditions: list[str], day: date,
    ) -> Reply:
        """The member bodies' final decision on a request (the VDG colleges, `bot.services.member_bodies`),
        inside the caller's transaction: into the register, and "akkoord" allocates the money."""
        decision = parse_outcome(outcome)

        def entry(request: SpendRequest, number: str) -> RegisterEntry:
            return bodies_spend_decision(request, decision, considerations, number, day, actor.email, now,
                                         self.programme.limits.text_max, conditions)

        return self._book(uow, actor, now, origin, reference, decision, entry, DecidedVia.LEDEN)

    def _book(
        self, uow: UnitOfWork, actor: Person, now: datetime, origin: str, reference: str,
        decision: StuurgroepDecision, entry_of: Callable[[SpendRequest, str], RegisterEntry],
        via: DecidedVia = DecidedVia.STUURGROEP,
    ) -> Reply:
        """A decision on a request: its register row, the request's new state and, on "akkoord", the booking."""
        repo = budget_uow(uow).budget
        lines_in_store(repo, self.config, now)
        first = self._request(repo, reference)
        number = f"{self.programme.reference_prefix}-B-{now.year}-{uow.next_number(f'decision:{now.year}'):03d}"
        line = locked_line(repo, first.line_key)
        request = self._request(repo, reference, lock=True)
        entry = entry_of(request, number)
        change = stuurgroep_decides(request, decision, entry, actor.email, repo.balance(line), now, via)
        repo.save_request(change.request, decision_number=number)
        repo.add_decision(entry)
        if change.entry is not None:
            repo.add_entries([change.entry], actor.email)
        params = request_params(
            change.request, number=number, outcome=decision.value, reason=entry.considerations, available=""
        )
        SpendNotices(uow, self.programme, now, origin).record(change, actor, params)
        return Reply("budget.request.stuurgroep_decided", params)
