"""Use cases on meetings: put the vergaderkalender in the store, add, move and cancel meetings.

The calendar configuration says when gremia meet; the store says what became of each meeting
(moved, cancelled) and which version of its invitation people have. Every change is one unit of
work: the meeting row, its audit entry (the domain's event, through the `Recorder`), the
invitations (`bot.services.invitations`) and the reminder rows of the document route commit
together. Problems that can be worked around (a gremium without attendees, a person without a
usable address, a series without meetings that year) become warnings in the reply; changes that
make no sense (a move into the past or to a closed day, a date that does not exist) are refused.
The agenda rule lives in `bot.services.agenda`, the calendar set-up in `bot.services.calendar_setup`,
the feeds and the export in `bot.services.meeting_feeds`, the read side in `bot.services.meeting_queries`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot.domain.assessment import DomainEvent
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.domain.meetings import MeetingRecord
from bot.domain.people import Person
from bot.domain.period import require_day, require_year
from bot.domain.series import Meeting, MeetingKind, expand
from bot.domain.timezone import AMSTERDAM, to_local
from bot.messages import profiled
from bot.services.agenda import open_meetings
from bot.services.base import Reply
from bot.services.calendar_setup import Notes, note_year_without_calendar, record_from
from bot.services.invitations import replan_reminders, send_invites
from bot.services.meeting_feeds import MeetingFeeds
from bot.services.ports.meetings import MeetingRepository, MeetingUnitOfWork, meeting_uow
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import Recorder

SYSTEM = "systeem@vaart.local"


def _hm(moment: datetime) -> str:
    return to_local(moment).strftime("%H:%M")


class MeetingService(MeetingFeeds):
    """The meetings' commands; the feeds and the read side come from `MeetingFeeds`."""

    # -- helpers ----------------------------------------------------------------------------
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

    def store_planned(self, uow: MeetingUnitOfWork, record: MeetingRecord, now: datetime, invite: bool = True) -> None:
        """Put a meeting of the calendar in the store as `generate` would: its reminders, and its
        invitations when it is still ahead (used when an agenda needs a meeting not stored yet, or
        the staf moves or cancels one; then that change sends the invitation)."""
        uow.meetings.add(record)
        notes = Notes()
        self._plan_reminders(uow, record, now, notes)
        sent = self._send_invites(uow, record, now, notes) if invite and record.starts_at > now else 0
        uow.meetings.save(record)
        details: dict[str, object] = {"gremium": record.gremium, "date": record.day.isoformat(), "invites": sent}
        Recorder(uow, self.programme, now, "systeem").record(
            record.uid[:80], SYSTEM, DomainEvent("meeting_stored", details)
        )

    def _lonely_week(self, uow: MeetingUnitOfWork, record: MeetingRecord, notes: Notes) -> None:
        """Warn when a meeting of the route's gremium (the stuurgroep) is placed in a week in which no other
        gremium meets (Bijlage 2 has none in weeks 31-34 and 52): the route's steps then have no meetings to lean
        on. The VDG's words name its own gremium (`profiled`)."""
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
            code = profiled("meeting", "lonely_week", self.programme.governance.procedure("voorstel"))
            notes.add(code, week=record.day.isocalendar().week, date=record.day.strftime("%d-%m-%Y"),
                      gremium=self.setup.route_gremium_name)

    def _send_invites(self, uow: MeetingUnitOfWork, record: MeetingRecord, now: datetime, notes: Notes) -> int:
        return send_invites(uow, self.setup, self.programme, self.files, record, now, notes)

    def _plan_reminders(self, uow: MeetingUnitOfWork, record: MeetingRecord, now: datetime, notes: Notes) -> int:
        return replan_reminders(uow, self.setup, record, now, notes)

    def _materialise(
        self, uow: MeetingUnitOfWork, year: int, now: datetime, notes: Notes
    ) -> tuple[list[MeetingRecord], int]:
        """Put the calendar's meetings of *year* in the store (existing ones are left as they are)."""
        setup = self.setup
        require_year(self.programme.period, year)
        meetings = expand(setup.calendar, year, setup.workdays)
        if not meetings:
            note_year_without_calendar(notes, setup.calendar, year)
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
            Recorder(uow, self.programme, now, origin).record(
                str(year), actor.email, DomainEvent("meetings_generated", dict(details))
            )
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
            Recorder(uow, self.programme, now, origin).record(
                record.uid[:80], actor.email, DomainEvent("meeting_added", details)
            )
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
            moved = record.move(starts_at, starts_at + length, now, self.setup.workdays.reason_closed(new_day))
            notes = Notes()
            self._lonely_week(uow, record, notes)
            self._plan_reminders(uow, record, now, notes)
            self._follow_agenda(uow, record, record, now)
            sent = self._send_invites(uow, record, now, notes)
            uow.meetings.save(record)
            Recorder(uow, self.programme, now, origin).record(record.uid[:80], actor.email, moved)
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
            cancelled = record.cancel(now)
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
            Recorder(uow, self.programme, now, origin).record(record.uid[:80], actor.email, cancelled)
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
                details: dict[str, object] = {
                    "from": previous.isoformat() if previous else "",
                    "to": target.day.isoformat(),
                }
                Recorder(uow, self.programme, now, "systeem").record(
                    reference, SYSTEM, DomainEvent("agenda_followed_meeting", details)
                )
        return references
