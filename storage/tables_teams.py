"""The Teams front end's own tables: the conversation references the bot has seen (migration 0007), and
the earlier steps of a form shown in steps (0012).

Teams only lets a bot post into a conversation it knows the reference of (service URL, tenant,
conversation id, the bot's and the user's ids), and it learns that reference from an activity:
the app being installed, a message, a card action. Kept here, not in memory, so notifications,
the kernteam channel's cards and the programmadirecteur's spend requests still reach people after
a restart, from the worker process too. Who someone is stays in the shared `identities` table
(platform "teams", keyed by the Entra object id); this row links their personal chat to them.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Integer, String, Table, Text, UniqueConstraint

from storage.columns import AwareDateTime, metadata

teams_conversations = Table(
    "teams_conversations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("conversation_id", String(400), nullable=False),
    Column("conversation_type", String(20), nullable=False),
    Column("aad_object_id", String(100), index=True),
    Column("tenant_id", String(100)),
    Column("service_url", String(500), nullable=False),
    Column("reference", JSON, nullable=False),
    Column("updated_at", AwareDateTime, nullable=False),
    UniqueConstraint("conversation_id", name="uq_teams_conversations_conversation_id"),
)

# The earlier steps of a form Teams shows in steps (migration 0012): what one person typed into them for one
# reference, until the last step is submitted. Nothing here is on record; `done_key`/`outcome` answer a
# retried last step after the values are gone.
teams_form_drafts = Table(
    "teams_form_drafts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(254), nullable=False),
    Column("form", String(40), nullable=False),
    Column("reference", String(40), nullable=False),
    Column("step_values", JSON, nullable=False),
    Column("done_key", String(200)),
    Column("outcome", Text),
    Column("updated_at", AwareDateTime, nullable=False),
    UniqueConstraint("email", "form", "reference", name="uq_teams_form_drafts_email"),
)
