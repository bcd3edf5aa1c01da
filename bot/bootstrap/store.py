"""The store half of the composition root: settings, clock, programme, engine and the services'
context, without the chat, the front ends or the channels. `app.build()` starts from it, and a
command that only looks something up (`vaart status`) stops there: it pays for SQLAlchemy and the
services it asks, not for every front end and report of the whole application.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

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
from bot.services.ports.unit_of_work import Clock
from storage.engine import make_engine, reader
from storage.mapping import start_mappers
from storage.migrate import upgrade
from storage.unit_of_work import SqlAlchemyUnitOfWork, session_factory

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


def open_store(settings: Settings | None = None, clock: Clock | None = None, migrate: bool = True) -> Store:
    """The store from *settings* (the environment by default), migrated first unless told not to."""
    settings = settings or Settings.from_env()
    if clock is None:
        clock = ManualClock(settings.frozen_now) if settings.frozen_now else SystemClock()
    programme = load_programme(settings.programme_file, settings.language)
    start_mappers()
    engine = make_engine(settings.database_url, file_mode=settings.file_mode, schema=settings.database_schema)
    if migrate:
        upgrade(engine)
    sessions = session_factory(engine)
    read_sessions = session_factory(reader(engine))
    ctx = Context(
        uow_factory=lambda: SqlAlchemyUnitOfWork(sessions),
        programme=programme,
        clock=clock,
        read_uow_factory=lambda: SqlAlchemyUnitOfWork(read_sessions, read_only=True),
    )
    return Store(settings, programme, clock, engine, ctx)


@dataclass(frozen=True)
class Lookup:
    """What `vaart status` reads: ideas and what the chat's `status` adds under one (escalations,
    written rounds, the colleges' decisions where they decide)."""

    store: Store
    ideas: IdeaService
    escalations: EscalationService
    bodies: MemberBodyService | None  # only where proposals are decided per member body

    @property
    def programme(self) -> Programme:
        return self.store.programme

    def person(self, email: str) -> Person | None:
        return self.ideas.read(lambda uow: uow.people.get(email.strip().lower()))

    def rounds_of(self, subject: str) -> list[WrittenRound]:
        return self.ideas.read(lambda uow: round_uow(uow).rounds.of_subject(subject, STATUS_ROUNDS))

    def close(self) -> None:
        self.store.close()


def open_lookup(settings: Settings | None = None) -> Lookup:
    store = open_store(settings)
    per_body = store.programme.governance.procedure("voorstel") == PER_MEMBER_BODY
    bodies = MemberBodyService(store.ctx) if per_body else None
    return Lookup(store, IdeaService(store.ctx), EscalationService(store.ctx), bodies)
