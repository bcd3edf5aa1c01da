"""`vaart web-login EMAIL`: a one-time sign-in link for the web pages, printed instead of mailed
(on the embedded default nobody receives mail; the file outbox holds it, this is quicker)."""

from __future__ import annotations

import argparse

from bot.cli.parser import Subcommands

ADMIN = "beheer@vaart.local"


def _web_login(args: argparse.Namespace) -> int:
    from bot.cli.common import chosen_prefix, open_app
    from bot.frontends.web.config import WebConfig
    from bot.messages import render

    app = open_app()
    try:
        base = WebConfig.from_settings(app.settings, chosen_prefix()).base_url  # the link opens its programme
        link = app.web_access.issue_link(args.email, base, ADMIN)
        print(link)
        print(render("web.cli.link_valid", "nl", minutes=15))
        return 0
    finally:
        app.close()


def register(sub: Subcommands) -> None:
    parser = sub.add_parser("web-login", help="eenmalige aanmeldlink voor de webpagina's (15 minuten geldig)")
    parser.add_argument("email", help="het e-mailadres van wie zich aanmeldt")
    parser.set_defaults(run=_web_login)
