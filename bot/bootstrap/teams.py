"""Part of the composition root: the Teams outbox channel and route, when Teams is configured.

Refuses to start with settings Teams cannot work with safely (no client id outside local mode,
no secret or certificate, no tenant). The Agents SDK is imported only when Teams is on, so the
other commands start as fast as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from bot.bootstrap.settings import Settings
from bot.chat.desk import FrontDesk
from bot.chat.lookups import ChatLookups
from bot.chat.programmes import ProgrammeDesks
from bot.frontends.teams.config import TeamsConfig
from bot.services.ports.chat import ChatDirectory
from bot.services.ports.outbox import Channel
from bot.services.ports.unit_of_work import Clock
from integrations.chat_router import with_platform

if TYPE_CHECKING:
    from starlette.routing import BaseRoute


def with_teams(
    channels: dict[str, Channel],
    settings: Settings,
    engine: Engine,
    directory: ChatDirectory,
    clock: Clock,
    lookups: ChatLookups,
) -> dict[str, Channel]:
    """*channels* plus Teams when configured: channel "teams", and "mail" going to Teams personal chats
    for people who have the app (after the chat platforms already there)."""
    config = TeamsConfig.from_settings(settings)
    config.check()
    if not config.enabled:
        return channels
    from bot.frontends.teams.adapter import Proactive, TeamsAdapter
    from bot.frontends.teams.auth import EntraTokens, OneConnection
    from bot.frontends.teams.delivery import TeamsDelivery
    from storage.teams_repo import SqlConversationReferences

    tokens = EntraTokens(config)
    adapter = TeamsAdapter(OneConnection(config, tokens), lookups.programme.language)
    proactive = Proactive(adapter, config.client_id or "", config.service_urls)
    teams = TeamsDelivery(proactive, tokens, config, SqlConversationReferences(engine), directory, clock, lookups)
    return with_platform(channels, teams)


def teams_routes(
    desks: ProgrammeDesks | FrontDesk, settings: Settings, engine: Engine | Mapping[str, Engine]
) -> list[BaseRoute]:
    """/api/messages for the one ASGI app; nothing when Teams is not configured. Several programmes:
    *engine* per programme code (each keeps the conversation references its outbox posts with)."""
    config = TeamsConfig.from_settings(settings)
    if not config.enabled:
        return []
    from bot.frontends.teams.server import teams_parts
    from storage.teams_repo import SqlConversationReferences, SqlFormDrafts

    if isinstance(engine, Mapping):
        references = {code: SqlConversationReferences(one) for code, one in engine.items()}
        drafts = {code: SqlFormDrafts(one) for code, one in engine.items()}
        return teams_parts(desks, references, config, drafts)
    return teams_parts(desks, SqlConversationReferences(engine), config, SqlFormDrafts(engine))
