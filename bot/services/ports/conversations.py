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
