"""The Slack front end (slack-bolt): the /idee modal, /vaart text commands, App Home, buttons and
forms, and delivery of notifications to people's Slack DMs through the outbox.

Nothing is created at import time: `bot.frontends.slack.app.create_slack_app(app)` builds the Bolt app from
the application's settings, `bot.frontends.slack.delivery.with_slack` adds the outbound channel.
"""
