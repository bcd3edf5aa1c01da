"""The route, meetings, reminders and documents package of a programme whose colleges decide one by one (the
VDG's `per-member-body` procedure): its route leads to a meeting of its own gremium (`{gremium}`, the name in
[kalender.gremia]), not to a stuurgroep, and no expertteam advises on what is on its agenda."""

from __future__ import annotations

NL: dict[str, str] = {
    "route.per-member-body.title": "Documentroute naar de vergadering van {date} ({gremium})",
    "route.per-member-body.not_in_calendar": "op {date} staat geen vergadering ({gremium}) in de vergaderkalender.",
    "route.per-member-body.meeting_on_closed_day": "op {date} wordt niet gewerkt ({reason}); kies een werkdag "
    "voor de vergadering ({gremium}).",
    "meeting.per-member-body.lonely_week": "in week {week} vergadert verder niemand; controleer of de "
    "documentroute naar de vergadering van {date} ({gremium}) dan loopt",
    "reminder.per-member-body.body": "Beste {name},\n\nDe documentroute naar een vergadering ({gremium}) vraagt "
    "uw aandacht:\n{lines}",
    "reminder.per-member-body.line": "- {step}: {dates} (vergadering van {meeting})",
    "package.per-member-body.subject": "Stukken {gremium} {date} ({count:agendapunt|agendapunten})",
    "package.per-member-body.body": "Beste {name},\n\nHierbij de stukken voor de vergadering van {date} "
    "({gremium}; stap: {step}).\n\n{items}",
    "package.per-member-body.empty": "Er staan geen voorstellen op de agenda: over een voorstel besluit elk college "
    "zelf, na het advies van het PHO ('status REFERENTIE' in de chat toont waar het staat).",
    "package.per-member-body.no_advice": "Geen advies vastgelegd.",
    "package.per-member-body.verdict": "Advies: {verdict}.",
    "ui.home.per-member-body.route": "Route naar de vergadering van {date} ({gremium})",
    "package.finance.per-member-body.title": "Financieel beeld ({director}):",
}

EN: dict[str, str] = {
    "route.per-member-body.title": "Document route to the meeting of {date} ({gremium})",
    "route.per-member-body.not_in_calendar": "there is no meeting ({gremium}) on {date} in the meeting calendar.",
    "route.per-member-body.meeting_on_closed_day": "{date} is not a working day ({reason}); choose a working day "
    "for the meeting ({gremium}).",
    "meeting.per-member-body.lonely_week": "nobody else meets in week {week}; check whether the document route to "
    "the meeting of {date} ({gremium}) still works",
    "reminder.per-member-body.body": "Dear {name},\n\nThe document route to a meeting ({gremium}) needs your "
    "attention:\n{lines}",
    "reminder.per-member-body.line": "- {step}: {dates} (meeting of {meeting})",
    "package.per-member-body.subject": "Documents {gremium} {date} ({count:agenda item|agenda items})",
    "package.per-member-body.body": "Dear {name},\n\nHere are the documents for the meeting of {date} ({gremium}; "
    "step: {step}).\n\n{items}",
    "package.per-member-body.empty": "There are no proposals on the agenda: each college decides on a proposal "
    "itself, after the PHO's advice ('status REFERENCE' in the chat shows where it stands).",
    "package.per-member-body.no_advice": "No advice recorded.",
    "package.per-member-body.verdict": "Advice: {verdict}.",
    "ui.home.per-member-body.route": "Route to the meeting of {date} ({gremium})",
    "package.finance.per-member-body.title": "Financial picture ({director}):",
}
