"""The console chat: the same bot as in Slack and Teams, in a terminal (the embedded default).

Reads one command per line (a prompt when stdin is a terminal), answers, then delivers the
outbox and shows which messages went out, so every feature can be tried as a conversation. With
several programmes (`Programmes` of chat bots) each line goes to the programme chosen with
`programma CODE` for this session, the default until then.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TextIO

from bot.chat.bot import ChatBot, ChatSession
from bot.chat.programmes import Programmes, SessionChoices
from bot.messages import render
from bot.services.ports.outbox import OutboxItem

log = logging.getLogger("vaart.console")
QUIT_WORDS = frozenset({"stop", "quit", "exit", "doei"})


def run_console(
    chat: ChatBot | Programmes[ChatBot],
    deliver: Callable[[], Iterable[OutboxItem]],
    email: str,
    stdin: TextIO,
    stdout: TextIO,
    lang: str | None = None,
) -> int:
    """The conversation as *email*; after every answer *deliver* sends what the outbox holds and
    says what went out. *chat*: one programme's bot, or the installation's programmes."""
    if isinstance(chat, Programmes):
        programmes = chat
    else:  # one programme: every line to it, as before there were several
        programmes = Programmes({chat.programme.code: chat}, lambda b: b, SessionChoices(), _NO_CLOCK)
    sessions: dict[str, ChatSession] = {}

    def current(previous: ChatSession | None) -> tuple[ChatBot, ChatSession]:
        """The chat of the programme this conversation is in, and the person's session there (a new
        one in the language they spoke in the *previous* programme)."""
        code = programmes.chosen("console", email)
        bot = programmes.get(code)
        if code not in sessions:
            sessions[code] = bot.session(email, "console", previous.lang if previous else lang)
        return bot, sessions[code]

    bot, session = current(None)
    interactive = stdin.isatty()
    if interactive:
        stdout.write(f"{bot.programme.name} — vaart\n{bot.handle(session, 'wie')}\n")
        stdout.write(render("console.welcome", session.lang) + "\n")
    while True:
        if interactive:
            stdout.write("vaart> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        text = line.strip()
        bot, session = current(session)
        if text.lower() in QUIT_WORDS and session.dialog is None:
            break
        if not text and session.dialog is None:
            continue
        try:
            answer = bot.handle(session, text)
        except Exception:  # one failing command must not end the conversation; it is logged in full
            log.exception("command failed: %s", text.split(" ")[0][:40])
            answer = render("chat.failed", session.lang)
        if answer:
            stdout.write(answer + "\n")
        for item in deliver():
            stdout.write(f"  ✉ {item.recipient}: {item.subject}\n")
        stdout.flush()
    return 0


class _NoClock:
    """One programme: nothing is switched, so nothing is timed."""

    def now(self) -> datetime:
        raise RuntimeError("a one-programme console has no programme to switch to")


_NO_CLOCK = _NoClock()
