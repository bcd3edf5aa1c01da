"""The console chat: the same bot as in Slack and Teams, in a terminal (the embedded default).

Reads one command per line (a prompt when stdin is a terminal), answers, then delivers the
outbox and shows which messages went out, so every feature can be tried as a conversation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TextIO

from bot.chat.bot import ChatBot
from bot.messages import render
from bot.services.ports.outbox import OutboxItem

log = logging.getLogger("vaart.console")
QUIT_WORDS = frozenset({"stop", "quit", "exit", "doei"})


def run_console(
    chat: ChatBot,
    deliver: Callable[[], Iterable[OutboxItem]],
    email: str,
    stdin: TextIO,
    stdout: TextIO,
    lang: str | None = None,
) -> int:
    """The conversation as *email*; after every answer *deliver* sends what the outbox holds and
    says what went out."""
    session = chat.session(email, "console", lang)
    interactive = stdin.isatty()
    if interactive:
        stdout.write(f"{chat.programme.name} — vaart\n{chat.handle(session, 'wie')}\n")
        stdout.write(render("console.welcome", session.lang) + "\n")
    while True:
        if interactive:
            stdout.write("vaart> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        text = line.strip()
        if text.lower() in QUIT_WORDS and session.dialog is None:
            break
        if not text and session.dialog is None:
            continue
        try:
            answer = chat.handle(session, text)
        except Exception:  # one failing command must not end the conversation; it is logged in full
            log.exception("command failed: %s", text.split(" ")[0][:40])
            answer = render("chat.failed", session.lang)
        if answer:
            stdout.write(answer + "\n")
        for item in deliver():
            stdout.write(f"  ✉ {item.recipient}: {item.subject}\n")
        stdout.flush()
    return 0
