"""Chat commands of the meetings area: the calendar, the document route, the stuurgroep agenda,
and moving or cancelling meetings (staf).

Registered on the `ChatBot` as an extension (see `bot.bootstrap.app`), so Slack, Teams and the console
all get them. `agenderen` is replaced here by the version that knows the calendar: without a date
it picks the first stuurgroep whose document route is still open; `toelaten` admits a late item.
"""

from __future__ import annotations

import re
from datetime import date, time

from bot.chat.bot import ChatBot, ChatSession, Command
from bot.chat.status_views import meeting_status
from bot.domain.dates import parse_date
from bot.domain.errors import Refused
from bot.domain.meetings import MeetingRecord, MeetingStatus
from bot.domain.money import format_euro
from bot.domain.timezone import to_local
from bot.messages import render
from bot.messages.dates import format_date
from bot.reports.route import render_route, route_table
from bot.reports.table import TABLE, TABLES, Table
from bot.services.agenda import AgendaView
from bot.services.base import Reply
from bot.services.calendar_setup import notes_text
from bot.services.meeting_queries import MANAGERS
from bot.services.meetings import MeetingService

MEETING_UID = r"[a-z0-9]+-[a-z0-9_]+-[0-9]{4}(?:[0-9]{4}|-w[0-9]{2})@[a-z0-9.-]+"
_TIME = re.compile(r"^([0-9]{1,2})[:.]([0-9]{2})$")
ADMIT_WORDS = frozenset({"toelaten", "toelating", "admit"})


def parse_time(text: str) -> time:
    match = _TIME.match(text.strip())
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise Refused("meeting.bad_time", value=text.strip()[:20])
    return time(int(match.group(1)), int(match.group(2)))


def _is_date(text: str) -> bool:
    try:
        parse_date(text)
    except Refused:
        return False
    return True


def meeting_line(record: MeetingRecord, lang: str) -> str:
    if record.week_only:
        when = render("meetings.week_only", lang, week=record.day.isocalendar().week)
        day = record.day.strftime("%d-%m-%Y")
    else:
        when = to_local(record.starts_at).strftime("%H:%M")
        day = record.day.strftime("%d-%m-%Y")
    mark = ""
    if record.status == MeetingStatus.CANCELLED.value:
        mark = render("meetings.mark_cancelled", lang)
    elif record.status == MeetingStatus.MOVED.value:
        mark = render("meetings.mark_moved", lang)
    elif record.assumed:
        mark = render("meetings.mark_assumed", lang)
    return render("meetings.line", lang, date=day, time=when, title=record.title, mark=mark, uid=record.uid)


def agenda_text(view: AgendaView, lang: str) -> str:
    meeting = view.meeting
    try:
        send = view.plan.step("stukken_naar_stuurgroep").first
    except KeyError:
        send = view.plan.meeting_date
    lines = [
        render(
            "agenda.header",
            lang,
            title=meeting.title,
            date=format_date(meeting.day, lang),
            status=render(f"agenda.status_{meeting.status}", lang),
        ),
        render(
            "agenda.deadline",
            lang,
            first=format_date(view.plan.first_deadline, lang),
            send=format_date(send, lang),
        ),
    ]
    if not view.items:
        lines.append(render("agenda.empty", lang))
    for number, (item, idea) in enumerate(view.items, start=1):
        mark = render("agenda.late_mark", lang, who=item.admitted_by or "-") if item.late else ""
        lines.append(
            render(
                "agenda.item",
                lang,
                number=number,
                reference=item.idea_reference,
                title=idea.title if idea else "?",
                status=render(f"status.{idea.status}", lang) if idea else "?",
                mark=mark,
            )
        )
    if view.spend_requests:
        lines.append(render("agenda.spend_header", lang))
        for request in view.spend_requests:
            lines.append(
                render(
                    "agenda.spend_item",
                    lang,
                    reference=request.reference,
                    amount=format_euro(request.amount),
                    purpose=request.purpose,
                )
            )
    if view.objections:
        lines.append(render("agenda.objection_header", lang))
        for objection in view.objections:
            lines.append(render("agenda.objection_item", lang, reference=objection.reference,
                                number=objection.decision_number, text=objection.text[:200]))
    return "\n".join(lines + round_lines(view, lang))


def round_lines(view: AgendaView, lang: str) -> list[str]:
    """"Besluiten genomen via schriftelijke ronde" since the previous meeting, when there are any."""
    if not view.rounds:
        return []
    return [render("package.rounds.header", lang), *(
        render("package.rounds.line", lang, reference=r.reference, subject=r.subject_ref, title=r.title[:120],
               outcome=render(f"round.outcome.{r.status.value}", lang, decision=r.decision_number or "-"),
               closed=to_local(r.closed_at).strftime("%d-%m-%Y") if r.closed_at else "-").strip()
        for r in view.rounds)]


def _mark(record: MeetingRecord, lang: str) -> str:
    if record.status == MeetingStatus.CANCELLED.value:
        return render("meetings.mark_cancelled", lang)
    if record.status == MeetingStatus.MOVED.value:
        return render("meetings.mark_moved", lang)
    return render("meetings.mark_assumed", lang) if record.assumed else ""


def meetings_table(records: list[MeetingRecord], lang: str) -> Table:
    """The coming meetings with their dates in words, for a platform's layout."""
    rows = []
    for record in records:
        if record.week_only:
            when = render("meetings.week_only", lang, week=record.day.isocalendar().week)
        else:
            when = f"{format_date(record.day, lang)} {to_local(record.starts_at).strftime('%H:%M')}"
        rows.append((when, f"{record.title}{_mark(record, lang)}\n{record.uid}"))
    return Table(render("meetings.header", lang).rstrip(":"), tuple(rows))


def agenda_table(view: AgendaView, lang: str) -> Table:
    """The agenda of a stuurgroep for a platform's layout: an item per row, the route and the
    spend requests waiting for the stuurgroep under it."""
    head, deadline = agenda_text(view, lang).split("\n")[:2]  # the header and the route, as the text has them
    rows = []
    for number, (item, idea) in enumerate(view.items, start=1):
        mark = render("agenda.late_mark", lang, who=item.admitted_by or "-") if item.late else ""
        status = render(f"status.{idea.status}", lang) if idea else "?"
        rows.append((f"{number}. {item.idea_reference}", f"{idea.title if idea else '?'} — {status}{mark}"))
    notes = [deadline] + ([render("agenda.empty", lang)] if not view.items else [])
    if view.spend_requests:
        notes.append(render("agenda.spend_header", lang))
        notes += [
            render("agenda.spend_item", lang, reference=r.reference, amount=format_euro(r.amount), purpose=r.purpose)
            .strip()
            for r in view.spend_requests
        ]
    notes += round_lines(view, lang)
    return Table(head, tuple(rows), tuple(notes))


class MeetingCommands:
    def __init__(self, bot: ChatBot, meetings: MeetingService) -> None:
        self.bot = bot
        self.meetings = meetings

    def commands(self) -> list[Command]:
        managers = MANAGERS
        setup = self.meetings.setup  # the example is this programme's: its code and the gremium its route leads to
        example = f"{setup.calendar.programme_code}-{setup.route_gremium}-20261211@...".lower()
        self.bot.references.add("meeting", MEETING_UID, self.status, example)
        return [
            Command("vergaderingen", ("meetings",), self.upcoming, "vergaderingen [GREMIUM]", area="meetings"),
            Command("route", (), self.route, "route DATUM", area="meetings"),
            Command("agenda", (), self.agenda, "agenda DATUM", area="meetings"),
            Command("agenderen", ("schedule",), self.schedule, "agenderen REF [DATUM] [toelaten]", action="schedule"),
            Command(
                "vergadering",
                ("meeting",),
                self.add,
                "vergadering GREMIUM DATUM [UU:MM]",
                area="meetings",
                roles=managers,
            ),
            Command(
                "verplaats",
                ("move",),
                self.move,
                "verplaats [GREMIUM] DATUM|UID NIEUWE-DATUM [UU:MM]",
                area="meetings",
                roles=managers,
            ),
            Command(
                "annuleer", ("cancel",), self.cancel, "annuleer [GREMIUM] DATUM|UID", area="meetings", roles=managers
            ),
            Command("vergaderhulp", ("meetinghelp",), self.help, "vergaderhulp", open_to_all=True, area="meetings"),
        ]

    def status(self, session: ChatSession, uid: str) -> str:
        """`status UID`: a meeting, with its route and agenda when it is a stuurgroep."""
        if not self.bot.in_register(session):
            raise Refused("chat.only_submit")
        record = self.meetings.meeting(uid)
        setup = self.meetings.setup
        plan = setup.plan(record.day) if record.gremium == setup.route_gremium else None
        items: int | None = None
        if plan is not None:
            try:
                items = len(self.meetings.agenda(record.day).items)
            except Refused:
                items = None  # planned in the calendar, not stored yet: no agenda so far
        return meeting_status(record, plan, items, self.meetings.ctx.clock.now().date(), session.lang)

    def _say(self, reply: Reply, lang: str, extra: list[str] | None = None) -> str:
        lines = [self.bot.say(reply, lang)]
        warning = render("route.warning", lang)
        lines += [f"{warning}: {text}" for text in notes_text(reply, lang)]
        lines += extra or []
        return "\n".join(lines)

    def _usage(self, name: str, usage: str) -> Refused:
        return Refused("chat.usage", usage=usage)

    # -- handlers ------------------------------------------------------------------------------
    def help(self, session: ChatSession, args: str) -> str:
        return self.bot.help_book.area("meetings", session.lang)

    def upcoming(self, session: ChatSession, args: str) -> str:
        records = self.meetings.upcoming(args.strip() or None)
        if not records:
            return render("meetings.none", session.lang)
        _offer(session, meetings_table(records, session.lang))
        return "\n".join([render("meetings.header", session.lang), *(meeting_line(r, session.lang) for r in records)])

    def route(self, session: ChatSession, args: str) -> str:
        if not args.strip():
            raise self._usage("route", "route DATUM")
        day = parse_date(args.split()[0])
        plan = self.meetings.route(day)
        procedure = self.bot.programme.governance.procedure("voorstel")
        gremium = self.meetings.setup.route_gremium_name
        _offer(session, route_table(plan, session.lang, procedure, gremium))
        return render_route(plan, session.lang, procedure, gremium).rstrip("\n")

    def agenda(self, session: ChatSession, args: str) -> str:
        if not args.strip():
            raise self._usage("agenda", "agenda DATUM")
        view = self.meetings.agenda(parse_date(args.split()[0]))
        _offer(session, agenda_table(view, session.lang))
        return agenda_text(view, session.lang)

    def schedule(self, session: ChatSession, args: str) -> str:
        words = args.split()
        if not words:
            raise self._usage("agenderen", "agenderen REF [DATUM] [toelaten]")
        reference, rest = words[0], words[1:]
        admit = any(w.lower() in ADMIT_WORDS for w in rest)
        dates = [w for w in rest if w.lower() not in ADMIT_WORDS]
        if len(dates) > 1:
            raise self._usage("agenderen", "agenderen REF [DATUM] [toelaten]")
        day: date | None = parse_date(dates[0]) if dates else None
        reply = self.bot.ideas.schedule(session.email, session.origin, reference, day, admit=admit)
        extra = []
        if reply.params.get("late"):
            extra.append(render("agenda.scheduled_late", session.lang))
        if not reply.params.get("in_calendar", True):
            extra.append(render("agenda.outside_calendar", session.lang, date=reply.params["date"]))
        return self._say(reply, session.lang, extra)

    def add(self, session: ChatSession, args: str) -> str:
        words = args.split()
        if len(words) not in (2, 3):
            raise self._usage("vergadering", "vergadering GREMIUM DATUM [UU:MM]")
        start = parse_time(words[2]) if len(words) == 3 else None
        reply = self.meetings.add(session.email, session.origin, words[0], parse_date(words[1]), start)
        return self._say(reply, session.lang)

    def _target(self, words: list[str], usage: str) -> tuple[dict[str, object], list[str]]:
        """[GREMIUM] DATUM|UID, then the rest."""
        if not words:
            raise Refused("chat.usage", usage=usage)
        if "@" in words[0]:
            return {"uid": words[0]}, words[1:]
        if _is_date(words[0]):
            return {"day": parse_date(words[0])}, words[1:]
        if len(words) < 2:
            raise Refused("chat.usage", usage=usage)
        if "@" in words[1]:
            return {"uid": words[1]}, words[2:]
        return {"gremium": words[0], "day": parse_date(words[1])}, words[2:]

    def move(self, session: ChatSession, args: str) -> str:
        usage = "verplaats [GREMIUM] DATUM|UID NIEUWE-DATUM [UU:MM]"
        target, rest = self._target(args.split(), usage)
        if len(rest) not in (1, 2):
            raise Refused("chat.usage", usage=usage)
        start = parse_time(rest[1]) if len(rest) == 2 else None
        reply = self.meetings.move(
            session.email,
            session.origin,
            parse_date(rest[0]),
            uid=_str(target.get("uid")),
            gremium=_str(target.get("gremium")),
            day=_day(target.get("day")),
            new_start=start,
        )
        return self._say(reply, session.lang)

    def cancel(self, session: ChatSession, args: str) -> str:
        usage = "annuleer [GREMIUM] DATUM|UID"
        target, rest = self._target(args.split(), usage)
        if rest:
            raise Refused("chat.usage", usage=usage)
        reply = self.meetings.cancel(
            session.email,
            session.origin,
            uid=_str(target.get("uid")),
            gremium=_str(target.get("gremium")),
            day=_day(target.get("day")),
        )
        return self._say(reply, session.lang)


def _offer(session: ChatSession, table: Table) -> None:
    """Leave *table* for a front end that lays lists out itself (it set ``extra["tables"]``)."""
    if session.extra.get(TABLES):
        session.extra[TABLE] = table


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _day(value: object) -> date | None:
    return value if isinstance(value, date) else None


def meeting_commands(bot: ChatBot, meetings: MeetingService) -> list[Command]:
    """The extension hook for `ChatBot(extensions=[...])`."""
    return MeetingCommands(bot, meetings).commands()
