"""Wording of the Programmaplan's rules as vaart enforces them: each refusal names its rule and,
where the plan gives one, its passage (§3.1 consensus, §3.1/§3.4 role purity, Bijlage 4 the
rejection criterion and completeness, §6 mandate and VAT cap, §8 the programme period, Bijlage 2
the meeting calendar), and what one can do instead."""

from __future__ import annotations

NL: dict[str, str] = {
    # -- role purity (§3.1, §3.4) -------------------------------------------------------------
    "roles.purity": "Rolzuiverheid (§3.1): op elk niveau van besturing vervult één persoon maar één functie; "
    "{first} en {second} horen allebei bij {level} ({source}).",
    "roles.exclusive": "Rolzuiverheid (§3.1): wie {role} is, hoort bij {level} en vervult geen andere functie in "
    "het programma, dus niet ook {other} ({source}).",
    "roles.incompatible_levels": "Rolzuiverheid (§3.1): niemand hoort tegelijk bij {first_level} en "
    "{second_level}, dus {first} en {second} gaan niet samen ({source}).",
    "roles.incompatible": "Rolzuiverheid (§3.1): {first} en {second} mogen niet door dezelfde persoon worden "
    "vervuld ({source}).",
    # -- the stuurgroep decision (§3.1, §4.1, Bijlage 4) --------------------------------------
    "decision.no_consensus": "Besluitvorming vindt plaats op basis van overeenstemming (consensus, §3.1): er staan "
    "nog {count} bezwaren, dus er wordt geen besluit '{outcome}' over {reference} vastgelegd en het blijft op de "
    "agenda; leg bij een voorstel vast dat er geen consensus is: geen-consensus {reference} | bezwaren: ...",
    "decision.rejection_criterion": "Akkoord kan niet: in het advies over {reference} voldoet '{criterion}' niet, en "
    "dat is een afwijzingscriterium (Bijlage 4: andere financieringsbronnen zoals EFRO of Interreg mogelijk), dus "
    "besluit 'afgewezen' of 'terug' naar het ontwerpteam.",
    "decision.no_advice": "Akkoord kan niet: er ligt geen advies van het expertteam over {reference} (§3.1: op basis "
    "van het (ontwikkel)advies besluit de stuurgroep), dus het expertteam legt eerst een advies vast (advies "
    "{reference}).",
    "decision.before_meeting": "De stuurgroep besluit in haar vergadering: {reference} staat op de agenda van "
    "{date}, dus het besluit wordt pas vanaf die dag vastgelegd (nu is het {today}).",
    "decision.objections_required": "Noem de bezwaren die de consensus tegenhielden (bezwaren: ...; ...).",
    "idea.no_consensus_recorded": "Vastgelegd: geen consensus over {reference} in de stuurgroep van {date} "
    "({count} bezwaren). Dit is geen besluit. Het voorstel staat nu op de agenda van {next}.",
    "idea.no_consensus_stays": "Vastgelegd: geen consensus over {reference} in de stuurgroep van {date} "
    "({count} bezwaren). Dit is geen besluit. Er is nog geen volgende stuurgroep; het voorstel blijft "
    "geagendeerd tot de staf er een toevoegt.",
    "notify.no_consensus.subject": "Geen consensus over {reference} {title}",
    "notify.no_consensus": "De stuurgroep van {date} bereikte geen overeenstemming over {reference} {title}; er "
    "is geen besluit genomen. Bezwaren: {objections}. Het voorstel komt terug op de agenda van {next}.",
    "outcome.geen_consensus": "geen consensus (geen besluit)",
    "next.alliantie": "Een bestaande partij doet dit al; door of met die partij wordt een voorstel gemaakt dat, "
    "rijp voor toetsing en besluitvorming, dezelfde route gaat (voorstel {reference} project|programma|experiment).",
    # -- completeness (Bijlage 4, §5) -----------------------------------------------------------
    "idea.din_missing": "{reference} kan nog niet naar toetsing: Bijlage 4 vraagt een onderbouwing van de bijdrage "
    "aan de (sub)doelen (DIN) en §5 koppelt elke interventie aan de leidende principes; koppel eerst: {missing} "
    "(din {reference} subdoel|principe WAARDE).",
    # -- penvoerder (§3.1) --------------------------------------------------------------------
    "idea.penvoerder_set": "Penvoerder van {reference}: {penvoerder} (was: {previous}).",
    "idea.penvoerder_unchanged": "{penvoerder} is al de penvoerder van {reference}.",
    "status.penvoerder": "Penvoerder: {penvoerder}",
    # -- the programme period (§8) ------------------------------------------------------------
    "period.meeting": "{date} valt buiten de looptijd van het programma ({first}-{last}, §8); daar wordt geen "
    "vergadering gepland.",
    "period.year": "{year} valt buiten de looptijd van het programma ({first}-{last}, §8); daarvoor is er geen "
    "vergaderkalender.",
    "period.route": "{date} valt buiten de looptijd van het programma ({first}-{last}, §8)",
    "period.spend": "Vandaag ({date}) valt buiten de looptijd van het programma ({first}-{last}, §8); er worden geen "
    "uitgaven meer aangevraagd.",
    "period.year_without_calendar": "voor {year} geeft het programmabestand geen vergaderingen: Bijlage 2 begint in "
    "2024 en de vergaderregels gelden vanaf {rules_from}; voeg vergaderingen toe met 'vergadering GREMIUM DATUM'",
    "period.year_without_rules": "voor {year} geeft het programmabestand geen vergaderingen, want het heeft geen "
    "vergaderregels; voeg vergaderingen toe met 'vergadering GREMIUM DATUM'",
    # -- the meeting calendar (Bijlage 2) -------------------------------------------------------
    "meeting.lonely_week": "in week {week} vergadert verder niemand (Bijlage 2: geen vergaderingen in de weken "
    "31-34 en 52); controleer of de documentroute naar de stuurgroep van {date} dan loopt",
    "ics.assumed": "Datum volgens de vergaderregel van het programmabestand (aanname); de staf kan hem verplaatsen.",
    "meetings.mark_assumed": " (aanname)",
    # -- the mandate (§6) ---------------------------------------------------------------------
    "budget.mandate.project_stage": "{idea} is al een voorstel of project ({stage}); kosten daarvoor vallen niet "
    "onder het mandaat (§6: 'niet zijnde een project/programma/experiment') en gaan naar de stuurgroep.",
    # -- the begroting (§6) ---------------------------------------------------------------------
    "budget.line.over_cap": "De begrotingsregel {line} kan niet op {amount}: het programmaplan begrenst hem op {cap} "
    "({source}), en een ander plafond is een wijziging van het programmabestand, geen commando.",
}

EN: dict[str, str] = {
    "roles.purity": "Role purity (§3.1): at every level of governance one person holds one function; {first} and "
    "{second} both belong to {level} ({source}).",
    "roles.exclusive": "Role purity (§3.1): {role} belongs to {level} and holds no other function in the "
    "programme, so not {other} as well ({source}).",
    "roles.incompatible_levels": "Role purity (§3.1): nobody belongs to both {first_level} and {second_level}, so "
    "{first} and {second} do not go together ({source}).",
    "roles.incompatible": "Role purity (§3.1): {first} and {second} may not be held by the same person ({source}).",
    "decision.no_consensus": "Decisions are taken by consensus (overeenstemming, §3.1): {count} objections still "
    "stand, so no '{outcome}' decision on {reference} is recorded and it stays on the agenda; for a proposal, record "
    "that there was no consensus: no-consensus {reference} | bezwaren: ...",
    "decision.rejection_criterion": "Akkoord is impossible: in the advice on {reference} '{criterion}' is not met, "
    "and that is a rejection criterion (Bijlage 4: other funding such as EFRO or Interreg possible), so decide "
    "'afgewezen' or 'terug' to the design team.",
    "decision.no_advice": "Akkoord is impossible: there is no expert team advice on {reference} (§3.1: the steering "
    "group decides on the basis of the (development) advice), so the expert team first records an advice (advice "
    "{reference}).",
    "decision.before_meeting": "The steering group decides in its meeting: {reference} is on the agenda of {date}, "
    "so the decision can be recorded from that day on (it is {today} now).",
    "decision.objections_required": "Name the objections that stood in the way of consensus (bezwaren: ...; ...).",
    "idea.no_consensus_recorded": "Recorded: no consensus on {reference} in the steering group of {date} ({count} "
    "objections). This is not a decision. The proposal is now on the agenda of {next}.",
    "idea.no_consensus_stays": "Recorded: no consensus on {reference} in the steering group of {date} ({count} "
    "objections). This is not a decision. There is no next steering group meeting yet; the proposal stays "
    "scheduled until the staff add one.",
    "notify.no_consensus.subject": "No consensus on {reference} {title}",
    "notify.no_consensus": "The steering group of {date} reached no consensus on {reference} {title}; no decision "
    "was taken. Objections: {objections}. The proposal returns on the agenda of {next}.",
    "outcome.geen_consensus": "no consensus (not a decision)",
    "next.alliantie": "An existing party already does this; a proposal is made by or with that party and, ripe for "
    "assessment and decision, takes the same route (proposal {reference} project|programma|experiment).",
    "idea.din_missing": "{reference} cannot go to assessment yet: Bijlage 4 asks how it contributes to the "
    "(sub)goals (DIN) and §5 links every intervention to the guiding principles; link first: {missing} "
    "(link {reference} sub-goal|principle VALUE).",
    "idea.penvoerder_set": "Lead partner (penvoerder) of {reference}: {penvoerder} (was: {previous}).",
    "idea.penvoerder_unchanged": "{penvoerder} already is the lead partner of {reference}.",
    "status.penvoerder": "Lead partner (penvoerder): {penvoerder}",
    "period.meeting": "{date} lies outside the programme period ({first}-{last}, §8); no meeting is planned then.",
    "period.year": "{year} lies outside the programme period ({first}-{last}, §8); there is no meeting calendar "
    "for it.",
    "period.route": "{date} lies outside the programme period ({first}-{last}, §8)",
    "period.spend": "Today ({date}) lies outside the programme period ({first}-{last}, §8); no more spend requests "
    "are taken.",
    "period.year_without_calendar": "the programme file gives no meetings for {year}: Bijlage 2 starts in 2024 and "
    "the meeting rules hold from {rules_from}; add meetings with 'vergadering GREMIUM DATE'",
    "period.year_without_rules": "the programme file gives no meetings for {year}, as it has no meeting rules; add "
    "meetings with 'vergadering GREMIUM DATE'",
    "meeting.lonely_week": "nobody else meets in week {week} (Bijlage 2: no meetings in weeks 31-34 and 52); check "
    "that the document route to the steering group of {date} works then",
    "ics.assumed": "Date from the programme file's meeting rule (an assumption); the staff can move it.",
    "meetings.mark_assumed": " (assumption)",
    "budget.mandate.project_stage": "{idea} already is a proposal or project ({stage}); its costs are not under "
    "the mandate (§6: 'niet zijnde een project/programma/experiment') and go to the steering group.",
    "budget.line.over_cap": "Budget line {line} cannot be set to {amount}: the programme plan caps it at {cap} "
    "({source}), and another cap is a change to the programme file, not a command.",
}
