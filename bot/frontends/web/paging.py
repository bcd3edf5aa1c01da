"""Page numbers from the query string, and the links to the pages around one."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.requests import Request

from bot.domain.dates import ascii_number

MAX_PAGE = 100_000


def page_number(request: Request) -> int:
    text = request.query_params.get("pagina", "1")
    return min(int(text), MAX_PAGE) if ascii_number(text) and int(text) >= 1 else 1  # "²".isdigit() is True


@dataclass(frozen=True)
class Pager:
    page: int
    pages: int
    previous: str | None
    next: str | None


def pager(request: Request, page: int, per_page: int, total: int) -> Pager:
    pages = max((total + per_page - 1) // per_page, 1)

    def link(number: int) -> str:
        query = {k: v for k, v in request.query_params.items() if k != "pagina"}
        query["pagina"] = str(number)
        return f"{request.url.path}?{urlencode(query)}"

    return Pager(page, pages, link(page - 1) if page > 1 else None, link(page + 1) if page < pages else None)
