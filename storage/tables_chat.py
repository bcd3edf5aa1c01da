"""Tables the chat front ends share (migration 0005): who someone is on a chat platform, and which
message we posted where, so a status card can be updated in place instead of posted again.

Kept apart from `storage.tables` like the other areas; `storage.tables` imports this module at its
end so one `metadata` describes the whole database. Slack fills `platform="slack"` rows; Teams adds
its conversation references next to these later.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table, UniqueConstraint

from storage.columns import AwareDateTime, metadata

identities = Table(
    "identities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", String(20), nullable=False),
    Column("external_user_id", String(100), nullable=False),
    Column("email", String(254), nullable=False, index=True),
    Column("display_name", String(200), nullable=False),
    Column("dm_channel", String(100)),
    Column("updated_at", AwareDateTime, nullable=False),
    UniqueConstraint("platform", "external_user_id", name="uq_identities_platform_user"),
)

chat_messages = Table(
    "chat_messages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", String(20), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("reference", String(40), nullable=False),
    Column("recipient", String(254), nullable=False),
    Column("channel_id", String(100), nullable=False),
    Column("message_id", String(100), nullable=False),
    Column("state", String(200), nullable=False),
    Column("updated_at", AwareDateTime, nullable=False),
    UniqueConstraint("platform", "kind", "reference", "recipient", name="uq_chat_messages_card"),
)
