"""A meeting in words: the summary and description of its calendar entry and its invitation."""

from __future__ import annotations

from bot.domain.series import CalendarConfig, Meeting
from bot.messages import render


def _text(value: str, fallback_code: str, lang: str) -> str:
    return value or render(fallback_code, lang)


def meeting_summary(meeting: Meeting, lang: str = "nl") -> str:
    if meeting.week_only:
        return render("ics.week_only_summary", lang, title=meeting.title, week=meeting.iso_week)
    return meeting.title


def meeting_description(config: CalendarConfig, meeting: Meeting, lang: str = "nl") -> str:
    """The agenda and location in words, for DESCRIPTION."""
    code = "ics.week_only_description" if meeting.week_only else "ics.description"
    text = render(
        code,
        lang,
        title=meeting.title,
        programme=config.programme_name,
        week=meeting.iso_week,
        agenda=_text(meeting.agenda, "ics.agenda_unknown", lang),
        location=_text(meeting.location, "ics.location_unknown", lang),
    )
    return f"{text}\n{render('ics.assumed', lang)}" if meeting.assumed else text
