"""The programme cycle's chat commands: DIN coverage (`dekking`, §5), objections against decisions
(`bezwaar`, `bezwaren`, `bezwaar-afhandeling`, §3.1) and escalation to the ambtelijk facilitators
(`escaleer`, `escalatie`, `escalaties`, §3.2); an idea's `status` shows its escalations.

Registered through `ChatBot(extensions=...)`, so the console, Slack and Teams all have them. A front
end that shows images (``session.extra["images"]``) gets the coverage heat map as an attachment.
"""

from __future__ import annotations

import re

from bot.chat.bot import ChatBot, ChatSession, Command, after_cursor
from bot.chat.parsing import command_parts, pick
from bot.chat.status_notes import STATUS_ESCALATIONS, escalation_notes, sees_escalation_reason
from bot.chat.status_views import escalation_status, objection_status
from bot.chat.views import more_line
from bot.domain.errors import Refused
from bot.domain.timezone import to_local
from bot.messages import render
from bot.services.coverage import CoverageService
from bot.services.escalations import EscalationService
from bot.services.objections import ObjectionService

OBJECTION_USAGE = "bezwaar BESLUIT inhoud|proces TEKST"
HANDLING_USAGE = "bezwaar-afhandeling REF TEKST [| uitkomst: ...]"
ESCALATE_USAGE = "escaleer REF REDEN"
OUTCOME_USAGE = "escalatie REF uitkomst TEKST"
OUTCOME_WORDS = ("uitkomst", "outcome")


class CycleCommands:
    def __init__(self, bot: ChatBot, objections: ObjectionService, escalations: EscalationService,
                 coverage: CoverageService) -> None:
        self.bot = bot
        self.objections = objections
        self.escalations = escalations
        self.coverage = coverage
        bot.status_notes.append(self._status_note)

    def commands(self) -> list[Command]:
        prefix = re.escape(self.bot.programme.reference_prefix)
        code = self.bot.programme.reference_prefix
        self.bot.references.add("objection", rf"{prefix}-BZ-\d{{4}}-\d{{1,6}}", self._objection_status,
                                f"{code}-BZ-2026-001")
        self.bot.references.add("escalation", rf"{prefix}-ESC-\d{{4}}-\d{{1,6}}", self._escalation_status,
                                f"{code}-ESC-2026-001")
        handlers = tuple(self.objections.config.objections.handlers)
        facilitators = (self.escalations.config.role,)
        return [
            Command("dekking", ("coverage",), self._coverage, "dekking", area="cycle"),
            Command("bezwaar", ("objection",), self._object, OBJECTION_USAGE, open_to_all=True, area="cycle"),
            Command("bezwaren", ("objections",), self._objections, "bezwaren [alle] [na REF]", area="cycle"),
            Command("bezwaar-afhandeling", ("objection-handling",), self._handle, HANDLING_USAGE, area="cycle",
                    roles=handlers),
            Command("escaleer", ("escalate",), self._escalate, ESCALATE_USAGE, area="cycle",
                    roles=tuple(self.escalations.config.may_escalate)),
            Command("escalatie", ("escalation",), self._conclude, OUTCOME_USAGE, area="cycle", roles=facilitators),
            Command("escalaties", ("escalations",), self._escalation_list, "escalaties [alle] [na REF]", area="cycle"),
        ]

    def _objection_status(self, session: ChatSession, reference: str) -> str:
        """`status ZOD-BZ-...`: for the one who filed it and for everyone in the register."""
        objection = self.objections.get(reference)
        if objection.filed_by != session.email and not self.bot.in_register(session):
            raise Refused("chat.only_submit")
        return objection_status(objection, session.lang)

    def _escalation_status(self, session: ChatSession, reference: str) -> str:
        if not self.bot.in_register(session):
            raise Refused("chat.only_submit")
        return escalation_status(self.escalations.get(reference), session.lang, self._sees_reason(session.viewer))

    def _sees_reason(self, email: str | None) -> bool:
        """An escalation's reason is for those who handle it (§3.2: the kernteam, the programmadirecteur
        and the facilitators), not for the indiener or anyone else who may see the idea; the operator
        at the command line (None) holds the store already."""
        if email is None:
            return True
        return sees_escalation_reason(self.bot.people.get(email), self.escalations.config)

    # -- DIN coverage ------------------------------------------------------------------------------
    def _coverage(self, session: ChatSession, args: str) -> str:
        from bot.reports.coverage import chart_png, render_text

        report = self.coverage.overview()
        if session.extra.get("images"):
            session.extra.setdefault("attachments", []).append(
                {"name": "dekking.png", "mime": "image/png", "data": chart_png(report, session.lang)}
            )
        return render_text(report, session.lang, self.bot.programme.governance.procedure("voorstel"))

    # -- objections --------------------------------------------------------------------------------
    def _object(self, session: ChatSession, args: str) -> str:
        words = args.split(maxsplit=2)
        if len(words) < 3:
            raise Refused("chat.usage", usage=OBJECTION_USAGE)
        number, kind, text = words
        reply = self.objections.file(session.email, session.origin, number, kind, text)
        return self.bot.say(reply, session.lang)

    def _handle(self, session: ChatSession, args: str) -> str:
        positional, named = command_parts(args, *OUTCOME_WORDS)
        reference, _, handling = (positional[0] if positional else "").partition(" ")
        if not reference or not handling.strip():
            raise Refused("chat.usage", usage=HANDLING_USAGE)
        outcome = pick(named, OUTCOME_WORDS)
        reply = self.objections.handle(session.email, session.origin, reference, handling, outcome)
        return self.bot.say(reply, session.lang)

    def _objections(self, session: ChatSession, args: str) -> str:
        everything, rest = _all(args)
        page = self.objections.page(open_only=not everything, after=after_cursor(rest, "bezwaren"))
        if not page.items:
            return render("objections.none", session.lang)
        lines = [render("objections.header", session.lang)]
        for o in page.items:
            lines.append(render(
                "objections.line", session.lang, reference=o.reference,
                date=to_local(o.filed_at).strftime("%d-%m-%Y"), number=o.decision_number,
                kind=render(f"objection.kind.{o.kind.value}", session.lang),
                status=render(f"objection.status.{o.status.value}", session.lang), by=o.filed_by, text=o.text[:120],
            ))
        return "\n".join(lines + more_line(page, "objections", session.lang))

    # -- escalation --------------------------------------------------------------------------------
    def _escalate(self, session: ChatSession, args: str) -> str:
        reference, _, reason = args.strip().partition(" ")
        if not reference or not reason.strip():
            raise Refused("chat.usage", usage=ESCALATE_USAGE)
        return self.bot.say(self.escalations.escalate(session.email, session.origin, reference, reason),
                            session.lang)

    def _conclude(self, session: ChatSession, args: str) -> str:
        words = args.split(maxsplit=2)
        if len(words) < 3 or words[1].lower() not in OUTCOME_WORDS:
            raise Refused("chat.usage", usage=OUTCOME_USAGE)
        reply = self.escalations.conclude(session.email, session.origin, words[0], words[2])
        return self.bot.say(reply, session.lang)

    def _escalation_list(self, session: ChatSession, args: str) -> str:
        everything, rest = _all(args)
        page = self.escalations.page(open_only=not everything, after=after_cursor(rest, "escalaties"))
        if not page.items:
            return render("escalations.none", session.lang)
        lines = [render("escalations.header", session.lang)]
        sees = self._sees_reason(session.email)
        for e in page.items:
            lines.append(render(
                "escalations.line", session.lang, reference=e.reference,
                date=to_local(e.raised_at).strftime("%d-%m-%Y"), subject=e.subject_ref,
                status=render(f"escalation.status.{e.status.value}", session.lang), by=e.raised_by,
                reason=e.reason[:120] if sees else "-",
            ))
        return "\n".join(lines + more_line(page, "escalations", session.lang))

    def _status_note(self, viewer: str | None, reference: str, lang: str) -> list[str]:
        private = not self._sees_reason(viewer)
        return escalation_notes(self.escalations.of(reference, limit=STATUS_ESCALATIONS), lang, private,
                                self.bot.programme.governance.procedure("voorstel"))


def _all(args: str) -> tuple[bool, str]:
    word, _, rest = args.strip().partition(" ")
    if word.lower() in ("alle", "all"):
        return True, rest
    return False, args


def cycle_commands(bot: ChatBot, objections: ObjectionService, escalations: EscalationService,
                   coverage: CoverageService) -> list[Command]:
    return CycleCommands(bot, objections, escalations, coverage).commands()
