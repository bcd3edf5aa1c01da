"""The audit trail's hash chain: every entry seals the one before it.

An entry's hash covers its sequence number, its content and the previous entry's hash, so an
edited, deleted or reordered row breaks the chain at that point. `verify_chain` finds where.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditRecord:
    """One change (or refusal) on record: who did what to which object, with what result, from where."""

    at: str  # ISO 8601, UTC
    actor: str
    action: str
    object: str
    result: str
    origin: str
    details: Mapping[str, Any] = field(default_factory=dict)

    def canonical_details(self) -> str:
        return canonical_json(self.details)


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def chain_hash(
    seq: int, prev_hash: str, at: str, actor: str, action: str, obj: str, result: str, origin: str, details: str
) -> str:
    payload = canonical_json([seq, prev_hash, at, actor, action, obj, result, origin, details])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str  # "gap", "prev_hash", "hash", "head"


def verify_chain(rows: Iterable[Mapping[str, Any]], head_seq: int, head_hash: str) -> list[ChainProblem]:
    """Check rows (ordered by seq) against each other and against the head. Empty list: intact."""
    problems: list[ChainProblem] = []
    expected_seq = 1
    prev = GENESIS
    for row in rows:
        seq = int(row["seq"])
        if seq != expected_seq:
            problems.append(ChainProblem(seq, "gap"))
        if row["prev_hash"] != prev:
            problems.append(ChainProblem(seq, "prev_hash"))
        recomputed = chain_hash(
            seq,
            row["prev_hash"],
            row["at"],
            row["actor"],
            row["action"],
            row["object"],
            row["result"],
            row["origin"],
            row["details"],
        )
        if recomputed != row["hash"]:
            problems.append(ChainProblem(seq, "hash"))
        prev = row["hash"]
        expected_seq = seq + 1
    if expected_seq - 1 != head_seq or prev != head_hash:
        problems.append(ChainProblem(head_seq, "head"))
    return problems


def bio(who: str, what: str, obj: str, result: str, origin: str) -> dict[str, str]:
    """The `extra` of a log line that records an event in the terms of the BIO (12.4.1): the same
    five facts as an audit entry (`bot.bootstrap.logging_setup` writes them)."""
    return {"who": who, "what": what, "object": obj, "result": result, "origin": origin}
