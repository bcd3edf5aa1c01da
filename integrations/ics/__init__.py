"""ICS for vaart: published calendars per gremium (`calendars`), events and calendars (`events`), iTIP
invitations (`invites`), the Amsterdam VTIMEZONE (`vtimezone`), and the `CalendarFiles` port's adapter
(`files`). Nothing is imported here, so a command that writes no calendar never loads icalendar."""
