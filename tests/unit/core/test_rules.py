"""Role purity, conflicts of interest, completeness of proposals, advice and consensus."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.domain.people import check_role_purity, new_person
from bot.domain.programme import Programme
from tests.cast import ANNA, DIRK, IN_MEETING, PARTS, idea_at, judgements, people
from tests.conftest import START


class TestRolePurity:
    def test_one_function_per_level_is_allowed(self, programme: Programme) -> None:
        assert check_role_purity(["kernteam", "ambtelijk_facilitator"], programme) == [
            "kernteam",
            "ambtelijk_facilitator",
        ]

    def test_two_functions_on_one_level_are_refused(self, programme: Programme) -> None:
        with pytest.raises(Refused) as refused:
            check_role_purity(["kernteam", "staf"], programme)
        assert refused.value.code == "roles.purity"
        assert refused.value.params["level"] == "het programmateam"

    def test_the_expertteam_is_independent_of_the_stuurgroep(self, programme: Programme) -> None:
        with pytest.raises(Refused) as refused:
            check_role_purity(["expertteam", "stuurgroep"], programme)
        assert refused.value.code == "roles.exclusive"

    def test_the_programmadirecteur_cannot_sit_in_the_stuurgroep(self, programme: Programme) -> None:
        with pytest.raises(Refused):
            check_role_purity(["programmadirecteur", "stuurgroep"], programme)

    def test_an_unknown_role_is_named(self, programme: Programme) -> None:
        with pytest.raises(Refused) as refused:
            new_person(programme, "x@y.nl", "X", ["koning"])
        assert refused.value.code == "roles.unknown"

    @pytest.mark.parametrize("email", ["", "geen-adres", "a@b", "a b@c.nl", "x@y.nl\n"])
    def test_a_bad_email_is_refused(self, programme: Programme, email: str) -> None:
        with pytest.raises(Refused) as refused:
            new_person(programme, email + ("x" if email.endswith("\n") else ""), "X", [])
        assert refused.value.code == "person.bad_email"


class TestConflictOfInterest:
    def test_a_designer_who_is_an_expert_may_not_assess(self, programme: Programme) -> None:
        cast = people(programme)
        cast["expert"].email = DIRK  # Dirk designed it and also sits in the expertteam
        idea = idea_at(programme, Status.GEREED, START, cast)
        with pytest.raises(Refused) as refused:
            idea.record_advice(cast["expert"], programme, True, *judgements(programme), "x", START)
        assert refused.value.code == "idea.conflict_of_interest"
        assert idea.state is Status.GEREED

    def test_a_submitter_in_the_stuurgroep_is_refused_without_recusal(self, programme: Programme) -> None:
        cast = people(programme)
        cast["sg1"].email = ANNA
        idea = idea_at(programme, Status.GEAGENDEERD, START, cast)
        with pytest.raises(Refused) as refused:
            idea.decide(cast["staf"], programme, "afgewezen", [cast["sg1"], cast["sg2"]], "x", "B-1", START)
        assert refused.value.code == "decision.conflict"
        assert idea.decisions == []

    def test_after_recusal_the_submitter_is_excluded_from_the_decision(self, programme: Programme) -> None:
        cast = people(programme)
        cast["sg1"].email = ANNA
        idea = idea_at(programme, Status.GEAGENDEERD, START, cast)
        idea.recuse(cast["sg1"], START)
        decision = idea.decide(
            cast["staf"],
            programme,
            "akkoord",
            [cast["sg1"], cast["sg2"]],
            "Goed",
            "B-1",
            IN_MEETING,
            amount=Decimal("1000.00"),
        )
        assert decision.present == [cast["sg2"].email]
        assert decision.recused == [ANNA]

    def test_nobody_left_after_recusal_is_refused(self, programme: Programme) -> None:
        cast = people(programme)
        cast["sg1"].email = ANNA
        idea = idea_at(programme, Status.GEAGENDEERD, START, cast)
        idea.recuse(cast["sg1"], START)
        with pytest.raises(Refused) as refused:
            idea.decide(cast["staf"], programme, "afgewezen", [cast["sg1"]], "x", "B-1", START)
        assert refused.value.code == "decision.nobody_left"

    def test_a_recused_expert_may_not_assess_either(self, programme: Programme) -> None:
        cast = people(programme)
        idea = idea_at(programme, Status.GEREED, START, cast)
        idea.recuse(cast["expert"], START)
        with pytest.raises(Refused):
            idea.record_advice(cast["expert"], programme, True, *judgements(programme), "x", START)

    def test_recusing_twice_is_recorded_once(self, programme: Programme) -> None:
        cast = people(programme)
        idea = idea_at(programme, Status.GEREED, START, cast)
        assert idea.recuse(cast["expert"], START) is True
        assert idea.recuse(cast["expert"], START) is False
        assert idea.recusals == [cast["expert"].email]


class TestCompleteness:
    @pytest.mark.parametrize("missing", sorted(PARTS))
    def test_a_proposal_missing_a_part_cannot_go_to_toetsing(self, programme: Programme, missing: str) -> None:
        cast = people(programme)
        idea = idea_at(programme, Status.VOORSTEL, START, cast)
        for key, text in PARTS.items():
            if key != missing:
                idea.set_part(cast["dirk"], programme, key, text, START)
        with pytest.raises(Refused) as refused:
            idea.submit_for_review(cast["director"], programme, START)
        assert refused.value.code == "idea.parts_missing"
        assert refused.value.params["parts"] == missing

    def test_a_proposal_without_a_programmalijn_cannot_go_to_toetsing(self, programme: Programme) -> None:
        cast = people(programme)
        idea = idea_at(programme, Status.VOORSTEL, START, cast)
        idea.din = {**idea.din, "programmalijn": None}
        for key, text in PARTS.items():
            idea.set_part(cast["dirk"], programme, key, text, START)
        with pytest.raises(Refused) as refused:
            idea.submit_for_review(cast["director"], programme, START)
        assert refused.value.code == "idea.din_missing"

    def test_an_unknown_part_is_refused_with_the_options(self, programme: Programme) -> None:
        cast = people(programme)
        idea = idea_at(programme, Status.VOORSTEL, START, cast)
        with pytest.raises(Refused) as refused:
            idea.set_part(cast["dirk"], programme, "samenvatting", "x", START)
        assert "aanpak" in refused.value.params["options"]

    def test_subdoelen_belong_to_the_chosen_programmalijn(self, programme: Programme) -> None:
        cast = people(programme)
        idea = idea_at(programme, Status.VOORSTEL, START, cast)
        with pytest.raises(Refused) as refused:
            idea.link_din(cast["dirk"], programme, "subdoel", "De regio op de kaart zetten", START)
        assert refused.value.code == "din.unknown_value"
        name = idea.link_din(cast["dirk"], programme, "subdoel", "preventieve", START)
        assert name in programme.programme_lines["Zorg en Welzijn"]


class TestAdviceAndDecision:
    def test_an_advice_needs_every_criterion_and_principle(self, programme: Programme) -> None:
        cast = people(programme)
        idea = idea_at(programme, Status.GEREED, START, cast)
        criteria, principles = judgements(programme)
        del criteria["cofinanciering"]
        with pytest.raises(Refused) as refused:
            idea.record_advice(cast["chair"], programme, True, criteria, principles, "x", START)
        assert refused.value.code == "advice.missing_items"

    def test_a_positive_advice_is_impossible_when_other_funding_is_possible(self, programme: Programme) -> None:
        cast = people(programme)
        idea = idea_at(programme, Status.GEREED, START, cast)
        criteria, principles = judgements(programme)
        criteria["financiering"] = ("voldoet_niet", "Kan uit Interreg")
        with pytest.raises(Refused) as refused:
            idea.record_advice(cast["chair"], programme, True, criteria, principles, "x", START)
        assert refused.value.code == "advice.rejecting_criterion"
        idea.record_advice(cast["chair"], programme, False, criteria, principles, "Zoek Interreg", START)
        assert idea.state is Status.GETOETST

    def test_akkoord_needs_consensus(self, programme: Programme) -> None:
        cast = people(programme)
        idea = idea_at(programme, Status.GEAGENDEERD, START, cast)
        with pytest.raises(Refused) as refused:
            idea.decide(
                cast["staf"],
                programme,
                "akkoord",
                [cast["sg1"], cast["sg2"]],
                "x",
                "B-1",
                IN_MEETING,
                objections=["Coevorden wil eerst een business case"],
                amount=Decimal("10"),
            )
        assert refused.value.code == "decision.no_consensus"

    def test_akkoord_needs_an_amount_and_only_akkoord_has_one(self, programme: Programme) -> None:
        cast = people(programme)
        idea = idea_at(programme, Status.GEAGENDEERD, START, cast)
        with pytest.raises(Refused) as refused:
            idea.decide(cast["staf"], programme, "akkoord", [cast["sg1"]], "x", "B-1", IN_MEETING)
        assert refused.value.code == "decision.amount_required"
        with pytest.raises(Refused) as refused:
            idea.decide(cast["staf"], programme, "afgewezen", [cast["sg1"]], "x", "B-1", IN_MEETING, amount=Decimal(5))
        assert refused.value.code == "decision.amount_only_for_akkoord"

    def test_only_stuurgroep_members_count_as_present(self, programme: Programme) -> None:
        cast = people(programme)
        idea = idea_at(programme, Status.GEAGENDEERD, START, cast)
        with pytest.raises(Refused) as refused:
            idea.decide(cast["staf"], programme, "afgewezen", [cast["sg1"], cast["kernteam"]], "x", "B-1", START)
        assert refused.value.code == "decision.not_stuurgroep"

    def test_a_meeting_in_the_past_is_refused(self, programme: Programme) -> None:
        from datetime import date

        cast = people(programme)
        idea = idea_at(programme, Status.GETOETST, START, cast)
        with pytest.raises(Refused) as refused:
            idea.schedule(cast["director"], date(2026, 1, 1), START)
        assert refused.value.code == "idea.meeting_in_past"
