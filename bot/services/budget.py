"""The budget service: spend requests and the mandate (`bot.services.spending`), the begroting's
lines and imports (`bot.services.budget_lines`), and here the read side: lines with their balances,
open requests, the decision register, the 2021-style report and its chart, cofinancing, the
mandate report. Who hears what of a spend request is `bot.services.budget_notices`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from bot.domain.budget import BudgetLine, LineBalance
from bot.domain.budget_mandate import RequestStatus, SpendRequest
from bot.domain.cofinancing import regional_cofinancing, split_by_population
from bot.domain.decision_register import RegisterEntry
from bot.domain.errors import Refused
from bot.messages import render
from bot.reports.budget_report import GROUPINGS, BudgetReport, GroupBy, chart_png, report_from_sums
from bot.reports.mandate_report import mandate_report
from bot.services.base import Context
from bot.services.budget_lines import LineCommands
from bot.services.ports.budget import budget_uow
from bot.services.ports.execution import execution_uow
from bot.services.ports.read_models import PAGE, Page
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.register import decision_register
from bot.services.spending import SpendCommands

OPEN = (RequestStatus.REQUESTED.value, RequestStatus.TO_STUURGROEP.value)


class BudgetService(SpendCommands, LineCommands):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        # the last report per grouping with the budget version it was summed at (repo.version()):
        # read again only when a change raised the version, in the transaction that made it
        self._reports: dict[str, tuple[int, BudgetReport]] = {}

    # -- queries -----------------------------------------------------------------------------------
    def lines(self) -> list[tuple[BudgetLine, LineBalance]]:
        def work(uow: UnitOfWork) -> list[tuple[BudgetLine, LineBalance]]:
            repo = budget_uow(uow).budget
            lines = repo.lines() or list(self.config.lines)
            balances = repo.balances(lines)
            return [(line, balances[line.key]) for line in lines]

        return self.read(work)

    def open_requests(self) -> list[SpendRequest]:
        """Every open request (the CLI's listing); chat shows `open_page`."""
        return self.read(lambda uow: budget_uow(uow).budget.requests(OPEN))

    def open_page(
        self, after: str | None = None, limit: int = PAGE, statuses: Sequence[str] = OPEN, not_by: str | None = None
    ) -> Page[SpendRequest]:
        """One page of the open requests, oldest first; *not_by* leaves out that person's own."""
        return self.read(lambda uow: budget_uow(uow).budget.request_page(statuses, limit, after, not_by))

    def stuurgroep_requests(self) -> list[SpendRequest]:
        """Requests waiting for the stuurgroep: what the next stuurgroep agenda must carry."""
        return self.read(lambda uow: budget_uow(uow).budget.requests([RequestStatus.TO_STUURGROEP.value]))

    def get_request(self, reference: str) -> SpendRequest:
        return self.read(lambda uow: self._request(budget_uow(uow).budget, reference))

    def register(self) -> list[RegisterEntry]:
        """Every stuurgroep decision, on ideas and on spend requests, in date order."""
        return self.read(decision_register)

    def report(self, by: str | None = None) -> BudgetReport:
        """The 2021 tables per pijler/programmalijn/penvoerder and tranche, with allocated/spent/remaining."""
        grouping = (by or self.config.grouping).strip().lower()
        if grouping not in GROUPINGS:
            raise Refused("budget.report.unknown_grouping", by=grouping[:40], options=", ".join(GROUPINGS))
        chosen: GroupBy = grouping  # narrowed to the literals by the check above

        no_group = render("budget.report.no_group", self.programme.language)

        def work(uow: UnitOfWork) -> BudgetReport:
            repo = budget_uow(uow).budget
            version = repo.version()  # read first: the sums below are then at least this new
            kept = self._reports.get(chosen)
            if version is not None and kept is not None and kept[0] == version:
                return kept[1]  # nothing of the budget changed since it was summed
            # The projects and the ledger arrive summed per group in the database (group_sums,
            # ledger_by_group): the figures compute_report would make of every row, in a few rows.
            groups, seen = repo.group_sums(chosen, no_group)
            report = report_from_sums(
                groups,
                repo.ledger_by_group(chosen, no_group),
                by=chosen,
                tranches=self.config.tranches or None,
                tranches_seen=seen,
                beschikt=execution_uow(uow).execution.beschikt_by_group(chosen, no_group),
            )
            if version is not None:
                self._reports[chosen] = (version, report)
            return report

        return self.read(work)

    def chart(self, by: str | None = None, lang: str | None = None) -> bytes:
        """The report as a PNG bar chart, for front ends that can show images."""
        return chart_png(self.report(by), lang or self.programme.language)

    def cofinancing(self, amount: Decimal) -> dict[str, Decimal]:
        """The 2019 arrangement: the province its share, the municipalities the rest by population; without a
        province in the programme file (the VDG) the municipalities all of it."""
        cof = self.config.cofinancing
        if cof is None:
            raise Refused("cofinancing.no_municipalities")
        if cof.province is None:
            return split_by_population(amount, cof.populations)
        return regional_cofinancing(amount, cof.province, cof.province_share, cof.populations)

    def mandate_report(self, since: date, lang: str | None = None) -> str:
        """What the programmadirecteur settled under the mandate since *since* (the last stuurgroep
        meeting), as Dutch (or English) text for the documents package of the next meeting."""
        language = lang or self.programme.language
        limit = self.config.mandate.limit
        procedure = self.programme.governance.procedure("uitgave")
        return self.read(lambda uow: mandate_report(budget_uow(uow).budget, since, limit, language, procedure))
