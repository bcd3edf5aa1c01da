"""Wording of the programme cycle: progress per reporting moment (§5), the subsidie-beschikking
(§3.1) and the communicatiekalender (§7)."""

from __future__ import annotations

NL: dict[str, str] = {
    # -- progress per reporting moment ----------------------------------------------------------
    "progress.recorded": "Voortgang van {reference} vastgelegd voor rapportagemoment {moment} (besteed tot nu "
    "toe: {spent}).",
    "progress.moment.malformed": "'{text}' is geen rapportagemoment; schrijf het als JJJJ-MM, bijvoorbeeld 2027-03.",
    "progress.moment.not_configured": "{moment} is geen rapportagemoment: het programmabestand noemt de maanden "
    "{months} (gebruik JJJJ-MM met een van die maanden).",
    "progress.moment.outside_period": "{moment} valt buiten de looptijd van het programma ({first}-{last}, §8).",
    "progress.moment.none_open": "Er is nu geen rapportagemoment open; noem er een, bijvoorbeeld 2027-03.",
    "progress.moment.closed": "Voor rapportagemoment {moment} wordt nu geen voortgang vastgelegd: het is nog niet "
    "gevraagd of het volgende moment is al begonnen (zie 'voortgang-overzicht').",
    "progress.not_running": "{reference} is geen lopend project (status: {status}), dus er wordt geen voortgang voor "
    "vastgelegd (zie 'status {reference}').",
    "progress.unknown_project": "{reference} is geen lopend project en staat niet in de begroting, dus er wordt geen "
    "voortgang voor vastgelegd (zie 'status').",
    "progress.not_allowed": "Voortgang van {reference} leggen de regisseur, de penvoerder, het ontwerpteam, het "
    "kernteam, de staf of de programmadirecteur vast; vraag een van hen.",
    "progress.usage": "Gebruik: voortgangsrapport REF [TEKST | mijlpalen: ... | besteed: 12.500 | risico: ... | "
    "moment: 2027-03]; zonder tekst vraagt de bot het stap voor stap.",
    "progress.form.text": "Wat is de voortgang van {reference} per {moment}? (één of enkele alinea's)",
    "progress.form.milestones": "Welke resultaten en mijlpalen zijn bereikt?{hint}",
    "progress.form.hint": "\nUit het voorstel: {parts}",
    "progress.form.spent": "Hoeveel is er tot nu toe besteed? (bijvoorbeeld 12.500)",
    "progress.form.risks": "Welke risico's of knelpunten zijn er?",
    "progress.form.title": "Voortgang {reference} per {moment}",
    "progress.form.field.text": "Voortgang",
    "progress.form.field.milestones": "Bereikte resultaten en mijlpalen",
    "progress.form.field.spent": "Besteed tot nu toe (bijvoorbeeld 12.500)",
    "progress.form.field.risks": "Risico's en knelpunten",
    "progress.ask.subject": "Voortgang gevraagd: {reference} per {moment}",
    "progress.ask": "Het rapportagemoment {moment} komt eraan. Wil je de voortgang van {reference} {title} "
    "(penvoerder {penvoerder}) doorgeven: voortgang, bereikte mijlpalen, besteed bedrag tot nu toe en risico's?\n"
    "Typ in de chat: voortgangsrapport {reference}",
    "progress.remind.subject": "Herinnering: voortgang van {reference} per {moment}",
    "progress.remind": "We hebben nog geen voortgang van {reference} {title} ontvangen voor {moment}. Wil je die "
    "alsnog doorgeven? Typ in de chat: voortgangsrapport {reference}",
    "progress.tell.subject": "Voortgang per {moment}: {count:project|projecten} zonder rapportage",
    "progress.tell": "Na de vraag en één herinnering hebben deze lopende projecten voor {moment} geen voortgang "
    "doorgegeven ({count}):\n{listed}\n\nHet overzicht: voortgang-overzicht {key}",
    "progress.tell.item": "- {reference} {title} (penvoerder {penvoerder})",
    "progress.tell.more": "… en nog {count} meer (zie voortgang-overzicht)",
    "progress.tell.nobody": "(geen: iedereen heeft gerapporteerd)",
    "progress.tell.no_person": "[geen bekende persoon: het kernteam is gevraagd]",
    "progress.ask_kernteam.subject": "Voortgang gevraagd per {moment}: {count:project|projecten} zonder bekende "
    "persoon",
    "progress.ask_kernteam": "Het rapportagemoment {moment} komt eraan. Van deze lopende projecten uit de "
    "ingelezen projecttabel kent vaart geen regisseur of persoon van de penvoerder, dus vragen we het kernteam "
    "de voortgang door te geven ({count}):\n{listed}\n\nTyp in de chat: voortgangsrapport REF",
    "progress.remind_kernteam.subject": "Herinnering: voortgang per {moment} van {count:project|projecten} zonder "
    "bekende persoon",
    "progress.remind_kernteam": "Van deze lopende projecten zonder bekende persoon hebben we voor {moment} nog "
    "geen voortgang ontvangen ({count}):\n{listed}\n\nTyp in de chat: voortgangsrapport REF",
    "progress.report.title": "VOORTGANG PER {moment} (per {by})",
    "progress.report.project": "PROJECT",
    "progress.report.penvoerder": "PENVOERDER",
    "progress.report.line": "Voortgang per {moment}: {text}",
    "progress.report.none": "Voortgang per {moment}: geen rapportage ontvangen",
    "progress.report.none_kernteam": "Voortgang per {moment}: geen rapportage ontvangen (geen bekende persoon van "
    "de penvoerder, het kernteam is gevraagd)",
    "progress.report.group_total": "Totaal {kind} {group}",
    "progress.report.total": "Totaal",
    "progress.report.counts": "{reported:project|projecten} met rapportage, {missing} zonder.",
    "progress.report.empty": "Er staan nog geen projecten in de begroting, dus er is nog geen voortgang om te tonen.",
    "progress.report.sheet": "Voortgang",
    "progress.report.by.pijler": "Pijler",
    "progress.report.by.programmalijn": "Programmalijn",
    "progress.report.by.penvoerder": "Penvoerder",
    "progress.report.written": "Het overzicht staat in {path}.",
    # -- the subsidie-beschikking ----------------------------------------------------------------
    "beschikking.only_staf": "Een beschikking of realisatie legt de staf (controller) vast.",
    "beschikking.unknown_project": "{reference} staat niet als project in de begroting: er is geen toekenning om een "
    "beschikking tegenover te zetten (zie 'beschikkingen').",
    "beschikking.not_decided": "{reference} heeft nog geen akkoord van de stuurgroep (status: {status}); een "
    "beschikking volgt pas na akkoord (§3.1, zie 'status {reference}').",
    "beschikking.no_allocation": "Aan {reference} is geen bedrag toegekend, dus er is geen beschikking mogelijk.",
    "beschikking.above_allocation": "Een beschikking van {amount} voor {reference} is meer dan de toekenning "
    "({allocated}); dat wordt niet vastgelegd, want een hoger bedrag vraagt eerst een besluit van de stuurgroep over "
    "de toekenning.",
    "beschikking.exists": "Voor {reference} is al een beschikking vastgelegd (zie 'beschikkingen').",
    "beschikking.date_outside": "{date} valt buiten de looptijd van het programma ({first}-{last}, §8).",
    "beschikking.date_future": "De beschikkingsdatum {date} ligt in de toekomst; leg de beschikking vast als ze is "
    "afgegeven.",
    "beschikking.missing": "Voor {reference} is nog geen beschikking vastgelegd; leg die eerst vast, want "
    "realisaties worden daartegenover geboekt ('beschikking {reference} DATUM BEDRAG KENMERK').",
    "beschikking.realisation_above": "Een realisatie van {amount} gaat boven de beschikking van {reference} uit (nog "
    "{left} over); dat wordt niet geboekt, dus boek hoogstens het restant of leg eerst een gewijzigde beschikking "
    "vast.",
    "beschikking.no_line": "{reference} hoort bij geen begrotingsregel, dus er kan niets op worden geboekt; vraag de "
    "staf het project eerst aan een regel te koppelen.",
    "beschikking.recorded": "Beschikking voor {reference} vastgelegd: {amount} (kenmerk {kenmerk}; toegekend "
    "{allocated}).",
    "beschikking.realised": "Realisatie van {amount} geboekt op {reference}; van de beschikking resteert {left}.",
    "beschikking.usage": "beschikking REF DATUM BEDRAG KENMERK",
    "realisation.usage": "realisatie REF BEDRAG [OMSCHRIJVING]",
    "beschikking.list.title": "Projecten: toegekend, beschikt, gerealiseerd en resterend",
    "beschikking.list.line": "{reference} {name}: toegekend {allocated}, beschikt {beschikt}, gerealiseerd "
    "{realised}, resterend {remaining}",
    "beschikking.list.none": "geen beschikking",
    "beschikking.list.totals": "Totaal: toegekend {allocated}, beschikt {beschikt}, gerealiseerd {realised}, "
    "resterend van de beschikkingen {remaining}",
    "beschikking.list.empty": "Er staan geen projecten in de begroting.",
    "pages.next.beschikkingen": "beschikkingen na {after}",
    # -- the communicatiekalender ----------------------------------------------------------------
    "communication.only_role": "De communicatiekalender beheert de {role} (§7); vraag de {role} het bericht te "
    "plannen.",
    "communication.audience.unknown": "'{audience}' is geen doelgroep; kies een gremium ({roles}), 'indieners', "
    "'kanaal:adres@voorbeeld.nl', 'kanaal:slack:#naam' of 'kanaal:teams:naam'.",
    "communication.audience.chat_only": "Kanaal '{audience}' is een chatkanaal, dus het bericht gaat via chat en "
    "niet via {channel}; plan het met KANAAL chat, er is niets gepland.",
    "communication.channel.unknown": "'{channel}' is geen kanaal; kies uit {options}.",
    "communication.in_past": "{date} ligt niet in de toekomst; plan het bericht op een later moment.",
    "communication.outside_period": "{date} valt buiten de looptijd van het programma ({first}-{last}, §8).",
    "communication.unknown": "Er is geen bericht {reference} in de communicatiekalender (zie 'communicatie' voor de "
    "nummers).",
    "communication.not_planned": "{reference} is al {state}; alleen een gepland bericht wordt verplaatst of "
    "geannuleerd (zie 'communicatie alles').",
    "communication.planned": "Gepland als {reference}: {when} via {channel} aan {audience}.",
    "communication.moved": "{reference} verplaatst naar {when}.",
    "communication.cancelled": "{reference} geannuleerd; het wordt niet verstuurd.",
    "communication.usage": "communicatie plan DATUM [UU:MM] KANAAL DOELGROEP | tekst; communicatie [alles] [na "
    "C-N]; communicatie verplaats C-N DATUM [UU:MM]; communicatie annuleer C-N",
    "communication.list.title": "Communicatiekalender",
    "communication.list.line": "{reference} {when} {channel} aan {audience} ({status}): {text}",
    "communication.list.empty": "Er staan geen berichten gepland.",
    "communication.message.subject": "Bericht van het programma Regio Deal",
    "communication.message": "{text}",
    "pages.next.communication": "communicatie na {after}",
    "pages.next.communication_all": "communicatie alles na {after}",
    "digest.subject": "Overzicht van {date}: {count:statuswijziging|statuswijzigingen}",
    "digest.body": "Om je niet met losse berichten te overladen staan de statuswijzigingen van {date} hier bij "
    "elkaar ({count}). Taken en besluiten krijg je altijd meteen.\n\n{listed}",
    # -- the documents package of a stuurgroep meeting -------------------------------------------
    "package.objections.title": "Bezwaren tegen besluiten op deze agenda (inhoud, §3.1):",
    "package.objections.line": "- {reference} tegen {number} ({status}, ingediend {date}): {text}",
    "package.objections.none": "Er staan geen open bezwaren op deze agenda.",
    "package.objections.more": "… en nog {count:bezwaar|bezwaren}: 'bezwaren' toont ze allemaal.",
    "package.progress.title": "Voortgang van lopende projecten sinds {since}:",
    "package.progress.line": "- {reference} ({moment}): {text} Besteed: {spent}. Risico's: {risks}",
    "package.progress.none": "Sinds {since} is geen voortgang gerapporteerd.",
    "package.progress.more": "… en nog {count:rapportage|rapportages}: voortgang-overzicht JJJJ-MM toont ze allemaal.",
    "package.finance.title": "Financieel beeld (programmadirecteur, §6):",
    "package.finance.begroting": "Begroting {begroting}; toegekend {committed}; beschikt {beschikt}; "
    "gerealiseerd {realised}.",
    "package.finance.prognosis": "Prognose: als al het toegekende wordt besteed, is dat {expected}, waarvan nog "
    "{open} te besteden; vrij in de begroting: {free}.",
    "package.finance.vat": "Uitvoeringskosten (VAT): begroot {budgeted}, plafond {cap}; besteed {spent}, volgens "
    "het jaarplan tot en met {year} {planned}; ruimte onder het plafond {room}.",
}

EN: dict[str, str] = {
    "progress.recorded": "Progress of {reference} recorded for reporting moment {moment} (spent so far: {spent}).",
    "progress.moment.malformed": "'{text}' is not a reporting moment; write it as YYYY-MM, for example 2027-03.",
    "progress.moment.not_configured": "{moment} is not a reporting moment: the programme file names the months "
    "{months} (give it as YYYY-MM with one of those months).",
    "progress.moment.outside_period": "{moment} lies outside the programme period ({first}-{last}, §8).",
    "progress.moment.none_open": "No reporting moment is open now; name one, for example 2027-03.",
    "progress.moment.closed": "No progress is recorded for reporting moment {moment} now: it has not been asked yet "
    "or the next moment has already begun (see 'progress-overview').",
    "progress.not_running": "{reference} is not a running project (status: {status}), so no progress is recorded for "
    "it (see 'status {reference}').",
    "progress.unknown_project": "{reference} is not a running project and is not in the budget, so no progress is "
    "recorded for it (see 'status').",
    "progress.not_allowed": "Progress of {reference} is recorded by its regisseur, penvoerder or design team, the "
    "core team, the staff or the programme director; ask one of them.",
    "progress.usage": "Usage: progress-report REF [TEXT | milestones: ... | spent: 12.500 | risks: ... | moment: "
    "2027-03]; without a text the bot asks step by step.",
    "progress.form.text": "What is the progress of {reference} as of {moment}? (one or a few paragraphs)",
    "progress.form.milestones": "Which results and milestones have been reached?{hint}",
    "progress.form.hint": "\nFrom the proposal: {parts}",
    "progress.form.spent": "How much has been spent so far? (for example 12.500)",
    "progress.form.risks": "Which risks or bottlenecks are there?",
    "progress.form.title": "Progress {reference} as of {moment}",
    "progress.form.field.text": "Progress",
    "progress.form.field.milestones": "Results and milestones reached",
    "progress.form.field.spent": "Spent so far (for example 12.500)",
    "progress.form.field.risks": "Risks and bottlenecks",
    "progress.ask.subject": "Progress requested: {reference} as of {moment}",
    "progress.ask": "Reporting moment {moment} is coming up. Please report the progress of {reference} {title} "
    "(penvoerder {penvoerder}): progress, milestones reached, money spent so far and risks.\n"
    "Type in the chat: progress-report {reference}",
    "progress.remind.subject": "Reminder: progress of {reference} as of {moment}",
    "progress.remind": "We have not received the progress of {reference} {title} for {moment} yet. Please report "
    "it. Type in the chat: progress-report {reference}",
    "progress.tell.subject": "Progress as of {moment}: {count:project|projects} without a report",
    "progress.tell": "After the request and one reminder these running projects have not reported for {moment} "
    "({count}):\n{listed}\n\nThe overview: progress-overview {key}",
    "progress.tell.item": "- {reference} {title} (penvoerder {penvoerder})",
    "progress.tell.more": "… and {count} more (see progress-overview)",
    "progress.tell.nobody": "(none: everyone has reported)",
    "progress.tell.no_person": "[no known person: the core team was asked]",
    "progress.ask_kernteam.subject": "Progress requested as of {moment}: {count:project|projects} without a known "
    "person",
    "progress.ask_kernteam": "Reporting moment {moment} is coming up. For these running projects of the imported "
    "project table vaart knows no regisseur nor anyone of the lead partner, so we ask the core team to report "
    "their progress ({count}):\n{listed}\n\nType in the chat: progress-report REF",
    "progress.remind_kernteam.subject": "Reminder: progress as of {moment} of {count:project|projects} without a known "
    "person",
    "progress.remind_kernteam": "For these running projects without a known person we have not received the "
    "progress for {moment} yet ({count}):\n{listed}\n\nType in the chat: progress-report REF",
    "progress.report.title": "PROGRESS AS OF {moment} (by {by})",
    "progress.report.project": "PROJECT",
    "progress.report.penvoerder": "LEAD PARTNER",
    "progress.report.line": "Progress as of {moment}: {text}",
    "progress.report.none": "Progress as of {moment}: no report received",
    "progress.report.none_kernteam": "Progress as of {moment}: no report received (no known person of the lead "
    "partner, the core team was asked)",
    "progress.report.group_total": "Total {kind} {group}",
    "progress.report.total": "Total",
    "progress.report.counts": "{reported:project|projects} with a report, {missing} without.",
    "progress.report.empty": "There are no projects in the budget yet, so there is no progress to show.",
    "progress.report.sheet": "Progress",
    "progress.report.by.pijler": "Pillar",
    "progress.report.by.programmalijn": "Programme line",
    "progress.report.by.penvoerder": "Lead partner",
    "progress.report.written": "The overview is in {path}.",
    "beschikking.only_staf": "A beschikking or realisation is recorded by the staff (controller); ask them to record "
    "it.",
    "beschikking.unknown_project": "{reference} is not a project in the budget: there is no allocation to set a "
    "beschikking against (see 'project-money').",
    "beschikking.not_decided": "{reference} has no approval of the steering group yet (status: {status}); a "
    "beschikking follows only after approval (§3.1, see 'status {reference}').",
    "beschikking.no_allocation": "{reference} has no amount allocated, so no beschikking is possible.",
    "beschikking.above_allocation": "A beschikking of {amount} for {reference} is more than its allocation "
    "({allocated}); it is not recorded, as a higher amount needs a steering group decision on the allocation first.",
    "beschikking.exists": "A beschikking has already been recorded for {reference} (see 'project-money').",
    "beschikking.date_outside": "{date} lies outside the programme period ({first}-{last}, §8).",
    "beschikking.date_future": "The date of the beschikking, {date}, lies in the future; record it once it is issued.",
    "beschikking.missing": "No beschikking has been recorded for {reference} yet; record it first, as realisations "
    "are booked against it ('beschikking {reference} DATE AMOUNT KENMERK').",
    "beschikking.realisation_above": "A realisation of {amount} goes beyond the beschikking of {reference} ({left} "
    "left); it is not booked, so book at most what is left or record an amended beschikking first.",
    "beschikking.no_line": "{reference} belongs to no budget line, so nothing can be booked on it; ask the staff to "
    "link the project to a line first.",
    "beschikking.recorded": "Beschikking for {reference} recorded: {amount} (kenmerk {kenmerk}; allocated "
    "{allocated}).",
    "beschikking.realised": "Realisation of {amount} booked on {reference}; {left} of the beschikking remains.",
    "beschikking.usage": "beschikking REF DATE AMOUNT KENMERK",
    "realisation.usage": "realisation REF AMOUNT [DESCRIPTION]",
    "beschikking.list.title": "Projects: allocated, beschikt, realised and remaining",
    "beschikking.list.line": "{reference} {name}: allocated {allocated}, beschikt {beschikt}, realised {realised}, "
    "remaining {remaining}",
    "beschikking.list.none": "no beschikking",
    "beschikking.list.totals": "Total: allocated {allocated}, beschikt {beschikt}, realised {realised}, remaining "
    "of the beschikkingen {remaining}",
    "beschikking.list.empty": "There are no projects in the budget.",
    "pages.next.beschikkingen": "beschikkingen after {after}",
    "communication.only_role": "The communication calendar is kept by the {role} (§7); ask the {role} to plan the "
    "message.",
    "communication.audience.unknown": "'{audience}' is no audience; choose a body ({roles}), 'indieners', "
    "'kanaal:address@example.org', 'kanaal:slack:#name' or 'kanaal:teams:name'.",
    "communication.audience.chat_only": "Channel '{audience}' is a chat channel, so the message goes by chat, not "
    "by {channel}; plan it with channel chat, nothing was planned.",
    "communication.channel.unknown": "'{channel}' is no channel; choose from {options}.",
    "communication.in_past": "{date} is not in the future; plan the message for a later moment.",
    "communication.outside_period": "{date} lies outside the programme period ({first}-{last}, §8).",
    "communication.unknown": "There is no message {reference} in the communication calendar (see 'communicatie' for "
    "the numbers).",
    "communication.not_planned": "{reference} is already {state}; only a planned message is moved or cancelled (see "
    "'communicatie alles').",
    "communication.planned": "Planned as {reference}: {when} by {channel} to {audience}.",
    "communication.moved": "{reference} moved to {when}.",
    "communication.cancelled": "{reference} cancelled; it will not be sent.",
    "communication.usage": "communication plan DATE [HH:MM] CHANNEL AUDIENCE | text; communication [all] [after "
    "C-N]; communication move C-N DATE [HH:MM]; communication cancel C-N",
    "communication.list.title": "Communication calendar",
    "communication.list.line": "{reference} {when} {channel} to {audience} ({status}): {text}",
    "communication.list.empty": "No messages are planned.",
    "communication.message.subject": "A message from the Regio Deal programme",
    "communication.message": "{text}",
    "pages.next.communication": "communication after {after}",
    "pages.next.communication_all": "communication all after {after}",
    "digest.subject": "Overview of {date}: {count:status change|status changes}",
    "digest.body": "So as not to flood you with single messages, the status changes of {date} are gathered "
    "here ({count}). Tasks and decisions always reach you at once.\n\n{listed}",
    "package.objections.title": "Objections to decisions on this agenda (content, §3.1):",
    "package.objections.line": "- {reference} against {number} ({status}, filed {date}): {text}",
    "package.objections.none": "There are no open objections on this agenda.",
    "package.objections.more": "… and {count:more objection|more objections}: 'objections' shows them all.",
    "package.progress.title": "Progress of running projects since {since}:",
    "package.progress.line": "- {reference} ({moment}): {text} Spent: {spent}. Risks: {risks}",
    "package.progress.none": "No progress has been reported since {since}.",
    "package.progress.more": "… and {count:more report|more reports}: progress-overview YYYY-MM shows them all.",
    "package.finance.title": "Financial picture (programme director, §6):",
    "package.finance.begroting": "Budget {begroting}; allocated {committed}; beschikt {beschikt}; realised "
    "{realised}.",
    "package.finance.prognosis": "Prognosis: if everything allocated is spent, that is {expected}, of which "
    "{open} is still to be spent; free in the budget: {free}.",
    "package.finance.vat": "Execution costs (VAT): budgeted {budgeted}, cap {cap}; spent {spent}, by the yearly "
    "plan up to and including {year} {planned}; room under the cap {room}.",
}
