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


class ChainWalk:
    """Checks rows one at a time, in seq order, keeping only the previous hash: constant memory
    however long the log. Starts at the genesis, or after a row already found intact (a checkpoint:
    its seq and hash)."""

    def __init__(self, after_seq: int = 0, after_hash: str = GENESIS) -> None:
        self.expected_seq = after_seq + 1
        self.prev = after_hash
        self.problems: list[ChainProblem] = []
        self.count = 0

    def row(
        self, seq: int, prev_hash: str, at: str, actor: str, action: str, obj: str, result: str, origin: str,
        details: str, digest: str,
    ) -> None:
        if seq != self.expected_seq:
            self.problems.append(ChainProblem(seq, "gap"))
        if prev_hash != self.prev:
            self.problems.append(ChainProblem(seq, "prev_hash"))
        if chain_hash(seq, prev_hash, at, actor, action, obj, result, origin, details) != digest:
            self.problems.append(ChainProblem(seq, "hash"))
        self.prev = digest
        self.expected_seq = seq + 1
        self.count += 1

    def finish(self, head_seq: int, head_hash: str) -> list[ChainProblem]:
        """The problems found, with the head's own check: it must name the last row."""
        if self.expected_seq - 1 != head_seq or self.prev != head_hash:
            self.problems.append(ChainProblem(head_seq, "head"))
        return self.problems


def verify_chain(rows: Iterable[Mapping[str, Any]], head_seq: int, head_hash: str) -> list[ChainProblem]:
    """Check rows (ordered by seq) against each other and against the head. Empty list: intact."""
    walk = ChainWalk()
    for row in rows:
        walk.row(int(row["seq"]), row["prev_hash"], row["at"], row["actor"], row["action"], row["object"],
                 row["result"], row["origin"], row["details"], row["hash"])
    return walk.finish(head_seq, head_hash)


def bio(who: str, what: str, obj: str, result: str, origin: str) -> dict[str, str]:
    """The `extra` of a log line that records an event in the terms of the BIO (12.4.1): the same
    five facts as an audit entry (`bot.bootstrap.logging_setup` writes them)."""
    return {"who": who, "what": what, "object": obj, "result": result, "origin": origin}
