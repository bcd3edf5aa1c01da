"""The chat directory on SQLAlchemy Core: identities, posted messages, and claimed platform events.

Each call is its own short transaction (like the outbox runner): these are facts about platforms,
not governance state, so they never need to commit together with an idea. Upserts use ON CONFLICT
so two processes learning the same identity or posting the same card at once keep one row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.services.ports.chat import ChatIdentity, PostedMessage
from storage import tables
from storage.tables_chat import chat_messages, identities


def _insert(engine: Engine, table: Any) -> Any:
    return postgresql.insert(table) if engine.dialect.name == "postgresql" else sqlite.insert(table)


def _identity(row: Any) -> ChatIdentity:
    return ChatIdentity(
        platform=row.platform,
        external_user_id=row.external_user_id,
        email=row.email,
        display_name=row.display_name,
        dm_channel=row.dm_channel,
        updated_at=row.updated_at,
    )


def _posted(row: Any) -> PostedMessage:
    return PostedMessage(
        platform=row.platform,
        kind=row.kind,
        reference=row.reference,
        recipient=row.recipient,
        channel_id=row.channel_id,
        message_id=row.message_id,
        state=row.state,
    )


class SqlChatDirectory:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- identities ----------------------------------------------------------------------------
    def identity(self, platform: str, external_user_id: str) -> ChatIdentity | None:
        c = identities.c
        with self.engine.connect() as conn:
            row = conn.execute(
                select(identities).where(c.platform == platform, c.external_user_id == external_user_id)
            ).first()
        return _identity(row) if row is not None else None

    def identity_for_email(self, platform: str, email: str) -> ChatIdentity | None:
        c = identities.c
        with self.engine.connect() as conn:
            row = conn.execute(
                select(identities)
                .where(c.platform == platform, c.email == email.strip().lower())
                .order_by(c.updated_at.desc(), c.id.desc())
                .limit(1)
            ).first()
        return _identity(row) if row is not None else None

    def save_identity(self, identity: ChatIdentity, at: datetime) -> None:
        values = {
            "platform": identity.platform,
            "external_user_id": identity.external_user_id,
            "email": identity.email.strip().lower(),
            "display_name": identity.display_name[:200],
            "updated_at": at,
        }
        changed = {"email": values["email"], "display_name": values["display_name"], "updated_at": at}
        if identity.dm_channel:
            values["dm_channel"] = changed["dm_channel"] = identity.dm_channel
        statement = _insert(self.engine, identities).values(**values)
        statement = statement.on_conflict_do_update(index_elements=["platform", "external_user_id"], set_=changed)
        with self.engine.begin() as conn:
            conn.execute(statement)

    def set_dm_channel(self, platform: str, external_user_id: str, channel: str, at: datetime) -> None:
        c = identities.c
        with self.engine.begin() as conn:
            conn.execute(
                update(identities)
                .where(c.platform == platform, c.external_user_id == external_user_id)
                .values(dm_channel=channel)
            )

    # -- posted messages -----------------------------------------------------------------------
    def posted(self, platform: str, kind: str, reference: str, recipient: str) -> PostedMessage | None:
        c = chat_messages.c
        with self.engine.connect() as conn:
            row = conn.execute(
                select(chat_messages).where(
                    c.platform == platform, c.kind == kind, c.reference == reference, c.recipient == recipient
                )
            ).first()
        return _posted(row) if row is not None else None

    def posted_all(self, platform: str, kind: str, reference: str) -> list[PostedMessage]:
        c = chat_messages.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(chat_messages)
                .where(c.platform == platform, c.kind == kind, c.reference == reference)
                .order_by(c.id)
            ).all()
        return [_posted(row) for row in rows]

    def save_posted(self, message: PostedMessage, at: datetime) -> None:
        values = {
            "platform": message.platform,
            "kind": message.kind,
            "reference": message.reference,
            "recipient": message.recipient[:254],
            "channel_id": message.channel_id,
            "message_id": message.message_id,
            "state": message.state[:200],
            "updated_at": at,
        }
        changed = {k: values[k] for k in ("channel_id", "message_id", "state", "updated_at")}
        statement = _insert(self.engine, chat_messages).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=["platform", "kind", "reference", "recipient"], set_=changed
        )
        with self.engine.begin() as conn:
            conn.execute(statement)

    # -- platform deliveries seen ----------------------------------------------------------------
    def claim(self, key: str, at: datetime) -> bool:
        statement = (
            _insert(self.engine, tables.processed_requests)
            .values(key=key[:200], result="{}", at=at)
            .on_conflict_do_nothing(index_elements=["key"])
        )
        with self.engine.begin() as conn:
            result = conn.execute(statement)
        return bool(result.rowcount == 1)
