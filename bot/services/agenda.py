"""The agenda rule of the domain brief: "proposals become agenda items of the first meeting whose
route has not yet passed its first deadline", used by `IdeaService.schedule`; and the agenda of a
stuurgroep meeting as the chat shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain.budget_mandate import SpendRequest
from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.meetings import AgendaItem, MeetingRecord
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.domain.route import RoutePlan, first_open_meeting
from bot.services.calendar_setup import HORIZON, MeetingSetup, meeting_setup
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


def open_meetings(repo: MeetingRepository, setup: MeetingSetup, today: date) -> list[MeetingRecord]:
    """The stuurgroep meetings from *today* on that still take place and have a date."""
    found = repo.between(today, today + HORIZON, setup.route_gremium, include_cancelled=False)
    return [m for m in found if not m.week_only]


def place_on_agenda(
    uow: MeetingUnitOfWork, programme: Programme, actor: Person, requested: date | None, admit: bool, now: datetime
) -> Placement:
    """Apply the agenda rule. Without a date: the first meeting whose route has not passed its first
    deadline. With a date: that meeting, refused as late after its first deadline unless *admit*."""
    setup = meeting_setup(programme)
    today = now.date()
    candidates = open_meetings(uow.meetings, setup, today)
    first_open = first_open_meeting(today, [m.day for m in candidates], setup.route, setup.workdays)
    if requested is None:
        if first_open is None:
            raise Refused("agenda.no_open_meeting")
        meeting = next(m for m in candidates if m.day == first_open)
        return Placement(first_open, meeting, late=False)
    on_day = [m for m in candidates if m.day == requested]
    if not on_day:
        cancelled = [m for m in uow.meetings.on_day(requested, setup.route_gremium) if m.cancelled]
        if cancelled:
            raise Refused("agenda.meeting_cancelled", date=requested.strftime("%d-%m-%Y"))
        return Placement(requested, None, late=False)
    deadline = setup.plan(requested).first_deadline
    if today <= deadline:
        return Placement(requested, on_day[0], late=False)
    if not admit:
        nxt = first_open.strftime("%d-%m-%Y") if first_open is not None else "-"
        raise Refused(
            "agenda.late",
            date=requested.strftime("%d-%m-%Y"),
            deadline=deadline.strftime("%d-%m-%Y"),
            next=nxt,
        )
    return Placement(requested, on_day[0], late=True, admitted_by=actor.email)


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
