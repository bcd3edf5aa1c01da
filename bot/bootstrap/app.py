"""The composition root: builds the whole application from settings, once, at start-up.

Nothing is created at import time anywhere in vaart; front ends, the worker, the CLI and the
tests all get their objects from `build()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from bot.bootstrap.clock import ManualClock, SystemClock
from bot.bootstrap.delivery import mail_channels as configured_channels
from bot.bootstrap.delivery import outbox_options
from bot.bootstrap.metrics import Metrics
from bot.bootstrap.settings import Settings, load_programme
from bot.bootstrap.slack import with_slack
from bot.bootstrap.teams import with_teams
from bot.chat.bot import ChatBot
from bot.chat.budget_commands import budget_commands
from bot.chat.desk import FrontDesk
from bot.chat.forms import FormBook
from bot.chat.lookups import ChatLookups
from bot.chat.meeting_commands import meeting_commands
from bot.domain.programme import Programme
from bot.services.base import Context
from bot.services.budget import BudgetService
from bot.services.calendar_setup import meeting_setup
from bot.services.ideas import IdeaService
from bot.services.meetings import MeetingService
from bot.services.people import PeopleService
from bot.services.ports.chat import ChatDirectory
from bot.services.ports.outbox import Channel
from bot.services.ports.unit_of_work import Clock
from bot.services.ports.web import MonitorQueries
from bot.services.web_access import WebAccessService, session_hours
from integrations.ics.files import IcsFiles
from scheduling.outbox import OutboxRunner
from scheduling.reminders import ReminderRunner
from storage.chat_repo import SqlChatDirectory
from storage.engine import make_engine, reader
from storage.mapping import start_mappers
from storage.migrate import upgrade
from storage.monitor_repo import SqlMonitorQueries
from storage.unit_of_work import SqlAlchemyUnitOfWork, session_factory


@dataclass
class App:
    settings: Settings
    programme: Programme
    clock: Clock
    engine: Engine
    ideas: IdeaService
    people: PeopleService
    chat: ChatBot
    outbox: OutboxRunner
    budget: BudgetService
    meetings: MeetingService
    reminders: ReminderRunner
    chats: ChatDirectory  # who people are on Slack/Teams, and which cards we posted where
    metrics: Metrics  # this application's Prometheus registry (bot.bootstrap.metrics), served on /metrics
    web_access: WebAccessService  # sign-in links and sessions of the web front end
    monitor: MonitorQueries  # the web pages' read models, one page per query
    desk: FrontDesk  # what the Slack and Teams front ends get of all this

    def close(self) -> None:
        self.engine.dispose()


def build(
    settings: Settings | None = None,
    clock: Clock | None = None,
    channels: dict[str, Channel] | None = None,
    migrate: bool = True,
) -> App:
    settings = settings or Settings.from_env()
    if clock is None:
        clock = ManualClock(settings.frozen_now) if settings.frozen_now else SystemClock()
    programme = load_programme(settings.programme_file, settings.language)
    start_mappers()
    engine = make_engine(settings.database_url, file_mode=settings.file_mode)
    if migrate:
        upgrade(engine)
    sessions = session_factory(engine)
    read_sessions = session_factory(reader(engine))
    ctx = Context(
        uow_factory=lambda: SqlAlchemyUnitOfWork(sessions),
        programme=programme,
        clock=clock,
        read_uow_factory=lambda: SqlAlchemyUnitOfWork(read_sessions, read_only=True),
    )
    ideas = IdeaService(ctx)
    people = PeopleService(ctx)
    budget = BudgetService(ctx)  # parses [begroting]: a wrong figure stops the start
    meetings = MeetingService(ctx, IcsFiles())  # [kalender], [route], [vergaderingen]: checked at start too
    mail_channels: dict[str, Channel] = channels or configured_channels(settings, programme, engine, clock)
    chats = SqlChatDirectory(engine)
    lookups = ChatLookups(programme, ideas, people, budget)
    mail_channels = with_slack(mail_channels, settings, chats, clock, lookups)
    mail_channels = with_teams(mail_channels, settings, engine, chats, clock, lookups)
    chat = ChatBot(
        ideas,
        people,
        programme,
        extensions=[lambda bot: budget_commands(bot, budget), lambda bot: meeting_commands(bot, meetings)],
    )
    desk = FrontDesk(chat, FormBook(chat, budget), lookups, chats, ideas, budget, meetings, programme, clock)
    return App(
        settings=settings,
        programme=programme,
        clock=clock,
        engine=engine,
        ideas=ideas,
        people=people,
        chat=chat,
        outbox=OutboxRunner(
            engine, mail_channels, clock, **outbox_options(settings, programme, mail_channels, not channels)
        ),
        budget=budget,
        meetings=meetings,
        reminders=ReminderRunner(engine, clock, programme, meeting_setup(programme).meetings),
        chats=chats,
        metrics=Metrics(engine, clock),
        web_access=WebAccessService(ctx, session_hours(settings.env)),
        monitor=SqlMonitorQueries(engine),
        desk=desk,
    )
