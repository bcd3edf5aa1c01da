"""The route from idea to project (Programmaplan ch. 4.1) as a state machine.

Each action names the states it may start from, the state it leads to, and the functions
(rollen) that may take it. `Idea` in `bot.domain.ideas` enforces the table and the
preconditions; this module is the table itself, so documentation and tests can read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    INGEDIEND = "ingediend"
    ORIENTATIE = "orientatie"
    ONTWERPTEAM = "ontwerpteam"
    ALLIANTIE = "alliantie"
    NIET_VERDER = "niet_verder"
    VOORSTEL = "voorstel_in_uitwerking"
    GEREED = "gereed_voor_toetsing"
    GETOETST = "getoetst"
    GEAGENDEERD = "geagendeerd"
    AKKOORD = "akkoord"
    AFGEWEZEN = "afgewezen"
    TERUG = "terug_naar_ontwerpteam"
    IN_UITVOERING = "in_uitvoering"
    AFGEROND = "afgerond"


TERMINAL = frozenset({Status.NIET_VERDER, Status.AFGEWEZEN, Status.AFGEROND})
# From "voorstel in uitwerking" on, and every decided or running one, an idea is a proposal or
# project: money for it is project money, not the mandate's (§6 "niet zijnde een project/...").
PROJECT_STAGES = frozenset(
    {
        Status.VOORSTEL,
        Status.GEREED,
        Status.GETOETST,
        Status.GEAGENDEERD,
        Status.AKKOORD,
        Status.AFGEWEZEN,
        Status.TERUG,
        Status.IN_UITVOERING,
        Status.AFGEROND,
    }
)
EDITABLE = frozenset({Status.VOORSTEL, Status.TERUG})
DECISIONS = {"akkoord": Status.AKKOORD, "afgewezen": Status.AFGEWEZEN, "terug": Status.TERUG}
ORIENTATION_OUTCOMES = {
    "ontwerpteam": Status.ONTWERPTEAM,
    "alliantie": Status.ALLIANTIE,
    "niet_verder": Status.NIET_VERDER,
}

# Who acts: role keys, or the relations "submitter" and "designer" (member of the ontwerpteam).
SUBMITTER = "submitter"
DESIGNER = "designer"


@dataclass(frozen=True)
class Action:
    key: str
    sources: frozenset[Status]
    targets: frozenset[Status]
    actors: frozenset[str]


def _action(key: str, sources: set[Status], targets: set[Status], actors: set[str]) -> Action:
    return Action(key, frozenset(sources), frozenset(targets), frozenset(actors))


ACTIONS: dict[str, Action] = {
    a.key: a
    for a in (
        _action("pick_up", {Status.INGEDIEND}, {Status.ORIENTATIE}, {"kernteam"}),
        _action("orientation_outcome", {Status.ORIENTATIE}, set(ORIENTATION_OUTCOMES.values()), {"kernteam"}),
        # §4.1: an alliantie too is worked out "door of met een partij" until it is "rijp voor toetsing
        # en besluitvorming": it becomes a proposal and takes the same route, never straight to afgerond.
        _action(
            "start_proposal", {Status.ONTWERPTEAM, Status.ALLIANTIE}, {Status.VOORSTEL}, {"kernteam", DESIGNER}
        ),
        _action("set_part", set(EDITABLE), set(EDITABLE), {"kernteam", DESIGNER}),
        _action(
            "link_din",
            {Status.INGEDIEND, Status.ORIENTATIE, Status.ONTWERPTEAM, Status.ALLIANTIE, *EDITABLE},
            {Status.INGEDIEND, Status.ORIENTATIE, Status.ONTWERPTEAM, Status.ALLIANTIE, *EDITABLE},
            {"kernteam", DESIGNER, SUBMITTER},
        ),
        _action("submit_for_review", set(EDITABLE), {Status.GEREED}, {"programmadirecteur"}),
        _action("record_advice", {Status.GEREED}, {Status.GETOETST}, {"expertteam", "expertteam_voorzitter"}),
        _action("schedule", {Status.GETOETST}, {Status.GEAGENDEERD}, {"programmadirecteur"}),
        _action("decide", {Status.GEAGENDEERD}, set(DECISIONS.values()), {"staf"}),
        # between meetings the stuurgroep decides in a schriftelijke ronde (bot.domain.rounds): on a
        # proposal the expertteam has assessed, on the agenda or not yet; recorded by whoever started it
        _action("decide_in_writing", {Status.GETOETST, Status.GEAGENDEERD}, set(DECISIONS.values()),
                {"staf", "programmadirecteur"}),
        # §3.1 consensus: no agreement is put on record as such; it is not a decision, the item stays.
        _action("no_consensus", {Status.GEAGENDEERD}, {Status.GEAGENDEERD}, {"staf"}),
        _action("start_execution", {Status.AKKOORD}, {Status.IN_UITVOERING}, {"kernteam"}),
        _action("report_progress", {Status.IN_UITVOERING}, {Status.IN_UITVOERING}, {"kernteam", DESIGNER}),
        _action("complete", {Status.IN_UITVOERING}, {Status.AFGEROND}, {"kernteam"}),
        # §3.1: each project has its own penvoerder, not always the submitter's organisation.
        _action(
            "set_penvoerder", set(Status) - TERMINAL, set(Status) - TERMINAL, {"kernteam", "staf", "programmadirecteur"}
        ),
        _action(
            "recuse",
            {Status.GEREED, Status.GETOETST, Status.GEAGENDEERD},
            {Status.GEREED, Status.GETOETST, Status.GEAGENDEERD},
            {"expertteam", "expertteam_voorzitter", "stuurgroep"},
        ),
    )
}

# The roles whose turn it is once an idea reaches a state: they get a task notice.
NEXT_ROLES: dict[Status, tuple[str, ...]] = {
    Status.INGEDIEND: ("kernteam",),
    Status.ALLIANTIE: ("kernteam",),
    Status.VOORSTEL: ("kernteam",),
    Status.GEREED: ("expertteam", "expertteam_voorzitter"),
    Status.GETOETST: ("programmadirecteur",),
    Status.GEAGENDEERD: ("staf",),
    Status.AKKOORD: ("kernteam",),
    Status.TERUG: ("kernteam",),
}


def allowed_targets(status: Status) -> set[Status]:
    return {t for a in ACTIONS.values() if status in a.sources for t in a.targets if t != status}
