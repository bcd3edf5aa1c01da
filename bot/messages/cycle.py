"""Wording of the programme cycle: budget lines set by the stuurgroep (§6), DIN coverage (§5),
objections against decisions (§3.1) and escalation to the ambtelijk facilitators (§3.2)."""

from __future__ import annotations

NL: dict[str, str] = {
    # -- the budget is set by the stuurgroep (§6) --------------------------------------------
    "budget.line.decision_needed": "Een begrotingsregel verandert alleen door een stuurgroepbesluit (§6: de "
    "stuurgroep stelt de begroting en elke herziening vast), dus er is niets veranderd; noem het besluit met "
    "--besluit en het nummer uit het besluitenregister.",
    "budget.line.decision_unknown": "Besluit '{number}' staat niet in het besluitenregister, dus de "
    "begrotingsregel blijft zoals hij is.",
    "budget.line.decision_not_budget": "Besluit '{number}' is geen begrotingsbesluit van de stuurgroep (een "
    "akkoord op een voorstel of uitgave stelt geen begrotingsregel vast), dus er is niets veranderd.",
    "budget.resolution.recorded": "Begrotingsbesluit {number} ({kind}) van de stuurgroep op {date} vastgelegd: "
    "{text}",
    "budget.resolution.unknown_kind": "'{kind}' is geen soort begrotingsbesluit; kies begroting of herziening, "
    "er is niets vastgelegd.",
    "budget.resolution.not_allowed": "Alleen de staf of de programmadirecteur legt een begrotingsbesluit van de "
    "stuurgroep vast, dus er is niets vastgelegd.",
    "budget.resolution.no_meeting": "Op {date} staat geen stuurgroepvergadering in de kalender en de stuurgroep "
    "besluit in haar vergadering, dus er is niets vastgelegd; kies de datum van die vergadering (zie "
    "'vergaderingen stuurgroep').",
    "budget.resolution.in_future": "De stuurgroepvergadering van {date} is nog niet geweest, dus er is nog geen "
    "besluit; leg het vast na de vergadering.",
    "budget.resolution.kind.begroting": "begroting",
    "budget.resolution.kind.herziening": "herziening",
    "register.kind.begroting": "begroting",
    "status.decision.about.budget": "Over de begroting ({reference}, §6).",
    "status.decision.next_budget": "een begrotingsregel die dit besluit volgt, zet de staf met 'vaart budget "
    "set-line SLEUTEL BEDRAG --besluit' en dit nummer.",
    "budget.history.header": "Geschiedenis van begrotingsregel '{line}' (wanneer, van, naar, besluit, door):",
    "budget.history.line": "  {at}  {before:>16} -> {after:>16}  {decision}  {by}",
    "budget.history.none": "Begrotingsregel '{line}' is nog niet gewijzigd sinds hij uit het programmabestand kwam.",
    # -- DIN coverage (§5) --------------------------------------------------------------------
    "coverage.header": "DIN-dekking (§5: waar we nog moeten investeren): {count} onderdelen, {empty} zonder "
    "iets eraan gekoppeld (met ! gemarkeerd, bovenaan). Per onderdeel: ideeën / voorstellen / projecten, toegekend.",
    "coverage.line": "{mark} {kind:<14} {name}: {ideas} / {proposals} / {projects}, {allocated}",
    "coverage.mark_empty": "!",
    "coverage.kind.opgave": "opgave",
    "coverage.kind.programmalijn": "programmalijn",
    "coverage.kind.subdoel": "subdoel",
    "coverage.kind.principe": "principe",
    "coverage.chart_title": "DIN-dekking: programmalijn x opgave (aantal gekoppelde ideeën)",
    "coverage.chart_scale": "ideeën, voorstellen en projecten",
    # -- objections (§3.1) --------------------------------------------------------------------
    "objection.kind.inhoud": "inhoud",
    "objection.kind.proces": "proces",
    "objection.unknown_kind": "Een bezwaar gaat over de inhoud of over het proces (§3.1), niet over '{kind}': "
    "bezwaar BESLUIT inhoud|proces TEKST.",
    "objection.unknown_decision": "Besluit '{number}' staat niet in het besluitenregister, dus er kan geen "
    "bezwaar tegen worden aangetekend.",
    "objection.too_late": "De bezwaartermijn van {days} dagen voor besluit {number} van {date} liep tot en met "
    "{last}, dus er is geen bezwaar vastgelegd; vraag de staf wat nog mogelijk is.",
    "objection.no_province_contact": "Het programmabestand noemt geen contact bij de provincie ([bezwaar] "
    "provincie_contact), dus een bezwaar op het proces kan nog niet worden doorgestuurd; vraag de beheerder het "
    "contact in het programmabestand te zetten.",
    "objection.filed_inhoud": "Bezwaar {reference} tegen besluit {number} ({subject}) is vastgelegd. Het gaat "
    "over de inhoud en staat op de agenda van de stuurgroep van {meeting} (§3.1).",
    "objection.filed_inhoud_no_meeting": "Bezwaar {reference} tegen besluit {number} ({subject}) is vastgelegd. "
    "Het gaat over de inhoud en gaat naar de stuurgroep; er is nog geen volgende vergadering, de staf agendeert "
    "het zodra die er is.",
    "objection.filed_inhoud_bodies": "Bezwaar {reference} tegen besluit {number} ({subject}) is vastgelegd; het "
    "gaat over de inhoud en elk college dat besloot behandelt het zelf, dus de accounthouders zijn ingelicht.",
    "objection.to_body": "{by} tekende bezwaar {reference} aan tegen besluit {number} ({subject}), over de "
    "inhoud: {text}\nHet college van {body} besloot mee en behandelt het bezwaar; de staf legt de behandeling "
    "vast met: bezwaar-afhandeling {reference} TEKST [| uitkomst: ...]",
    "objection.to_body.subject": "[{reference}] Bezwaar tegen besluit {number}: voor het college van {body}",
    "objection.filed_proces": "Bezwaar {reference} tegen besluit {number} ({subject}) is vastgelegd. Het gaat "
    "over het proces en is per mail naar {province} ({meeting}) gestuurd, die de Bezwarencommissie volgt (§3.1).",
    "objection.to_province.subject": "Bezwaar {reference} op het proces van besluit {number}",
    "objection.to_province": "Bij de Regio Deal is bezwaar {reference} aangetekend op het proces van besluit "
    "{number} ({subject}), door {by}.\n\n{text}\n\nVolgens het Programmaplan (§3.1) gaat een bezwaar op het "
    "proces naar de provincie en volgen we het oordeel van de Bezwarencommissie.",
    "objection.to_staf.subject": "Bezwaar {reference} tegen besluit {number}",
    "objection.to_staf": "{by} tekende bezwaar {reference} aan tegen besluit {number} ({subject}), over de "
    "{kind}: {text}\nLeg de behandeling vast met: bezwaar-afhandeling {reference} TEKST [| uitkomst: ...]",
    "objection.wrong_role": "Alleen {roles} legt de behandeling van een bezwaar vast.",
    "objection.unknown": "Ik ken geen bezwaar '{reference}'; het nummer staat in de ontvangstbevestiging van het "
    "bezwaar.",
    "objection.closed": "Bezwaar {reference} is al afgehandeld, dus er is niets veranderd; 'status {reference}' "
    "toont de uitkomst.",
    "objection.in_handling": "Behandeling van bezwaar {reference} (besluit {number}) vastgelegd: {handling}.",
    "objection.handled": "Bezwaar {reference} (besluit {number}) is afgehandeld met uitkomst: {outcome}.",
    "objection.handling_notice.subject": "Uw bezwaar {reference} is in behandeling",
    "objection.handling_notice": "Uw bezwaar {reference} tegen besluit {number} is in behandeling: {handling}.",
    "objection.closed_notice.subject": "Uw bezwaar {reference} is afgehandeld",
    "objection.closed_notice": "Uw bezwaar {reference} tegen besluit {number} is afgehandeld. Uitkomst: "
    "{outcome}.",
    "objections.none": "Er zijn geen openstaande bezwaren.",
    "objections.header": "Bezwaren (nieuwste eerst):",
    "objections.line": "  {reference}  {date}  besluit {number}  {kind:<7} {status:<14} {by}: {text}",
    "objection.status.ingediend": "ingediend",
    "objection.status.in_behandeling": "in behandeling",
    "objection.status.afgehandeld": "afgehandeld",
    "decisions.under_objection": "  [bezwaar: {count}]",
    "agenda.objection_header": "Bezwaren op de inhoud van een besluit (§3.1):",
    "agenda.objection_item": "  {reference} tegen besluit {number}: {text}",
    "cycle.unknown_reference": "Ik ken '{reference}' niet als begin van de volgende bladzijde.",
    # -- escalation (§3.2) --------------------------------------------------------------------
    "escalation.wrong_role": "Escaleren naar de ambtelijk facilitators (§3.2) doet {roles}; er is niets "
    "veranderd.",
    "escalation.unknown_subject": "Ik ken geen idee of project '{reference}' om te escaleren.",
    "escalation.already_open": "{subject} ligt al voor bij de ambtelijk facilitators ({reference}), dus wacht op hun "
    "uitkomst ('status {reference}' toont de stand).",
    "escalation.no_facilitators": "Het programmabestand noemt geen ambtelijk facilitators ([escalatie]), dus er is "
    "niemand om naar te escaleren; vraag de beheerder ze in het programmabestand te zetten.",
    "escalation.raised": "Escalatie {reference}: {subject} {title} ligt nu voor bij de ambtelijk facilitators "
    "({facilitators}), in de chat en per mail (§3.2).",
    "escalation.notice.subject": "Escalatie {reference}: {subject} {title}",
    "escalation.notice": "{by} legt {subject} {title} aan u voor als ambtelijk facilitator (§3.2). Reden: "
    "{reason}\nLeg de uitkomst vast met: escalatie {subject} uitkomst TEKST",
    "escalation.not_facilitator": "Alleen een ambtelijk facilitator (§3.2) legt de uitkomst van een escalatie vast, "
    "dus er is niets veranderd; vraag een van hen de uitkomst vast te leggen.",
    "escalation.unknown": "Er ligt geen open escalatie '{reference}' voor.",
    "escalation.closed": "Escalatie {reference} over {subject} heeft al een uitkomst, dus er is niets veranderd: "
    "'status {reference}' toont de uitkomst en opnieuw escaleren kan met 'escaleer {subject} REDEN'.",
    "escalation.concluded": "Uitkomst van escalatie {reference} ({subject}) vastgelegd: {outcome}.",
    "escalation.concluded_notice.subject": "Uitkomst escalatie {reference} ({subject})",
    "escalation.concluded_notice": "De ambtelijk facilitators ({by}) hebben escalatie {reference} over {subject} "
    "afgerond. Uitkomst: {outcome}",
    "escalation.status_open": "Escalatie: {reference} ligt sinds {date} voor bij de ambtelijk facilitators "
    "(reden: {reason}).",
    "escalation.status_open_plain": "Escalatie: {reference} ligt sinds {date} voor bij de ambtelijk facilitators.",
    "escalation.status_done": "Escalatie: {reference} van {date} afgerond op {done}: {outcome}",
    "escalations.none": "Er zijn geen open escalaties.",
    "escalations.header": "Escalaties (nieuwste eerst):",
    "escalations.line": "  {reference}  {date}  {subject}  {status}  {by}: {reason}",
    "escalation.status.open": "open",
    "escalation.status.afgehandeld": "afgerond",
}

EN: dict[str, str] = {
    "budget.line.decision_needed": "A budget line changes only by a steering group decision (§6: the steering group "
    "adopts the budget and each revision), so nothing was changed; name it with --besluit and its number in the "
    "decision register.",
    "budget.line.decision_unknown": "Decision '{number}' is not in the decision register, so the budget line "
    "stays as it is.",
    "budget.line.decision_not_budget": "Decision '{number}' is not a budget decision of the steering group "
    "(an approval of a proposal or spending sets no budget line), so nothing was changed.",
    "budget.resolution.recorded": "Budget decision {number} ({kind}) of the steering group on {date} recorded: "
    "{text}",
    "budget.resolution.unknown_kind": "'{kind}' is not a kind of budget decision; choose begroting (budget) or "
    "herziening (revision), nothing was recorded.",
    "budget.resolution.not_allowed": "Only the staff or the programme director may record a budget decision of the "
    "steering group, so nothing was recorded.",
    "budget.resolution.no_meeting": "There is no steering group meeting on {date} in the calendar and the steering "
    "group decides in its meeting, so nothing was recorded; choose the date of that meeting (see 'meetings "
    "stuurgroep').",
    "budget.resolution.in_future": "The steering group meeting of {date} has not taken place yet, so there is no "
    "decision yet; record it after the meeting.",
    "budget.resolution.kind.begroting": "budget",
    "budget.resolution.kind.herziening": "revision",
    "register.kind.begroting": "budget",
    "status.decision.about.budget": "On the budget ({reference}, §6).",
    "status.decision.next_budget": "the staff sets a budget line that follows this decision with 'vaart budget "
    "set-line KEY AMOUNT --besluit' and this number.",
    "budget.history.header": "History of budget line '{line}' (when, from, to, decision, by):",
    "budget.history.line": "  {at}  {before:>16} -> {after:>16}  {decision}  {by}",
    "budget.history.none": "Budget line '{line}' has not been changed since it came from the programme file.",
    "coverage.header": "DIN coverage (§5: where we still need to invest): {count} elements, {empty} with nothing "
    "linked (marked !, at the top). Per element: ideas / proposals / projects, allocated.",
    "coverage.line": "{mark} {kind:<14} {name}: {ideas} / {proposals} / {projects}, {allocated}",
    "coverage.mark_empty": "!",
    "coverage.kind.opgave": "challenge",
    "coverage.kind.programmalijn": "programme line",
    "coverage.kind.subdoel": "sub-goal",
    "coverage.kind.principe": "principle",
    "coverage.chart_title": "DIN coverage: programme line x challenge (ideas linked)",
    "coverage.chart_scale": "ideas, proposals and projects",
    "objection.kind.inhoud": "content",
    "objection.kind.proces": "process",
    "objection.unknown_kind": "An objection is about the content or about the process (§3.1), not about "
    "'{kind}': bezwaar DECISION inhoud|proces TEXT.",
    "objection.unknown_decision": "Decision '{number}' is not in the decision register, so no objection can be "
    "filed against it.",
    "objection.too_late": "The objection term of {days} days for decision {number} of {date} ran until {last} "
    "inclusive, so no objection was recorded; ask the staff what is still possible.",
    "objection.no_province_contact": "The programme file names no contact at the province ([bezwaar] "
    "provincie_contact), so an objection on the process cannot be forwarded yet; ask the administrator to put the "
    "contact in the programme file.",
    "objection.filed_inhoud": "Objection {reference} against decision {number} ({subject}) is recorded. It is "
    "about the content and is on the agenda of the steering group of {meeting} (§3.1).",
    "objection.filed_inhoud_no_meeting": "Objection {reference} against decision {number} ({subject}) is "
    "recorded. It is about the content and goes to the steering group; there is no next meeting yet, the staff "
    "will schedule it once there is.",
    "objection.filed_inhoud_bodies": "Objection {reference} against decision {number} ({subject}) is recorded; "
    "it is about the content and every council that decided handles it itself, so the accounthouders have been "
    "told.",
    "objection.to_body": "{by} filed objection {reference} against decision {number} ({subject}), on the "
    "content: {text}\nThe council of {body} took part in the decision and handles the objection; the staff "
    "records its handling with: bezwaar-afhandeling {reference} TEXT [| uitkomst: ...]",
    "objection.to_body.subject": "[{reference}] Objection against decision {number}: for the council of {body}",
    "objection.filed_proces": "Objection {reference} against decision {number} ({subject}) is recorded. It is "
    "about the process and was mailed to {province} ({meeting}), whose objections committee we follow (§3.1).",
    "objection.to_province.subject": "Objection {reference} on the process of decision {number}",
    "objection.to_province": "Objection {reference} was filed with the Regio Deal on the process of decision "
    "{number} ({subject}), by {by}.\n\n{text}\n\nUnder the programme plan (§3.1) an objection on the process "
    "goes to the province, and we follow the judgement of its objections committee.",
    "objection.to_staf.subject": "Objection {reference} against decision {number}",
    "objection.to_staf": "{by} filed objection {reference} against decision {number} ({subject}), on the "
    "{kind}: {text}\nRecord its handling with: bezwaar-afhandeling {reference} TEXT [| uitkomst: ...]",
    "objection.wrong_role": "Only {roles} records how an objection is handled.",
    "objection.unknown": "I know no objection '{reference}'; the number is in the objection's acknowledgement.",
    "objection.closed": "Objection {reference} is already closed, so nothing was changed; 'status {reference}' shows "
    "the outcome.",
    "objection.in_handling": "Handling of objection {reference} (decision {number}) recorded: {handling}.",
    "objection.handled": "Objection {reference} (decision {number}) is closed with outcome: {outcome}.",
    "objection.handling_notice.subject": "Your objection {reference} is being handled",
    "objection.handling_notice": "Your objection {reference} against decision {number} is being handled: "
    "{handling}.",
    "objection.closed_notice.subject": "Your objection {reference} is closed",
    "objection.closed_notice": "Your objection {reference} against decision {number} is closed. Outcome: "
    "{outcome}.",
    "objections.none": "There are no open objections.",
    "objections.header": "Objections (newest first):",
    "objections.line": "  {reference}  {date}  decision {number}  {kind:<7} {status:<14} {by}: {text}",
    "objection.status.ingediend": "filed",
    "objection.status.in_behandeling": "being handled",
    "objection.status.afgehandeld": "closed",
    "decisions.under_objection": "  [objection: {count}]",
    "agenda.objection_header": "Objections on the content of a decision (§3.1):",
    "agenda.objection_item": "  {reference} against decision {number}: {text}",
    "cycle.unknown_reference": "I do not know '{reference}' as the start of the next page.",
    "escalation.wrong_role": "Escalating to the civil-service facilitators (§3.2) is for {roles}; nothing was "
    "changed.",
    "escalation.unknown_subject": "I know no idea or project '{reference}' to escalate.",
    "escalation.already_open": "{subject} is already before the civil-service facilitators ({reference}), so wait "
    "for their outcome ('status {reference}' shows where it stands).",
    "escalation.no_facilitators": "The programme file names no civil-service facilitators ([escalatie]), so there is "
    "nobody to escalate to; ask the administrator to put them in the programme file.",
    "escalation.raised": "Escalation {reference}: {subject} {title} is now before the civil-service facilitators "
    "({facilitators}), in chat and by mail (§3.2).",
    "escalation.notice.subject": "Escalation {reference}: {subject} {title}",
    "escalation.notice": "{by} puts {subject} {title} before you as civil-service facilitator (§3.2). Reason: "
    "{reason}\nRecord the outcome with: escalatie {subject} uitkomst TEXT",
    "escalation.not_facilitator": "Only a civil-service facilitator (§3.2) records the outcome of an escalation, so "
    "nothing was changed; ask one of them to record the outcome.",
    "escalation.unknown": "There is no open escalation '{reference}'.",
    "escalation.closed": "Escalation {reference} about {subject} already has an outcome, so nothing was changed: "
    "'status {reference}' shows the outcome and 'escalate {subject} REASON' escalates it again.",
    "escalation.concluded": "Outcome of escalation {reference} ({subject}) recorded: {outcome}.",
    "escalation.concluded_notice.subject": "Outcome of escalation {reference} ({subject})",
    "escalation.concluded_notice": "The civil-service facilitators ({by}) concluded escalation {reference} about "
    "{subject}. Outcome: {outcome}",
    "escalation.status_open": "Escalation: {reference} has been before the civil-service facilitators since "
    "{date} (reason: {reason}).",
    "escalation.status_open_plain": "Escalation: {reference} has been before the civil-service facilitators "
    "since {date}.",
    "escalation.status_done": "Escalation: {reference} of {date} concluded on {done}: {outcome}",
    "escalations.none": "There are no open escalations.",
    "escalations.header": "Escalations (newest first):",
    "escalations.line": "  {reference}  {date}  {subject}  {status}  {by}: {reason}",
    "escalation.status.open": "open",
    "escalation.status.afgehandeld": "concluded",
}
