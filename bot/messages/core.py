"""Wording for the core route: refusals, replies, notifications, statuses, help."""

NL: dict[str, str] = {
    # statuses and outcomes
    "status.ingediend": "Ingediend",
    "status.orientatie": "Oriëntatie",
    "status.ontwerpteam": "Ontwerpteam gevormd",
    "status.alliantie": "Alliantie",
    "status.niet_verder": "Niet verder",
    "status.voorstel_in_uitwerking": "Voorstel in uitwerking",
    "status.gereed_voor_toetsing": "Gereed voor toetsing",
    "status.getoetst": "Getoetst door het expertteam",
    "status.geagendeerd": "Geagendeerd voor de stuurgroep",
    "status.akkoord": "Besluit: akkoord",
    "status.afgewezen": "Besluit: afgewezen",
    "status.terug_naar_ontwerpteam": "Besluit: terug naar ontwerpteam",
    "status.in_uitvoering": "In uitvoering",
    "status.afgerond": "Afgerond",
    "outcome.akkoord": "akkoord",
    "outcome.afgewezen": "afgewezen",
    "outcome.terug": "terug naar ontwerpteam",
    "judgement.voldoet": "voldoet",
    "judgement.voldoet_deels": "voldoet deels",
    "judgement.voldoet_niet": "voldoet niet",
    # next steps, shown with status
    "next.ingediend": "Een lid van het kernteam pakt het idee op (oppakken {reference}).",
    "next.orientatie": "Het kernteam onderzoekt het idee met de indiener en sluit de oriëntatie af "
    "(orientatie {reference} ontwerpteam|alliantie|niet-verder ...).",
    "next.ontwerpteam": "Het ontwerpteam begint aan een voorstel (voorstel {reference} project|programma|experiment).",
    "next.niet_verder": "Het idee gaat niet verder.",
    "next.voorstel_in_uitwerking": "Het ontwerpteam vult de onderdelen in (deel {reference} ONDERDEEL TEKST); "
    "daarna zet de programmadirecteur het voorstel door naar toetsing (toetsing {reference}).",
    "next.gereed_voor_toetsing": "Het expertteam toetst het voorstel (advies {reference}).",
    "next.getoetst": "De programmadirecteur agendeert het voorstel voor de stuurgroep (agenderen {reference} DATUM).",
    "next.geagendeerd": "De staf legt het besluit van de stuurgroep vast (besluit {reference} ...).",
    "next.akkoord": "Het kernteam start de uitvoering (uitvoering {reference}).",
    "next.afgewezen": "Het voorstel is afgewezen.",
    "next.terug_naar_ontwerpteam": "Het ontwerpteam past het voorstel aan (deel {reference} ...) en het gaat "
    "opnieuw naar toetsing.",
    "next.in_uitvoering": "Het kernteam is regisseur en meldt de voortgang (voortgang {reference} TEKST).",
    "next.afgerond": "Afgerond en geëvalueerd.",
    # refusals
    "idea.unknown_reference": "Ik ken geen idee met referentie '{reference}'; controleer het nummer (het staat in de "
    "ontvangstbevestiging) of typ 'mijn' voor uw ideeën.",
    "idea.not_yours": "U kunt alleen uw eigen ideeën volgen en {reference} is niet van u; typ 'mijn' voor uw eigen "
    "ideeën.",
    "idea.wrong_role": "U heeft niet de rol om dit te doen bij {reference}; dat mag: {roles}.",
    "idea.transition_not_allowed": "Dat kan niet bij {reference}, want het idee staat op '{status}'; typ 'status "
    "{reference}' voor wat nu kan en wie aan zet is.",
    "idea.assignee_not_kernteam": "{email} is geen lid van het kernteam; noem een lid van het kernteam, of laat het "
    "adres weg om het zelf op te pakken.",
    "idea.unknown_outcome": "Onbekende uitkomst '{outcome}'; kies uit: {options}.",
    "idea.designers_required": "Noem minstens één lid van het ontwerpteam (e-mailadres).",
    "idea.designers_only_for_ontwerpteam": "Leden van een ontwerpteam horen alleen bij de uitkomst 'ontwerpteam'.",
    "idea.unknown_proposal_type": "Onbekend type voorstel '{type}'; kies uit: {options}.",
    "idea.unknown_part": "Onbekend onderdeel '{part}'; kies uit: {options}.",
    "idea.parts_missing": "{reference} kan nog niet naar toetsing, want deze onderdelen ontbreken: {parts}; vul ze "
    "in met 'deel {reference} ONDERDEEL TEKST'.",
    "idea.conflict_of_interest": "{email} heeft {reference} ingediend of mee ontworpen (of heeft zich "
    "teruggetrokken) en mag het niet toetsen, dus een ander lid van het expertteam legt het advies vast.",
    "idea.meeting_in_past": "De vergaderdatum {date} ligt in het verleden; kies een komende vergadering "
    "('vergaderingen stuurgroep').",
    "decision.unknown_outcome": "Onbekend besluit '{outcome}'; kies uit: {options}.",
    "decision.nobody_present": "Noem wie van de stuurgroep aanwezig was (aanwezig: a@b.nl, c@d.nl).",
    "decision.not_stuurgroep": "{email} is geen lid van de stuurgroep; noem bij 'aanwezig:' alleen leden van de "
    "stuurgroep.",
    "decision.conflict": "{email} heeft {reference} ingediend of mee ontworpen, dus leg eerst een onthouding vast "
    "(onthouding {reference}); dan wordt deze persoon buiten het besluit gehouden.",
    "decision.nobody_left": "Na onthoudingen is niemand van de stuurgroep over om te besluiten, dus leg het besluit "
    "vast in een vergadering waarin andere stuurgroepleden aanwezig zijn.",
    "decision.amount_required": "Bij 'akkoord' hoort het toegekende bedrag (bedrag: 45.000).",
    "decision.amount_only_for_akkoord": "Alleen bij 'akkoord' wordt een bedrag toegekend.",
    "din.subdoel_needs_line": "Kies eerst een programmalijn; subdoelen horen bij een programmalijn.",
    "din.unknown_kind": "Onbekend soort DIN-koppeling '{kind}'; kies uit: {options}.",
    "din.unknown_value": "Geen (eenduidige) {kind} gevonden voor '{value}'; mogelijk: {options}.",
    "advice.unknown_item": "Onbekend {kind} '{item}'; mogelijk: {options}.",
    "advice.bad_judgement": "Oordeel over '{item}' moet zijn: {options}.",
    "advice.missing_items": "Het advies mist een oordeel over {kind}: {items}; geef voor elk een oordeel ('advies "
    "REF' zonder meer stelt de vragen één voor één).",
    "advice.rejecting_criterion": "Een positief advies kan niet als '{criterion}' niet voldoet "
    "(afwijzingscriterium).",
    "text.empty": "Het veld '{field}' is leeg.",
    "text.control_characters": "Het veld '{field}' bevat tekens die niet zijn toegestaan.",
    "text.invisible_characters": "Het veld '{field}' bevat onzichtbare opmaaktekens (zoals tekens die de "
    "leesrichting omdraaien); typ of plak de tekst zonder die tekens.",
    "text.line_break": "Het veld '{field}' moet op één regel passen.",
    "text.too_long": "Het veld '{field}' is te lang ({length} tekens, maximaal {max}).",
    # the fields a refusal names (bot.domain.text.clean_text): a field's name in each language
    "field.titel": "titel",
    "field.omschrijving": "omschrijving",
    "field.organisatie": "organisatie",
    "field.reden": "reden",
    "field.toelichting": "toelichting",
    "field.uitkomst": "uitkomst",
    "field.voortgang": "voortgang",
    "field.besluit": "besluit",
    "field.tekst": "tekst",
    "field.bezwaar": "bezwaar",
    "field.behandeling": "behandeling",
    "field.kenmerk": "kenmerk",
    "field.voorwaarde": "voorwaarde",
    "field.voorwaarden": "voorwaarden",
    "field.overwegingen": "overwegingen",
    "field.penvoerder": "penvoerder",
    "field.naam": "naam",
    "field.evaluatie": "evaluatie",
    "field.ontwikkeladvies": "ontwikkeladvies",
    "field.gevraagde ondersteuning": "gevraagde ondersteuning",
    "field.risico's": "risico's",
    "field.mijlpalen": "mijlpalen",
    "person.bad_email": "'{email}' is geen geldig e-mailadres.",
    "person.unknown": "{email} staat niet in het personenbestand; controleer het adres, of vraag de staf deze "
    "persoon toe te voegen.",
    "person.bad_language": "Onbekende taal '{language}'; kies nl of en.",
    "roles.unknown": "Onbekende rol '{role}'; bekende rollen: {known}.",
    "store.changed_meanwhile": "{reference} is net door iemand anders gewijzigd, dus er is niets opgeslagen; bekijk "
    "de stand (status {reference}) en probeer het opnieuw.",
    "chat.failed": (
        "Er ging iets mis bij het verwerken en er is niets opgeslagen; de beheerder kan het in het log zien."
    ),
    "chat.unknown_command": "Dat commando ken ik niet: '{command}'; typ 'help' voor wat kan.",
    "chat.usage": "Gebruik: {usage}",
    "chat.unknown_part": "Het onderdeel '{part}:' ken ik bij dit commando niet (wel: {known}); er is niets "
                         "vastgelegd.",
    "chat.only_submit": "U staat (nog) niet in het personenbestand; u kunt wel een idee indienen ('idee') en uw "
    "eigen ideeën volgen ('mijn', 'status REF').",
    "date.invalid": "'{text}' is geen geldige datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ.",
    "date.out_of_range": "De datum {date} ligt buiten wat vaart aanneemt: van {first} tot en met {last}.",
    "chat.cancelled": "Afgebroken; er is niets opgeslagen.",
    "chat.dialog_optional": "(typ '-' om over te slaan, 'terug' voor de vorige vraag, 'annuleer' om te stoppen)",
    "chat.dialog_required": "(typ 'terug' voor de vorige vraag, 'annuleer' om te stoppen)",
    "chat.bad_choice": "Kies een nummer uit de lijst of typ de naam.",
    "chat.bad_verdict": "Typ 'positief' of 'negatief'.",
    # replies
    "idea.submitted": "Dank u! Uw idee '{title}' is ontvangen bij het virtueel punt onder nummer {reference}. "
    "Een lid van het kernteam neemt contact met u op. Volg het met: status {reference}",
    "idea.picked_up": "{reference} is opgepakt; contactpersoon kernteam: {kernteam}. De oriëntatie is gestart.",
    "idea.orientation_concluded": "Oriëntatie van {reference} afgerond: {status}.",
    "idea.proposal_started": "Voorstel voor {reference} in uitwerking. Nog in te vullen: {missing}.",
    "idea.part_set": "Onderdeel '{part}' van {reference} opgeslagen. Nog open: {missing}.",
    "idea.part_set_complete": "Onderdeel '{part}' van {reference} opgeslagen; alle onderdelen van het voorstel zijn "
    "ingevuld.",
    "idea.din_linked": "{reference} gekoppeld aan {kind}: {value}.",
    "idea.ready_for_review": "{reference} staat klaar voor toetsing door het expertteam.",
    "idea.recused": "Uw onthouding bij {reference} is vastgelegd; u wordt buiten toetsing en besluit gehouden.",
    "idea.already_recused": "Uw onthouding bij {reference} stond al vast.",
    "idea.advice_recorded": "Advies over {reference} vastgelegd.",
    "idea.scheduled": "{reference} staat op de agenda van de stuurgroep van {date}.",
    "idea.decided": "Besluit {number} over {reference} vastgelegd: {outcome}. Indiener en ontwerpteam worden "
    "geïnformeerd.",
    "idea.execution_started": "{reference} is in uitvoering; het kernteam is regisseur.",
    "idea.progress_reported": "Voortgang van {reference} vastgelegd.",
    "idea.completed": "{reference} is afgerond.",
    "person.added": "{name} ({email}) toegevoegd met rol(len): {roles}.",
    "person.updated": "{name} ({email}) bijgewerkt; rol(len): {roles}.",
    "person.added_without_roles": "{name} ({email}) toegevoegd, zonder rol.",
    "person.updated_without_roles": "{name} ({email}) bijgewerkt, zonder rol.",
    "person.language_set": "Taal ingesteld op {language}.",
    # notifications (outbox)
    "notify.submitted.subject": "[{reference}] Uw idee is ontvangen: {title}",
    "notify.submitted": "Uw idee '{title}' is ontvangen bij het virtueel punt onder nummer {reference}.\n"
    "Een lid van het kernteam pakt het op en neemt contact met u op. U ziet de voortgang met: status {reference}",
    "notify.status_changed.subject": "[{reference}] Nieuwe status: {status}",
    "notify.status_changed": "De status van '{title}' ({reference}) is nu: {status}.",
    "notify.decided.subject": "[{reference}] Besluit stuurgroep: {outcome}",
    "notify.decided": "De stuurgroep heeft besloten over '{title}' ({reference}).\nBesluit {number}: {outcome}\n"
    "Toegekend bedrag: {amount}\nVoorwaarden: {conditions}\nOverwegingen: {considerations}",
    "notify.designer_invited.subject": "[{reference}] U bent lid van het ontwerpteam",
    "notify.designer_invited": "U bent gevraagd voor het ontwerpteam van '{title}' ({reference}). Vul de onderdelen "
    "van het voorstel in met: deel {reference} ONDERDEEL TEKST",
    "task.assigned.subject": "[{reference}] Aan u toegewezen: {title}",
    "task.assigned": "U bent contactpersoon vanuit het kernteam voor '{title}' ({reference}).",
    "task.turn.subject": "[{reference}] Actie gevraagd: {status}",
    "task.turn": "'{title}' ({reference}) staat op '{status}' en wacht op uw gremium.",
    # views
    "view.header": "{reference} — {title}",
    "view.status": "Status: {status}",
    "view.submitted": "Ingediend door {submitter} op {date} via {origin}",
    "view.organisation": "Organisatie: {organisation}",
    "view.kernteam": "Contactpersoon kernteam: {kernteam}",
    "view.designers": "Ontwerpteam: {designers}",
    "view.reason": "Toelichting: {reason}",
    "view.din": "DIN — opgaven: {opgaven}; programmalijn: {line}; subdoelen: {subgoals}; principes: {principles}",
    "view.proposal": "Voorstel ({type}): {done} van {total} onderdelen ingevuld; ontbreekt: {missing}",
    "view.proposal_complete": "Voorstel ({type}): alle {total} onderdelen ingevuld",
    "view.advice": "Advies expertteam: {verdict} ({date}). Ontwikkeladvies: {advice}",
    "view.meeting": "Stuurgroep: {date}",
    "view.decision": "Besluit {number} ({date}): {outcome}, bedrag {amount}. Overwegingen: {considerations}",
    "view.progress": "Laatste voortgang ({date}): {text}",
    "view.next": "Volgende stap: {next}",
    "view.none": "-",
    "mine.header": "Ideeën van/met {name}:",
    "mine.none": "U heeft (nog) geen ideeën. Typ 'idee' om er een in te dienen.",
    "mine.tasks": "Wacht op u ({roles}):",
    "mine.no_tasks": "Geen openstaande taken voor uw rol.",
    "mine.requests": "Uitgaveverzoeken waarover uw college nog besluit:",
    "mine.no_requests": "Geen uitgaveverzoeken die op het besluit van uw college wachten.",
    "mine.line": "  {reference}  {status:<32} {title}",
    "open.header": "Lopende ideeën:",
    "decisions.header": "Besluitenregister:",
    "decisions.none": "Nog geen besluiten.",
    "decisions.line": "  {number}  {date}  {outcome:<24} {amount:>16}  {reference} {subject}",
    "whoami": "U bent {name} ({email}); rol(len): {roles}.",
    "help.more": "Vergaderingen, documentenroute en budget (zie ook 'vergaderhulp'):",
    "console.welcome": "Typ 'help' voor de commando's, 'stop' om te stoppen.",
    "console.bad_identity": "'{email}' is geen e-mailadres: start de chat met --as en uw e-mailadres, "
    "bijvoorbeeld --as gast@voorbeeld.nl.",
    "whoami.unknown": "U bent {email}, (nog) niet in het personenbestand: u kunt ideeën indienen en volgen.",
    # dialogs
    "ask.title": "Wat is de titel van uw idee?",
    "ask.description": "Beschrijf uw idee: wat wilt u bereiken, voor wie, en met wie?",
    "ask.organisation": "Namens welke organisatie dient u het in?",
    "ask.opgaven": "Aan welke opgaven draagt het bij? Geef nummers, gescheiden door komma's:\n{options}",
    "ask.programmalijn": "Bij welke programmalijn past het? Geef een nummer:\n{options}",
    "ask.support": "Welke ondersteuning vraagt u van het programma?",
    "ask.criterion": "Criterium '{name}': {question}\nOordeel (voldoet / deels / voldoet niet), dan ':' en een "
    "toelichting.",
    "ask.principle": "Leidend principe '{name}': oordeel (voldoet / deels / voldoet niet), dan ':' en een toelichting.",
    "ask.verdict": "Is het advies positief of negatief?",
    "ask.development_advice": "Wat is het ontwikkeladvies?",
    "help": """Commando's (Engelse namen tussen haakjes):
  idee [titel | omschrijving]                   een idee indienen (idea)
  status REF                                     de stand van een idee
  mijn                                           uw ideeën en taken (mine)
  open                                           alle lopende ideeën (programmateam)
  oppakken REF [EMAIL]                           kernteam: idee oppakken, oriëntatie start (pickup)
  orientatie REF ontwerpteam EMAIL[, EMAIL]      kernteam: ontwerpteam vormen (orientation)
  orientatie REF alliantie|niet-verder REDEN     kernteam: andere uitkomst
  voorstel REF project|programma|experiment      voorstel starten (proposal)
  deel REF ONDERDEEL TEKST                       onderdeel invullen: {parts} (part)
  din REF opgave|programmalijn|subdoel|principe WAARDE   koppelen aan het DIN (link)
  toetsing REF                                   programmadirecteur: naar het expertteam (review)
  advies REF                                     expertteam: advies vastleggen, met vragen (advice)
  onthouding REF                                 u trekt zich terug bij dit voorstel (recuse)
  agenderen REF [DATUM] [toelaten]               programmadirecteur: op de (eerstvolgende) stuurgroepagenda (schedule)
  besluit REF akkoord|afgewezen|terug | aanwezig: a@b.nl, c@d.nl | overwegingen: ... [| bedrag: 45.000]
         [| bezwaren: ...; ...] [| voorwaarden: ...; ...]        staf: besluit vastleggen (decide)
  uitvoering REF                                 kernteam: uitvoering starten (start)
  voortgang REF TEKST                            voortgang melden (progress)
  afronden REF EVALUATIE                         kernteam: afronden (complete)
  besluiten                                      het besluitenregister (decisions)
  wie                                            wie ben ik (whoami)
  taal nl|en                                     taal kiezen (language)
  stop                                           de chat verlaten (quit)""",
}

EN: dict[str, str] = {
    "status.ingediend": "Submitted",
    "status.orientatie": "Orientation",
    "status.ontwerpteam": "Design team formed",
    "status.alliantie": "Alliance",
    "status.niet_verder": "Not pursued",
    "status.voorstel_in_uitwerking": "Proposal being drafted",
    "status.gereed_voor_toetsing": "Ready for assessment",
    "status.getoetst": "Assessed by the expert team",
    "status.geagendeerd": "On the steering group agenda",
    "status.akkoord": "Decision: approved",
    "status.afgewezen": "Decision: rejected",
    "status.terug_naar_ontwerpteam": "Decision: back to the design team",
    "status.in_uitvoering": "In execution",
    "status.afgerond": "Completed",
    "outcome.akkoord": "approved",
    "outcome.afgewezen": "rejected",
    "outcome.terug": "back to the design team",
    "judgement.voldoet": "meets",
    "judgement.voldoet_deels": "partly meets",
    "judgement.voldoet_niet": "does not meet",
    "next.ingediend": "A member of the core team picks the idea up (pickup {reference}).",
    "next.orientatie": "The core team explores the idea with the submitter and concludes the orientation.",
    "next.ontwerpteam": "The design team starts a proposal (proposal {reference} project|programma|experiment).",
    "next.niet_verder": "The idea is not pursued.",
    "next.voorstel_in_uitwerking": "The design team fills in the parts (part {reference} PART TEXT); then the "
    "programme director sends it for assessment (review {reference}).",
    "next.gereed_voor_toetsing": "The expert team assesses the proposal (advice {reference}).",
    "next.getoetst": "The programme director puts it on the steering group agenda (schedule {reference} DATE).",
    "next.geagendeerd": "The staff record the steering group's decision (decide {reference} ...).",
    "next.akkoord": "The core team starts execution (start {reference}).",
    "next.afgewezen": "The proposal was rejected.",
    "next.terug_naar_ontwerpteam": "The design team revises the proposal and it goes to assessment again.",
    "next.in_uitvoering": "The core team directs execution and reports progress (progress {reference} TEXT).",
    "next.afgerond": "Completed and evaluated.",
    "idea.unknown_reference": "I know no idea with reference '{reference}'; check the number (it is in the "
    "acknowledgement) or type 'mine' for your ideas.",
    "idea.not_yours": "You can only follow your own ideas and {reference} is not yours; type 'mine' for your own "
    "ideas.",
    "idea.wrong_role": "Your role does not allow this on {reference}; allowed: {roles}.",
    "idea.transition_not_allowed": "Not possible for {reference}, as the idea is at '{status}'; type 'status "
    "{reference}' for what can happen now and whose turn it is.",
    "idea.assignee_not_kernteam": "{email} is not a member of the core team; name a core team member, or leave the "
    "address out to take it yourself.",
    "idea.unknown_outcome": "Unknown outcome '{outcome}'; choose from: {options}.",
    "idea.designers_required": "Name at least one member of the design team (e-mail address).",
    "idea.designers_only_for_ontwerpteam": "Design team members belong only with the outcome 'ontwerpteam'.",
    "idea.unknown_proposal_type": "Unknown proposal type '{type}'; choose from: {options}.",
    "idea.unknown_part": "Unknown part '{part}'; choose from: {options}.",
    "idea.parts_missing": "{reference} cannot go to assessment yet (missing parts: {parts}); fill them in with 'part "
    "{reference} PART TEXT'.",
    "idea.conflict_of_interest": "{email} submitted or co-designed {reference} (or recused) and may not assess it, "
    "so another member of the expert team records the advice.",
    "idea.meeting_in_past": "The meeting date {date} is in the past; choose a coming meeting ('meetings "
    "stuurgroep').",
    "decision.unknown_outcome": "Unknown decision '{outcome}'; choose from: {options}.",
    "decision.nobody_present": "Name the steering group members present (aanwezig: a@b.nl, c@d.nl).",
    "decision.not_stuurgroep": "{email} is not a member of the steering group; name only steering group members "
    "under 'present:'.",
    "decision.conflict": "{email} submitted or co-designed {reference}, so record a recusal first (recuse "
    "{reference}); that person is then excluded from the decision.",
    "decision.nobody_left": "After recusals no steering group member is left to decide, so record it at a meeting "
    "where other steering group members are present.",
    "decision.amount_required": "'akkoord' needs the amount allocated (bedrag: 45.000).",
    "decision.amount_only_for_akkoord": "Only 'akkoord' allocates an amount.",
    "din.subdoel_needs_line": "Choose a programme line first; sub-goals belong to a programme line.",
    "din.unknown_kind": "Unknown kind of DIN link '{kind}'; choose from: {options}.",
    "din.unknown_value": "No (unique) {kind} found for '{value}'; possible: {options}.",
    "advice.unknown_item": "Unknown {kind} '{item}'; possible: {options}.",
    "advice.bad_judgement": "The judgement on '{item}' must be one of: {options}.",
    "advice.missing_items": "The advice lacks a judgement on {kind}: {items}; give a judgement for each ('advice "
    "REF' alone asks the questions one by one).",
    "advice.rejecting_criterion": "A positive advice is impossible when '{criterion}' is not met (rejection "
    "criterion).",
    "text.empty": "The field '{field}' is empty.",
    "text.control_characters": "The field '{field}' contains characters that are not allowed.",
    "text.invisible_characters": "The field '{field}' contains invisible formatting characters (such as ones "
    "that reverse the reading direction); type or paste the text without them.",
    "text.line_break": "The field '{field}' must fit on one line.",
    "text.too_long": "The field '{field}' is too long ({length} characters, at most {max}).",
    "field.titel": "title",
    "field.omschrijving": "description",
    "field.organisatie": "organisation",
    "field.reden": "reason",
    "field.toelichting": "explanation",
    "field.uitkomst": "outcome",
    "field.voortgang": "progress",
    "field.besluit": "decision",
    "field.tekst": "text",
    "field.bezwaar": "objection",
    "field.behandeling": "handling",
    "field.kenmerk": "reference",
    "field.voorwaarde": "condition",
    "field.voorwaarden": "conditions",
    "field.overwegingen": "considerations",
    "field.penvoerder": "lead partner",
    "field.naam": "name",
    "field.evaluatie": "evaluation",
    "field.ontwikkeladvies": "development advice",
    "field.gevraagde ondersteuning": "support asked",
    "field.risico's": "risks",
    "field.mijlpalen": "milestones",
    "person.bad_email": "'{email}' is not a valid e-mail address.",
    "person.unknown": "{email} is not in the people register; check the address, or ask the staff to add this "
    "person.",
    "person.bad_language": "Unknown language '{language}'; choose nl or en.",
    "roles.unknown": "Unknown role '{role}'; known roles: {known}.",
    "store.changed_meanwhile": "{reference} was just changed by someone else, so nothing was saved; check where it "
    "stands (status {reference}) and try again.",
    "chat.failed": (
        "Something went wrong while processing this and nothing was saved; the administrator can see it in the log."
    ),
    "chat.unknown_command": "I do not know the command '{command}'; type 'help' for what is possible.",
    "chat.usage": "Usage: {usage}",
    "chat.unknown_part": "I do not know the part '{part}:' for this command (I do know: {known}); nothing was "
                         "recorded.",
    "chat.only_submit": "You are not (yet) in the people register; you can still submit an idea ('idea') and follow "
    "your own ideas ('mine', 'status REF').",
    "date.invalid": "'{text}' is not a valid date; use YYYY-MM-DD or DD-MM-YYYY.",
    "date.out_of_range": "The date {date} is outside what vaart accepts: from {first} to {last}.",
    "chat.cancelled": "Cancelled; nothing was saved.",
    "chat.dialog_optional": "(type '-' to skip, 'back' for the previous question, 'cancel' to stop)",
    "chat.dialog_required": "(type 'back' for the previous question, 'cancel' to stop)",
    "chat.bad_choice": "Choose a number from the list or type the name.",
    "chat.bad_verdict": "Type 'positive' or 'negative'.",
    "idea.submitted": "Thank you! Your idea '{title}' reached the virtual desk as {reference}. A member of the core "
    "team will contact you. Follow it with: status {reference}",
    "idea.picked_up": "{reference} picked up; core team contact: {kernteam}. Orientation has started.",
    "idea.orientation_concluded": "Orientation of {reference} concluded: {status}.",
    "idea.proposal_started": "Proposal for {reference} being drafted. Still to fill in: {missing}.",
    "idea.part_set": "Part '{part}' of {reference} saved. Still open: {missing}.",
    "idea.part_set_complete": "Part '{part}' of {reference} saved; every part of the proposal is filled in.",
    "idea.din_linked": "{reference} linked to {kind}: {value}.",
    "idea.ready_for_review": "{reference} is ready for assessment by the expert team.",
    "idea.recused": "Your recusal on {reference} is recorded; you are excluded from assessment and decision.",
    "idea.already_recused": "Your recusal on {reference} was already recorded.",
    "idea.advice_recorded": "Advice on {reference} recorded.",
    "idea.scheduled": "{reference} is on the agenda of the steering group of {date}.",
    "idea.decided": "Decision {number} on {reference} recorded: {outcome}. Submitter and design team are informed.",
    "idea.execution_started": "{reference} is in execution; the core team directs it.",
    "idea.progress_reported": "Progress of {reference} recorded.",
    "idea.completed": "{reference} is completed.",
    "person.added": "{name} ({email}) added with role(s): {roles}.",
    "person.updated": "{name} ({email}) updated; role(s): {roles}.",
    "person.added_without_roles": "{name} ({email}) added, without a role.",
    "person.updated_without_roles": "{name} ({email}) updated, without a role.",
    "person.language_set": "Language set to {language}.",
    "notify.submitted.subject": "[{reference}] Your idea was received: {title}",
    "notify.submitted": "Your idea '{title}' reached the virtual desk as {reference}.\nA member of the core team "
    "will pick it up and contact you. Follow it with: status {reference}",
    "notify.status_changed.subject": "[{reference}] New status: {status}",
    "notify.status_changed": "The status of '{title}' ({reference}) is now: {status}.",
    "notify.decided.subject": "[{reference}] Steering group decision: {outcome}",
    "notify.decided": "The steering group decided on '{title}' ({reference}).\nDecision {number}: {outcome}\n"
    "Amount allocated: {amount}\nConditions: {conditions}\nConsiderations: {considerations}",
    "notify.designer_invited.subject": "[{reference}] You are on the design team",
    "notify.designer_invited": "You were asked to join the design team of '{title}' ({reference}). Fill in the "
    "proposal's parts with: part {reference} PART TEXT",
    "task.assigned.subject": "[{reference}] Assigned to you: {title}",
    "task.assigned": "You are the core team contact for '{title}' ({reference}).",
    "task.turn.subject": "[{reference}] Action needed: {status}",
    "task.turn": "'{title}' ({reference}) is at '{status}' and waits for your body.",
    "view.header": "{reference} — {title}",
    "view.status": "Status: {status}",
    "view.submitted": "Submitted by {submitter} on {date} via {origin}",
    "view.organisation": "Organisation: {organisation}",
    "view.kernteam": "Core team contact: {kernteam}",
    "view.designers": "Design team: {designers}",
    "view.reason": "Note: {reason}",
    "view.din": "DIN — challenges: {opgaven}; programme line: {line}; sub-goals: {subgoals}; principles: {principles}",
    "view.proposal": "Proposal ({type}): {done} of {total} parts filled in; missing: {missing}",
    "view.proposal_complete": "Proposal ({type}): all {total} parts filled in",
    "view.advice": "Expert team advice: {verdict} ({date}). Development advice: {advice}",
    "view.meeting": "Steering group: {date}",
    "view.decision": "Decision {number} ({date}): {outcome}, amount {amount}. Considerations: {considerations}",
    "view.progress": "Latest progress ({date}): {text}",
    "view.next": "Next step: {next}",
    "view.none": "-",
    "mine.header": "Ideas of/with {name}:",
    "mine.none": "You have no ideas (yet). Type 'idea' to submit one.",
    "mine.tasks": "Waiting for you ({roles}):",
    "mine.no_tasks": "No open tasks for your role.",
    "mine.requests": "Spend requests your college has still to decide:",
    "mine.no_requests": "No spend requests waiting for your college's decision.",
    "mine.line": "  {reference}  {status:<32} {title}",
    "open.header": "Open ideas:",
    "decisions.header": "Decision register:",
    "decisions.none": "No decisions yet.",
    "decisions.line": "  {number}  {date}  {outcome:<24} {amount:>16}  {reference} {subject}",
    "whoami": "You are {name} ({email}); role(s): {roles}.",
    "help.more": "Meetings, document route and budget (see also 'meetinghelp'):",
    "console.welcome": "Type 'help' for the commands, 'quit' to leave.",
    "console.bad_identity": "'{email}' is not an e-mail address: start the chat with --as and your e-mail "
    "address, for example --as gast@voorbeeld.nl.",
    "whoami.unknown": "You are {email}, not (yet) in the people register: you can submit and follow ideas.",
    "ask.title": "What is the title of your idea?",
    "ask.description": "Describe your idea: what do you want to achieve, for whom, with whom?",
    "ask.organisation": "On behalf of which organisation do you submit it?",
    "ask.opgaven": "Which challenges (opgaven) does it contribute to? Give numbers separated by commas:\n{options}",
    "ask.programmalijn": "Which programme line does it fit? Give a number:\n{options}",
    "ask.support": "What support do you ask of the programme?",
    "ask.criterion": "Criterion '{name}': {question}\nJudgement (voldoet / deels / voldoet niet), then ':' and a note.",
    "ask.principle": "Guiding principle '{name}': judgement (voldoet / deels / voldoet niet), then ':' and a note.",
    "ask.verdict": "Is the advice positive or negative?",
    "ask.development_advice": "What is the development advice?",
    "help": """Commands (Dutch names work too):
  idea [title | description]                     submit an idea (idee)
  status REF                                     where an idea stands
  mine                                           your ideas and tasks (mijn)
  open                                           all open ideas (programme team)
  pickup REF [EMAIL]                             core team: pick up, orientation starts (oppakken)
  orientation REF ontwerpteam EMAIL[, EMAIL]     core team: form a design team (orientatie)
  orientation REF alliantie|niet-verder REASON   core team: other outcome
  proposal REF project|programma|experiment      start a proposal (voorstel)
  part REF PART TEXT                             fill in a part: {parts} (deel)
  link REF opgave|programmalijn|subdoel|principe VALUE   link to the DIN (din)
  review REF                                     programme director: to the expert team (toetsing)
  advice REF                                     expert team: record advice, guided (advies)
  recuse REF                                     step aside for this proposal (onthouding)
  schedule REF [DATE] [toelaten]                 programme director: (next) steering group agenda (agenderen)
  decide REF akkoord|afgewezen|terug | aanwezig: a@b.nl | overwegingen: ... [| bedrag: 45.000]
         [| bezwaren: ...] [| voorwaarden: ...]  staff: record the decision (besluit)
  start REF                                      core team: start execution (uitvoering)
  progress REF TEXT                              report progress (voortgang)
  complete REF EVALUATION                        core team: complete (afronden)
  decisions                                      the decision register (besluiten)
  whoami                                         who am I (wie)
  language nl|en                                 choose the language (taal)
  quit                                           leave the chat (stop)""",
}
