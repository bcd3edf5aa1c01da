"""A request seen for the first time is claimed once, on SQLite and on PostgreSQL: the claim behind
Slack's event and slash-command dedupe, and the other "insert unless it is there" writes. (On
PostgreSQL the INSERT's rowcount read -1 until the engine preserved it, so every Slack event and
command was taken for a repeat and acked without acting.)"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.bootstrap.app import App
from bot.domain.meetings import AgendaItem
from bot.domain.timezone import AMSTERDAM
from storage.meetings_repo import SqlMeetingRepository
from storage.tables_meetings import agenda_items, meetings
from tests.integration.test_meetings import ADMIN, at, ready_for_agenda, register

NOW = datetime(2024, 5, 21, 9, 0, tzinfo=AMSTERDAM)


def test_a_request_key_is_claimed_the_first_time_only(any_app: App) -> None:
    assert any_app.chats.claim("slack:command:1.2.3", NOW) is True
    assert any_app.chats.claim("slack:command:1.2.3", NOW) is False
    assert any_app.chats.claim("slack:event:Ev1", NOW) is True


def test_an_agenda_item_added_twice_is_there_once_and_says_so(any_app: App) -> None:
    register(any_app)
    at(any_app, NOW)
    any_app.meetings.generate(ADMIN, "cli", 2024, invite=False)
    reference = ready_for_agenda(any_app, "Zorgbus")
    with any_app.engine.connect() as conn:
        meeting_id = conn.execute(select(meetings.c.id).where(meetings.c.gremium == "stuurgroep")).scalars().first()
    assert meeting_id is not None
    item = AgendaItem(meeting_id=meeting_id, idea_reference=reference, late=False, added_at=NOW)
    with Session(any_app.engine) as session, session.begin():
        repo = SqlMeetingRepository(session)
        assert repo.add_agenda_item(item) is True
        assert repo.add_agenda_item(item) is False
    with any_app.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(agenda_items)).scalar_one() == 1
