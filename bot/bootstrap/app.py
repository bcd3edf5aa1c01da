"""The composition root: builds the whole application from settings, once, at start-up.

Nothing is created at import time anywhere in vaart; front ends, the worker, the CLI and the
tests all get their objects from `build()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from bot.bootstrap.ops_settings import OpsSettings
from bot.bootstrap.settings import Settings, check_mail_settings
from bot.bootstrap.store import open_store
from bot.chat.bot import ChatBot
from bot.chat.budget_commands import budget_commands
from bot.chat.contribution_commands import contribution_commands
from bot.chat.cycle_commands import cycle_commands
from bot.chat.desk import FrontDesk
from bot.chat.execution_commands import execution_commands
from bot.chat.forms import FormBook
from bot.chat.lookups import ChatLookups
from bot.chat.meeting_commands import meeting_commands
from bot.chat.member_body_commands import member_body_commands
from bot.chat.round_commands import round_commands
from bot.chat.rule_commands import rule_commands
from bot.domain.programme import Programme
from bot.frontends.slack.config import SlackConfig
from bot.frontends.teams.config import TeamsConfig
from bot.services.budget import BudgetService
from bot.services.coverage import CoverageService
from bot.services.escalations import EscalationService
from bot.services.execution import ExecutionServices
from bot.services.ideas import IdeaService
from bot.services.meetings import MeetingService
from bot.services.member_bodies import MemberBodyService
from bot.services.objections import ObjectionService
from bot.services.people import PeopleService
from bot.services.ports.chat import ChatDirectory
from bot.services.ports.outbox import Channel
from bot.services.ports.unit_of_work import Clock
from bot.services.ports.web import MonitorQueries
from bot.services.rounds import RoundService
from bot.services.web_access import WebAccessService, session_hours
from integrations.ics.files import IcsFiles
from storage.chat_repo import SqlChatDirectory
from storage.engine import reader
from storage.monitor_repo import SqlMonitorQueries
from storage.web_repo import SqlSignedInLookup

if TYPE_CHECKING:
    from bot.bootstrap.metrics import Metrics
    from scheduling.outbox import OutboxRunner
    from scheduling.reminders import ReminderRunner


@dataclass
class App:
    settings: Settings
    programme: Programme
    clock: Clock
    engine: Engine
    ideas: IdeaService
    people: PeopleService
    chat: ChatBot
    budget: BudgetService
    meetings: MeetingService
    objections: ObjectionService  # §3.1 objections against decisions
    escalations: EscalationService  # §3.2 escalation to the ambtelijk facilitators
    coverage: CoverageService  # §5 DIN coverage
    rounds: RoundService  # the schriftelijke ronde: the stuurgroep deciding between meetings
    chats: ChatDirectory  # who people are on Slack/Teams, and which cards we posted where
    web_access: WebAccessService  # sign-in links and sessions of the web front end
    monitor: MonitorQueries  # the web pages' read models, one page per query
    desk: FrontDesk  # what the Slack and Teams front ends get of all this
    execution: ExecutionServices  # progress per reporting moment, beschikkingen, the communicatiekalender
    member_bodies: MemberBodyService | None = None  # the per-member-body procedure ([besturing])
    make_outbox: Callable[[], OutboxRunner] = field(repr=False, default=lambda: _unbuilt())
    _outbox: OutboxRunner | None = field(default=None, repr=False)
    _reminders: ReminderRunner | None = field(default=None, repr=False)
    _metrics: Metrics | None = field(default=None, repr=False)

    # Made on first use, so a command that delivers nothing, sends no reminder and serves no metrics
    # neither imports nor builds them (`vaart status` starts in the time the store needs).
    @property
    def outbox(self) -> OutboxRunner:
        """The outbox runner with the configured channels (mail, Slack, Teams)."""
        if self._outbox is None:
            self._outbox = self.make_outbox()
        return self._outbox

    @property
    def reminders(self) -> ReminderRunner:
        if self._reminders is None:
            from bot.services.calendar_setup import meeting_setup
            from scheduling.reminders import ReminderRunner

            self._reminders = ReminderRunner(self.engine, self.clock, self.programme,
                                             meeting_setup(self.programme).meetings)
        return self._reminders

    @property
    def metrics(self) -> Metrics:
        """This application's Prometheus registry (bot.bootstrap.metrics), served on /metrics."""
        if self._metrics is None:
            from bot.bootstrap.metrics import Metrics

            self._metrics = Metrics({self.programme.code: self.engine}, self.clock)
        return self._metrics

    def close(self) -> None:
        self.engine.dispose()


def _unbuilt() -> OutboxRunner:
    raise RuntimeError("App made without build(): no outbox")


def build(
    settings: Settings | None = None,
    clock: Clock | None = None,
    channels: dict[str, Channel] | None = None,
    migrate: bool = True,
    programme: Programme | None = None,
) -> App:
    store = open_store(settings, clock, migrate, programme)
    settings, programme, clock, engine, ctx = store.settings, store.programme, store.clock, store.engine, store.ctx
    meetings = MeetingService(ctx, IcsFiles())  # [kalender], [route], [vergaderingen]: checked at start too
    ideas = IdeaService(ctx, meetings.store_planned)
    people = PeopleService(ctx)
    budget = BudgetService(ctx)  # parses [begroting]: a wrong figure stops the start
    execution = ExecutionServices.build(ctx)  # parses [voortgang] and [communicatie]
    objections = ObjectionService(ctx, meetings.store_planned)  # [bezwaar] and [escalatie]: checked at start
    escalations = EscalationService(ctx)
    coverage = CoverageService(ctx)
    rounds = RoundService(ctx, budget)  # [schriftelijke_ronde]: checked at start
    member_bodies = MemberBodyService(ctx, budget)  # the per-member-body procedure ([besturing])
    chats = SqlChatDirectory(engine)
    lookups = ChatLookups(programme, ideas, people, budget)
    # settings a channel cannot work with stop the start, though the channels are made on first use
    if not channels:
        check_mail_settings(settings)
    OpsSettings.from_env(settings.env)
    TeamsConfig.from_settings(settings).check()

    def make_outbox() -> OutboxRunner:
        from bot.bootstrap.delivery import mail_channels as configured_channels
        from bot.bootstrap.delivery import outbox_options
        from bot.bootstrap.teams import with_teams
        from scheduling.outbox import OutboxRunner

        mail: dict[str, Channel] = channels or configured_channels(settings, programme, engine, clock)
        if SlackConfig.from_settings(settings).outbound:  # the Slack SDK only when Slack is on
            from bot.bootstrap.slack import with_slack

            mail = with_slack(mail, settings, chats, clock, lookups)
        mail = with_teams(mail, settings, engine, chats, clock, lookups)
        return OutboxRunner(engine, mail, clock, **outbox_options(settings, programme, mail, not channels))

    chat = ChatBot(
        ideas,
        people,
        programme,
        extensions=[
            lambda bot: budget_commands(bot, budget),
            lambda bot: meeting_commands(bot, meetings),
            rule_commands,
            lambda bot: execution_commands(bot, execution.progress, execution.beschikking, execution.communication),
            lambda bot: cycle_commands(bot, objections, escalations, coverage),
            lambda bot: round_commands(bot, rounds),
            lambda bot: member_body_commands(bot, member_bodies),  # only for a per-member-body profile
            contribution_commands,  # only with [begroting.investeringen]
        ],
    )
    forms = FormBook(chat, budget, execution.progress, member_bodies)
    desk = FrontDesk(chat, forms, lookups, chats, ideas, budget, meetings, rounds, programme, clock)
    return App(
        settings=settings,
        programme=programme,
        clock=clock,
        engine=engine,
        ideas=ideas,
        people=people,
        chat=chat,
        budget=budget,
        meetings=meetings,
        objections=objections,
        escalations=escalations,
        coverage=coverage,
        rounds=rounds,
        chats=chats,
        web_access=WebAccessService(ctx, SqlSignedInLookup(reader(engine)), session_hours(settings.env)),
        monitor=SqlMonitorQueries(reader(engine)),  # read models: no write lock
        make_outbox=make_outbox,
        desk=desk,
        execution=execution,
        member_bodies=member_bodies,
    )
