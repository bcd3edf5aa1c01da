"""The ICS adapter behind the `CalendarFiles` port: invitations and calendars as iCalendar bytes."""

from __future__ import annotations

from collections.abc import Sequence

from bot.services.ports.calendar_files import CalendarEntry, InviteMethod, Participant

# icalendar is imported on first use (inside the methods): a command that writes no calendar never loads it.


class IcsFiles:
    def invite(
        self,
        entry: CalendarEntry,
        method: InviteMethod,
        organizer: Participant,
        attendees: Sequence[Participant],
        language: str | None = None,
    ) -> bytes:
        """An iTIP REQUEST or CANCEL in *language* (the file is one for all attendees); its STATUS
        follows the method."""
        from integrations.ics.invites import build_invite

        return build_invite(
            entry.uid,
            entry.sequence,
            entry.dtstamp,
            method,
            organizer,
            list(attendees),
            summary=entry.summary,
            start=entry.start,
            end=entry.end,
            description=entry.description,
            location=entry.location,
            language=language,
        )

    def calendar(self, entries: Sequence[CalendarEntry], name: str) -> bytes:
        """A published calendar (no METHOD)."""
        from integrations.ics.events import build_calendar, build_event

        events = [
            build_event(
                uid=e.uid,
                dtstamp=e.dtstamp,
                summary=e.summary,
                start=e.start,
                end=e.end,
                description=e.description,
                location=e.location,
                sequence=e.sequence,
                status=e.status,
                transparent=e.transparent,
            )
            for e in entries
        ]
        data: bytes = build_calendar(events, name=name).to_ical()
        return data
