"""How every use case runs: one unit of work, the actor resolved, refusals logged and audited,
retried requests answered from memory instead of acted on twice.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from bot.domain.audit import bio
from bot.domain.errors import Refused
from bot.domain.people import Person, anonymous
from bot.domain.programme import Programme
from bot.services.ports.unit_of_work import Clock, ConcurrentChange, UnitOfWork
from bot.services.record import audit
from bot.services.shared_read import ending_shared_reads, read_with, sharing

log = logging.getLogger("vaart.services")
T = TypeVar("T")


@dataclass(frozen=True)
class Reply:
    """The outcome of a command: a message code for `bot.messages` and its parameters."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"code": self.code, "params": self.params}, default=str)

    @classmethod
    def from_json(cls, text: str) -> Reply:
        data = json.loads(text)
        return cls(data["code"], data["params"])


@dataclass(frozen=True)
class Context:
    """What every service needs, handed in by the composition root."""

    uow_factory: Callable[[], UnitOfWork]
    programme: Programme
    clock: Clock
    # units of work for queries: they never take the write lock (SQLite), so a long read delays no writer
    read_uow_factory: Callable[[], UnitOfWork] | None = None

    def __post_init__(self) -> None:
        # a writing unit of work ends a turn's shared read first (bot.services.shared_read)
        object.__setattr__(self, "uow_factory", ending_shared_reads(self.uow_factory))


def resolve_actor(uow: UnitOfWork, email: str) -> Person:
    """The person behind *email*; anyone unknown is an indiener without a function."""
    person = uow.people.get(email.strip().lower())
    return person if person is not None else anonymous(email)


def resolve_reader(uow: UnitOfWork, email: str) -> Person:
    """`resolve_actor` for a query: the person as a copy to read, not an object to change."""
    person = uow.people.find(email.strip().lower())
    return person if person is not None else anonymous(email)


class Service:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @property
    def programme(self) -> Programme:
        return self.ctx.programme

    def run(
        self,
        actor_email: str,
        origin: str,
        action: str,
        obj: str,
        work: Callable[[UnitOfWork, Person, datetime], Reply],
        request_key: str | None = None,
    ) -> Reply:
        """Run *work* in one transaction; on a refusal, roll back and put the refusal on record."""
        now = self.ctx.clock.now()
        with self.ctx.uow_factory() as uow:
            if request_key is not None:
                prior = uow.remembered(request_key)
                if prior is not None:
                    log.info("repeated request %s answered from memory", request_key)
                    return Reply.from_json(prior)
            try:
                actor = resolve_actor(uow, actor_email)
                reply = work(uow, actor, now)
                if request_key is not None:
                    uow.remember(request_key, reply.to_json(), now)
                uow.commit()
                log.info("%s on %s by %s: ok", action, obj, actor_email,
                         extra=bio(actor_email, action, obj, "ok", origin))
            except Refused as refusal:
                uow.rollback()
                self._record_refusal(actor_email, origin, action, obj, refusal, now)
                raise
            except ConcurrentChange as exc:
                uow.rollback()
                changed = Refused("store.changed_meanwhile", reference=obj)
                self._record_refusal(actor_email, origin, action, obj, changed, now)
                raise changed from exc
            return reply

    def read(self, work: Callable[[UnitOfWork], T]) -> T:
        """Run *work* in a read-only unit of work (it must not write): the turn's shared one inside `reading()`."""
        return read_with(self._reads, work)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """The reads of this programme's services in the block share one unit of work until a write
        (bot.services.shared_read): a chat command's member check and its view, one transaction."""
        with sharing(self._reads):
            yield

    @property
    def _reads(self) -> Callable[[], UnitOfWork]:
        return self.ctx.read_uow_factory or self.ctx.uow_factory

    def _record_refusal(self, actor: str, origin: str, action: str, obj: str, refusal: Refused, now: datetime) -> None:
        result = f"geweigerd: {refusal.code}"
        log.info("refused %s on %s by %s: %s", action, obj, actor, refusal.code,
                 extra=bio(actor, action, obj, result, origin))
        with self.ctx.uow_factory() as uow:
            params = {k: v for k, v in refusal.params.items() if isinstance(v, str | int | float | bool)}
            audit(uow, now, actor[:254], action, obj[:80], origin, result=result, details=params)
            uow.commit()

