"""The one ASGI app, a process of its own: the front ends (Slack, Teams, the web), the calendar feeds
and the operator's probes mount here, each given only what it needs of the application. Every
request body is capped while it is read (`bot.frontends.web.limits`), before any route sees it.

/healthz answers for the process and its database (a liveness probe; the database is asked in a
worker thread, never on the event loop).

An installation with several programmes (`bot.bootstrap.installation`): the default programme is at
`/` exactly as alone; every other programme's web pages, public pages, exports and calendar feeds
are under `/programma/<code>/`, each on its own store, with its own cookies; `/programma` lists
them, and /healthz asks every store, /readyz every programme (`installation_readiness`), and
/metrics counts per programme (`Installation.metrics`). Slack and Teams stay on the default
programme's desk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from bot.bootstrap.app import App
from bot.bootstrap.health import Health, installation_readiness, stale_after
from bot.bootstrap.installation import Installation
from bot.bootstrap.ops_settings import OpsSettings
from bot.bootstrap.programme_desks import programme_desks
from bot.bootstrap.teams import teams_routes
from bot.chat.desk import FrontDesk
from bot.chat.programmes import ProgrammeDesks
from bot.frontends.slack.config import SlackConfig
from bot.frontends.slack.server import slack_parts
from bot.frontends.web.calendar_feed import calendar_route
from bot.frontends.web.config import WebConfig
from bot.frontends.web.context import WebApp
from bot.frontends.web.limits import BodyLimit
from bot.frontends.web.ops import MetricsMiddleware, ops_routes
from bot.frontends.web.programme_list import ProgrammeLink, programme_list_routes
from bot.frontends.web.render import Renderer
from bot.frontends.web.routes import WebSite, web_site


def create_asgi(app: App, installation: Installation | None = None) -> Starlette:
    """The ASGI app of *app* (one programme), or of *installation* (whose default *app* is)."""
    stale = stale_after(OpsSettings.from_env(app.settings.env).lock_interval)
    health = Health(app.engine, app.clock, app.outbox, stale)
    others = [] if installation is None else [
        (installation.entry(code), other) for code, other in installation.apps.items() if other is not app
    ]
    others_alive = [(other.programme.code, Health(other.engine, other.clock, other.outbox, stale))
                    for _, other in others]
    metrics = app.metrics if installation is None else installation.metrics

    def alive() -> tuple[str, str] | None:
        failure = health.alive()
        if failure is not None:
            return app.programme.code, failure
        for code, probe in others_alive:
            failure = probe.alive()
            if failure is not None:
                return code, failure
        return None

    async def healthz(request: Request) -> JSONResponse:
        failed = await run_in_threadpool(alive)
        if failed is not None:
            body = {"status": "fout", "database": failed[1]}
            if others_alive:
                body["programma"] = failed[0]
            return JSONResponse(body, status_code=503)
        answer: dict[str, object] = {"status": "ok", "programma": app.programme.code}
        if others_alive:
            answer["programmas"] = [app.programme.code, *(code for code, _ in others_alive)]
        return JSONResponse(answer)

    # /slack/events and Socket Mode, when configured; /api/messages, when Teams is configured
    # one Slack app and one Teams bot for every programme: a channel or team names its programme,
    # a direct message goes to the person's choice (bot.chat.programmes)
    if others:
        every = [app, *(other for _, other in others)]
        desks: ProgrammeDesks | FrontDesk = programme_desks(every)
        engines: Engine | dict[str, Engine] = {one.programme.code: one.engine for one in every}
    else:
        desks, engines = app.desk, app.engine
    slack_routes, slack_lifespan = slack_parts(desks, SlackConfig.from_settings(app.settings))
    chat_routes = [*slack_routes, *teams_routes(desks, app.settings, engines)]
    chat_routes += _switched_off(chat_routes)
    site = web_site(_web_app(app), WebConfig.from_settings(app.settings))  # the web monitor, public pages
    chat_routes += site.routes
    sites: list[tuple[str, WebSite]] = []  # each further programme's, under its own path
    ops = ops_routes(installation_readiness([(app.programme.code, health), *others_alive]), metrics.render)
    programmes: list[BaseRoute] = []
    if others:
        links = [ProgrammeLink(app.programme.code, app.programme.name, "/", True)]
        for entry, other in others:  # a further programme: everything of the web under its own path
            prefix = entry.web_prefix
            links.append(ProgrammeLink(other.programme.code, other.programme.name, prefix + "/", False))
            other_site = web_site(_web_app(other), WebConfig.from_settings(other.settings, prefix))
            sites.append((prefix, other_site))
            routes = [calendar_route(other.meetings), *other_site.routes]
            programmes.append(Mount(prefix, routes=routes))
        programmes[:0] = programme_list_routes(links, Renderer("vaart"), app.programme.language)
    return Starlette(routes=[Route("/healthz", healthz), calendar_route(app.meetings), *chat_routes, *ops,
                             *programmes],
                     middleware=[Middleware(MetricsMiddleware, metrics=metrics, programme=app.programme.code,
                                            mounted=[(entry.web_prefix, other.programme.code)
                                                     for entry, other in others]),  # bot.frontends.web.ops
                                 Middleware(BodyLimit)],
                     exception_handlers={404: _error_page(site, sites), 405: _error_page(site, sites)},
                     lifespan=slack_lifespan)


log = logging.getLogger("vaart.asgi")
PLATFORMS = (("/slack/events", "Slack", "SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN"),
             ("/api/messages", "Teams", "the TEAMS_* settings"))


def _switched_off(mounted: list[BaseRoute]) -> list[BaseRoute]:
    """The endpoint of each chat platform that is not configured: a 404 in JSON, not the web's page, and
    one warning per process that names the settings that switch it on (an app in Slack or Teams pointed
    at this server before its secrets are set here fails its URL check without a word otherwise)."""
    taken = {getattr(route, "path", None) for route in mounted}
    return [_not_configured(*platform) for platform in PLATFORMS if platform[0] not in taken]


def _not_configured(path: str, platform: str, settings: str) -> Route:
    warned = False

    async def endpoint(request: Request) -> Response:
        nonlocal warned
        if not warned:
            warned = True
            log.warning("%s: a request to %s, but %s is not configured here (set %s)", platform.lower(), path,
                        platform, settings)
        return JSONResponse({"error": "not_configured", "platform": platform.lower()}, status_code=404)

    return Route(path, endpoint, methods=["POST"])


def _error_page(main: WebSite, mounted: list[tuple[str, WebSite]]) -> Callable[[Request, Exception], Response]:
    """An address no route has, or a method its route does not take: the web site's own page (of the
    programme whose path it is under), not Starlette's bare 'Not Found' without the security headers."""

    def page(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        path = request.url.path
        site = next((s for prefix, s in mounted if path == prefix or path.startswith(prefix + "/")), main)
        return site.error(request, exc.status_code, dict(exc.headers or {}))

    return page


def _web_app(app: App) -> WebApp:
    return WebApp(app.programme, app.clock, app.people, app.budget, app.meetings, app.monitor, app.web_access,
                  app.coverage, app.member_bodies)
