"""The embedded mail channel: every message becomes an .eml file under var/outbox/.

Good for trying vaart without a mail server, and the demo channel of the delivery plugins. Each
file holds exactly the bytes the SMTP channel would hand to a relay (`integrations.mime`: the same
parts, headers, checks and CRLF canonical form), so what the embedded default shows is what real
recipients get. Writing is atomic and keyed by the message's idempotency key, so a retry never
makes a second file. Messages are personal data: files 0600 and the directory 0700 whatever the
umask (`bot.private_files`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from bot.private_files import FILE_MODE, private_dir, write_private
from bot.services.ports.outbox import DeliveryError, OutboxItem
from integrations.mail_payload import Limits
from integrations.mime import render_message

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(key: str) -> str:
    return _UNSAFE.sub("_", key)[:180]


class FileOutbox:
    name = "file"

    def __init__(self, directory: Path, sender: str, limits: Limits | None = None, *, mode: int = FILE_MODE) -> None:
        self.directory = directory
        self.sender = sender
        self.limits = limits or Limits()
        self.mode = mode  # messages are personal data: 0600, the directory 0700 (bot.private_files)

    def deliver(self, item: OutboxItem) -> None:
        target = self.directory / f"{safe_name(item.key)}.eml"
        if target.exists():
            return
        data = render_message(item, self.sender, self.limits)
        try:
            private_dir(self.directory, self.mode)
            temporary = target.with_suffix(".tmp")
            write_private(temporary, data, self.mode)
            os.replace(temporary, target)
        except OSError as exc:
            raise DeliveryError(f"cannot write {target.name}: {exc.strerror}") from exc

    def check(self) -> tuple[bool, str]:
        try:
            private_dir(self.directory, self.mode)
            probe = self.directory / ".health"
            write_private(probe, b"ok", self.mode)
            probe.unlink()
        except OSError as exc:
            return False, f"{self.directory}: {exc.strerror}"
        return True, str(self.directory)
