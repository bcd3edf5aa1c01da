"""The people every test scenario uses, and a way to walk an idea to any point of its route."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from bot.domain.ideas import Idea
from bot.domain.lifecycle import Status
from bot.domain.people import Person, anonymous, new_person
from bot.domain.programme import Programme
from bot.domain.timezone import AMSTERDAM

ANNA = "anna@zorgcooperatie-drenthe.nl"  # indiener, not registered
DIRK = "d.ontwerp@treant.nl"  # ontwerpteam, not registered
CAST = {
    "kernteam": ("k.kern@regiodeal-zod.nl", "Kees Kern", ["kernteam"]),
    "kernteam2": ("l.lid@regiodeal-zod.nl", "Lotte Lid", ["kernteam"]),
    "director": ("p.plan@regiodeal-zod.nl", "Petra Plan", ["programmadirecteur"]),
    "chair": ("e.expert@rug.nl", "Erik Expert", ["expertteam_voorzitter"]),
    "expert": ("f.fris@hanze.nl", "Femke Fris", ["expertteam"]),
    "staf": ("s.staf@regiodeal-zod.nl", "Sanne Staf", ["staf"]),
    "sg1": ("b.bestuur@emmen.nl", "Bert Bestuur", ["stuurgroep"]),
    "sg2": ("c.college@coevorden.nl", "Carla College", ["stuurgroep"]),
    "coordinator": ("g.gemeente@hoogeveen.nl", "Gert Gemeente", ["coordinatieteam"]),
}
EMAIL = {key: spec[0] for key, spec in CAST.items()}
PARTS = {
    "aanpak": "Vrijwilligers rijden op vaste dagen",
    "resultaten": "Drie bussen en 6.000 ritten per jaar",
    "bijdrage": "Nabijheid van voorzieningen",
    "planning": "Start april 2027",
    "begroting": "45.000 euro",
    "borging": "Gemeenten nemen het over",
    "cofinanciering": "Gemeenten 40 procent",
}


def people(programme: Programme) -> dict[str, Person]:
    cast = {key: new_person(programme, email, name, roles) for key, (email, name, roles) in CAST.items()}
    cast["anna"] = anonymous(ANNA)
    cast["dirk"] = anonymous(DIRK)
    return cast


def judgements(
    programme: Programme, verdict: str = "voldoet"
) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    criteria = {key: (verdict, f"toelichting {key}") for key in programme.criteria}
    principles = {name: ("voldoet", "past") for name in programme.principles}
    return criteria, principles


# The stuurgroep meeting idea_at schedules on (the rule's Friday of week 50), and a moment in it:
# the stuurgroep decides in its meeting, so decisions are recorded then, never before.
MEETING = date(2026, 12, 11)
IN_MEETING = datetime(2026, 12, 11, 11, 30, tzinfo=AMSTERDAM)


def at_meeting(now: datetime) -> datetime:
    """*now*, or the meeting itself when *now* is still before it."""
    return max(now, IN_MEETING)


# The route as a chain: each step takes an idea one state further.
ROUTE = [
    Status.INGEDIEND,
    Status.ORIENTATIE,
    Status.ONTWERPTEAM,
    Status.VOORSTEL,
    Status.GEREED,
    Status.GETOETST,
    Status.GEAGENDEERD,
    Status.AKKOORD,
    Status.IN_UITVOERING,
    Status.AFGEROND,
]


def idea_at(programme: Programme, target: Status, now: datetime, cast: dict[str, Person] | None = None) -> Idea:
    """A fresh idea walked along the main route (via the domain's own methods) up to *target*."""
    p = cast or people(programme)
    idea = Idea.submit(programme, "ZOD-2026-0001", p["anna"], "Zorgbus", "Een bus voor ouderen", now, "test")
    idea.link_din(p["anna"], programme, "opgave", "1", now)
    idea.link_din(p["anna"], programme, "programmalijn", "Zorg en Welzijn", now)
    idea.link_din(p["anna"], programme, "subdoel", "1", now)
    idea.link_din(p["anna"], programme, "principe", "1", now)
    special = {
        Status.ALLIANTIE: ("alliantie", "Een bestaande partij doet dit al"),
        Status.NIET_VERDER: ("niet_verder", "Uit EFRO te financieren"),
    }
    if target in special:
        idea.pick_up(p["kernteam"], p["kernteam"], now)
        outcome, reason = special[target]
        idea.conclude_orientation(p["kernteam"], programme, outcome, now, reason=reason)
        idea.pull_events()
        return idea
    if target in (Status.AFGEWEZEN, Status.TERUG):
        idea = idea_at(programme, Status.GEAGENDEERD, now, p)
        outcome = "afgewezen" if target is Status.AFGEWEZEN else "terug"
        idea.decide(
            p["staf"], programme, outcome, [p["sg1"], p["sg2"]], "Onvoldoende onderbouwd", "B-1", at_meeting(now)
        )
        idea.pull_events()
        return idea
    steps = {
        Status.ORIENTATIE: lambda: idea.pick_up(p["kernteam"], p["kernteam"], now),
        Status.ONTWERPTEAM: lambda: idea.conclude_orientation(
            p["kernteam"], programme, "ontwerpteam", now, designers=[DIRK, ANNA]
        ),
        Status.VOORSTEL: lambda: idea.start_proposal(p["dirk"], programme, "project", now),
        Status.GEREED: lambda: (
            [idea.set_part(p["dirk"], programme, k, v, now) for k, v in PARTS.items()],
            idea.submit_for_review(p["director"], programme, now),
        ),
        Status.GETOETST: lambda: idea.record_advice(
            p["chair"], programme, True, *judgements(programme), "Betrek de huisartsenpost", now
        ),
        Status.GEAGENDEERD: lambda: idea.schedule(p["director"], MEETING, now),
        Status.AKKOORD: lambda: idea.decide(
            p["staf"],
            programme,
            "akkoord",
            [p["sg1"], p["sg2"]],
            "Breed gedragen",
            "B-1",
            at_meeting(now),
            amount=Decimal("45000.00"),
        ),
        Status.IN_UITVOERING: lambda: idea.start_execution(p["kernteam"], now),
        Status.AFGEROND: lambda: idea.complete(p["kernteam"], programme, "Geslaagd", now),
    }
    for status in ROUTE[1 : ROUTE.index(target) + 1]:
        steps[status]()
    idea.pull_events()
    return idea
