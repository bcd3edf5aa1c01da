"""The agenda rule of the domain brief: "proposals become agenda items of the first meeting whose
route has not yet passed its first deadline", used by `IdeaService.schedule`; and the agenda of a
stuurgroep meeting as the chat shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain.budget_mandate import SpendRequest
from bot.domain.cycle import Objection
from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.meetings import AgendaItem, MeetingRecord
from bot.domain.people import Person
from bot.domain.period import require_day
from bot.domain.programme import Programme
from bot.domain.rounds import WrittenRound
from bot.domain.route import RoutePlan, first_open_meeting
from bot.domain.series import expand
from bot.services.calendar_setup import HORIZON, MeetingSetup, meeting_setup, record_from
from bot.services.ports.meetings import MeetingRepository, MeetingUnitOfWork


@dataclass(frozen=True)
class Placement:
    """Where a proposal goes: the meeting (None when the date is not a meeting in the store)."""

    day: date
    meeting: MeetingRecord | None
    late: bool
    admitted_by: str | None = None


@dataclass(frozen=True)
class AgendaView:
    meeting: MeetingRecord
    plan: RoutePlan
    items: list[tuple[AgendaItem, Idea | None]]
    # Spend requests outside the mandate wait for the stuurgroep: they go on the next meeting's agenda.
    spend_requests: list[SpendRequest] = field(default_factory=list)
    # Objections on content go to the stuurgroep (§3.1): onto the agenda they were routed to.
    objections: list[Objection] = field(default_factory=list)
    # Decisions taken in a schriftelijke ronde since the previous stuurgroep: reported in this meeting.
    rounds: list[WrittenRound] = field(default_factory=list)


def open_meetings(repo: MeetingRepository, setup: MeetingSetup, today: date) -> list[MeetingRecord]:
    """The stuurgroep meetings from *today* on that still take place and have a date."""
    found = repo.between(today, today + HORIZON, setup.route_gremium, include_cancelled=False)
    return [m for m in found if not m.week_only]


def listed_meetings(
    repo: MeetingRepository, setup: MeetingSetup, today: date, now: datetime
) -> list[MeetingRecord]:
    """The stuurgroep meetings `vergaderingen` lists from *today* on: those in the store that take
    place, and those of the calendar not in the store yet (without an id until they are stored)."""
    stored = open_meetings(repo, setup, today)
    planned = [
        record_from(setup.calendar, m, now)
        for m in expand(setup.calendar, (today, today + HORIZON), setup.workdays)
        if m.gremium == setup.route_gremium and not m.week_only
    ]
    known = repo.existing_uids(r.uid for r in planned)
    merged = stored + [r for r in planned if r.uid not in known]
    return sorted(merged, key=lambda r: r.starts_at)


StorePlanned = Callable[[MeetingUnitOfWork, MeetingRecord, datetime], None]


def place_on_agenda(
    uow: MeetingUnitOfWork,
    programme: Programme,
    actor: Person,
    requested: date | None,
    admit: bool,
    now: datetime,
    store: StorePlanned | None = None,
) -> Placement:
    """Apply the agenda rule on every meeting `vergaderingen` lists (domain brief, Bijlage 2).
    Without a date: the first meeting whose route has not passed its first deadline. With a date:
    that meeting, refused as late after its first deadline unless *admit*. A meeting of the calendar
    not yet in the store is put there (*store*: with its reminders and invitations) once chosen."""
    setup = meeting_setup(programme)
    today = now.date()
    if requested is not None:
        require_day(programme.period, requested)
    candidates = listed_meetings(uow.meetings, setup, today, now)
    first_open = first_open_meeting(today, [m.day for m in candidates], setup.route, setup.workdays)
    if requested is None:
        if first_open is None:
            raise Refused("agenda.no_open_meeting")
        chosen = next(m for m in candidates if m.day == first_open)
        return Placement(first_open, _stored(uow, chosen, now, store), late=False)
    on_day = [m for m in candidates if m.day == requested]
    if not on_day:
        cancelled = [m for m in uow.meetings.on_day(requested, setup.route_gremium) if m.cancelled]
        if cancelled:
            raise Refused("agenda.meeting_cancelled", date=requested.strftime("%d-%m-%Y"))
        return Placement(requested, None, late=False)
    deadline = setup.plan(requested).first_deadline
    if today <= deadline:
        return Placement(requested, _stored(uow, on_day[0], now, store), late=False)
    if not admit:
        nxt = first_open.strftime("%d-%m-%Y") if first_open is not None else "-"
        raise Refused(
            "agenda.late",
            date=requested.strftime("%d-%m-%Y"),
            deadline=deadline.strftime("%d-%m-%Y"),
            next=nxt,
        )
    return Placement(requested, _stored(uow, on_day[0], now, store), late=True, admitted_by=actor.email)


def _stored(
    uow: MeetingUnitOfWork, record: MeetingRecord, now: datetime, store: StorePlanned | None
) -> MeetingRecord:
    """*record* as it is in the store, storing a planned one first."""
    if record.id is None:
        if store is None:
            uow.meetings.add(record)
        else:
            store(uow, record, now)
    return record


def meeting_on(uow: MeetingUnitOfWork, programme: Programme, day: date, now: datetime) -> MeetingRecord | None:
    """The stuurgroep meeting of *day*, stored (one of the calendar is stored first), or None when
    the calendar has none that day (a decision of the stuurgroep is taken in its meeting, §3.1)."""
    setup = meeting_setup(programme)
    found = [m for m in listed_meetings(uow.meetings, setup, day, now) if m.day == day]
    return _stored(uow, found[0], now, None) if found else None


def next_meeting_after(
    uow: MeetingUnitOfWork, programme: Programme, day: date, now: datetime, store: StorePlanned | None = None
) -> MeetingRecord | None:
    """The first stuurgroep meeting after *day* that `vergaderingen` lists, stored (for an item that
    goes to the next meeting, e.g. after no consensus), or None when there is none."""
    setup = meeting_setup(programme)
    later = [m for m in listed_meetings(uow.meetings, setup, max(day, now.date()), now) if m.day > day]
    return _stored(uow, later[0], now, store) if later else None


def put_on_agenda(uow: MeetingUnitOfWork, idea: Idea, placement: Placement, now: datetime) -> None:
    if placement.meeting is None or placement.meeting.id is None:
        return
    item = AgendaItem(
        meeting_id=placement.meeting.id,
        idea_reference=idea.reference,
        late=placement.late,
        added_at=now,
        admitted_by=placement.admitted_by,
    )
    uow.meetings.add_agenda_item(item)
