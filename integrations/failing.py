"""A demo channel that fails on purpose, to try the retry and dead-letter path by hand.

`VAART_MAIL=failing`: each message fails its first `VAART_FAILING_TIMES` attempts (2 by default)
with a temporary error, then lands in the file outbox like with the default channel. A recipient
on the domain `onbestelbaar.invalid` fails permanently, so the dead-letter path, the staf's
notice and `vaart outbox retry` can be tried too. The attempt count comes from the outbox row,
so the behaviour is the same across restarts.
"""

from __future__ import annotations

from bot.services.ports.outbox import DeliveryError, OutboxItem
from integrations.file_outbox import FileOutbox

DEAD_DOMAIN = "onbestelbaar.invalid"


class FailingChannel:
    name = "failing"

    def __init__(self, fallback: FileOutbox, failures: int = 2, retry_after: float = 5.0) -> None:
        self.fallback = fallback
        self.failures = failures
        self.retry_after = retry_after
        self.mailbox = fallback.sender

    def deliver(self, item: OutboxItem) -> None:
        if item.recipient.lower().endswith("@" + DEAD_DOMAIN):
            raise DeliveryError(f"demo: 550 mailbox {item.recipient} does not exist", permanent=True)
        if item.attempts < self.failures:
            raise DeliveryError(
                f"demo: 451 try again later (attempt {item.attempts + 1} of {self.failures} that fail)",
                retry_after=self.retry_after,
            )
        self.fallback.deliver(item)

    def check(self) -> tuple[bool, str]:
        ok, detail = self.fallback.check()
        return ok, f"fails the first {self.failures} attempts, then {detail}"
