"""The project's own errors for the outside world. Adapters wrap library errors in these with
`raise ... from`, so callers never depend on a library's exception types.
"""

from __future__ import annotations


class DeliveryError(Exception):
    """A message could not be delivered. `permanent` means retrying will not help; `deferred` means
    nothing was sent (the channel holds the whole mailbox back until `retry_after` seconds have
    passed), so the outbox gives the message back without counting an attempt."""

    def __init__(self, reason: str, *, permanent: bool = False, retry_after: float | None = None,
                 deferred: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after
        self.deferred = deferred and not permanent
