"""The chat bot: one text command in, one answer out, the same for the console, Slack and Teams.

`ChatBot.handle(session, text)` finds the command (Dutch names, English aliases) in the table, runs
it, and renders the reply or the refusal in the session's language. The table itself is the core
commands' (`core_commands`) and the other areas' (`extensions`: meetings, budget, rounds, ...).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from bot.chat.core_commands import CoreCommands
from bot.chat.dialogs import Dialog
from bot.chat.help import HelpBook, usage_text
from bot.chat.parsing import AFTER_WORDS, TASK_WORDS, after_cursor
from bot.chat.references import ReferenceKinds
from bot.chat.session import ChatSession, Command
from bot.domain.errors import Refused
from bot.domain.programme import Programme
from bot.messages import has, profiled, render, worded
from bot.services.base import Reply
from bot.services.ideas import IdeaService
from bot.services.people import PeopleService
from bot.services.ports.read_models import IdeaSummary, Page

__all__ = ["AFTER_WORDS", "TASK_WORDS", "ChatBot", "ChatSession", "Command", "CommandProvider", "after_cursor"]
log = logging.getLogger("vaart.chat")

CommandProvider = Callable[["ChatBot"], list["Command"]]
WELCOME_IDEAS = 3  # a returning guest's welcome names their first few ideas


class ChatBot:
    def __init__(
        self,
        ideas: IdeaService,
        people: PeopleService,
        programme: Programme,
        extensions: Sequence[CommandProvider] = (),
    ) -> None:
        """*extensions* add the commands of other areas (meetings, budget); each gets this bot."""
        self.ideas = ideas
        self.people = people
        self.programme = programme
        self.commands: dict[str, Command] = {}
        # what other areas add under an idea's `status` (escalations): reference, language -> lines
        # (who asks, None for the operator; reference; language) -> lines
        self.status_notes: list[Callable[[str | None, str, str], list[str]]] = []
        self.references = ReferenceKinds()
        self.help_book = HelpBook(self.commands, people, ideas, programme)
        table = CoreCommands(self).commands()
        for provider in extensions:
            table += provider(self)
        for command in table:
            for word in (command.name, *command.aliases):
                self.commands[word] = command
        self._usages = {command.usage: command for command in table}

    def add(self, command: Command) -> None:
        """One more command after the table is made (the installation's `programma`, with several programmes)."""
        for word in (command.name, *command.aliases):
            self.commands[word] = command
        self._usages[command.usage] = command

    # -- sessions ------------------------------------------------------------------------
    def session(self, email: str, origin: str, lang: str | None = None) -> ChatSession:
        chosen = lang or self.people.language(email)
        return ChatSession(email=email.strip().lower(), origin=origin, lang=chosen)

    def in_register(self, session: ChatSession) -> bool:
        """Whether *session* sees what the register's people see: someone in it, or the operator."""
        return session.operator or self.people.get(session.email) is not None

    def handle(self, session: ChatSession, text: str) -> str:
        """Answer one line typed by the person in *session*; a guest's first line of a session is
        answered after the welcome that says what the virtueel punt is and how to submit."""
        if session.welcomed:
            return self._answer(session, text)
        session.welcomed = True
        if self.people.known(session.email):
            return self._answer(session, text)
        involved = self.ideas.involved(session.email, limit=WELCOME_IDEAS)  # before the line: it may submit one
        answer = self._answer(session, text)
        welcome = self.welcome(session, involved)  # after it: the line may choose the language
        return f"{welcome}\n\n{answer}" if answer else welcome

    def welcome(self, session: ChatSession, involved: Page[IdeaSummary] | None = None) -> str:
        """The guest's welcome: the virtueel punt in two sentences, and how to submit; to a guest who
        submitted or helps design ideas already (*involved*, looked up when not given), which (the
        first few) and how to follow them."""
        session.welcomed = True
        code = profiled("chat", "welcome_guest", self.programme.governance.procedure("voorstel"))
        welcome = render(code, session.lang, programme=self.programme.name)
        if involved is None:
            involved = self.ideas.involved(session.email, limit=WELCOME_IDEAS)
        if not involved.items:
            return welcome
        references = ", ".join(i.reference for i in involved.items) + (", …" if involved.more else "")
        return welcome + " " + render("chat.welcome_involved", session.lang, count=involved.total_from_here,
                                      references=references)

    def _answer(self, session: ChatSession, text: str) -> str:
        line = text.strip()
        if session.dialog is not None:
            if self._looks_like_command(line, session.dialog) and session.dialog.held != line:
                session.dialog.held = line  # typed again: it is the answer after all
                return session.dialog.command_typed(line, session.lang)
            answer, done = session.dialog.answer(line, session.lang, lambda r: self.describe(r, session.lang))
            if done:
                session.dialog = None
            return answer
        if not line:
            return ""
        word, _, args = line.partition(" ")
        command = self.commands.get(word.lower())
        if command is None:
            return render("chat.unknown_command", session.lang, command=word[:40])
        return self.run(session, command, args)

    def _looks_like_command(self, line: str, dialog: Dialog) -> bool:
        """Inside a dialog: a command word alone ('help', 'mijn'), with one of its own words ('taal en',
        'help alles'), or followed by a reference ('status ZOD-2026-0001'), is a command; a title that
        merely starts with one ('Open dag') is not."""
        word, _, rest = line.partition(" ")
        if word.lower() in dialog.own_words or word.lower() not in self.commands:
            return False
        if rest.strip().lower() in self.commands[word.lower()].words:
            return True
        first = rest.split()[0] if rest.split() else ""
        return not first or self.references.find(first) is not None

    def run(self, session: ChatSession, command: Command, args: str) -> str:
        """Run *command* for *session*, with the refusal in words when the core refuses."""
        try:
            with self.people.reading():  # the member check and the command's reads: one transaction until a write
                if not command.open_to_all and not self.people.known(session.email):
                    raise Refused("chat.only_submit")
                return command.handler(session, args.strip())
        except Refused as refusal:
            log.info("refused %s for %s: %s", command.name, session.email, refusal.code)
            return self.describe(refusal, session.lang)

    def describe(self, refusal: Refused, lang: str) -> str:
        params: dict[str, Any] = {}
        for key, value in refusal.params.items():
            if isinstance(value, list | tuple):
                value = ", ".join(self._role_word(str(v), lang) for v in value)
            elif key == "status":
                value = self.status_word(str(value), lang)
            elif key == "field" and has(f"field.{value}"):  # a proposal part or a criterion keeps its own name
                value = render(f"field.{value}", lang)
            elif key == "usage" and value in self._usages:
                value = usage_text(self._usages[value], lang)
            params[key] = value
        return render(worded(refusal.code, self._procedure), lang, **params)

    def say(self, reply: Reply, lang: str) -> str:
        params = dict(reply.params)
        if "status" in params:
            params["status"] = self.status_word(str(params["status"]), lang)
        if "outcome" in params and reply.code == "idea.decided":
            params["outcome"] = render(f"outcome.{params['outcome']}", lang)
        return render(worded(reply.code, self._procedure), lang, **params)

    @property
    def _procedure(self) -> str:
        """How the programme decides a proposal: its profile's own wording follows from it."""
        return self.programme.governance.procedure("voorstel")

    def status_word(self, status: str, lang: str) -> str:
        """An idea's status in words, in the programme's governance profile's own where it has them."""
        return render(profiled("status", status, self._procedure), lang)

    def _role_word(self, key: str, lang: str) -> str:
        if key == "submitter":
            return "indiener" if lang == "nl" else "submitter"
        if key == "designer":
            return "ontwerpteam" if lang == "nl" else "design team"
        return self.programme.role_name(key, lang)
