"""The port the chat front ends (Slack now, Teams next) share: who a platform user is, which of our
messages sits where (to update it in place), and which platform deliveries were already handled.

A front end knows people by their platform id; the core knows them by e-mail. This directory is the
bridge. It is deliberately outside the unit of work of the core: it records facts about platforms,
never governance state, and a lost row only means one more lookup or one more post.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class ChatIdentity:
    """A platform user with the e-mail address the platform vouches for."""

    platform: str
    external_user_id: str
    email: str
    display_name: str
    dm_channel: str | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class PostedMessage:
    """A message of ours on a platform: *kind* says what it shows (a status card, a team card, a
    spend request), *reference* of what, *recipient* for whom (an e-mail or a channel), *state* what
    it showed when last written (so an unchanged card is not written again)."""

    platform: str
    kind: str
    reference: str
    recipient: str
    channel_id: str
    message_id: str
    state: str = ""


class ChatDirectory(Protocol):
    def identity(self, platform: str, external_user_id: str) -> ChatIdentity | None: ...
    def identity_for_email(self, platform: str, email: str) -> ChatIdentity | None: ...
    def save_identity(self, identity: ChatIdentity, at: datetime) -> None: ...
    def set_dm_channel(self, platform: str, external_user_id: str, channel: str, at: datetime) -> None: ...
    def posted(self, platform: str, kind: str, reference: str, recipient: str) -> PostedMessage | None: ...
    def posted_all(self, platform: str, kind: str, reference: str) -> list[PostedMessage]: ...
    def save_posted(self, message: PostedMessage, at: datetime) -> None: ...
    def claim(self, key: str, at: datetime) -> bool:
        """True the first time *key* is claimed, False ever after (a retried delivery)."""
        ...
