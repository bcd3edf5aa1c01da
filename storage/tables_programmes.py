"""The programme each person chose for their direct messages, per platform (migration
0014_programme_choices), kept in the default programme's store of an installation.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table, UniqueConstraint

from storage.columns import AwareDateTime, metadata

programme_choices = Table(
    "programme_choices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", String(20), nullable=False),
    Column("person", String(254), nullable=False),
    Column("code", String(20), nullable=False),
    Column("updated_at", AwareDateTime, nullable=False),
    UniqueConstraint("platform", "person", name="uq_programme_choices_platform_person"),
)
