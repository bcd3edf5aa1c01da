"""What a rich chat front end (Slack, Teams) gets from the core: the chat, its forms, the lookups,
the few use cases its buttons and home views call, and nothing else (no engine, no settings, no
outbox). The composition root makes one; the front ends never see the application object.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.chat.bot import ChatBot
from bot.chat.forms import FormBook
from bot.chat.lookups import ChatLookups
from bot.domain.programme import Programme
from bot.services.budget import BudgetService
from bot.services.ideas import IdeaService
from bot.services.meetings import MeetingService
from bot.services.ports.chat import ChatDirectory
from bot.services.ports.unit_of_work import Clock
from bot.services.rounds import RoundService


@dataclass(frozen=True)
class FrontDesk:
    chat: ChatBot
    forms: FormBook
    lookups: ChatLookups
    directory: ChatDirectory  # who people are on the platforms, which cards were posted where
    ideas: IdeaService  # the Oppakken button, one's ideas and tasks
    budget: BudgetService  # the spend buttons, the requests waiting for the director
    meetings: MeetingService  # the coming meetings and the route on a home view
    rounds: RoundService  # the vote buttons of a schriftelijke ronde
    programme: Programme
    clock: Clock
