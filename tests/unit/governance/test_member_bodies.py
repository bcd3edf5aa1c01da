"""The per-member-body procedure as pure rules: the tally, the quorum, and the refusals that change nothing."""

from __future__ import annotations

import copy
import dataclasses
import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest

from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.lifecycle import Status
from bot.domain.member_bodies import (
    BodyDecision,
    bodies_recorded_by,
    record_body_decision,
    record_preparatory_advice,
    tally,
)
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.domain.timezone import AMSTERDAM

RAW = tomllib.loads((Path(__file__).resolve().parents[3] / "bot" / "programme" / "vdg.toml").read_text("utf-8"))
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM)
REGISSEUR = Person("p@vdg.invalid", "Pim", roles=["kernteam"])
EMMEN = Person("accounthouder@emmen.invalid", "Eva", roles=["accounthouder"])


def programme(rule: object = "allen") -> Programme:
    raw = copy.deepcopy(RAW)
    raw["besturing"] = {**RAW["besturing"], "besluiten": {"voorstel": {**RAW["besturing"]["besluiten"]["voorstel"],
                                                                      "regel": rule}}}
    return Programme.from_dict(raw)


def proposal(prog: Programme) -> Idea:
    idea = Idea.submit(prog, "VDG-2026-0001", Person("i@x.nl", "Ina"), "Plan", "Tekst", NOW, "console")
    idea.status = Status.VOORSTEL.value
    idea.proposal_type = "project"
    idea.parts = dict.fromkeys(prog.proposal_parts, "ingevuld")
    idea.din = {"opgaven": ["Energie en Klimaat"], "programmalijn": "Sport", "subdoelen": ["x"], "principes": ["y"]}
    return idea


def decision(body: str, outcome: str = "akkoord", conditions: str = "") -> BodyDecision:
    return BodyDecision("VDG-2026-0001", body, outcome, date(2026, 11, 30), conditions, "a@x", NOW)


def test_the_tally_counts_agreed_with_conditions_rejected_and_open_colleges() -> None:
    prog = programme()
    spec = prog.governance.decision("voorstel")
    assert spec is not None
    colleges = prog.governance.gremia["colleges"]
    counted = tally(colleges, spec, [decision("Emmen"), decision("Assen", conditions="mits"),
                                     decision("Meppel", "afgewezen")])
    assert (len(counted.agreed), len(counted.with_conditions), len(counted.rejected), len(counted.open)) == (2, 1, 1, 9)
    assert counted.outcome == "afgewezen"  # all twelve must agree, and one did not


def test_with_a_quorum_of_seven_the_decision_is_final_at_the_seventh_akkoord() -> None:
    prog = programme(7)
    spec = prog.governance.decision("voorstel")
    assert spec is not None and spec.quorum == 7
    colleges = prog.governance.gremia["colleges"]
    names = [b.name for b in colleges.bodies]
    six = [decision(n) for n in names[:6]]
    assert tally(colleges, spec, six).outcome is None
    assert tally(colleges, spec, [*six, decision(names[6])]).outcome == "akkoord"
    rejected = [decision(n, "afgewezen") for n in names[:6]]
    assert tally(colleges, spec, rejected).outcome == "afgewezen"  # six left cannot make seven


def test_a_college_decision_before_the_pho_advice_is_refused_and_changes_nothing() -> None:
    prog = programme()
    idea = proposal(prog)
    before = dataclasses.asdict(idea)
    with pytest.raises(Refused) as caught:
        record_body_decision(idea, prog, EMMEN, "Emmen", "akkoord", "", None, None, [], NOW)
    assert caught.value.code == "bodies.not_with_bodies"
    assert dataclasses.asdict(idea) == before


def test_only_the_procesregisseur_records_the_pho_advice() -> None:
    prog = programme()
    idea = proposal(prog)
    with pytest.raises(Refused) as caught:
        record_preparatory_advice(idea, prog, EMMEN, True, "goed", None, NOW)
    assert caught.value.code == "idea.wrong_role"
    advice = record_preparatory_advice(idea, prog, REGISSEUR, True, "goed", None, NOW)
    assert idea.state is Status.GEAGENDEERD and advice.deadline == date(2027, 1, 4)


def test_a_college_decision_in_the_future_or_with_an_unknown_outcome_is_refused() -> None:
    prog = programme()
    idea = proposal(prog)
    advice = record_preparatory_advice(idea, prog, REGISSEUR, True, "goed", None, NOW)
    for outcome, day, code in (("akkoord", date(2026, 12, 1), "bodies.decided_in_future"),
                               ("misschien", None, "bodies.unknown_outcome"),
                               ("akkoord", date(2026, 11, 1), "bodies.before_advice")):
        with pytest.raises(Refused) as caught:
            record_body_decision(idea, prog, EMMEN, "Emmen", outcome, "", day, advice, [], NOW)
        assert caught.value.code == code


def test_an_accounthouder_registered_with_the_gemeente_as_organisation_may_record_it() -> None:
    prog = programme()
    idea = proposal(prog)
    advice = record_preparatory_advice(idea, prog, REGISSEUR, True, "goed", None, NOW)
    other = Person("nieuw@emmen.nl", "Nina", organisation="Gemeente Emmen", roles=["accounthouder"])
    made = record_body_decision(idea, prog, other, "emmen", "akkoord", "", None, advice, [], NOW)
    assert made is not None and made.body == "Emmen" and not made.late
    stranger = Person("nieuw@assen.nl", "Sam", organisation="Gemeente Assen", roles=["accounthouder"])
    with pytest.raises(Refused):
        record_body_decision(idea, prog, stranger, "Emmen", "akkoord", "", None, advice, [], NOW)


def test_an_accounthouder_records_for_the_college_the_file_names_them_for_or_their_gemeentes() -> None:
    prog = programme()
    assert bodies_recorded_by(EMMEN, prog) == ("Emmen",)  # named under the college in the programme file
    by_role = Person("a.b@coevorden.nl", "Ab", "Gemeente Coevorden", roles=["accounthouder"])
    assert bodies_recorded_by(by_role, prog) == ("Coevorden",)  # the role, with the gemeente as organisation
    assert bodies_recorded_by(REGISSEUR, prog) == ()
    zod = tomllib.loads((Path(__file__).resolve().parents[3] / "bot" / "programme" / "zod.toml").read_text("utf-8"))
    assert bodies_recorded_by(EMMEN, Programme.from_dict(zod)) == ()  # the Regio Deal decides in its stuurgroep
