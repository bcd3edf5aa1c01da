"""Security of the web pages: response headers, cookies, and CSRF checks on the only two POSTs
(sign-in and sign-out).

Headers on every web response: a Content-Security-Policy with no script at all (the pages work
without JavaScript), no framing (`frame-ancestors 'none'`), `nosniff`, and a Referrer-Policy that
keeps the path (a sign-in link's token) from leaving. Cookies are HttpOnly and SameSite=Lax, and
Secure unless the site is served from localhost/127.0.0.1 over plain HTTP. A POST must come from
this site (Origin, or else Referer, equal to the configured base URL's origin) and carry the form
token: the session's own for sign-out, a double-submit cookie before anyone is signed in.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Collection, Mapping
from typing import Literal
from urllib.parse import parse_qs, urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
SESSION_COOKIE = "vaart_sessie"
FORM_COOKIE = "vaart_formulier"
MAX_FORM_BYTES = 4096
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")


def missing_headers(present: Collection[str], cache_static: bool = False) -> list[tuple[str, str]]:
    """The headers above that a response with the (lower-case) header names *present* still lacks, and
    its caching: a day for the static files, nothing stored for every page."""
    extra = [(name, value) for name, value in HEADERS.items() if name not in present]
    if "cache-control" not in present:
        extra.append(("cache-control", "public, max-age=86400" if cache_static else "no-store"))
    return extra


def secured(response: Response) -> Response:
    """*response* with the headers above, for one made outside the wrapped routes (an error page)."""
    for name, value in missing_headers({k.lower() for k in response.headers}):
        response.headers[name] = value
    return response


class SecurityHeaders:
    """Pure ASGI middleware: the headers above on every response of the routes it wraps."""

    def __init__(self, app: ASGIApp, cache_static: bool = False) -> None:
        self.app = app
        self.cache_static = cache_static

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.decode("latin-1").lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in missing_headers(present, self.cache_static)]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def is_local(base_url: str) -> bool:
    parts = urlsplit(base_url)
    return parts.scheme == "http" and (parts.hostname or "") in LOCAL_HOSTS


def set_cookie(response: Response, name: str, value: str, base_url: str, max_age: int | None = None,
               same_site: Literal["lax", "strict"] = "lax", path: str = "/") -> None:
    response.set_cookie(
        name, value, max_age=max_age, path=path, httponly=True, secure=not is_local(base_url), samesite=same_site
    )


def clear_cookie(response: Response, name: str, base_url: str, path: str = "/") -> None:
    response.delete_cookie(name, path=path, httponly=True, secure=not is_local(base_url), samesite="lax")


def form_token(request: Request, cookie: str = FORM_COOKIE) -> tuple[str, bool]:
    """The double-submit token of the sign-in forms: the cookie's, or a new one (True: set it)."""
    current = request.cookies.get(cookie, "")
    if 20 <= len(current) <= 100:
        return current, False
    return secrets.token_urlsafe(32), True


def same_origin(request: Request, base_url: str) -> bool:
    """The POST comes from a page of this site: its Origin (or Referer) is the base URL's origin."""
    expected = urlsplit(base_url)
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source:
        return False
    given = urlsplit(source)
    return (given.scheme, given.netloc) == (expected.scheme, expected.netloc)


async def read_form(request: Request) -> dict[str, str] | None:
    """A small urlencoded form (the sign-in and sign-out forms are); None when it is not one."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return None
    try:
        fields = parse_qs(body.decode("utf-8"), max_num_fields=10, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        return None
    return {k: v[0] for k, v in fields.items() if v}


def tokens_match(given: str | None, expected: str | None) -> bool:
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def local_path(target: str | None, fallback: str = "/") -> str:
    """A redirect target from a form or query: only a path on this site (no //host, no scheme)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target


def header_map() -> Mapping[str, str]:
    return dict(HEADERS)
