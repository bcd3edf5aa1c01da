"""The schriftelijke ronde (written round): the stuurgroep decides between its meetings.

`start`: the staf or the programmadirecteur puts a proposal (assessed by the expertteam, with an
advice whose rejection criteria are met when the outcome is akkoord) or a spend request above the
mandate (referred to the stuurgroep) to the stuurgroep in writing, with a deadline; every member is
asked in chat (Slack buttons, a Teams card, the console command), through the outbox, in the same
transaction. `vote`: a member agrees, objects with a reason, or abstains. When every member has voted
(right after the vote) or at the deadline (`run_due`, the worker), the round closes by the rule of
`bot.domain.rounds`: with consensus the decision is recorded through the same path as in a meeting
(`Idea.decide` with the round's day, `SpendCommands.record_decision`), its considerations carrying
the round's record (who voted what, when); otherwise "geen consensus" is recorded, nothing is
decided, and the subject waits for the stuurgroep. The worker also sends the reminders, each once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from bot.domain.budget_mandate import RequestStatus
from bot.domain.decision_rules import require_rejection_criteria_met
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.domain.money import format_euro
from bot.domain.people import Person, language_of
from bot.domain.rounds import (
    IDEA,
    SPEND,
    Choice,
    RoundOutcome,
    RoundStatus,
    WrittenRound,
    cast_vote,
    closed,
    due_reminder,
    due_to_close,
    outcome,
    parse_choice,
    start_round,
)
from bot.domain.text import clean_optional, clean_text
from bot.domain.timezone import to_local
from bot.messages import render
from bot.programme.rounds import RoundConfig, parse_round_config
from bot.services.base import Context, Reply, Service
from bot.services.budget_lines import allocate_for_decision
from bot.services.ports.budget import budget_uow
from bot.services.ports.meetings import meeting_uow
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.read_models import PAGE, Page
from bot.services.ports.rounds import RoundRepository, round_uow
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import Recorder, audit
from bot.services.spending import SpendCommands

log = logging.getLogger("vaart.rounds")
ROUND_ASK = "round.ask"  # payload events the chat front ends draw vote buttons for
ROUND_REMINDER = "round.reminder"
VOTE_EVENTS = frozenset({ROUND_ASK, ROUND_REMINDER})
PROPOSAL_STATES = frozenset({Status.GETOETST, Status.GEAGENDEERD})
WORKER = "worker"


def _day(value: date) -> str:
    return value.strftime("%d-%m-%Y")


class RoundService(Service):
    def __init__(self, ctx: Context, spending: SpendCommands) -> None:
        super().__init__(ctx)
        # None: the programme file has no [schriftelijke_ronde], so nothing is decided in writing
        self.settings: RoundConfig | None = parse_round_config(ctx.programme.raw, set(ctx.programme.roles))
        self.spending = spending  # the stuurgroep's decision on a spend request, inside our transaction

    @property
    def config(self) -> RoundConfig:
        if self.settings is None:
            raise Refused("round.not_in_programme")
        return self.settings

    # -- commands ----------------------------------------------------------------------------------
    def start(self, actor_email: str, origin: str, subject: str, deadline: date, amount: Decimal | None = None,
              note: str | None = None, request_key: str | None = None) -> Reply:
        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if not actor.has_role(*self.config.starters):
                raise Refused("round.wrong_role", roles=", ".join(self.config.starters))
            wanted = subject.strip().upper()[:40]
            kind, title, fixed_amount, conflicted = self._subject(uow, wanted, amount)
            repo = round_uow(uow).rounds
            running = repo.open_for(wanted, lock=True)
            if running is not None:
                raise Refused("round.already_open", subject=wanted, reference=running.reference,
                              date=_day(running.deadline))
            text = clean_optional(note, "toelichting", self.programme.limits.text_max) or ""
            members = [p.email for p in uow.people.with_role(self.config.voters) if p.email not in conflicted]
            prefix = self.programme.reference_prefix
            number = uow.next_number(f"round:{prefix}:{now.year}")
            round_ = start_round(
                f"{prefix}-R-{now.year}-{number:03d}", kind, wanted, title, fixed_amount, deadline, members,
                actor.email, now, self.programme.period, self.config.reminder_days, self.config.reminder_at, text,
            )
            repo.add(round_)
            seq = audit(uow, now, actor.email, "round_started", wanted, origin,
                        details={"round": round_.reference, "deadline": deadline.isoformat(),
                                 "members": len(round_.members), "amount": str(fixed_amount or "")})
            people = {p.email: p for p in uow.people.everyone()}
            for email in round_.members:
                self._tell(uow, people, email, f"{round_.reference}:{seq}:ask:{email}", ROUND_ASK, round_, now)
            names = ", ".join(people[e].name if e in people else e for e in round_.members)
            return Reply("round.started", {**self._params(round_), "count": len(round_.members), "names": names})

        return self.run(actor_email, origin, "round_start", subject.strip().upper()[:40], work, request_key)

    def vote(self, actor_email: str, origin: str, reference: str, choice: str, reason: str = "",
             request_key: str | None = None) -> Reply:
        """A member's vote; the round closes at once when it was the last one."""
        chosen = parse_choice(choice)

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            repo = round_uow(uow).rounds
            round_ = self._find(repo, reference, lock=True)
            limit = self.programme.limits.text_max
            if chosen is Choice.BEZWAAR:
                if not reason.strip():
                    raise Refused("round.reason_required", reference=round_.reference)
                text = clean_text(reason, "reden", limit)
            else:
                text = clean_optional(reason, "reden", limit) or ""
            voted, changed = cast_vote(round_, actor.email, chosen, text, now)
            params = {**self._params(voted), "choice": chosen.value}
            if not changed:
                return Reply("round.vote_unchanged", params)
            repo.save(voted)
            audit(uow, now, actor.email, "round_vote", voted.reference, origin,
                  details={"subject": voted.subject_ref, "choice": chosen.value, "reason": text})
            return Reply("round.voted", {**params, "left": len(voted.silent)})

        reply = self.run(actor_email, origin, "round_vote", reference.strip().upper()[:40], work, request_key)
        if reply.code == "round.voted" and reply.params["left"] == 0:
            self._close(str(reply.params["reference"]), origin)
        return reply

    def run_due(self) -> tuple[int, int]:
        """The worker's turn: every open round due a reminder (sent once, the latest only after
        downtime) or due to close (deadline passed, or everyone voted). Returns (reminded, closed)."""
        if self.settings is None:
            return 0, 0
        now = self.ctx.clock.now()
        ahead = max(self.config.reminder_days, default=0)
        until = to_local(now).date() + timedelta(days=ahead)
        references = self.read(lambda uow: round_uow(uow).rounds.due(until, 200))
        reminded = shut = 0
        for reference in references:
            state = self._current(reference)
            if state is None or not state.is_open:
                continue
            if due_to_close(state, now):
                shut += int(self._close(reference, WORKER))
            else:
                reminded += self._remind(state)
        return reminded, shut

    # -- closing -----------------------------------------------------------------------------------
    def _close(self, reference: str, origin: str) -> bool:
        """Close the round by its rule, in one transaction; when the decision path refuses (the
        subject was decided in a meeting meanwhile, no room on the line), the round lapses instead,
        on record, and whoever started it hears why."""
        state = self._current(reference)
        if state is None or not state.is_open:
            return False
        try:
            self.run(state.started_by, origin, "round_close", reference, self._closing(reference, origin))
        except Refused as refusal:
            log.warning("round %s lapsed: %s", reference, refusal.code)
            self.run(state.started_by, origin, "round_lapse", reference, self._lapsing(reference, refusal, origin))
        return True

    def _closing(self, reference: str, origin: str) -> Callable[[UnitOfWork, Person, datetime], Reply]:
        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            repo = round_uow(uow).rounds
            round_ = self._find(repo, reference, lock=True)
            if not due_to_close(round_, now):
                return Reply("round.still_open", self._params(round_))
            result = outcome(round_, self.config.silence_is_consent)
            number = self._decide(uow, actor, now, origin, round_, result) if result.consensus else None
            status = RoundStatus.CONSENSUS if result.consensus else RoundStatus.NO_CONSENSUS
            done = closed(round_, status, now, number)
            repo.save(done)
            seq = audit(uow, now, actor.email, "round_closed", round_.subject_ref, origin,
                        details={"round": round_.reference, "outcome": status.value, "why": result.why,
                                 "decision": number or "", "votes": [
                                     {"lid": v.email, "stem": v.choice.value, "reden": v.reason,
                                      "om": v.at.isoformat()} for v in round_.votes],
                                 "geen_reactie": result.silent})
            people = {p.email: p for p in uow.people.everyone()}
            told = [*round_.members, round_.started_by]
            if not result.consensus and round_.subject_kind == IDEA:
                idea = uow.ideas.get(round_.subject_ref)
                told += [idea.submitter, *idea.designers] if idea else []
            for email in dict.fromkeys(told):
                self._tell(uow, people, email, f"{round_.reference}:{seq}:closed:{email}",
                           f"round.closed_{status.value}", done, now, self._outcome_params(result, people, done))
            return Reply(f"round.closed_{status.value}", self._params(done))

        return work

    def _decide(self, uow: UnitOfWork, actor: Person, now: datetime, origin: str, round_: WrittenRound,
                result: RoundOutcome) -> str:
        """The decision by the usual path, dated the round's last day (or today, closed earlier)."""
        day = min(to_local(now).date(), round_.deadline)
        people = {p.email: p for p in uow.people.everyone()}
        members = [people[e] for e in result.deciding if e in people]
        considerations = render("round.considerations", self.programme.language,
                                **self._outcome_params(result, people, round_))
        if round_.subject_kind == IDEA:
            idea = uow.ideas.get(round_.subject_ref)
            if idea is None:
                raise Refused("idea.unknown_reference", reference=round_.subject_ref)
            number = f"{self.programme.reference_prefix}-B-{now.year}-{uow.next_number(f'decision:{now.year}'):03d}"
            decision = idea.decide(actor, self.programme, "akkoord", members, considerations, number, now,
                                   amount=round_.amount, in_writing=day)
            allocate_for_decision(uow, self.programme, idea, decision, actor, origin, now)
            Recorder(uow, self.programme, now, origin).events(idea, actor, idea.pull_events())
            dropped = meeting_uow(uow).meetings.drop_from_agenda(idea.reference, now)  # nothing left to decide there
            if dropped:
                audit(uow, now, actor.email, "agenda_removed", idea.reference, origin,
                      details={"round": round_.reference, "meetings": [d.isoformat() for d in dropped]})
            return number
        reply = self.spending.record_decision(uow, actor, now, origin, round_.subject_ref, "akkoord", members,
                                              considerations, [], [], day)
        return str(reply.params["number"])

    def _lapsing(
        self, reference: str, refusal: Refused, origin: str
    ) -> Callable[[UnitOfWork, Person, datetime], Reply]:
        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            repo = round_uow(uow).rounds
            round_ = self._find(repo, reference, lock=True)
            done = closed(round_, RoundStatus.LAPSED, now)
            repo.save(done)
            seq = audit(uow, now, actor.email, "round_lapsed", round_.subject_ref, origin,
                        details={"round": round_.reference, "reason": refusal.code})
            people = {p.email: p for p in uow.people.everyone()}
            lang = language_of(people.get(round_.started_by), self.programme.language)
            why = render(refusal.code, lang, **refusal.params)
            self._tell(uow, people, round_.started_by, f"{round_.reference}:{seq}:lapsed", "round.closed_vervallen",
                       done, now, {"why": why})
            return Reply("round.closed_vervallen", self._params(done))

        return work

    def _remind(self, state: WrittenRound) -> int:
        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            repo = round_uow(uow).rounds
            round_ = self._find(repo, state.reference, lock=True)
            days, marked = due_reminder(round_, self.config.reminder_days, self.config.reminder_at, now)
            if days is None:
                return Reply("round.still_open", {**self._params(round_), "sent": 0})
            repo.save(marked)
            people = {p.email: p for p in uow.people.everyone()}
            for email in marked.silent:
                self._tell(uow, people, email, f"{marked.reference}:reminder:{days}:{email}", ROUND_REMINDER,
                           marked, now, {"days": days})
            audit(uow, now, actor.email, "round_reminded", marked.reference, WORKER,
                  details={"days": days, "to": len(marked.silent)})
            return Reply("round.still_open", {**self._params(marked), "sent": len(marked.silent)})

        reply = self.run(state.started_by, WORKER, "round_remind", state.reference, work)
        return int(reply.params.get("sent", 0))

    def _current(self, reference: str) -> WrittenRound | None:
        return self.read(lambda uow: round_uow(uow).rounds.get(reference))

    # -- queries -----------------------------------------------------------------------------------
    def get(self, reference: str) -> WrittenRound:
        return self.read(lambda uow: self._find(round_uow(uow).rounds, reference))

    def of(self, subject: str, limit: int = 3) -> list[WrittenRound]:
        """The latest rounds on an idea or spend request (its `status` shows them)."""
        return self.read(lambda uow: round_uow(uow).rounds.of_subject(subject, limit))

    def page(self, open_only: bool = True, after: str | None = None, limit: int = PAGE) -> Page[WrittenRound]:
        return self.read(lambda uow: round_uow(uow).rounds.page(open_only, limit, after))

    def closed_between(self, start: datetime | None, end: datetime) -> list[WrittenRound]:
        """The rounds closed (with or without consensus) in [start, end): the next meeting hears of them."""
        return self.read(lambda uow: round_uow(uow).rounds.closed_between(start, end))

    def names(self) -> dict[str, str]:
        return self.read(lambda uow: {p.email: p.name for p in uow.people.everyone()})

    # -- helpers -----------------------------------------------------------------------------------
    def _subject(self, uow: UnitOfWork, wanted: str, amount: Decimal | None
                 ) -> tuple[str, str, Decimal | None, set[str]]:
        """What a round may be on: its kind, title, the amount akkoord allocates, who may not vote."""
        idea = uow.ideas.get(wanted) if wanted else None
        if idea is not None:
            if idea.state not in PROPOSAL_STATES:
                raise Refused("round.not_a_proposal", reference=wanted)
            require_rejection_criteria_met(idea.current_advice, self.programme, idea.reference)
            if amount is None:
                raise Refused("round.amount_required", reference=wanted)
            if amount <= 0:
                raise Refused("amount.not_positive", text=str(amount))
            return IDEA, idea.title, amount, {*idea.recusals, idea.submitter, *idea.designers}
        request = budget_uow(uow).budget.get_request(wanted) if wanted else None
        if request is None or request.status is not RequestStatus.TO_STUURGROEP:
            raise Refused("round.not_a_proposal", reference=wanted or "-")
        if amount is not None:
            raise Refused("round.amount_for_proposals", reference=wanted)
        return SPEND, request.purpose, request.amount, {request.requester}

    @staticmethod
    def _find(repo: RoundRepository, reference: str, lock: bool = False) -> WrittenRound:
        wanted = reference.strip().upper()[:40]
        found = repo.get(wanted, lock=lock) or repo.open_for(wanted, lock=lock)
        if found is None:
            raise Refused("round.unknown", reference=wanted or "-")
        return found

    def _params(self, round_: WrittenRound) -> dict[str, Any]:
        return {"reference": round_.reference, "subject": round_.subject_ref, "title": round_.title,
                "deadline": _day(round_.deadline),
                "amount": format_euro(round_.amount) if round_.amount is not None else "-",
                "decision": round_.decision_number or "-", "note": round_.note or "-"}

    def _outcome_params(self, result: RoundOutcome, people: dict[str, Person], round_: WrittenRound
                        ) -> dict[str, Any]:
        def who(emails: list[str]) -> str:
            return ", ".join(people[e].name if e in people else e for e in emails) or "-"

        def when(email: str) -> str:
            vote = round_.vote_of(email)
            return to_local(vote.at).strftime("%d-%m-%Y %H:%M") if vote else "-"

        agreed = ", ".join(f"{who([e])} ({when(e)})" for e in result.agreed) or "-"
        objections = "; ".join(f"{who([v.email])} ({when(v.email)}): {v.reason}" for v in result.objections) or "-"
        return {**self._params(round_), "agreed": agreed, "by_silence": who(result.consenting_by_silence),
                "abstained": who(result.abstained), "objections": objections, "silent": who(result.silent)}

    def _tell(self, uow: UnitOfWork, people: dict[str, Person], email: str, key: str, code: str,
              round_: WrittenRound, now: datetime, extra: dict[str, Any] | None = None) -> None:
        lang = language_of(people.get(email), self.programme.language)
        params = {**self._params(round_), **(extra or {})}
        payload = {"event": code, "reference": round_.reference}
        uow.enqueue(OutboundMessage(key=key[:200], recipient=email, subject=render(f"{code}.subject", lang, **params),
                                    body=render(code, lang, **params), payload=payload), now)

