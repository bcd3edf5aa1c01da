"""Tables that keep the read paths short at any size (migration 0009_reads).

`idea_people`: who is involved in which idea, one row per person, relation and idea, so "my
ideas" is an index range instead of a search through every idea's JSON. `tallies`: counts kept
up to date in the transaction that changes what they count (ideas per status, ideas per person,
decisions), so a list can say "and 12,345 more" without counting. Both are maintained by
`storage.involvement` and rebuilt from the ideas by `storage.involvement.rebuild`.
`audit_checkpoints`: how far `vaart audit verify` found the chain intact, so the daily check
starts there.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, String, Table

from storage.columns import AwareDateTime, metadata

SUBMITTER = "submitter"
KERNTEAM = "kernteam"
DESIGNER = "designer"
RELATIONS = (SUBMITTER, KERNTEAM, DESIGNER)

idea_people = Table(
    "idea_people",
    metadata,
    Column("email", String(254), primary_key=True),
    Column("relation", String(20), primary_key=True),
    Column("idea_id", Integer, ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_idea_people_email_idea", "email", "idea_id"),  # my ideas, newest first, distinct
    Index("ix_idea_people_idea_id", "idea_id"),
)

tallies = Table(
    "tallies",
    metadata,
    Column("name", String(300), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

audit_checkpoints = Table(
    "audit_checkpoints",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("verified_at", AwareDateTime, nullable=False),
    Column("full", Integer, nullable=False),  # 1: a walk from the first row; 0: from the checkpoint before
)
