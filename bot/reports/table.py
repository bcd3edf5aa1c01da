"""A list as a platform can lay it out: a title, rows of (label, value), notes under it. The chat
fills one for the meeting list, the route and the agenda (`bot.chat.meeting_commands`); Slack shows
it as Block Kit sections with fields, Teams as a card with a FactSet, the console as the text the
command returns anyway. The words are the catalogue's, filled in once, for every front end."""

from __future__ import annotations

from dataclasses import dataclass

TABLES = "tables"  # session.extra key: the front end can show a Table
TABLE = "table"  # session.extra key: the Table of the last answer


@dataclass(frozen=True)
class Table:
    title: str
    rows: tuple[tuple[str, str], ...]
    notes: tuple[str, ...] = ()
