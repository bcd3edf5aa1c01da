"""The embedded mail channel: every message becomes an .eml file under var/outbox/.

Good for trying vaart without a mail server, and the demo channel of the delivery plugins.
Writing is atomic and keyed by the message's idempotency key, so a retry never makes a second file.
Messages are personal data: files 0600 and the directory 0700 whatever the umask (`bot.private_files`).
"""

from __future__ import annotations

import hashlib
import os
import re
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from bot.domain.timezone import to_local
from bot.private_files import FILE_MODE, private_dir, write_private
from bot.services.ports.outbox import DeliveryError, OutboxItem

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(key: str) -> str:
    return _UNSAFE.sub("_", key)[:180]


def build_email(item: OutboxItem, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = item.recipient
    message["Subject"] = item.subject
    message["Date"] = format_datetime(to_local(item.created_at))
    message["Message-ID"] = f"<{hashlib.sha256(item.key.encode()).hexdigest()[:32]}@vaart.local>"
    message["X-Vaart-Key"] = item.key
    message.set_content(item.body)
    calendar = item.payload.get("ics")
    if isinstance(calendar, str):  # an iMIP invitation: the MIME method equals the METHOD in the file
        method = str(item.payload.get("method", "REQUEST")).upper()
        message.add_alternative(calendar, subtype="calendar", params={"method": method})
    return message


class FileOutbox:
    name = "file"

    def __init__(self, directory: Path, sender: str, mode: int = FILE_MODE) -> None:
        self.directory = directory
        self.sender = sender
        self.mode = mode  # messages are personal data: 0600, the directory 0700 (bot.private_files)

    def deliver(self, item: OutboxItem) -> None:
        target = self.directory / f"{safe_name(item.key)}.eml"
        if target.exists():
            return
        try:
            private_dir(self.directory, self.mode)
            temporary = target.with_suffix(".tmp")
            write_private(temporary, bytes(build_email(item, self.sender)), self.mode)
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
