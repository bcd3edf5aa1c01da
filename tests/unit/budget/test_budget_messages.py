"""Every code the budget area raises or reports has Dutch and English wording with the same fields."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from bot.messages import budget, codes

ROOT = Path(__file__).parents[3]
SOURCES = [
    *sorted((ROOT / "bot" / "domain").glob("budget*.py")),
    ROOT / "bot" / "domain" / "cofinancing.py",
    ROOT / "bot" / "programme" / "budget.py",
    *sorted((ROOT / "integrations" / "budget_import").glob("*.py")),
    ROOT / "bot" / "reports" / "budget_report.py",
]
CODE = re.compile(r"\"((?:budget|budget_import|cofinancing|amount)\.[a-z_.]+)\"")


def used_codes() -> set[str]:
    found: set[str] = set()
    for source in SOURCES:
        found |= {c for c in CODE.findall(source.read_text(encoding="utf-8")) if not c.endswith(".")}
    return found


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_sources_raise_codes_at_all() -> None:
    assert {"budget.line.unknown", "budget_import.rejected", "cofinancing.bad_population"} <= used_codes()


@pytest.mark.parametrize("code", sorted(used_codes()))
def test_a_used_code_has_dutch_and_english_wording(code: str) -> None:
    assert code in codes("nl") and code in codes("en")


@pytest.mark.parametrize("code", sorted(budget.NL))
def test_dutch_and_english_ask_for_the_same_fields(code: str) -> None:
    assert code in budget.EN
    assert fields(budget.NL[code]) == fields(budget.EN[code])
