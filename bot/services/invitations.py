"""What a meeting change sends and plans: the invitations (iTIP REQUEST/CANCEL with a stable UID and
SEQUENCE + 1, written to the outbox through the `CalendarFiles` port) and the reminder rows of the
document route. Both run inside the meeting command's unit of work, so they commit with it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.domain.meetings import MeetingRecord
from bot.domain.programme import Programme
from bot.domain.route import RoutePlan
from bot.domain.timezone import AMSTERDAM, to_local
from bot.domain.workdays import WorkingDays
from bot.messages import render
from bot.programme.meetings import MeetingsConfig
from bot.reports.meetings import meeting_description, meeting_summary
from bot.services.calendar_setup import MeetingSetup, Notes, calendar_meeting
from bot.services.ports.calendar_files import CalendarEntry, CalendarFiles, InviteMethod, Participant
from bot.services.ports.meetings import ROLE_PREFIX, MeetingUnitOfWork, ReminderRow
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import reader_language


def invite_description(setup: MeetingSetup, record: MeetingRecord, lang: str = "nl") -> str:
    text = meeting_description(setup.calendar, calendar_meeting(record), lang)
    if record.gremium == setup.route_gremium:
        text += "\n" + render("invite.agenda_link", lang, date=record.day.strftime("%d-%m-%Y"))
    return text


def meeting_entry(setup: MeetingSetup, record: MeetingRecord, lang: str = "nl") -> CalendarEntry:
    """The record as a published entry: its stored UID and SEQUENCE, CANCELLED when cancelled."""
    start: datetime | date = record.starts_at
    end: datetime | date = record.ends_at
    if record.week_only:
        start, end = record.day, record.day + timedelta(days=5)
    return CalendarEntry(
        uid=record.uid,
        dtstamp=record.dtstamp,
        summary=meeting_summary(calendar_meeting(record), lang),
        start=start,
        end=end,
        description=invite_description(setup, record, lang),
        location=record.location,
        sequence=record.sequence,
        status="CANCELLED" if record.cancelled else "CONFIRMED",
        transparent=record.week_only,
    )


def participants(uow: UnitOfWork, setup: MeetingSetup, gremium: str, notes: Notes) -> list[Participant]:
    """Everyone whose role is invited to *gremium*, once each; people without a usable address are
    left out with a warning."""
    roles = setup.meetings.roles_for(gremium)
    name = setup.calendar.gremium(gremium).name if gremium in setup.calendar.keys else gremium
    if not roles:
        notes.add("invite.no_attendees", gremium=name)
        return []
    chosen: dict[str, Participant] = {}
    for role in roles:
        for person in uow.people.with_role(role):
            email = (person.email or "").strip()
            if "@" not in email or any(ch.isspace() for ch in email):
                notes.add("invite.attendee_without_email", name=person.name, email=email or "-")
                continue
            chosen.setdefault(email, Participant(email, person.name))
    if not chosen:
        notes.add("invite.no_attendees", gremium=name)
    return list(chosen.values())


def send_invites(
    uow: MeetingUnitOfWork,
    setup: MeetingSetup,
    programme: Programme,
    files: CalendarFiles,
    record: MeetingRecord,
    now: datetime,
    notes: Notes,
) -> int:
    """Send the current version of *record* to its attendees; the number of messages."""
    if record.week_only:
        notes.add("invite.week_only", gremium=record.title, week=record.day.isocalendar().week)
        return 0
    people = participants(uow, setup, record.gremium, notes)
    if not people:
        return 0
    method = InviteMethod.CANCEL if record.cancelled else InviteMethod.REQUEST
    meeting_lang = programme.language  # the file is one for all: the programme's language
    description = invite_description(setup, record, meeting_lang)
    if method is InviteMethod.CANCEL:  # the file's text goes to every attendee (Outlook's cancel comment)
        day = record.day.strftime("%d-%m-%Y")
        note = render("invite.cancelled_note", meeting_lang, title=record.title, date=day)
        description = note + "\n" + description
    entry = CalendarEntry(
        uid=record.uid,
        dtstamp=record.dtstamp,
        summary=meeting_summary(calendar_meeting(record), meeting_lang),
        start=record.starts_at,
        end=record.ends_at,
        description=description,
        location=record.location,
        sequence=record.sequence,
    )
    organizer = Participant(setup.calendar.organizer, setup.calendar.programme_name)
    text = files.invite(entry, method, organizer, people, meeting_lang).decode("utf-8")
    first_time = record.invited_sequence is None
    kind = "cancel" if method is InviteMethod.CANCEL else ("new" if first_time else "update")
    for person in people:
        lang = reader_language(uow, person.email, programme.language)  # the letter: the reader's
        params = {
            "title": record.title,
            "date": record.day.strftime("%d-%m-%Y"),
            "time": to_local(record.starts_at).strftime("%H:%M"),
        }
        uow.enqueue(
            OutboundMessage(
                key=f"invite:{record.uid}:{record.sequence}:{method.value}:{person.email}",
                recipient=person.email,
                subject=render(f"invite.subject_{kind}", lang, **params),
                body=render(f"invite.body_{kind}", lang, name=person.name or person.email, **params)
                + "\n\n"
                + invite_description(setup, record, lang),
                channel="mail",
                payload={"ics": text, "method": method.value, "uid": record.uid, "sequence": record.sequence,
                         "lang": lang},
            ),
            now,
        )
    record.invited_sequence = record.sequence
    return len(people)


# -- reminders along the document route -----------------------------------------------------------
def plan_reminders(
    meeting_uid: str,
    plan: RoutePlan,
    config: MeetingsConfig,
    workdays: WorkingDays,
    not_before: datetime | None = None,
) -> list[ReminderRow]:
    """The reminder rows for the route *plan* of the stuurgroep meeting *meeting_uid*.

    Rows that would have fallen due before *not_before* (planning a meeting late) are left out:
    they were never due, so they are not "missed" either. The worker sends them
    (`scheduling.reminders`).
    """
    rows: list[ReminderRow] = []
    for rule_index, rule in enumerate(config.rules):
        step = plan.step(rule.step)
        day = step.first
        due_day = workdays.add_working_days(day, -rule.working_days_before) if rule.working_days_before else day
        due_at = datetime.combine(due_day, config.reminder_time, AMSTERDAM)
        if not_before is not None and due_at < not_before:
            continue
        payload = {
            "meeting_uid": meeting_uid,
            "meeting_date": plan.meeting_date.isoformat(),
            "step": step.key,
            "label": step.label,
            "label_en": step.label_en or step.label,
            "dates": [d.isoformat() for d in step.dates],
            "rule": rule_index,
        }
        for role in rule.roles:
            key = f"{meeting_uid}:{rule.kind.value}:{step.key}:{role}:{due_day.isoformat()}"
            rows.append(ReminderRow(key, ROLE_PREFIX + role, rule.kind.value, step.key, due_at, payload))
    return sorted(rows, key=lambda r: (r.due_at, r.key))


def replan_reminders(uow: MeetingUnitOfWork, setup: MeetingSetup, record: MeetingRecord, now: datetime,
                     notes: Notes) -> int:
    """The reminders of a stuurgroep meeting as it now stands (none when cancelled or week-only)."""
    if record.gremium != setup.route_gremium or record.id is None:
        return 0
    uow.meetings.drop_unsent_reminders(record.id)
    if record.cancelled or record.week_only:
        return 0
    plan = setup.plan(record.day)
    if plan.first_deadline < now.date():
        notes.add(
            "meeting.route_passed",
            date=record.day.strftime("%d-%m-%Y"),
            deadline=plan.first_deadline.strftime("%d-%m-%Y"),
        )
    rows = plan_reminders(record.uid, plan, setup.meetings, setup.workdays, not_before=now)
    return uow.meetings.plan_reminders(record.id, rows)
