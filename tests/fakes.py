"""Fakes of our own ports (not mocks): an in-memory unit of work that keeps the same promises."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from types import TracebackType
from typing import Self

from bot.domain.audit import GENESIS, AuditRecord, chain_hash
from bot.domain.decision_register import DecisionFacts
from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.people import Person
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.read_models import DecisionSummary, IdeaSummary, Page


class FakeStore:
    """What a database would hold; shared by the units of work of one test."""

    def __init__(self) -> None:
        self.ideas: dict[str, Idea] = {}
        self.people: dict[str, Person] = {}
        self.language_choices: dict[str, str] = {}
        self.audit: list[dict[str, object]] = []
        self.outbox: dict[str, OutboundMessage] = {}
        self.counters: dict[str, int] = {}
        self.requests: dict[str, str] = {}


class FakeIdeas:
    def __init__(self, items: dict[str, Idea]) -> None:
        self.items = items

    def add(self, idea: Idea) -> None:
        self.items[idea.reference] = idea

    def get(self, reference: str) -> Idea | None:
        return self.items.get(reference.upper())

    def all(self) -> list[Idea]:
        return list(self.items.values())

    # the lists, by the same rules as storage.read_models, on the dict (insertion order is id order)
    def _after(self, ideas: list[Idea], after: str | None, newest_first: bool = False) -> list[Idea]:
        """The ideas that come after the one referenced by *after* in the list's order."""
        if after is None:
            return ideas
        if after.upper() not in self.items:
            raise Refused("idea.unknown_reference", reference=after)
        order = {ref: n for n, ref in enumerate(self.items)}
        cut = order[after.upper()]
        return [i for i in ideas if (order[i.reference] < cut if newest_first else order[i.reference] > cut)]

    @staticmethod
    def _page(ideas: list[Idea], limit: int) -> Page[IdeaSummary]:
        rows = [IdeaSummary(i.reference, i.title, i.status, i.meeting_date, i.kernteam_contact) for i in ideas]
        more = max(0, len(rows) - limit)
        return Page(rows[:limit], more, rows[limit - 1].reference if more else None)

    def involving_page(self, email: str, limit: int, after: str | None = None) -> Page[IdeaSummary]:
        mine = [i for i in reversed(self.items.values()) if email in i.stakeholders()]
        return self._page(self._after(mine, after, newest_first=True), limit)

    def status_page(self, statuses: Sequence[str], limit: int, after: str | None = None) -> Page[IdeaSummary]:
        return self._page(self._after([i for i in self.items.values() if i.status in statuses], after), limit)

    def task_page(
        self, email: str, statuses: Sequence[str], own_only: Sequence[str], limit: int, after: str | None = None
    ) -> Page[IdeaSummary]:
        waiting = [
            i for i in self.items.values()
            if i.status in statuses and not i.is_conflicted(email)
            and not (i.status in own_only and i.kernteam_contact not in (None, email))
        ]
        return self._page(self._after(waiting, after), limit)

    def decision_page(self, limit: int, after: str | None = None) -> Page[DecisionSummary]:
        rows = sorted(
            ((d, i) for i in self.items.values() for d in i.decisions), key=lambda p: p[0].decided_on, reverse=True
        )
        summaries = [DecisionSummary(d.number, d.decided_on, d.outcome, d.amount, i.reference, d.subject)
                     for d, i in rows]
        if after is not None:
            numbers = [s.number for s in summaries]
            if after.upper() not in numbers:
                raise Refused("decisions.unknown_number", number=after)
            summaries = summaries[numbers.index(after.upper()) + 1 :]
        more = max(0, len(summaries) - limit)
        return Page(summaries[:limit], more, summaries[limit - 1].number if more else None)

    def decision_rows(self, number: str | None = None) -> Iterator[tuple[DecisionFacts, str]]:
        return iter(sorted(((d, i.reference) for i in self.items.values() for d in i.decisions
                       if number is None or d.number == number), key=lambda p: p[0].decided_on))


class FakePeople:
    def __init__(self, items: dict[str, Person], choices: dict[str, str]) -> None:
        self.items = items
        self.choices = choices

    def add(self, person: Person) -> None:
        self.items[person.email] = person

    def get(self, email: str) -> Person | None:
        return self.items.get(email.strip().lower())

    def find(self, email: str) -> Person | None:
        found = self.get(email)
        return None if found is None else replace(found, roles=list(found.roles))

    def known(self, email: str) -> bool:
        return email.strip().lower() in self.items

    def language_choice(self, email: str) -> str | None:
        return self.choices.get(email.strip().lower())

    def choose_language(self, email: str, language: str, at: datetime) -> None:
        self.choices[email.strip().lower()] = language

    def everyone(self) -> list[Person]:
        return sorted(self.items.values(), key=lambda p: p.name)

    def with_role(self, role: str) -> list[Person]:
        return [p for p in self.everyone() if role in p.roles]


class FakeUnitOfWork:
    """Works on a private copy of the store; commit() publishes it, anything else throws it away."""

    def __init__(self, store: FakeStore) -> None:
        self.store = store
        self.committed = False

    def __enter__(self) -> Self:
        self.work = copy.deepcopy(self.store)
        self._ideas = FakeIdeas(self.work.ideas)
        self._people = FakePeople(self.work.people, self.work.language_choices)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.rollback()

    @property
    def ideas(self) -> FakeIdeas:
        return self._ideas

    @property
    def people(self) -> FakePeople:
        return self._people

    def commit(self) -> None:
        self.store.__dict__.update(copy.deepcopy(self.work).__dict__)
        self.committed = True

    def rollback(self) -> None:
        self.work = copy.deepcopy(self.store)
        self._ideas = FakeIdeas(self.work.ideas)
        self._people = FakePeople(self.work.people, self.work.language_choices)

    def next_number(self, counter: str) -> int:
        self.work.counters[counter] = self.work.counters.get(counter, 0) + 1
        return self.work.counters[counter]

    def append_audit(self, record: AuditRecord) -> int:
        seq = len(self.work.audit) + 1
        prev = str(self.work.audit[-1]["hash"]) if self.work.audit else GENESIS
        details = record.canonical_details()
        digest = chain_hash(
            seq, prev, record.at, record.actor, record.action, record.object, record.result, record.origin, details
        )
        self.work.audit.append(
            {
                "seq": seq,
                "at": record.at,
                "actor": record.actor,
                "action": record.action,
                "object": record.object,
                "result": record.result,
                "origin": record.origin,
                "details": details,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        return seq

    def enqueue(self, message: OutboundMessage, at: datetime) -> None:
        self.work.outbox.setdefault(message.key, message)

    def remembered(self, key: str) -> str | None:
        return self.work.requests.get(key)

    def remember(self, key: str, result: str, at: datetime) -> None:
        self.work.requests[key] = result
