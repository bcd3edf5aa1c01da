"""Tables of the web front end (migration 0008_web): one-time sign-in links, sessions, and the
Entra sign-ins under way.

Only hashes of the secrets are stored: the link token and the session id reach the browser, the
store holds their SHA-256, so a copy of the database opens no session. A link is single use
(`used_at`) and short-lived (`expires_at`); a session ends at `expires_at` or at sign-out
(`ended_at`), checked on the server on every request. The same migration's indexes on the core tables
(`ix_ideas_status_updated`, `ix_audit_log_object`, `ix_ideas_organisation`: the pipeline board and an
idea's audit trail) are declared with those tables, in `storage.tables`.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, String, Table

from storage.columns import AwareDateTime, metadata

web_login_tokens = Table(
    "web_login_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("email", String(254), nullable=False, index=True),
    Column("created_at", AwareDateTime, nullable=False),
    Column("expires_at", AwareDateTime, nullable=False, index=True),
    Column("used_at", AwareDateTime),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("email", String(254), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("via", String(20), nullable=False),
    Column("created_at", AwareDateTime, nullable=False),
    Column("expires_at", AwareDateTime, nullable=False, index=True),
    Column("ended_at", AwareDateTime),
)

web_auth_flows = Table(
    "web_auth_flows",
    metadata,
    Column("state_hash", String(64), primary_key=True),
    Column("flow", JSON, nullable=False),
    Column("created_at", AwareDateTime, nullable=False),
    Column("expires_at", AwareDateTime, nullable=False, index=True),
)
