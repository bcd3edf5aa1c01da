"""Rate limits for outgoing mail: at most N messages per sliding minute per mailbox.

Mail providers throttle (Exchange Online allows 30 messages a minute per mailbox) and a burst
that trips the limit turns into 429s and bounces. The window slides on the injected clock, so
tests move time instead of sleeping. One worker process delivers the outbox (see
architecture.md), so the window lives in memory.
"""

from __future__ import annotations

import threading
from collections import deque
from datetime import datetime, timedelta

WINDOW = timedelta(minutes=1)


class SlidingWindowLimiter:
    """`take(key, now)` returns None when a message may go now (and counts it), or how long to wait."""

    def __init__(self, per_minute: float) -> None:
        if per_minute <= 0:
            raise ValueError("a rate limit needs a positive number per minute")
        self.limit = max(1, int(per_minute))
        self._sent: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def take(self, key: str, now: datetime) -> timedelta | None:
        with self._lock:
            sent = self._sent.setdefault(key, deque())
            while sent and sent[0] <= now - WINDOW:
                sent.popleft()
            if len(sent) < self.limit:
                sent.append(now)
                return None
            return sent[0] + WINDOW - now
