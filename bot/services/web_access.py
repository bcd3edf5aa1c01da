"""Signing in to the web monitor: one-time links by mail, sessions, Entra sign-ins under way.

A link is a random token; the store keeps its SHA-256, valid for 15 minutes, once. Asking for a
link answers the same whether the address is known or not (no one learns who is in the programme),
and mails only people in the people store and indieners of an idea, at most a few an hour. A
session holds an address only: who that person is and which functions they hold is read from the
people store on every request, so a function taken away counts at once. Every sign-in, sign-out
and link is on record in the audit log; the link's mail leaves through the outbox in the same
transaction.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.domain.errors import Refused
from bot.domain.people import Person, anonymous
from bot.domain.text import clean_email
from bot.messages import render
from bot.services.base import Context, Reply, Service
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.ports.web import SignedInLookup, WebSession, web_uow
from bot.services.record import audit

LINK_VALID = timedelta(minutes=15)
FLOW_VALID = timedelta(minutes=10)
LINKS_PER_HOUR = 5
LINK_PATH = "/aanmelden/link"


def session_hours(env: Mapping[str, str]) -> float:
    """VAART_WEB_SESSION_HOURS: how long a web sign-in holds (8 hours unless set)."""
    text = env.get("VAART_WEB_SESSION_HOURS") or "8"
    try:
        hours = float(text)
    except ValueError as exc:
        raise Refused("web.config.bad_hours", value=text[:20]) from exc
    if not 0.1 <= hours <= 24 * 30:
        raise Refused("web.config.bad_hours", value=text[:20])
    return hours


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SignedIn:
    """A new session: the secret for the cookie (shown once) and what the store keeps of it."""

    session_id: str
    session: WebSession


@dataclass(frozen=True)
class Visitor:
    """Who is looking at a page right now: the person (roles from the store) and their session."""

    person: Person
    session: WebSession
    session_id: str


class WebAccessService(Service):
    def __init__(self, ctx: Context, signed_in: SignedInLookup, session_hours: float = 8.0) -> None:
        super().__init__(ctx)
        self.signed_in = signed_in  # the page's visitor, read on every signed-in request
        self.session_length = timedelta(hours=session_hours)

    # -- one-time links ------------------------------------------------------------------------
    def request_link(self, email: str, base_url: str, lang: str, origin: str = "web") -> None:
        """Mail a sign-in link to *email* if it may sign in; the caller says the same either way."""
        address = clean_email(email)

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            repo = web_uow(uow).web
            repo.purge(now)
            known = bool(actor.known) or repo.is_submitter(address)
            if not known:  # a stranger's address is not kept, not even as a pseudonym (AVG)
                audit(uow, now, "-", "web_link_requested", "-", origin, result="niet verstuurd: onbekend adres")
                return Reply("web.link.sent")
            if repo.tokens_since(address, now - timedelta(hours=1)) >= LINKS_PER_HOUR:
                audit(uow, now, address, "web_link_requested", "-", origin, result="niet verstuurd: te vaak gevraagd")
                return Reply("web.link.sent")
            token = self._token(uow, address, now)
            language = actor.language or lang
            link = f"{base_url.rstrip('/')}{LINK_PATH}?token={token}"
            minutes = int(LINK_VALID.total_seconds() // 60)
            uow.enqueue(
                OutboundMessage(
                    key=f"weblink:{digest(token)[:24]}",
                    recipient=address,
                    subject=render("web.mail.subject", language, programme=self.programme.name),
                    body=render("web.mail.body", language, link=link, minutes=minutes, programme=self.programme.name),
                ),
                now,
            )
            audit(uow, now, address, "web_link_requested", "-", origin, result="ok")
            return Reply("web.link.sent")

        self.run(address, origin, "web_link_requested", "-", work)

    def issue_link(self, email: str, base_url: str, actor_email: str, origin: str = "cli") -> str:
        """A sign-in link for *email* handed to the operator (`vaart web-login`), not mailed."""
        address = clean_email(email)

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            token = self._token(uow, address, now)
            audit(uow, now, actor.email, "web_link_issued", "-", origin, details={"for": address})
            return Reply("web.link.issued", {"link": f"{base_url.rstrip('/')}{LINK_PATH}?token={token}"})

        return str(self.run(actor_email, origin, "web_link_issued", "-", work).params["link"])

    def _token(self, uow: UnitOfWork, address: str, now: datetime) -> str:
        token = secrets.token_urlsafe(32)
        web_uow(uow).web.add_token(digest(token), address, now, now + LINK_VALID)
        return token

    def redeem(self, token: str, origin: str = "web") -> SignedIn | None:
        """The session a valid, unused, unexpired link opens; None for any other link."""
        if not token or len(token) > 200:
            return None
        now = self.ctx.clock.now()
        with self.ctx.uow_factory() as uow:
            email = web_uow(uow).web.redeem_token(digest(token), now)
            if email is None:
                audit(uow, now, "-", "web_sign_in", "-", origin, result="geweigerd: link ongeldig of verlopen")
                uow.commit()
                return None
            signed_in = self._open(uow, email, "link", now, origin)
            uow.commit()
            return signed_in

    # -- sessions ------------------------------------------------------------------------------
    def open_session(self, email: str, via: str, origin: str = "web") -> SignedIn:
        """A session for someone another sign-in (Entra) vouched for."""
        now = self.ctx.clock.now()
        with self.ctx.uow_factory() as uow:
            signed_in = self._open(uow, clean_email(email), via, now, origin)
            uow.commit()
            return signed_in

    def _open(self, uow: UnitOfWork, email: str, via: str, now: datetime, origin: str) -> SignedIn:
        session_id = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        expires = now + self.session_length
        web_uow(uow).web.add_session(digest(session_id), email, csrf, via, now, expires)
        audit(uow, now, email, "web_sign_in", "-", origin, details={"via": via})
        return SignedIn(session_id, WebSession(email, csrf, via, expires))

    def visitor(self, session_id: str | None) -> Visitor | None:
        """Who holds *session_id*, with their functions as the people store has them now."""
        if not session_id or len(session_id) > 200:
            return None
        found = self.signed_in.find_signed_in(digest(session_id), self.ctx.clock.now())  # one query, no unit of work
        if found is None:
            return None
        session, person = found
        return Visitor(person if person is not None else anonymous(session.email), session, session_id)

    def sign_out(self, session_id: str, origin: str = "web") -> None:
        now = self.ctx.clock.now()
        with self.ctx.uow_factory() as uow:
            repo = web_uow(uow).web
            session = repo.find_session(digest(session_id), now)
            if session is not None and repo.end_session(digest(session_id), now):
                audit(uow, now, session.email, "web_sign_out", "-", origin)
            uow.commit()

    # -- Entra sign-ins under way -------------------------------------------------------------------
    def keep_flow(self, state: str, flow: Mapping[str, Any]) -> None:
        """msal's auth-code flow (state, nonce, PKCE verifier) waits here for the browser's return."""
        now = self.ctx.clock.now()
        with self.ctx.uow_factory() as uow:
            web_uow(uow).web.add_flow(digest(state), flow, now, now + FLOW_VALID)
            uow.commit()

    def take_flow(self, state: str) -> dict[str, Any] | None:
        if not state or len(state) > 200:
            return None
        now = self.ctx.clock.now()
        with self.ctx.uow_factory() as uow:
            flow = web_uow(uow).web.take_flow(digest(state), now)
            uow.commit()
            return flow
