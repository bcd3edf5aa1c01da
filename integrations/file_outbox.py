"""The embedded mail channel: every message becomes an .eml file under var/outbox/.

Good for trying vaart without a mail server, and the demo channel of the delivery plugins. Each
file holds exactly the bytes the SMTP channel would hand to a relay (`integrations.mime`: the same
parts, headers, checks and CRLF canonical form), so what the embedded default shows is what real
recipients get. Writing is atomic and keyed by the message's idempotency key, so a retry never
makes a second file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from integrations.errors import DeliveryError
from integrations.mail_payload import Limits
from integrations.mime import render_message
from scheduling.outbox import OutboxItem

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(key: str) -> str:
    return _UNSAFE.sub("_", key)[:180]


class FileOutbox:
    name = "file"

    def __init__(self, directory: Path, sender: str, limits: Limits | None = None) -> None:
        self.directory = directory
        self.sender = sender
        self.limits = limits or Limits()

    def deliver(self, item: OutboxItem) -> None:
        target = self.directory / f"{safe_name(item.key)}.eml"
        if target.exists():
            return
        data = render_message(item, self.sender, self.limits)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            temporary = target.with_suffix(".tmp")
            temporary.write_bytes(data)
            os.replace(temporary, target)
        except OSError as exc:
            raise DeliveryError(f"cannot write {target.name}: {exc.strerror}") from exc

    def check(self) -> tuple[bool, str]:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            probe = self.directory / ".health"
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            return False, f"{self.directory}: {exc.strerror}"
        return True, str(self.directory)
