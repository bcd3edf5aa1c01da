"""The web pages: the programme on a web page, server-rendered (Jinja2), no JavaScript.

Public: the decision register (Woo), the stuurgroep's dates, the DIN coverage, the budget, each
also as JSON. Signed in (one-time link by mail, or Microsoft Entra ID): the pipeline board, an
idea, a stuurgroep meeting, the money, the staf's outbox. `web_site(app, config)` gives the routes for
the one ASGI app (`bot.asgi`), wrapped in the security headers, and the page for an address or a
method the app has not (`WebSite.error`): the site's own, in the reader's language, with its headers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bot.frontends.web import public, signin, team
from bot.frontends.web.config import WebConfig
from bot.frontends.web.context import FUNCTIONS_ONLY, Web, WebApp, signed_in
from bot.frontends.web.entra import EntraSignIn
from bot.frontends.web.render import Renderer
from bot.frontends.web.security import SecurityHeaders, secured

STATIC = Path(__file__).parent / "static"


ERRORS = {404: "web.not_found", 405: "web.method_not_allowed"}


@dataclass(frozen=True)
class WebSite:
    """One programme's web pages: the routes, and the page for what they do not answer."""

    routes: list[BaseRoute]
    web: Web

    def error(self, request: Request, status: int, headers: dict[str, str] | None = None) -> Response:
        """The site's page for *status* (404: no such address; 405: the address is read-only), as
        HTML or JSON like every page, with the security headers and the router's own (Allow)."""
        response = self.web.refuse(request, status, ERRORS.get(status, "web.not_found"))
        for name, value in (headers or {}).items():
            response.headers[name] = value
        return secured(response)


def web_site(app: WebApp, config: WebConfig) -> WebSite:
    renderer = Renderer(app.programme.name, app.programme.governance.procedure("voorstel"), config.prefix)
    web = Web(app, config, renderer, EntraSignIn(config.entra) if config.entra else None)
    return WebSite(_routes(web, app), web)


def _routes(web: Web, app: WebApp) -> list[BaseRoute]:

    def page(handler: Callable[[Web, Request], Response]) -> Callable[[Request], Response]:
        return lambda request: handler(web, request)

    def posted(handler: Callable[[Web, Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            return await handler(web, request)

        return endpoint

    def both(path: str, endpoint: Callable[[Request], Any], name: str) -> list[BaseRoute]:
        """The page and its JSON twin (`.json`); both also answer Accept: application/json."""
        headers = [Middleware(SecurityHeaders)]
        return [Route(path, endpoint, methods=["GET"], name=name, middleware=headers),
                Route(f"{path}.json", endpoint, methods=["GET"], name=f"{name}_json", middleware=headers)]

    def one(path: str, endpoint: Callable[[Request], Any], name: str, methods: tuple[str, ...] = ("GET",)) -> BaseRoute:
        return Route(path, endpoint, methods=list(methods), name=name, middleware=[Middleware(SecurityHeaders)])

    member = FUNCTIONS_ONLY
    return [
        one("/", page(public.home), "web_home"),
        *both("/besluiten", page(public.register), "web_register"),
        one("/besluiten/download.{kind}", page(public.register_download), "web_register_download"),
        *both("/vergaderingen", page(public.meetings), "web_meetings"),
        *both("/dekking", page(public.coverage), "web_coverage"),
        *both("/begroting", page(public.budget), "web_budget"),
        one("/aanmelden", page(signin.signin_page), "web_signin"),
        one("/aanmelden", posted(signin.request_link), "web_signin_post", ("POST",)),
        one("/aanmelden/link", page(signin.link_page), "web_link"),
        one("/aanmelden/link", posted(signin.use_link), "web_link_post", ("POST",)),
        one("/aanmelden/microsoft", page(signin.entra_start), "web_entra"),
        one(signin.ENTRA_RETURN, page(signin.entra_return), "web_entra_return"),
        one("/afmelden", posted(signin.sign_out), "web_signout", ("POST",)),
        one("/taal", page(signin.switch_language), "web_language"),
        *both("/werk", signed_in(web, lambda r, v: team.board(web, r, v)), "web_board"),
        one("/ideeen/{reference}", signed_in(web, lambda r, v: team.idea(web, r, v)), "web_idea"),
        *both("/stuurgroep", signed_in(web, lambda r, v: team.meetings_index(web, r, v), member), "web_sg"),
        one("/stuurgroep/{day}", signed_in(web, lambda r, v: team.meeting(web, r, v), member), "web_sg_meeting"),
        *both("/financien", signed_in(web, lambda r, v: team.finance(web, r, v), member), "web_finance"),
        *both("/berichten", signed_in(web, lambda r, v: team.outbox(web, r, v), team.is_staf), "web_outbox"),
        Mount("/static", app=SecurityHeaders(StaticFiles(directory=str(STATIC)), cache_static=True), name="static"),
    ]
