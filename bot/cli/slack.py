"""`vaart slack`: the Slack front end over Socket Mode on its own (no public URL, no HTTP server).

`vaart serve` opens Socket Mode too when SLACK_APP_TOKEN is set; this command is for running the
Slack front end as its own process.
"""

from __future__ import annotations

import argparse

from bot.cli.parser import Subcommands
from bot.domain.errors import Refused


def _slack(args: argparse.Namespace) -> int:
    import asyncio  # here, not at the top: no other command needs an event loop
    import logging
    import signal

    from bot.bootstrap.installation import build_installation
    from bot.bootstrap.programme_desks import programme_desks
    from bot.frontends.slack.config import SlackConfig
    from bot.frontends.slack.server import run_socket_mode

    installation = build_installation()  # one Slack app for every programme (bot.chat.programmes)
    app = installation.default
    desks = programme_desks(list(installation.apps.values()))
    try:
        config = SlackConfig.from_settings(app.settings)
        if not config.socket_mode:
            raise Refused("frontend.slack_not_configured")

        async def main() -> None:
            logging.getLogger("vaart").setLevel(logging.INFO)
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, stop.set)
            await run_socket_mode(desks, config, stop)

        asyncio.run(main())
    finally:
        installation.close()
    return 0


def register(sub: Subcommands) -> None:
    parser = sub.add_parser("slack", help="de Slack-app via Socket Mode (SLACK_BOT_TOKEN en SLACK_APP_TOKEN)")
    parser.set_defaults(run=_slack)
