"""Wording of the governance profile (`[besturing]`): a programme file whose profile contradicts
itself, steps and procedures a programme does not have, and the `per-member-body` procedure (the
preparatory advice of the PHO, each college's decision, the tally)."""

from __future__ import annotations

NL: dict[str, str] = {
    # -- a programme file that cannot start (one sentence: the file, the line, the problem) -----
    "programme.invalid": "Het programmabestand {file} start niet: op regel {line} {problem}, dus verbeter die "
    "regel eerst.",
    "profile.not_a_table": "moet '{key}' een tabel zijn",
    "profile.not_a_list": "moet '{key}' een lijst van teksten zijn",
    "profile.bad_accounthouder": "mist [[accounthouders]] nummer {number} een organisatie, naam of e-mailadres",
    "profile.duplicate_accounthouder": "staat accounthouder {email} twee keer in het bestand",
    "profile.accounthouders_without_role": "noemt het bestand accounthouders, maar geen besluit met een "
    "accounthouder_rol",
    "profile.unknown_step": "staat de stap '{step}', die vaart niet kent (kies uit: {options})",
    "profile.gremium_without_level": "heeft het gremium '{gremium}' geen niveau (niveau = ...)",
    "profile.unknown_role": "noemt '{gremium}' de rol '{role}', en die rol staat niet onder [rollen]",
    "profile.role_on_two_levels": "staat de rol '{role}' op twee niveaus, '{first}' onder [rollen] en '{second}' "
    "in het gremium '{gremium}', terwijl een functie bij één niveau van besturing hoort",
    "profile.unknown_decision_kind": "staat het besluit '{kind}', dat vaart niet kent (kies uit: {options})",
    "profile.unknown_procedure": "staat voor '{kind}' de besluitprocedure '{procedure}', die vaart niet kent "
    "(kies uit: {options})",
    "profile.unknown_gremium": "wordt '{kind}' voorbereid of besloten door het gremium '{gremium}', en dat gremium "
    "bestaat niet onder [besturing.gremia]",
    "profile.no_bodies": "besluit het gremium '{gremium}' per lid, maar het heeft geen leden (leden)",
    "profile.bad_quorum": "is de regel '{rule}' niet 'allen' en ook geen aantal van 1 tot en met {count} leden",
    "profile.round_without_section": "besluit '{kind}' met 'written-round', maar het programmabestand heeft geen "
    "[schriftelijke_ronde] die zegt wie er stemt",
    "profile.consensus_needs_toetsing": "ontbreekt de stap 'toetsing', terwijl een voorstel met "
    "'consensus-in-meeting' alleen akkoord krijgt met het advies van het expertteam",
    # -- steps and procedures the programme does not have -------------------------------------
    "governance.no_step": "Dit programma kent de stap '{step}' niet: {reference} gaat na de uitwerking via het "
    "voorbereidende overleg naar de colleges (pho-advies {reference} positief|negatief TOELICHTING).",
    "governance.decided_by.per-member-body": "In dit programma besluit niet één gremium in een vergadering over "
    "{reference}: elk college besluit zelf, en de accounthouder legt dat vast (collegebesluit {reference} "
    "GEMEENTE akkoord|afgewezen).",
    "governance.decided_by.consensus-in-meeting": "In dit programma besluit de stuurgroep in haar vergadering "
    "over {reference}; de staf legt dat vast (besluit {reference} ...).",
    "governance.decided_by.written-round": "In dit programma besluit de stuurgroep over {reference} in een "
    "schriftelijke ronde; de staf start die met 'ronde start {reference} DATUM | bedrag: BEDRAG'.",
    "bodies.not_this_procedure": "Dit programma besluit niet per college maar met de procedure '{procedure}'.",
    # -- the per-member-body procedure --------------------------------------------------------
    "status.per-member-body.geagendeerd": "Bij de colleges: elk college besluit zelf",
    "status.decision.per-member-body.header": "Besluit {number} van de colleges, {date} (het laatste besluit dat "
    "nodig was): {subject}",
    "status.per-member-body.gereed_voor_toetsing": "Gereed voor het PHO",
    "status.per-member-body.getoetst": "Getoetst: niet in dit programma",
    "next.per-member-body.voorstel_in_uitwerking": "Het ontwerpteam vult de onderdelen van het VDG-format in "
    "(deel {reference} ONDERDEEL TEKST); daarna legt het bureau het advies van het portefeuillehoudersoverleg "
    "vast (pho-advies {reference} positief|negatief TOELICHTING).",
    "next.per-member-body.geagendeerd": "De accounthouder van elke gemeente legt het besluit van het eigen college "
    "vast (collegebesluit {reference} GEMEENTE akkoord|afgewezen [VOORWAARDEN]).",
    "next.per-member-body.terug_naar_ontwerpteam": "Het ontwerpteam past het voorstel aan (deel {reference} ...) en "
    "het gaat opnieuw naar het portefeuillehoudersoverleg.",
    "bodies.unknown_verdict": "Onbekend advies '{verdict}'; kies uit: positief, negatief.",
    "bodies.spend_amount_fixed": "Uitgaveverzoek {reference} vraagt {amount} en een advies verandert dat bedrag "
                                 "niet, dus laat 'bedrag:' weg (of dien een nieuw verzoek in).",
    "bodies.parts_missing": "{reference} is nog niet compleet voor de colleges, want deze onderdelen ontbreken: "
    "{parts}; vul ze in met 'deel {reference} ONDERDEEL TEKST'.",
    "bodies.din_missing": "{reference} is nog niet gekoppeld aan: {missing}; koppel het met 'din {reference} "
    "opgave|programmalijn|subdoel|principe WAARDE'.",
    "bodies.unknown_body": "'{body}' hoort niet bij de colleges van dit programma; kies uit: {options}.",
    "bodies.not_accounthouder": "Alleen de accounthouder van {body} legt het besluit van dat college over "
    "{reference} vast; vraag het aan hem of haar.",
    "bodies.unknown_outcome": "Onbekende uitkomst '{outcome}'; kies uit: {options}.",
    "bodies.already_decided": "Het besluit van {body} over {reference} staat al vast ({outcome}, {date}); een ander "
    "besluit van hetzelfde college wordt niet over het eerste heen gelegd, dus vraag het bureau wat er is gebeurd.",
    "usage.college-requests.mijn": "mijn [taken|uitgaven] [na REF]",
    "help.cmd.college-requests.mijn": "uw ideeën, uw taken en de uitgaveverzoeken waarover uw college besluit",
    "bodies.not_with_bodies": "{reference} ligt nu niet bij de colleges (status: {status}); eerst legt het bureau "
    "het advies van het portefeuillehoudersoverleg vast (pho-advies {reference} ...).",
    "bodies.decided_in_future": "Een collegebesluit ligt niet in de toekomst ({date}); geef de datum waarop het "
    "college besloot (| datum: DD-MM-JJJJ).",
    "bodies.before_advice": "Het besluit over {reference} kan niet van {date} zijn, want dat is vóór het advies van "
    "het portefeuillehoudersoverleg; geef de datum waarop het college besloot (| datum: DD-MM-JJJJ).",
    "bodies.verdict.True": "positief",
    "bodies.verdict.False": "negatief",
    "bodies.advice_recorded": "Advies van {gremium} over {reference} vastgelegd: {verdict} (voorbereidend, geen "
    "besluit). Het voorstel ligt nu bij {count} {bodies}; elk college besluit zelf, graag vóór {deadline}.{money}",
    "bodies.money": "Projectfinanciering {amount} + {share} handgeld {handgeld} = {total}.",
    "bodies.decision_recorded": "Besluit van {body} over {reference} vastgelegd: {outcome}{late}. Stand: {tally}.",
    "bodies.decision_repeated": "Het besluit van {body} over {reference} stond al zo vast; er is niets veranderd.",
    "bodies.already_advised": "Over {reference} is het advies van het portefeuillehoudersoverleg al vastgelegd "
    "({date}), dus er is niets veranderd; zie 'status {reference}' voor de stand bij de colleges.",
    "bodies.request_not_referred": "Uitgaveverzoek {reference} ligt niet ter besluitvorming bij de colleges (het "
    "is al besloten of wacht nog op de ambtelijk secretaris), dus er is niets veranderd; zie 'status {reference}'.",
    "bodies.final": "Besluit van {body} over {reference} vastgelegd: {outcome}{late}. Daarmee is het besluit "
    "definitief: {final} ({number}). {tally}.",
    "bodies.late": " (na de gevraagde datum)",
    "bodies.task.subject": "[{reference}] Besluit van het college van {body} gevraagd: {title}",
    "bodies.task": "Het portefeuillehoudersoverleg heeft geadviseerd over {reference} ({title}). Het voorstel ligt "
    "nu bij alle colleges. Wilt u het besluit van het college van {body} vastleggen, graag vóór {deadline}? Typ: "
    "collegebesluit {reference} {body} akkoord|afgewezen [VOORWAARDEN]",
    "bodies.tally": "{agreed} van {total} {gremium} akkoord, {conditions} met voorwaarden, {open} open",
    "bodies.tally_rejected": ", {rejected} afgewezen",
    "bodies.tally_late": ", {late} na de gevraagde datum",
    "bodies.considerations": "Besluit per college: {tally}. Advies van het portefeuillehoudersoverleg: {verdict}: "
    "{advice}. ",
    "bodies.status.advice": "Advies portefeuillehoudersoverleg ({date}): {verdict}. {text}",
    "bodies.status.tally": "Besluit per college: {tally} (nodig: {needed} van {total}).",
    "bodies.status.body": "  {body}: {outcome} op {date}{conditions}{late}",
    "bodies.status.conditions": ", voorwaarden: {conditions}",
    "bodies.status.open": "Nog open: {bodies} (gevraagd vóór {deadline}).",
    # -- the investment table (seed 003 §6.1, Tabel 1) -----------------------------------------
    "investments.header": "Investeringskosten {first}-{last} (uit het programmabestand):",
    "investments.total": "Totale kosten",
    "investments.running": "Te financieren uit lopende begroting",
    "investments.remaining": "Resterend te financieren",
    "investments.per_inwoner": "Incidentele bijdrage per inwoner",
    "investments.footer": "Totaal {total}; de bijdrage per inwoner is het resterende bedrag over {inwoners} "
    "inwoners, afgerond op hele centen naar beneden. Per gemeente: investeringen JAAR.",
    "investments.year": "Resterend te financieren in {year}: {remaining}, per gemeente naar inwoners:",
    "investments.unknown_year": "Geen jaar van de tabel: '{year}'; kies uit: {options}.",
    # -- the commands -----------------------------------------------------------------------
    "usage.investeringen": "investeringen [JAAR]",
    "help.cmd.investeringen": "de investeringskosten per jaar, het resterende bedrag en de bijdrage per inwoner",
    "usage.pho-advies": "pho-advies REF positief|negatief TOELICHTING [| bedrag: 30.000]",
    "usage.collegebesluit": "collegebesluit REF GEMEENTE akkoord|afgewezen [VOORWAARDEN] [| datum: DD-MM-JJJJ]",
    "help.cmd.pho-advies": "bureau: het advies van het portefeuillehoudersoverleg vastleggen (voorbereidend)",
    "help.cmd.collegebesluit": "accounthouder: het besluit van het college van uw gemeente vastleggen",
    # The profile's own words where the Regio Deal's speak of a stuurgroep (`profiled`): a programme whose
    # proposals each college decides (the VDG) has no stuurgroep, expertteam or stuurgroep agenda.
    "help.cmd.per-member-body.bezwaar": "bezwaar maken tegen een besluit, over de inhoud of over het proces; het "
    "bureau legt het voor",
    "help.cmd.per-member-body.route": "de documentroute naar een vergadering",
    "help.cmd.per-member-body.agenda": "de agenda van een vergadering",
    "help.cmd.per-member-body.agenderen": "niet in dit programma: een voorstel gaat na het PHO-advies naar de "
    "colleges",
    "help.cmd.per-member-body.besluit": "niet in dit programma: elk college besluit zelf (collegebesluit)",
    "help.cmd.per-member-body.besluit-uitgave": "niet in dit programma: over uitgaven besluit elk college zelf "
    "(collegebesluit)",
    "help.cmd.per-member-body.onthouding": "u trekt zich terug bij dit voorstel",
    "idea.per-member-body.submitted": "Dank u! Uw idee '{title}' is ontvangen bij het virtueel punt onder nummer "
    "{reference}. Iemand van het bureau neemt contact met u op. Volg het met: status {reference}",
    "notify.per-member-body.submitted.subject": "[{reference}] Uw idee is ontvangen: {title}",
    "notify.per-member-body.submitted": "Uw idee '{title}' is ontvangen bij het virtueel punt onder nummer "
    "{reference}.\nIemand van het bureau pakt het op en neemt contact met u op. U ziet de voortgang met: status "
    "{reference}",
    "next.per-member-body.ingediend": "Iemand van het bureau pakt het idee op (oppakken {reference}).",
    "help.cmd.per-member-body.begrotingsbesluit": "niet in dit programma: over de inzet van middelen besluit elk "
    "college zelf (een voorstel of uitgaveverzoek langs de colleges)",
    "budget.resolution.per-member-body": "In dit programma neemt geen gremium een begrotingsbesluit in een "
    "vergadering, want over de inzet van middelen besluit elk college zelf, dus dien een wijziging in als voorstel "
    "('idee ...') of als uitgaveverzoek ('uitgave BEDRAG DOEL').",
    "status.spend.next.per-member-body.to_stuurgroep": "Wat nu: over de inzet van middelen besluit elk college "
    "zelf; na het advies van het PHO (pho-advies {reference} positief|negatief TEKST) legt elke accounthouder het "
    "besluit van het eigen college vast (collegebesluit {reference} GEMEENTE akkoord|afgewezen).",
    "help.cmd.per-member-body.geen-consensus": "niet in dit programma: elk college besluit zelf",
    "view.per-member-body.kernteam": "Contactpersoon bureau: {kernteam}",
    "budget.status.per-member-body.to_stuurgroep": "bij de colleges",
    "ui.spend.per-member-body.referred": "{state}: buiten het mandaat, elk college besluit zelf",
    "person.accounthouders": "Accounthouders uit het programmabestand: {added} toegevoegd, {updated} bijgewerkt "
    "({count} in het bestand).",
    "person.no_accounthouders": "Dit programmabestand noemt geen accounthouders, dus er is niets veranderd; zie "
    "[besturing] en [[accounthouders]] in bot/programme/vdg.toml voor een voorbeeld.",
    "chat.per-member-body.welcome_guest": "Welkom bij vaart, het virtueel punt van {programme}: hier dient "
    "iedereen een idee in, en het bureau pakt het op. Typ 'idee' en beantwoord de vragen, of typ 'help' voor wat "
    "u verder kunt.",
    # the sweep of tests/e2e/test_vdg_wording_sweep.py: no stuurgroep, expertteam or mandate in a VDG session
    "help.cmd.per-member-body.toetsing": "niet in dit programma: een voorstel gaat na de uitwerking naar het PHO "
    "(pho-advies)",
    "help.cmd.per-member-body.advies": "niet in dit programma: het PHO adviseert de colleges (pho-advies)",
    "help.cmd.per-member-body.uitgave": "een uitgave aanvragen; na het advies van het PHO besluit elk college zelf",
    "help.cmd.per-member-body.mandaat": "niet in dit programma: niemand heeft een mandaat, de uitgaveverzoeken "
    "sinds een datum",
    "help.area.per-member-body.budget": "Begroting en uitgaven:",
    "help.cmd.per-member-body.dekking": "de dekking van het DIN: waar nog niets gebeurt",
    "help.cmd.per-member-body.escaleer": "een vastgelopen idee of project escaleren naar de kring van "
    "gemeentesecretarissen",
    "help.cmd.per-member-body.communicatie": "de communicatiekalender: berichten plannen, verplaatsen en annuleren",
    "coverage.per-member-body.header": "DIN-dekking (waar nog niets gebeurt): {count} onderdelen, {empty} zonder "
    "iets eraan gekoppeld (met ! gemarkeerd, bovenaan). Per onderdeel: ideeën / voorstellen / projecten, toegekend.",
    "notify.per-member-body.decided.subject": "[{reference}] Besluit van de colleges: {outcome}",
    "notify.per-member-body.decided": "De colleges hebben besloten over '{title}' ({reference}).\nBesluit {number}: "
    "{outcome}\nToegekend bedrag: {amount}\nVoorwaarden: {conditions}\nOverwegingen: {considerations}",
    "budget.request.per-member-body.not_director": "Dit programma geeft niemand een mandaat om uitgaveverzoeken "
    "zelf af te handelen ({reference}), dus er is niets veranderd: elk college besluit zelf na het advies van het "
    "PHO en 'status {reference}' toont de stand.",
    "budget.mandate_report.per-member-body.title": "Uitgaveverzoeken sinds {since} (dit programma geeft niemand "
    "een mandaat: elk college besluit zelf)",
    "budget.mandate_report.per-member-body.none": "Sinds {since} is geen uitgave zelfstandig goedgekeurd.",
    "budget.mandate_report.per-member-body.referred_header": "Ter besluitvorming aan de colleges:",
    "budget.request.per-member-body.with_stuurgroep": "Verzoek {reference} ligt bij de colleges en alleen de "
    "colleges besluiten er nog over; elke accounthouder legt het besluit van het eigen college vast "
    "(collegebesluit {reference} GEMEENTE akkoord|afgewezen).",
    "beschikking.per-member-body.not_decided": "{reference} heeft nog geen akkoord van de colleges (status: "
    "{status}); een beschikking volgt pas na akkoord (zie 'status {reference}').",
    "idea.no_such_role": "In dit programma heeft niemand de rol om dit te doen bij {reference}; "
    "'help alles' toont wat wel kan.",
}

EN: dict[str, str] = {
    "programme.invalid": "The programme file {file} does not start: on line {line} {problem}, so correct that "
    "line first.",
    "profile.not_a_table": "'{key}' must be a table",
    "profile.not_a_list": "'{key}' must be a list of texts",
    "profile.bad_accounthouder": "[[accounthouders]] number {number} lacks an organisation, name or e-mail address",
    "profile.duplicate_accounthouder": "accounthouder {email} is in the file twice",
    "profile.accounthouders_without_role": "the file names accounthouders, but no decision with an "
    "accounthouder_rol",
    "profile.unknown_step": "the step '{step}' is unknown to vaart (choose from: {options})",
    "profile.gremium_without_level": "the body '{gremium}' has no level (niveau = ...)",
    "profile.unknown_role": "'{gremium}' names the role '{role}', which is not under [rollen]",
    "profile.role_on_two_levels": "the role '{role}' is on two levels, '{first}' under [rollen] and '{second}' in "
    "the body '{gremium}', while a function belongs to one level of governance",
    "profile.unknown_decision_kind": "the decision '{kind}' is unknown to vaart (choose from: {options})",
    "profile.unknown_procedure": "the decision procedure '{procedure}' for '{kind}' is unknown to vaart (choose "
    "from: {options})",
    "profile.unknown_gremium": "'{kind}' is prepared or decided by the body '{gremium}', which does not exist under "
    "[besturing.gremia]",
    "profile.no_bodies": "the body '{gremium}' decides per member but has no members (leden)",
    "profile.bad_quorum": "the rule '{rule}' is neither 'allen' nor a number from 1 to {count} members",
    "profile.round_without_section": "'{kind}' is decided by 'written-round', but the programme file has no "
    "[schriftelijke_ronde] that says who votes",
    "profile.consensus_needs_toetsing": "the step 'toetsing' is missing, while a proposal decided by "
    "'consensus-in-meeting' is only approved with the expert team's advice",
    "governance.no_step": "This programme has no step '{step}': after it is worked out, {reference} goes through "
    "the preparatory meeting to the colleges (pho-advice {reference} positive|negative EXPLANATION).",
    "governance.decided_by.per-member-body": "In this programme no single body decides on {reference} in a "
    "meeting: each college decides itself and its account holder records it (college-decision {reference} "
    "MUNICIPALITY akkoord|afgewezen).",
    "governance.decided_by.consensus-in-meeting": "In this programme the steering group decides on {reference} in "
    "its meeting; the staff record it (decide {reference} ...).",
    "governance.decided_by.written-round": "In this programme the steering group decides on {reference} in a "
    "written round; the staff start it with 'round start {reference} DATE | amount: AMOUNT'.",
    "bodies.not_this_procedure": "This programme does not decide per college but by the procedure '{procedure}'.",
    "status.per-member-body.geagendeerd": "With the colleges: each college decides itself",
    "status.decision.per-member-body.header": "Decision {number} of the colleges, {date} (the last decision "
    "needed): {subject}",
    "status.per-member-body.gereed_voor_toetsing": "Ready for the PHO",
    "status.per-member-body.getoetst": "Reviewed: not in this programme",
    "next.per-member-body.voorstel_in_uitwerking": "The design team fills in the parts of the VDG format (part "
    "{reference} PART TEXT); then the office records the portfolio holders' meeting's advice (pho-advice "
    "{reference} positive|negative EXPLANATION).",
    "next.per-member-body.geagendeerd": "Each municipality's account holder records their own college's decision "
    "(college-decision {reference} MUNICIPALITY akkoord|afgewezen [CONDITIONS]).",
    "next.per-member-body.terug_naar_ontwerpteam": "The design team adjusts the proposal (part {reference} ...) and "
    "it goes to the portfolio holders' meeting again.",
    "bodies.unknown_verdict": "Unknown advice '{verdict}'; choose from: positive, negative.",
    "bodies.spend_amount_fixed": "Spend request {reference} asks for {amount} and an advice does not change that "
                                 "amount, so leave out 'bedrag:' (or submit a new request).",
    "bodies.parts_missing": "{reference} is not complete for the colleges yet, as these parts are missing: {parts}; "
    "fill them in with 'part {reference} PART TEXT'.",
    "bodies.din_missing": "{reference} is not yet linked to: {missing}; link it with 'link {reference} "
    "challenge|line|sub-goal|principle VALUE'.",
    "bodies.unknown_body": "'{body}' is not one of this programme's colleges; choose from: {options}.",
    "bodies.not_accounthouder": "Only the account holder of {body} records that college's decision on "
    "{reference}; ask them.",
    "bodies.unknown_outcome": "Unknown outcome '{outcome}'; choose from: {options}.",
    "bodies.already_decided": "The decision of {body} on {reference} is already on record ({outcome}, {date}); "
    "another decision of the same college is not laid over the first, so tell the office what happened.",
    "usage.college-requests.mijn": "mine [tasks|requests] [after REF]",
    "help.cmd.college-requests.mijn": "your ideas, your tasks and the spend requests your college decides on",
    "bodies.not_with_bodies": "{reference} is not with the colleges now (status: {status}); first the office "
    "records the portfolio holders' meeting's advice (pho-advice {reference} ...).",
    "bodies.decided_in_future": "A college decision does not lie in the future ({date}); give the date of the "
    "decision (| date: DD-MM-YYYY).",
    "bodies.before_advice": "The decision on {reference} cannot be of {date}, as that is before the portfolio "
    "holders' meeting's advice; give the date the college decided (| date: DD-MM-YYYY).",
    "bodies.verdict.True": "positive",
    "bodies.verdict.False": "negative",
    "bodies.advice_recorded": "Advice of {gremium} on {reference} recorded: {verdict} (preparatory, not a "
    "decision). The proposal is now with {count} {bodies}; each college decides itself, please before "
    "{deadline}.{money}",
    "bodies.money": "Project financing {amount} + {share} handgeld {handgeld} = {total}.",
    "bodies.decision_recorded": "Decision of {body} on {reference} recorded: {outcome}{late}. Standing: {tally}.",
    "bodies.decision_repeated": "The decision of {body} on {reference} was already on record like this; nothing "
    "changed.",
    "bodies.already_advised": "The portfolio holders' meeting's advice on {reference} is already on record "
    "({date}), so nothing changed; see 'status {reference}' for where the colleges stand.",
    "bodies.request_not_referred": "Spend request {reference} does not lie with the colleges for a decision (it is "
    "decided already or still waits for the secretary), so nothing changed; see 'status {reference}'.",
    "bodies.final": "Decision of {body} on {reference} recorded: {outcome}{late}. The decision is now final: "
    "{final} ({number}). {tally}.",
    "bodies.late": " (after the requested date)",
    "bodies.task.subject": "[{reference}] Decision of the college of {body} requested: {title}",
    "bodies.task": "The portfolio holders' meeting has advised on {reference} ({title}). The proposal now lies with "
    "every college. Please record the decision of the college of {body}, before {deadline}. Type: "
    "college-decision {reference} {body} akkoord|afgewezen [CONDITIONS]",
    "bodies.tally": "{agreed} of {total} {gremium} agreed, {conditions} with conditions, {open} open",
    "bodies.tally_rejected": ", {rejected} rejected",
    "bodies.tally_late": ", {late} after the requested date",
    "bodies.considerations": "Decision per college: {tally}. Advice of the portfolio holders' meeting: {verdict}: "
    "{advice}. ",
    "bodies.status.advice": "Advice of the portfolio holders' meeting ({date}): {verdict}. {text}",
    "bodies.status.tally": "Decision per college: {tally} (needed: {needed} of {total}).",
    "bodies.status.body": "  {body}: {outcome} on {date}{conditions}{late}",
    "bodies.status.conditions": ", conditions: {conditions}",
    "bodies.status.open": "Still open: {bodies} (requested before {deadline}).",
    "investments.header": "Investment costs {first}-{last} (from the programme file):",
    "investments.total": "Total costs",
    "investments.running": "Financed from the running budget",
    "investments.remaining": "Remaining to be financed",
    "investments.per_inwoner": "One-off contribution per inhabitant",
    "investments.footer": "Total {total}; the contribution per inhabitant is the remaining amount over {inwoners} "
    "inhabitants, rounded down to whole cents. Per municipality: investments YEAR.",
    "investments.year": "Remaining to be financed in {year}: {remaining}, per municipality by inhabitants:",
    "investments.unknown_year": "Not a year of the table: '{year}'; choose from: {options}.",
    "usage.investeringen": "investments [YEAR]",
    "help.cmd.investeringen": "the investment costs per year, the remaining amount and the contribution per "
    "inhabitant",
    "usage.pho-advies": "pho-advice REF positive|negative EXPLANATION [| amount: 30.000]",
    "usage.collegebesluit": "college-decision REF MUNICIPALITY akkoord|afgewezen [CONDITIONS] [| date: DD-MM-YYYY]",
    "help.cmd.pho-advies": "office: record the portfolio holders' meeting's advice (preparatory)",
    "help.cmd.collegebesluit": "account holder: record the decision of your municipality's college",
    "help.cmd.per-member-body.bezwaar": "object to a decision, on its content or on the process; the office "
    "puts it forward",
    "help.cmd.per-member-body.route": "the document route to a meeting",
    "help.cmd.per-member-body.agenda": "the agenda of a meeting",
    "help.cmd.per-member-body.agenderen": "not in this programme: after the PHO's advice a proposal goes to the "
    "colleges",
    "help.cmd.per-member-body.besluit": "not in this programme: each college decides itself (college-decision)",
    "help.cmd.per-member-body.besluit-uitgave": "not in this programme: each college decides on spending itself "
    "(college-decision)",
    "help.cmd.per-member-body.onthouding": "step aside for this proposal",
    "idea.per-member-body.submitted": "Thank you! Your idea '{title}' reached the virtual desk as {reference}. "
    "Someone of the bureau will contact you. Follow it with: status {reference}",
    "notify.per-member-body.submitted.subject": "[{reference}] Your idea was received: {title}",
    "notify.per-member-body.submitted": "Your idea '{title}' reached the virtual desk as {reference}.\nSomeone of "
    "the bureau will pick it up and contact you. Follow it with: status {reference}",
    "next.per-member-body.ingediend": "Someone of the bureau picks the idea up (pickup {reference}).",
    "help.cmd.per-member-body.begrotingsbesluit": "not in this programme: each college decides on the use of "
    "funds itself (a proposal or spend request past the colleges)",
    "budget.resolution.per-member-body": "In this programme no body takes a budget decision in a meeting, as each "
    "college decides on the use of funds itself, so submit a change as a proposal ('idee ...') or as a spend "
    "request ('uitgave AMOUNT PURPOSE').",
    "status.spend.next.per-member-body.to_stuurgroep": "Next: each college decides on the use of funds itself; "
    "after the PHO's advice (pho-advies {reference} positief|negatief TEXT) each account holder records their own "
    "college's decision (collegebesluit {reference} MUNICIPALITY akkoord|afgewezen).",
    "help.cmd.per-member-body.geen-consensus": "not in this programme: each college decides itself",
    "view.per-member-body.kernteam": "Office contact: {kernteam}",
    "budget.status.per-member-body.to_stuurgroep": "with the colleges",
    "ui.spend.per-member-body.referred": "{state}: outside the mandate, each college decides itself",
    "person.accounthouders": "Accounthouders from the programme file: {added} added, {updated} updated "
    "({count} in the file).",
    "person.no_accounthouders": "This programme file names no accounthouders, so nothing changed; see [besturing] "
    "and [[accounthouders]] in bot/programme/vdg.toml for an example.",
    "chat.per-member-body.welcome_guest": "Welcome to vaart, the virtual desk (virtueel punt) of {programme}: "
    "anyone submits an idea here, and the office picks it up. Type 'idea' and answer the questions, or type "
    "'help' for what else you can do.",
    # the sweep of tests/e2e/test_vdg_wording_sweep.py: no stuurgroep, expertteam or mandate in a VDG session
    "help.cmd.per-member-body.toetsing": "not in this programme: a worked-out proposal goes to the PHO "
    "(pho-advies)",
    "help.cmd.per-member-body.advies": "not in this programme: the PHO advises the colleges (pho-advies)",
    "help.cmd.per-member-body.uitgave": "request spending; after the PHO's advice each college decides itself",
    "help.cmd.per-member-body.mandaat": "not in this programme: no one has a mandate; the spend requests since "
    "a date",
    "help.area.per-member-body.budget": "Budget and spending:",
    "help.cmd.per-member-body.dekking": "the DIN coverage: where nothing is being done yet",
    "help.cmd.per-member-body.escaleer": "escalate a stuck idea or project to the circle of municipal secretaries",
    "help.cmd.per-member-body.communicatie": "the communication calendar: plan, move and cancel messages",
    "coverage.per-member-body.header": "DIN coverage (where nothing is being done yet): {count} elements, {empty} "
    "with nothing linked (marked !, at the top). Per element: ideas / proposals / projects, allocated.",
    "notify.per-member-body.decided.subject": "[{reference}] Decision of the colleges: {outcome}",
    "notify.per-member-body.decided": "The colleges decided on '{title}' ({reference}).\nDecision {number}: "
    "{outcome}\nAmount allocated: {amount}\nConditions: {conditions}\nConsiderations: {considerations}",
    "budget.request.per-member-body.not_director": "This programme gives no one a spending mandate to settle "
    "spend requests alone ({reference}), so nothing was changed: each college decides itself after the PHO's "
    "advice and 'status {reference}' shows where it stands.",
    "budget.mandate_report.per-member-body.title": "Spend requests since {since} (this programme gives no one a "
    "spending mandate: each college decides itself)",
    "budget.mandate_report.per-member-body.none": "No spending was approved alone since {since}.",
    "budget.mandate_report.per-member-body.referred_header": "For the colleges to decide:",
    "budget.request.per-member-body.with_stuurgroep": "Request {reference} lies with the colleges and only the "
    "colleges decide on it now; each account holder records their own college's decision (collegebesluit "
    "{reference} MUNICIPALITY akkoord|afgewezen).",
    "beschikking.per-member-body.not_decided": "{reference} has no approval of the colleges yet (status: "
    "{status}); a beschikking follows only after approval (see 'status {reference}').",
    "idea.no_such_role": "In this programme no one has the role to do this on {reference}; "
    "'help all' shows what you can do.",
}
