"""The web front end's sign-in rows in the unit of work: one-time links, sessions, Entra flows; and
the visitor lookup every signed-in page makes, outside any unit of work (it only reads).

Every lookup is by the SHA-256 of a secret (primary key); redeeming a link is one conditional
UPDATE, so two browsers racing for the same link cannot both get in.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, Engine, bindparam, delete, func, or_, select, update
from sqlalchemy.orm import Session

from bot.domain.people import Person
from bot.services.ports.web import WebSession
from storage import tables
from storage.driver_rows import DriverRows
from storage.tables_web import web_auth_flows, web_login_tokens, web_sessions

_s, _p = web_sessions.c, tables.people.c
# every signed-in page asks this first: built once, the session and its person in one indexed query
_SIGNED_IN = (
    select(_s.email, _s.csrf, _s.via, _s.expires_at, _p.id, _p.name, _p.organisation, _p.roles, _p.language)
    .select_from(web_sessions.outerjoin(tables.people, _p.email == _s.email))
    .where(_s.id_hash == bindparam("id_hash"), _s.ended_at.is_(None), _s.expires_at > bindparam("now"))
)


class SqlSignedInLookup:
    """The visitor of a signed-in page on a plain connection of the reader engine: one indexed query,
    no ORM session around it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def find_signed_in(self, id_hash: str, now: datetime) -> tuple[WebSession, Person | None] | None:
        with self.engine.connect() as conn:  # on the driver's cursor (storage.driver_rows): every page pays it
            row = DriverRows(conn).first(_SIGNED_IN, {"id_hash": id_hash, "now": now})
        if row is None:
            return None
        session = WebSession(row.email, row.csrf, row.via, row.expires_at)
        if row.id is None:
            return session, None
        return session, Person(row.email, row.name, row.organisation, list(row.roles or ()), row.language)


def _count(result: Any) -> int:
    """The rows an UPDATE or DELETE touched."""
    return int(result.rowcount) if isinstance(result, CursorResult) else 0


class SqlWebAccessRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_token(self, token_hash: str, email: str, now: datetime, expires_at: datetime) -> None:
        self.session.execute(
            web_login_tokens.insert().values(token_hash=token_hash, email=email, created_at=now, expires_at=expires_at)
        )

    def tokens_since(self, email: str, since: datetime) -> int:
        t = web_login_tokens.c
        count = self.session.execute(
            select(func.count()).select_from(web_login_tokens).where(t.email == email, t.created_at >= since)
        ).scalar_one()
        return int(count)

    def redeem_token(self, token_hash: str, now: datetime) -> str | None:
        t = web_login_tokens.c
        email = self.session.execute(select(t.email).where(t.token_hash == token_hash)).scalar_one_or_none()
        if email is None:
            return None
        changed = _count(self.session.execute(
            update(web_login_tokens)
            .where(t.token_hash == token_hash, t.used_at.is_(None), t.expires_at > now)
            .values(used_at=now)
        ))
        return str(email) if changed == 1 else None

    def add_session(self, id_hash: str, email: str, csrf: str, via: str, now: datetime, expires_at: datetime) -> None:
        self.session.execute(
            web_sessions.insert().values(
                id_hash=id_hash, email=email, csrf=csrf, via=via, created_at=now, expires_at=expires_at
            )
        )

    def find_session(self, id_hash: str, now: datetime) -> WebSession | None:
        s = web_sessions.c
        row = self.session.execute(
            select(s.email, s.csrf, s.via, s.expires_at).where(
                s.id_hash == id_hash, s.ended_at.is_(None), s.expires_at > now
            )
        ).first()
        return None if row is None else WebSession(row.email, row.csrf, row.via, row.expires_at)

    def end_session(self, id_hash: str, now: datetime) -> bool:
        s = web_sessions.c
        changed = _count(self.session.execute(
            update(web_sessions).where(s.id_hash == id_hash, s.ended_at.is_(None)).values(ended_at=now)
        ))
        return bool(changed)

    def add_flow(self, state_hash: str, flow: Mapping[str, Any], now: datetime, expires_at: datetime) -> None:
        self.session.execute(
            web_auth_flows.insert().values(
                state_hash=state_hash, flow=dict(flow), created_at=now, expires_at=expires_at
            )
        )

    def take_flow(self, state_hash: str, now: datetime) -> dict[str, Any] | None:
        """The flow of *state_hash*, deleted as it is read: a callback is answered once."""
        f = web_auth_flows.c
        row = self.session.execute(select(f.flow, f.expires_at).where(f.state_hash == state_hash)).first()
        if row is None:
            return None
        gone = _count(self.session.execute(delete(web_auth_flows).where(f.state_hash == state_hash)))
        if gone != 1 or row.expires_at <= now:
            return None
        return dict(row.flow)

    def purge(self, now: datetime) -> int:
        """Expired links, sessions and flows go (their expiry is indexed); they open nothing any more."""
        removed = 0
        for table, column in (
            (web_login_tokens, web_login_tokens.c.expires_at),
            (web_auth_flows, web_auth_flows.c.expires_at),
        ):
            removed += _count(self.session.execute(delete(table).where(column <= now)))
        s = web_sessions.c
        removed += _count(self.session.execute(
            delete(web_sessions).where(or_(s.expires_at <= now, s.ended_at.is_not(None)))
        ))
        return removed

    def is_submitter(self, email: str) -> bool:
        i = tables.ideas.c
        return self.session.execute(select(i.id).where(i.submitter == email).limit(1)).first() is not None
