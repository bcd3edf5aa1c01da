"""Wording for the scheduling area (see bot.messages): the document route, the meeting
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
        "'{value}' is geen bestaande datum; geef de dag van de vergadering als JJJJ-MM-DD (jaar-maand-dag)."
    ),
    "route.title": "Documentroute naar de stuurgroep van {date}",
    "route.col_step": "Stap",
    "route.col_date": "Datum",
    "route.or": "of",
    "route.at_meeting": "(vergadering {title}, {start}-{end})",
    "route.moved": "verschoven van {from_date} naar {to_date}: {reason}",
    "route.warning": "Let op",
    "route.meeting_on_closed_day": ("op {date} wordt niet gewerkt ({reason}); kies een werkdag voor de stuurgroep."),
    "route.not_in_calendar": "op {date} staat geen stuurgroepvergadering in de vergaderkalender.",
    "route.no_regular_meeting": (
        "op {date} is er geen reguliere vergadering voor de stap '{step}'; plan die bespreking apart."
    ),
    "route.step_order": "door verschuiven valt '{step}' vóór '{previous}'; controleer de volgorde.",
    "calendar.invalid_year": "'{value}' is geen geldig jaar; geef een jaar tussen {low} en {high}.",
    "ics.description": "{title} van de {programme}.\nAgenda: {agenda}\nLocatie: {location}",
    "ics.location_unknown": "volgt met de uitnodiging",
    "ics.agenda_unknown": "volgt met de stukken",
    "ics.week_only_summary": "{title} (week {week}, datum volgt)",
    "ics.week_only_description": (
        "{title} van de {programme} in week {week}; de precieze datum volgt.\nAgenda: {agenda}\nLocatie: {location}"
    ),
    # -- meetings in the store (bot/services/meetings.py, bot/chat/meeting_commands.py) --------
    "meeting.cancelled": "De vergadering van {date} is geannuleerd en kan niet meer worden gewijzigd; plan een "
    "nieuwe met 'vergadering GREMIUM DATUM'.",
    "meeting.end_before_start": "Het einde ({end}) ligt niet na het begin ({start}); kies een later einde.",
    "meeting.move_into_past": "{date} ligt in het verleden en een vergadering kan alleen naar de toekomst, dus kies "
    "een datum na vandaag.",
    "meeting.closed_day": "Op {date} wordt niet gewerkt ({reason}); kies een werkdag.",
    "meeting.unchanged": "De vergadering staat al op {date} op dat tijdstip; er verandert niets.",
    "meeting.in_past": "De vergadering van {date} is al geweest; kies een komende vergadering ('vergaderingen').",
    "meeting.unknown": "Geen vergadering gevonden voor '{what}'; zie 'vergaderingen' voor datums en UID's.",
    "meeting.ambiguous": "Op {date} vergaderen meerdere gremia ({gremia}); noem het gremium erbij.",
    "meeting.unknown_gremium": "'{gremium}' is geen gremium; bekend: {known}.",
    "meeting.exists": "Er staat al een vergadering van {gremium} op {date}; verplaats die met 'verplaats', of kies "
    "een andere datum.",
    "meeting.wrong_role": "Vergaderingen plannen, verplaatsen en annuleren is voor {roles}.",
    "meeting.bad_time": "'{value}' is geen tijd; schrijf bijvoorbeeld 10:00.",
    "meeting.added": "{title} op {date} om {time} staat in de agenda ({invites:uitnodiging|uitnodigingen} verstuurd).",
    "meeting.moved": (
        "{title} is verplaatst van {from} naar {to} om {time} (versie {sequence}; "
        "{invites:bijgewerkte uitnodiging|bijgewerkte uitnodigingen})."
    ),
    "meeting.cancelled_ok": "{title} van {date} is geannuleerd (versie {sequence}; {invites:annulering|annuleringen}).",
    "meeting.route_passed": (
        "de eerste stap van de documentroute naar {date} was al op {deadline}; stem de stukken apart af."
    ),
    "meetings.generated": (
        "Vergaderingen {year}: {created} nieuw in de opslag, {existing} stonden er al; "
        "{invites:uitnodiging|uitnodigingen} verstuurd."
    ),
    "meetings.none_in_year": "De vergaderkalender geeft geen enkele vergadering in {year}.",
    "meetings.gremium_empty": "{gremium} heeft in {year} geen vergaderingen volgens de kalender.",
    "meetings.header": "Komende vergaderingen:",
    "meetings.none": "Geen komende vergaderingen.",
    "meetings.line": "  {date} {time}  {title}{mark}   [{uid}]",
    "meetings.week_only": "week {week}, datum volgt",
    "meetings.mark_moved": " (verplaatst)",
    "meetings.mark_cancelled": " (GEANNULEERD)",
    "invite.no_attendees": "niemand in de personenlijst hoort bij {gremium}; er is geen uitnodiging verstuurd.",
    "invite.attendee_without_email": "{name} heeft geen bruikbaar e-mailadres ({email}) en is niet uitgenodigd.",
    "invite.week_only": "van {gremium} in week {week} is alleen de week bekend; uitnodigen volgt als de datum er is.",
    "invite.agenda_link": "Agenda en stukken: typ 'agenda {date}' in de chat van vaart.",
    "invite.subject_new": "Uitnodiging: {title} op {date} om {time}",
    "invite.subject_update": "Gewijzigd: {title} op {date} om {time}",
    "invite.subject_cancel": "Geannuleerd: {title} van {date}",
    "invite.body_new": "Beste {name},\n\nU bent uitgenodigd voor {title} op {date} om {time}.",
    "invite.body_update": "Beste {name},\n\n{title} is gewijzigd: het is nu op {date} om {time}.",
    "invite.body_cancel": "Beste {name},\n\n{title} van {date} gaat niet door.",
    "invite.cancelled_note": "{title} van {date} gaat niet door.",
    "feeds.tokens": "Agendafeeds aangemaakt.",
    "feeds.line": "{gremium:<24} {url}",
    "calendar.cannot_write": "De kalenders konden niet in {dir} worden geschreven: {reason}; er is niets gewijzigd.",
    "calendar.written": "{path}",
    # -- the agenda rule ----------------------------------------------------------------------
    "agenda.no_open_meeting": (
        "Er staat geen stuurgroepvergadering in de agenda waarvan de documentroute nog open is, dus geef een datum "
    "(agenderen REF DATUM) of laat de staf een vergadering toevoegen."
    ),
    "agenda.late": (
        "Te laat voor de stuurgroep van {date}, want de documentroute begon op {deadline}: het voorstel gaat naar de "
    "volgende vergadering ({next}), tenzij de programmadirecteur het toelaat (agenderen REF {date} toelaten)."
    ),
    "agenda.meeting_cancelled": "De stuurgroep van {date} is geannuleerd; kies een andere datum.",
    "agenda.no_meeting": "Op {date} staat geen vergadering ({gremium}) in de agenda; zie 'vergaderingen {key}' "
    "voor de datums, en de staf voegt er een toe met 'vergadering {key} DATUM'.",
    "agenda.moved_items": "{count:agendapunt gaat|agendapunten gaan} naar de stuurgroep van {date}.",
    "agenda.orphaned": "{count:agendapunt heeft geen vergadering meer; agendeer het|"
    "agendapunten hebben geen vergadering meer; agendeer ze} opnieuw.",
    "agenda.header": "Agenda {title} {date} ({status})",
    "agenda.deadline": "Documentroute: stukken naar het coördinatieteam op {first}, naar de stuurgroep op {send}.",
    "agenda.item": "  {number}. {reference} {title} — {status}{mark}",
    "agenda.late_mark": " [te laat, toegelaten door {who}]",
    "agenda.empty": "  (nog geen agendapunten)",
    "agenda.spend_header": "Uitgaven buiten het mandaat, ter besluitvorming (besluit-uitgave REF ...):",
    "agenda.spend_item": "  - {reference} {amount}: {purpose}",
    "agenda.scheduled_late": "Let op: na de eerste termijn toegelaten; het staat als 'te laat' op de agenda.",
    "agenda.outside_calendar": "Let op: op {date} staat geen stuurgroepvergadering in de agenda van vaart.",
    "agenda.status_scheduled": "gepland",
    "agenda.status_moved": "verplaatst",
    "agenda.status_cancelled": "geannuleerd",
    # -- reminders and the documents package (scheduling/reminders.py) ---------------------------
    "reminder.subject_one": "Herinnering: {step} op {dates}",
    "reminder.subject_many": "{count:herinnering|herinneringen} voor de documentroute, de eerste stap op {date}",
    "reminder.body": "Beste {name},\n\nDe documentroute naar de stuurgroep vraagt uw aandacht:\n{lines}",
    "reminder.line": "- {step}: {dates} (stuurgroep van {meeting})",
    "reminder.late": "Deze herinnering komt te laat: ze had op {due} verstuurd moeten worden.",
    "package.subject": "Stukken stuurgroep {date} ({count:agendapunt|agendapunten})",
    "package.body": ("Beste {name},\n\nHierbij de stukken voor de stuurgroep van {date} (stap: {step}).\n\n{items}"),
    "package.item": "{number}. {reference} {title} ({type})",
    "package.late_item": "[te laat, toegelaten door {who}]",
    "package.advice": "Advies expertteam: {verdict}. Ontwikkeladvies: {advice}",
    "package.no_advice": "Nog geen advies van het expertteam.",
    "package.positive": "positief",
    "package.negative": "negatief",
    "package.empty": "Er staan nog geen voorstellen op de agenda.",
    "package.verdict": "Advies expertteam: {verdict}.",
    "package.more_items": "… en nog {count:agendapunt|agendapunten}: typ 'agenda {date}' in de chat.",
    "package.where": "Het volledige voorstel en advies van elk agendapunt: typ 'status REFERENTIE' in de chat; "
                     "de hele agenda: 'agenda {date}'.",
    "package.more_requests": "… en nog {count:verzoek|verzoeken}: typ 'mandaat {date}' in de chat voor de hele "
    "rapportage.",
    "worker.already_running": "Er draait al een vaart-worker op deze opslag; deze tweede start niet.",
    "worker.once": "Herinneringen: {reminders} verstuurd ({late} te laat). Berichten: {sent} bezorgd, {retried} later "
                   "opnieuw, {dead} onbestelbaar.",
    "worker.once_empty": "Er wacht niets meer in de outbox.",
    "worker.once_left": "Nog {count:bericht|berichten} in de outbox, niet eerder aan de beurt dan {first} "
                        "(opnieuw proberen of wachten op de limiet per minuut); 'vaart outbox list' toont ze.",
    "meetings.help": """Vergaderingen (Engelse namen tussen haakjes):
  vergaderingen [GREMIUM]                        de komende vergaderingen (meetings)
  route DATUM                                    de documentroute naar een stuurgroep
  agenda DATUM                                   de agenda van een stuurgroep
  agenderen REF [DATUM] [toelaten]               programmadirecteur: op de eerstvolgende open stuurgroep
  vergadering GREMIUM DATUM [UU:MM]              staf: een vergadering toevoegen (meeting)
  verplaats [GREMIUM] DATUM|UID NIEUWE-DATUM [UU:MM]   staf: verplaatsen (move)
  annuleer [GREMIUM] DATUM|UID                   staf: annuleren (cancel)""",
}
EN = {
    "route.invalid_date": (
        "'{value}' is not an existing date; give the day of the meeting as YYYY-MM-DD (year-month-day)."
    ),
    "route.title": "Document route to the stuurgroep of {date}",
    "route.col_step": "Step",
    "route.col_date": "Date",
    "route.or": "or",
    "route.at_meeting": "(meeting {title}, {start}-{end})",
    "route.moved": "moved from {from_date} to {to_date}: {reason}",
    "route.warning": "Note",
    "route.meeting_on_closed_day": ("{date} is not a working day ({reason}); choose a working day for the stuurgroep."),
    "route.not_in_calendar": "there is no stuurgroep meeting on {date} in the meeting calendar.",
    "route.no_regular_meeting": (
        "there is no regular meeting on {date} for the step '{step}'; plan that discussion separately."
    ),
    "route.step_order": "after moving, '{step}' comes before '{previous}'; check the order.",
    "calendar.invalid_year": "'{value}' is not a valid year; give a year from {low} to {high}.",
    "ics.description": "{title} of the {programme}.\nAgenda: {agenda}\nLocation: {location}",
    "ics.location_unknown": "follows with the invitation",
    "ics.agenda_unknown": "follows with the documents",
    "ics.week_only_summary": "{title} (week {week}, date to follow)",
    "ics.week_only_description": (
        "{title} of the {programme} in week {week}; the exact date follows.\nAgenda: {agenda}\nLocation: {location}"
    ),
    # -- meetings in the store -----------------------------------------------------------------
    "meeting.cancelled": "The meeting of {date} was cancelled and can no longer be changed; plan a new one with "
    "'meeting BODY DATE'.",
    "meeting.end_before_start": "The end ({end}) is not after the start ({start}); choose a later end.",
    "meeting.move_into_past": "{date} is in the past and a meeting can only move to the future, so choose a date "
    "after today.",
    "meeting.closed_day": "{date} is not a working day ({reason}); choose a working day.",
    "meeting.unchanged": "The meeting is already on {date} at that time; nothing changes.",
    "meeting.in_past": "The meeting of {date} has already taken place; choose a coming meeting ('meetings').",
    "meeting.unknown": "No meeting found for '{what}'; see 'meetings' for dates and UIDs.",
    "meeting.ambiguous": "Several bodies meet on {date} ({gremia}); name the body as well.",
    "meeting.unknown_gremium": "'{gremium}' is not a body; known: {known}.",
    "meeting.exists": "There already is a meeting of {gremium} on {date}; move it with 'move', or choose another "
    "date.",
    "meeting.wrong_role": "Planning, moving and cancelling meetings is for {roles}.",
    "meeting.bad_time": "'{value}' is not a time; write for example 10:00.",
    "meeting.added": "{title} on {date} at {time} is in the calendar ({invites:invitation|invitations} sent).",
    "meeting.moved": (
        "{title} moved from {from} to {to} at {time} (version {sequence}; "
        "{invites:updated invitation|updated invitations})."
    ),
    "meeting.cancelled_ok": "{title} of {date} is cancelled (version {sequence}; "
    "{invites:cancellation|cancellations}).",
    "meeting.route_passed": (
        "the first step of the document route to {date} was on {deadline} already; arrange the documents separately."
    ),
    "meetings.generated": (
        "Meetings {year}: {created} new in the store, {existing} were there already; {invites:invitation|invitations} "
        "sent."
    ),
    "meetings.none_in_year": "The meeting calendar gives no meeting at all in {year}.",
    "meetings.gremium_empty": "{gremium} has no meetings in {year} according to the calendar.",
    "meetings.header": "Upcoming meetings:",
    "meetings.none": "No upcoming meetings.",
    "meetings.line": "  {date} {time}  {title}{mark}   [{uid}]",
    "meetings.week_only": "week {week}, date to follow",
    "meetings.mark_moved": " (moved)",
    "meetings.mark_cancelled": " (CANCELLED)",
    "invite.no_attendees": "nobody in the people list belongs to {gremium}; no invitation was sent.",
    "invite.attendee_without_email": "{name} has no usable e-mail address ({email}) and was not invited.",
    "invite.week_only": "only the week is known for {gremium} in week {week}; invitations follow with the date.",
    "invite.agenda_link": "Agenda and documents: type 'agenda {date}' in the vaart chat.",
    "invite.subject_new": "Invitation: {title} on {date} at {time}",
    "invite.subject_update": "Changed: {title} on {date} at {time}",
    "invite.subject_cancel": "Cancelled: {title} of {date}",
    "invite.body_new": "Dear {name},\n\nYou are invited to {title} on {date} at {time}.",
    "invite.body_update": "Dear {name},\n\n{title} has changed: it is now on {date} at {time}.",
    "invite.body_cancel": "Dear {name},\n\n{title} of {date} will not take place.",
    "invite.cancelled_note": "{title} of {date} will not take place.",
    "feeds.tokens": "Calendar feeds created.",
    "feeds.line": "{gremium:<24} {url}",
    "calendar.cannot_write": "The calendars could not be written to {dir}: {reason}; nothing was changed.",
    "calendar.written": "{path}",
    # -- the agenda rule ----------------------------------------------------------------------
    "agenda.no_open_meeting": (
        "There is no stuurgroep meeting in the calendar whose document route is still open, so give a date (schedule "
    "REF DATE) or ask the staff to add a meeting."
    ),
    "agenda.late": (
        "Too late for the stuurgroep of {date}, as its document route started on {deadline}: the proposal goes to "
    "the next meeting ({next}) unless the programme director admits it (schedule REF {date} admit)."
    ),
    "agenda.meeting_cancelled": "The stuurgroep of {date} was cancelled; choose another date.",
    "agenda.no_meeting": "There is no meeting ({gremium}) on {date} in the calendar; see 'meetings {key}' for "
    "the dates, and the staff add one with 'meeting {key} DATE'.",
    "agenda.moved_items": "{count:agenda item goes|agenda items go} to the stuurgroep of {date}.",
    "agenda.orphaned": "{count:agenda item no longer has a meeting; schedule it|"
    "agenda items no longer have a meeting; schedule them} again.",
    "agenda.header": "Agenda {title} {date} ({status})",
    "agenda.deadline": "Document route: documents to the coordination team on {first}, to the stuurgroep on {send}.",
    "agenda.item": "  {number}. {reference} {title} — {status}{mark}",
    "agenda.late_mark": " [late, admitted by {who}]",
    "agenda.empty": "  (no agenda items yet)",
    "agenda.spend_header": "Spending outside the mandate, for decision (besluit-uitgave REF ...):",
    "agenda.spend_item": "  - {reference} {amount}: {purpose}",
    "agenda.scheduled_late": "Note: admitted after the first deadline; it is on the agenda as 'late'.",
    "agenda.outside_calendar": "Note: there is no stuurgroep meeting on {date} in vaart's calendar.",
    "agenda.status_scheduled": "planned",
    "agenda.status_moved": "moved",
    "agenda.status_cancelled": "cancelled",
    # -- reminders and the documents package -----------------------------------------------------
    "reminder.subject_one": "Reminder: {step} on {dates}",
    "reminder.subject_many": "{count:reminder|reminders} for the document route, the first step on {date}",
    "reminder.body": "Dear {name},\n\nThe document route to the stuurgroep needs your attention:\n{lines}",
    "reminder.line": "- {step}: {dates} (stuurgroep of {meeting})",
    "reminder.late": "This reminder is late: it should have been sent on {due}.",
    "package.subject": "Stuurgroep documents {date} ({count:agenda item|agenda items})",
    "package.body": "Dear {name},\n\nHere are the documents for the stuurgroep of {date} (step: {step}).\n\n{items}",
    "package.item": "{number}. {reference} {title} ({type})",
    "package.late_item": "[late, admitted by {who}]",
    "package.advice": "Expert team advice: {verdict}. Development advice: {advice}",
    "package.no_advice": "No advice from the expert team yet.",
    "package.positive": "positive",
    "package.negative": "negative",
    "package.empty": "There are no proposals on the agenda yet.",
    "package.verdict": "Expert team advice: {verdict}.",
    "package.more_items": "… and {count:more agenda item|more agenda items}: type 'agenda {date}' in the chat.",
    "package.where": "The full proposal and advice of each item: type 'status REFERENCE' in the chat; "
                     "the whole agenda: 'agenda {date}'.",
    "package.more_requests": "… and {count:more request|more requests}: type 'mandaat {date}' in the chat for the full "
    "report.",
    "worker.already_running": "A vaart worker is already running on this store; this second one does not start.",
    "worker.once": "Reminders: {reminders} sent ({late} late). Messages: {sent} delivered, {retried} to try again, "
                   "{dead} undeliverable.",
    "worker.once_empty": "Nothing is waiting in the outbox.",
    "worker.once_left": "{count:message|messages} still in the outbox, none due before {first} (a retry, or waiting "
    "for "
                        "the limit per minute); 'vaart outbox list' shows them.",
    "meetings.help": """Meetings:
  meetings [BODY]                                upcoming meetings (vergaderingen)
  route DATE                                     the document route to a stuurgroep
  agenda DATE                                    the agenda of a stuurgroep
  schedule REF [DATE] [admit]                    programme director: on the next open stuurgroep
  meeting BODY DATE [HH:MM]                      staff: add a meeting (vergadering)
  move [BODY] DATE|UID NEW-DATE [HH:MM]          staff: move a meeting (verplaats)
  cancel [BODY] DATE|UID                         staff: cancel a meeting (annuleer)""",
}
