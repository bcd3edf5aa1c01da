"""Wording for the scheduling area (see bot.chat.messages): the document route, the meeting
calendar and the texts inside calendar files."""

MONTHS: dict[str, tuple[str, ...]] = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

NL = {
    "route.invalid_date": (
        "'{value}' is geen bestaande datum. Geef de datum van de stuurgroep als JJJJ-MM-DD, "
        "bijvoorbeeld 2024-06-28."
    ),
    "route.date_out_of_range": (
        "De datum {value} ligt buiten het bereik dat vaart plant (jaar {low} tot en met {high})."
    ),
    "route.title": "Documentroute naar de stuurgroep van {date}",
    "route.col_step": "Stap",
    "route.col_date": "Datum",
    "route.or": "of",
    "route.at_meeting": "(vergadering {title}, {start}-{end})",
    "route.moved": "verschoven van {from_date} naar {to_date}: {reason}",
    "route.warning": "Let op",
    "route.meeting_on_closed_day": (
        "op {date} wordt niet gewerkt ({reason}); kies een werkdag voor de stuurgroep."
    ),
    "route.not_in_calendar": "op {date} staat geen stuurgroepvergadering in de vergaderkalender.",
    "route.no_regular_meeting": (
        "op {date} is er geen reguliere vergadering voor de stap '{step}'; plan die bespreking apart."
    ),
    "route.step_order": "door verschuiven valt '{step}' vóór '{previous}'; controleer de volgorde.",
    "calendar.invalid_year": "'{value}' is geen geldig jaar. Geef een jaar tussen {low} en {high}.",
    "ics.description": "{title} van de {programme}.\nAgenda: {agenda}\nLocatie: {location}",
    "ics.location_unknown": "volgt met de uitnodiging",
    "ics.agenda_unknown": "volgt met de stukken",
    "ics.week_only_summary": "{title} (week {week}, datum volgt)",
    "ics.week_only_description": (
        "{title} van de {programme} in week {week}; de precieze datum volgt.\nAgenda: {agenda}\n"
        "Locatie: {location}"
    ),
}
EN = {
    "route.invalid_date": (
        "'{value}' is not an existing date. Give the date of the stuurgroep as YYYY-MM-DD, "
        "for example 2024-06-28."
    ),
    "route.date_out_of_range": ("The date {value} is outside the range vaart plans (years {low} to {high})."),
    "route.title": "Document route to the stuurgroep of {date}",
    "route.col_step": "Step",
    "route.col_date": "Date",
    "route.or": "or",
    "route.at_meeting": "(meeting {title}, {start}-{end})",
    "route.moved": "moved from {from_date} to {to_date}: {reason}",
    "route.warning": "Note",
    "route.meeting_on_closed_day": (
        "{date} is not a working day ({reason}); choose a working day for the stuurgroep."
    ),
    "route.not_in_calendar": "there is no stuurgroep meeting on {date} in the meeting calendar.",
    "route.no_regular_meeting": (
        "there is no regular meeting on {date} for the step '{step}'; plan that discussion separately."
    ),
    "route.step_order": "after moving, '{step}' comes before '{previous}'; check the order.",
    "calendar.invalid_year": "'{value}' is not a valid year. Give a year from {low} to {high}.",
    "ics.description": "{title} of the {programme}.\nAgenda: {agenda}\nLocation: {location}",
    "ics.location_unknown": "follows with the invitation",
    "ics.agenda_unknown": "follows with the documents",
    "ics.week_only_summary": "{title} (week {week}, date to follow)",
    "ics.week_only_description": (
        "{title} of the {programme} in week {week}; the exact date follows.\nAgenda: {agenda}\n"
        "Location: {location}"
    ),
}
