"""Wording of the conversation itself: `status` for every kind of reference, the guided dialogs'
way out and back, the welcome of a first contact."""

NL: dict[str, str] = {
    # status: a reference of no known shape
    "status.unknown_reference": "Ik herken '{reference}' niet als referentie (referenties zien eruit als: "
    "{examples}); typ 'mijn' voor uw ideeën en taken.",
    # status of a spend request
    "status.spend.header": "Uitgaveverzoek {reference}: {purpose}",
    "status.spend.facts": "Bedrag {amount} ({kind}), begrotingsregel {line}; aangevraagd door {requester} op {date}.",
    "status.spend.for_idea": "Voor idee {idea}.",
    "status.spend.state": "Stand: {state}.",
    "status.spend.next.requested": "Wat nu: de programmadirecteur beslist (goedkeuren {reference} of "
    "afwijzen {reference} REDEN).",
    "status.spend.next.to_stuurgroep": "Wat nu: het verzoek valt buiten het mandaat; de stuurgroep besluit in "
    "haar eerstvolgende vergadering en de staf legt dat vast (besluit-uitgave {reference} ...).",
    "status.spend.next.approved": "Goedgekeurd door {who} op {date} ({via}); het bedrag is geboekt. Er hoeft "
    "niemand meer iets te doen.",
    "status.spend.next.rejected": "Afgewezen door {who} op {date}: {reason}. Wie het anders wil, dient een nieuw "
    "verzoek in (uitgave BEDRAG OMSCHRIJVING).",
    "status.spend.via.mandaat": "binnen het mandaat",
    "status.spend.via.stuurgroep": "besluit van de stuurgroep",
    "status.spend.via.leden": "besluit van elk deelnemend bestuur afzonderlijk",
    "status.spend.referred_because": "Waarom buiten het mandaat: {reasons}.",
    "status.spend.reason.budget.mandate.limit": "het bedrag is niet lager dan de mandaatgrens",
    "status.spend.reason.budget.mandate.excluded_kind": "deze soort valt niet onder het mandaat",
    "status.spend.reason.budget.mandate.splitting": "samen met verzoeken voor hetzelfde doel komt het niet onder "
    "de mandaatgrens (mogelijk opgeknipt)",
    "status.spend.reason.budget.mandate.own_request": "de programmadirecteur beslist niet over een eigen verzoek",
    "status.spend.reason.budget.mandate.no_room": "op de begrotingsregel is te weinig ruimte",
    "status.spend.reason.budget.mandate.project_stage": "het is voor een idee dat een project, programma of "
    "experiment is",
    "status.spend.not_visible": "Uitgaveverzoeken zijn te zien voor wie in het personenbestand staat; "
    "vraag de staf u toe te voegen, of volg uw idee met 'status' en het ideenummer.",
    # status of a decision
    "status.decision.header": "Besluit {number} van de stuurgroep, {date}: {subject}",
    "status.decision.about.idea": "Over idee {reference}.",
    "status.decision.about.spend": "Over uitgaveverzoek {reference}.",
    "status.decision.outcome": "Uitkomst: {outcome}{amount}.",
    "status.decision.amount": ", {amount}",
    "status.decision.considerations": "Overwegingen: {considerations}",
    "status.decision.conditions": "Voorwaarden: {conditions}",
    "status.decision.next": "Wat nu: {next}",
    "status.decision.next_spend": "het besluit is vastgelegd; zie 'status {reference}' voor het verzoek.",
    "status.decision.unknown": "Ik ken geen besluit '{number}'; typ 'besluiten' voor het besluitenregister.",
    # status of a meeting
    "status.meeting.header": "{title}, {date} om {time} ({status}).",
    "status.meeting.header_week": "{title}, week {week} (datum volgt; {status}).",
    "status.meeting.route": "Stukken naar het coördinatieteam uiterlijk {first}, naar de stuurgroep {send}.",
    "status.meeting.items": "Op de agenda: {count:punt|punten}; 'agenda {day}' toont ze.",
    "status.meeting.next.open": "Wat nu: de programmadirecteur agendeert voorstellen tot {first} (agenderen REF); "
    "de staf verstuurt de stukken en de uitnodigingen.",
    "status.meeting.next.planned": "Wat nu: de staf verstuurt de uitnodiging; verplaatsen of annuleren kan met "
    "'verplaats' of 'annuleer' (staf).",
    "status.meeting.next.past": "Deze vergadering is geweest; 'vergaderingen' toont de volgende.",
    "status.meeting.next.cancelled": "Deze vergadering is geannuleerd; 'vergaderingen' toont de volgende.",
    "status.meeting.assumed": "De datum volgt uit een aanname in de vergaderplanning; de staf bevestigt hem.",
    # status of an objection and of an escalation (the cycle's references)
    "status.objection.header": "Bezwaar {reference} tegen besluit {number} ({kind}), ingediend door {by} op {date}:",
    "status.objection.handling": "Behandeling: {handling}",
    "status.objection.next.ingediend": "Wat nu: het bezwaar ligt bij {routed}; de staf legt de behandeling vast "
    "(bezwaar-afhandeling {reference} TEKST [| uitkomst: ...]).",
    "status.objection.next.in_behandeling": "Wat nu: het bezwaar is in behandeling bij {routed}; de staf legt de "
    "uitkomst vast (bezwaar-afhandeling {reference} TEKST | uitkomst: ...).",
    "objection.routed.stuurgroep": "de stuurgroep",
    "objection.routed.leden": "de colleges die besloten",
    "objection.routed.meeting": "de stuurgroep van {date}",
    "status.objection.next.afgehandeld": "Afgehandeld op {date}: {outcome}. Er hoeft niemand meer iets te doen.",
    "status.escalation.header": "Escalatie {reference} over {subject}, door {by} op {date}: {reason}",
    "status.escalation.header_plain": "Escalatie {reference} over {subject}, door {by} op {date}.",
    "status.escalation.next.open": "Wat nu: de ambtelijk facilitators zoeken een uitweg; een van hen legt de "
    "uitkomst vast (escalatie {reference} uitkomst TEKST).",
    "status.escalation.next.afgehandeld": "Afgehandeld op {date}: {outcome}. Er hoeft niemand meer iets te doen.",
    # guided dialogs: the way out and back
    "chat.dialog_command": (
        "U zit midden in {what} (vraag {number} van {total}); '{command}' lijkt een commando, dus typ 'annuleer' om "
        "eerst te stoppen, of typ het nog eens als het echt uw antwoord is."
    ),
    "chat.dialog_back": "Terug naar de vorige vraag.",
    "chat.dialog_first": "Dit is de eerste vraag; typ 'annuleer' om te stoppen.",
    "dialog.idea": "het indienen van een idee",
    "dialog.advice": "het vastleggen van een advies",
    # first contact
    "chat.welcome_guest": "Welkom bij vaart, het virtueel punt van {programme}: hier dient "
    "iedereen (gemeente, bedrijf, school, zorgorganisatie of inwoner) een idee in, en het kernteam pakt het op. "
    "Typ 'idee' en beantwoord de vragen, of typ 'help' voor wat u verder kunt.",
    "chat.welcome_involved": "U volgt hier al {count:idee|ideeën} ({references}); typ 'mijn' voor de stand van "
    "zaken.",
}

EN: dict[str, str] = {
    "status.unknown_reference": "I do not recognise '{reference}' as a reference (references look like: {examples}); "
    "type 'mine' for your ideas and tasks.",
    "status.spend.header": "Spend request {reference}: {purpose}",
    "status.spend.facts": "Amount {amount} ({kind}), budget line {line}; requested by {requester} on {date}.",
    "status.spend.for_idea": "For idea {idea}.",
    "status.spend.state": "State: {state}.",
    "status.spend.next.requested": "Next: the programme director decides (approve {reference} or "
    "reject {reference} REASON).",
    "status.spend.next.to_stuurgroep": "Next: the request is outside the mandate; the steering group decides in "
    "its next meeting and the staff record it (decide-spend {reference} ...).",
    "status.spend.next.approved": "Approved by {who} on {date} ({via}); the amount is booked. Nobody needs to "
    "do anything more.",
    "status.spend.next.rejected": "Rejected by {who} on {date}: {reason}. To try otherwise, submit a new request "
    "(spend AMOUNT DESCRIPTION).",
    "status.spend.via.mandaat": "within the mandate",
    "status.spend.via.stuurgroep": "steering group decision",
    "status.spend.via.leden": "decision of each member body separately",
    "status.spend.referred_because": "Why outside the mandate: {reasons}.",
    "status.spend.reason.budget.mandate.limit": "the amount is not below the mandate limit",
    "status.spend.reason.budget.mandate.excluded_kind": "this kind is not covered by the mandate",
    "status.spend.reason.budget.mandate.splitting": "together with requests for the same purpose it is not below "
    "the mandate limit (possibly split up)",
    "status.spend.reason.budget.mandate.own_request": "the programme director does not decide on their own request",
    "status.spend.reason.budget.mandate.no_room": "there is too little room on the budget line",
    "status.spend.reason.budget.mandate.project_stage": "it is for an idea that is a project, programme or "
    "experiment",
    "status.spend.not_visible": "Spend requests are visible to people in the register; ask the staff to add "
    "you, or follow your idea with 'status' and the idea's number.",
    "status.decision.header": "Decision {number} of the steering group, {date}: {subject}",
    "status.decision.about.idea": "On idea {reference}.",
    "status.decision.about.spend": "On spend request {reference}.",
    "status.decision.outcome": "Outcome: {outcome}{amount}.",
    "status.decision.amount": ", {amount}",
    "status.decision.considerations": "Considerations: {considerations}",
    "status.decision.conditions": "Conditions: {conditions}",
    "status.decision.next": "Next: {next}",
    "status.decision.next_spend": "the decision is recorded; see 'status {reference}' for the request.",
    "status.decision.unknown": "I know no decision '{number}'; type 'decisions' for the decision register.",
    "status.meeting.header": "{title}, {date} at {time} ({status}).",
    "status.meeting.header_week": "{title}, week {week} (date to follow; {status}).",
    "status.meeting.route": "Documents to the coordination team by {first}, to the steering group by {send}.",
    "status.meeting.items": "On the agenda: {count:item|items}; 'agenda {day}' shows them.",
    "status.meeting.next.open": "Next: the programme director schedules proposals until {first} (schedule REF); "
    "the staff send the documents and the invitations.",
    "status.meeting.next.planned": "Next: the staff send the invitation; moving or cancelling is done with "
    "'move' or 'cancel' (staff).",
    "status.meeting.next.past": "This meeting has taken place; 'meetings' shows the next ones.",
    "status.meeting.next.cancelled": "This meeting was cancelled; 'meetings' shows the next ones.",
    "status.meeting.assumed": "The date follows from an assumption in the meeting plan; the staff confirm it.",
    "status.objection.header": "Objection {reference} against decision {number} ({kind}), filed by {by} on {date}:",
    "status.objection.handling": "Handling: {handling}",
    "status.objection.next.ingediend": "Next: the objection lies with {routed}; the staff record its handling "
    "(objection-handling {reference} TEXT [| outcome: ...]).",
    "status.objection.next.in_behandeling": "Next: the objection is being handled by {routed}; the staff record "
    "the outcome (objection-handling {reference} TEXT | outcome: ...).",
    "objection.routed.stuurgroep": "the steering group",
    "objection.routed.leden": "the councils that decided",
    "objection.routed.meeting": "the steering group of {date}",
    "status.objection.next.afgehandeld": "Handled on {date}: {outcome}. Nobody needs to do anything more.",
    "status.escalation.header": "Escalation {reference} about {subject}, by {by} on {date}: {reason}",
    "status.escalation.header_plain": "Escalation {reference} about {subject}, by {by} on {date}.",
    "status.escalation.next.open": "Next: the civil-service facilitators look for a way out; one of them records "
    "the outcome (escalation {reference} outcome TEXT).",
    "status.escalation.next.afgehandeld": "Handled on {date}: {outcome}. Nobody needs to do anything more.",
    "chat.dialog_command": (
        "You are in the middle of {what} (question {number} of {total}); '{command}' looks like a command, so type "
        "'cancel' to stop first, or type it again if it really is your answer."
    ),
    "chat.dialog_back": "Back to the previous question.",
    "chat.dialog_first": "This is the first question; type 'cancel' to stop.",
    "dialog.idea": "submitting an idea",
    "dialog.advice": "recording an advice",
    "chat.welcome_guest": "Welcome to vaart, the virtual desk (virtueel punt) of {programme}: "
    "anyone (municipality, company, school, care organisation or resident) submits an idea here, and the core "
    "team picks it up. Type 'idea' and answer the questions, or type 'help' for what else you can do.",
    "chat.welcome_involved": "You already follow {count:idea|ideas} here ({references}); type 'mine' to see where "
    "things stand.",
}
