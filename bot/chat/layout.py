"""For the front ends that lay lists out themselves (Slack, Teams): one line answered as text, and
the `Table` the command left for it (the meeting list, the route, the agenda), if any."""

from __future__ import annotations

from bot.chat.bot import ChatBot, ChatSession
from bot.reports.table import TABLE, TABLES, Table


def laid_out(chat: ChatBot, session: ChatSession, text: str) -> tuple[str, Table | None]:
    session.extra[TABLES] = True
    session.extra.pop(TABLE, None)
    answer = chat.handle(session, text)
    table = session.extra.pop(TABLE, None)
    return answer, table if isinstance(table, Table) else None
