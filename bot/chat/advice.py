"""The expert advice in chat: which criterion or principle a person names, and the questions the
guided `advies REF` asks, one per criterion and principle, then the verdict and the advice."""

from __future__ import annotations

from functools import partial

from bot.chat.dialogs import Question
from bot.chat.parsing import parse_judgement, parse_verdict
from bot.domain.dates import ascii_number
from bot.domain.errors import Refused
from bot.domain.programme import Programme


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
