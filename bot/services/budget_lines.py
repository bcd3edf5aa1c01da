"""The begroting's side of the budget service: the programme's budget configuration, the lines in
the store, the allocation a stuurgroep "akkoord" on an idea books, setting a line, importing
project tables. Anything that allocates money locks the line first and reads its balance
afterwards, inside the same transaction, so allocations running at the same moment can never
together overspend a line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from bot.domain.assessment import Decision
from bot.domain.budget import (
    BudgetLine,
    LedgerEntry,
    LineKind,
    Project,
    allocate_project,
    find_line,
    require_amount,
    set_line_amount,
)
from bot.domain.budget_mandate import SpendRequest, purpose_key
from bot.domain.cycle import BudgetResolution, LineChange, budget_kind, require_budget_decision
from bot.domain.errors import Refused
from bot.domain.governance import PER_MEMBER_BODY
from bot.domain.ideas import Idea
from bot.domain.money import MAX_AMOUNT, format_euro
from bot.domain.people import Person
from bot.domain.period import require_day
from bot.domain.programme import Programme
from bot.domain.text import clean_text
from bot.programme.budget import BudgetConfig, parse_budget_config
from bot.services.agenda import meeting_on
from bot.services.base import Context, Reply, Service
from bot.services.meeting_queries import TRUSTED_ORIGINS
from bot.services.ports.budget import BudgetRepository, budget_uow
from bot.services.ports.budget_import import ImportResult
from bot.services.ports.cycle import cycle_uow
from bot.services.ports.meetings import meeting_uow
from bot.services.ports.read_models import Page
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import audit

RECORDERS = ("staf", "programmadirecteur")  # who records a stuurgroep budget decision (§6)


def budget_config(programme: Programme) -> BudgetConfig:
    """The programme file's `[begroting]`, `[mandaat]` and `[gemeenten]`."""
    return parse_budget_config(programme.raw)


def lines_in_store(repo: BudgetRepository, config: BudgetConfig, now: datetime) -> list[BudgetLine]:
    """The lines in the store; the configured ones are put there the first time they are needed."""
    repo.ensure_lines(config.lines, now)
    return repo.lines()


def locked_line(repo: BudgetRepository, key: str) -> BudgetLine:
    line = repo.lock_line(key)
    if line is None:
        raise Refused("budget.line.unknown", line=key)
    return line


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
    lines = lines_in_store(repo, config, now)
    target = programmalijn_line(lines, idea.din.get("programmalijn"))
    line = locked_line(repo, target.key)
    balance = repo.balance(line)
    project = Project(
        reference=idea.reference,
        name=idea.title,
        group=line.group,
        penvoerder=idea.lead_partner or "-",
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


def follow_penvoerder(uow: UnitOfWork, idea: Idea) -> None:
    """A project in the budget carries the penvoerder its idea has now (§3.1: each project its own
    penvoerder), so the report by penvoerder follows a change; no budget, nothing to follow."""
    if idea.penvoerder and hasattr(uow, "budget"):
        budget_uow(uow).budget.set_penvoerder(idea.reference, idea.penvoerder)


class BudgetBase(Service):
    """What the budget's commands and queries share: the configuration, parsed once at start-up."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.config = budget_config(ctx.programme)

    def _request(self, repo: BudgetRepository, reference: str, lock: bool = False) -> SpendRequest:
        request = repo.get_request(reference, lock=lock)
        if request is None:
            raise Refused("budget.request.unknown", reference=reference.strip()[:40])
        return request

    def _recent(self, repo: BudgetRepository, request: SpendRequest, now: datetime) -> list[SpendRequest]:
        since = now - self.config.mandate.window
        return repo.related_requests(request.idea_ref, purpose_key(request.purpose), since)


class LineCommands(BudgetBase):
    def set_line(
        self,
        actor_email: str,
        origin: str,
        key: str,
        amount: Decimal,
        decision: str = "",
        request_key: str | None = None,
    ) -> Reply:
        """Set a line to the amount the stuurgroep adopted (never below what is committed on it).

        §6: the begroting and each revision are stuurgroep decisions, so the change names the adopted
        decision in the register that made it; line, history row and audit entry commit together.
        """

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if self.programme.governance.procedure("uitgave") == PER_MEMBER_BODY:  # no budget decision to name
                raise Refused("budget.resolution.per-member-body")
            repo = budget_uow(uow).budget
            lines = lines_in_store(repo, self.config, now)
            before = find_line(lines, key).amount
            facts = cycle_uow(uow).cycle.decision(decision) if decision.strip() else None
            number = require_budget_decision(decision, facts.kind if facts else None)
            locked_line(repo, key)
            total = self.config.total if self.config.total is not None else MAX_AMOUNT
            cap = self.config.caps.get(key)
            updated = set_line_amount(lines, key, amount, total, repo.balances(lines), cap)
            line = find_line(updated, key)
            repo.set_line_amount(key, line.amount, now)
            cycle_uow(uow).cycle.add_line_change(LineChange(key, before, line.amount, number, actor.email, now))
            audit(uow, now, actor.email, "budget_line_set", key, origin,
                  details={"amount": str(line.amount), "before": str(before), "decision": number})
            return Reply("budget.line.set", {"line": key, "amount": format_euro(line.amount),
                                             "before": format_euro(before), "decision": number})

        return self.run(actor_email, origin, "budget_line_set", key[:80], work, request_key)

    def record_budget_decision(
        self,
        actor_email: str,
        origin: str,
        decided_on: date,
        kind: str,
        text: str,
        request_key: str | None = None,
    ) -> Reply:
        """Record a stuurgroep decision on the begroting or its yearly revision (§6), taken in the
        stuurgroep meeting of *decided_on*: the decision a budget line change then cites.

        The staf or the programmadirecteur records it (the command line too); the number comes from
        the register's own counter, so it is unique among every decision of the year.
        """

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if self.programme.governance.procedure("uitgave") == PER_MEMBER_BODY:  # no gremium decides on money,
                raise Refused("budget.resolution.per-member-body")  # whoever asks: not "of the stuurgroep"
            if origin not in TRUSTED_ORIGINS and not actor.has_role(*RECORDERS):
                raise Refused("budget.resolution.not_allowed")
            which = budget_kind(kind)
            body = clean_text(text, "besluit", self.programme.limits.text_max)
            require_day(self.programme.period, decided_on, "period.meeting")
            held = meeting_on(meeting_uow(uow), self.programme, decided_on, now)
            day = decided_on.strftime("%d-%m-%Y")
            if held is None:
                raise Refused("budget.resolution.no_meeting", date=day)
            if held.starts_at > now:
                raise Refused("budget.resolution.in_future", date=day)
            prefix = self.programme.reference_prefix
            number = f"{prefix}-B-{decided_on.year}-{uow.next_number(f'decision:{decided_on.year}'):03d}"
            cycle_uow(uow).cycle.add_budget_resolution(
                BudgetResolution(number, which, decided_on, body, actor.email, now, held.id))
            audit(uow, now, actor.email, "budget_decision_recorded", number, origin,
                  details={"kind": which, "date": decided_on.isoformat()})
            return Reply("budget.resolution.recorded", {"number": number, "kind": which, "date": day, "text": body})

        return self.run(actor_email, origin, "budget_decision_recorded", decided_on.isoformat(), work, request_key)

    def line_history(self, key: str, after: str | None = None, limit: int = 100) -> Page[LineChange]:
        """Every change of one line, oldest first: amount before and after, decision, who, when."""

        def work(uow: UnitOfWork) -> Page[LineChange]:
            repo = budget_uow(uow).budget
            if not any(line.key == key for line in repo.lines() or self.config.lines):
                raise Refused("budget.line.unknown", line=key[:80])
            return cycle_uow(uow).cycle.line_history(key, limit, after)

        return self.read(work)

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
