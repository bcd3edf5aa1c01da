"""Escalation in a programme whose colleges decide one by one (the VDG's `per-member-body` procedure): it goes
to the circle of municipal secretaries its file names under [escalatie], not to the Regio Deal's ambtelijk
facilitators of its plan's §3.2."""

from __future__ import annotations

NL: dict[str, str] = {
    "escalation.per-member-body.wrong_role": "Escaleren naar de kring van gemeentesecretarissen doet {roles}; er is "
    "niets veranderd.",
    "escalation.per-member-body.already_open": "{subject} ligt al voor bij de kring van gemeentesecretarissen "
    "({reference}), dus wacht op de uitkomst ('status {reference}' toont de stand).",
    "escalation.per-member-body.no_facilitators": "Het programmabestand noemt niemand om naar te escaleren "
    "([escalatie]); vraag de beheerder die in het programmabestand te zetten.",
    "escalation.per-member-body.raised": "Escalatie {reference}: {subject} {title} ligt nu voor bij "
    "{facilitators}, in de chat en per mail.",
    "escalation.per-member-body.notice.subject": "Escalatie {reference}: {subject} {title}",
    "escalation.per-member-body.notice": "{by} legt {subject} {title} aan u voor (escalatie naar de kring van "
    "gemeentesecretarissen). Reden: {reason}\nLeg de uitkomst vast met: escalatie {subject} uitkomst TEKST",
    "escalation.per-member-body.not_facilitator": "Alleen de kring van gemeentesecretarissen legt de uitkomst van "
    "een escalatie vast, dus er is niets veranderd; vraag hen de uitkomst vast te leggen.",
    "escalation.per-member-body.concluded_notice.subject": "Uitkomst escalatie {reference} ({subject})",
    "escalation.per-member-body.concluded_notice": "De kring van gemeentesecretarissen ({by}) heeft escalatie "
    "{reference} over {subject} afgerond. Uitkomst: {outcome}",
    "escalation.per-member-body.status_open": "Escalatie: {reference} ligt sinds {date} voor bij de kring van "
    "gemeentesecretarissen (reden: {reason}).",
    "escalation.per-member-body.status_open_plain": "Escalatie: {reference} ligt sinds {date} voor bij de kring van "
    "gemeentesecretarissen.",
    "help.cmd.per-member-body.escalatie": "de kring van gemeentesecretarissen: de uitkomst van een escalatie "
    "vastleggen",
}

EN: dict[str, str] = {
    "escalation.per-member-body.wrong_role": "Escalating to the circle of municipal secretaries is for {roles}; "
    "nothing was changed.",
    "escalation.per-member-body.already_open": "{subject} is already before the circle of municipal secretaries "
    "({reference}), so wait for the outcome ('status {reference}' shows where it stands).",
    "escalation.per-member-body.no_facilitators": "The programme file names nobody to escalate to ([escalatie]); "
    "ask the administrator to put them in the programme file.",
    "escalation.per-member-body.raised": "Escalation {reference}: {subject} {title} is now before {facilitators}, "
    "in chat and by mail.",
    "escalation.per-member-body.notice.subject": "Escalation {reference}: {subject} {title}",
    "escalation.per-member-body.notice": "{by} puts {subject} {title} before you (an escalation to the circle of "
    "municipal secretaries). Reason: {reason}\nRecord the outcome with: escalatie {subject} uitkomst TEXT",
    "escalation.per-member-body.not_facilitator": "Only the circle of municipal secretaries records the outcome of "
    "an escalation, so nothing was changed; ask them to record the outcome.",
    "escalation.per-member-body.concluded_notice.subject": "Outcome of escalation {reference} ({subject})",
    "escalation.per-member-body.concluded_notice": "The circle of municipal secretaries ({by}) concluded escalation "
    "{reference} about {subject}. Outcome: {outcome}",
    "escalation.per-member-body.status_open": "Escalation: {reference} has been before the circle of municipal "
    "secretaries since {date} (reason: {reason}).",
    "escalation.per-member-body.status_open_plain": "Escalation: {reference} has been before the circle of "
    "municipal secretaries since {date}.",
    "help.cmd.per-member-body.escalatie": "the circle of municipal secretaries: record the outcome of an escalation",
}
