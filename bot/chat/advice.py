"""The guided dialogs' questions: the expert advice (which criterion or principle a person names, and
the questions `advies REF` asks, one per criterion and principle, then the verdict and the advice),
and the intake of an idea (`idee` without more)."""

from __future__ import annotations

from functools import partial

from bot.chat.dialogs import Question
from bot.chat.parsing import parse_judgement, parse_verdict, split_list
from bot.domain.dates import ascii_number
from bot.domain.errors import Refused
from bot.domain.ideas import match_option
from bot.domain.programme import Programme
from bot.domain.text import clean_text


def assessment_item(programme: Programme, name: str) -> str:
    """A criterion key or name, or a principle by number ('principe 2') or name."""
    text = " ".join(name.strip().lower().replace("_", " ").split())
    for key, spec in programme.criteria.items():
        if text in (key.replace("_", " "), spec.name.lower()):
            return key
    words = text.split()
    if len(words) == 2 and words[0] in ("principe", "principle") and ascii_number(words[1]):
        index = int(words[1]) - 1
        if 0 <= index < len(programme.principles):
            return programme.principles[index]
    for principle in programme.principles:
        if principle.lower() == text:
            return principle
    options = "; ".join([*programme.criteria, "principe 1..5"])
    raise Refused("advice.unknown_item", kind="criterium/principe", item=name.strip()[:60], options=options)


def advice_questions(programme: Programme) -> list[Question]:
    questions = [
        Question(
            f"c:{key}",
            "ask.criterion",
            {"name": spec.name, "question": spec.question},
            parse=partial(judgement_of, spec.name),
        )
        for key, spec in programme.criteria.items()
    ]
    questions += [
        Question(f"p:{name}", "ask.principle", {"name": name}, parse=partial(judgement_of, name))
        for name in programme.principles
    ]
    questions += [
        Question("verdict", "ask.verdict", parse=parse_verdict),
        Question("advice", "ask.development_advice"),
    ]
    return questions


def judgement_of(item: str, text: str) -> tuple[str, str]:
    return parse_judgement(text, item)


def idea_questions(programme: Programme) -> list[Question]:
    """The guided `idee`: title, description, organisation, opgaven, programmalijn, support."""
    limits = programme.limits
    lines = tuple(programme.programme_lines)
    return [
        Question("title", "ask.title", parse=lambda t: clean_text(t, "titel", limits.title_max, multiline=False)),
        Question("description", "ask.description", parse=lambda t: clean_text(t, "omschrijving", limits.text_max)),
        Question("organisation", "ask.organisation", optional=True),
        Question(
            "opgaven",
            "ask.opgaven",
            {"options": _numbered(programme.opgaven)},
            True,
            parse=lambda t: [match_option(o, programme.opgaven, "opgave") for o in split_list(t)],
        ),
        Question(
            "line",
            "ask.programmalijn",
            {"options": _numbered(lines)},
            True,
            parse=lambda t: match_option(t, lines, "programmalijn"),
        ),
        Question("support", "ask.support", optional=True),
    ]


def _numbered(options: tuple[str, ...]) -> str:
    return "\n".join(f"  {i}. {option}" for i, option in enumerate(options, start=1))
