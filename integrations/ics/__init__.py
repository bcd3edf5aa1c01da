"""ICS for vaart: published calendars per gremium and iTIP invitations (see the modules)."""

from bot.domain.series import calendar_filename, meeting_uid, series_uid
from bot.reports.meetings import meeting_description, meeting_summary
from bot.services.ports.calendar_files import Participant
from integrations.ics.calendars import SeriesEvent, build_gremium_calendar, export_calendars, series_event
from integrations.ics.events import Recurrence, build_calendar, build_event
from integrations.ics.invites import (
    InviteTracker,
    Method,
    build_invite,
    content_type,
    meeting_invite,
    series_invite,
)
from integrations.ics.vtimezone import amsterdam_vtimezone

__all__ = [
    "InviteTracker",
    "Method",
    "Participant",
    "Recurrence",
    "SeriesEvent",
    "amsterdam_vtimezone",
    "build_calendar",
    "build_event",
    "build_gremium_calendar",
    "build_invite",
    "calendar_filename",
    "content_type",
    "export_calendars",
    "meeting_description",
    "meeting_invite",
    "meeting_summary",
    "meeting_uid",
    "series_event",
    "series_invite",
    "series_uid",
]
