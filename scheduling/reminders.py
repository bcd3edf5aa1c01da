"""Reminders along the document route: planned as rows in our own tables, sent by the one scheduler.

For every stuurgroep meeting in the store, `bot.services.invitations.plan_reminders` turns the
route (`bot.domain.route`) and the rules of `[vergaderingen]` into reminder rows: who (a role,
resolved when sent, so a new staf member is reminded too), what (a reminder of the step, or the
documents package of the meeting) and when (working days before the step, at the configured time
of day).

`ReminderRunner.run_once` works in three short steps, so the write lock is held only for writes:
it claims the rows that fell due (one transaction: FOR UPDATE SKIP LOCKED on PostgreSQL, BEGIN
IMMEDIATE on SQLite; each row gets the worker's name and a lease), builds their messages on a
read-only connection (a meeting's documents package once per meeting and language, see
`scheduling.documents_package`), and then, in one transaction, marks sent the rows it still holds
and writes the messages of exactly those rows to the outbox. A second worker finds claimed rows
taken; a worker that dies between the steps leaves its rows to be claimed again when the lease
runs out (the outbox ignores a message key it already has). A worker that was down sends every
reminder that fell due meanwhile exactly once, marked late. Reminders of one person that fall due
on the same day become one message.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import Connection, Engine, and_, or_, select, update

from bot.domain.programme import Programme
from bot.domain.timezone import to_local
from bot.messages import render
from bot.messages.dates import format_date, format_short_date
from bot.programme.budget import parse_budget_config
from bot.programme.meetings import MeetingsConfig, ReminderKind
from bot.services.ports.meetings import ROLE_PREFIX
from bot.services.ports.unit_of_work import Clock
from scheduling.documents_package import PackageBuilder, RouteGremium
from storage import tables
from storage.engine import reader, upsert
from storage.tables_meetings import reminders

log = logging.getLogger("vaart.reminders")


# -- sending --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str


@dataclass(frozen=True)
class ClaimedReminder:
    id: int
    key: str
    meeting_id: int | None
    recipient: str
    kind: str
    step: str
    due_at: datetime
    payload: Mapping[str, Any]
    late: bool


@dataclass
class ReminderReport:
    """What one run did: the rows it claimed (each exactly once), the messages it wrote."""

    claimed: list[ClaimedReminder] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    unaddressed: list[str] = field(default_factory=list)

    @property
    def late(self) -> list[ClaimedReminder]:
        return [r for r in self.claimed if r.late]


def default_worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:80]


class ReminderRunner:
    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        programme: Programme,
        config: MeetingsConfig,
        *,
        worker: str | None = None,
        batch: int = 500,
        lease: timedelta = timedelta(minutes=10),
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.programme = programme
        self.config = config
        self.mandate_limit = parse_budget_config(programme.raw).mandate.limit  # checked, as approvals use it
        self.gremium = RouteGremium.of(programme)  # the route's gremium: the words of the reminders and packages
        self.worker = worker or default_worker_name()
        self.batch = batch
        self.lease = lease  # a claim older than this is taken to belong to a worker that died

    def run_once(self) -> ReminderReport:
        """Claim what is due, build its messages outside any write transaction, send what is still ours."""
        now = self.clock.now()
        report = ReminderReport()
        claimed = self._claim(now)
        if not claimed:
            return report
        with reader(self.engine).connect() as conn:
            people = self._people(conn)
            built = self._messages(conn, claimed, people, now, report)
        c = reminders.c
        with self.engine.begin() as conn:
            ours: set[int] = set()
            for late in (True, False):
                ids = [r.id for r in claimed if r.late is late]
                if ids:
                    ours |= set(conn.execute(
                        update(reminders)
                        .where(c.id.in_(ids), c.sent_at.is_(None), c.claimed_by == self.worker, c.claimed_at == now)
                        .values(sent_at=now, late=late)
                        .returning(c.id)
                    ).scalars())
            for message, rows in built:
                if rows <= ours:  # rows another worker took over (our lease ran out) are its to send
                    self._enqueue(conn, message, now)
                    report.messages.append(message)
        report.claimed = [r for r in claimed if r.id in ours]
        if report.late:
            log.warning("%d reminder(s) sent late (worker was not running when they fell due)", len(report.late))
        return report

    def _claim(self, now: datetime) -> list[ClaimedReminder]:
        """The due rows nobody holds (or whose holder's lease ran out), taken in one short transaction."""
        c = reminders.c
        free = or_(c.claimed_at.is_(None), c.claimed_at < now - self.lease)
        due = select(reminders).where(and_(c.sent_at.is_(None), c.due_at <= now, free)).order_by(c.due_at, c.id)
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                due = due.with_for_update(skip_locked=True)
            rows = conn.execute(due.limit(self.batch)).all()
            if rows:
                conn.execute(update(reminders).where(c.id.in_([r.id for r in rows]))
                             .values(claimed_at=now, claimed_by=self.worker))
        return [
            ClaimedReminder(
                id=r.id,
                key=r.key,
                meeting_id=r.meeting_id,
                recipient=r.recipient,
                kind=r.kind,
                step=r.step,
                due_at=r.due_at,
                payload=dict(r.payload or {}),
                late=now - r.due_at > self.config.grace,
            )
            for r in rows
        ]

    def drain(self, rounds: int = 20) -> ReminderReport:
        total = ReminderReport()
        for _ in range(rounds):
            report = self.run_once()
            total.claimed += report.claimed
            total.messages += report.messages
            total.unaddressed += report.unaddressed
            if not report.claimed:
                break
        return total

    # -- who ------------------------------------------------------------------------------------
    def _people(self, conn: Connection) -> list[tuple[Recipient, list[str]]]:
        p = tables.people.c
        rows = conn.execute(select(p.email, p.name, p.roles, p.language).order_by(p.email)).all()
        default = self.programme.language
        return [(Recipient(r.email, r.name, r.language or default), list(r.roles or [])) for r in rows]

    def _recipients(self, target: str, people: Sequence[tuple[Recipient, list[str]]]) -> list[Recipient]:
        if target.startswith(ROLE_PREFIX):
            role = target.removeprefix(ROLE_PREFIX)
            return [person for person, roles in people if role in roles]
        for person, _ in people:
            if person.email == target:
                return [person]
        return [Recipient(target, target, self.programme.language)]

    # -- what -----------------------------------------------------------------------------------
    def _messages(
        self,
        conn: Connection,
        claimed: Sequence[ClaimedReminder],
        people: Sequence[tuple[Recipient, list[str]]],
        now: datetime,
        report: ReminderReport,
    ) -> list[tuple[dict[str, Any], set[int]]]:
        """Each message with the ids of the reminder rows it stands for."""
        bundles: dict[tuple[str, date], list[ClaimedReminder]] = defaultdict(list)
        who: dict[str, Recipient] = {}
        messages: list[tuple[dict[str, Any], set[int]]] = []
        packages = PackageBuilder(conn, self.programme, self.mandate_limit, self.gremium)
        for row in claimed:
            recipients = self._recipients(row.recipient, people)
            if not recipients:
                log.warning("reminder %s: nobody has %s", row.key, row.recipient)
                report.unaddressed.append(row.key)
            for person in recipients:
                who[person.email] = person
                if row.kind == ReminderKind.PACKAGE.value:
                    messages.append((self._package(packages, row, person), {row.id}))
                else:
                    bundles[(person.email, to_local(row.due_at).date())].append(row)
        for (email, day), rows in sorted(bundles.items()):
            messages.append((self._bundle(who[email], day, rows, now), {r.id for r in rows}))
        return messages

    def _bundle(self, person: Recipient, day: date, rows: list[ClaimedReminder], now: datetime) -> dict[str, Any]:
        lang = person.language
        unique: dict[tuple[str, str], ClaimedReminder] = {}
        for row in rows:  # one person may hold two of the roles a rule names: say it once
            unique.setdefault((str(row.payload.get("meeting_uid")), row.step), row)
        lines: list[str] = []
        labels: list[str] = []
        step_dates: list[list[date]] = []  # per step its own date(s); the subject names them
        for row in unique.values():
            dates = [date.fromisoformat(d) for d in row.payload.get("dates", [])]
            label = str(row.payload.get("label_en" if lang == "en" else "label", row.step))
            labels.append(label)
            step_dates.append(dates or [day])
            lines.append(
                render(
                    self.gremium.code("reminder.line"),
                    lang,
                    step=label,
                    dates=f" {render('route.or', lang)} ".join(format_date(d, lang) for d in dates),
                    meeting=format_short_date(date.fromisoformat(str(row.payload["meeting_date"])), lang),
                )
            )
        late = [r for r in unique.values() if r.late]
        if late:
            first = min(r.due_at for r in late)
            lines.append(render("reminder.late", lang, due=to_local(first).strftime("%d-%m-%Y %H:%M")))
        if len(unique) == 1:  # the step's own date(s), not the day the reminder goes out
            on = f" {render('route.or', lang)} ".join(format_short_date(d, lang) for d in step_dates[0])
            subject = render("reminder.subject_one", lang, step=labels[0], dates=on)
        else:
            earliest = min(min(dates) for dates in step_dates)
            subject = render("reminder.subject_many", lang, count=len(unique), date=format_short_date(earliest, lang))
        body = render(self.gremium.code("reminder.body"), lang, name=person.name, lines="\n".join(lines),
                      gremium=self.gremium.name)
        digest = hashlib.sha256("|".join(sorted(r.key for r in rows)).encode()).hexdigest()[:16]
        return {
            "key": f"herinnering:{person.email}:{day.isoformat()}:{digest}",
            "recipient": person.email,
            "subject": subject,
            "body": body,
            "payload": {"reminders": sorted(r.key for r in rows), "late": bool(late), "kind": "herinnering"},
        }

    def _package(self, packages: PackageBuilder, row: ClaimedReminder, person: Recipient) -> dict[str, Any]:
        """The documents package for one recipient: the meeting's summary (built once) with their name."""
        lang = person.language
        meeting_day = date.fromisoformat(str(row.payload["meeting_date"]))
        package = packages.package(row.meeting_id, meeting_day, lang)
        label = row.payload.get("label_en" if lang == "en" else "label", row.step)
        body = render(self.gremium.code("package.body"), lang, name=person.name, date=format_date(meeting_day, lang),
                      step=label, items=package.text, gremium=self.gremium.name)
        if row.late:
            body += "\n\n" + render("reminder.late", lang, due=to_local(row.due_at).strftime("%d-%m-%Y %H:%M"))
        return {
            "key": f"stukken:{row.key}:{person.email}",
            "recipient": person.email,
            "subject": render(self.gremium.code("package.subject"), lang, date=format_short_date(meeting_day, lang),
                              count=package.items, gremium=self.gremium.name),
            "body": body,
            "payload": {"reminders": [row.key], "late": row.late, "kind": "stukken", "items": package.items},
        }

    def _enqueue(self, conn: Connection, message: Mapping[str, Any], now: datetime) -> None:
        insert = partial(upsert, conn.dialect.name)
        conn.execute(
            insert(tables.outbox)
            .values(
                key=message["key"][:200],
                channel="mail",
                recipient=message["recipient"],
                subject=message["subject"][:300],
                body=message["body"],
                payload=message["payload"],
                created_at=now,
                status="pending",
                attempts=0,
                next_attempt_at=now,
            )
            .on_conflict_do_nothing(index_elements=["key"])
        )
