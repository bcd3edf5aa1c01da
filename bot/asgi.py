"""The one ASGI app, a process of its own: the front ends (Slack, Teams, the web), the calendar feeds
and the operator's probes mount here, each given only what it needs of the application. Every
request body is capped while it is read (`bot.frontends.web.limits`), before any route sees it.

/healthz answers for the process and its database (a liveness probe; the database is asked in a
worker thread, never on the event loop).
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.bootstrap.app import App
from bot.bootstrap.health import Health
from bot.bootstrap.teams import teams_routes
from bot.frontends.slack.config import SlackConfig
from bot.frontends.slack.server import slack_parts
from bot.frontends.web.calendar_feed import calendar_route
from bot.frontends.web.config import WebConfig
from bot.frontends.web.context import WebApp
from bot.frontends.web.limits import BodyLimit
from bot.frontends.web.ops import MetricsMiddleware, ops_routes
from bot.frontends.web.routes import web_routes


def create_asgi(app: App) -> Starlette:
    health = Health(app.engine, app.clock, app.outbox)

    async def healthz(request: Request) -> JSONResponse:
        failure = await run_in_threadpool(health.alive)
        if failure is not None:
            return JSONResponse({"status": "fout", "database": failure}, status_code=503)
        return JSONResponse({"status": "ok", "programma": app.programme.code})

    # /slack/events and Socket Mode, when configured; /api/messages, when Teams is configured
    slack_routes, slack_lifespan = slack_parts(app.desk, SlackConfig.from_settings(app.settings))
    chat_routes = [*slack_routes, *teams_routes(app.desk, app.settings, app.engine)]
    web = WebApp(app.programme, app.clock, app.people, app.budget, app.meetings, app.monitor, app.web_access,
                 app.coverage, app.member_bodies)
    chat_routes += web_routes(web, WebConfig.from_settings(app.settings))  # the web monitor and the public pages
    ops = ops_routes(health.readiness, app.metrics.render)
    return Starlette(routes=[Route("/healthz", healthz), calendar_route(app.meetings), *chat_routes, *ops],
                     middleware=[Middleware(MetricsMiddleware, metrics=app.metrics),  # bot.frontends.web.ops
                                 Middleware(BodyLimit)],
                     lifespan=slack_lifespan)
