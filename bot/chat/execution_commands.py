"""The programme cycle's chat commands: progress reports (a guided form without a text), the
progress overview per reporting moment, beschikkingen and realisations, the communicatiekalender.

Registered through `ChatBot(extensions=...)`, so the console, Slack and Teams all have them.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from bot.chat.bot import ChatBot, ChatSession, Command, after_cursor
from bot.chat.budget_commands import split_amount
from bot.chat.dialogs import Dialog, Question
from bot.chat.meeting_commands import parse_time
from bot.chat.parsing import GROUPING_WORDS, meaning, pick, split_segments
from bot.chat.views import more_line
from bot.domain.budget import ZERO
from bot.domain.dates import parse_date
from bot.domain.errors import Refused
from bot.domain.money import format_euro, parse_amount
from bot.domain.text import clean_text
from bot.domain.timezone import AMSTERDAM, to_local
from bot.messages import render
from bot.reports.budget_report import GROUPINGS, GroupBy
from bot.reports.progress_report import render_progress_text
from bot.services.base import Reply
from bot.services.beschikking import BeschikkingService, MoneyTotals
from bot.services.communication import CommunicationService
from bot.services.ports.execution import CommunicationItem, ProjectMoney
from bot.services.progress import ProgressService

DEFAULT_HOUR = time(9, 0)
# The named parts of `voortgangsrapport` (any other segment is the report's text).
SPENT, MILESTONES, RISKS = ("besteed", "spent"), ("mijlpalen", "milestones"), ("risico", "risks")
PROGRESS_PARTS = ("moment", *SPENT, *MILESTONES, *RISKS)


def when_of(words: list[str]) -> tuple[datetime, list[str]]:
    """'DATUM [UU:MM] rest...' -> (the moment in Amsterdam, rest); 09:00 without a time."""
    if not words:
        raise Refused("date.invalid", text="")
    day = parse_date(words[0])
    rest = words[1:]
    at = DEFAULT_HOUR
    if rest and ":" in rest[0]:
        at, rest = parse_time(rest[0]), rest[1:]
    return datetime.combine(day, at, tzinfo=AMSTERDAM), rest


class ExecutionCommands:
    def __init__(self, bot: ChatBot, progress: ProgressService, beschikking: BeschikkingService,
                 communication: CommunicationService) -> None:
        self.bot = bot
        self.progress = progress
        self.beschikking = beschikking
        self.communication = communication

    def commands(self) -> list[Command]:
        return [
            Command("voortgangsrapport", ("progress-report",), self._report,
                    "voortgangsrapport REF [TEKST | mijlpalen: ... | besteed: BEDRAG | risico: ... | moment: JJJJ-MM]",
                    area="execution"),
            Command("voortgang-overzicht", ("progress-overview",), self._overview,
                    "voortgang-overzicht [JJJJ-MM] [pijler|programmalijn|penvoerder]", area="execution"),
            Command("beschikking", ("decision-letter",), self._beschikking, "beschikking REF DATUM BEDRAG KENMERK",
                    area="execution", roles=("staf",)),
            Command("realisatie", ("realisation",), self._realise, "realisatie REF BEDRAG [OMSCHRIJVING]",
                    area="execution", roles=("staf",)),
            Command("beschikkingen", ("project-money",), self._money, "beschikkingen [na REF]", area="execution"),
            Command("communicatie", ("communication",), self._communication,
                    "communicatie [plan DATUM [UU:MM] KANAAL DOELGROEP | tekst] [verplaats C-N DATUM] [annuleer C-N]",
                    area="execution"),
        ]

    def _say(self, reply: Reply, lang: str) -> str:
        return render(reply.code, lang, **reply.params)

    # -- progress ------------------------------------------------------------------------------------
    def _report(self, session: ChatSession, args: str) -> str:
        reference, _, rest = args.strip().partition(" ")  # first: an imported reference has a colon
        if not reference:
            raise Refused("progress.usage")
        positional, named = split_segments(rest, known=PROGRESS_PARTS)  # the rest is the report's text
        moment = named.get("moment")
        if not positional:
            return self._form(session, reference, moment)
        spent = pick(named, SPENT)
        reply = self.progress.report(
            session.email, session.origin, reference, " | ".join(positional),
            milestones=pick(named, MILESTONES),
            spent=parse_amount(spent) if spent else None,
            risks=pick(named, RISKS), moment=moment,
        )
        return self._say(reply, session.lang)

    def _form(self, session: ChatSession, reference: str, moment: str | None) -> str:
        """The guided form: progress, milestones (the proposal's listed with the question), spent, risks."""
        chosen = self.progress.moment(moment)
        lang = session.lang
        limit = self.bot.programme.limits.text_max
        parts = self.progress.form_hint(reference)
        hint = render("progress.form.hint", lang, parts=" ".join(parts.split())[:400]) if parts else ""
        label = chosen.label(lang)

        def finish(answers: dict[str, Any]) -> str:
            reply = self.progress.report(session.email, session.origin, reference, answers["text"],
                                         milestones=answers.get("milestones"), spent=answers.get("spent"),
                                         risks=answers.get("risks"), moment=chosen.key)
            return self._say(reply, lang)

        session.dialog = Dialog(
            questions=[
                Question("text", "progress.form.text", {"reference": reference.upper(), "moment": label},
                         parse=lambda t: clean_text(t, "voortgang", limit)),
                Question("milestones", "progress.form.milestones", {"hint": hint}, optional=True),
                Question("spent", "progress.form.spent", optional=True, parse=parse_amount),
                Question("risks", "progress.form.risks", optional=True),
            ],
            finish=finish,
        )
        return session.dialog.prompt(lang)

    def _overview(self, session: ChatSession, args: str) -> str:
        moment: str | None = None
        by: str = self.beschikking_grouping()
        for word in args.split():
            if (grouping := meaning(GROUPING_WORDS, word)) in GROUPINGS:
                by = grouping
            elif moment is None:
                moment = word
            else:
                raise Refused("chat.usage", usage=self.bot.commands["voortgang-overzicht"].usage)
        chosen: GroupBy = next((g for g in GROUPINGS if g == by), "pijler")
        return render_progress_text(self.progress.overview(moment, chosen, session.lang), session.lang)

    def beschikking_grouping(self) -> str:
        grouping = str(self.bot.programme.raw.get("begroting", {}).get("indeling", "pijler"))
        return grouping if grouping in GROUPINGS else "pijler"

    # -- beschikkingen -------------------------------------------------------------------------------
    def _beschikking(self, session: ChatSession, args: str) -> str:
        words = args.split()
        if len(words) < 4:
            raise Refused("chat.usage", usage=render("beschikking.usage", session.lang))
        reference, day = words[0], parse_date(words[1])
        amount, kenmerk = split_amount(" ".join(words[2:]))
        if not kenmerk.strip():
            raise Refused("chat.usage", usage=render("beschikking.usage", session.lang))
        return self._say(self.beschikking.record(session.email, session.origin, reference, day, amount, kenmerk),
                         session.lang)

    def _realise(self, session: ChatSession, args: str) -> str:
        reference, _, rest = args.strip().partition(" ")
        if not reference or not rest.strip():
            raise Refused("chat.usage", usage=render("realisation.usage", session.lang))
        amount, note = split_amount(rest)
        return self._say(self.beschikking.realise(session.email, session.origin, reference, amount, note),
                         session.lang)

    def _money(self, session: ChatSession, args: str) -> str:
        lang = session.lang
        page = self.beschikking.money_page(after_cursor(args, "beschikkingen"))
        if not page.items:
            return render("beschikking.list.empty", lang)
        lines = [render("beschikking.list.title", lang), *(money_line(m, lang) for m in page.items)]
        lines += more_line(page, "beschikkingen", lang)
        lines.append(money_totals(self.beschikking.totals(), lang))
        return "\n".join(lines)

    # -- the communicatiekalender --------------------------------------------------------------------
    def _communication(self, session: ChatSession, args: str) -> str:
        head, _, text = args.partition("|")
        words = head.split()
        verb = words[0].lower() if words else ""
        usage = Refused("chat.usage", usage=render("communication.usage", session.lang))
        if verb == "plan":
            when, rest = when_of(words[1:])
            if len(rest) != 2 or not text.strip():
                raise usage
            reply = self.communication.plan(session.email, session.origin, when, rest[0], rest[1], text.strip())
        elif verb in ("verplaats", "move"):
            if len(words) < 3:
                raise usage
            when, rest = when_of(words[2:])
            if rest:
                raise usage
            reply = self.communication.move(session.email, session.origin, words[1], when)
        elif verb in ("annuleer", "cancel"):
            if len(words) != 2:
                raise usage
            reply = self.communication.cancel(session.email, session.origin, words[1])
        else:
            return self._list(session, words)
        return self._say(reply, session.lang)

    def _list(self, session: ChatSession, words: list[str]) -> str:
        lang = session.lang
        everything = bool(words) and words[0].lower() in ("alles", "all")
        rest = " ".join(words[1:] if everything else words)
        page = self.communication.page(after_cursor(rest, "communicatie"), include_done=everything)
        if not page.items:
            return render("communication.list.empty", lang)
        lines = [render("communication.list.title", lang), *(item_line(item, lang) for item in page.items)]
        lines += more_line(page, "communication_all" if everything else "communication", lang)
        return "\n".join(lines)


def money_line(m: ProjectMoney, lang: str) -> str:
    """One project of `beschikkingen` (and `vaart beschikking list`): allocated, beschikt, realised, left."""
    beschikt = format_euro(m.beschikt) if m.beschikt is not None else render("beschikking.list.none", lang)
    return render("beschikking.list.line", lang, reference=m.reference, name=m.name,
                  allocated=format_euro(m.allocated), beschikt=beschikt, realised=format_euro(m.realised),
                  remaining=format_euro((m.beschikt or ZERO) - m.realised))


def money_totals(totals: MoneyTotals, lang: str) -> str:
    return render("beschikking.list.totals", lang, allocated=format_euro(totals.allocated),
                  beschikt=format_euro(totals.beschikt), realised=format_euro(totals.realised),
                  remaining=format_euro(totals.remaining))


def item_line(item: CommunicationItem, lang: str) -> str:
    """One item of the communicatiekalender, as `communicatie` and `vaart communication list` show it."""
    return render("communication.list.line", lang, reference=item.reference,
                  when=to_local(item.send_at).strftime("%d-%m-%Y %H:%M"), channel=item.channel,
                  audience=item.audience, status=item.status, text=" ".join(item.text.split())[:120])


def execution_commands(bot: ChatBot, progress: ProgressService, beschikking: BeschikkingService,
                   communication: CommunicationService) -> list[Command]:
    return ExecutionCommands(bot, progress, beschikking, communication).commands()
