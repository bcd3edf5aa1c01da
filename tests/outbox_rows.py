"""Outbox rows for delivery tests, written the way the services write them (one row per recipient;
an invitation carries the iTIP file in the payload as "ics" and "method")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, text

from bot.domain.timezone import AMSTERDAM
from bot.services.ports.outbound import OutboundMessage
from integrations.ics.invites import InviteTracker, Participant
from storage import tables

ORGANIZER = Participant("programmabureau@regiodeal-zod.nl", "Regio Deal Zuid- en Oost-Drenthe")
ATTENDEES = (
    Participant("b.bestuur@emmen.nl", "Bert Bestuur"),
    Participant("c.college@coevorden.nl", "Carla College"),
    Participant("s.staf@regiodeal-zod.nl", "Sanne Staf"),
)
MEETING_START = datetime(2026, 12, 10, 14, 0, tzinfo=AMSTERDAM)


def enqueue(engine: Engine, message: OutboundMessage, at: datetime) -> None:
    with engine.begin() as conn:
        conn.execute(
            tables.outbox.insert().values(
                key=message.key,
                channel=message.channel,
                recipient=message.recipient,
                subject=message.subject,
                body=message.body,
                payload=message.payload,
                created_at=at,
                status="pending",
                attempts=0,
                next_attempt_at=at,
            )
        )


def mail(key: str, recipient: str, subject: str = "Bericht", body: str = "Goedemorgen,\n\nDit is een bericht.",
         **payload: Any) -> OutboundMessage:
    return OutboundMessage(key=key, recipient=recipient, subject=subject, body=body, payload=dict(payload))


def tracker(uid: str = "stuurgroep-2026-12-10@regiodeal-zod.nl",
            attendees: Sequence[Participant] = ATTENDEES) -> InviteTracker:
    return InviteTracker(
        uid,
        ORGANIZER,
        attendees,
        summary="Stuurgroep Regio Deal",
        start=MEETING_START,
        end=MEETING_START + timedelta(hours=2),
        description="Agenda: besluitvorming over de Zorgbus.",
        location="Gemeentehuis Emmen",
    )


def invite_rows(invite: InviteTracker, ics: bytes, method: str, recipients: Sequence[str]) -> list[OutboundMessage]:
    """One row per recipient, as the meetings service enqueues them."""
    return [
        OutboundMessage(
            key=f"invite:{invite.uid}:{invite.sequence}:{method}:{email}",
            recipient=email,
            subject=f"Uitnodiging: {invite.summary}",
            body=f"Beste {email},\n\nU bent uitgenodigd voor {invite.summary}.",
            payload={"ics": ics.decode(), "method": method, "uid": invite.uid, "sequence": invite.sequence},
        )
        for email in recipients
    ]


def statuses(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT status, COUNT(*) FROM outbox GROUP BY status")).all()
    return {row[0]: int(row[1]) for row in rows}


def row(engine: Engine, key: str) -> dict[str, Any]:
    with engine.connect() as conn:
        found = conn.execute(tables.outbox.select().where(tables.outbox.c.key == key)).mappings().one()
    return dict(found)
