"""The tour of `vaart demo` for a programme in which every member body decides for itself (the VDG):
one proposal and one spend request through the procesregisseur, the portefeuillehoudersoverleg's
preparatory advice and the decisions of all twelve colleges, recorded by their accounthouders, to
the uitvoering. The same life as tests/e2e/test_vdg_wording_sweep.py walks."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.cli.demo_tour import Person, Step, Tour
from bot.domain.timezone import AMSTERDAM

GEMEENTEN = ["Aa en Hunze", "Assen", "Borger-Odoorn", "Coevorden", "De Wolden", "Emmen", "Hoogeveen", "Meppel",
             "Midden-Drenthe", "Noordenveld", "Tynaarlo", "Westerveld"]
REGISSEUR = "p.regisseur@vdg-drenthe.invalid"
SECRETARIS = "a.secretaris@vdg-drenthe.invalid"
STAF = "s.staf@vdg-drenthe.invalid"
PHO = "p.pho@vdg-drenthe.invalid"
INDIENER = "i.indiener@voorbeeld.nl"


def accounthouder(gemeente: str) -> str:
    """The address vdg.toml gives the gemeente's accounthouder (`leden` of the colleges)."""
    return f"accounthouder@{gemeente.lower().replace(' ', '-')}.invalid"


PEOPLE: list[Person] = [
    (REGISSEUR, "Pim Regisseur", ["kernteam"], "VDG-bureau"),
    (SECRETARIS, "Ans Secretaris", ["programmadirecteur"], "VDG-bureau"),
    (STAF, "Sanne Staf", ["staf"], "VDG-bureau"),
    (PHO, "Piet Pho", ["pho_lid"], "Gemeente Assen"),
    *((accounthouder(g), f"Accounthouder {g}", ["accounthouder"], f"Gemeente {g}") for g in GEMEENTEN),
]
START = datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM)
MEETING = date(2027, 1, 8)  # the VDG-bestuur whose documents package tells the accounthouders what lies with them
# The worker's mornings before that meeting: the staf's reminder, then the package on the route's first step
# (three weeks before); the colleges decide after it, within the six weeks the PHO's advice asks.
WORKER_ROUNDS = [datetime(2026, 12, 15, 9, 5, tzinfo=AMSTERDAM) + timedelta(days=n) for n in range(5)]
PARTS = {
    "aanleiding": "Gemeenten zoeken samen capaciteit voor de warmtetransitie",
    "voorgesteld_besluit": "Instemmen met een gezamenlijke regionale warmtecoördinator voor twee jaar",
    "beoogd_effect": "Eén aanpak voor de warmtetransitie in twaalf gemeenten",
    "lokaal_beleid": "Past binnen de lokale transitievisies warmte",
    "middelen": "€ 60.000 over twee jaar, per inwoner verdeeld",
    "personele_capaciteit": "Vier uur per week per gemeente in het ambtelijk overleg",
    "planning": "Start 1 maart, evaluatie na een jaar",
}


def script(ref: str) -> list[Step]:
    """(email, who, command) in the order the route runs."""
    prefix, year, _ = ref.split("-")
    spend = f"{prefix}-U-{year}-0001"
    pim, sanne, ans = (REGISSEUR, "Pim (procesregisseur)"), (STAF, "Sanne (staf)"), (SECRETARIS, "Ans (secretaris)")
    ilse = (INDIENER, "Ilse (indiener)")
    colleges: list[Step] = []
    for gemeente in GEMEENTEN:
        who = (accounthouder(gemeente), f"accounthouder {gemeente}")
        colleges += [(*who, f"collegebesluit {ref} {gemeente} akkoord"),
                     (*who, f"collegebesluit {spend} {gemeente} akkoord")]
    return [
        (*sanne, f"vergadering algemeen_bestuur {MEETING:%d-%m-%Y}"),
        (*ilse, "idee Warmtecoördinator | Een gezamenlijke coördinator voor de warmtetransitie van de twaalf "
                "gemeenten"),
        (*pim, "mijn"),
        (*pim, f"oppakken {ref}"),
        (*pim, "uitgave 5.000 Drukwerk voor de campagne | regel: communicatie"),
        (*pim, f"orientatie {ref} ontwerpteam {REGISSEUR}, {INDIENER} | het bureau en de indiener werken het "
               "voorstel uit"),
        (*pim, f"voorstel {ref} project"),
        *((*pim, f"deel {ref} {key} {text}") for key, text in PARTS.items()),
        (*pim, f"din {ref} opgave 2"),
        (*pim, f"din {ref} programmalijn 2"),
        (*pim, f"din {ref} subdoel 1"),
        (*pim, f"din {ref} principe 3"),
        (*pim, f"pho-advies {ref} positief Het PHO adviseert de colleges in te stemmen | bedrag: 60.000"),
        (*pim, f"pho-advies {spend} positief Het PHO adviseert in te stemmen"),
        (PHO, "Piet (portefeuillehoudersoverleg)", f"status {ref}"),
        (*ans, "uitgaven"),
        *[("", "de worker", f"@{moment.isoformat()}") for moment in WORKER_ROUNDS],
        *colleges,
        (*sanne, f"penvoerder {ref} Gemeente Emmen"),
        (*pim, f"uitvoering {ref}"),
        (*pim, f"voortgang {ref} De coördinator is begonnen"),
        (*ilse, f"status {ref}"),
        (*sanne, "besluiten"),
        (*ans, "budget"),
    ]


TOUR = Tour(PEOPLE, f"Ilse <{INDIENER}> staat niet in het personenbestand", START, script)
