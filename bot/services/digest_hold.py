"""Whether a notice goes out now or waits for the recipient's daily digest (see `bot.services.digest`):
decided in the transaction of the change that caused it, so the count and the held entry commit with it."""

from __future__ import annotations

from datetime import datetime

from bot.domain.programme import Programme
from bot.domain.timezone import to_local
from bot.programme.execution import parse_execution_config
from bot.services.ports.execution import execution_uow
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.unit_of_work import UnitOfWork

STATUS_NOTICE = "status"  # the payload's "notice" of a message that may wait for the digest
_ABOVE: dict[int, tuple[Programme, int]] = {}  # the day's number per programme, read once (every notice asks)


def _digest_above(programme: Programme) -> int:
    cached = _ABOVE.get(id(programme))
    if cached is not None and cached[0] is programme:
        return cached[1]
    above = parse_execution_config(programme.raw).digest_above
    _ABOVE[id(programme)] = (programme, above)
    return above


def send_or_hold(uow: UnitOfWork, programme: Programme, message: OutboundMessage, now: datetime) -> None:
    """Write *message* to the outbox, or, when it is a status notice above the day's number, keep it for
    the recipient's digest. A unit of work without the cycle's tables (the core's fake) sends it."""
    above = _digest_above(programme)
    if message.payload.get("notice") != STATUS_NOTICE or above == 0 or not hasattr(uow, "execution"):
        uow.enqueue(message, now)
        return
    repo = execution_uow(uow).execution
    day = to_local(now).date()
    if repo.count_notice(message.recipient, day) <= above:
        uow.enqueue(message, now)
        return
    repo.add_digest_entry(message.key, message.recipient, day, message.subject, message.body, now)
