"""Guided questions for commands that need many answers (an idea, an expert advice).

A dialog asks one question at a time; a bad answer is refused with its reason and asked again;
'annuleer' stops it and nothing is saved. Only the last step calls a service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.domain.errors import Refused
from bot.messages import render

CANCEL_WORDS = frozenset({"annuleer", "annuleren", "cancel", "stop"})
SKIP_WORDS = frozenset({"-", "geen", "none", "skip"})


@dataclass
class Question:
    key: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    optional: bool = False
    parse: Callable[[str], Any] = str


@dataclass
class Dialog:
    questions: list[Question]
    finish: Callable[[dict[str, Any]], str]
    answers: dict[str, Any] = field(default_factory=dict)
    position: int = 0

    def prompt(self, lang: str) -> str:
        question = self.questions[self.position]
        hint = render("chat.dialog_optional" if question.optional else "chat.dialog_required", lang)
        return f"{render(question.code, lang, **question.params)}\n{hint}"

    def answer(self, text: str, lang: str, describe: Callable[[Refused], str]) -> tuple[str, bool]:
        """Take one answer. Returns (what to say, whether the dialog is over)."""
        if text.strip().lower() in CANCEL_WORDS:
            return render("chat.cancelled", lang), True
        question = self.questions[self.position]
        value = text.strip()
        if question.optional and value.lower() in SKIP_WORDS:
            self.answers[question.key] = None
        else:
            try:
                self.answers[question.key] = question.parse(value)
            except Refused as refusal:
                return f"{describe(refusal)}\n{self.prompt(lang)}", False
        self.position += 1
        if self.position < len(self.questions):
            return self.prompt(lang), False
        try:
            return self.finish(self.answers), True
        except Refused as refusal:
            return f"{describe(refusal)}\n{render('chat.cancelled', lang)}", True
