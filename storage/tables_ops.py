"""Tables for operating vaart (migration 0006_operations): pseudonyms for the audit log, and the
worker's heartbeat.

`person_pseudonyms` maps an e-mail address to a random pseudonym. The audit log stores only the
pseudonym (see `storage.pseudonyms`), so erasing a person under the AVG deletes one mapping row and
leaves the append-only, hash-chained log untouched. `worker_leader` is written by the worker that
holds the leader lock, so every web process can tell (in /readyz and /metrics) whether a worker is
alive and who it is. Kept apart from `storage.tables` like the other areas.
"""

from __future__ import annotations

from sqlalchemy import Column, String, Table

from storage.columns import AwareDateTime, metadata

person_pseudonyms = Table(
    "person_pseudonyms",
    metadata,
    Column("pseudonym", String(40), primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("created_at", AwareDateTime, nullable=False),
)

worker_leader = Table(
    "worker_leader",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("holder", String(200), nullable=False),
    Column("since", AwareDateTime, nullable=False),
    Column("beat_at", AwareDateTime, nullable=False),
)
