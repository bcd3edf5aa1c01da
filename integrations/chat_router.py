"""Where a notification goes: to the person's chat (Slack, Teams) when they have a chat identity
there, by mail otherwise.

The core writes every notification to the outbox as channel "mail" (it does not know about chat
platforms, and a person may first use Slack or Teams after the message was written). This channel takes the
place of "mail" when a chat platform is configured and decides per message, at delivery time. Each
platform may also act on the message as a whole first (`observe`: the kernteam channel's card for a
new idea, refreshing cards whose state moved on); those actions are idempotent, so a retried
delivery repeats nothing. Calendar invitations always go by mail.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.services.ports.outbox import Channel, OutboxItem

# What only a mail client can take: a calendar invitation (iMIP) goes by mail, whoever is in chat.
MAIL_ONLY = ("ics", "mail_only")  # "mail_only": a notice that must reach the mailbox too (escalation, §3.2)


class ChatPlatform(Protocol):
    name: str  # its own outbox channel name ("slack", "teams")
    platform: str

    def reaches(self, email: str) -> bool: ...
    def observe(self, item: OutboxItem) -> None: ...
    def deliver(self, item: OutboxItem) -> None: ...
    def check(self) -> tuple[bool, str]: ...


class ChatFirst:
    def __init__(self, mail: Channel, platforms: Sequence[ChatPlatform]) -> None:
        self.mail = mail
        self.platforms = list(platforms)
        self.name = mail.name

    def deliver(self, item: OutboxItem) -> None:
        if any(key in item.payload for key in MAIL_ONLY):
            self.mail.deliver(item)
            return
        for platform in self.platforms:
            platform.observe(item)
        for platform in self.platforms:
            if platform.reaches(item.recipient):
                platform.deliver(item)
                return
        self.mail.deliver(item)

    def check(self) -> tuple[bool, str]:
        results = [self.mail.check(), *(p.check() for p in self.platforms)]
        return all(ok for ok, _ in results), "; ".join(text for _, text in results)


def with_platform(channels: dict[str, Channel], platform: ChatPlatform) -> dict[str, Channel]:
    """*channels* plus *platform* under its own name, and "mail" asking it too, after the platforms
    already there (a person on two platforms hears on the first)."""
    routed: dict[str, Channel] = dict(channels)
    routed[platform.name] = platform
    mail = routed.get("mail")
    if isinstance(mail, ChatFirst):
        routed["mail"] = ChatFirst(mail.mail, [*mail.platforms, platform])
    elif mail is not None:
        routed["mail"] = ChatFirst(mail, [platform])
    return routed
