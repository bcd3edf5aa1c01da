"""Who hears what of a spend request: each event of a request (`bot.domain.spending`) becomes its
audit entry through the `Recorder` and one message per recipient, in the recipient's language, in
the same transaction.

- requested within the mandate: the other programmadirecteuren get it to decide;
- requested outside it, or referred later: the requester (and the other directors) hear why;
- approved, rejected or decided by the stuurgroep: the requester (and, for the stuurgroep's
  decision, the directors) hear the outcome.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from bot.domain.budget_mandate import MandateOutcome, RequestStatus, SpendRequest
from bot.domain.money import format_euro
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.domain.spending import SpendChange
from bot.messages import profiled, render
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import Recorder, reader_language

DIRECTOR = "programmadirecteur"
REQUESTED = "budget.notify.requested"
DECIDED = "budget.notify.decided"


def request_params(request: SpendRequest, **extra: Any) -> dict[str, Any]:
    """The words every message and reply about *request* may use."""
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


def outcome_params(outcome: MandateOutcome) -> dict[str, Any]:
    return {**outcome.params, "reasons": list(outcome.reasons)}


def reasons_text(params: dict[str, Any], lang: str) -> str:
    """The reasons a request went to the stuurgroep, one sentence each."""
    codes = params.get("reasons") or []
    words = dict(params)
    if "stage" in words:
        words["stage"] = render(f"status.{words['stage']}", lang)
    return " ".join(render(code, lang, **words) for code in codes)


def spend_words(params: dict[str, Any], lang: str) -> dict[str, str]:
    """Codes among the parameters (reason codes, the request's status) turned into words."""
    out: dict[str, str] = {}
    if "reasons" in params:
        out["reasons"] = reasons_text(params, lang)
    if "state" in params:
        out["state"] = render(f"budget.status.{params['state']}", lang)
    return out


class SpendNotices:
    def __init__(self, uow: UnitOfWork, programme: Programme, now: datetime, origin: str) -> None:
        self.uow = uow
        self.programme = programme
        self.now = now
        self.recorder = Recorder(uow, programme, now, origin)

    def record(self, change: SpendChange, actor: Person, params: dict[str, Any]) -> None:
        """The change's audit entry, and its messages with *params* (see `request_params`)."""
        request = change.request
        seq = self.recorder.record(request.reference, actor.email, change.event)
        recipients, code = self._who(change, actor)
        self._tell(f"{request.reference}:{seq}", recipients, code, params)

    def _directors(self) -> list[str]:
        return [p.email for p in self.uow.people.with_role(DIRECTOR)]

    def _who(self, change: SpendChange, actor: Person) -> tuple[list[str], str]:
        request, kind = change.request, change.event.kind
        referred = profiled("budget.notify", "referred", self.programme.governance.procedure("uitgave"))
        if kind == "spend_requested":
            others = [e for e in self._directors() if e != actor.email]
            if request.status is RequestStatus.TO_STUURGROEP:
                return [actor.email, *others], referred
            return others, REQUESTED
        if kind == "spend_referred":
            return [request.requester], referred
        if kind == "spend_decided":
            return [request.requester, *self._directors()], DECIDED
        return [request.requester], DECIDED  # approved or rejected by the programmadirecteur

    def _tell(self, key: str, recipients: Iterable[str], code: str, params: dict[str, Any]) -> None:
        """Put one message per recipient in the outbox, each in the recipient's language."""
        for recipient in dict.fromkeys(recipients):
            lang = reader_language(self.uow, recipient, self.programme.language)
            words = {**params, **spend_words(params, lang)}
            self.uow.enqueue(
                OutboundMessage(
                    key=f"{key}:{code}:{recipient}",
                    recipient=recipient,
                    subject=render(f"{code}.subject", lang, **words),
                    body=render(code, lang, **words),
                    payload={"reference": params.get("reference", ""), "event": code},
                ),
                self.now,
            )
