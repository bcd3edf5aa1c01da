"""The Microsoft Teams front end on the Microsoft 365 Agents SDK: /api/messages in the one ASGI app,
Adaptive Cards for the forms and decisions, proactive messages from the outbox.

Nothing here runs at import time; `bot.frontends.teams.server.teams_parts` and `bot.bootstrap.teams.with_teams`
build it from the settings when Teams is configured; with several programmes `router.py` hands each activity
to its programme's `handlers.TeamsDesk`.
"""
