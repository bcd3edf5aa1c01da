"""Who takes an idea up in a programme whose colleges decide one by one (the `per-member-body`
procedure): the VDG-bureau (Bijlage 1, "Rol VDG-bureau": its procesregisseur is "regisseur,
coördinator, aanjager en organisator"), where the Regio Deal's texts speak of its kernteam. The
bureau's other words (its intake, its welcome, the PHO's advice) are in `governance`."""

from __future__ import annotations

NL: dict[str, str] = {
    "help.cmd.per-member-body.oppakken": "bureau: een idee oppakken, de oriëntatie start",
    "help.cmd.per-member-body.orientatie": "bureau: de oriëntatie afsluiten",
    "help.cmd.per-member-body.voorstel": "bureau of ontwerpteam: een voorstel starten",
    "help.cmd.per-member-body.deel": "bureau of ontwerpteam: een onderdeel van het voorstel invullen",
    "help.cmd.per-member-body.uitvoering": "bureau: de uitvoering starten",
    "help.cmd.per-member-body.voortgang": "bureau of ontwerpteam: voortgang melden",
    "help.cmd.per-member-body.afronden": "bureau: afronden met de evaluatie",
    "idea.per-member-body.picked_up": "{reference} is opgepakt; contactpersoon bureau: {kernteam}. De oriëntatie is "
    "gestart.",
    "idea.per-member-body.execution_started": "{reference} is in uitvoering; het bureau is regisseur.",
    "idea.per-member-body.assignee_not_kernteam": "{email} is geen procesregisseur van het bureau; noem een "
    "procesregisseur, of laat het adres weg om het zelf op te pakken.",
    "next.per-member-body.orientatie": "Het bureau onderzoekt het idee met de indiener en sluit de oriëntatie af "
    "(orientatie {reference} ontwerpteam|alliantie|niet-verder ...).",
    "next.per-member-body.akkoord": "Het bureau start de uitvoering (uitvoering {reference}).",
    "next.per-member-body.in_uitvoering": "Het bureau is regisseur en meldt de voortgang (voortgang {reference} "
    "TEKST).",
    "web.event.per-member-body.picked_up": "opgepakt door het bureau",
    "progress.per-member-body.not_allowed": "Voortgang van {reference} leggen de regisseur, de penvoerder, het "
    "ontwerpteam of het bureau vast; vraag een van hen.",
    "task.per-member-body.assigned": "U bent contactpersoon vanuit het bureau voor '{title}' ({reference}).",
    "form.idea.per-member-body.intro": "Vertel kort wat u wilt doen. U krijgt meteen een nummer; iemand van het "
    "bureau neemt contact met u op.",
}

EN: dict[str, str] = {
    "help.cmd.per-member-body.oppakken": "office: pick up an idea, orientation starts",
    "help.cmd.per-member-body.orientatie": "office: conclude the orientation",
    "help.cmd.per-member-body.voorstel": "office or design team: start a proposal",
    "help.cmd.per-member-body.deel": "office or design team: fill in a part of the proposal",
    "help.cmd.per-member-body.uitvoering": "office: start the execution",
    "help.cmd.per-member-body.voortgang": "office or design team: report progress",
    "help.cmd.per-member-body.afronden": "office: complete with the evaluation",
    "idea.per-member-body.picked_up": "{reference} picked up; office contact: {kernteam}. Orientation has started.",
    "idea.per-member-body.execution_started": "{reference} is in execution; the office directs it.",
    "idea.per-member-body.assignee_not_kernteam": "{email} is not one of the office's process directors; name one, "
    "or leave the address out to take it yourself.",
    "next.per-member-body.orientatie": "The office explores the idea with the submitter and concludes the "
    "orientation.",
    "next.per-member-body.akkoord": "The office starts execution (start {reference}).",
    "next.per-member-body.in_uitvoering": "The office directs execution and reports progress (progress {reference} "
    "TEXT).",
    "web.event.per-member-body.picked_up": "picked up by the office",
    "progress.per-member-body.not_allowed": "Progress of {reference} is recorded by its regisseur, penvoerder or "
    "design team, or by the office; ask one of them.",
    "task.per-member-body.assigned": "You are the office's contact for '{title}' ({reference}).",
    "form.idea.per-member-body.intro": "Tell us briefly what you want to do. You get a number at once; someone of the "
    "office will contact you.",
}
