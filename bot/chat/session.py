"""One person's conversation and one command of the table: what the chat, `help` and the reference
kinds share, in a module of their own so none of them imports the bot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.chat.dialogs import Dialog

Handler = Callable[["ChatSession", str], str]


@dataclass
class ChatSession:
    """One person talking to the bot through one front end."""

    email: str
    origin: str
    lang: str
    dialog: Dialog | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    welcomed: bool = False  # a guest hears the welcome once, before the first answer
    operator: bool = False  # `vaart status` at the command line: whoever runs it holds the store already

    @property
    def viewer(self) -> str | None:
        """Whom the status notes are for: None for the operator, who sees every reason."""
        return None if self.operator else self.email


@dataclass(frozen=True)
class Command:
    """One chat command. *usage* is the Dutch fallback when the catalogue has no `usage.NAME`;
    *action* (a lifecycle action) or *roles* say whom `help` offers it to; *area* groups `help alles`;
    *words* are the arguments that alone make a line this command inside a dialog ('taal en')."""

    name: str
    aliases: tuple[str, ...]
    handler: Handler
    usage: str
    open_to_all: bool = False
    area: str = "core"
    action: str = ""
    roles: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()
