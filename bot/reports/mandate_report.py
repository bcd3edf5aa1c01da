"""The mandate report: what the programmadirecteur settled alone since the last stuurgroep meeting.

Programmaplan hoofdstuk 6: the programmadirecteur may settle costs below the mandate limit alone
and reports to the stuurgroep. This text goes into the documents package of the next meeting:
the approvals under the mandate with their total, the requests turned down, and the requests
that wait for the stuurgroep because they fall outside the mandate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Protocol

from bot.domain.budget import ZERO
from bot.domain.budget_mandate import DecidedVia, RequestStatus, SpendRequest
from bot.domain.governance import CONSENSUS
from bot.domain.money import format_euro
from bot.domain.timezone import AMSTERDAM, to_local
from bot.messages import profiled, render


class MandateFacts(Protocol):
    """What the report reads: the budget repository (the service's unit of work, or the worker's
    connection when it assembles a documents package)."""

    def decided_since(self, since: datetime) -> list[SpendRequest]: ...
    def requests(self, statuses: Iterable[str]) -> list[SpendRequest]: ...


def mandate_report(facts: MandateFacts, since: date, limit: Decimal, lang: str = "nl",
                   procedure: str = CONSENSUS) -> str:
    """The report since *since* (the previous stuurgroep meeting), read from *facts*: one reading
    for the chat, the CLI and the documents package. *procedure*: who decides outside a mandate (the
    `uitgave` decision of the profile), for the wording of a programme without a stuurgroep."""
    start = datetime.combine(since, time(0, 0), tzinfo=AMSTERDAM)
    referred = facts.requests([RequestStatus.TO_STUURGROEP.value])
    return mandate_report_text(facts.decided_since(start), referred, since, limit, lang, procedure)


def _request_line(request: SpendRequest, lang: str, when: datetime) -> str:
    return render(
        "budget.mandate_report.line",
        lang,
        reference=request.reference,
        date=to_local(when).strftime("%d-%m-%Y"),
        amount=format_euro(request.amount),
        kind=request.kind,
        purpose=request.purpose,
        requester=request.requester,
        line=request.line_key,
        reason=request.reason or "-",
    )


def mandate_report_text(
    decided: Sequence[SpendRequest], referred: Sequence[SpendRequest], since: date, limit: Decimal, lang: str,
    procedure: str = CONSENSUS,
) -> str:
    """The mandate report: approvals under the mandate, rejections, and what waits for the stuurgroep."""
    day = since.strftime("%d-%m-%Y")
    under = [r for r in decided if r.decided_via is DecidedVia.MANDAAT]
    approved = [r for r in under if r.status is RequestStatus.APPROVED]
    rejected = [r for r in under if r.status is RequestStatus.REJECTED]
    title = profiled("budget.mandate_report", "title", procedure)
    lines = [render(title, lang, since=day, limit=format_euro(limit)), ""]
    if approved:
        lines += [_request_line(r, lang, r.decided_at or r.requested_at) for r in approved]
        total = sum((r.amount for r in approved), ZERO)
        lines.append(render("budget.mandate_report.total", lang, total=format_euro(total), count=str(len(approved))))
    else:
        lines.append(render(profiled("budget.mandate_report", "none", procedure), lang, since=day))
    if rejected:
        lines += ["", render("budget.mandate_report.rejected_header", lang)]
        lines += [_request_line(r, lang, r.decided_at or r.requested_at) for r in rejected]
    if referred:
        lines += ["", render(profiled("budget.mandate_report", "referred_header", procedure), lang)]
        lines += [_request_line(r, lang, r.requested_at) for r in referred]
    return "\n".join(lines) + "\n"
