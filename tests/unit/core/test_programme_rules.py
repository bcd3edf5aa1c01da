"""The Programmaplan's rules on a proposal's route, each allowed and refused, with its passage.

One class per rule of issue 13 that lives on the idea: consensus (§3.1), the rejection criterion
(Bijlage 4), the decision in the meeting, the alliantie route (§4.1), completeness (Bijlage 4, §5)
and the penvoerder (§3.1). A refusal changes nothing (checked on a snapshot of the idea).
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.lifecycle import Status
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.domain.timezone import AMSTERDAM
from tests.cast import IN_MEETING, MEETING, PARTS, idea_at, judgements, people
from tests.conftest import START

SG = ("sg1", "sg2")


def refused(call: object, *args: object, **kwargs: object) -> Refused:
    with pytest.raises(Refused) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    return caught.value


def decide(
    idea: Idea, cast: dict[str, Person], programme: Programme, outcome: str, now: datetime = IN_MEETING, **kw: Any
) -> object:
    amount = kw.pop("amount", Decimal("45000.00") if outcome == "akkoord" else None)
    return idea.decide(
        cast["staf"], programme, outcome, [cast[k] for k in SG], "Overwogen", "B-7", now, amount=amount, **kw
    )


class TestConsensusOnEveryOutcome:
    """§3.1 Uitgangspunten Besturing, Besluitvorming: "Besluitvorming vindt plaats op basis van
    overeenstemming (consensus)"."""

    @pytest.mark.parametrize("outcome", ["akkoord", "afgewezen", "terug"])
    def test_no_decision_of_any_outcome_is_recorded_while_an_objection_stands(
        self, programme: Programme, outcome: str
    ) -> None:
        """§3.1: "Besluitvorming vindt plaats op basis van overeenstemming (consensus)"."""
        cast = people(programme)
        idea = idea_at(programme, Status.GEAGENDEERD, START, cast)
        before = dataclasses.asdict(idea)
        refusal = refused(decide, idea, cast, programme, outcome, objections=["Coevorden: eerst een business case"])
        assert refusal.code == "decision.no_consensus"
        assert refusal.params["outcome"] == outcome and refusal.params["count"] == 1
        assert dataclasses.asdict(idea) == before and idea.pull_events() == []

    @pytest.mark.parametrize("outcome", ["akkoord", "afgewezen", "terug"])
    def test_without_objections_every_outcome_is_recorded(self, programme: Programme, outcome: str) -> None:
        """§3.1: "Besluitvorming vindt plaats op basis van overeenstemming (consensus)"."""
        cast = people(programme)
        idea = idea_at(programme, Status.GEAGENDEERD, START, cast)
        decide(idea, cast, programme, outcome, conditions=["Evaluatie na een jaar"])
        assert idea.decisions[-1].outcome == outcome and idea.decisions[-1].objections == []

    def test_no_consensus_is_put_on_record_as_such_and_is_not_a_decision(self, programme: Programme) -> None:
        """§3.1: "Besluitvorming vindt plaats op basis van overeenstemming (consensus)": without it
        the item stays on the agenda or goes to the next meeting."""
        cast = people(programme)
        idea = idea_at(programme, Status.GEAGENDEERD, START, cast)
        held = idea.record_no_consensus(cast["staf"], programme, ["Emmen wil eerst cofinanciering"], IN_MEETING,
                                        date(2027, 7, 2))
        assert held == MEETING
        assert idea.state is Status.GEAGENDEERD and idea.decisions == []
        assert idea.meeting_date == date(2027, 7, 2)
        [event] = idea.pull_events()
        assert event.kind == "no_consensus" and event.data["objections"] == ["Emmen wil eerst cofinanciering"]

    def test_without_a_next_meeting_the_item_stays_on_its_agenda(self, programme: Programme) -> None:
        """§3.1: "Besluitvorming vindt plaats op basis van overeenstemming (consensus)"."""
        cast = people(programme)
        idea = idea_at(programme, Status.GEAGENDEERD, START, cast)
        idea.record_no_consensus(cast["staf"], programme, ["Bezwaar"], IN_MEETING, None)
        assert idea.meeting_date == MEETING and idea.state is Status.GEAGENDEERD

    def test_no_consensus_needs_the_objections_and_the_meeting(self, programme: Programme) -> None:
        """§3.1: "Besluitvorming vindt plaats op basis van overeenstemming (consensus)"."""
        cast = people(programme)
        idea = idea_at(programme, Status.GEAGENDEERD, START, cast)
        before = dataclasses.asdict(idea)
        assert refused(idea.record_no_consensus, cast["staf"], programme, [" "], IN_MEETING, None).code == (
            "decision.objections_required"
        )
        assert refused(idea.record_no_consensus, cast["staf"], programme, ["x"], START, None).code == (
            "decision.before_meeting"
        )
        assert refused(idea.record_no_consensus, cast["sg1"], programme, ["x"], IN_MEETING, None).code == (
            "idea.wrong_role"
        )
        assert dataclasses.asdict(idea) == before


class TestTheRejectionCriterionBindsTheDecision:
    """Bijlage 4, Financiering: "Kan een project/programma/experiment gefinancierd worden uit andere
    financieringsbronnen, zoals EFRO en Interreg (afwijzingscriterium)"."""

    def _negative(self, programme: Programme, financiering: str) -> tuple[Idea, dict[str, Person]]:
        cast = people(programme)
        idea = idea_at(programme, Status.GEREED, START, cast)
        criteria, principles = judgements(programme)
        criteria["financiering"] = (financiering, "Interreg VI kan dit dragen")
        idea.record_advice(cast["chair"], programme, False, criteria, principles, "Vraag Interreg aan", START)
        idea.schedule(cast["director"], MEETING, START)
        return idea, cast

    def test_akkoord_is_refused_when_the_advice_finds_other_funding_possible(self, programme: Programme) -> None:
        """Bijlage 4: "Kan een project ... gefinancierd worden uit andere financieringsbronnen, zoals
        EFRO en Interreg (afwijzingscriterium)"."""
        idea, cast = self._negative(programme, "voldoet_niet")
        before = dataclasses.asdict(idea)
        refusal = refused(decide, idea, cast, programme, "akkoord")
        assert refusal.code == "decision.rejection_criterion" and refusal.params["criterion"] == "Financiering"
        assert dataclasses.asdict(idea) == before

    @pytest.mark.parametrize("outcome", ["afgewezen", "terug"])
    def test_afgewezen_or_terug_remain(self, programme: Programme, outcome: str) -> None:
        """§4.1: "Bij een negatief advies van het expertteam kan de stuurgroep besluiten om het voorstel
        terug te sturen naar het 'ontwerpteam'"; Bijlage 4: financiering is an afwijzingscriterium."""
        idea, cast = self._negative(programme, "voldoet_niet")
        decide(idea, cast, programme, outcome)
        assert idea.state in (Status.AFGEWEZEN, Status.TERUG)

    def test_after_terug_the_ontwerpteam_adjusts_and_the_route_starts_again(self, programme: Programme) -> None:
        """§4.1: "Na aanpassing kan het betreffende voorstel opnieuw de besluitvormingsroute in"."""
        idea, cast = self._negative(programme, "voldoet_niet")
        decide(idea, cast, programme, "terug")
        idea.set_part(cast["dirk"], programme, "cofinanciering", "Niet uit Interreg: de provincie draagt bij", START)
        idea.submit_for_review(cast["director"], programme, IN_MEETING)
        idea.record_advice(cast["chair"], programme, True, *judgements(programme), "Nu passend", IN_MEETING)
        idea.schedule(cast["director"], date(2027, 7, 2), IN_MEETING)
        decide(idea, cast, programme, "akkoord", now=datetime(2027, 7, 2, 12, 0, tzinfo=AMSTERDAM))
        assert idea.state is Status.AKKOORD

    def test_a_negative_advice_that_meets_the_rejection_criterion_allows_akkoord(self, programme: Programme) -> None:
        """Bijlage 4: only the financiering criterion is an afwijzingscriterium; the stuurgroep weighs
        the rest of a negative advice itself (§3.2 Beslisser)."""
        idea, cast = self._negative(programme, "voldoet")
        decide(idea, cast, programme, "akkoord")
        assert idea.state is Status.AKKOORD


class TestTheStuurgroepDecidesInItsMeeting:
    """§3.2 Stuurgroep, Beslisser: "Neemt besluiten over programma's, projecten, toewijzing middelen";
    Bijlage 2: the stuurgroep meets on its dates (28 juni, 13 december 2024)."""

    @pytest.mark.parametrize("outcome", ["akkoord", "afgewezen", "terug"])
    def test_a_decision_before_the_meeting_is_refused(self, programme: Programme, outcome: str) -> None:
        """§3.2: the stuurgroep "neemt besluiten" in its meeting; not on 1 November for 11 December."""
        cast = people(programme)
        idea = idea_at(programme, Status.GEAGENDEERD, START, cast)
        before = dataclasses.asdict(idea)
        early = datetime(2026, 12, 10, 23, 59, tzinfo=AMSTERDAM)
        refusal = refused(decide, idea, cast, programme, outcome, now=early)
        assert refusal.code == "decision.before_meeting"
        assert refusal.params == {"reference": idea.reference, "date": "11-12-2026", "today": "10-12-2026"}
        assert dataclasses.asdict(idea) == before

    def test_on_or_after_the_meeting_both_the_meeting_date_and_the_entry_are_recorded(
        self, programme: Programme
    ) -> None:
        """§3.2: the stuurgroep "neemt besluiten"; the register keeps the meeting and when it was entered."""
        cast = people(programme)
        idea = idea_at(programme, Status.GEAGENDEERD, START, cast)
        entered = IN_MEETING + timedelta(days=3)
        decide(idea, cast, programme, "afgewezen", now=entered)
        decision = idea.decisions[-1]
        assert decision.decided_on == MEETING and decision.recorded_at == entered


class TestTheAlliantieGoesThroughToetsingAndDecision:
    """§4.1: "Zodra een voorstel voor een project/programma/experiment of de ontwikkeling en/of
    uitvoering daarvan door of met een partij uit de regio, rijp is voor toetsing en besluitvorming
    draagt de Programmadirecteur zorg voor agendering bij de expertgroep respectievelijk de stuurgroep"."""

    def test_an_alliantie_is_not_completed_straight_after_orientation(self, programme: Programme) -> None:
        """§4.1: an alliantie too is made "rijp voor toetsing en besluitvorming"."""
        cast = people(programme)
        idea = idea_at(programme, Status.ALLIANTIE, START, cast)
        before = dataclasses.asdict(idea)
        refusal = refused(idea.complete, cast["kernteam"], programme, "Opdracht gegeven", START)
        assert refusal.code == "idea.transition_not_allowed"
        assert dataclasses.asdict(idea) == before

    def test_an_alliantie_becomes_a_proposal_by_or_with_the_party_and_takes_the_route(
        self, programme: Programme
    ) -> None:
        """§4.1: "door of met een partij uit de regio, rijp ... voor toetsing en besluitvorming"."""
        cast = people(programme)
        idea = idea_at(programme, Status.ALLIANTIE, START, cast)
        idea.start_proposal(cast["kernteam"], programme, "project", START)
        for part, text in PARTS.items():
            idea.set_part(cast["kernteam"], programme, part, text, START)
        idea.submit_for_review(cast["director"], programme, START)
        idea.record_advice(cast["chair"], programme, True, *judgements(programme), "Goed", START)
        idea.schedule(cast["director"], MEETING, START)
        decide(idea, cast, programme, "akkoord")
        idea.start_execution(cast["kernteam"], IN_MEETING)
        idea.complete(cast["kernteam"], programme, "Geëvalueerd", IN_MEETING)
        assert idea.state is Status.AFGEROND and idea.decisions[-1].outcome == "akkoord"


class TestCompletenessNamesAllDinLinks:
    """Bijlage 4, Algemeen: "Een onderbouwing van: De bijdrage aan de(sub) doelen van het programma aan
    de brede welvaart in de regio (DIN)"; §5: "Door de verschillende interventies aan verschillende
    leidende principes te koppelen, kunnen we ook beter zien waar we nog moeten investeren"."""

    @pytest.mark.parametrize(("key", "kind"), [("subdoelen", "subdoel"), ("principes", "principe")])
    def test_toetsing_needs_a_subdoel_and_a_principe(self, programme: Programme, key: str, kind: str) -> None:
        """Bijlage 4: "De bijdrage aan de(sub) doelen van het programma ... (DIN)"; §5: interventies
        gekoppeld aan de leidende principes."""
        cast = people(programme)
        idea = idea_at(programme, Status.VOORSTEL, START, cast)
        idea.din = {**idea.din, key: []}
        for part, text in PARTS.items():
            idea.set_part(cast["dirk"], programme, part, text, START)
        refusal = refused(idea.submit_for_review, cast["director"], programme, START)
        assert refusal.code == "idea.din_missing" and refusal.params["missing"] == kind
        assert idea.state is Status.VOORSTEL

    def test_with_every_link_toetsing_is_allowed(self, programme: Programme) -> None:
        """Bijlage 4 and §5: opgave, programmalijn, subdoel and principe are all there."""
        cast = people(programme)
        idea = idea_at(programme, Status.VOORSTEL, START, cast)
        for part, text in PARTS.items():
            idea.set_part(cast["dirk"], programme, part, text, START)
        idea.submit_for_review(cast["director"], programme, START)
        assert idea.state is Status.GEREED


class TestThePenvoerderOfAProject:
    """§3.1 Penvoerderschap: "Vanuit de penvoerder wordt de subsidie beschikt. Dat betekent dat de
    provincie Drenthe een subsidie-beschikking opstelt en naar een ontvanger uitdoet"; the project's own
    penvoerder (lead partner) is not always the submitter's organisation."""

    def test_the_penvoerder_is_set_and_changed(self, programme: Programme) -> None:
        """§3.1: the beschikking goes "naar een ontvanger": the project's penvoerder."""
        cast = people(programme)
        idea = idea_at(programme, Status.AKKOORD, START, cast)
        idea.organisation = "Zorgcoöperatie Drenthe"
        assert idea.lead_partner == "Zorgcoöperatie Drenthe"
        assert idea.set_penvoerder(cast["kernteam"], programme, "Gemeente Emmen", START) == "Zorgcoöperatie Drenthe"
        assert idea.set_penvoerder(cast["staf"], programme, "Treant", START) == "Gemeente Emmen"
        assert idea.lead_partner == "Treant"
        assert [e.kind for e in idea.pull_events()] == ["penvoerder_set", "penvoerder_set"]

    def test_nothing_changes_and_nobody_else_may_set_it(self, programme: Programme) -> None:
        """§3.1 Penvoerderschap: the programme (kernteam, staf, programmadirecteur) records it."""
        cast = people(programme)
        idea = idea_at(programme, Status.AKKOORD, START, cast)
        idea.set_penvoerder(cast["kernteam"], programme, "Gemeente Emmen", START)
        idea.pull_events()
        before = dataclasses.asdict(idea)
        assert refused(idea.set_penvoerder, cast["kernteam"], programme, "Gemeente Emmen", START).code == (
            "idea.penvoerder_unchanged"
        )
        assert refused(idea.set_penvoerder, cast["anna"], programme, "Anna BV", START).code == "idea.wrong_role"
        assert refused(idea.set_penvoerder, cast["kernteam"], programme, " ", START).code == "text.empty"
        assert dataclasses.asdict(idea) == before and idea.pull_events() == []
