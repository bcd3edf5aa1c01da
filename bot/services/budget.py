"""Use cases of the budget: spend requests and the €50,000 mandate, stuurgroep decisions on money,
the allocation an "akkoord" on an idea creates, imports of project tables, and the reports.

Each command is one transaction (see `Service.run`): the request, its ledger row, the audit entry
and the notifications commit together or not at all. Anything that allocates money locks the
budget line first and reads its balance afterwards, inside the same transaction, so approvals
running at the same moment can never together overspend a line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bot.domain.assessment import Decision
from bot.domain.budget import (
    BudgetLine,
    LedgerEntry,
    LineBalance,
    LineKind,
    Project,
    allocate_project,
    find_line,
    require_amount,
    set_line_amount,
)
from bot.domain.budget_mandate import (
    DECIDED,
    DecidedVia,
    MandateOutcome,
    RequestStatus,
    SpendRequest,
    approve_under_mandate,
    assess_mandate,
    decide_by_stuurgroep,
    new_spend_request,
    purpose_key,
    refer_to_stuurgroep,
    reject,
)
from bot.domain.cofinancing import regional_cofinancing
from bot.domain.decision_register import (
    RegisterEntry,
    from_idea_decision,
    parse_outcome,
    register,
    spend_decision,
)
from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.money import MAX_AMOUNT, format_euro
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.domain.text import clean_text
from bot.domain.timezone import to_local
from bot.messages import render
from bot.programme.budget import BudgetConfig, parse_budget_config
from bot.reports.budget_report import BudgetReport, GroupBy, chart_png, compute_report
from bot.reports.mandate_report import mandate_report
from bot.services.base import Context, Reply, Service
from bot.services.ports.budget import BudgetRepository, budget_uow
from bot.services.ports.budget_import import ImportResult
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import audit

DIRECTOR = "programmadirecteur"
STAF = "staf"
GROUPINGS: tuple[GroupBy, ...] = ("pijler", "programmalijn", "penvoerder")
OPEN = (RequestStatus.REQUESTED.value, RequestStatus.TO_STUURGROEP.value)


def budget_config(programme: Programme) -> BudgetConfig:
    """The programme file's `[begroting]`, `[mandaat]` and `[gemeenten]`."""
    return parse_budget_config(programme.raw)


def _lines(repo: BudgetRepository, config: BudgetConfig, now: datetime) -> list[BudgetLine]:
    """The lines in the store; the configured ones are put there the first time they are needed."""
    repo.ensure_lines(config.lines, now)
    return repo.lines()


def _locked(repo: BudgetRepository, key: str) -> BudgetLine:
    line = repo.lock_line(key)
    if line is None:
        raise Refused("budget.line.unknown", line=key)
    return line


def _language(uow: UnitOfWork, programme: Programme, email: str) -> str:
    person = uow.people.get(email)
    return (person.language if person and person.language else None) or programme.language


def _tell(
    uow: UnitOfWork,
    programme: Programme,
    now: datetime,
    key: str,
    recipients: Iterable[str],
    code: str,
    params: dict[str, Any],
) -> None:
    """Put one message per recipient in the outbox, each in the recipient's language."""
    for recipient in dict.fromkeys(recipients):
        lang = _language(uow, programme, recipient)
        words = {**params, **_rendered_params(params, lang)}
        uow.enqueue(
            OutboundMessage(
                key=f"{key}:{code}:{recipient}",
                recipient=recipient,
                subject=render(f"{code}.subject", lang, **words),
                body=render(code, lang, **words),
                payload={"reference": params.get("reference", ""), "event": code},
            ),
            now,
        )


def _rendered_params(params: dict[str, Any], lang: str) -> dict[str, str]:
    """Codes among the parameters (reason codes, the request's status) turned into words."""
    out: dict[str, str] = {}
    if "reasons" in params:
        out["reasons"] = reasons_text(params, lang)
    if "state" in params:
        out["state"] = render(f"budget.status.{params['state']}", lang)
    return out


def reasons_text(params: dict[str, Any], lang: str) -> str:
    """The reasons a request went to the stuurgroep, one sentence each."""
    codes = params.get("reasons") or []
    return " ".join(render(code, lang, **params) for code in codes)


def _request_params(request: SpendRequest, **extra: Any) -> dict[str, Any]:
    return {
        "reference": request.reference,
        "amount": format_euro(request.amount),
        "kind": request.kind,
        "purpose": request.purpose,
        "requester": request.requester,
        "line": request.line_key,
        "idea": request.idea_ref or "-",
        "state": request.status.value,
        **extra,
    }


def _outcome_params(outcome: MandateOutcome) -> dict[str, Any]:
    return {**outcome.params, "reasons": list(outcome.reasons)}


def programmalijn_line(lines: Sequence[BudgetLine], programmalijn: str | None) -> BudgetLine:
    """The budget line of a programmalijn (or pijler), where a stuurgroep "akkoord" is booked."""
    for line in lines:
        if line.kind in (LineKind.PROGRAMMALIJN, LineKind.PIJLER) and programmalijn and line.group == programmalijn:
            return line
    raise Refused("budget.line.no_programmalijn", programmalijn=programmalijn or "-")


def allocate_for_decision(
    uow: UnitOfWork,
    programme: Programme,
    idea: Idea,
    decision: Decision,
    actor: Person,
    origin: str,
    now: datetime,
) -> list[LedgerEntry]:
    """A stuurgroep "akkoord" with an amount: the allocation on the idea's programmalijn line.

    Runs inside the decision's own unit of work, so the decision stands only when the money is
    there: a line without room refuses the decision, and nothing is changed.
    """
    if decision.outcome != "akkoord" or decision.amount is None:
        return []
    if not hasattr(uow, "budget"):
        return []  # a unit of work without a budget (the core's in-memory fake) keeps no ledger
    config = budget_config(programme)
    repo = budget_uow(uow).budget
    lines = _lines(repo, config, now)
    target = programmalijn_line(lines, idea.din.get("programmalijn"))
    line = _locked(repo, target.key)
    balance = repo.balance(line)
    project = Project(
        reference=idea.reference,
        name=idea.title,
        group=line.group,
        penvoerder=idea.organisation or "-",
        tranches={str(decision.decided_on.year): require_amount(decision.amount)},
        line_key=line.key,
    )
    entries = allocate_project(balance, project, now, note=decision.number)
    repo.add_entries(entries, actor.email)
    repo.save_projects([project], decision.number, now)
    audit(
        uow,
        now,
        actor.email,
        "budget_allocated",
        idea.reference,
        origin,
        details={
            "decision": decision.number,
            "line": line.key,
            "amount": str(project.total),
            "available_after": str(balance.available - project.total),
        },
    )
    return entries


class BudgetService(Service):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.config = budget_config(ctx.programme)

    # -- helpers -----------------------------------------------------------------------------------
    def _request(self, repo: BudgetRepository, reference: str, lock: bool = False) -> SpendRequest:
        request = repo.get_request(reference, lock=lock)
        if request is None:
            raise Refused("budget.request.unknown", reference=reference.strip()[:40])
        return request

    def _directors(self, uow: UnitOfWork) -> list[str]:
        return [p.email for p in uow.people.with_role(DIRECTOR)]

    def _recent(self, repo: BudgetRepository, request: SpendRequest, now: datetime) -> list[SpendRequest]:
        since = now - self.config.mandate.window
        return repo.related_requests(request.idea_ref, purpose_key(request.purpose), since)

    # -- spend requests ----------------------------------------------------------------------------
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
            repo = budget_uow(uow).budget
            lines = _lines(repo, self.config, now)
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
            line = find_line(lines, key)
            approver = actor.email if actor.has_role(DIRECTOR) else ""
            outcome = assess_mandate(
                request, self.config.mandate, approver, repo.balance(line), self._recent(repo, request, now), now
            )
            if outcome.needs_stuurgroep:
                request = refer_to_stuurgroep(request, outcome, now)
            repo.add_request(request)
            params = _request_params(request, **_outcome_params(outcome))
            seq = audit(
                uow,
                now,
                actor.email,
                "spend_requested",
                request.reference,
                origin,
                details={
                    "amount": str(request.amount),
                    "kind": request.kind,
                    "line": key,
                    "idea": request.idea_ref or "",
                    "to": request.status.value,
                    "reasons": list(outcome.reasons),
                },
            )
            others = [e for e in self._directors(uow) if e != actor.email]
            if outcome.needs_stuurgroep:
                _tell(
                    uow,
                    self.programme,
                    now,
                    f"{request.reference}:{seq}",
                    [actor.email, *others],
                    "budget.notify.referred",
                    params,
                )
                return Reply("budget.request.referred", params)
            _tell(uow, self.programme, now, f"{request.reference}:{seq}", others, "budget.notify.requested", params)
            return Reply("budget.request.created", params)

        return self.run(actor_email, origin, "spend_request", "-", work, request_key)

    def approve(self, actor_email: str, origin: str, reference: str, request_key: str | None = None) -> Reply:
        """The programmadirecteur approves under the mandate; outside it the request goes to the stuurgroep."""

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if not actor.has_role(DIRECTOR):
                raise Refused("budget.request.not_director", reference=reference.strip()[:40])
            repo = budget_uow(uow).budget
            _lines(repo, self.config, now)
            first = self._request(repo, reference)
            line = _locked(repo, first.line_key)  # from here on no other approval touches this line
            request = self._request(repo, reference, lock=True)
            if request.status in DECIDED:
                raise Refused(
                    "budget.request.already_decided", reference=request.reference, status=request.status.value
                )
            if request.status is RequestStatus.TO_STUURGROEP:
                raise Refused("budget.request.with_stuurgroep", reference=request.reference)
            if actor.email == request.requester:
                raise Refused("budget.request.own_request", reference=request.reference)
            balance = repo.balance(line)
            recent = self._recent(repo, request, now)
            outcome = assess_mandate(request, self.config.mandate, actor.email, balance, recent, now)
            if not outcome.within_mandate:
                referred = refer_to_stuurgroep(request, outcome, now)
                repo.save_request(referred)
                params = _request_params(referred, **_outcome_params(outcome))
                seq = audit(
                    uow,
                    now,
                    actor.email,
                    "spend_referred",
                    request.reference,
                    origin,
                    details={"reasons": list(outcome.reasons), "amount": str(request.amount)},
                )
                _tell(
                    uow,
                    self.programme,
                    now,
                    f"{request.reference}:{seq}",
                    [request.requester],
                    "budget.notify.referred",
                    params,
                )
                return Reply("budget.request.referred", params)
            approved, entry = approve_under_mandate(request, self.config.mandate, actor.email, balance, recent, now)
            repo.save_request(approved)
            repo.add_entries([entry], actor.email)
            available = balance.available - entry.amount
            seq = audit(
                uow,
                now,
                actor.email,
                "spend_approved",
                request.reference,
                origin,
                details={
                    "amount": str(entry.amount),
                    "line": entry.line_key,
                    "via": DecidedVia.MANDAAT.value,
                    "available_after": str(available),
                },
            )
            params = _request_params(approved, available=format_euro(available), reason="")
            _tell(
                uow,
                self.programme,
                now,
                f"{request.reference}:{seq}",
                [request.requester],
                "budget.notify.decided",
                params,
            )
            return Reply("budget.request.approved", params)

        return self.run(actor_email, origin, "spend_approve", reference.strip().upper()[:40], work, request_key)

    def reject(
        self, actor_email: str, origin: str, reference: str, reason: str, request_key: str | None = None
    ) -> Reply:
        """The programmadirecteur turns a request down, with a reason the requester is told."""

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if not actor.has_role(DIRECTOR):
                raise Refused("budget.request.not_director", reference=reference.strip()[:40])
            if not reason.strip():
                raise Refused("budget.request.reason_required", reference=reference.strip()[:40])
            text = clean_text(reason, "reden", self.programme.limits.text_max)
            repo = budget_uow(uow).budget
            request = self._request(repo, reference, lock=True)
            rejected = reject(request, actor.email, now, text)
            repo.save_request(rejected)
            seq = audit(uow, now, actor.email, "spend_rejected", request.reference, origin, details={"reason": text})
            params = _request_params(rejected, reason=text, available="")
            _tell(
                uow,
                self.programme,
                now,
                f"{request.reference}:{seq}",
                [request.requester],
                "budget.notify.decided",
                params,
            )
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
            if not actor.has_role(STAF):
                raise Refused("budget.decision.not_staf", reference=reference.strip()[:40])
            decision = parse_outcome(outcome)
            members = []
            for email in attendees:
                person = uow.people.get(email.strip().lower())
                if person is None:
                    raise Refused("person.unknown", email=email.strip()[:80])
                members.append(person)
            repo = budget_uow(uow).budget
            _lines(repo, self.config, now)
            first = self._request(repo, reference)
            number = f"{self.programme.reference_prefix}-B-{now.year}-{uow.next_number(f'decision:{now.year}'):03d}"
            line = _locked(repo, first.line_key)
            request = self._request(repo, reference, lock=True)
            day = decided_on or to_local(now).date()
            entry = spend_decision(
                request,
                decision,
                members,
                considerations,
                number,
                day,
                actor.email,
                now,
                self.programme.limits.text_max,
                objection_list,
                condition_list,
            )
            decided, ledger_entry = decide_by_stuurgroep(
                request, decision, actor.email, repo.balance(line), now, reason=entry.considerations
            )
            repo.save_request(decided, decision_number=number)
            repo.add_decision(entry)
            if ledger_entry is not None:
                repo.add_entries([ledger_entry], actor.email)
            seq = audit(
                uow,
                now,
                actor.email,
                "spend_decided",
                request.reference,
                origin,
                details={
                    "number": number,
                    "outcome": decision.value,
                    "amount": str(request.amount),
                    "present": list(entry.present),
                    "recused": list(entry.recused),
                },
            )
            params = _request_params(
                decided, number=number, outcome=decision.value, reason=entry.considerations, available=""
            )
            _tell(
                uow,
                self.programme,
                now,
                f"{request.reference}:{seq}",
                [request.requester, *self._directors(uow)],
                "budget.notify.decided",
                params,
            )
            return Reply("budget.request.stuurgroep_decided", params)

        return self.run(actor_email, origin, "spend_decide", reference.strip().upper()[:40], work, request_key)

    # -- the begroting -----------------------------------------------------------------------------
    def set_line(
        self, actor_email: str, origin: str, key: str, amount: Decimal, request_key: str | None = None
    ) -> Reply:
        """Set a line to the amount the stuurgroep adopted (never below what is committed on it)."""

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            repo = budget_uow(uow).budget
            lines = _lines(repo, self.config, now)
            find_line(lines, key)
            _locked(repo, key)
            total = self.config.total if self.config.total is not None else MAX_AMOUNT
            updated = set_line_amount(lines, key, amount, total, repo.balances(lines))
            line = find_line(updated, key)
            repo.set_line_amount(key, line.amount, now)
            audit(uow, now, actor.email, "budget_line_set", key, origin, details={"amount": str(line.amount)})
            return Reply("budget.line.set", {"line": key, "amount": format_euro(line.amount)})

        return self.run(actor_email, origin, "budget_line_set", key[:80], work, request_key)

    def import_projects(
        self, actor_email: str, origin: str, result: ImportResult, accept_differences: bool = False
    ) -> Reply:
        """Store a table read completely; declared totals that differ are stored only when accepted."""

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if not result.ok and not accept_differences:
                raise Refused(
                    "budget_import.totals_differ", name=result.source, count=str(len(result.total_mismatches))
                )
            stored = budget_uow(uow).budget.save_projects(result.projects, result.source, now)
            audit(
                uow,
                now,
                actor.email,
                "budget_import",
                result.source[:80],
                origin,
                details={
                    "projects": stored,
                    "mismatches_accepted": [
                        f"{m.where}: {m.label} {m.column} {m.declared} != {m.computed}" for m in result.total_mismatches
                    ],
                },
            )
            return Reply("budget_import.stored", {"name": result.source, "projects": str(stored)})

        return self.run(actor_email, origin, "budget_import", result.source[:80], work)

    # -- queries -----------------------------------------------------------------------------------
    def lines(self) -> list[tuple[BudgetLine, LineBalance]]:
        def work(uow: UnitOfWork) -> list[tuple[BudgetLine, LineBalance]]:
            repo = budget_uow(uow).budget
            lines = repo.lines() or list(self.config.lines)
            balances = repo.balances(lines)
            return [(line, balances[line.key]) for line in lines]

        return self.read(work)

    def open_requests(self) -> list[SpendRequest]:
        return self.read(lambda uow: budget_uow(uow).budget.requests(OPEN))

    def stuurgroep_requests(self) -> list[SpendRequest]:
        """Requests waiting for the stuurgroep: what the next stuurgroep agenda must carry."""
        return self.read(lambda uow: budget_uow(uow).budget.requests([RequestStatus.TO_STUURGROEP.value]))

    def get_request(self, reference: str) -> SpendRequest:
        return self.read(lambda uow: self._request(budget_uow(uow).budget, reference))

    def register(self) -> list[RegisterEntry]:
        """Every stuurgroep decision, on ideas and on spend requests, in date order."""

        def work(uow: UnitOfWork) -> list[RegisterEntry]:
            ideas = [from_idea_decision(d, i.reference) for d, i in uow.ideas.decisions()]
            return register([*ideas, *budget_uow(uow).budget.decisions()])

        return self.read(work)

    def report(self, by: str | None = None) -> BudgetReport:
        """The 2021 tables per pijler/programmalijn/penvoerder and tranche, with allocated/spent/remaining."""
        grouping = (by or self.config.grouping).strip().lower()
        if grouping not in GROUPINGS:
            raise Refused("budget.report.unknown_grouping", by=grouping[:40], options=", ".join(GROUPINGS))
        chosen: GroupBy = grouping  # narrowed to the literals by the check above

        no_group = render("budget.report.no_group", self.programme.language)

        def work(uow: UnitOfWork) -> BudgetReport:
            repo = budget_uow(uow).budget
            # The ledger arrives summed per group (see ledger_by_group), the projects without texts:
            # the same figures compute_report would make of every row, at a fraction of the reading.
            return compute_report(
                repo.projects(details=False),
                repo.ledger_by_group(chosen, no_group),
                by=chosen,
                tranches=self.config.tranches or None,
                no_group=no_group,
            )

        return self.read(work)

    def chart(self, by: str | None = None, lang: str | None = None) -> bytes:
        """The report as a PNG bar chart, for front ends that can show images."""
        return chart_png(self.report(by), lang or self.programme.language)

    def cofinancing(self, amount: Decimal) -> dict[str, Decimal]:
        """The 2019 arrangement: the province its share, the municipalities the rest by population."""
        cof = self.config.cofinancing
        if cof is None:
            raise Refused("cofinancing.no_municipalities")
        return regional_cofinancing(amount, cof.province, cof.province_share, cof.populations)

    def mandate_report(self, since: date, lang: str | None = None) -> str:
        """What the programmadirecteur settled under the mandate since *since* (the last stuurgroep
        meeting), as Dutch (or English) text for the documents package of the next meeting."""
        language = lang or self.programme.language
        limit = self.config.mandate.limit
        return self.read(lambda uow: mandate_report(budget_uow(uow).budget, since, limit, language))
