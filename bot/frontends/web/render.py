"""Pages as HTML (Jinja2, auto-escaped) or as JSON, from one dict of data per page.

A page is JSON when its path ends in `.json` or the request prefers `application/json` over
HTML; otherwise the template renders the same data. Every word on a page comes from the wording
catalogue through `t()`; money and dates are formatted here, the Dutch way by default.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from threading import Lock
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from bot.domain.governance import CONSENSUS
from bot.domain.money import format_euro
from bot.domain.timezone import to_local
from bot.messages import LANGUAGES, has, profiled, render, worded

TEMPLATES = Path(__file__).parent / "templates"
LANG_COOKIE = "vaart_taal"
WORDS_KEPT = 4096
FRAGMENTS_KEPT = 64  # the board's overview in each language and filter choice people use at once


def wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    best = accept.split(",")[0].split(";")[0].strip().lower()
    return best == "application/json"


def language(request: Request, default: str = "nl", cookie: str = LANG_COOKIE) -> str:
    """?lang= (the switch), else the cookie it leaves, else the programme's language."""
    chosen = request.query_params.get("lang") or request.cookies.get(cookie) or default
    return chosen if chosen in LANGUAGES else default


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def data_key(data: Any) -> str:
    """A fragment's key (`Renderer.fragment`) for a page's JSON-able *data*: its JSON text, so the same
    key is the same data, to the last digit and the zone of every moment."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=_json_default)


def json_response(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    return Response(body, status_code=status, media_type="application/json")


class Renderer:
    """The one Jinja2 environment of the web front end (made by the composition root, not at import)."""

    def __init__(self, programme_name: str, procedure: str = CONSENSUS, prefix: str = "") -> None:
        self.programme_name = programme_name
        self.prefix = prefix  # "/programma/vdg" for a further programme of the installation: every link under it
        self.procedure = procedure  # the proposals' decision procedure: the VDG's states read "Bij de colleges"
        self.env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # the templates ship with the code; no stat per request
        )
        # the catalogue is fixed while the process runs: a text without parameters is looked up once
        self._words = _Words()
        self._fragments = _Fragments(FRAGMENTS_KEPT)
        self.env.filters["euro"] = lambda v: format_euro(v) if v is not None else "–"
        self.env.filters["day"] = _day
        self.env.filters["moment"] = _moment

    def _word(self, code: str, lang: str, **params: Any) -> str:
        return render(worded(code, self.procedure), lang, **params)  # the profile's own (the VDG's colleges)

    def fragment(self, template: str, lang: str, key: Hashable, context: Mapping[str, Any]) -> Markup:
        """*template* rendered with *context* (and the wording helpers), kept by (*template*, *lang*, *key*):
        a part of a page that many visits show alike (the board's columns) is made once per change of
        what it shows. *key* must hold everything *context* is made of (the same key, the same HTML);
        nothing of the visitor goes in, the session and the sign-out form stay in the page around it."""
        found = self._fragments.get((template, lang, key))
        if found is None:
            html = self.env.get_template(template).render(**self._helpers(lang), **context)
            found = self._fragments.put((template, lang, key), Markup(html))
        return found

    def _helpers(self, lang: str) -> dict[str, Any]:
        """What every template is given for *lang*: the words (`t`, `label`), links under the prefix (`url`)."""
        words = self._words

        def t(code: str, **params: Any) -> str:
            if not params:
                found = words.get((lang, code))
                if found is None:
                    found = words[(lang, code)] = self._word(code, lang)
                return found
            return self._word(code, lang, **params)

        def label(prefix: str, key: str) -> str:
            found = words.get((lang, prefix, key))
            if found is None:
                code = profiled(prefix, key, self.procedure)
                found = words[(lang, prefix, key)] = render(code, lang) if has(code) else key
            return found

        def url(path: str, **query: Any) -> str:
            pairs = {k: v for k, v in query.items() if v not in (None, "")}
            return self.prefix + path + ("?" + urlencode(pairs) if pairs else "")

        return {"t": t, "label": label, "url": url, "lang": lang, "base": self.prefix}

    def page(
        self,
        request: Request,
        template: str,
        lang: str,
        context: Mapping[str, Any],
        status: int = 200,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        here = request.url.path
        if self.prefix and here.startswith(self.prefix):
            here = here[len(self.prefix):] or "/"

        html = self.env.get_template(template).render(
            **self._helpers(lang),
            other_lang="en" if lang == "nl" else "nl",
            path=here,  # the page's path inside this programme's pages; `base` is where they live
            query=request.url.query,
            programme=self.programme_name,
            **context,
        )
        return HTMLResponse(html, status_code=status, headers=dict(headers or {}))


class _Words(dict[tuple[str, ...], str]):
    """The catalogue's texts and labels a renderer has looked up, by (language, code) or (language,
    prefix, key); emptied when it grows past *WORDS_KEPT* (a label's key comes from the store)."""

    def __setitem__(self, key: tuple[str, ...], value: str) -> None:
        if len(self) >= WORDS_KEPT:
            self.clear()
        super().__setitem__(key, value)


class _Fragments:
    """The rendered fragments, least recently used out first; the endpoints run in a thread pool."""

    def __init__(self, kept: int) -> None:
        self.kept = kept
        self._lock = Lock()
        self._items: OrderedDict[Hashable, Markup] = OrderedDict()

    def get(self, key: Hashable) -> Markup | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Hashable, html: Markup) -> Markup:
        with self._lock:
            self._items[key] = html
            while len(self._items) > self.kept:
                self._items.popitem(last=False)
        return html


def _day(value: date | datetime | str | None, lang: str = "nl") -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = to_local(value).date()
    return value.strftime("%d-%m-%Y")


def _moment(value: datetime | str | None) -> str:
    """A moment in Amsterdam time (the audit log keeps ISO text in UTC)."""
    if not value:
        return "–"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return to_local(moment).strftime("%d-%m-%Y %H:%M")
