"""The tour of `vaart demo` for a programme whose stuurgroep decides by consensus in its meeting (the
Regio Deal): one idea from the virtueel punt through the expertteam's toetsing to a stuurgroep decision.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.cli.demo_tour import Person, Step, Tour
from bot.domain.timezone import AMSTERDAM

PEOPLE: list[Person] = [
    ("k.kern@regiodeal-zod.nl", "Kees Kern", ["kernteam"], "Programmateam"),
    ("p.plan@regiodeal-zod.nl", "Petra Plan", ["programmadirecteur"], "Programmateam"),
    ("e.expert@rug.nl", "Erik Expert", ["expertteam_voorzitter"], "Expertteam"),
    ("s.staf@regiodeal-zod.nl", "Sanne Staf", ["staf"], "Programmateam"),
    ("b.bestuur@emmen.nl", "Bert Bestuur", ["stuurgroep"], "Gemeente Emmen"),
    ("c.college@coevorden.nl", "Carla College", ["stuurgroep"], "Gemeente Coevorden"),
    ("g.gemeente@hoogeveen.nl", "Gert Gemeente", ["coordinatieteam"], "Gemeente Hoogeveen"),
]
ANNA = "anna@zorgcooperatie-drenthe.nl"
DIRK = "d.ontwerp@treant.nl"
START = datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM)
MEETING = date(2027, 1, 22)  # the stuurgroep the proposal goes to
# The worker's mornings on the route to that meeting (reminders, the documents package), then the meeting.
WORKER_ROUNDS = [
    *(datetime(2026, 12, 28, 9, 5, tzinfo=AMSTERDAM) + timedelta(days=n) for n in range(25)),
    datetime(2027, 1, 22, 16, 0, tzinfo=AMSTERDAM),
]


def script(ref: str) -> list[Step]:
    """(email, who, command) in the order the route runs."""
    criteria = " | ".join(
        f"{key}=voldoet: {text}"
        for key, text in [
            ("regionale_impact", "ouderen in vijf gemeenten bereiken de huisarts weer"),
            ("integraliteit", "zorg, mobiliteit en vrijwilligers in één aanpak"),
            ("samenwerking", "Treant, gemeenten en vervoerders werken gelijkwaardig samen"),
            ("financiering", "niet uit EFRO of Interreg te financieren"),
            ("cofinanciering", "gemeenten dragen 40% bij"),
        ]
    )
    principles = " | ".join(f"principe {n}=voldoet: past bij het principe" for n in range(1, 6))
    kees, petra, sanne = "k.kern@regiodeal-zod.nl", "p.plan@regiodeal-zod.nl", "s.staf@regiodeal-zod.nl"
    return [
        (sanne, "Sanne (staf)", f"vergadering stuurgroep {MEETING:%d-%m-%Y} 14:00"),
        (
            ANNA,
            "Anna (indiener)",
            "idee Zorgbus voor kleine kernen | Een vrijwilligersbus die ouderen in kleine "
            "kernen naar huisarts en apotheek brengt | organisatie: Zorgcoöperatie Drenthe | opgaven: 5, 3 "
            "| programmalijn: Zorg en Welzijn",
        ),
        (kees, "Kees (kernteam)", "mijn"),
        (kees, "Kees (kernteam)", f"oppakken {ref}"),
        (
            kees,
            "Kees (kernteam)",
            f"uitgave € 12.500 Onderzoek naar de vervoersbehoefte in kleine kernen voor {ref} | soort: onderzoek",
        ),
        (petra, "Petra (programmadirecteur)", f"goedkeuren {app_spend_ref(ref)}"),
        (kees, "Kees (kernteam)", f"uitgave 50k Tweede onderzoek voor {ref}"),
        (
            kees,
            "Kees (kernteam)",
            f"orientatie {ref} ontwerpteam {DIRK}, {ANNA} | Treant en de indiener werken het voorstel uit",
        ),
        (DIRK, "Dirk (ontwerpteam)", f"voorstel {ref} project"),
        (petra, "Petra (programmadirecteur)", f"toetsing {ref}"),
        (
            DIRK,
            "Dirk (ontwerpteam)",
            f"deel {ref} aanpak Vrijwilligers rijden op vaste dagen; planning via de huisarts",
        ),
        (DIRK, "Dirk (ontwerpteam)", f"deel {ref} resultaten Drie bussen, 40 vrijwilligers, 6.000 ritten per jaar"),
        (DIRK, "Dirk (ontwerpteam)", f"deel {ref} bijdrage Nabijheid van voorzieningen en minder eenzaamheid"),
        (DIRK, "Dirk (ontwerpteam)", f"deel {ref} planning Start april 2027, evaluatie na een jaar"),
        (DIRK, "Dirk (ontwerpteam)", f"deel {ref} begroting € 45.000 voor bussen en coördinatie"),
        (DIRK, "Dirk (ontwerpteam)", f"deel {ref} borging Gemeenten nemen de coördinatie na twee jaar over"),
        (DIRK, "Dirk (ontwerpteam)", f"deel {ref} cofinanciering Gemeenten 40%, Treant 10%"),
        (DIRK, "Dirk (ontwerpteam)", f"din {ref} subdoel preventieve"),
        (DIRK, "Dirk (ontwerpteam)", f"din {ref} principe Resultaat op straat staat voorop"),
        (ANNA, "Anna (indiener)", f"toetsing {ref}"),
        (petra, "Petra (programmadirecteur)", f"toetsing {ref}"),
        (
            "e.expert@rug.nl",
            "Erik (voorzitter expertteam)",
            f"advies {ref} positief | {criteria} | {principles} | ontwikkeladvies: betrek ook de huisartsenpost",
        ),
        (petra, "Petra (programmadirecteur)", f"agenderen {ref}"),
        (petra, "Petra (programmadirecteur)", f"route {MEETING:%d-%m-%Y}"),
        *[("", "de worker", f"@{moment.isoformat()}") for moment in WORKER_ROUNDS],
        (
            sanne,
            "Sanne (staf)",
            f"besluit {ref} akkoord | aanwezig: b.bestuur@emmen.nl, c.college@coevorden.nl | bedrag: € 45.000 "
            "| voorwaarden: evaluatie na een jaar | overwegingen: breed gedragen, sluit aan bij de opgave "
            "voorzieningen",
        ),
        (kees, "Kees (kernteam)", f"uitvoering {ref}"),
        (ANNA, "Anna (indiener)", f"status {ref}"),
        (sanne, "Sanne (staf)", "besluiten"),
        (petra, "Petra (programmadirecteur)", "budget"),
    ]


def app_spend_ref(idea_ref: str) -> str:
    """The first spend request of the year the idea was submitted in (ZOD-2026-0001 -> ZOD-U-2026-0001)."""
    prefix, year, _ = idea_ref.split("-")
    return f"{prefix}-U-{year}-0001"


TOUR = Tour(PEOPLE, f"Anna <{ANNA}> en Dirk <{DIRK}> staan niet in het personenbestand", START, script)
