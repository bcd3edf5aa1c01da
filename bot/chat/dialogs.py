"""Guided questions for commands that need many answers (an idea, an expert advice).

A dialog asks one question at a time; a bad answer is refused with its reason and asked again;
'annuleer' stops it and nothing is saved, 'terug' goes back to correct the previous answer. A line
that starts with a command is not taken as the answer at once: the chat says where the person is
and how to leave, and takes it as the answer only when it is typed again. Only the last step calls
a service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.domain.errors import Refused
from bot.messages import render

CANCEL_WORDS = frozenset({"annuleer", "annuleren", "cancel", "stop"})
SKIP_WORDS = frozenset({"-", "geen", "none", "skip"})
BACK_WORDS = frozenset({"terug", "back", "vorige", "previous"})


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
    what: str = "dialog.idea"  # the catalogue code naming what the person is doing
    held: str | None = None  # a line that looked like a command, held back once

    @property
    def own_words(self) -> frozenset[str]:
        """The words the dialog itself understands (never taken for a command)."""
        return CANCEL_WORDS | BACK_WORDS | SKIP_WORDS

    def prompt(self, lang: str) -> str:
        question = self.questions[self.position]
        hint = render("chat.dialog_optional" if question.optional else "chat.dialog_required", lang)
        return f"{render(question.code, lang, **question.params)}\n{hint}"

    def command_typed(self, line: str, lang: str) -> str:
        """What to say when *line* looks like a command: where the person is and how to leave."""
        command = line.partition(" ")[0][:40]
        where = render(
            "chat.dialog_command",
            lang,
            what=render(self.what, lang),
            number=self.position + 1,
            total=len(self.questions),
            command=command,
        )
        return f"{where}\n{self.prompt(lang)}"

    def answer(self, text: str, lang: str, describe: Callable[[Refused], str]) -> tuple[str, bool]:
        """Take one answer. Returns (what to say, whether the dialog is over)."""
        self.held = None
        word = text.strip().lower()
        if word in CANCEL_WORDS:
            return render("chat.cancelled", lang), True
        if word in BACK_WORDS:
            if self.position == 0:
                return f"{render('chat.dialog_first', lang)}\n{self.prompt(lang)}", False
            self.position -= 1
            self.answers.pop(self.questions[self.position].key, None)
            return f"{render('chat.dialog_back', lang)}\n{self.prompt(lang)}", False
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
