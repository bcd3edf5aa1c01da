"""Every refusal is one sentence, in Dutch and in English: the facts, what to do instead and nothing
after it, so a refusal reads as one answer and not as a paragraph (the team's standard).

What ends a sentence here: '.', '!' or '?' followed by white space, or a line break. What does not:
a period inside a word or number (12.500,00, §3.1, 2026-11-23, a@b.nl, https://), an ellipsis
(besluit REF ...), the abbreviations below (bijv., e.g., ...), anything between quotes ('status REF',
"..."), a {placeholder} (it stands for one word or phrase), and the end of the text."""

from __future__ import annotations

import re

from bot.messages import _CATALOGUE, render
from tests.unit.core.test_refusals_say_what_to_do import ROOT, raised_codes

ABBREVIATIONS = ("bijv.", "bv.", "b.v.", "o.a.", "d.w.z.", "m.b.t.", "t.a.v.", "i.p.v.", "incl.", "excl.", "ca.",
                 "nr.", "art.", "etc.", "e.g.", "i.e.", "vs.", "approx.")
_ABBREVIATION = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + ")", re.IGNORECASE
)
# A quote opens after a non-letter and closes before one, so "don't" and "UID's" are no quotes.
_QUOTED = re.compile(r"(?<!\w)'[^'\n]*'(?!\w)|\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_ELLIPSIS = re.compile(r"\.{2,}|…")
_END = re.compile(r"[.!?]\s+|\n")

# Refusals that may be more than one sentence, each with its reason. None so far.
EXCEPTIONS: dict[str, str] = {}


def sentences(text: str) -> list[str]:
    """The sentences of *text*, split where a sentence ends (see the module's docstring)."""
    masked = _PLACEHOLDER.sub(lambda m: "X" * len(m.group(0)), text)  # every mask keeps the length
    masked = _QUOTED.sub(lambda m: "Q" * len(m.group(0)), masked)
    masked = _ELLIPSIS.sub(lambda m: "_" * len(m.group(0)), masked)
    masked = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", "_"), masked)
    parts, start = [], 0
    for end in _END.finditer(masked):
        parts.append(text[start : end.start() + 1])
        start = end.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


# A code handed to a helper that raises `Refused(code)` (require_role, require_day, DateRange.require...).
PASSED = re.compile(r'(?:require_role|require_day|\.require|\.require_year)\((?:[^()]|\([^()]*\))*?"([a-z_.-]+)"\s*\)')


# Refusals a person meets that are not raised as `Refused`: answered as a reply by the front end, the
# chat or the budget import (an unknown command, a form whose steps are gone, a table not read).
REPLIED = frozenset({
    "budget_import.rejected", "budget_import.unknown_layout", "budget_import.unsupported_format",
    "chat.unknown_command", "chat.dialog_command", "chat.failed", "frontend.trigger_expired",
    "teams.form.step_lost", "teams.unknown_action", "budget.mandate.splitting",
})


def refusals() -> set[str]:
    """Every code raised as `Refused("code")` (`programme.invalid` among them), every code passed to a
    helper that raises it, and the procedures' `governance.decided_by.*` (raised with an f-string)."""
    passed = {m.group(1) for path in ROOT.rglob("*.py") for m in PASSED.finditer(path.read_text(encoding="utf-8"))}
    decided_by = {c for c in _CATALOGUE["nl"] if c.startswith("governance.decided_by.")}
    return raised_codes() | passed | decided_by | REPLIED


def programme_problems() -> set[str]:
    """The problems `programme.invalid` names (bot/messages/governance.py), each a clause, not a sentence."""
    return {c for c in _CATALOGUE["nl"] if c.startswith("profile.")}


def test_the_splitter_counts_sentences_not_periods() -> None:
    assert len(sentences("Het bedrag is 12.500,00 (§3.1, zie 2026-11-23); typ 'status ZOD-2026-0001. Nu.'")) == 1
    assert len(sentences("Noem het, bijv. ZOD-B-2026-001, e.g. the number (besluit {reference} ...).")) == 1
    assert len(sentences("Mail a@b.nl of kijk op https://example.nl/x.html, don't wait for UID's.")) == 1
    assert len(sentences("Dat kan niet. Er is niets veranderd. Vraag de staf.")) == 3
    assert len(sentences("Is dit {text}? Kies uit: {options}.")) == 2
    assert len(sentences("Eerste regel\ntweede regel")) == 2


def test_every_refusal_is_one_sentence_in_both_languages() -> None:
    codes = refusals()
    assert len(codes) > 150 and "calendar.invalid_year" in codes and "governance.decided_by.written-round" in codes
    assert EXCEPTIONS.keys() <= codes, "an exception for a code that is no refusal"
    for lang in ("nl", "en"):
        long = sorted(c for c in codes - EXCEPTIONS.keys() if len(sentences(_CATALOGUE[lang][c])) > 1)
        assert not long, (lang, long)


def test_a_programme_file_that_cannot_start_says_so_in_one_sentence_with_every_problem() -> None:
    problems = programme_problems()
    assert len(problems) > 10
    for lang in ("nl", "en"):
        for code in sorted(problems):
            problem = _PLACEHOLDER.sub("X", _CATALOGUE[lang][code])
            text = render("programme.invalid", lang, file="programma.toml", line=12, problem=problem)
            assert len(sentences(text)) == 1, (lang, code, text)


def test_every_reason_a_spend_request_leaves_the_mandate_for_is_told_in_words_in_its_status() -> None:
    """`status REF` of a referred request gives its reasons in words, never the stored codes."""
    from bot.domain import budget_mandate
    from bot.messages import has

    codes = [budget_mandate.LIMIT, budget_mandate.EXCLUDED_KIND, budget_mandate.SPLITTING,
             budget_mandate.OWN_REQUEST, budget_mandate.NO_ROOM, budget_mandate.PROJECT_STAGE]
    assert all(has(f"status.spend.reason.{code}") for code in codes)
