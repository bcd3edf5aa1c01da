"""Meeting invitations (iTIP, RFC 5546) as .ics bytes.

An invitation is what makes a meeting land in people's agendas: METHOD:REQUEST with the programme
mailbox as ORGANIZER and every invitee as ATTENDEE with RSVP=TRUE. A change is the same UID with
a higher SEQUENCE and a fresh DTSTAMP; a cancellation is METHOD:CANCEL with STATUS:CANCELLED.
The caller (the service that owns the meeting) keeps the UID and the SEQUENCE; `InviteTracker`
does that bookkeeping for one meeting. The MIME type must carry the same method as the file:
use `content_type`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from icalendar import vCalAddress

from bot.domain.series import CalendarConfig, Meeting, expand_gremium, meeting_uid
from bot.domain.timezone import require_aware
from bot.domain.workdays import WorkingDays
from bot.reports.meetings import meeting_description, meeting_summary
from bot.services.ports.calendar_files import InviteMethod, Participant
from integrations.ics.calendars import meeting_times, series_event
from integrations.ics.events import Recurrence, build_calendar, build_event

Method = InviteMethod  # the port's values: the service and this adapter speak the same words


def _participant(value: Participant | str) -> Participant:
    participant = Participant(value) if isinstance(value, str) else value
    email = participant.email.removeprefix("mailto:")
    if "@" not in email or any(ch.isspace() for ch in email):
        raise ValueError(f"not an e-mail address: {participant.email!r}")
    return Participant(email, participant.name)


def content_type(method: Method | str) -> str:
    """The MIME type for an invite with *method* (must equal the METHOD inside the file)."""
    return f"text/calendar; method={Method(str(method).upper()).value}; charset=UTF-8"


def build_invite(
    meeting_uid: str,
    sequence: int,
    dtstamp: datetime,
    method: Method | str,
    organizer: Participant | str,
    attendees: Sequence[Participant | str],
    *,
    summary: str,
    start: datetime | date,
    end: datetime | date,
    description: str = "",
    location: str = "",
    recurrence: Recurrence | None = None,
    language: str | None = None,
) -> bytes:
    """An iTIP REQUEST or CANCEL for one meeting (or one series, with *recurrence*).

    *dtstamp* is the moment this version is sent (aware; the caller's clock). Single meetings are
    written in UTC, series in Europe/Amsterdam with the RRULE-style VTIMEZONE. *language* (a tag
    such as "nl") goes on SUMMARY, DESCRIPTION and LOCATION as their LANGUAGE (RFC 5545 3.2.10), so
    a channel that renders the meeting's text (Outlook's event body) knows its language.
    """
    chosen = Method(str(method).upper())
    require_aware(dtstamp)
    if not attendees:
        raise ValueError("an invitation needs at least one attendee")
    boss = _participant(organizer)
    people = [_participant(a) for a in attendees]
    event = build_event(
        uid=meeting_uid,
        dtstamp=dtstamp,
        summary=summary,
        start=start,
        end=end,
        description=description,
        location=location,
        sequence=sequence,
        recurrence=recurrence,
        status="CONFIRMED" if chosen is Method.REQUEST else "CANCELLED",
    )
    if language:
        for name in ("summary", "description", "location"):
            if name in event:
                event[name].params["LANGUAGE"] = language
    event.add("organizer", vCalAddress.new(boss.email, cn=boss.name or None))
    for person in people:
        address = vCalAddress.new(
            person.email,
            cn=person.name or None,
            cutype="INDIVIDUAL",
            role="REQ-PARTICIPANT",
            partstat="NEEDS-ACTION",
            rsvp=True if chosen is Method.REQUEST else None,
        )
        event.add("attendee", address)
    data: bytes = build_calendar([event], method=chosen.value).to_ical()
    return data


class InviteTracker:
    """The invitations of one meeting: the UID never changes and every new version (a move, a
    cancellation, a reinstatement) gets a higher SEQUENCE and must carry a DTSTAMP that is not
    older than the previous one."""

    def __init__(
        self,
        uid: str,
        organizer: Participant | str,
        attendees: Sequence[Participant | str],
        *,
        summary: str,
        start: datetime | date,
        end: datetime | date,
        description: str = "",
        location: str = "",
        sequence: int = 0,
        last_dtstamp: datetime | None = None,
    ) -> None:
        self.uid = uid
        self.organizer = organizer
        self.attendees = tuple(attendees)
        self.summary = summary
        self.start = start
        self.end = end
        self.description = description
        self.location = location
        self.sequence = sequence
        self.cancelled = False
        self._last_dtstamp = last_dtstamp

    def _check(self, dtstamp: datetime) -> None:
        require_aware(dtstamp)
        if self._last_dtstamp is not None and dtstamp < self._last_dtstamp:
            raise ValueError(f"DTSTAMP {dtstamp} is older than the previous one ({self._last_dtstamp})")

    def _send(
        self, method: Method, dtstamp: datetime, start: datetime | date, end: datetime | date, sequence: int
    ) -> bytes:
        """Build the version first; only when that succeeds does the tracker move on."""
        self._check(dtstamp)
        data = build_invite(
            self.uid,
            sequence,
            dtstamp,
            method,
            self.organizer,
            self.attendees,
            summary=self.summary,
            start=start,
            end=end,
            description=self.description,
            location=self.location,
        )
        self.start, self.end, self.sequence = start, end, sequence
        self.cancelled = method is Method.CANCEL
        self._last_dtstamp = dtstamp
        return data

    def invite(self, dtstamp: datetime) -> bytes:
        """The current version as a REQUEST: the first sending, or sending it again unchanged.
        After a cancellation this reinstates the meeting, which is a new version (SEQUENCE + 1)."""
        sequence = self.sequence + 1 if self.cancelled else self.sequence
        return self._send(Method.REQUEST, dtstamp, self.start, self.end, sequence)

    def move(self, start: datetime | date, end: datetime | date, dtstamp: datetime) -> bytes:
        """A new time: SEQUENCE + 1 and a REQUEST (this also reinstates a cancelled meeting)."""
        return self._send(Method.REQUEST, dtstamp, start, end, self.sequence + 1)

    def cancel(self, dtstamp: datetime) -> bytes:
        """The meeting is off: SEQUENCE + 1 and a CANCEL with STATUS:CANCELLED."""
        return self._send(Method.CANCEL, dtstamp, self.start, self.end, self.sequence + 1)


def meeting_invite(
    config: CalendarConfig,
    meeting: Meeting,
    *,
    sequence: int,
    dtstamp: datetime,
    method: Method | str,
    attendees: Sequence[Participant | str],
    lang: str = "nl",
) -> bytes:
    """The invitation to one meeting of the calendar, from the programme mailbox, with its
    stable UID (`meeting_uid`), title, agenda and location from the configuration."""
    start, end = meeting_times(meeting)
    return build_invite(
        meeting_uid(config, meeting),
        sequence,
        dtstamp,
        method,
        Participant(config.organizer, config.programme_name),
        attendees,
        summary=meeting_summary(meeting, lang),
        start=start,
        end=end,
        description=meeting_description(config, meeting, lang),
        location=meeting.location,
        language=lang,
    )


def series_invite(
    config: CalendarConfig,
    gremium_key: str,
    year: int,
    *,
    sequence: int,
    dtstamp: datetime,
    method: Method | str,
    attendees: Sequence[Participant | str],
    workdays: WorkingDays | None = None,
    lang: str = "nl",
) -> bytes:
    """The invitation to a whole series for *year* (same UID as the published series event)."""
    days = workdays or WorkingDays(config.working_days)
    gremium = config.gremium(gremium_key)
    series = series_event(config, gremium, year, days)
    if series is None:
        raise ValueError(f"{gremium_key!r} has no series meetings in {year}")
    example = next(m for m in expand_gremium(config, gremium, year, days))
    return build_invite(
        series.uid,
        sequence,
        dtstamp,
        method,
        Participant(config.organizer, config.programme_name),
        attendees,
        summary=gremium.name,
        start=series.start,
        end=series.end,
        description=meeting_description(config, example, lang),
        location=gremium.location,
        recurrence=series.recurrence,
        language=lang,
    )
