"""The unit of work on SQLAlchemy: state, audit entries and outbox rows commit together or not at all."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from functools import cache
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Select, bindparam, select, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from bot.domain.audit import GENESIS, AuditRecord, chain_hash
from bot.domain.decision_register import DecisionFacts
from bot.domain.ideas import Idea
from bot.domain.people import Person
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.read_models import DecisionSummary, IdeaSummary, Page
from bot.services.ports.unit_of_work import ConcurrentChange
from storage import tables
from storage.driver_rows import DriverRows
from storage.engine import upsert
from storage.pseudonyms import pseudonymise
from storage.read_models import SqlIdeaLists

if TYPE_CHECKING:
    from storage.budget_repo import SqlBudgetRepository
    from storage.cycle_repo import SqlCycleRepository
    from storage.execution_repo import SqlExecutionRepository
    from storage.governance_repo import SqlMemberBodyRepository
    from storage.meetings_repo import SqlMeetingRepository
    from storage.rounds_repo import SqlRoundRepository
    from storage.web_repo import SqlWebAccessRepository


class _Session(Session):
    """A session that reports a lost optimistic lock (a row's version changed since it was read) as
    the port's `ConcurrentChange`, whether the flush comes from a query (autoflush) or the commit."""

    def flush(self, objects: Any = None) -> None:
        try:
            super().flush(objects)
        except StaleDataError as exc:
            raise ConcurrentChange(str(exc)) from exc


class _ReadSession(_Session):
    """A read-only unit of work's session, on the Core connection whose transaction the unit of work
    began itself. `connection()` hands that connection straight over while the ORM has loaded nothing,
    so a list read (storage.read_models, on the driver's cursor) skips the session's transaction
    bookkeeping: about 80 us of a list view's 0.2 ms unit of work. An ORM load joins the same transaction."""

    def connection(self, bind_arguments: Any = None, execution_options: Any = None) -> Connection:
        if not self.in_transaction() and bind_arguments is None and execution_options is None:
            assert isinstance(self.bind, Connection)
            return self.bind
        return super().connection(bind_arguments, execution_options)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """The sessions of the units of work: objects stay readable after the commit."""
    return sessionmaker(bind=engine, expire_on_commit=False, class_=_Session)


def dialect_insert(session: Session, table: Any) -> Any:
    """An INSERT that supports ON CONFLICT on both SQLite and PostgreSQL."""
    name = session.get_bind().dialect.name
    return upsert(name, table)


class SqlIdeaRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, idea: Idea) -> None:
        self.session.add(idea)

    def get(self, reference: str) -> Idea | None:
        return self.session.scalars(select(Idea).where(tables.ideas.c.reference == reference.upper())).first()

    def all(self) -> list[Idea]:
        """Every idea as an aggregate (tests and tools only: the lists use the pages below)."""
        return list(self.session.scalars(select(Idea).order_by(tables.ideas.c.id)))

    # -- the lists, one page each (storage.read_models) ---------------------------------------------
    def involving_page(self, email: str, limit: int, after: str | None = None) -> Page[IdeaSummary]:
        return SqlIdeaLists(self.session).involving(email, limit, after)

    def status_page(self, statuses: Sequence[str], limit: int, after: str | None = None) -> Page[IdeaSummary]:
        return SqlIdeaLists(self.session).in_statuses(statuses, limit, after)

    def task_page(
        self, email: str, statuses: Sequence[str], own_only: Sequence[str], limit: int, after: str | None = None
    ) -> Page[IdeaSummary]:
        return SqlIdeaLists(self.session).tasks(email, statuses, own_only, limit, after)

    def decision_page(self, limit: int, after: str | None = None) -> Page[DecisionSummary]:
        return SqlIdeaLists(self.session).decisions(limit, after)

    def decision_rows(self, number: str | None = None) -> Iterator[tuple[DecisionFacts, str]]:
        """Every decision with its idea's reference, in date order (the full register), no idea loaded;
        with *number*, only that one (on its unique index). Plain rows, read one at a time: no mapped
        objects (30,000 mapped decisions held 72 MB at 100,000 ideas), nothing kept by the session."""
        d = tables.decisions.c
        query = select(tables.decisions, tables.ideas.c.reference.label("idea_reference")).join(
            tables.ideas, tables.ideas.c.id == d.idea_id)
        if number is not None:
            query = query.where(d.number == number)
        for row in self.session.execute(query.order_by(d.decided_on, d.id)):
            yield row, str(row.idea_reference)


_PERSON_KNOWN = select(tables.people.c.id).where(tables.people.c.email == bindparam("email"))
_LANGUAGE_CHOICE = select(tables.language_choices.c.language).where(
    tables.language_choices.c.email == bindparam("email"))
_PERSON_ROW = select(tables.people.c.email, tables.people.c.name, tables.people.c.organisation, tables.people.c.roles,
                     tables.people.c.language).where(tables.people.c.email == bindparam("email"))


@cache
def _person_by_email() -> Select[Any]:
    """Built on first use: `Person` is mapped by the composition root, not at import."""
    return select(Person).where(tables.people.c.email == bindparam("email"))


class SqlPersonRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, person: Person) -> None:
        self.session.add(person)

    def get(self, email: str) -> Person | None:
        """Every command looks its person up (often twice: the chat's member check, the service's actor),
        so the statement is built once, with the address bound."""
        return self.session.scalars(_person_by_email(), {"email": email.strip().lower()}).first()

    def find(self, email: str) -> Person | None:
        """The person behind *email* as a copy to read (a query's actor): one row on the driver's cursor,
        no object for the session to track, so it costs what the query costs."""
        row = DriverRows(self.session.connection()).first(_PERSON_ROW, {"email": email.strip().lower()})
        return None if row is None else Person(row.email, row.name, row.organisation, list(row.roles or ()),
                                                row.language)

    def known(self, email: str) -> bool:
        """Whether *email* is registered: the chat's member check before most commands, no person loaded."""
        found = DriverRows(self.session.connection()).first(_PERSON_KNOWN, {"email": email.strip().lower()})
        return found is not None

    def language_choice(self, email: str) -> str | None:
        """The language *email* chose while not in the register (`choose_language`), if any."""
        return self.session.execute(_LANGUAGE_CHOICE, {"email": email.strip().lower()}).scalar()

    def choose_language(self, email: str, language: str, at: datetime) -> None:
        """Remember *language* for someone not in the register: what they are sent comes in it."""
        c = tables.language_choices.c
        insert = upsert(self.session.get_bind().dialect.name, tables.language_choices)
        self.session.execute(insert.values(email=email.strip().lower(), language=language, updated_at=at)
                             .on_conflict_do_update(index_elements=[c.email],
                                                    set_={"language": language, "updated_at": at}))

    def everyone(self) -> list[Person]:
        return list(self.session.scalars(select(Person).order_by(tables.people.c.name)))

    def with_role(self, role: str) -> list[Person]:
        return [p for p in self.everyone() if role in p.roles]


class ReadOnly(RuntimeError):
    """A read-only unit of work was asked to commit: a bug in the caller, never a user's error."""


class SqlAlchemyUnitOfWork:
    """One transaction. Use as a context manager; call commit() or everything is rolled back.

    Writing, it is a session of *session_factory*. Reading only (the services' queries, given the
    *reader* engine of `storage.engine.reader`), it opens a connection of that engine and its session
    reads on it (`_ReadSession`): on SQLite the transaction begins deferred, so it never takes or waits
    for the write lock.
    """

    ideas: SqlIdeaRepository
    people: SqlPersonRepository

    def __init__(self, session_factory: sessionmaker[Session] | None = None, *, reader: Engine | None = None) -> None:
        if (session_factory is None) == (reader is None):
            raise TypeError("a unit of work writes with a session factory or reads with a reader engine")
        self.session_factory = session_factory
        self.reader = reader

    @property
    def read_only(self) -> bool:
        return self.reader is not None

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        self._connection: Connection | None = None
        self.session: Session
        if self.reader is not None:
            self._connection = self.reader.connect()
            self._connection.begin()  # storage.engine's begin: deferred, query_only (SQLite); READ ONLY (PostgreSQL)
            self.session = _ReadSession(bind=self._connection)  # it never commits: nothing to expire
        elif self.session_factory is not None:
            self.session = self.session_factory()
        self.ideas = SqlIdeaRepository(self.session)
        self.people = SqlPersonRepository(self.session)
        return self

    # The areas' repositories, on the same session. Imported when an area is first asked for, so a
    # process that never touches an area (a `vaart status`) does not load its module.
    @property
    def meetings(self) -> SqlMeetingRepository:
        from storage.meetings_repo import SqlMeetingRepository

        return SqlMeetingRepository(self.session)

    @property
    def budget(self) -> SqlBudgetRepository:
        from storage.budget_repo import SqlBudgetRepository

        return SqlBudgetRepository(self.session)

    @property
    def cycle(self) -> SqlCycleRepository:
        """Line history, objections, escalations, DIN coverage (0011_cycle_a)."""
        from storage.cycle_repo import SqlCycleRepository

        return SqlCycleRepository(self.session)

    @property
    def execution(self) -> SqlExecutionRepository:
        """Progress reports, beschikkingen, the communicatiekalender."""
        from storage.execution_repo import SqlExecutionRepository

        return SqlExecutionRepository(self.session)

    @property
    def web(self) -> SqlWebAccessRepository:
        """The web front end's sign-in links and sessions."""
        from storage.web_repo import SqlWebAccessRepository

        return SqlWebAccessRepository(self.session)

    @property
    def rounds(self) -> SqlRoundRepository:
        """The schriftelijke ronde: rounds and votes (0013_rounds)."""
        from storage.rounds_repo import SqlRoundRepository

        return SqlRoundRepository(self.session)

    @property
    def member_bodies(self) -> SqlMemberBodyRepository:
        """The per-member-body procedure: the preparatory advice and each body's decision (0013_vdg)."""
        from storage.governance_repo import SqlMemberBodyRepository

        return SqlMemberBodyRepository(self.session)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        # Detach what was loaded so callers can still read it; anything uncommitted is rolled back.
        if self._connection is not None:  # close() detaches; closing the connection ends its transaction
            self.session.close()
            self._connection.close()
            return
        self.session.expunge_all()
        self.rollback()
        self.session.close()

    def commit(self) -> None:
        if self.read_only:
            raise ReadOnly("commit in a read-only unit of work")
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    def next_number(self, counter: str) -> int:
        self.session.execute(
            dialect_insert(self.session, tables.counters).values(name=counter, value=0).on_conflict_do_nothing()
        )
        c = tables.counters.c
        value = self.session.execute(
            update(tables.counters).where(c.name == counter).values(value=c.value + 1).returning(c.value)
        ).scalar_one()
        return int(value)

    def append_audit(self, record: AuditRecord) -> int:
        head = tables.audit_head
        row = self.session.execute(select(head.c.seq, head.c.hash).where(head.c.id == 1).with_for_update()).first()
        # no address in the log (storage.pseudonyms); after the head's lock, so appends never deadlock
        record = pseudonymise(self.session.connection(), record)
        if row is None:
            self.session.execute(head.insert().values(id=1, seq=0, hash=GENESIS))
            seq, prev = 0, GENESIS
        else:
            seq, prev = int(row.seq), str(row.hash)
        seq += 1
        details = record.canonical_details()
        digest = chain_hash(
            seq, prev, record.at, record.actor, record.action, record.object, record.result, record.origin, details
        )
        self.session.execute(
            tables.audit_log.insert().values(
                seq=seq,
                at=record.at,
                actor=record.actor,
                action=record.action,
                object=record.object,
                result=record.result,
                origin=record.origin,
                details=details,
                prev_hash=prev,
                hash=digest,
            )
        )
        self.session.execute(update(head).where(head.c.id == 1).values(seq=seq, hash=digest))
        return seq

    def enqueue(self, message: OutboundMessage, at: datetime) -> None:
        when = at
        self.session.execute(
            dialect_insert(self.session, tables.outbox)
            .values(
                key=message.key,
                channel=message.channel,
                recipient=message.recipient,
                subject=message.subject,
                body=message.body,
                payload=message.payload,
                created_at=when,
                status="pending",
                attempts=0,
                next_attempt_at=when,
            )
            .on_conflict_do_nothing(index_elements=["key"])
        )

    def remembered(self, key: str) -> str | None:
        t = tables.processed_requests
        value = self.session.execute(select(t.c.result).where(t.c.key == key)).scalar_one_or_none()
        return None if value is None else str(value)

    def remember(self, key: str, result: str, at: datetime) -> None:
        self.session.execute(tables.processed_requests.insert().values(key=key, result=result, at=at))
