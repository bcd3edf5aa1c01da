"""The Slack front end (slack-bolt): the /idee modal, /vaart text commands, App Home, buttons and
forms, and delivery of notifications to people's Slack DMs through the outbox.

Nothing is created at import time: `bot.frontends.slack.app.build_slack(desks, config)` builds the Bolt app
for the composition root's `FrontDesk` (or the installation's `ProgrammeDesks`: `router.py` hands each
request to its programme's `handlers.SlackDesk`); `bot.bootstrap.slack.with_slack` adds the outbound channel.
"""
