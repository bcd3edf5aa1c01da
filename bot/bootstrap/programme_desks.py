"""Part of the composition root: the chat half of an installation with several programmes — the
programmes' desks (`bot.chat.programmes.ProgrammeDesks`) from their Apps, the default first.

Each App is a whole programme on its own store. The people's choices for their direct messages are
kept in the default programme's store; which Slack channels and Teams teams belong to which
programme comes from the default's environment (SLACK_PROGRAMME_CHANNELS="VDG=C0123,C0456;ZOD=C0789",
TEAMS_PROGRAMME_TEAMS="VDG=19:...;ZOD=19:..."), and each programme's own kernteam channel and
conversation (its Settings) belong to it too. One App: `ProgrammeDesks.single`, as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.bootstrap.app import App
from bot.chat.bot import ChatBot
from bot.chat.programmes import ProgrammeDesks, Programmes, SessionChoices, parse_programme_map
from storage.programme_choices_repo import SqlProgrammeChoices


def programme_desks(apps: Sequence[App]) -> ProgrammeDesks:
    if not apps:
        raise ValueError("an installation has at least one programme")
    default = apps[0]
    if len(apps) == 1:
        return ProgrammeDesks.single(default.desk)
    env = default.settings.env
    return ProgrammeDesks(
        {app.programme.code: app.desk for app in apps},
        SqlProgrammeChoices(default.engine),
        slack_channels=parse_programme_map(env.get("SLACK_PROGRAMME_CHANNELS")),
        teams_teams=parse_programme_map(env.get("TEAMS_PROGRAMME_TEAMS")),
        slack_kernteam={app.programme.code: app.settings.slack_kernteam_channel for app in apps},
        teams_kernteam={app.programme.code: app.settings.teams_kernteam_conversation for app in apps},
    )


def console_chats(apps: Sequence[App]) -> ChatBot | Programmes[ChatBot]:
    """What `vaart chat` talks to: the one programme's bot, or the programmes (the choice per session)."""
    if len(apps) == 1:
        return apps[0].chat
    return Programmes({app.programme.code: app.chat for app in apps}, lambda bot: bot, SessionChoices(), apps[0].clock)
