"""The conversation references Teams gave us, as a port: the handlers store one from every activity
they accept, the outbox channel reads them to post proactively (also in another process, or after
a restart). The SQL implementation is `storage.teams_repo.SqlConversationReferences`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

PERSONAL = "personal"
CHANNEL = "channel"


@dataclass(frozen=True)
class StoredConversation:
    """One conversation the bot may post into. *key* is our own short id for it (message records
    refer to it; Teams' conversation ids can be longer than those columns)."""

    key: int
    conversation_id: str
    conversation_type: str
    aad_object_id: str | None
    tenant_id: str | None
    service_url: str
    reference: dict[str, Any]  # a ConversationReference in the Bot Framework's JSON field names


class ConversationReferences(Protocol):
    def save(
        self,
        conversation_id: str,
        conversation_type: str,
        aad_object_id: str | None,
        tenant_id: str | None,
        service_url: str,
        reference: dict[str, Any],
        at: datetime,
    ) -> StoredConversation: ...
    def get(self, conversation_id: str) -> StoredConversation | None: ...
    def by_key(self, key: int) -> StoredConversation | None: ...
    def personal(self, aad_object_id: str) -> StoredConversation | None: ...
    def latest(self, conversation_type: str) -> StoredConversation | None: ...


@dataclass(frozen=True)
class FormDraft:
    """What one person typed into the earlier steps of a form for one reference; once the last step went
    through, only the request key of that step and what it answered (for a retry), no values."""

    values: dict[str, Any]
    done_key: str | None = None
    outcome: str | None = None


class FormDrafts(Protocol):
    """The earlier steps of forms Teams shows in steps (`storage.teams_repo.SqlFormDrafts`): platform state,
    never on record; each call its own short transaction, saving an upsert (a retried step saves the same)."""

    def get(self, email: str, form: str, reference: str) -> FormDraft | None: ...
    def save(self, email: str, form: str, reference: str, values: dict[str, Any], at: datetime) -> None: ...
    def finish(self, email: str, form: str, reference: str, key: str | None, outcome: str, at: datetime) -> None: ...
