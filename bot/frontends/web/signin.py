"""Signing in and out: the one-time link by mail, Microsoft Entra ID, the language switch.

The link in the mail opens a page with one button; only its POST uses the link up, so a mail
scanner that fetches the link does not spend it. Both POSTs here (and sign-out) are checked for
origin and form token (`security`); a new session gets a fresh cookie (no fixation).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.domain.errors import Refused
from bot.frontends.web.context import Web
from bot.frontends.web.entra import EntraError
from bot.frontends.web.render import LANG_COOKIE
from bot.frontends.web.security import (
    FORM_COOKIE,
    SESSION_COOKIE,
    clear_cookie,
    form_token,
    local_path,
    read_form,
    same_origin,
    tokens_match,
)
from bot.messages import LANGUAGES
from bot.services.web_access import SignedIn

log = logging.getLogger("vaart.web")
T = TypeVar("T")
ENTRA_RETURN = "/aanmelden/microsoft/terug"
LANGUAGE_KEPT = 365 * 86400  # seconds: a language chosen on these pages is kept for a year


def _with_form_token(web: Web, request: Request, response: Response, token: str, new: bool) -> Response:
    if new:
        web.set_cookie(response, FORM_COOKIE, token, max_age=3600, same_site="strict")
    return response


def signin_page(web: Web, request: Request, message: str | None = None, status: int = 200) -> Response:
    token, new = form_token(request, web.config.cookie(FORM_COOKIE))
    target = local_path(request.query_params.get("terug"), web.config.here("/werk"))
    data = {"entra": web.entra is not None, "message": message}
    response = web.show(request, "signin.html", data, web.visitor(request), status,
                        extra={"form_token": token, "target": target})
    return _with_form_token(web, request, response, token, new)


async def _checked_form(web: Web, request: Request) -> dict[str, str] | None:
    form = await read_form(request)
    if form is None or not same_origin(request, web.config.base_url):
        return None
    if not tokens_match(form.get("formulier"), request.cookies.get(web.config.cookie(FORM_COOKIE))):
        return None
    return form


async def request_link(web: Web, request: Request) -> Response:
    form = await _checked_form(web, request)
    if form is None:
        return web.refuse(request, 403, "web.csrf")
    try:
        await _threaded(web.app.web_access.request_link, form.get("email", ""), web.config.base_url, web.lang(request))
    except Refused:
        return signin_page(web, request, "web.signin.bad_email", 400)
    return web.show(request, "signin_sent.html", {"sent": True}, None)


def link_page(web: Web, request: Request) -> Response:
    token, new = form_token(request, web.config.cookie(FORM_COOKIE))
    link = request.query_params.get("token", "")[:200]
    response = web.show(request, "signin_link.html", {}, None, extra={"form_token": token, "link": link})
    return _with_form_token(web, request, response, token, new)


async def use_link(web: Web, request: Request) -> Response:
    form = await _checked_form(web, request)
    if form is None:
        return web.refuse(request, 403, "web.csrf")
    signed_in = await _threaded(web.app.web_access.redeem, form.get("token", ""))
    if signed_in is None:
        return signin_page(web, request, "web.signin.link_invalid", 400)
    language = await _threaded(_their_language, web, request, signed_in.session.email)
    return _session_response(web, signed_in, web.config.here("/werk"), language)


async def sign_out(web: Web, request: Request) -> Response:
    form = await read_form(request)
    visitor = await _threaded(web.visitor, request)
    if form is None or visitor is None or not same_origin(request, web.config.base_url) \
            or not tokens_match(form.get("formulier"), visitor.session.csrf):
        return web.refuse(request, 403, "web.csrf")
    await _threaded(web.app.web_access.sign_out, visitor.session_id)
    response = RedirectResponse(web.config.here("/"), status_code=303)
    clear_cookie(response, web.config.cookie(SESSION_COOKIE), web.config.base_url, web.config.cookie_path)
    return response


def entra_start(web: Web, request: Request) -> Response:
    if web.entra is None:
        return web.refuse(request, 404, "web.not_found")
    try:
        flow = web.entra.start(web.config.base_url + ENTRA_RETURN)
    except EntraError as exc:
        log.warning("entra sign-in could not start: %s", exc)
        return signin_page(web, request, "web.signin.entra_failed", 502)
    web.app.web_access.keep_flow(str(flow["state"]), flow)
    return RedirectResponse(str(flow["auth_uri"]), status_code=303)


def entra_return(web: Web, request: Request) -> Response:
    if web.entra is None:
        return web.refuse(request, 404, "web.not_found")
    answer = {k: v[:4000] for k, v in request.query_params.items()}
    flow = web.app.web_access.take_flow(answer.get("state", ""))
    if flow is None:
        return signin_page(web, request, "web.signin.entra_failed", 400)
    try:
        email = web.entra.finish(flow, answer, web.app.clock.now())
    except EntraError as exc:
        log.warning("entra sign-in refused: %s", exc)
        return signin_page(web, request, "web.signin.entra_failed", 400)
    signed_in = web.app.web_access.open_session(email, "entra")
    return _session_response(web, signed_in, web.config.here("/werk"), _their_language(web, request, email))


def _their_language(web: Web, request: Request, email: str) -> str | None:
    """For a browser that never chose a language here: the one the person chose in chat (or as a
    guest), when it is not the programme's, so the pages open in it."""
    if web.config.cookie(LANG_COOKIE) in request.cookies:
        return None
    chosen = web.app.people.language(email)
    return chosen if chosen != web.app.programme.language else None


def _session_response(web: Web, signed_in: SignedIn, target: str, language: str | None) -> Response:
    response = RedirectResponse(target, status_code=303)
    seconds = max(int((signed_in.session.expires_at - web.app.clock.now()).total_seconds()), 60)
    web.set_cookie(response, SESSION_COOKIE, signed_in.session_id, max_age=seconds)
    if language is not None:
        web.set_cookie(response, LANG_COOKIE, language, max_age=LANGUAGE_KEPT)
    return response


def switch_language(web: Web, request: Request) -> Response:
    lang = request.query_params.get("lang", "")
    target = local_path(request.query_params.get("terug"), web.config.here("/"))
    response = RedirectResponse(target, status_code=303)
    if lang in LANGUAGES:
        web.set_cookie(response, LANG_COOKIE, lang, max_age=LANGUAGE_KEPT)
    return response


async def _threaded(function: Callable[..., T], *args: Any) -> T:
    """Store work off the event loop (the services are synchronous)."""
    return await run_in_threadpool(function, *args)
