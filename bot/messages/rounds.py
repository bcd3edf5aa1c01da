"""Wording of the schriftelijke ronde (written round): the stuurgroep deciding between its meetings."""

from __future__ import annotations

NL: dict[str, str] = {
    # -- commands ----------------------------------------------------------------------------------
    "usage.ronde": "ronde start REF DATUM [| bedrag: 45.000] [| toelichting: ...] of ronde REF akkoord|bezwaar "
    "REDEN|onthouding",
    "usage.rondes": "rondes [alle] [na REF]",
    "help.cmd.ronde": "een schriftelijke ronde van de stuurgroep starten (staf, programmadirecteur) of erin "
    "stemmen (stuurgroep): akkoord, bezwaar met reden, of onthouding",
    "help.cmd.rondes": "de schriftelijke rondes, lopend of alle",
    # -- refusals ----------------------------------------------------------------------------------
    "round.wrong_role": "Een schriftelijke ronde starten is voor {roles}; vraag de staf dat te doen.",
    "round.not_in_programme": "Dit programma besluit niet in een schriftelijke ronde; zie 'help' voor hoe hier "
    "besloten wordt.",
    "round.not_a_proposal": "Een schriftelijke ronde gaat over een getoetst voorstel of een uitgave die naar de "
    "stuurgroep is verwezen, en '{reference}' is geen van beide; kijk met 'status {reference}' waar het staat.",
    "round.already_open": "Over {subject} loopt al schriftelijke ronde {reference} (tot en met {date}), dus er "
    "is geen tweede gestart; zie 'status {reference}'.",
    "round.amount_required": "Noem het bedrag dat een akkoord op voorstel {reference} toekent, zoals "
    "'ronde start {reference} DATUM | bedrag: 45.000'.",
    "round.amount_for_proposals": "Het bedrag van uitgave {reference} staat al vast, dus laat '| bedrag:' weg.",
    "round.unknown": "Schriftelijke ronde '{reference}' ken ik niet; zie 'rondes' voor de lopende rondes.",
    "round.unknown_choice": "Kies akkoord, bezwaar REDEN of onthouding, niet '{choice}'.",
    "round.deadline_not_ahead": "De uiterste datum {date} moet na vandaag ({today}) liggen; kies een latere datum.",
    "round.deadline_outside_period": "De uiterste datum {date} valt buiten de looptijd van het programma "
    "({first}-{last}); kies een datum daarbinnen.",
    "round.no_members": "Er is geen stuurgroeplid dat over {reference} mag stemmen; vraag de beheerder eerst "
    "de stuurgroepleden vast te leggen.",
    "round.closed": "Schriftelijke ronde {reference} is al gesloten, dus er is niets meer vastgelegd; zie "
    "'status {reference}' voor de uitkomst.",
    "round.after_deadline": "De uiterste datum van schriftelijke ronde {reference} was {date}, dus deze stem is "
    "niet meer vastgelegd; zie 'status {reference}' voor de uitkomst.",
    "round.not_member": "Alleen de stuurgroepleden van schriftelijke ronde {reference} stemmen erin; vraag de "
    "staf als je denkt dat je erbij hoort.",
    "round.reason_required": "Geef bij een bezwaar de reden, zoals 'ronde {reference} bezwaar Eerst een business "
    "case'.",
    "round.already_voted": "Je stemde al {choice} in schriftelijke ronde {reference} en een stem is definitief; "
    "vraag de staf als er iets mis is.",
    # -- replies -----------------------------------------------------------------------------------
    "round.started": "Schriftelijke ronde {reference} over {subject} ({title}, {amount}) is gestart tot en met "
    "{deadline}; {count} stuurgroepleden krijgen de vraag: {names}.",
    "round.voted": "Je stem '{choice}' in schriftelijke ronde {reference} is vastgelegd; nog {left:lid|leden} "
    "zonder antwoord (uiterste datum {deadline}).",
    "round.vote_unchanged": "Je stem '{choice}' in schriftelijke ronde {reference} stond er al; er is niets "
    "veranderd.",
    "round.still_open": "Schriftelijke ronde {reference} loopt nog tot en met {deadline}.",
    "round.your_vote": "Je stem: {choice} op {when}{reason}",
    # -- notices (outbox) --------------------------------------------------------------------------
    "round.ask.subject": "Schriftelijke ronde {reference}: {title}",
    "round.ask": "De stuurgroep beslist schriftelijk over {subject} ({title}, {amount}); geef je antwoord "
    "uiterlijk {deadline}. Antwoord met de knoppen, of typ 'ronde {reference} akkoord', 'ronde {reference} "
    "bezwaar REDEN' of 'ronde {reference} onthouding'. Toelichting: {note}",
    "round.reminder.subject": "Herinnering: schriftelijke ronde {reference} sluit {deadline}",
    "round.reminder": "Je hebt nog niet geantwoord in schriftelijke ronde {reference} over {subject} ({title}, "
    "{amount}); de uiterste datum is {deadline} (nog {days:dag|dagen}). Typ 'ronde {reference} akkoord', "
    "'ronde {reference} bezwaar REDEN' of 'ronde {reference} onthouding'.",
    "round.closed_consensus.subject": "Schriftelijke ronde {reference}: besluit {decision}",
    "round.closed_consensus": "Schriftelijke ronde {reference} over {subject} ({title}) is gesloten met "
    "consensus: besluit {decision}, akkoord ({amount}). Akkoord: {agreed}; stilzwijgend akkoord: {by_silence}; "
    "onthouding: {abstained}. Het besluit wordt gemeld in de volgende stuurgroepvergadering.",
    "round.closed_geen_consensus.subject": "Schriftelijke ronde {reference}: geen consensus",
    "round.closed_geen_consensus": "Schriftelijke ronde {reference} over {subject} ({title}) is gesloten zonder "
    "consensus, dus er is niets besloten (§3.1); het gaat naar de stuurgroep. Bezwaren: {objections}; geen "
    "antwoord: {silent}; akkoord: {agreed}; onthouding: {abstained}.",
    "round.closed_vervallen.subject": "Schriftelijke ronde {reference} vervallen",
    "round.closed_vervallen": "Schriftelijke ronde {reference} over {subject} is vervallen zonder besluit: {why}",
    "round.considerations": "Besloten via schriftelijke ronde {reference} (uiterste datum {deadline}). Akkoord: "
    "{agreed}; stilzwijgend akkoord: {by_silence}; onthouding: {abstained}; bezwaren: {objections}. Toelichting: "
    "{note}",
    # -- views -------------------------------------------------------------------------------------
    "round.status.open": "Schriftelijke ronde {reference} over {subject} ({title}, {amount}): loopt tot en met "
    "{deadline}; {voted} van {count} leden hebben geantwoord. Stilzwijgend akkoord: {silence}.",
    "round.status.closed": "Schriftelijke ronde {reference} over {subject} ({title}, {amount}): gesloten op "
    "{closed}, {outcome}.",
    "round.status.vote": "  {name}: {choice} ({when}){reason}",
    "round.status.no_vote": "  {name}: nog geen antwoord",
    "round.status.note": "Schriftelijke ronde {reference}: {outcome}, uiterste datum {deadline} ('status "
    "{reference}').",
    "round.outcome.open": "loopt",
    "round.outcome.consensus": "consensus, besluit {decision}",
    "round.outcome.geen_consensus": "geen consensus",
    "round.outcome.vervallen": "vervallen",
    "round.choice.akkoord": "akkoord",
    "round.choice.bezwaar": "bezwaar",
    "round.choice.onthouding": "onthouding",
    "round.silence.yes": "ja",
    "round.silence.no": "nee",
    "pages.next.rounds": "rondes na {after}",
    "rounds.none": "Er lopen geen schriftelijke rondes.",
    "rounds.header": "Schriftelijke rondes (referentie, onderwerp, uiterste datum, stand):",
    "rounds.line": "  {reference}  {subject}  {deadline}  {outcome}  {voted}/{count}  {title}",
    "package.rounds.header": "Besluiten genomen via schriftelijke ronde (sinds de vorige vergadering):",
    "package.rounds.line": "  {reference} over {subject} ({title}): {outcome}, gesloten {closed}",
    "package.rounds.none": "  geen",
    "buttons.round.reason": "Reden (bij bezwaar)",
    "buttons.round.akkoord": "Akkoord",
    "buttons.round.bezwaar": "Bezwaar",
    "buttons.round.onthouding": "Onthouding",
}

EN: dict[str, str] = {
    "usage.ronde": "round start REF DATE [| amount: 45.000] [| note: ...] or round REF agree|object REASON|abstain",
    "usage.rondes": "rounds [all] [after REF]",
    "help.cmd.ronde": "start a written round of the steering group (staff, programme director) or vote in it "
    "(steering group): agree, object with a reason, or abstain",
    "help.cmd.rondes": "the written rounds, running or all",
    "round.wrong_role": "Starting a written round is for {roles}; ask the staff to do it.",
    "round.not_in_programme": "This programme does not decide in written rounds; see 'help' for how it decides.",
    "round.not_a_proposal": "A written round is on an assessed proposal or a spend request referred to the "
    "steering group, and '{reference}' is neither; check 'status {reference}' to see where it stands.",
    "round.already_open": "Written round {reference} on {subject} is already running (until {date}), so no second "
    "one was started; see 'status {reference}'.",
    "round.amount_required": "Name the amount an akkoord on proposal {reference} allocates, such as "
    "'round start {reference} DATE | amount: 45.000'.",
    "round.amount_for_proposals": "The amount of spend request {reference} is fixed already, so leave out "
    "'| amount:'.",
    "round.unknown": "I do not know written round '{reference}'; see 'rounds' for the running rounds.",
    "round.unknown_choice": "Choose agree, object REASON or abstain, not '{choice}'.",
    "round.deadline_not_ahead": "The deadline {date} must lie after today ({today}); choose a later date.",
    "round.deadline_outside_period": "The deadline {date} lies outside the programme period ({first}-{last}); "
    "choose a date inside it.",
    "round.no_members": "No steering group member may vote on {reference}; ask the administrator to record the "
    "steering group members first.",
    "round.closed": "Written round {reference} is closed already, so nothing was recorded; see 'status "
    "{reference}' for the outcome.",
    "round.after_deadline": "The deadline of written round {reference} was {date}, so this vote was not recorded; "
    "see 'status {reference}' for the outcome.",
    "round.not_member": "Only the steering group members of written round {reference} vote in it; ask the staff "
    "if you think you belong to them.",
    "round.reason_required": "Give the reason with an objection, such as 'round {reference} object First a "
    "business case'.",
    "round.already_voted": "You voted {choice} in written round {reference} already and a vote is final; ask the "
    "staff if something is wrong.",
    "round.started": "Written round {reference} on {subject} ({title}, {amount}) started, until {deadline}; "
    "{count} steering group members are asked: {names}.",
    "round.voted": "Your vote '{choice}' in written round {reference} is recorded; {left:member has|members have} not "
    "answered yet (deadline {deadline}).",
    "round.vote_unchanged": "Your vote '{choice}' in written round {reference} was there already; nothing changed.",
    "round.still_open": "Written round {reference} runs until {deadline}.",
    "round.your_vote": "Your vote: {choice} on {when}{reason}",
    "round.ask.subject": "Written round {reference}: {title}",
    "round.ask": "The steering group decides in writing on {subject} ({title}, {amount}); answer by {deadline}. "
    "Answer with the buttons, or type 'round {reference} agree', 'round {reference} object REASON' or "
    "'round {reference} abstain'. Note: {note}",
    "round.reminder.subject": "Reminder: written round {reference} closes {deadline}",
    "round.reminder": "You have not answered written round {reference} on {subject} ({title}, {amount}) yet; the "
    "deadline is {deadline} ({days:day|days} left). Type 'round {reference} agree', 'round {reference} object "
    "REASON' or 'round {reference} abstain'.",
    "round.closed_consensus.subject": "Written round {reference}: decision {decision}",
    "round.closed_consensus": "Written round {reference} on {subject} ({title}) closed with consensus: decision "
    "{decision}, akkoord ({amount}). Agreed: {agreed}; agreed by silence: {by_silence}; abstained: {abstained}. "
    "The decision is reported at the next steering group meeting.",
    "round.closed_geen_consensus.subject": "Written round {reference}: no consensus",
    "round.closed_geen_consensus": "Written round {reference} on {subject} ({title}) closed without consensus, so "
    "nothing was decided (§3.1); it goes to the steering group. Objections: {objections}; no answer: {silent}; "
    "agreed: {agreed}; abstained: {abstained}.",
    "round.closed_vervallen.subject": "Written round {reference} lapsed",
    "round.closed_vervallen": "Written round {reference} on {subject} lapsed without a decision: {why}",
    "round.considerations": "Decided in written round {reference} (deadline {deadline}). Agreed: {agreed}; agreed "
    "by silence: {by_silence}; abstained: {abstained}; objections: {objections}. Note: {note}",
    "round.status.open": "Written round {reference} on {subject} ({title}, {amount}): runs until {deadline}; "
    "{voted} of {count} members answered. Silence is consent: {silence}.",
    "round.status.closed": "Written round {reference} on {subject} ({title}, {amount}): closed on {closed}, "
    "{outcome}.",
    "round.status.vote": "  {name}: {choice} ({when}){reason}",
    "round.status.no_vote": "  {name}: no answer yet",
    "round.status.note": "Written round {reference}: {outcome}, deadline {deadline} ('status {reference}').",
    "round.outcome.open": "running",
    "round.outcome.consensus": "consensus, decision {decision}",
    "round.outcome.geen_consensus": "no consensus",
    "round.outcome.vervallen": "lapsed",
    "round.choice.akkoord": "agree",
    "round.choice.bezwaar": "object",
    "round.choice.onthouding": "abstain",
    "round.silence.yes": "yes",
    "round.silence.no": "no",
    "pages.next.rounds": "rounds after {after}",
    "rounds.none": "No written rounds are running.",
    "rounds.header": "Written rounds (reference, subject, deadline, state):",
    "rounds.line": "  {reference}  {subject}  {deadline}  {outcome}  {voted}/{count}  {title}",
    "package.rounds.header": "Decisions taken in a written round (since the previous meeting):",
    "package.rounds.line": "  {reference} on {subject} ({title}): {outcome}, closed {closed}",
    "package.rounds.none": "  none",
    "buttons.round.reason": "Reason (with an objection)",
    "buttons.round.akkoord": "Agree",
    "buttons.round.bezwaar": "Object",
    "buttons.round.onthouding": "Abstain",
}
