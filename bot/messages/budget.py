"""Wording for the budget area (see bot.messages): lines, mandate, cofinancing, import, reports."""

NL: dict[str, str] = {
    # Budget lines and the ledger
    "budget.line.unknown": "Begrotingsregel '{line}' bestaat niet, dus er is niets veranderd.",
    "budget.line.insufficient": (
        "Op begrotingsregel '{line}' is nog {available} beschikbaar en {amount} past daar niet in, dus er is niets "
    "veranderd."
    ),
    "budget.line.below_committed": (
        "Begrotingsregel '{line}' kan niet op {amount} worden gezet: er is al {committed} toegekend."
    ),
    "budget.lines.exceed_total": (
        "De begrotingsregels komen samen op {amount}, meer dan het programmatotaal van {total}."
    ),
    "budget.realisation.exceeds_commitment": (
        "Voor {reference} staat nog {open} open; een besteding van {amount} past daar niet in."
    ),
    "budget.release.exceeds_commitment": ("Voor {reference} staat nog {open} open; {amount} vrijgeven kan niet."),
    "budget.vat.over_cap": (
        "De uitvoeringskosten (VAT) komen op {amount}, boven het plafond van {cap} ({share} van het programma)."
    ),
    # Mandate: reasons why a request goes to the stuurgroep
    "budget.mandate.limit": (
        "{amount} is niet lager dan de mandaatgrens van {limit}: dit verzoek gaat naar de stuurgroep."
    ),
    "budget.mandate.excluded_kind": (
        "Een verzoek van de soort '{kind}' valt niet onder het mandaat (geen project, programma of "
        "experiment): het gaat naar de stuurgroep."
    ),
    "budget.mandate.splitting": (

            "Samen met {related} komt dit doel binnen {days} dagen op {together}, niet lager dan de mandaatgrens van "
            "{limit}, dus mogelijk opgeknipt: het gaat naar de stuurgroep."

    ),
    "budget.mandate.own_request": (
        "Over een eigen verzoek ({reference}) beslist u niet zelf: het gaat naar de stuurgroep."
    ),
    "budget.mandate.no_room": (
        "Op begrotingsregel '{line}' is nog {available} beschikbaar, te weinig voor {amount}: "
        "het verzoek gaat naar de stuurgroep."
    ),
    # Spend requests
    "budget.request.unknown_kind": "Soort '{kind}' ken ik niet; kies uit: {kinds}.",
    "budget.request.no_purpose": "Geef aan waarvoor het geld is (het doel).",
    "budget.request.no_requester": "Het verzoek heeft geen aanvrager.",
    "budget.request.already_decided": (
        "Over verzoek {reference} is al besloten, dus het kan niet nog eens worden goedgekeurd of afgewezen; typ "
    "'status {reference}' voor het besluit."
    ),
    "budget.request.with_stuurgroep": (
        "Verzoek {reference} ligt bij de stuurgroep en alleen de stuurgroep besluit er nog over; de staf legt dat "
    "besluit vast (besluit-uitgave {reference} ...)."
    ),
    "budget.request.own_request": ("U kunt niet besluiten over uw eigen verzoek ({reference}), dus er is niets "
    "veranderd; 'status {reference}' toont wie nu aan zet is."),
    "budget.status.requested": "aangevraagd",
    "budget.status.approved": "goedgekeurd",
    "budget.status.rejected": "afgewezen",
    "budget.status.to_stuurgroep": "naar de stuurgroep",
    # Cofinancing
    "cofinancing.no_municipalities": "Er zijn geen gemeenten om de cofinanciering over te verdelen.",
    "cofinancing.bad_population": (
        "Het inwoneraantal van {municipality} ('{population}') moet een positief geheel getal zijn."
    ),
    "cofinancing.bad_share": "Het aandeel van de provincie ('{share}') moet tussen 0 en 1 liggen.",
    "cofinancing.province_is_municipality": "{province} staat ook tussen de gemeenten.",
    # Import
    "budget_import.unknown_layout": (

            "Deze tabel herken ik niet, dus er is niets ingelezen: verwacht is een kopregel met de kolommen "
            "{expected} (optioneel: {optional}), gevonden is {found}."

    ),
    "budget_import.unsupported_format": "{name}: dit bestandstype lees ik niet, wel {formats}.",
    "budget_import.unreadable": "{name} kan ik niet openen of lezen.",
    "budget_import.duplicate_column": "De kolom '{column}' staat twee keer in de kopregel.",
    "budget_import.rejected": (

            "{name} is niet ingelezen: {count:fout|fouten} in regel(s) {lines}, dus er is niets veranderd; verbeter "
            "het bestand en probeer het opnieuw."

    ),
    "budget_import.row": "Regel {line}, kolom {column}: {reason}",
    "budget_import.no_project": "Deze regel heeft bedragen maar geen projectnaam.",
    "budget_import.no_penvoerder": "Project '{project}' heeft geen penvoerder.",
    "budget_import.duplicate_project": "Project {project} staat er twee keer in (eerst in regel {first}).",
    "budget_import.text_ignored": "Tekst zonder project overgeslagen: '{text}'.",
    "budget_import.footnote_duplicate": (
        "Voetnootteken {mark} komt {count} keer voor; controleer welke tekst bij welk project hoort."
    ),
    "budget_import.footnote_undefined": (
        "Project '{project}' verwijst naar voetnoot {mark}, maar die staat niet onder de tabel."
    ),
    "budget_import.footnote_unused": "Voetnoot {mark} hoort bij geen enkel bedrag in de tabel.",
    "budget_import.group_conflict": "De kop noemt '{heading}', de totaalregel '{total}'.",
    "budget_import.total_mismatch": (
        "Regel {line} ({label}), {column}: opgegeven {declared}, de regels tellen op tot {computed} "
        "(verschil {difference})."
    ),
    "budget_import.total_missing": (
        "Regel {line} ({label}), {column}: geen totaal opgegeven, de regels tellen op tot {computed}."
    ),
    "budget_import.remark": "Regel {line}, {column}: opmerking in plaats van een bedrag bewaard: '{text}'.",
    "budget_import.summary": (
        "{name}: {projects} projecten ingelezen, {remarks:opmerking|opmerkingen}, "
        "{mismatches:totaal dat niet klopt|totalen die niet kloppen}."
    ),
    # Reports
    "budget.report.title": "Begroting per {group} en tranche",
    "budget.report.counts": "Aantal projecten per tranche",
    "budget.report.money": "Toegekend, beschikt, besteed en resterend",
    "budget.report.group.pijler": "Pijler",
    "budget.report.group.programmalijn": "Programmalijn",
    "budget.report.group.penvoerder": "Penvoerder",
    "budget.report.total": "Totaal",
    "budget.report.projects": "Projecten",
    "budget.report.allocated": "Toegekend",
    "budget.report.beschikt": "Beschikt",
    "budget.report.spent": "Besteed",
    "budget.report.remaining": "Resterend",
    "budget.report.no_group": "(geen)",
    "budget.report.empty": "Er zijn nog geen projecten of boekingen.",
    # Spend requests in the store and in chat (bot.services.budget, bot.chat.budget_commands)
    "budget.request.created": (
        "Uitgaveverzoek {reference} ({amount}, {kind}) is ingediend op regel '{line}'. De "
        "programmadirecteur beslist erover onder mandaat."
    ),
    "budget.request.referred": (
        "Uitgaveverzoek {reference} ({amount}) valt buiten het mandaat en staat klaar voor de "
        "eerstvolgende stuurgroep. {reasons}"
    ),
    "budget.request.per-member-body.referred": (
        "Uitgaveverzoek {reference} ({amount}) valt buiten het mandaat: over de inzet van middelen besluit elk "
        "college zelf. Het bureau legt eerst het advies van het portefeuillehoudersoverleg vast "
        "(pho-advies {reference} ...); daarna legt elke accounthouder het besluit van zijn college vast. {reasons}"
    ),
    "budget.request.written-round.referred": (
        "Uitgaveverzoek {reference} ({amount}) valt buiten het mandaat; de staf legt het in een schriftelijke "
        "ronde aan de stuurgroep voor. {reasons}"
    ),
    "budget.notify.per-member-body.referred.subject": "[{reference}] Uitgaveverzoek naar de colleges",
    "budget.notify.per-member-body.referred": (
        "Uitgaveverzoek {reference} ({amount}, '{purpose}') valt buiten het mandaat en gaat, na het advies van "
        "het portefeuillehoudersoverleg, naar alle colleges; elk college besluit zelf.\n{reasons}"
    ),
    "budget.notify.written-round.referred.subject": "[{reference}] Uitgaveverzoek naar een schriftelijke ronde",
    "budget.notify.written-round.referred": (
        "Uitgaveverzoek {reference} ({amount}, '{purpose}') valt buiten het mandaat; de stuurgroep besluit erover "
        "in een schriftelijke ronde.\n{reasons}"
    ),
    "budget.mandate.none": (
        "Dit programma geeft niemand een mandaat voor uitgaven: over {amount} wordt apart besloten."
    ),
    "budget.request.approved": (
        "Uitgaveverzoek {reference} is goedgekeurd onder mandaat: {amount} van regel '{line}'. "
        "Nog beschikbaar op die regel: {available}."
    ),
    "budget.request.rejected": "Uitgaveverzoek {reference} is afgewezen. De aanvrager krijgt bericht met de reden.",
    "budget.request.stuurgroep_decided": (
        "Besluit {number} over uitgaveverzoek {reference} ({amount}) vastgelegd: {outcome}."
    ),
    "budget.request.unknown": "Ik ken geen uitgaveverzoek '{reference}'; typ 'uitgaven' voor de open "
    "verzoeken.",
    "budget.request.not_director": (
        "Alleen de programmadirecteur besluit onder mandaat over uitgaveverzoeken ({reference}), dus er is niets "
    "veranderd: het verzoek wacht op de programmadirecteur en 'status {reference}' toont de stand."
    ),
    "budget.request.not_registered": (
        "Alleen wie in het personenbestand staat kan een uitgave aanvragen, dus er is niets vastgelegd; vraag de "
    "staf u toe te voegen, of dien uw plan in als idee ('idee')."
    ),
    "budget.request.reason_required": "Geef bij het afwijzen een reden: afwijzen {reference} REDEN.",
    "budget.decision.not_staf": (
        "Alleen de staf legt besluiten van de stuurgroep vast ({reference}), dus er is niets veranderd; vraag de "
    "staf het besluit vast te leggen."
    ),
    "budget.line.no_programmalijn": (
        "Voor programmalijn '{programmalijn}' is geen begrotingsregel, dus het bedrag kan nergens worden toegekend "
    "en er is niets veranderd."
    ),
    "budget.line.no_mandate_line": (
        "Er is geen begrotingsregel voor kosten onder mandaat ingesteld; noem een regel (| regel: SLEUTEL)."
    ),
    "budget.line.set": "Begrotingsregel '{line}' staat nu op {amount} (was {before}; stuurgroepbesluit {decision}).",
    "budget.report.unknown_grouping": "Indeling '{by}' ken ik niet; kies uit: {options}.",
    "budget_import.totals_differ": (
        "{name}: {count:opgegeven totaal klopt|opgegeven totalen kloppen} niet met de regels (zie hierboven), dus er "
    "is niets opgeslagen; verbeter het bestand, of neem het toch over met --accept-differences."
    ),
    "budget_import.stored": "{name}: {projects} projecten opgeslagen.",
    # The status of a request, where a refusal names it
    "status.requested": "aangevraagd",
    "status.approved": "goedgekeurd",
    "status.rejected": "afgewezen",
    "status.to_stuurgroep": "naar de stuurgroep",
    # Notifications
    "budget.notify.requested.subject": "[{reference}] Uitgaveverzoek van {amount}",
    "budget.notify.requested": (
        "{requester} vraagt {amount} voor '{purpose}' (soort {kind}, regel {line}, idee {idea}).\n"
        "Goedkeuren: goedkeuren {reference}\nAfwijzen: afwijzen {reference} REDEN"
    ),
    "budget.notify.referred.subject": "[{reference}] Uitgaveverzoek naar de stuurgroep",
    "budget.notify.referred": (
        "Uitgaveverzoek {reference} ({amount}, '{purpose}') valt buiten het mandaat van de "
        "programmadirecteur en gaat naar de eerstvolgende stuurgroep.\n{reasons}"
    ),
    "budget.notify.decided.subject": "[{reference}] Uitgaveverzoek {state}",
    "budget.notify.decided": "Uw uitgaveverzoek {reference} ({amount}, '{purpose}') is {state}.\n{reason}",
    # Views
    "budget.requests.header": "Openstaande uitgaveverzoeken:",
    "budget.requests.none": "Er staan geen uitgaveverzoeken open.",
    "budget.requests.line": "  {reference}  {date}  {amount:>14}  {kind:<12} {state:<20} {purpose} ({requester})",
    "budget.lines.header": "Begrotingsregels (begroot, toegekend, besteed, beschikbaar):",
    "budget.lines.line": "  {key:<32} {budget:>16} {committed:>16} {spent:>16} {available:>16}  {name}",
    "budget.mandate_report.title": (
        "Mandaatrapportage: uitgaven die de programmadirecteur zelfstandig afhandelde (onder {limit}) sinds {since}"
    ),
    "budget.mandate_report.line": (
        "  {reference}  {date}  {amount:>14}  {kind:<12} {purpose} (aanvrager {requester}, regel {line})"
    ),
    "budget.mandate_report.total": "Totaal onder mandaat: {total} in {count:verzoek|verzoeken}.",
    "budget.mandate_report.none": "Sinds {since} zijn geen uitgaven onder mandaat goedgekeurd.",
    "budget.mandate_report.rejected_header": "Afgewezen onder mandaat:",
    "budget.mandate_report.referred_header": "Buiten het mandaat, ter besluitvorming aan de stuurgroep:",
    "budget.cofinancing.header": (
        "Cofinanciering van {amount}: {province} betaalt {share}, de gemeenten de rest naar inwonertal."
    ),
    "budget.cofinancing.header_municipalities": "Cofinanciering van {amount}: de gemeenten betalen alles naar "
    "inwonertal.",
    "budget.cofinancing.line": "  {name:<28} {amount:>16}",
    "budget.cofinancing.source": "Inwonertallen: peiljaar {year}; bron: {source}.",
    "budget.help": (
        "Begroting en mandaat:\n"
        "  uitgave BEDRAG OMSCHRIJVING [voor REF] [| soort: onderzoek|samenwerking|overig|project] "
        "[| regel: SLEUTEL]\n"
        "  goedkeuren REF / afwijzen REF REDEN (programmadirecteur)\n"
        "  besluit-uitgave REF akkoord|afgewezen | aanwezig: a@b.nl | overwegingen: ... (staf)\n"
        "  uitgaven, begroting [pijler|programmalijn|penvoerder|regels], cofinanciering BEDRAG"
    ),
    # The decision register for publication (Woo)
    "register.number": "Nummer",
    "register.date": "Datum",
    "register.kind": "Soort",
    "register.reference": "Referentie",
    "register.subject": "Onderwerp",
    "register.outcome": "Besluit",
    "register.amount": "Bedrag",
    "register.considerations": "Overwegingen",
    "register.conditions": "Voorwaarden",
    "register.present": "Aanwezig (besluitvormend)",
    "register.recused": "Onthouden",
    "register.objections": "Bezwaren",
    "register.requester": "Aanvrager",
    "register.under_objection": "Bezwaren aangetekend (§3.1)",
    "register.personal_data": "Persoonsgegevens in",
    "register.kind.idee": "idee/voorstel",
    "register.kind.uitgave": "uitgaveverzoek",
    "register.sheet": "Besluitenregister",
    "register.notes_sheet": "Toelichting",
    "register.note": (
        "Kolommen met * bevatten persoonsgegevens. In de Woo-versie (--woo) zijn die vervangen door "
        "functie en organisatie (art. 5.1 lid 2 sub e Woo)."
    ),
    "register.redacted": "[persoonsgegeven, 5.1.2e Woo]",
}

EN: dict[str, str] = {
    "budget.line.unknown": "Budget line '{line}' does not exist, so nothing was changed.",
    "budget.line.insufficient": (
        "Budget line '{line}' has {available} left and {amount} does not fit, so nothing was changed."
    ),
    "budget.line.below_committed": (
        "Budget line '{line}' cannot be set to {amount}: {committed} is already allocated."
    ),
    "budget.lines.exceed_total": ("The budget lines add up to {amount}, more than the programme total of {total}."),
    "budget.realisation.exceeds_commitment": ("{reference} has {open} left; spending {amount} does not fit."),
    "budget.release.exceeds_commitment": "{reference} has {open} left; releasing {amount} is not possible.",
    "budget.vat.over_cap": (
        "Execution costs (VAT) come to {amount}, above the cap of {cap} ({share} of the programme)."
    ),
    "budget.mandate.limit": (
        "{amount} is not below the mandate limit of {limit}: this request goes to the steering group."
    ),
    "budget.mandate.excluded_kind": (
        "A request of kind '{kind}' is outside the mandate (project, programme or experiment): "
        "it goes to the steering group."
    ),
    "budget.mandate.splitting": (

            "Together with {related} this purpose comes to {together} within {days} days, not below the mandate "
            "limit of {limit}, so possibly split up: it goes to the steering group."

    ),
    "budget.mandate.own_request": (
        "You do not decide on your own request ({reference}): it goes to the steering group."
    ),
    "budget.mandate.no_room": (
        "Budget line '{line}' has {available} left, not enough for {amount}: the request goes to the steering group."
    ),
    "budget.request.unknown_kind": "I do not know the kind '{kind}'; choose from: {kinds}.",
    "budget.request.no_purpose": "Say what the money is for (the purpose).",
    "budget.request.no_requester": "The request has no requester.",
    "budget.request.already_decided": (
        "Request {reference} has been decided already, so it cannot be approved or rejected again; type 'status "
    "{reference}' for the decision."
    ),
    "budget.request.with_stuurgroep": (
        "Request {reference} lies with the steering group and only the steering group decides on it now; the staff "
    "record that decision (decide-spend {reference} ...)."
    ),
    "budget.request.own_request": "You cannot decide on your own request ({reference}), so nothing was changed; "
    "'status {reference}' shows whose turn it is.",
    "budget.status.requested": "requested",
    "budget.status.approved": "approved",
    "budget.status.rejected": "rejected",
    "budget.status.to_stuurgroep": "with the steering group",
    "cofinancing.no_municipalities": "There are no municipalities to divide the cofinancing over.",
    "cofinancing.bad_population": (
        "The population of {municipality} ('{population}') must be a positive whole number."
    ),
    "cofinancing.bad_share": "The province's share ('{share}') must lie between 0 and 1.",
    "cofinancing.province_is_municipality": "{province} is also listed as a municipality.",
    "budget_import.unknown_layout": (

            "I do not recognise this table, so nothing was read: expected is a header row with the columns "
            "{expected} (optional: {optional}), found is {found}."

    ),
    "budget_import.unsupported_format": "{name}: I cannot read this type of file, only {formats}.",
    "budget_import.unreadable": "I cannot open or read {name}.",
    "budget_import.duplicate_column": "The column '{column}' appears twice in the header row.",
    "budget_import.rejected": (

            "{name} was not imported: {count:error|errors} on line(s) {lines}, so nothing was changed; correct the "
            "file and try again."

    ),
    "budget_import.row": "Line {line}, column {column}: {reason}",
    "budget_import.no_project": "This row has amounts but no project name.",
    "budget_import.no_penvoerder": "Project '{project}' has no penvoerder (lead partner).",
    "budget_import.duplicate_project": "Project {project} appears twice (first on line {first}).",
    "budget_import.text_ignored": "Text without a project skipped: '{text}'.",
    "budget_import.footnote_duplicate": (
        "Footnote mark {mark} appears {count} times; check which text belongs to which project."
    ),
    "budget_import.footnote_undefined": (
        "Project '{project}' refers to footnote {mark}, which is not below the table."
    ),
    "budget_import.footnote_unused": "Footnote {mark} belongs to no amount in the table.",
    "budget_import.group_conflict": "The heading says '{heading}', the total row '{total}'.",
    "budget_import.total_mismatch": (
        "Line {line} ({label}), {column}: declared {declared}, the rows add up to {computed} (difference {difference})."
    ),
    "budget_import.total_missing": (
        "Line {line} ({label}), {column}: no total declared, the rows add up to {computed}."
    ),
    "budget_import.remark": "Line {line}, {column}: remark kept instead of an amount: '{text}'.",
    "budget_import.summary": (
        "{name}: {projects} projects read, {remarks:remark|remarks}, "
        "{mismatches:total that does not add up|totals that do not add up}."
    ),
    "budget.report.title": "Budget by {group} and tranche",
    "budget.report.counts": "Number of projects per tranche",
    "budget.report.money": "Allocated, granted (beschikt), spent and remaining",
    "budget.report.group.pijler": "Pillar",
    "budget.report.group.programmalijn": "Programme line",
    "budget.report.group.penvoerder": "Lead partner",
    "budget.report.total": "Total",
    "budget.report.projects": "Projects",
    "budget.report.allocated": "Allocated",
    "budget.report.beschikt": "Granted (beschikt)",
    "budget.report.spent": "Spent",
    "budget.report.remaining": "Remaining",
    "budget.report.no_group": "(none)",
    "budget.report.empty": "There are no projects or bookings yet.",
    "budget.request.created": (
        "Spend request {reference} ({amount}, {kind}) was filed on line '{line}'. The programme "
        "director decides on it under the mandate."
    ),
    "budget.request.referred": (
        "Spend request {reference} ({amount}) is outside the mandate and waits for the next steering "
        "group meeting. {reasons}"
    ),
    "budget.request.per-member-body.referred": (
        "Spend request {reference} ({amount}) is outside the mandate: every college decides on spending itself. "
        "The office first records the portfolio holders' meeting's advice (pho-advice {reference} ...); then each "
        "account holder records the decision of their college. {reasons}"
    ),
    "budget.request.written-round.referred": (
        "Spend request {reference} ({amount}) is outside the mandate; the staff puts it to the steering group in a "
        "written round. {reasons}"
    ),
    "budget.notify.per-member-body.referred.subject": "[{reference}] Spend request to the colleges",
    "budget.notify.per-member-body.referred": (
        "Spend request {reference} ({amount}, '{purpose}') is outside the mandate and goes, after the portfolio "
        "holders' meeting's advice, to every college; each college decides itself.\n{reasons}"
    ),
    "budget.notify.written-round.referred.subject": "[{reference}] Spend request to a written round",
    "budget.notify.written-round.referred": (
        "Spend request {reference} ({amount}, '{purpose}') is outside the mandate; the steering group decides on "
        "it in a written round.\n{reasons}"
    ),
    "budget.mandate.none": "This programme gives no one a spending mandate: {amount} is decided on separately.",
    "budget.request.approved": (
        "Spend request {reference} was approved under the mandate: {amount} from line '{line}'. "
        "Still available on that line: {available}."
    ),
    "budget.request.rejected": "Spend request {reference} was rejected. The requester is told the reason.",
    "budget.request.stuurgroep_decided": (
        "Decision {number} on spend request {reference} ({amount}) recorded: {outcome}."
    ),
    "budget.request.unknown": "I know no spend request '{reference}'; type 'requests' for the open "
    "ones.",
    "budget.request.not_director": (
        "Only the programme director decides on spend requests under the mandate ({reference}), so nothing was "
    "changed: the request waits for the programme director and 'status {reference}' shows where it stands."
    ),
    "budget.request.not_registered": "Only people in the people register can request spending, so nothing was "
    "recorded; ask the staff to add you, or submit your plan as an idea ('idea').",
    "budget.request.reason_required": "Give a reason when rejecting: afwijzen {reference} REASON.",
    "budget.decision.not_staf": (
        "Only the staff record decisions of the steering group ({reference}), so nothing was changed; ask the staff "
    "to record the decision."
    ),
    "budget.line.no_programmalijn": (
        "Programme line '{programmalijn}' has no budget line, so the amount cannot be allocated anywhere and nothing "
    "was changed."
    ),
    "budget.line.no_mandate_line": "No budget line for costs under the mandate is set; name one (| regel: KEY).",
    "budget.line.set": "Budget line '{line}' is now {amount} (was {before}; steering group decision {decision}).",
    "budget.report.unknown_grouping": "I do not know the grouping '{by}'; choose from: {options}.",
    "budget_import.totals_differ": (
        "{name}: {count:declared total does|declared totals do} not match the rows (see above), so nothing was stored; "
    "correct the file, or take it over anyway with --accept-differences."
    ),
    "budget_import.stored": "{name}: {projects} projects stored.",
    "status.requested": "requested",
    "status.approved": "approved",
    "status.rejected": "rejected",
    "status.to_stuurgroep": "with the steering group",
    "budget.notify.requested.subject": "[{reference}] Spend request of {amount}",
    "budget.notify.requested": (
        "{requester} asks {amount} for '{purpose}' (kind {kind}, line {line}, idea {idea}).\n"
        "Approve: goedkeuren {reference}\nReject: afwijzen {reference} REASON"
    ),
    "budget.notify.referred.subject": "[{reference}] Spend request to the steering group",
    "budget.notify.referred": (
        "Spend request {reference} ({amount}, '{purpose}') is outside the programme director's mandate "
        "and goes to the next steering group meeting.\n{reasons}"
    ),
    "budget.notify.decided.subject": "[{reference}] Spend request {state}",
    "budget.notify.decided": "Your spend request {reference} ({amount}, '{purpose}') was {state}.\n{reason}",
    "budget.requests.header": "Open spend requests:",
    "budget.requests.none": "There are no open spend requests.",
    "budget.requests.line": "  {reference}  {date}  {amount:>14}  {kind:<12} {state:<20} {purpose} ({requester})",
    "budget.lines.header": "Budget lines (budgeted, allocated, spent, available):",
    "budget.lines.line": "  {key:<32} {budget:>16} {committed:>16} {spent:>16} {available:>16}  {name}",
    "budget.mandate_report.title": (
        "Mandate report: spending the programme director settled alone (below {limit}) since {since}"
    ),
    "budget.mandate_report.line": (
        "  {reference}  {date}  {amount:>14}  {kind:<12} {purpose} (requester {requester}, line {line})"
    ),
    "budget.mandate_report.total": "Total under the mandate: {total} in {count:request|requests}.",
    "budget.mandate_report.none": "No spending under the mandate was approved since {since}.",
    "budget.mandate_report.rejected_header": "Rejected under the mandate:",
    "budget.mandate_report.referred_header": "Outside the mandate, for the steering group to decide:",
    "budget.cofinancing.header": (
        "Cofinancing of {amount}: {province} pays {share}, the municipalities the rest by population."
    ),
    "budget.cofinancing.header_municipalities": "Cofinancing of {amount}: the municipalities pay all of it by "
    "population.",
    "budget.cofinancing.line": "  {name:<28} {amount:>16}",
    "budget.cofinancing.source": "Populations: reference year {year}; source: {source}.",
    "budget.help": (
        "Budget and mandate:\n"
        "  uitgave AMOUNT DESCRIPTION [voor REF] [| soort: onderzoek|samenwerking|overig|project] "
        "[| regel: KEY]\n"
        "  goedkeuren REF / afwijzen REF REASON (programme director)\n"
        "  besluit-uitgave REF akkoord|afgewezen | aanwezig: a@b.nl | overwegingen: ... (staff)\n"
        "  uitgaven, begroting [pijler|programmalijn|penvoerder|regels], cofinanciering AMOUNT"
    ),
    "register.number": "Number",
    "register.date": "Date",
    "register.kind": "Kind",
    "register.reference": "Reference",
    "register.subject": "Subject",
    "register.outcome": "Decision",
    "register.amount": "Amount",
    "register.considerations": "Considerations",
    "register.conditions": "Conditions",
    "register.present": "Present (deciding)",
    "register.recused": "Recused",
    "register.objections": "Objections",
    "register.requester": "Requester",
    "register.under_objection": "Objections filed (§3.1)",
    "register.personal_data": "Personal data in",
    "register.kind.idee": "idea/proposal",
    "register.kind.uitgave": "spend request",
    "register.sheet": "Decision register",
    "register.notes_sheet": "Notes",
    "register.note": (
        "Columns marked * hold personal data. In the Woo version (--woo) it is replaced by function and "
        "organisation (art. 5.1(2)(e) Woo)."
    ),
    "register.redacted": "[personal data, 5.1.2e Woo]",
}
