"""Channel "mail" with a chat platform in front: chat for people on it, mail for the rest and for invites."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.services.ports.outbox import DeliveryError, OutboxItem
from integrations.chat_router import ChatFirst


class Recording:
    name = "mail"

    def __init__(self) -> None:
        self.got: list[str] = []

    def deliver(self, item: OutboxItem) -> None:
        self.got.append(item.recipient)

    def check(self) -> tuple[bool, str]:
        return True, "mail ok"


class Platform:
    platform = "chat"

    def __init__(self, members: set[str], fail_observe: bool = False) -> None:
        self.members = members
        self.fail_observe = fail_observe
        self.observed: list[str] = []
        self.got: list[str] = []

    def reaches(self, email: str) -> bool:
        return email in self.members

    def observe(self, item: OutboxItem) -> None:
        if self.fail_observe:
            raise DeliveryError("busy", retry_after=5)
        self.observed.append(item.key)

    def deliver(self, item: OutboxItem) -> None:
        self.got.append(item.recipient)

    def check(self) -> tuple[bool, str]:
        return False, "chat down"


def _item(recipient: str, **payload: Any) -> OutboxItem:
    return OutboxItem(1, f"k:{recipient}", "mail", recipient, "s", "b", payload, 0, datetime(2026, 1, 1, tzinfo=UTC))


def test_people_in_chat_get_chat_the_rest_mail_and_invites_always_mail() -> None:
    mail, chat = Recording(), Platform({"anna@x.nl"})
    router = ChatFirst(mail, [chat])
    router.deliver(_item("anna@x.nl", reference="ZOD-2026-0001", status="ingediend"))
    router.deliver(_item("kees@x.nl", reference="ZOD-2026-0001", status="ingediend"))
    router.deliver(_item("anna@x.nl", ics="BEGIN:VCALENDAR", method="REQUEST"))
    assert chat.got == ["anna@x.nl"] and mail.got == ["kees@x.nl", "anna@x.nl"]
    assert chat.observed == ["k:anna@x.nl", "k:kees@x.nl"]
    assert router.name == "mail" and router.check() == (False, "mail ok; chat down")


def test_a_failing_platform_step_fails_the_delivery_so_the_outbox_retries() -> None:
    mail, chat = Recording(), Platform({"anna@x.nl"}, fail_observe=True)
    with pytest.raises(DeliveryError) as failed:
        ChatFirst(mail, [chat]).deliver(_item("kees@x.nl", reference="R"))
    assert failed.value.retry_after == 5 and mail.got == []
