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
from bot.domain.dates import parse_date
from bot.domain.errors import Refused
from bot.domain.meetings import MeetingRecord, MeetingStatus
from bot.domain.money import format_euro
from bot.domain.timezone import to_local
from bot.messages import render
from bot.messages.dates import format_date
from bot.reports.route import render_route
from bot.services.agenda import AgendaView
from bot.services.base import Reply
from bot.services.calendar_setup import notes_text
from bot.services.meetings import MeetingService

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
    return "\n".join(lines)


class MeetingCommands:
    def __init__(self, bot: ChatBot, meetings: MeetingService) -> None:
        self.bot = bot
        self.meetings = meetings

    def commands(self) -> list[Command]:
        return [
            Command("vergaderingen", ("meetings",), self.upcoming, "vergaderingen [GREMIUM]"),
            Command("route", (), self.route, "route DATUM"),
            Command("agenda", (), self.agenda, "agenda DATUM"),
            Command("agenderen", ("schedule",), self.schedule, "agenderen REF [DATUM] [toelaten]"),
            Command("vergadering", ("meeting",), self.add, "vergadering GREMIUM DATUM [UU:MM]"),
            Command("verplaats", ("move",), self.move, "verplaats [GREMIUM] DATUM|UID NIEUWE-DATUM [UU:MM]"),
            Command("annuleer", ("cancel",), self.cancel, "annuleer [GREMIUM] DATUM|UID"),
            Command("vergaderhulp", ("meetinghelp",), self.help, "vergaderhulp", open_to_all=True),
        ]

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
        return render("meetings.help", session.lang)

    def upcoming(self, session: ChatSession, args: str) -> str:
        records = self.meetings.upcoming(args.strip() or None)
        if not records:
            return render("meetings.none", session.lang)
        return "\n".join([render("meetings.header", session.lang), *(meeting_line(r, session.lang) for r in records)])

    def route(self, session: ChatSession, args: str) -> str:
        if not args.strip():
            raise self._usage("route", "route DATUM")
        day = parse_date(args.split()[0])
        return render_route(self.meetings.route(day), session.lang).rstrip("\n")

    def agenda(self, session: ChatSession, args: str) -> str:
        if not args.strip():
            raise self._usage("agenda", "agenda DATUM")
        return agenda_text(self.meetings.agenda(parse_date(args.split()[0])), session.lang)

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


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _day(value: object) -> date | None:
    return value if isinstance(value, date) else None


def meeting_commands(bot: ChatBot, meetings: MeetingService) -> list[Command]:
    """The extension hook for `ChatBot(extensions=[...])`."""
    return MeetingCommands(bot, meetings).commands()
