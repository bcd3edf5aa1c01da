"""The programme cycle's pure rules: a budget line needs an adopted decision (§6), the objection term
(§3.1), escalation roles (§3.2) and the coverage order (§5: nothing linked first)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.domain.cycle import (
    CoverageRow,
    ObjectionKind,
    budget_kind,
    coverage,
    objection_deadline,
    objection_kind,
    require_budget_decision,
    require_in_term,
    require_role,
)
from bot.domain.errors import Refused
from bot.messages import codes
from bot.programme.cycle import CycleConfigError, parse_cycle_config


def test_a_budget_change_needs_a_budget_decision_of_the_stuurgroep_in_the_register() -> None:
    with pytest.raises(Refused) as none:
        require_budget_decision("  ", None)
    assert none.value.code == "budget.line.decision_needed"
    with pytest.raises(Refused) as unknown:
        require_budget_decision("zod-b-2026-999", None)
    assert unknown.value.code == "budget.line.decision_unknown" and unknown.value.params["number"] == "ZOD-B-2026-999"
    for kind in ("idee", "uitgave"):  # an akkoord on a proposal or a spend request allocates, it sets no line
        with pytest.raises(Refused) as proposal:
            require_budget_decision("ZOD-B-2026-001", kind)
        assert proposal.value.code == "budget.line.decision_not_budget"
    assert require_budget_decision(" zod-b-2026-001 ", "begroting") == "ZOD-B-2026-001"


def test_a_budget_decision_is_on_the_begroting_or_its_revision() -> None:
    assert budget_kind("Herziening") == "herziening" and budget_kind("budget") == "begroting"
    with pytest.raises(Refused) as wrong:
        budget_kind("akkoord")
    assert wrong.value.code == "budget.resolution.unknown_kind"


def test_an_objection_is_taken_until_the_last_day_of_the_term_and_refused_after() -> None:
    decided = date(2026, 12, 11)
    assert objection_deadline(decided, 42) == date(2027, 1, 22)
    require_in_term("ZOD-B-2026-001", decided, date(2027, 1, 22), 42)
    with pytest.raises(Refused) as late:
        require_in_term("ZOD-B-2026-001", decided, date(2027, 1, 23), 42)
    assert late.value.code == "objection.too_late" and late.value.params["last"] == "22-01-2027"


def test_an_objection_is_about_content_or_process_in_either_language() -> None:
    assert objection_kind("Inhoud") is ObjectionKind.INHOUD and objection_kind("process") is ObjectionKind.PROCES
    with pytest.raises(Refused) as other:
        objection_kind("smaak")
    assert other.value.code == "objection.unknown_kind"


def test_only_the_kernteam_or_the_director_escalates() -> None:
    require_role(["kernteam"], ("kernteam", "programmadirecteur"), "escalation.wrong_role")
    with pytest.raises(Refused) as refused:
        require_role(["staf"], ("kernteam", "programmadirecteur"), "escalation.wrong_role")
    assert refused.value.params["roles"] == ["kernteam", "programmadirecteur"]


def test_coverage_lists_every_element_with_nothing_linked_first_in_the_files_order() -> None:
    elements = [("opgave", "A"), ("opgave", "B"), ("programmalijn", "L"), ("principe", "P")]
    counts = {("opgave", "A", "project"): 2, ("programmalijn", "L", "idee"): 1}
    report = coverage(elements, counts, {("opgave", "A"): Decimal("45000.00")}, ("L",), ("A", "B"),
                      {("L", "A"): 3})
    assert [(r.kind, r.name) for r in report.rows] == [("opgave", "B"), ("principe", "P"), ("opgave", "A"),
                                                       ("programmalijn", "L")]
    assert report.rows[0] == CoverageRow("opgave", "B") and report.rows[0].empty
    assert report.rows[2].projects == 2 and report.rows[2].allocated == Decimal("45000.00")


def test_the_shipped_programme_file_names_the_term_the_province_and_three_facilitators() -> None:
    from bot.bootstrap.settings import load_programme

    programme = load_programme()
    config = parse_cycle_config(programme.raw, set(programme.roles))
    assert config.objections.term_days == 42 and config.objections.province_contact
    assert len(config.escalation.facilitators) == 3
    assert all(f.email.endswith(".invalid") for f in config.escalation.facilitators)  # placeholders reach nobody
    with pytest.raises(CycleConfigError):
        parse_cycle_config({"bezwaar": {"termijn_dagen": 0}}, set(programme.roles))


def test_every_cycle_message_has_dutch_and_english() -> None:
    from bot.messages import cycle

    assert set(cycle.NL) == set(cycle.EN)
    assert set(cycle.NL) <= codes("nl") and set(cycle.EN) <= codes("en")
