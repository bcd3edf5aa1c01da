"""Acting on a request Slack sends again once, without the ack waiting for the database.

Slack retries an event it thinks was lost (same event_id) and a signed slash command may be replayed
inside its five minutes (same trigger_id). Before the ack only an O(1) check in memory runs: a key
this process has seen is acked and not acted on. The durable claim (`processed_requests`, shared by
every replica and surviving a restart) is made after the ack, by the request's first background job,
before it acts; a request another replica or an earlier run already claimed is dropped there.

The request's claim reaches the jobs its listener spawns through a context variable: the front end's
middleware sets it for every request (None for one without a key), and Bolt runs the listener after
the middleware in the same task. The backlog runs its jobs in a context of their own, so a job never
takes a request's claim for work of its own.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from typing import Any

log = logging.getLogger("vaart.slack")
Job = Coroutine[Any, Any, None]
RECENT = 10_000  # keys kept in memory: far more than Slack retries inside its retry window under any load


class Recent:
    """The request keys this process saw last, at most *size* of them."""

    def __init__(self, size: int = RECENT) -> None:
        self.size = size
        self._keys: OrderedDict[str, None] = OrderedDict()

    def first(self, key: str) -> bool:
        """True the first time *key* comes by (and it is remembered), False when it is here already."""
        if key in self._keys:
            return False
        self._keys[key] = None
        if len(self._keys) > self.size:
            self._keys.popitem(last=False)
        return True

    def forget(self, key: str) -> None:
        """A claim that failed: a retry of the request may act after all."""
        self._keys.pop(key, None)


class Claim:
    """The durable claim of one request's key, made once, by whichever of its jobs runs first."""

    def __init__(self, key: str, claim: Callable[[str], Coroutine[Any, Any, bool]]) -> None:
        self.key = key
        self._claim = claim
        self._first: asyncio.Task[bool] | None = None

    async def first(self) -> bool:
        if self._first is None:
            self._first = asyncio.get_running_loop().create_task(self._claim(self.key))
        return await self._first

    async def then(self, work: Job) -> None:
        """*work*, only when this request had not been claimed before (a retry's work is closed unrun)."""
        try:
            first = await self.first()
        except BaseException:
            work.close()
            raise
        if first:
            await work
        else:
            work.close()
            log.info("slack: %s was claimed before (another process, or before a restart): not acted on", self.key)


CLAIM: ContextVar[Claim | None] = ContextVar("vaart_slack_claim", default=None)


def claimed(work: Job) -> Job:
    """*work* behind the claim of the request being handled, if it has one (events, slash commands)."""
    claim = CLAIM.get()
    return work if claim is None else claim.then(work)
