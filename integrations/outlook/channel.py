"""The Outlook channel: outbox rows delivered from the shared programme mailbox through Graph.

- A mail becomes one `sendMail` (JSON) with the row's stable Message-ID and an X-Vaart-Key header.
- A meeting invitation becomes one calendar event in the programme mailbox with every attendee on
  it, people inside and outside the Exchange organisation alike: Exchange sends the invitations,
  updates and cancellations itself (to outside guests as iCalendar mail from the mailbox, which
  is the ORGANIZER), and every guest's reply lands on that one event, so the organiser sees one
  attendee list with everyone's response. (Graph does not let a client choose an event's
  iCalUId, so a separate iMIP mail with our UID would be a second meeting in the guests'
  agendas, with replies the event never sees.) The event is found again by the stored link
  (Graph event id and iCalUId per meeting UID, `graph_events`) or, when a crash lost the link, by
  an extended property holding our UID; a create carries a `transactionId`, so a retried create
  makes no second event. A newer SEQUENCE patches the event, a CANCEL cancels it, and the same
  version arriving again (the row of the next attendee, or a retry) changes nothing.
- What goes on the event goes to every attendee, so it is the meeting's own text (the file's
  SUMMARY and DESCRIPTION, in the file's LANGUAGE), never a row's body, which is addressed to one
  person: the event's body and the cancellation's comment name nobody.
- A series (an RRULE; Graph's recurrence model is not a copy of RRULE), and a cancellation of a
  meeting that has no event here, go as iMIP mails: the MIME message of `integrations.mime`, sent
  with Graph's MIME `sendMail`, with the mailbox as ORGANIZER.

Graph errors are classified by `integrations.outlook.graph`; nothing here swallows one.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from bot.services.ports.calendar_events import EventLink, EventLinks
from bot.services.ports.outbox import DeliveryError, OutboxItem
from bot.services.ports.unit_of_work import Clock
from integrations.mail_payload import Invite, Limits, check_address, check_size, is_invite, parse_invite
from integrations.mime import html_body, language, message_id, render_message
from integrations.outlook.graph import GraphClient

# A named extended property in our own namespace that carries the meeting's UID on the event.
UID_PROPERTY = "String {5f2a5bd4-3c1e-4c55-9d0e-7a61a0a0d4c1} Name VaartUID"
MAX_COMMENT = 2000


def transaction_id(mailbox: str, uid: str, sequence: int) -> str:
    return "vaart-" + hashlib.sha256(f"{mailbox.lower()}|{uid}|{sequence}".encode()).hexdigest()[:40]


def _when(value: datetime | date) -> dict[str, str]:
    if isinstance(value, datetime):
        return {"dateTime": value.replace(tzinfo=None).isoformat(timespec="seconds"), "timeZone": "UTC"}
    return {"dateTime": f"{value.isoformat()}T00:00:00", "timeZone": "UTC"}


def meeting_text(invite: Invite) -> str:
    """The meeting's own words, the same for every attendee: its DESCRIPTION, else its SUMMARY."""
    return invite.description.strip() or invite.summary.strip()


def event_body(invite: Invite, attendees: list[tuple[str, str]]) -> dict[str, Any]:
    """The Graph event for an invitation (subject, times in UTC, location, attendees)."""
    return {
        "subject": invite.summary,
        "body": {"contentType": "HTML", "content": html_body(meeting_text(invite), language(invite.language))},
        "start": _when(invite.start),
        "end": _when(invite.end),
        "isAllDay": not isinstance(invite.start, datetime),
        "location": {"displayName": invite.location},
        "attendees": [
            {"emailAddress": {"address": address, **({"name": name} if name else {})}, "type": "required"}
            for address, name in attendees
        ],
        "responseRequested": True,
    }


class OutlookChannel:
    name = "graph"

    def __init__(
        self,
        client: GraphClient,
        links: EventLinks,
        clock: Clock,
        *,
        limits: Limits | None = None,
    ) -> None:
        self.client = client
        self.mailbox = client.mailbox
        self.links = links
        self.clock = clock
        self.limits = limits or Limits()

    def __repr__(self) -> str:
        return f"OutlookChannel({self.mailbox})"

    # -- the Channel protocol ---------------------------------------------------------------
    def deliver(self, item: OutboxItem) -> None:
        check_address(item.recipient)
        if not is_invite(item):
            self._send_mail(item)
            return
        invite = parse_invite(item, self.limits)
        if invite.recurring:
            self._send_mime(item)
        elif invite.method == "CANCEL":
            self._cancel(item, invite)
        else:
            self._request(item, invite)

    def check(self) -> tuple[bool, str]:
        try:
            self.client.request("get", self.client.url("/calendar?$select=id", calendar=True))
        except Exception as exc:  # a health check reports every failure instead of raising it
            return False, f"{self.mailbox}: {exc}"
        return True, f"{self.mailbox} via {self.client.account.protocol.service_url}"

    # -- mail ---------------------------------------------------------------------------------
    def _send_mail(self, item: OutboxItem) -> None:
        html = item.payload.get("html")
        message = {
            "message": {
                "subject": item.subject,
                "body": {"contentType": "HTML", "content": str(html)} if html else
                {"contentType": "Text", "content": item.body},
                "toRecipients": [{"emailAddress": {"address": item.recipient}}],
                "internetMessageId": message_id(item.key),
                "internetMessageHeaders": [{"name": "X-Vaart-Key", "value": item.key}],
            },
            "saveToSentItems": True,
        }
        check_size(len(item.body.encode()) + len(str(html or "").encode()), self.limits)
        self.client.request("post", self.client.url("/sendMail"), json_body=message)

    def _send_mime(self, item: OutboxItem) -> None:
        encoded = base64.b64encode(render_message(item, self.mailbox, self.limits)).decode("ascii")
        check_size(len(encoded), self.limits)
        self.client.request("post", self.client.url("/sendMail"), text_body=encoded)

    # -- calendar events ----------------------------------------------------------------------
    def _attendees(self, item: OutboxItem, invite: Invite) -> list[tuple[str, str]]:
        """Everyone in the file (inside and outside Exchange), and the row's recipient if missing."""
        people = list(invite.attendees)
        if item.recipient.lower() not in {a.lower() for a, _ in people}:
            people.append((item.recipient, ""))
        return people

    def _link(self, invite: Invite) -> EventLink | None:
        """The stored link, or the event found by its UID property when the link was lost."""
        link = self.links.get(self.mailbox, invite.uid)
        if link is not None:
            return link
        query = urlencode({
            "$filter": f"singleValueExtendedProperties/Any(ep: ep/id eq '{UID_PROPERTY}' and ep/value eq "
            f"'{invite.uid.replace(chr(39), chr(39) * 2)}')",
            "$select": "id,iCalUId",
        })
        reply = self.client.request("get", self.client.url(f"/events?{query}", calendar=True))
        found = reply.body.get("value") or []
        if not found:
            return None
        event = found[0]
        link = EventLink(self.mailbox, invite.uid, str(event["id"]), str(event.get("iCalUId", "")), -1, False)
        self.links.save(link, self.clock.now())
        return link

    def _request(self, item: OutboxItem, invite: Invite) -> None:
        link = self._link(invite)
        if link is not None and not link.cancelled and link.sequence >= invite.sequence:
            return  # this version is in Exchange already: Exchange has told every attendee
        body = event_body(invite, self._attendees(item, invite))
        if link is not None and not link.cancelled:
            url = self.client.url(f"/events/{link.event_id}", calendar=True)
            reply = self.client.request("patch", url, json_body=body, missing_ok=True)
            if reply.status != 404:  # 404: someone deleted the event by hand; make it again
                self.links.save(replace(link, sequence=invite.sequence), self.clock.now())
                return
        body["transactionId"] = transaction_id(self.mailbox, invite.uid, invite.sequence)
        body["singleValueExtendedProperties"] = [{"id": UID_PROPERTY, "value": invite.uid}]
        reply = self.client.request("post", self.client.url("/events", calendar=True), json_body=body)
        event_id, ical_uid = reply.body.get("id"), reply.body.get("iCalUId")
        if not event_id:
            raise DeliveryError(f"Graph made an event but returned no id: {str(reply.body)[:200]}", retry_after=60)
        self.links.save(
            EventLink(self.mailbox, invite.uid, str(event_id), str(ical_uid or ""), invite.sequence, False),
            self.clock.now(),
        )

    def _cancel(self, item: OutboxItem, invite: Invite) -> None:
        link = self._link(invite)
        if link is None:
            self._send_mime(item)  # no Exchange event to cancel: tell the recipient by iMIP
            return
        if link.cancelled and link.sequence >= invite.sequence:
            return
        url = self.client.url(f"/events/{link.event_id}/cancel", calendar=True)
        # Exchange sends the comment to every attendee: the meeting's text, not this row's letter
        self.client.request("post", url, json_body={"comment": meeting_text(invite)[:MAX_COMMENT]}, missing_ok=True)
        self.links.save(replace(link, sequence=invite.sequence, cancelled=True), self.clock.now())

