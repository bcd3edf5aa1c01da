"""The read side of the meetings area, and what its commands share: the calendar set-up, the
gremium a person names, who may change meetings; the coming meetings, the agenda of a stuurgroep
meeting, the route attached to the meetings as they stand, a year as the store and the calendar
have it together."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from itertools import takewhile

from bot.domain.budget_mandate import RequestStatus, SpendRequest
from bot.domain.errors import Refused
from bot.domain.meetings import MeetingRecord
from bot.domain.people import Person
from bot.domain.rounds import WrittenRound
from bot.domain.route import RoutePlan, plan_route
from bot.domain.series import Meeting, expand, meeting_uid
from bot.domain.timezone import AMSTERDAM
from bot.services.agenda import AgendaView
from bot.services.base import Context, Service
from bot.services.calendar_setup import (
    HORIZON,
    MeetingSetup,
    calendar_meeting,
    meeting_setup,
    planned_start,
    record_from,
)
from bot.services.ports.budget import budget_uow
from bot.services.ports.calendar_files import CalendarFiles
from bot.services.ports.cycle import cycle_uow
from bot.services.ports.meetings import meeting_uow
from bot.services.ports.rounds import round_uow
from bot.services.ports.unit_of_work import UnitOfWork

MANAGERS = ("staf", "programmadirecteur")
TRUSTED_ORIGINS = frozenset({"cli", "systeem"})  # whoever runs the CLI holds the database already
Planned = tuple[Meeting, str, datetime]  # a meeting of the calendar, its UID, its planned start
EXPANDED_WINDOWS = 16  # calendar windows kept expanded (today's horizon, a year or two, a route's window)


class MeetingQueries(Service):
    def __init__(self, ctx: Context, files: CalendarFiles) -> None:
        super().__init__(ctx)
        self.files = files  # ICS for invitations, feeds and exports (integrations.ics.files.IcsFiles)
        self._expanded: dict[tuple[int, date, date], tuple[Meeting, ...]] = {}  # see _planned
        self._in_order: dict[tuple[int, date, date, str | None], tuple[Planned, ...]] = {}  # see _planned_in_order

    @property
    def setup(self) -> MeetingSetup:
        return meeting_setup(self.programme)

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

    # -- queries ----------------------------------------------------------------------------
    def upcoming(self, gremium: str | None = None, limit: int = 10) -> list[MeetingRecord]:
        return self.upcoming_lists((gremium, limit))[0]

    def upcoming_lists(self, *wanted: tuple[str | None, int]) -> list[list[MeetingRecord]]:
        """The coming meetings of each (gremium or all, limit) in *wanted*, read in one unit of work
        (the App Home shows the coming meetings and the coming stuurgroep meetings together)."""
        now = self.ctx.clock.now()
        today = now.date()
        keys = [(self._gremium(gremium) if gremium else None, limit) for gremium, limit in wanted]

        def work(uow: UnitOfWork) -> list[list[MeetingRecord]]:
            lists = [self._merged_in(uow, today, today + HORIZON, key, limit) for key, limit in keys]
            return [[m for m in merged if m.ends_at > now or m.day >= today][:limit]
                    for merged, (_, limit) in zip(lists, keys, strict=True)]

        return self.read(work)

    def meeting(self, uid: str) -> MeetingRecord:
        """The meeting with *uid* as the store has it, or as the calendar plans it when it is not
        stored yet (the UIDs `vergaderingen` shows), for `status UID`."""
        wanted = uid.strip().lower()
        stored = self.read(lambda base: meeting_uow(base).meetings.get(wanted))
        if stored is not None:
            return stored
        today = self.ctx.clock.now().date()
        planned = [r for r in self._merged(today, today + HORIZON, None) if r.uid == wanted]
        if not planned:
            raise Refused("meeting.unknown", what=uid.strip()[:80])
        return planned[0]

    def agenda(self, day: date) -> AgendaView:
        """The meeting of the route's gremium on *day* with its agenda: a stored one, or one the calendar
        plans and nothing has stored yet (its agenda empty), as `vergaderingen` and the public dates
        list it."""
        setup = self.setup

        def work(base: UnitOfWork) -> AgendaView:
            uow = meeting_uow(base)
            found = self._merged_in(base, day, day, setup.route_gremium)
            if not found:
                gremium = setup.calendar.gremium(setup.route_gremium)
                raise Refused("agenda.no_meeting", date=day.strftime("%d-%m-%Y"), gremium=gremium.name,
                              key=gremium.key)
            meeting = ([m for m in found if not m.cancelled] or found)[0]
            stored = meeting.id  # None: planned by the calendar, nothing on its agenda yet
            items = [(item, uow.ideas.get(item.idea_reference)) for item in uow.meetings.agenda(stored)] \
                if stored is not None else []
            waiting: list[SpendRequest] = []
            today = self.ctx.clock.now().date()
            # the spend requests waiting for the stuurgroep go to its next stored meeting (as the worker's package)
            upcoming = [m for m in uow.meetings.between(today, meeting.day, setup.route_gremium) if not m.cancelled]
            if meeting.day >= today and upcoming and upcoming[0].uid == meeting.uid and hasattr(base, "budget"):
                waiting = budget_uow(base).budget.requests([RequestStatus.TO_STUURGROEP.value])
            objections = cycle_uow(base).cycle.objections_at_meeting(stored) \
                if stored is not None and hasattr(base, "cycle") else []
            return AgendaView(meeting, setup.plan(meeting.day), items, waiting, objections,
                              self._rounds(base, meeting.day))

        return self.read(work)

    def _rounds(self, base: UnitOfWork, day: date) -> list[WrittenRound]:
        """The schriftelijke rondes closed after the previous stuurgroep meeting and before *day*."""
        if not hasattr(base, "rounds"):
            return []
        first = date(self.ctx.programme.period[0], 1, 1) if self.ctx.programme.period else date(day.year - 5, 1, 1)
        earlier = sorted((m for m in meeting_uow(base).meetings.between(first, day - timedelta(days=1),
                                                                        self.setup.route_gremium)
                          if not m.cancelled), key=lambda m: m.day)
        start = datetime.combine(earlier[-1].day, time(0), AMSTERDAM) if earlier else None
        return round_uow(base).rounds.closed_between(start, datetime.combine(day, time(0), AMSTERDAM))

    def route(self, day: date) -> RoutePlan:
        """The document route to a stuurgroep on *day*, attached to the meetings as they stand in the
        store (moved, added, cancelled) and in the calendar around it."""
        setup = self.setup
        first, last = setup.route.window(day)
        around = [calendar_meeting(r) for r in self._merged(first, last, None) if r.status != "cancelled"]
        return plan_route(day, setup.route, setup.workdays, around, setup.calendar.period)

    def year_records(self, year: int, gremium: str | None = None) -> list[MeetingRecord]:
        """The meetings of *year*: those in the store as they stand, and those of the calendar that
        are not in the store yet."""
        return self._merged(date(year, 1, 1), date(year, 12, 31), gremium)

    def _planned(self, first: date, last: date) -> tuple[Meeting, ...]:
        """The calendar's meetings from *first* to *last*. Pure configuration, so each window is
        expanded once: the App Home and `vergaderingen` ask for the same horizon all day."""
        setup, window = self.setup, (first, last)
        key = (id(setup.calendar), *window)  # a programme read anew brings its own calendar
        found = self._expanded.get(key)
        if found is None:
            if len(self._expanded) >= EXPANDED_WINDOWS:
                self._expanded.clear()
            found = self._expanded[key] = tuple(expand(setup.calendar, window, setup.workdays))
        return found

    def _planned_in_order(
        self, first: date, last: date, gremium: str | None = None
    ) -> tuple[Planned, ...]:
        """The calendar's meetings from *first* to *last* (of *gremium*, or all) with their UIDs and
        planned starts, in start order (a stable sort: equal starts keep the calendar's order), kept
        like `_planned`."""
        key = (id(self.setup.calendar), first, last, gremium)
        found = self._in_order.get(key)
        if found is None:
            if len(self._in_order) >= EXPANDED_WINDOWS:
                self._in_order.clear()
            calendar = self.setup.calendar
            triples = sorted(((m, meeting_uid(calendar, m), planned_start(m)) for m in self._planned(first, last)
                              if gremium is None or m.gremium == gremium),
                             key=lambda triple: (triple[2], triple[0].gremium))
            found = self._in_order[key] = tuple(triples)
        return found

    def _merged(self, first: date, last: date, gremium: str | None, limit: int | None = None) -> list[MeetingRecord]:
        """The meetings from *first* to *last*: the store's, and the calendar's not stored yet, in start
        order. With *limit* only the first ones: the store's first *limit*, and of the calendar's not
        stored only the first *limit* made into records (the store rows of the whole horizon and a
        record per planned meeting cost more than the App Home's other lists together)."""
        return self.read(lambda uow: self._merged_in(uow, first, last, gremium, limit))

    def _merged_in(
        self, base: UnitOfWork, first: date, last: date, gremium: str | None, limit: int | None = None
    ) -> list[MeetingRecord]:
        uow = meeting_uow(base)
        stored = uow.meetings.between(first, last, gremium, limit=limit)
        # in start order already, as the merge below sorts them: with *limit*, the first ones suffice
        candidates: Iterable[Planned] = self._planned_in_order(first, last, gremium)
        if limit is not None and len(stored) == limit:  # one planned to start after these cannot be shown
            cutoff = (stored[-1].starts_at, stored[-1].gremium)
            candidates = takewhile(lambda triple: (triple[2], triple[0].gremium) <= cutoff, candidates)
        checked = list(candidates)
        # a planned meeting among the stored rows read is stored; only the others are looked up (none,
        # once a year's meetings are generated: the App Home then reads no more than its two lists)
        shown = {record.uid for record in stored}
        others = [uid for _, uid, _ in checked if uid not in shown]
        known = shown | (uow.meetings.existing_uids(others) if others else set())
        fresh = [m for m, uid, _ in checked if uid not in known][:limit]
        fresh_records = [record_from(self.setup.calendar, m, self.ctx.clock.now()) for m in fresh]
        merged = sorted(stored + fresh_records, key=lambda r: (r.starts_at, r.gremium))
        return merged if limit is None else merged[:limit]
