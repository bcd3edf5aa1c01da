"""One read-only unit of work for the reads of one turn (a chat command, an App Home), until a write.

A chat command reads twice before it answers: the member check, then the view. Each read in a unit
of work of its own paid the connection and its transaction twice, some 0.1 ms each, which was half
of a register page at 100,000 ideas. Inside `sharing(factory)` the reads of *factory* share one unit
of work, opened at the first read: one connection, one snapshot. Opening any writing unit of work
ends it (`ending_shared_reads`), so what a turn reads after its own write includes that write; a
database error ends it too, so the next read starts on a fresh connection. The scope lives in a
context variable: each thread and each asyncio task has its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from bot.domain.errors import Refused
from bot.services.ports.unit_of_work import UnitOfWork

T = TypeVar("T")
Factory = Callable[[], UnitOfWork]


class _Shared:
    def __init__(self, factory: Factory) -> None:
        self.factory = factory
        self.uow: UnitOfWork | None = None

    def opened(self) -> UnitOfWork:
        if self.uow is None:
            uow = self.factory()
            uow.__enter__()
            self.uow = uow
        return self.uow

    def end(self) -> None:
        uow, self.uow = self.uow, None
        if uow is not None:
            uow.__exit__(None, None, None)


_current: ContextVar[_Shared | None] = ContextVar("vaart_shared_read", default=None)


@contextmanager
def sharing(factory: Factory) -> Iterator[None]:
    """The reads of *factory* inside the block share one unit of work (in a block already sharing: that one's)."""
    if _current.get() is not None:
        yield
        return
    shared = _Shared(factory)
    token = _current.set(shared)
    try:
        yield
    finally:
        _current.reset(token)
        shared.end()


def read_with(factory: Factory, work: Callable[[UnitOfWork], T]) -> T:
    """*work* in the shared unit of work when the block shares *factory*'s, else in one of its own."""
    shared = _current.get()
    if shared is None or shared.factory is not factory:
        with factory() as uow:
            return work(uow)
    try:
        return work(shared.opened())
    except Refused:
        raise  # the core's answer in words: the transaction is as it was
    except BaseException:
        shared.end()  # a database error may have ended the transaction (PostgreSQL): the next read opens anew
        raise


def end_shared_reads() -> None:
    """A write begins: the reads after it start a new snapshot."""
    shared = _current.get()
    if shared is not None:
        shared.end()


def ending_shared_reads(factory: Factory) -> Factory:
    """*factory* (the writing units of work) that first ends the block's shared read."""

    def opened() -> UnitOfWork:
        end_shared_reads()
        return factory()

    return opened
