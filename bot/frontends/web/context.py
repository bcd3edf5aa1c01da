"""What every page handler of the web front end needs, made once by `web_routes`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.frontends.web.config import WebConfig
from bot.frontends.web.entra import EntraSignIn
from bot.frontends.web.render import LANG_COOKIE, Renderer, json_response, language, wants_json
from bot.frontends.web.security import SESSION_COOKIE, set_cookie
from bot.services.budget import BudgetService
from bot.services.coverage import CoverageService
from bot.services.meetings import MeetingService
from bot.services.member_bodies import MemberBodyService
from bot.services.people import PeopleService
from bot.services.ports.unit_of_work import Clock
from bot.services.ports.web import MonitorQueries
from bot.services.web_access import Visitor, WebAccessService

FUNCTIONS_ONLY = "functions"  # a page for anyone who holds a function in the programme


@dataclass(frozen=True)
class WebApp:
    """What the web pages use of the application, and nothing else: the composition root's process
    (`bot.asgi`) fills it in; the front end never sees the application object."""

    programme: Programme
    clock: Clock
    people: PeopleService
    budget: BudgetService
    meetings: MeetingService
    monitor: MonitorQueries  # the pages' read models, one page per query
    web_access: WebAccessService  # sign-in links and sessions
    coverage: CoverageService  # §5: the one DIN coverage reading, as chat `dekking`
    member_bodies: MemberBodyService | None = None  # the colleges' decisions in the register's JSON (the VDG)


@dataclass
class Web:
    app: WebApp
    config: WebConfig
    renderer: Renderer
    entra: EntraSignIn | None

    def lang(self, request: Request) -> str:
        return language(request, self.app.programme.language, self.config.cookie(LANG_COOKIE))

    def visitor(self, request: Request) -> Visitor | None:
        return self.app.web_access.visitor(request.cookies.get(self.config.cookie(SESSION_COOKIE)))

    def set_cookie(self, response: Response, name: str, value: str, max_age: int | None = None,
                   same_site: Literal["lax", "strict"] = "lax") -> None:
        """A cookie of this programme's pages: its own name and path (see `WebConfig.prefix`)."""
        set_cookie(response, self.config.cookie(name), value, self.config.base_url, max_age, same_site,
                   self.config.cookie_path)

    def show(
        self,
        request: Request,
        template: str,
        data: Mapping[str, Any],
        visitor: Visitor | None = None,
        status: int = 200,
        extra: Mapping[str, Any] | None = None,
    ) -> Response:
        """The page as JSON (*data*) or HTML (*data* and *extra* through *template*)."""
        lang = self.lang(request)
        if wants_json(request):
            response = json_response(data, status)
        else:
            context = {"data": data, "visitor": visitor, "person": visitor.person if visitor else None,
                       **(extra or {})}
            response = self.renderer.page(request, template, lang, context, status)
        if request.query_params.get("lang") == lang:
            self.set_cookie(response, LANG_COOKIE, lang, max_age=365 * 86400)
        return response

    def refuse(self, request: Request, status: int, code: str, visitor: Visitor | None = None) -> Response:
        lang = self.lang(request)
        from bot.messages import render

        text = render(code, lang)
        return self.show(request, "error.html", {"error": code, "message": text}, visitor, status)


Handler = Callable[[Request, Visitor], Response]


def signed_in(
    web: Web, handler: Handler, who: str | Callable[[Person], bool] | None = None
) -> Callable[[Request], Response]:
    """Wrap *handler*: no session -> to the sign-in page (401 as JSON); the wrong function -> 403."""

    def endpoint(request: Request) -> Response:
        visitor = web.visitor(request)
        if visitor is None:
            if wants_json(request):
                return json_response({"error": "web.signin_needed"}, 401)
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(web.config.here(f"/aanmelden?terug={_quote(target)}"), status_code=303)
        allowed = True
        if who == FUNCTIONS_ONLY:
            allowed = bool(visitor.person.roles)
        elif callable(who):
            allowed = who(visitor.person)
        if not allowed:
            return web.refuse(request, 403, "web.forbidden", visitor)
        return handler(request, visitor)

    return endpoint


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="/")
