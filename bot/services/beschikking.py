"""The subsidie-beschikking after a stuurgroep "akkoord" (Programmaplan §3.1: Provincie Drenthe is
penvoerder and kassier and issues the beschikking to the recipient of an approved project).

The staf (controller) records it: date, amount and kenmerk, never above what the project was
allocated; realisations are then booked against it, never beyond it, on the project's own
budget line in the ledger. The money report shows per project allocated, beschikt, realised and
what remains of the beschikking.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from bot.domain.budget import ZERO, LedgerEntry, LedgerKind, require_amount
from bot.domain.errors import Refused
from bot.domain.execution import Beschikking, check_beschikking, check_realisation
from bot.domain.lifecycle import Status
from bot.domain.money import format_euro
from bot.domain.people import Person
from bot.domain.period import require_day
from bot.domain.text import clean_text
from bot.messages import profiled
from bot.services.base import Reply, Service
from bot.services.meeting_queries import TRUSTED_ORIGINS
from bot.services.ports.budget import budget_uow
from bot.services.ports.execution import ProjectMoney, execution_uow
from bot.services.ports.read_models import PAGE, Page
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import audit

CONTROLLER = "staf"
AFTER_AKKOORD = frozenset({Status.AKKOORD.value, Status.IN_UITVOERING.value, Status.AFGEROND.value})


@dataclass(frozen=True)
class MoneyTotals:
    allocated: Decimal
    beschikt: Decimal
    realised: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.beschikt - self.realised


class BeschikkingService(Service):
    def _project(self, uow: UnitOfWork, reference: str) -> ProjectMoney:
        repo = execution_uow(uow).execution
        budget_ref, status = repo.project_state(reference)
        typed = reference.strip()[:80]
        if status is not None and status not in AFTER_AKKOORD:
            code = profiled("beschikking", "not_decided", self.programme.governance.procedure("voorstel"))
            raise Refused(code, reference=typed.upper(), status=status)
        money = repo.project_money(budget_ref) if budget_ref else None
        if money is None:
            raise Refused("beschikking.unknown_project", reference=typed)
        return money

    def record(self, actor_email: str, origin: str, reference: str, issued_on: date, amount: Decimal,
               kenmerk: str, request_key: str | None = None) -> Reply:
        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if origin not in TRUSTED_ORIGINS and not actor.has_role(CONTROLLER):
                raise Refused("beschikking.only_staf")
            money = self._project(uow, reference)
            repo = execution_uow(uow).execution
            if repo.get_beschikking(money.reference) is not None:
                raise Refused("beschikking.exists", reference=money.reference)
            require_day(self.programme.period, issued_on, "beschikking.date_outside")
            if issued_on > now.date():
                raise Refused("beschikking.date_future", date=issued_on.strftime("%d-%m-%Y"))
            value = require_amount(amount)
            check_beschikking(money.reference, value, money.allocated)
            mark = clean_text(kenmerk, "kenmerk", 120, multiline=False)
            repo.add_beschikking(Beschikking(money.reference, issued_on, value, mark, actor.email, now))
            audit(uow, now, actor.email, "beschikking_recorded", money.reference, origin,
                  details={"amount": str(value), "kenmerk": mark, "date": issued_on.isoformat(),
                           "allocated": str(money.allocated)})
            return Reply("beschikking.recorded", {"reference": money.reference, "amount": format_euro(value),
                                                  "kenmerk": mark, "allocated": format_euro(money.allocated)})

        return self.run(actor_email, origin, "beschikking_recorded", reference.strip()[:80], work, request_key)

    def realise(self, actor_email: str, origin: str, reference: str, amount: Decimal, note: str,
                request_key: str | None = None) -> Reply:
        """Book money spent against the project's beschikking."""

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if origin not in TRUSTED_ORIGINS and not actor.has_role(CONTROLLER):
                raise Refused("beschikking.only_staf")
            money = self._project(uow, reference)
            if money.line_key is None:
                raise Refused("beschikking.no_line", reference=money.reference)
            line_key = money.line_key
            repo = budget_uow(uow).budget
            repo.lock_line(line_key)  # realisations of one line one after the other
            money = execution_uow(uow).execution.project_money(money.reference) or money
            value = require_amount(amount)
            check_realisation(money.reference, value, money.beschikt, money.realised)
            text = clean_text(note, "omschrijving", 200, multiline=False) if note.strip() else ""
            repo.add_entries([LedgerEntry(line_key, LedgerKind.REALISATION, value, now, money.reference,
                                          note=text)], actor.email)
            left = (money.beschikt or ZERO) - money.realised - value
            audit(uow, now, actor.email, "realisation_booked", money.reference, origin,
                  details={"amount": str(value), "left": str(left), "note": text})
            return Reply("beschikking.realised", {"reference": money.reference, "amount": format_euro(value),
                                                  "left": format_euro(left)})

        return self.run(actor_email, origin, "realisation_booked", reference.strip()[:80], work, request_key)

    def money_page(self, after: str | None = None, limit: int = PAGE) -> Page[ProjectMoney]:
        return self.read(lambda uow: execution_uow(uow).execution.money_page(after, limit))

    def totals(self) -> MoneyTotals:
        def work(uow: UnitOfWork) -> MoneyTotals:
            allocated, beschikt, realised = execution_uow(uow).execution.money_totals()
            return MoneyTotals(allocated, beschikt, realised)

        return self.read(work)
