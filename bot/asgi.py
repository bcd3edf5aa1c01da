"""The one ASGI app. Front ends (Slack, Teams, the web) and feeds mount here as their issues land;
/healthz answers for the process and its database.
"""

from __future__ import annotations

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.bootstrap.app import App
from bot.bootstrap.teams import teams_routes
from bot.frontends.slack.server import slack_parts
from bot.frontends.web.calendar_feed import calendar_route
from bot.frontends.web.ops import MetricsMiddleware, ops_routes
from bot.frontends.web.routes import web_routes


def create_asgi(app: App) -> Starlette:
    async def healthz(request: Request) -> JSONResponse:
        try:
            with app.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:  # the health check reports any database failure instead of raising
            return JSONResponse({"status": "fout", "database": type(exc).__name__}, status_code=503)
        return JSONResponse({"status": "ok", "programma": app.programme.code})

    slack_routes, slack_lifespan = slack_parts(app)  # /slack/events and Socket Mode, when configured
    slack_routes += teams_routes(app)  # and /api/messages, when Teams is configured
    slack_routes += web_routes(app)  # the web monitor and the public pages (bot.frontends.web)
    return Starlette(routes=[Route("/healthz", healthz), calendar_route(app.meetings), *slack_routes, *ops_routes(app)],
                     middleware=[Middleware(MetricsMiddleware, metrics=app.metrics)],  # bot.frontends.web.ops
                     lifespan=slack_lifespan)
