"""The ports of the web front end: sign-in links and sessions (through the unit of work, so a link,
its audit entry and its mail commit together; a page's visitor is only read, outside it), and the
read models its pages show (plain rows, one page at a time, straight from the store: lists never
load whole tables as aggregates).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol, cast

from bot.domain.decision_register import RegisterEntry
from bot.domain.idea_record import may_view
from bot.domain.ideas import Idea
from bot.domain.people import Person
from bot.services.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class WebSession:
    """A signed-in browser: who (the address only; roles are read from the people store on every
    request), its CSRF token for the sign-out form, and until when it holds."""

    email: str
    csrf: str
    via: str
    expires_at: datetime


class WebAccessRepository(Protocol):
    def add_token(self, token_hash: str, email: str, now: datetime, expires_at: datetime) -> None: ...
    def tokens_since(self, email: str, since: datetime) -> int: ...
    def redeem_token(self, token_hash: str, now: datetime) -> str | None: ...
    def add_session(
        self, id_hash: str, email: str, csrf: str, via: str, now: datetime, expires_at: datetime
    ) -> None: ...
    def find_session(self, id_hash: str, now: datetime) -> WebSession | None: ...
    def end_session(self, id_hash: str, now: datetime) -> bool: ...
    def add_flow(self, state_hash: str, flow: Mapping[str, Any], now: datetime, expires_at: datetime) -> None: ...
    def take_flow(self, state_hash: str, now: datetime) -> dict[str, Any] | None: ...
    def purge(self, now: datetime) -> int: ...
    def is_submitter(self, email: str) -> bool: ...


class SignedInLookup(Protocol):
    """The read every signed-in page makes first: the live session of a hash and the person behind it
    (None: not in the people store). Read-only, so no unit of work around it."""

    def find_signed_in(self, id_hash: str, now: datetime) -> tuple[WebSession, Person | None] | None: ...


class WebUnitOfWork(UnitOfWork, Protocol):
    @property
    def web(self) -> WebAccessRepository: ...


def web_uow(uow: UnitOfWork) -> WebUnitOfWork:
    """The unit of work as the web front end's sign-in sees it (the store's unit of work offers `web`)."""
    if not hasattr(uow, "web"):
        raise TypeError(f"{type(uow).__name__} has no web repository")
    return cast(WebUnitOfWork, uow)


# -- read models --------------------------------------------------------------------------------
@dataclass(frozen=True)
class BoardFilters:
    """What the pipeline board is narrowed to; every value was checked against the programme."""

    programmalijn: str | None = None
    opgave: str | None = None
    organisation: str | None = None
    penvoerder: str | None = None
    status: str | None = None
    submitter: str | None = None  # an indiener's board: only the ideas they are involved in

    def as_query(self) -> dict[str, str]:
        pairs = {
            "programmalijn": self.programmalijn,
            "opgave": self.opgave,
            "organisatie": self.organisation,
            "penvoerder": self.penvoerder,
            "status": self.status,
        }
        return {k: v for k, v in pairs.items() if v}


@dataclass(frozen=True)
class BoardCard:
    reference: str
    title: str
    status: str
    organisation: str | None
    holder: str | None  # the kernteam member who holds it (address; the page shows the name)
    holder_name: str | None
    programmalijn: str | None
    waiting_since: datetime


@dataclass(frozen=True)
class BoardColumn:
    status: str
    count: int
    cards: tuple[BoardCard, ...]


@dataclass(frozen=True)
class BoardPage:
    columns: tuple[BoardColumn, ...]
    total: int
    page: int = 1
    per_page: int = 0  # 0: the overview (the first cards of every column); else one column paged


@dataclass(frozen=True)
class FilterOptions:
    organisations: tuple[str, ...]
    penvoerders: tuple[str, ...]


@dataclass(frozen=True)
class TrailEntry:
    """One audit entry about an idea. The log holds pseudonyms; *actor_email* is the address behind
    it while the person has not been erased (None after an erasure)."""

    seq: int
    at: str
    actor_pseudonym: str
    actor_email: str | None
    action: str
    result: str
    origin: str


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    channel: str
    recipient: str
    subject: str
    status: str
    attempts: int
    created_at: datetime
    next_attempt_at: datetime
    last_error: str | None


@dataclass(frozen=True)
class MeetingDate:
    day: date
    status: str
    title: str
    agenda_items: int


@dataclass(frozen=True)
class PackageItem:
    """One proposal in a stuurgroep meeting's documents package."""

    reference: str
    title: str
    proposal_type: str | None
    late: bool
    parts: Mapping[str, str] = field(default_factory=dict)
    advice_positive: bool | None = None
    development_advice: str | None = None


@dataclass(frozen=True)
class SpendRow:
    reference: str
    amount: Decimal
    kind: str
    purpose: str
    status: str
    requested_at: datetime
    decided_via: str | None
    decision_number: str | None


@dataclass(frozen=True)
class MandateUse:
    """What the programmadirecteur settled alone since a date, and what went to the stuurgroep."""

    approved: int
    approved_amount: Decimal
    rejected: int
    referred: int
    referred_amount: Decimal
    open: int


@dataclass(frozen=True, slots=True)
class SheetAdvice:
    positive: bool
    criteria: Mapping[str, Mapping[str, str]]
    principles: Mapping[str, Mapping[str, str]]
    development_advice: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class SheetDecision:
    number: str
    outcome: str
    decided_on: date
    amount: Decimal | None
    considerations: str
    conditions: list[str]
    objections: list[str]


@dataclass(frozen=True, slots=True)
class SheetProgress:
    text: str
    reported_at: datetime


@dataclass(frozen=True, slots=True)
class IdeaSheet:
    """An idea as its page reads it: plain rows, no aggregate (a mapped `Idea` costs an instrumented
    set per field, and the page changes nothing)."""

    reference: str
    title: str
    description: str
    submitter: str
    submitted_at: datetime
    organisation: str | None
    status: str
    kernteam_contact: str | None
    designers: list[str]
    proposal_type: str | None
    parts: Mapping[str, str]
    din: Mapping[str, Any]
    meeting_date: date | None
    evaluation: str | None
    advices: tuple[SheetAdvice, ...]
    decisions: tuple[SheetDecision, ...]
    progress: tuple[SheetProgress, ...]

    def can_view(self, person: Person) -> bool:
        return may_view(person, self.submitter, self.designers)


@dataclass(frozen=True)
class IdeaPage:
    """What the idea page shows, read together: the idea, its audit trail, the people it names (its
    holder, the trail's actors) by e-mail, and its spend requests."""

    idea: IdeaSheet
    trail: list[TrailEntry]
    people: Mapping[str, Person]
    spend_requests: list[SpendRow]


class MonitorQueries(Protocol):
    def board(self, filters: BoardFilters, statuses: Sequence[str], per_column: int, page: int = 1) -> BoardPage: ...
    def filter_options(self, limit: int = 200) -> FilterOptions: ...
    def board_page(self, filters: BoardFilters, statuses: Sequence[str], per_column: int,
                   page: int = 1) -> tuple[BoardPage, FilterOptions]: ...
    def idea(self, reference: str) -> Idea | None: ...
    def idea_page(self, reference: str) -> IdeaPage | None: ...
    def trail(self, reference: str, limit: int = 200) -> list[TrailEntry]: ...
    def people(self, emails: Iterable[str]) -> dict[str, Person]: ...
    def outbox(self, status: str | None, page: int, per_page: int) -> tuple[list[OutboxEntry], int]: ...
    def stuurgroep_dates(self, first: date, last: date, gremium: str = "stuurgroep") -> list[MeetingDate]: ...
    def package(self, day: date) -> list[PackageItem]: ...
    def register(self, page: int, per_page: int) -> tuple[list[RegisterEntry], int]: ...
    def spend_requests(self, idea_reference: str, limit: int = 50) -> list[SpendRow]: ...
    def mandate_use(self, since: datetime) -> MandateUse: ...
