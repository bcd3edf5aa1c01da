"""Use cases on meetings: put the vergaderkalender in the store, invite, move, cancel, publish.

The calendar configuration says when gremia meet; the store says what became of each meeting
(moved, cancelled) and which version of its invitation people have. Every change is one unit of
work: the meeting row, its audit entry, the invitations (iTIP REQUEST/CANCEL with a stable UID and
SEQUENCE + 1, written to the outbox) and the reminder rows of the document route commit together.
Problems that can be worked around (a gremium without attendees, a person without a usable
address, a series without meetings that year) become warnings in the reply; changes that make no
sense (a move into the past or to a closed day, a date that does not exist) are refused.

Also here: the agenda rule of the domain brief ("proposals become agenda items of the first meeting
whose route has not yet passed its first deadline"), used by `IdeaService.schedule`.
"""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.domain.budget_mandate import RequestStatus, SpendRequest
from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.lifecycle import Status
from bot.domain.meetings import AgendaItem, MeetingRecord
from bot.domain.people import Person
from bot.domain.period import require_day, require_year
from bot.domain.programme import Programme
from bot.domain.route import RouteConfig, RoutePlan, first_open_meeting, plan_route
from bot.domain.series import CalendarConfig, Meeting, MeetingKind, expand
from bot.domain.timezone import AMSTERDAM, to_local
from bot.domain.workdays import WorkingDays
from bot.messages import render
from bot.programme.meetings import MeetingsConfig, meetings_config
from bot.services.base import Reply, Service
from bot.services.ports.budget import budget_uow
from bot.services.ports.meetings import MeetingRepository, MeetingUnitOfWork, meeting_uow
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import audit
from bot.services.route import load
from scheduling.reminders import plan_reminders

MANAGERS = ("staf", "programmadirecteur")
TRUSTED_ORIGINS = frozenset({"cli", "systeem"})  # whoever runs the CLI holds the database already
SYSTEM = "systeem@vaart.local"
HORIZON = timedelta(days=800)  # how far ahead "the next meetings" look

if TYPE_CHECKING:
    from icalendar import Event

    from integrations.ics.invites import Participant


# -- configuration --------------------------------------------------------------------------------
@dataclass(frozen=True)
class MeetingSetup:
    """The programme's calendar, route, working days and meeting rules, parsed once."""

    calendar: CalendarConfig
    route: RouteConfig
    workdays: WorkingDays
    meetings: MeetingsConfig

    @property
    def route_gremium(self) -> str:
        return self.route.meeting_gremium

    def plan(self, day: date) -> RoutePlan:
        return plan_route(day, self.route, self.workdays, period=self.calendar.period)


_SETUPS: dict[int, tuple[Programme, MeetingSetup]] = {}


def meeting_setup(programme: Programme) -> MeetingSetup:
    cached = _SETUPS.get(id(programme))
    if cached is not None and cached[0] is programme:
        return cached[1]
    scheduling = load(programme.raw)
    config = meetings_config(
        programme.raw, scheduling.calendar.keys, [s.key for s in scheduling.route.steps], programme.roles
    )
    setup = MeetingSetup(scheduling.calendar, scheduling.route, scheduling.workdays, config)
    _SETUPS[id(programme)] = (programme, setup)
    return setup


# -- warnings -------------------------------------------------------------------------------------
@dataclass
class Notes:
    """Warnings collected while planning: code + parameters, worded by the front end."""

    items: list[dict[str, Any]] = field(default_factory=list)

    def add(self, code: str, **params: Any) -> None:
        entry = {"code": code, "params": {k: str(v) for k, v in params.items()}}
        if entry not in self.items:
            self.items.append(entry)


def _hm(moment: datetime) -> str:
    return to_local(moment).strftime("%H:%M")


def notes_text(reply: Reply, lang: str) -> list[str]:
    """The warnings of a reply as sentences."""
    return [render(w["code"], lang, **w["params"]) for w in reply.params.get("warnings", [])]


# -- between the store and the calendar -------------------------------------------------------------
def record_from(config: CalendarConfig, meeting: Meeting, now: datetime) -> MeetingRecord:
    """A store row for a meeting of the calendar (week-only: Monday to Saturday, no times)."""
    from integrations.ics.calendars import meeting_uid  # icalendar: loaded when a meeting is made

    if meeting.week_only or meeting.starts_at is None or meeting.ends_at is None:
        start = datetime.combine(meeting.date, time(0), AMSTERDAM)
        end = datetime.combine(meeting.date + timedelta(days=5), time(0), AMSTERDAM)
    else:
        start, end = meeting.starts_at, meeting.ends_at
    return MeetingRecord(
        uid=meeting_uid(config, meeting),
        gremium=meeting.gremium,
        kind=meeting.kind.value,
        starts_at=start,
        ends_at=end,
        title=meeting.title,
        dtstamp=now,
        created_at=now,
        week_only=meeting.week_only,
        location=meeting.location,
        agenda=meeting.agenda,
        assumed=meeting.assumed,
    )


def calendar_meeting(record: MeetingRecord) -> Meeting:
    """The record as a calendar meeting (for the wording shared with the published calendars)."""
    try:
        kind = MeetingKind(record.kind)
    except ValueError:
        kind = MeetingKind.ONE_OFF
    timed = not record.week_only
    return Meeting(
        gremium=record.gremium,
        date=record.day,
        start=to_local(record.starts_at).time() if timed else None,
        end=to_local(record.ends_at).time() if timed else None,
        kind=kind,
        title=record.title,
        week_only=record.week_only,
        location=record.location,
        agenda=record.agenda,
        assumed=record.assumed,
    )


def meeting_event(setup: MeetingSetup, record: MeetingRecord, lang: str = "nl") -> Event:
    """The record as a published VEVENT: its stored UID and SEQUENCE, CANCELLED when cancelled."""
    from integrations.ics.calendars import meeting_summary
    from integrations.ics.events import build_event

    meeting = calendar_meeting(record)
    start: datetime | date = record.starts_at
    end: datetime | date = record.ends_at
    if record.week_only:
        start, end = record.day, record.day + timedelta(days=5)
    return build_event(
        uid=record.uid,
        dtstamp=record.dtstamp,
        summary=meeting_summary(meeting, lang),
        start=start,
        end=end,
        description=invite_description(setup, record, lang),
        location=record.location,
        sequence=record.sequence,
        status="CANCELLED" if record.cancelled else "CONFIRMED",
        transparent=record.week_only,
    )


def invite_description(setup: MeetingSetup, record: MeetingRecord, lang: str = "nl") -> str:
    from integrations.ics.calendars import meeting_description

    text = meeting_description(setup.calendar, calendar_meeting(record), lang)
    if record.gremium == setup.route_gremium:
        text += "\n" + render("invite.agenda_link", lang, date=record.day.strftime("%d-%m-%Y"))
    return text


# -- the agenda rule ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Placement:
    """Where a proposal goes: the meeting (None when the date is not a meeting in the store)."""

    day: date
    meeting: MeetingRecord | None
    late: bool
    admitted_by: str | None = None


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


# -- the service ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AgendaView:
    meeting: MeetingRecord
    plan: RoutePlan
    items: list[tuple[AgendaItem, Idea | None]]
    # Spend requests outside the mandate wait for the stuurgroep: they go on the next meeting's agenda.
    spend_requests: list[SpendRequest] = field(default_factory=list)


class MeetingService(Service):
    @property
    def setup(self) -> MeetingSetup:
        return meeting_setup(self.programme)

    # -- helpers ----------------------------------------------------------------------------
    def _authorize(self, actor: Person, origin: str) -> None:
        if origin in TRUSTED_ORIGINS or actor.has_role(*MANAGERS):
            return
        raise Refused("meeting.wrong_role", roles=list(MANAGERS))

    def _gremium(self, key: str) -> str:
        wanted = key.strip().lower().replace("-", "_")
        for gremium in self.setup.calendar.gremia:
            if wanted in (gremium.key, gremium.name.lower()):
                return gremium.key
        known = ", ".join(self.setup.calendar.keys)
        raise Refused("meeting.unknown_gremium", gremium=key.strip()[:40], known=known)

    def _find(
        self,
        repo: MeetingRepository,
        uid: str | None,
        gremium: str | None,
        day: date | None,
        uow: MeetingUnitOfWork | None = None,
        now: datetime | None = None,
    ) -> MeetingRecord:
        """A meeting in the store by UID, or by gremium and day; with *uow*, a meeting the calendar
        lists on that day but `generate` has not stored yet is stored first (a rule's assumed date
        is one the staf can move)."""
        if uid:
            found = repo.get(uid)
            if found is None:
                raise Refused("meeting.unknown", what=uid[:80])
            return found
        if day is None:
            raise Refused("meeting.unknown", what="-")
        key = self._gremium(gremium) if gremium else None
        candidates = repo.on_day(day, key)
        if not candidates:  # a meeting of which only the week is known is found by any day of that week
            monday = day - timedelta(days=day.weekday())
            candidates = [m for m in repo.on_day(monday, key) if m.week_only]
        if not candidates and uow is not None and now is not None:
            candidates = self._planned_on(uow, day, key, now)
        if not candidates:
            raise Refused("meeting.unknown", what=f"{key or ''} {day.strftime('%d-%m-%Y')}".strip())
        live = [m for m in candidates if not m.cancelled] or candidates
        if len({m.gremium for m in live}) > 1:
            gremia = sorted({m.gremium for m in live})
            raise Refused("meeting.ambiguous", date=day.strftime("%d-%m-%Y"), gremia=gremia)
        return live[0]

    def _planned_on(
        self, uow: MeetingUnitOfWork, day: date, gremium: str | None, now: datetime
    ) -> list[MeetingRecord]:
        monday = day - timedelta(days=day.weekday())
        planned = [
            record_from(self.setup.calendar, m, now)
            for m in expand(self.setup.calendar, (monday, day), self.setup.workdays)
            if (gremium is None or m.gremium == gremium) and (m.date == day or m.week_only)
        ]
        fresh = [r for r in planned if r.uid not in uow.meetings.existing_uids([r.uid])]
        for record in fresh:
            self.store_planned(uow, record, now, invite=False)
        return fresh

    def _participants(self, uow: UnitOfWork, gremium: str, notes: Notes) -> list[Participant]:
        from integrations.ics.invites import Participant

        roles = self.setup.meetings.roles_for(gremium)
        name = self.setup.calendar.gremium(gremium).name if gremium in self.setup.calendar.keys else gremium
        if not roles:
            notes.add("invite.no_attendees", gremium=name)
            return []
        chosen: dict[str, Participant] = {}
        for role in roles:
            for person in uow.people.with_role(role):
                email = (person.email or "").strip()
                if "@" not in email or any(ch.isspace() for ch in email):
                    notes.add("invite.attendee_without_email", name=person.name, email=email or "-")
                    continue
                chosen.setdefault(email, Participant(email, person.name))
        if not chosen:
            notes.add("invite.no_attendees", gremium=name)
        return list(chosen.values())

    def _language(self, uow: UnitOfWork, email: str) -> str:
        person = uow.people.get(email)
        return (person.language if person and person.language else None) or self.programme.language

    def _send_invites(self, uow: MeetingUnitOfWork, record: MeetingRecord, now: datetime, notes: Notes) -> int:
        """Send the current version of *record* to its attendees; the number of messages."""
        from integrations.ics.calendars import meeting_summary
        from integrations.ics.invites import Method, Participant, build_invite

        if record.week_only:
            notes.add("invite.week_only", gremium=record.title, week=record.day.isocalendar().week)
            return 0
        people = self._participants(uow, record.gremium, notes)
        if not people:
            return 0
        method = Method.CANCEL if record.cancelled else Method.REQUEST
        meeting_lang = self.programme.language  # the file is one for all: the programme's language
        description = invite_description(self.setup, record, meeting_lang)
        if method is Method.CANCEL:  # the file's text goes to every attendee (Outlook's cancel comment)
            day = record.day.strftime("%d-%m-%Y")
            note = render("invite.cancelled_note", meeting_lang, title=record.title, date=day)
            description = note + "\n" + description
        data = build_invite(
            record.uid,
            record.sequence,
            record.dtstamp,
            method,
            Participant(self.setup.calendar.organizer, self.setup.calendar.programme_name),
            people,
            summary=meeting_summary(calendar_meeting(record), meeting_lang),
            start=record.starts_at,
            end=record.ends_at,
            description=description,
            location=record.location,
            language=meeting_lang,
        )
        text = data.decode("utf-8")
        first_time = record.invited_sequence is None
        kind = "cancel" if method is Method.CANCEL else ("new" if first_time else "update")
        for person in people:
            lang = self._language(uow, person.email)  # the letter is in the reader's language
            params = {
                "title": record.title,
                "date": record.day.strftime("%d-%m-%Y"),
                "time": to_local(record.starts_at).strftime("%H:%M"),
            }
            uow.enqueue(
                OutboundMessage(
                    key=f"invite:{record.uid}:{record.sequence}:{method.value}:{person.email}",
                    recipient=person.email,
                    subject=render(f"invite.subject_{kind}", lang, **params),
                    body=render(f"invite.body_{kind}", lang, name=person.name or person.email, **params)
                    + "\n\n"
                    + invite_description(self.setup, record, lang),
                    channel="mail",
                    payload={"ics": text, "method": method.value, "uid": record.uid, "sequence": record.sequence,
                             "lang": lang},
                ),
                now,
            )
        record.invited_sequence = record.sequence
        return len(people)

    def _plan_reminders(self, uow: MeetingUnitOfWork, record: MeetingRecord, now: datetime, notes: Notes) -> int:
        if record.gremium != self.setup.route_gremium or record.id is None:
            return 0
        uow.meetings.drop_unsent_reminders(record.id)
        if record.cancelled or record.week_only:
            return 0
        plan = self.setup.plan(record.day)
        if plan.first_deadline < now.date():
            notes.add(
                "meeting.route_passed",
                date=record.day.strftime("%d-%m-%Y"),
                deadline=plan.first_deadline.strftime("%d-%m-%Y"),
            )
        rows = plan_reminders(record.uid, plan, self.setup.meetings, self.setup.workdays, not_before=now)
        return uow.meetings.plan_reminders(record.id, rows)

    def store_planned(self, uow: MeetingUnitOfWork, record: MeetingRecord, now: datetime, invite: bool = True) -> None:
        """Put a meeting of the calendar in the store as `generate` would: its reminders, and its
        invitations when it is still ahead (used when an agenda needs a meeting not stored yet, or
        the staf moves or cancels one; then that change sends the invitation)."""
        uow.meetings.add(record)
        notes = Notes()
        self._plan_reminders(uow, record, now, notes)
        sent = self._send_invites(uow, record, now, notes) if invite and record.starts_at > now else 0
        uow.meetings.save(record)
        details = {"gremium": record.gremium, "date": record.day.isoformat(), "invites": sent}
        audit(uow, now, SYSTEM, "meeting_stored", record.uid[:80], "systeem", details=details)

    def _lonely_week(self, uow: MeetingUnitOfWork, record: MeetingRecord, notes: Notes) -> None:
        """Warn when a stuurgroep is placed in a week in which no other gremium meets (Bijlage 2 has
        no meetings in weeks 31-34 and 52): the route's steps then have no meetings to lean on."""
        if record.gremium != self.setup.route_gremium or record.cancelled:
            return
        monday = record.day - timedelta(days=record.day.weekday())
        sunday = monday + timedelta(days=6)
        stored = [m for m in uow.meetings.between(monday, sunday, include_cancelled=False) if m.uid != record.uid]
        planned = [
            record_from(self.setup.calendar, m, record.created_at)
            for m in expand(self.setup.calendar, (monday, sunday), self.setup.workdays)
        ]
        known = uow.meetings.existing_uids(r.uid for r in planned)
        others = [m for m in stored if m.gremium != record.gremium] + [
            r for r in planned if r.uid not in known and r.gremium != record.gremium
        ]
        if not others:
            notes.add("meeting.lonely_week", week=record.day.isocalendar().week, date=record.day.strftime("%d-%m-%Y"))

    def _materialise(
        self, uow: MeetingUnitOfWork, year: int, now: datetime, notes: Notes
    ) -> tuple[list[MeetingRecord], int]:
        """Put the calendar's meetings of *year* in the store (existing ones are left as they are)."""
        setup = self.setup
        require_year(self.programme.period, year)
        meetings = expand(setup.calendar, year, setup.workdays)
        if not meetings:
            notes.add("period.year_without_calendar", year=year, rules_from=self._rules_from())
            return [], 0
        for gremium in setup.calendar.gremia:
            if not any(m.gremium == gremium.key for m in meetings):
                notes.add("meetings.gremium_empty", gremium=gremium.name, year=year)
        records = [record_from(setup.calendar, m, now) for m in meetings]
        existing = uow.meetings.existing_uids(r.uid for r in records)
        created: list[MeetingRecord] = []
        for record in records:
            if record.uid in existing:
                continue
            uow.meetings.add(record)
            self._plan_reminders(uow, record, now, Notes())
            self._lonely_week(uow, record, notes)
            created.append(record)
        return created, len(existing)

    def _rules_from(self) -> str:
        years = [rule.first_year for g in self.setup.calendar.gremia for rule in g.rules]
        return str(min(years)) if years else "-"

    # -- commands ---------------------------------------------------------------------------
    def generate(self, actor_email: str, origin: str, year: int, invite: bool = True) -> Reply:
        """Put *year*'s meetings in the store and invite the attendees of those still ahead."""

        def work(base: UnitOfWork, actor: Person, now: datetime) -> Reply:
            self._authorize(actor, origin)
            uow = meeting_uow(base)
            notes = Notes()
            created, existing = self._materialise(uow, year, now, notes)
            sent = 0
            if invite:
                for record in uow.meetings.between(date(year, 1, 1), date(year, 12, 31)):
                    if record.cancelled or record.starts_at <= now or not record.needs_invite:
                        continue
                    sent += self._send_invites(uow, record, now, notes)
                    uow.meetings.save(record)
            details = {"year": year, "created": len(created), "existing": existing, "invites": sent}
            audit(uow, now, actor.email, "meetings_generated", str(year), origin, details=details)
            return Reply("meetings.generated", {**details, "warnings": notes.items})

        return self.run(actor_email, origin, "meetings_generate", str(year), work)

    def add(
        self,
        actor_email: str,
        origin: str,
        gremium: str,
        day: date,
        start: time | None = None,
        end: time | None = None,
    ) -> Reply:
        """An extra meeting of *gremium* on *day* (e.g. a stuurgroep date not yet in the calendar)."""

        def work(base: UnitOfWork, actor: Person, now: datetime) -> Reply:
            self._authorize(actor, origin)
            uow = meeting_uow(base)
            key = self._gremium(gremium)
            config = self.setup.calendar.gremium(key)
            begin = start or config.start
            starts_at = datetime.combine(day, begin, AMSTERDAM)
            if end is None:
                ends_at = starts_at + (datetime.combine(day, config.end) - datetime.combine(day, config.start))
            else:
                ends_at = datetime.combine(day, end, AMSTERDAM)
            if ends_at <= starts_at:
                raise Refused("meeting.end_before_start", start=begin.strftime("%H:%M"), end=_hm(ends_at))
            finish = to_local(ends_at).time()
            if starts_at <= now:
                raise Refused("meeting.move_into_past", date=day.isoformat())
            closed = self.setup.workdays.reason_closed(day)
            if closed is not None:
                raise Refused("meeting.closed_day", date=day.isoformat(), reason=closed)
            require_day(self.programme.period, day)
            meeting = Meeting(
                gremium=key,
                date=day,
                start=begin,
                end=finish,
                kind=MeetingKind.ONE_OFF,
                title=config.name,
                location=config.location,
                agenda=config.agenda,
            )
            record = record_from(self.setup.calendar, meeting, now)
            if uow.meetings.get(record.uid) is not None:
                raise Refused("meeting.exists", gremium=config.name, date=day.strftime("%d-%m-%Y"))
            uow.meetings.add(record)
            notes = Notes()
            self._lonely_week(uow, record, notes)
            self._plan_reminders(uow, record, now, notes)
            sent = self._send_invites(uow, record, now, notes)
            uow.meetings.save(record)
            details = {"gremium": key, "date": day.isoformat(), "invites": sent}
            audit(uow, now, actor.email, "meeting_added", record.uid[:80], origin, details=details)
            return Reply(
                "meeting.added",
                {
                    "title": record.title,
                    "date": day.strftime("%d-%m-%Y"),
                    "time": begin.strftime("%H:%M"),
                    "uid": record.uid,
                    "invites": sent,
                    "warnings": notes.items,
                },
            )

        return self.run(actor_email, origin, "meeting_add", f"{gremium.strip()[:40]} {day.isoformat()}", work)

    def move(
        self,
        actor_email: str,
        origin: str,
        new_day: date,
        *,
        uid: str | None = None,
        gremium: str | None = None,
        day: date | None = None,
        new_start: time | None = None,
    ) -> Reply:
        """Move a meeting (by UID, or by gremium and date) to *new_day*: SEQUENCE + 1, invites again."""

        def work(base: UnitOfWork, actor: Person, now: datetime) -> Reply:
            self._authorize(actor, origin)
            uow = meeting_uow(base)
            record = self._find(uow.meetings, uid, gremium, day, uow, now)
            old_day = record.day
            config = self.setup.calendar.gremium(record.gremium) if record.gremium in self.setup.calendar.keys else None
            if record.week_only:
                begin = new_start or (config.start if config else time(10, 0))
                length = (
                    datetime.combine(new_day, config.end) - datetime.combine(new_day, config.start)
                    if config
                    else timedelta(hours=2)
                )
            else:
                begin = new_start or to_local(record.starts_at).time()
                length = record.ends_at - record.starts_at
            starts_at = datetime.combine(new_day, begin, AMSTERDAM)
            require_day(self.programme.period, new_day)
            record.move(starts_at, starts_at + length, now, self.setup.workdays.reason_closed(new_day))
            notes = Notes()
            self._lonely_week(uow, record, notes)
            self._plan_reminders(uow, record, now, notes)
            self._follow_agenda(uow, record, record, now)
            sent = self._send_invites(uow, record, now, notes)
            uow.meetings.save(record)
            details = {"from": old_day.isoformat(), "to": new_day.isoformat(), "sequence": record.sequence}
            audit(uow, now, actor.email, "meeting_moved", record.uid[:80], origin, details=details)
            return Reply(
                "meeting.moved",
                {
                    "title": record.title,
                    "from": old_day.strftime("%d-%m-%Y"),
                    "to": new_day.strftime("%d-%m-%Y"),
                    "time": begin.strftime("%H:%M"),
                    "sequence": record.sequence,
                    "uid": record.uid,
                    "invites": sent,
                    "warnings": notes.items,
                },
            )

        what = uid or f"{gremium or ''} {day.isoformat() if day else ''}".strip()
        return self.run(actor_email, origin, "meeting_move", what[:80], work)

    def cancel(
        self,
        actor_email: str,
        origin: str,
        *,
        uid: str | None = None,
        gremium: str | None = None,
        day: date | None = None,
    ) -> Reply:
        """Cancel a meeting: METHOD:CANCEL to those invited; a stuurgroep's agenda moves to the next one."""

        def work(base: UnitOfWork, actor: Person, now: datetime) -> Reply:
            self._authorize(actor, origin)
            uow = meeting_uow(base)
            record = self._find(uow.meetings, uid, gremium, day, uow, now)
            record.cancel(now)
            notes = Notes()
            self._plan_reminders(uow, record, now, notes)
            if record.gremium == self.setup.route_gremium and record.id is not None:
                later = [m for m in open_meetings(uow.meetings, self.setup, record.day) if m.day > record.day]
                items = uow.meetings.agenda(record.id)
                if items and later:
                    moved = self._follow_agenda(uow, record, later[0], now)
                    notes.add("agenda.moved_items", count=len(moved), date=later[0].day.strftime("%d-%m-%Y"))
                elif items:
                    notes.add("agenda.orphaned", count=len(items))
            sent = self._send_invites(uow, record, now, notes) if record.invited_sequence is not None else 0
            uow.meetings.save(record)
            details = {"date": record.day.isoformat(), "sequence": record.sequence}
            audit(uow, now, actor.email, "meeting_cancelled", record.uid[:80], origin, details=details)
            return Reply(
                "meeting.cancelled_ok",
                {
                    "title": record.title,
                    "date": record.day.strftime("%d-%m-%Y"),
                    "sequence": record.sequence,
                    "uid": record.uid,
                    "invites": sent,
                    "warnings": notes.items,
                },
            )

        what = uid or f"{gremium or ''} {day.isoformat() if day else ''}".strip()
        return self.run(actor_email, origin, "meeting_cancel", what[:80], work)

    def _follow_agenda(
        self, uow: MeetingUnitOfWork, source: MeetingRecord, target: MeetingRecord, now: datetime
    ) -> list[str]:
        """Keep the proposals on *source*'s agenda in step with *target* (the same meeting when it
        moved, the next one when it was cancelled): their meeting date follows."""
        if source.id is None or target.id is None:
            return []
        if source.id == target.id:
            references = [item.idea_reference for item in uow.meetings.agenda(source.id)]
        else:
            references = uow.meetings.move_agenda(source.id, target.id)
        for reference in references:
            idea = uow.ideas.get(reference)
            if idea is not None and idea.state is Status.GEAGENDEERD and idea.meeting_date != target.day:
                previous = idea.meeting_date
                idea.meeting_date = target.day
                details = {"from": previous.isoformat() if previous else "", "to": target.day.isoformat()}
                audit(uow, now, SYSTEM, "agenda_followed_meeting", reference, "systeem", details=details)
        return references

    def feed_tokens(self, actor_email: str, origin: str) -> dict[str, str]:
        """The secret token of every gremium's feed, made on first use."""

        def work(base: UnitOfWork, actor: Person, now: datetime) -> Reply:
            self._authorize(actor, origin)
            uow = meeting_uow(base)
            tokens: dict[str, str] = {}
            for key in self.setup.calendar.keys:
                token = uow.meetings.feed_token(key)
                if token is None:
                    token = secrets.token_urlsafe(24)
                    uow.meetings.set_feed_token(key, token, now)
                    audit(uow, now, actor.email, "feed_token_created", key, origin)
                tokens[key] = token
            return Reply("feeds.tokens", {"tokens": tokens})

        reply = self.run(actor_email, origin, "feed_tokens", "-", work)
        return dict(reply.params["tokens"])

    # -- queries ----------------------------------------------------------------------------
    def upcoming(self, gremium: str | None = None, limit: int = 10) -> list[MeetingRecord]:
        today = self.ctx.clock.now().date()
        key = self._gremium(gremium) if gremium else None
        merged = self._merged(today, today + HORIZON, key)
        return [m for m in merged if m.ends_at > self.ctx.clock.now() or m.day >= today][:limit]

    def agenda(self, day: date) -> AgendaView:
        setup = self.setup

        def work(base: UnitOfWork) -> AgendaView:
            uow = meeting_uow(base)
            found = [m for m in uow.meetings.on_day(day, setup.route_gremium)]
            if not found:
                raise Refused("agenda.no_meeting", date=day.strftime("%d-%m-%Y"))
            meeting = ([m for m in found if not m.cancelled] or found)[0]
            items = [(item, uow.ideas.get(item.idea_reference)) for item in uow.meetings.agenda(meeting.id or 0)]
            waiting: list[SpendRequest] = []
            today = self.ctx.clock.now().date()
            upcoming = [m for m in uow.meetings.between(today, meeting.day, setup.route_gremium) if not m.cancelled]
            if meeting.day >= today and upcoming and upcoming[0].uid == meeting.uid and hasattr(base, "budget"):
                waiting = budget_uow(base).budget.requests([RequestStatus.TO_STUURGROEP.value])
            return AgendaView(meeting, setup.plan(meeting.day), items, waiting)

        return self.read(work)

    def route(self, day: date) -> RoutePlan:
        """The document route to a stuurgroep on *day*, attached to the meetings as they stand in the
        store (moved, added, cancelled) and in the calendar around it."""
        setup = self.setup
        earliest = min(offset for step in setup.route.steps for offset in step.offsets)
        records = self._merged(day + timedelta(days=earliest - 7), day, None)
        around = [
            Meeting(
                gremium=r.gremium,
                date=r.day,
                start=None if r.week_only else to_local(r.starts_at).time(),
                end=None if r.week_only else to_local(r.ends_at).time(),
                kind=MeetingKind(r.kind),
                title=r.title,
                week_only=r.week_only,
                location=r.location,
                agenda=r.agenda,
            )
            for r in records
            if r.status != "cancelled"
        ]
        return plan_route(day, setup.route, setup.workdays, around, setup.calendar.period)

    def year_records(self, year: int, gremium: str | None = None) -> list[MeetingRecord]:
        """The meetings of *year*: those in the store as they stand, and those of the calendar that
        are not in the store yet."""
        return self._merged(date(year, 1, 1), date(year, 12, 31), gremium)

    def _merged(self, first: date, last: date, gremium: str | None) -> list[MeetingRecord]:
        setup = self.setup
        now = self.ctx.clock.now()

        def work(base: UnitOfWork) -> list[MeetingRecord]:
            uow = meeting_uow(base)
            stored = uow.meetings.between(first, last, gremium)
            planned = [
                record_from(setup.calendar, m, now)
                for m in expand(setup.calendar, (first, last), setup.workdays)
                if gremium is None or m.gremium == gremium
            ]
            known = uow.meetings.existing_uids(r.uid for r in planned)
            merged = stored + [r for r in planned if r.uid not in known]
            return sorted(merged, key=lambda r: (r.starts_at, r.gremium))

        return self.read(work)

    def gremium_calendar(self, gremium: str, records: Sequence[MeetingRecord], lang: str = "nl") -> bytes:
        from integrations.ics.events import build_calendar

        config = self.setup.calendar.gremium(gremium)
        events = [meeting_event(self.setup, r, lang) for r in records if r.gremium == gremium]
        data: bytes = build_calendar(events, name=config.name).to_ical()
        return data

    def feed(self, gremium: str) -> bytes:
        """The subscription feed of *gremium*: every stored meeting plus the plan of the programme's
        whole looptijd (§8: 2023-2027), or of this and next year when the programme gives none."""
        today = self.ctx.clock.now().date()
        first, last = self.programme.period or (today.year, today.year + 1)

        def stored(base: UnitOfWork) -> list[MeetingRecord]:
            return meeting_uow(base).meetings.of_gremium(gremium)

        records = {r.uid: r for r in self.read(stored)}
        for r in self._merged(date(first, 1, 1), date(last, 12, 31), gremium):
            records.setdefault(r.uid, r)
        ordered = sorted(records.values(), key=lambda r: r.starts_at)
        return self.gremium_calendar(gremium, ordered)

    def check_feed(self, gremium: str, token: str) -> bool | None:
        """None: no such gremium; False: wrong token; True: the token opens this feed."""
        if gremium not in self.setup.calendar.keys:
            return None
        stored = self.read(lambda base: meeting_uow(base).meetings.feed_token(gremium))
        if stored is None:
            hmac.compare_digest(token.encode(), token.encode())  # same work either way
            return False
        return hmac.compare_digest(stored.encode(), token.encode())

    def export(self, year: int, out_dir: Path) -> tuple[list[Path], list[dict[str, Any]]]:
        """One .ics per gremium for *year* in *out_dir*: all built first, then each written atomically,
        so a failure leaves no half-written calendar. Returns the paths and the warnings."""
        from integrations.ics.calendars import calendar_filename

        notes = Notes()
        require_year(self.programme.period, year)
        records = self.year_records(year)
        if not records:
            notes.add("period.year_without_calendar", year=year, rules_from=self._rules_from())
        files: list[tuple[Path, bytes]] = []
        for gremium in self.setup.calendar.gremia:
            mine = [r for r in records if r.gremium == gremium.key]
            if records and not mine:
                notes.add("meetings.gremium_empty", gremium=gremium.name, year=year)
            files.append(
                (
                    out_dir / calendar_filename(self.setup.calendar, gremium.key, year),
                    self.gremium_calendar(gremium.key, mine),
                )
            )
        written: list[Path] = []
        temporary: list[Path] = []
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            for path, data in files:
                tmp = path.with_name(f".{path.name}.tmp")
                tmp.write_bytes(data)
                temporary.append(tmp)
            for (path, _), tmp in zip(files, temporary, strict=True):
                os.replace(tmp, path)
                written.append(path)
        except OSError as exc:
            for tmp in temporary:
                tmp.unlink(missing_ok=True)
            raise Refused("calendar.cannot_write", dir=str(out_dir), reason=exc.strerror or str(exc)) from exc
        return written, notes.items
