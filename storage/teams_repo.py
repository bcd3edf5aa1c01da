"""Teams conversation references (table `teams_conversations`) and the earlier steps of forms shown in
steps (`teams_form_drafts`) on SQLAlchemy Core.

Each call is its own short transaction, like the chat directory: a reference is a fact about the
platform, never governance state. Saving is an upsert by conversation id, so the handlers can
store the reference of every activity they accept and two processes learning it at once keep one row.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import Engine, select

from bot.services.ports.conversations import PERSONAL, FormDraft, StoredConversation
from storage.engine import upsert
from storage.tables_teams import teams_conversations, teams_form_drafts

c = teams_conversations.c


def _conversation(row: Any) -> StoredConversation:
    return StoredConversation(
        key=int(row.id),
        conversation_id=str(row.conversation_id),
        conversation_type=str(row.conversation_type),
        aad_object_id=row.aad_object_id,
        tenant_id=row.tenant_id,
        service_url=str(row.service_url),
        reference=dict(row.reference or {}),
    )


class SqlConversationReferences:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save(
        self,
        conversation_id: str,
        conversation_type: str,
        aad_object_id: str | None,
        tenant_id: str | None,
        service_url: str,
        reference: dict[str, Any],
        at: datetime,
    ) -> StoredConversation:
        values: dict[str, Any] = {
            "conversation_id": conversation_id[:400],
            "conversation_type": (conversation_type or PERSONAL)[:20],
            "aad_object_id": aad_object_id[:100] if aad_object_id else None,
            "tenant_id": tenant_id[:100] if tenant_id else None,
            "service_url": service_url[:500],
            "reference": reference,
            "updated_at": at,
        }
        changed = {k: v for k, v in values.items() if k != "conversation_id" and v is not None}
        insert = partial(upsert, self.engine.dialect.name)
        statement = insert(teams_conversations).values(**values)
        statement = statement.on_conflict_do_update(index_elements=["conversation_id"], set_=changed)
        with self.engine.begin() as conn:
            conn.execute(statement)
            row = conn.execute(select(teams_conversations).where(c.conversation_id == values["conversation_id"])).one()
        return _conversation(row)

    def get(self, conversation_id: str) -> StoredConversation | None:
        return self._one(select(teams_conversations).where(c.conversation_id == conversation_id[:400]))

    def by_key(self, key: int) -> StoredConversation | None:
        return self._one(select(teams_conversations).where(c.id == key))

    def personal(self, aad_object_id: str) -> StoredConversation | None:
        return self._one(
            select(teams_conversations)
            .where(c.aad_object_id == aad_object_id, c.conversation_type == PERSONAL)
            .order_by(c.updated_at.desc(), c.id.desc())
            .limit(1)
        )

    def latest(self, conversation_type: str) -> StoredConversation | None:
        return self._one(
            select(teams_conversations)
            .where(c.conversation_type == conversation_type)
            .order_by(c.updated_at.desc(), c.id.desc())
            .limit(1)
        )

    def _one(self, statement: Any) -> StoredConversation | None:
        with self.engine.connect() as conn:
            row = conn.execute(statement).first()
        return _conversation(row) if row is not None else None


class SqlFormDrafts:
    """The earlier steps of Teams forms shown in steps (table `teams_form_drafts`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, email: str, form: str, reference: str) -> FormDraft | None:
        d = teams_form_drafts.c
        with self.engine.connect() as conn:
            row = conn.execute(select(teams_form_drafts).where(
                d.email == email.strip().lower(), d.form == form[:40], d.reference == reference[:40])).first()
        if row is None:
            return None
        return FormDraft(dict(row.step_values or {}), row.done_key, row.outcome)

    def save(self, email: str, form: str, reference: str, values: dict[str, Any], at: datetime) -> None:
        self._put(email, form, reference, {"step_values": values, "done_key": None, "outcome": None, "updated_at": at})

    def finish(self, email: str, form: str, reference: str, key: str | None, outcome: str, at: datetime) -> None:
        """The form went through: its values go, what it answered stays for a retry of the last step."""
        done = {"done_key": key[:200] if key else None, "outcome": outcome, "updated_at": at}
        self._put(email, form, reference, {"step_values": {}, **done})

    def _put(self, email: str, form: str, reference: str, changed: dict[str, Any]) -> None:
        keys = {"email": email.strip().lower()[:254], "form": form[:40], "reference": reference[:40]}
        statement = upsert(self.engine.dialect.name, teams_form_drafts).values(**keys, **changed)
        statement = statement.on_conflict_do_update(index_elements=["email", "form", "reference"], set_=changed)
        with self.engine.begin() as conn:
            conn.execute(statement)
