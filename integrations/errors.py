"""The project's own errors for the outside world. Adapters wrap library errors in these with
`raise ... from`, so callers never depend on a library's exception types.
"""

from __future__ import annotations


class DeliveryError(Exception):
    """A message could not be delivered. `permanent` means retrying will not help."""

    def __init__(self, reason: str, *, permanent: bool = False, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after
