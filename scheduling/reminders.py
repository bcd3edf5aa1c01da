"""Reminders along the document route: planned as rows in our own tables, sent by the one scheduler.

For every stuurgroep meeting in the store, `bot.services.invitations.plan_reminders` turns the
route (`bot.domain.route`) and the rules of `[vergaderingen]` into reminder rows: who (a role,
resolved when sent, so a new staf member is reminded too), what (a reminder of the step, or the
documents package of the meeting) and when (working days before the step, at the configured time
of day).

`ReminderRunner.run_once` claims the rows that fell due and writes their messages to the outbox in
ONE transaction: the rows are locked (FOR UPDATE SKIP LOCKED on PostgreSQL; on SQLite every
transaction holds the write lock from BEGIN IMMEDIATE), the outbox rows inserted and the reminder
rows marked sent before anything commits. A second worker therefore finds nothing to send, and a
worker that was down sends every reminder that fell due meanwhile exactly once, marked late.
Reminders of one person that fall due on the same day become one message.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.domain.programme import Programme
from bot.domain.timezone import to_local
from bot.messages import render
from bot.messages.dates import format_date, format_short_date
from bot.programme.budget import parse_budget_config
from bot.programme.meetings import MeetingsConfig, ReminderKind
from bot.reports.mandate_report import mandate_report
from bot.services.ports.meetings import ROLE_PREFIX
from bot.services.ports.unit_of_work import Clock
from storage import tables
from storage.budget_repo import SqlBudgetRepository
from storage.tables_meetings import agenda_items, meetings, reminders

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
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.programme = programme
        self.config = config
        self.mandate_limit = parse_budget_config(programme.raw).mandate.limit  # checked, as approvals use it
        self.worker = worker or default_worker_name()
        self.batch = batch

    def run_once(self) -> ReminderReport:
        """Claim what is due and put its messages in the outbox, all in one transaction."""
        now = self.clock.now()
        report = ReminderReport()
        c = reminders.c
        due = select(reminders).where(and_(c.sent_at.is_(None), c.due_at <= now)).order_by(c.due_at, c.id)
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                due = due.with_for_update(skip_locked=True)
            rows = conn.execute(due.limit(self.batch)).all()
            if not rows:
                return report
            claimed = [
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
            people = self._people(conn)
            for message in self._messages(conn, claimed, people, now, report):
                self._enqueue(conn, message, now)
                report.messages.append(message)
            for late in (True, False):
                ids = [r.id for r in claimed if r.late is late]
                if ids:
                    conn.execute(
                        update(reminders)
                        .where(and_(c.id.in_(ids), c.sent_at.is_(None)))
                        .values(sent_at=now, claimed_at=now, claimed_by=self.worker, late=late)
                    )
            report.claimed = claimed
        if report.late:
            log.warning("%d reminder(s) sent late (worker was not running when they fell due)", len(report.late))
        return report

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
    ) -> list[dict[str, Any]]:
        bundles: dict[tuple[str, date], list[ClaimedReminder]] = defaultdict(list)
        who: dict[str, Recipient] = {}
        messages: list[dict[str, Any]] = []
        for row in claimed:
            recipients = self._recipients(row.recipient, people)
            if not recipients:
                log.warning("reminder %s: nobody has %s", row.key, row.recipient)
                report.unaddressed.append(row.key)
            for person in recipients:
                who[person.email] = person
                if row.kind == ReminderKind.PACKAGE.value:
                    messages.append(self._package(conn, row, person))
                else:
                    bundles[(person.email, to_local(row.due_at).date())].append(row)
        for (email, day), rows in sorted(bundles.items()):
            messages.append(self._bundle(who[email], day, rows, now))
        return messages

    def _bundle(self, person: Recipient, day: date, rows: list[ClaimedReminder], now: datetime) -> dict[str, Any]:
        lang = person.language
        unique: dict[tuple[str, str], ClaimedReminder] = {}
        for row in rows:  # one person may hold two of the roles a rule names: say it once
            unique.setdefault((str(row.payload.get("meeting_uid")), row.step), row)
        lines: list[str] = []
        labels: list[str] = []
        for row in unique.values():
            dates = [date.fromisoformat(d) for d in row.payload.get("dates", [])]
            label = str(row.payload.get("label_en" if lang == "en" else "label", row.step))
            labels.append(label)
            lines.append(
                render(
                    "reminder.line",
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
        if len(unique) == 1:
            subject = render("reminder.subject_one", lang, step=labels[0], date=format_short_date(day, lang))
        else:
            subject = render("reminder.subject_many", lang, count=len(unique), date=format_short_date(day, lang))
        body = render("reminder.body", lang, name=person.name, lines="\n".join(lines))
        digest = hashlib.sha256("|".join(sorted(r.key for r in rows)).encode()).hexdigest()[:16]
        return {
            "key": f"herinnering:{person.email}:{day.isoformat()}:{digest}",
            "recipient": person.email,
            "subject": subject,
            "body": body,
            "payload": {"reminders": sorted(r.key for r in rows), "late": bool(late), "kind": "herinnering"},
        }

    def _package(self, conn: Connection, row: ClaimedReminder, person: Recipient) -> dict[str, Any]:
        lang = person.language
        meeting_day = date.fromisoformat(str(row.payload["meeting_date"]))
        items = self._agenda(conn, row.meeting_id, lang)
        label = row.payload.get("label_en" if lang == "en" else "label", row.step)
        body = render(
            "package.body",
            lang,
            name=person.name,
            date=format_date(meeting_day, lang),
            step=label,
            items="\n\n".join(items) if items else render("package.empty", lang),
        )
        since = self._previous_stuurgroep(conn, meeting_day)
        body += "\n\n" + mandate_report(SqlBudgetRepository(conn), since, self.mandate_limit, lang)
        if row.late:
            body += "\n\n" + render("reminder.late", lang, due=to_local(row.due_at).strftime("%d-%m-%Y %H:%M"))
        return {
            "key": f"stukken:{row.key}:{person.email}",
            "recipient": person.email,
            "subject": render("package.subject", lang, date=format_short_date(meeting_day, lang), count=len(items)),
            "body": body,
            "payload": {"reminders": [row.key], "late": row.late, "kind": "stukken", "items": len(items)},
        }

    def _previous_stuurgroep(self, conn: Connection, meeting_day: date) -> date:
        """Since when the mandate report runs: the previous stuurgroep meeting, or the programme's start."""
        m = meetings.c
        previous = conn.execute(
            select(func.max(m.day)).where(m.gremium == "stuurgroep", m.day < meeting_day, m.status != "cancelled")
        ).scalar_one_or_none()
        if previous is not None:
            return date.fromisoformat(str(previous)) if not isinstance(previous, date) else previous
        first_year = int(self.programme.raw.get("programma", {}).get("looptijd", [meeting_day.year])[0])
        return date(first_year, 1, 1)

    def _agenda(self, conn: Connection, meeting_id: int | None, lang: str) -> list[str]:
        """The documents package: per agenda item the proposal, its parts and the advice."""
        if meeting_id is None:
            return []
        a = agenda_items.c
        entries = conn.execute(
            select(a.idea_reference, a.late, a.admitted_by).where(a.meeting_id == meeting_id).order_by(a.id)
        ).all()
        if not entries:
            return []
        i = tables.ideas.c
        ideas = {
            r.reference: r
            for r in conn.execute(
                select(i.id, i.reference, i.title, i.proposal_type, i.parts).where(
                    i.reference.in_([e.idea_reference for e in entries])
                )
            )
        }
        adv = tables.advices.c
        advice: dict[int, Any] = {}
        for r in conn.execute(
            select(adv.idea_id, adv.positive, adv.development_advice)
            .where(adv.idea_id.in_([r.id for r in ideas.values()]))
            .order_by(adv.id)
        ):
            advice[r.idea_id] = r  # the latest advice wins
        out: list[str] = []
        for number, entry in enumerate(entries, start=1):
            idea = ideas.get(entry.idea_reference)
            if idea is None:
                continue
            head = render(
                "package.item",
                lang,
                number=number,
                reference=idea.reference,
                title=idea.title,
                type=idea.proposal_type or "-",
            )
            if entry.late:
                head += " " + render("package.late_item", lang, who=entry.admitted_by or "-")
            lines = [head]
            given = advice.get(idea.id)
            if given is None:
                lines.append("   " + render("package.no_advice", lang))
            else:
                verdict = render("package.positive" if given.positive else "package.negative", lang)
                lines.append("   " + render("package.advice", lang, verdict=verdict, advice=given.development_advice))
            parts: Mapping[str, str] = idea.parts or {}
            for key in self.programme.proposal_parts:
                if parts.get(key):
                    lines.append(f"   {key}: {parts[key]}")
            out.append("\n".join(lines))
        return out

    def _enqueue(self, conn: Connection, message: Mapping[str, Any], now: datetime) -> None:
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
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
