"""The store half of the composition root: settings, clock, programme, engine and the services'
context, without the chat, the front ends or the channels. `app.build()` starts from it, and a
command that only looks something up (`vaart status`) stops there: it pays for the services it
asks, not for every front end and report of the whole application. On an SQLite store at HEAD the
lookup does not even load SQLAlchemy (some 300 ms of imports): `storage.sqlite_lookup` reads the
same rows with the standard library (#17: `vaart status REF` under 400 ms); PostgreSQL and a store
that needs migrating go through `open_store`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from bot.bootstrap.clock import ManualClock, SystemClock
from bot.bootstrap.settings import Settings, load_programme
from bot.domain.governance import PER_MEMBER_BODY
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.domain.rounds import WrittenRound
from bot.services.base import Context
from bot.services.escalations import EscalationService
from bot.services.ideas import IdeaService
from bot.services.member_bodies import MemberBodyService
from bot.services.ports.rounds import round_uow
from bot.services.ports.unit_of_work import Clock, UnitOfWork
from storage.migrate import HEAD
from storage.sqlite_lookup import SqliteLookup, sqlite_file

if TYPE_CHECKING:
    from sqlalchemy import Engine

STATUS_ROUNDS = 3  # the latest rounds an idea's status shows (RoundService.of's default)


@dataclass(frozen=True)
class Store:
    settings: Settings
    programme: Programme
    clock: Clock
    engine: Engine
    ctx: Context

    def close(self) -> None:
        self.engine.dispose()


def open_store(
    settings: Settings | None = None,
    clock: Clock | None = None,
    migrate: bool = True,
    programme: Programme | None = None,
) -> Store:
    """The store from *settings* (the environment by default), migrated first unless told not to; *programme*:
    its file as already read and checked (`build_installation` checks every file before any store)."""
    from storage.engine import make_engine, reader
    from storage.mapping import start_mappers
    from storage.migrate import upgrade
    from storage.unit_of_work import SqlAlchemyUnitOfWork, session_factory

    settings = settings or Settings.from_env()
    clock = clock or _clock(settings)
    programme = programme or load_programme(settings.programme_file, settings.language)
    start_mappers()
    engine = make_engine(settings.database_url, file_mode=settings.file_mode, schema=settings.database_schema)
    if migrate:
        upgrade(engine)
    sessions, reading = session_factory(engine), reader(engine)
    ctx = Context(
        uow_factory=lambda: SqlAlchemyUnitOfWork(sessions),
        programme=programme,
        clock=clock,
        read_uow_factory=lambda: SqlAlchemyUnitOfWork(reader=reading),
    )
    return Store(settings, programme, clock, engine, ctx)


def _clock(settings: Settings) -> Clock:
    return ManualClock(settings.frozen_now) if settings.frozen_now else SystemClock()


@dataclass(frozen=True)
class Lookup:
    """What `vaart status` reads: ideas and what the chat's `status` adds under one (escalations,
    written rounds, the colleges' decisions where they decide)."""

    programme: Programme
    ideas: IdeaService
    escalations: EscalationService
    bodies: MemberBodyService | None  # only where proposals are decided per member body
    close: Callable[[], None]

    def person(self, email: str) -> Person | None:
        return self.ideas.read(lambda uow: uow.people.get(email.strip().lower()))

    def rounds_of(self, subject: str) -> list[WrittenRound]:
        return self.ideas.read(lambda uow: round_uow(uow).rounds.of_subject(subject, STATUS_ROUNDS))


def open_lookup(settings: Settings | None = None, programme: Programme | None = None) -> Lookup:
    """*programme*: the one the caller has already read from *settings*, so it is not read twice."""
    settings = settings or Settings.from_env()
    programme = programme or load_programme(settings.programme_file, settings.language)
    fast = _sqlite_at_head(settings)
    if fast is None:
        store = open_store(settings, programme=programme)
        ctx, close = store.ctx, store.close
    else:
        lookup = fast
        # the lookup only reads: its unit of work offers what `status` asks, and refuses to commit
        reads = cast(Callable[[], UnitOfWork], lookup.unit_of_work)
        ctx = Context(uow_factory=reads, programme=programme, clock=_clock(settings), read_uow_factory=reads)
        close = lookup.close
    per_body = ctx.programme.governance.procedure("voorstel") == PER_MEMBER_BODY
    bodies = MemberBodyService(ctx) if per_body else None
    return Lookup(ctx.programme, IdeaService(ctx), EscalationService(ctx), bodies, close)


def _sqlite_at_head(settings: Settings) -> SqliteLookup | None:
    """The standard library's reader on an SQLite file already at HEAD; None otherwise (a new or
    older store is migrated by `open_store` first, PostgreSQL always goes there)."""
    path = sqlite_file(settings.database_url)
    if path is None or not path.is_file():
        return None
    lookup = SqliteLookup(path)
    if lookup.revision() == HEAD:
        return lookup
    lookup.close()
    return None
