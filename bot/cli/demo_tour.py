"""What a tour of `vaart demo` is: the people, the moment it starts and the script typed into the chat
(bot.cli.demo prints it; bot.cli.demo_consensus and bot.cli.demo_colleges are the tours)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

Person = tuple[str, str, list[str], str]  # email, name, roles, organisation
Step = tuple[str, str, str]  # email, who, command; "@ISO-TIME" as command: the worker's round at that moment


@dataclass(frozen=True)
class Tour:
    """One programme's route as a script: who is in the personenbestand, when it starts, what is typed."""

    people: list[Person]
    absent: str  # the line that names who types along without being in the personenbestand
    start: datetime
    script: Callable[[str], list[Step]]  # the steps for the idea's reference
