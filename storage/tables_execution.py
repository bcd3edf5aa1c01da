"""Tables for the programme cycle (migration 0011_cycle_b): progress reports per reporting moment and
the worker's rounds that ask for them, subsidie-beschikkingen, the communicatiekalender, and the
daily digests of status notices.

A round row per moment records when the ask, the one reminder and the kernteam's notice went out:
the worker locks it, so two workers or a worker back from downtime send each exactly once.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Index, Integer, String, Table, Text, UniqueConstraint

from storage.columns import AwareDateTime, Money, metadata

moment_reports = Table(
    "moment_reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(80), nullable=False),
    Column("moment", String(7), nullable=False),
    Column("text", Text, nullable=False),
    Column("milestones", Text, nullable=False),
    Column("spent", Money, nullable=False),
    Column("risks", Text, nullable=False),
    Column("reporter", String(254), nullable=False),
    Column("reported_at", AwareDateTime, nullable=False),
    UniqueConstraint("moment", "reference", name="uq_moment_reports_moment_reference"),
    Index("ix_moment_reports_reported_at", "reported_at"),
)

reporting_rounds = Table(
    "reporting_rounds",
    metadata,
    Column("moment", String(7), primary_key=True),
    Column("asked_at", AwareDateTime),
    Column("reminded_at", AwareDateTime),
    Column("told_at", AwareDateTime),
)

beschikkingen = Table(
    "beschikkingen",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(80), nullable=False, unique=True),
    Column("issued_on", Date, nullable=False),
    Column("amount", Money, nullable=False),
    Column("kenmerk", String(120), nullable=False),
    Column("recorded_by", String(254), nullable=False),
    Column("recorded_at", AwareDateTime, nullable=False),
)

communication_items = Table(
    "communication_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", Integer, nullable=False, unique=True),
    Column("send_at", AwareDateTime, nullable=False),
    Column("channel", String(20), nullable=False),
    Column("audience", String(300), nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("planned_by", String(254), nullable=False),
    Column("planned_at", AwareDateTime, nullable=False),
    Column("sent_at", AwareDateTime),
    Column("recipients", Integer),
    Index("ix_communication_items_status_send_at", "status", "send_at"),  # what is due, in order
)

# Status notices per person per day (§7 "overload aan berichten"): how many went out at once today, and
# the ones above the programme's number, kept for that day's one digest.
notice_counts = Table(
    "notice_counts",
    metadata,
    Column("recipient", String(254), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("count", Integer, nullable=False),
)

digest_entries = Table(
    "digest_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(300), nullable=False, unique=True),
    Column("recipient", String(254), nullable=False),
    Column("day", Date, nullable=False),
    Column("subject", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", AwareDateTime, nullable=False),
    Column("sent_at", AwareDateTime),
    Index("ix_digest_entries_sent_day", "sent_at", "day"),
)
