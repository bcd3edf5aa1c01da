"""The communicatiekalender (Programmaplan §7): communication goes from the programme, coordinated,
"mede om een overload aan berichten te voorkomen", planned as what, when, how and for whom.

The communicatiemedewerker plans, moves and cancels items; the worker's `send_due` sends each due
item once, at its time, through the outbox to its audience (a gremium, every indiener, a channel's
mail address, or a Slack or Teams channel by name, posted there by that platform's outbox
channel): the item is locked, its messages written under keys the outbox takes once, and it is
marked sent in the same transaction, so a second worker or a worker back from downtime sends
nothing twice and loses nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.errors import Refused
from bot.domain.execution import (
    CANCELLED,
    PLANNED,
    SENT,
    Audience,
    check_audience_channel,
    check_plan_time,
    parse_audience,
    parse_channel,
)
from bot.domain.people import Person
from bot.domain.text import clean_text
from bot.domain.timezone import to_local
from bot.messages import render
from bot.programme.execution import parse_execution_config
from bot.services.base import Context, Reply, Service
from bot.services.meeting_queries import TRUSTED_ORIGINS
from bot.services.ports.execution import CommunicationItem, ExecutionRepository, execution_uow
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.read_models import PAGE, Page
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import audit, reader_language

DUE_BATCH = 20  # items sent per transaction
READ_BATCH = 500  # indieners read per query


def _number(reference: str) -> int:
    text = reference.strip().upper().removeprefix("C-")
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise Refused("communication.unknown", reference=reference.strip()[:20])
    return int(text)


class CommunicationService(Service):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.role = parse_execution_config(ctx.programme.raw).communicator_role

    def _may_plan(self, actor: Person, origin: str) -> None:
        """The communicatiemedewerker plans; so does the operator at the command line."""
        if origin not in TRUSTED_ORIGINS and not actor.has_role(self.role):
            raise Refused("communication.only_role", role=self.programme.role_name(self.role))

    def _planned(self, repo: ExecutionRepository, reference: str) -> CommunicationItem:
        item = repo.get_item(_number(reference), lock=True)
        if item is None:
            raise Refused("communication.unknown", reference=reference.strip()[:20])
        if item.status != PLANNED:
            raise Refused("communication.not_planned", reference=item.reference, state=item.status)
        return item

    def plan(self, actor_email: str, origin: str, when: datetime, channel: str, audience: str, text: str,
             request_key: str | None = None) -> Reply:
        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            self._may_plan(actor, origin)
            check_plan_time(when, now, self.programme.period)
            how = parse_channel(channel)
            whom = parse_audience(audience, tuple(self.programme.roles))
            check_audience_channel(whom, how)
            body = clean_text(text, "tekst", self.programme.limits.text_max)
            item = CommunicationItem(uow.next_number("communicatie"), when, how, whom.key, body, PLANNED,
                                     actor.email)
            execution_uow(uow).execution.add_item(item, now)
            audit(uow, now, actor.email, "communication_planned", item.reference, origin,
                  details={"at": when.isoformat(), "channel": how, "audience": whom.key})
            return Reply("communication.planned", {"reference": item.reference, "when": _when(when),
                                                    "channel": how, "audience": whom.key})

        return self.run(actor_email, origin, "communication_planned", "communicatie", work, request_key)

    def move(self, actor_email: str, origin: str, reference: str, when: datetime) -> Reply:
        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            self._may_plan(actor, origin)
            repo = execution_uow(uow).execution
            item = self._planned(repo, reference)
            check_plan_time(when, now, self.programme.period)
            repo.save_item(replace(item, send_at=when))
            audit(uow, now, actor.email, "communication_moved", item.reference, origin,
                  details={"from": item.send_at.isoformat(), "to": when.isoformat()})
            return Reply("communication.moved", {"reference": item.reference, "when": _when(when)})

        return self.run(actor_email, origin, "communication_moved", reference.strip()[:20], work)

    def cancel(self, actor_email: str, origin: str, reference: str) -> Reply:
        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            self._may_plan(actor, origin)
            repo = execution_uow(uow).execution
            item = self._planned(repo, reference)
            repo.save_item(replace(item, status=CANCELLED))
            audit(uow, now, actor.email, "communication_cancelled", item.reference, origin)
            return Reply("communication.cancelled", {"reference": item.reference})

        return self.run(actor_email, origin, "communication_cancelled", reference.strip()[:20], work)

    def page(self, after: str | None = None, limit: int = PAGE, include_done: bool = False) -> Page[CommunicationItem]:
        start = _number(after) if after else None
        return self.read(lambda uow: execution_uow(uow).execution.item_page(start, limit, include_done))

    # -- the worker ------------------------------------------------------------------------------
    def send_due(self) -> int:
        """Send every item whose time has come, once; returns how many items went out."""
        done = 0
        while True:
            now = self.ctx.clock.now()
            with self.ctx.uow_factory() as uow:
                repo = execution_uow(uow).execution
                due = repo.due_items(now, DUE_BATCH)
                for item in due:
                    count = self._send(uow, repo, item, now)
                    repo.save_item(replace(item, status=SENT, sent_at=now, recipients=count))
                    audit(uow, now, "systeem", "communication_sent", item.reference, "worker",
                          details={"recipients": count, "late_seconds": int((now - item.send_at).total_seconds())})
                uow.commit()
            done += len(due)
            if len(due) < DUE_BATCH:
                return done

    def _send(self, uow: UnitOfWork, repo: ExecutionRepository, item: CommunicationItem, now: datetime) -> int:
        kind, _, value = item.audience.partition(":")
        whom = Audience(kind, value)
        if whom.platform is not None:  # one post in the channel, by the platform's own outbox channel
            lang = self.programme.language
            uow.enqueue(OutboundMessage(
                key=f"communicatie:{item.number}:{whom.value}",
                recipient=whom.channel_name,
                subject=render("communication.message.subject", lang),
                body=render("communication.message", lang, text=item.text),
                channel=whom.platform,
                payload={"event": "communication", "item": item.reference, "how": item.channel,
                         "channel_post": whom.channel_name},
            ), now)
            return 1
        count = 0
        for email in self._recipients(uow, repo, whom):
            lang = reader_language(uow, email, self.programme.language)
            uow.enqueue(OutboundMessage(
                key=f"communicatie:{item.number}:{email}",
                recipient=email,
                subject=render("communication.message.subject", lang),
                body=render("communication.message", lang, text=item.text),
                channel="mail",
                payload={"event": "communication", "item": item.reference, "how": item.channel},
            ), now)
            count += 1
        return count

    def _recipients(self, uow: UnitOfWork, repo: ExecutionRepository, whom: Audience) -> list[str]:
        if whom.kind == "kanaal":
            return [whom.value]
        if whom.kind == "gremium":
            return [p.email for p in uow.people.with_role(whom.value)]
        found: list[str] = []
        after: str | None = None
        while batch := repo.submitters(after, READ_BATCH):
            found += batch
            after = batch[-1]
        return found


def _when(moment: datetime) -> str:
    return to_local(moment).strftime("%d-%m-%Y %H:%M")
