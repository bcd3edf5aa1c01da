"""Publishing the meetings: each gremium's subscription feed (`/calendar/<gremium>.ics?token=...`,
with its secret token) and the one-.ics-per-gremium export of a year."""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot.domain.assessment import DomainEvent
from bot.domain.errors import Refused
from bot.domain.meetings import MeetingRecord
from bot.domain.people import Person
from bot.domain.period import require_year
from bot.domain.series import calendar_filename
from bot.services.base import Reply
from bot.services.calendar_setup import Notes, note_year_without_calendar
from bot.services.invitations import meeting_entry
from bot.services.meeting_queries import MeetingQueries
from bot.services.ports.meetings import meeting_uow
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import Recorder


class MeetingFeeds(MeetingQueries):
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
                    created = DomainEvent("feed_token_created")
                    Recorder(uow, self.programme, now, origin).record(key, actor.email, created)
                tokens[key] = token
            return Reply("feeds.tokens", {"tokens": tokens})

        reply = self.run(actor_email, origin, "feed_tokens", "-", work)
        return dict(reply.params["tokens"])

    def gremium_calendar(self, gremium: str, records: Sequence[MeetingRecord], lang: str = "nl") -> bytes:
        config = self.setup.calendar.gremium(gremium)
        entries = [meeting_entry(self.setup, r, lang) for r in records if r.gremium == gremium]
        return self.files.calendar(entries, config.name)

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
        notes = Notes()
        require_year(self.programme.period, year)
        records = self.year_records(year)
        if not records:
            note_year_without_calendar(notes, self.setup.calendar, year)
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
