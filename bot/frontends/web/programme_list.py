"""`/programma`: the programmes of an installation with several, each linked to its own pages (the
default at `/`, the others under `/programma/<code>/`). Public, like the register: it names only
what each programme's own home page names, and it is JSON too (`/programma.json`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.frontends.web.render import Renderer, json_response, language, wants_json
from bot.frontends.web.security import SecurityHeaders

LIST_PATH = "/programma"


@dataclass(frozen=True)
class ProgrammeLink:
    code: str
    name: str
    url: str  # where its pages start: "/" or "/programma/vdg/"
    default: bool


def programme_list_routes(programmes: Sequence[ProgrammeLink], renderer: Renderer, lang: str = "nl") -> list[BaseRoute]:
    data = {"programmas": [asdict(p) for p in programmes]}

    def endpoint(request: Request) -> Response:
        if wants_json(request):
            return json_response(data)
        return renderer.page(request, "programmes.html", language(request, lang),
                             {"data": data, "visitor": None, "person": None})

    headers = [Middleware(SecurityHeaders)]
    return [Route(LIST_PATH, endpoint, methods=["GET"], name="web_programmes", middleware=headers),
            Route(f"{LIST_PATH}.json", endpoint, methods=["GET"], name="web_programmes_json", middleware=headers)]
