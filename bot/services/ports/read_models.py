"""What the lists show: small read models, one page at a time, never the aggregates behind them.

A list view asks for one `Page`: at most `limit` rows after a cursor (the reference of the last row
the reader saw), how many rows follow it, and the cursor for the next page. The store answers from
indexes made for each list (`storage.read_models`), so a page costs the same at 100 ideas as at
100,000.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

from bot.domain.lifecycle import Status

T = TypeVar("T")
PAGE = 15  # rows per page in chat, App Home and Teams


@dataclass(frozen=True)
class IdeaSummary:
    """One idea as a list shows it."""

    reference: str
    title: str
    status: str
    meeting_date: date | None = None
    kernteam_contact: str | None = None

    @property
    def state(self) -> Status:
        return Status(self.status)


@dataclass(frozen=True)
class DecisionSummary:
    """One line of the decision register as chat shows it."""

    number: str
    decided_on: date
    outcome: str
    amount: Decimal | None
    reference: str
    subject: str
    under_objection: int = 0  # objections filed against it (§3.1)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its rows, how many rows come after them, and where the next page starts."""

    items: list[T] = field(default_factory=list)
    more: int = 0
    after: str | None = None  # the cursor of the next page (the last row's reference), None when none

    @property
    def total_from_here(self) -> int:
        return len(self.items) + self.more


def page_of(rows: list[T], limit: int, more: int, cursor: str | None) -> Page[T]:
    """A page of at most *limit* of *rows*; *more* counts the rows after the page."""
    shown = rows[:limit]
    return Page(shown, max(0, more), cursor if more > 0 and shown else None)
