"""§6 Financiën, two rules: the mandate is for what is not (yet) a project, and the VAT line is capped
by the plan itself (the programme file), never above it by a command."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.budget import ZERO, BudgetLine, LineBalance, LineCap, LineKind, set_line_amount
from bot.domain.budget_mandate import PROJECT_STAGE, StuurgroepDecision, approve_under_mandate, assess_mandate
from bot.domain.decision_register import spend_decision
from bot.domain.errors import Refused
from bot.domain.lifecycle import PROJECT_STAGES, Status
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.messages import render
from bot.programme.budget import parse_budget_config
from tests.unit.budget.test_mandate import DIRECTOR, NOW, POLICY, ROOM, request

NOT_YET_A_PROJECT = sorted(set(Status) - PROJECT_STAGES)


class TestTheMandateCoversWhatIsNotYetAProject:
    """§6: "De programmadirecteur heeft het mandaat om kosten tot € 50.000,00 zelfstandig af te handelen.
    Het betreft hier kosten die gemaakt worden in het kader van bijvoorbeeld het faciliteren van
    onderzoek in de oriëntatiefase of het op gang brengen van de samenwerking, niet zijnde een
    project/programma/experiment."""

    @pytest.mark.parametrize("status", sorted(PROJECT_STAGES), ids=lambda s: s.value)
    def test_a_request_for_a_proposal_or_project_goes_to_the_stuurgroep(self, status: Status) -> None:
        """§6: "kosten ... in het kader van ... onderzoek in de oriëntatiefase ..., niet zijnde een
        project/programma/experiment"."""
        research = request("20000.00", idea_ref="ZOD-2026-0001")
        outcome = assess_mandate(research, POLICY, DIRECTOR, ROOM, [], NOW, status.value)
        assert outcome.reasons == (PROJECT_STAGE,)
        assert outcome.params["idea"] == "ZOD-2026-0001" and outcome.params["stage"] == status.value
        with pytest.raises(Refused) as caught:
            approve_under_mandate(research, POLICY, DIRECTOR, ROOM, [], NOW, status.value)
        assert caught.value.code == PROJECT_STAGE

    @pytest.mark.parametrize("status", NOT_YET_A_PROJECT, ids=lambda s: s.value)
    def test_a_request_for_an_idea_not_yet_a_proposal_is_under_the_mandate(self, status: Status) -> None:
        """§6: "het faciliteren van onderzoek in de oriëntatiefase of het op gang brengen van de
        samenwerking"."""
        research = request("20000.00", idea_ref="ZOD-2026-0001")
        assert assess_mandate(research, POLICY, DIRECTOR, ROOM, [], NOW, status.value).within_mandate

    def test_the_project_stages_start_at_voorstel_in_uitwerking(self) -> None:
        """§6 "niet zijnde een project/programma/experiment": from voorstel in uitwerking on, and every
        decided or running one."""
        assert {Status.VOORSTEL, Status.AKKOORD, Status.AFGEWEZEN, Status.IN_UITVOERING} <= PROJECT_STAGES
        assert not PROJECT_STAGES & {Status.INGEDIEND, Status.ORIENTATIE, Status.ONTWERPTEAM, Status.ALLIANTIE}

    def test_the_answer_says_why(self) -> None:
        """§6: the reason is the plan's own words."""
        text = render(PROJECT_STAGE, "nl", idea="ZOD-2026-0001", stage="Besluit: akkoord")
        assert "niet zijnde een project/programma/experiment" in text and "stuurgroep" in text


class TestTheExecutionCostCap:
    """§6: "De uitvoeringskosten in de zin van voorbereidingskosten, administratie en toezicht (VAT) zijn
    begroot op 3%, te weten € 900.000,00 voor de komende 4 jaren."."""

    LINES = (BudgetLine("vat", "VAT", Decimal("900000.00"), LineKind.VAT),)
    CAP = LineCap(Decimal("900000.00"), "§6")

    def test_a_capped_line_cannot_be_set_above_its_cap(self) -> None:
        """§6: "(VAT) zijn begroot op 3%, te weten € 900.000,00 voor de komende 4 jaren"."""
        current = {"vat": LineBalance("vat", Decimal("900000.00"))}
        with pytest.raises(Refused) as caught:
            set_line_amount(self.LINES, "vat", Decimal("950000"), Decimal("30000000.00"), current, self.CAP)
        assert caught.value.code == "budget.line.over_cap"
        assert caught.value.params["cap"] == "€ 900.000,00"

    @pytest.mark.parametrize("amount", ["900000.00", "850000.00", "0.00"])
    def test_up_to_the_cap_is_allowed(self, amount: str) -> None:
        """§6: "€ 900.000,00 voor de komende 4 jaren"."""
        current = {"vat": LineBalance("vat", Decimal("900000.00"), allocated=ZERO)}
        [line] = set_line_amount(self.LINES, "vat", Decimal(amount), Decimal("30000000.00"), current, self.CAP)
        assert line.amount == Decimal(amount)

    def test_the_programme_file_caps_the_vat_line_with_its_passage(self, programme: Programme) -> None:
        """§6: the cap lives in the programme file (`[begroting.vat] plafond`), not in a command."""
        config = parse_budget_config(programme.raw)
        cap = config.caps["vat"]
        assert cap.amount == Decimal("900000.00")
        assert cap.source.startswith("§6") and "€ 900.000,00" in cap.source
        assert set(config.caps) == {"vat"}


class TestConsensusOnMoneyToo:
    """§3.1: "Besluitvorming vindt plaats op basis van overeenstemming (consensus)": also the stuurgroep's
    decisions on spend requests outside the mandate, of either outcome."""

    @pytest.mark.parametrize("outcome", list(StuurgroepDecision), ids=lambda o: o.value)
    def test_no_spend_decision_while_an_objection_stands(self, outcome: StuurgroepDecision) -> None:
        """§3.1: "op basis van overeenstemming (consensus)"."""
        sg = Person("b.bestuur@emmen.nl", "Bert", roles=["stuurgroep"])
        big = request("75000.00")
        with pytest.raises(Refused) as caught:
            spend_decision(big, outcome, [sg], "Nodig", "B-1", NOW.date(), "staf@x.nl", NOW, 4000, ["Te duur"])
        assert caught.value.code == "decision.no_consensus" and caught.value.params["outcome"] == outcome.value
        entry = spend_decision(big, outcome, [sg], "Nodig", "B-1", NOW.date(), "staf@x.nl", NOW, 4000)
        assert entry.outcome == outcome.value and entry.objections == ()
