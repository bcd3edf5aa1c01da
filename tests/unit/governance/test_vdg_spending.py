"""Spending follows the governance profile: the VDG has no mandate ("Besluiten over inzet van middelen
kunnen alleen door de twaalf individuele colleges genomen worden", seed 003 Bijlage 1), so a request
goes where the `uitgave` decision's procedure says; the Regio Deal's stays with its stuurgroep."""

from __future__ import annotations

import copy
import tomllib
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from bot.domain.budget import BudgetLine, LineBalance, LineKind
from bot.domain.budget_mandate import NO_MANDATE, MandatePolicy, assess_mandate, new_spend_request
from bot.domain.errors import Refused
from bot.domain.governance import CONSENSUS, PER_MEMBER_BODY
from bot.domain.member_bodies import PreparatoryAdvice, Subject, bodies_deciding, record_spend_advice
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.domain.timezone import AMSTERDAM
from bot.messages import profiled, render
from bot.programme.budget import BudgetConfigError, parse_mandate

ROOT = Path(__file__).resolve().parents[3] / "bot" / "programme"
VDG = tomllib.loads((ROOT / "vdg.toml").read_text("utf-8"))
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM)
REGISSEUR = Person("p@vdg.invalid", "Pim", roles=["kernteam"])
REFERRED = Subject("VDG-U-2026-0001", "to_stuurgroep", True, "uitgave")


def test_the_vdg_file_gives_no_mandate_and_lets_the_colleges_decide_on_spending() -> None:
    programme = Programme.from_dict(VDG)
    assert parse_mandate(VDG).none
    assert programme.governance.procedure("uitgave") == PER_MEMBER_BODY
    spec = programme.governance.decision("uitgave")
    assert spec is not None and spec.decided_by == "colleges" and spec.prepared_by == "pho" and spec.quorum is None


def test_the_regio_deal_keeps_its_mandate_and_its_stuurgroep() -> None:
    zod = tomllib.loads((ROOT / "zod.toml").read_text("utf-8"))
    assert parse_mandate(zod).limit == Decimal("50000.00")
    assert Programme.from_dict(zod).governance.procedure("uitgave") == CONSENSUS
    assert profiled("budget.request", "referred", CONSENSUS) == "budget.request.referred"
    assert profiled("budget.notify", "referred", CONSENSUS) == "budget.notify.referred"


@pytest.mark.parametrize("limit", ["0", "0.00", "nee", ""])
def test_a_mandate_limit_of_zero_or_a_word_other_than_geen_stops_the_start(limit: str) -> None:
    with pytest.raises(BudgetConfigError, match=r"mandaat\.limiet"):
        parse_mandate({"mandaat": {"limiet": limit}})


def test_without_a_mandate_every_request_is_outside_it_for_that_one_reason() -> None:
    policy = MandatePolicy(Decimal(0), frozenset({"overig"}), frozenset(), timedelta(days=90))
    line = BudgetLine("communicatie", "Communicatie", Decimal("100000.00"), LineKind.OVERIG)
    request = new_spend_request(reference="VDG-U-2026-0001", amount=Decimal("1.00"), kind="overig",
                                purpose="Drukwerk", requester="p@vdg.invalid", line_key="communicatie",
                                requested_at=NOW, policy=policy, lines=(line,))
    outcome = assess_mandate(request, policy, "p@vdg.invalid", LineBalance("communicatie", Decimal(0)), [], NOW)
    assert outcome.reasons == (NO_MANDATE,) and outcome.needs_stuurgroep
    assert render(NO_MANDATE, "en", **outcome.params) == (
        "This programme gives no one a spending mandate: € 1,00 is decided on separately."
    )


@pytest.mark.parametrize("procedure", [PER_MEMBER_BODY, "written-round"])
def test_each_procedure_has_its_own_referral_wording_in_both_languages(procedure: str) -> None:
    for kind in ("budget.request", "budget.notify"):
        code = profiled(kind, "referred", procedure)
        assert code == f"{kind}.{procedure}.referred"
        for lang in ("nl", "en"):
            assert "stuurgroep" not in render(code, lang, reference="R", amount="€ 1", purpose="p", reasons="") \
                or procedure == "written-round"


def test_the_pho_advice_on_a_spend_request_is_recorded_once_and_only_by_the_procesregisseur() -> None:
    programme = Programme.from_dict(VDG)
    advice = record_spend_advice(REFERRED, programme, REGISSEUR, True, "Akkoord", Decimal("5000.00"), None, NOW)
    assert isinstance(advice, PreparatoryAdvice)
    assert advice.gremium == "pho" and advice.deadline == NOW.date() + timedelta(days=42)
    with pytest.raises(Refused) as caught:
        record_spend_advice(REFERRED, programme, REGISSEUR, True, "Nog eens", Decimal("5000.00"), advice, NOW)
    assert caught.value.code == "bodies.already_advised"
    with pytest.raises(Refused) as caught:
        record_spend_advice(REFERRED, programme, Person("a@x.nl", "A", roles=["accounthouder"]), True, "x",
                            Decimal("1.00"), None, NOW)
    assert caught.value.code == "idea.wrong_role"


def test_no_pho_advice_on_a_spend_request_that_does_not_lie_with_the_colleges() -> None:
    decided = Subject("VDG-U-2026-0001", "approved", False, "uitgave")
    with pytest.raises(Refused) as caught:
        record_spend_advice(decided, Programme.from_dict(VDG), REGISSEUR, True, "x", Decimal("1.00"), None, NOW)
    assert caught.value.code == "bodies.request_not_referred"


def test_a_programme_deciding_spending_in_a_meeting_has_no_advice_on_a_spend_request() -> None:
    zod = Programme.from_dict(tomllib.loads((ROOT / "zod.toml").read_text("utf-8")))
    with pytest.raises(Refused) as caught:
        record_spend_advice(REFERRED, zod, REGISSEUR, True, "x", Decimal("1.00"), None, NOW)
    assert caught.value.code == "bodies.not_this_procedure"


def test_the_vdg_file_names_its_twelve_college_and_five_partner_accounthouders() -> None:
    named = Programme.from_dict(VDG).governance.accounthouders
    assert len(named) == 17
    partners = [a for a in named if a.body is None]
    assert [a.organisation for a in partners][:2] == ["Provincie Drenthe", "Waterschap Drents Overijsselse Delta"]
    emmen = next(a for a in named if a.body == "Emmen")
    assert (emmen.email, emmen.organisation) == ("accounthouder@emmen.invalid", "Gemeente Emmen")


@pytest.mark.parametrize(
    ("entries", "code"),
    [
        ([{"organisatie": "Provincie Drenthe", "naam": "P"}], "profile.bad_accounthouder"),
        ([{"organisatie": "Provincie Drenthe", "naam": "P", "email": "geen-adres"}], "profile.bad_accounthouder"),
        ([{"organisatie": "Provincie Drenthe", "naam": "P", "email": "accounthouder@emmen.invalid"}],
         "profile.duplicate_accounthouder"),
        ("Provincie Drenthe", "profile.not_a_list"),
    ],
)
def test_a_bad_accounthouder_entry_stops_the_start(entries: object, code: str) -> None:
    with pytest.raises(Refused) as caught:
        Programme.from_dict({**VDG, "accounthouders": entries})
    assert caught.value.code == code


def test_mijn_uitgaven_is_there_where_the_colleges_decide_on_spending_not_where_only_proposals_go_to_them() -> None:
    assert len(bodies_deciding(Programme.from_dict(VDG), "uitgave")) == 12
    proposals_only = copy.deepcopy(VDG)
    del proposals_only["besturing"]["besluiten"]["uitgave"]  # spending back in a meeting, proposals still per college
    mixed = Programme.from_dict(proposals_only)
    assert mixed.governance.procedure("voorstel") == PER_MEMBER_BODY and bodies_deciding(mixed, "uitgave") == ()
    zod = Programme.from_dict(tomllib.loads((ROOT / "zod.toml").read_text("utf-8")))
    assert bodies_deciding(zod, "uitgave") == ()
