"""The budget's chat commands: spend requests under the mandate, decisions on them, the budget report.

Registered through `ChatBot(extensions=...)`, so the same commands reach the console, Slack and
Teams. Amounts are typed in Dutch notation ("€ 12.500", "12.500,00", "12500"); anything ambiguous
is refused with an example of what works. A front end that can show images sets
``session.extra["images"] = True``; the `budget` command then also leaves the chart as
``session.extra["attachments"]``: a list of ``{"name", "mime", "data"}`` dicts (PNG bytes).
"""

from __future__ import annotations

import re
from decimal import Decimal

from bot.chat.bot import ChatBot, ChatSession, Command, after_cursor
from bot.chat.forms import budget_say
from bot.chat.parsing import DATE, DECISION_PARTS, GROUPING_WORDS, command_parts, decision_fields, meaning, pick
from bot.chat.status_views import spend_status
from bot.chat.views import more_line, request_line
from bot.domain.dates import parse_date
from bot.domain.errors import Refused
from bot.domain.money import format_euro, parse_amount
from bot.messages import render
from bot.reports.budget_report import GROUPINGS, line_text
from bot.services.base import Reply
from bot.services.budget import BudgetService

SPEND_KIND = ("soort", "kind")  # the named parts of `uitgave`
SPEND_LINE = ("regel", "line")
_CURRENCY = {"€", "eur", "euro"}
_THOUSANDS = re.compile(r"^[0-9]{3}(?:,[0-9]{1,2}|,-)?$")
_FOR_IDEA = re.compile(r"\s+(?:voor|for)\s+([A-Za-z]+-\d{4}-\d+)\s*$", re.IGNORECASE)


def split_amount(text: str) -> tuple[Decimal, str]:
    """'€ 12.500 Onderzoek naar X' -> (Decimal('12500.00'), 'Onderzoek naar X').

    The amount is the first word (with a separate € or EUR before it); digit groups typed with
    spaces ("12 500") belong to it. Whatever parse_amount cannot read unambiguously is refused.
    """
    words = text.split()
    if not words:
        raise Refused("amount.empty")
    taken = 1
    if words[0].lower() in _CURRENCY and len(words) > 1:
        taken = 2
    while taken < len(words) and _THOUSANDS.match(words[taken]):
        taken += 1
    return parse_amount(" ".join(words[:taken])), " ".join(words[taken:])


class BudgetCommands:
    def __init__(self, bot: ChatBot, service: BudgetService) -> None:
        self.bot = bot
        self.budget = service

    def commands(self) -> list[Command]:
        prefix = re.escape(self.bot.programme.reference_prefix)
        self.bot.references.add(
            "spend",
            rf"{prefix}-U-\d{{4}}-\d{{1,6}}",
            self._status,
            f"{self.bot.programme.reference_prefix}-U-2026-0001",
        )
        return [
            Command(
                "uitgave",
                ("spend",),
                self._request,
                "uitgave BEDRAG OMSCHRIJVING [voor REF] [| soort: onderzoek|samenwerking|overig|project] "
                "[| regel: SLEUTEL]",
                area="budget",
            ),
            Command(
                "goedkeuren",
                ("approve",),
                self._approve,
                "goedkeuren REF",
                area="budget",
                roles=("programmadirecteur",),
            ),
            Command(
                "afwijzen",
                ("reject",),
                self._reject,
                "afwijzen REF REDEN",
                area="budget",
                roles=("programmadirecteur",),
            ),
            Command(
                "besluit-uitgave",
                ("decide-spend",),
                self._decide,
                "besluit-uitgave REF akkoord|afgewezen | aanwezig: a@b.nl, c@d.nl | overwegingen: ... "
                "[| bezwaren: ...] [| voorwaarden: ...] [| datum: DD-MM-JJJJ]",
                area="budget",
                roles=("staf",),
            ),
            Command(
                "begrotingsbesluit",
                ("budget-decision",),
                self._budget_decision,
                "begrotingsbesluit DATUM begroting|herziening | TEKST",
                area="budget",
                roles=("staf", "programmadirecteur"),
            ),
            Command("uitgaven", ("requests",), self._open, "uitgaven [na REF]", area="budget"),
            Command(
                "budget",
                ("begroting",),
                self._report,
                "budget [pijler|programmalijn|penvoerder|regels|help]",
                area="budget",
            ),
            Command("cofinanciering", ("cofinancing",), self._cofinancing, "cofinanciering BEDRAG", area="budget"),
            Command("mandaat", ("mandate",), self._mandate_report, "mandaat DATUM", area="budget"),
        ]

    def _status(self, session: ChatSession, reference: str) -> str:
        """`status ZOD-U-...`: for its requester and for everyone in the register (as `uitgaven`)."""
        request = self.budget.get_request(reference)
        if request.requester != session.email and not self.bot.in_register(session):
            raise Refused("status.spend.not_visible")
        notes = [
            line for note in self.bot.status_notes for line in note(session.viewer, request.reference, session.lang)
        ]
        procedure = self.bot.programme.governance.procedure("uitgave")
        return "\n".join([spend_status(request, session.lang, procedure), *notes])

    # -- rendering ---------------------------------------------------------------------------------
    def say(self, reply: Reply, lang: str) -> str:
        return budget_say(reply, lang)

    def _usage(self, name: str) -> Refused:
        return Refused("chat.usage", usage=self.bot.commands[name].usage)

    # -- commands ----------------------------------------------------------------------------------
    def _request(self, session: ChatSession, args: str) -> str:
        positional, named = command_parts(args, *SPEND_KIND, *SPEND_LINE)
        if not positional:
            raise self._usage("uitgave")
        amount, purpose = split_amount(" | ".join(positional))
        idea_ref = None
        found = _FOR_IDEA.search(purpose)
        if found:
            idea_ref = found.group(1).upper()
            purpose = purpose[: found.start()]
        if not purpose.strip():
            raise self._usage("uitgave")
        reply = self.budget.request(
            session.email,
            session.origin,
            amount,
            purpose.strip(),
            kind=pick(named, SPEND_KIND) or "overig",
            idea_ref=idea_ref,
            line_key=pick(named, SPEND_LINE),
        )
        return self.say(reply, session.lang)

    def _approve(self, session: ChatSession, args: str) -> str:
        reference = args.split()[0] if args.split() else ""
        if not reference:
            raise self._usage("goedkeuren")
        return self.say(self.budget.approve(session.email, session.origin, reference), session.lang)

    def _reject(self, session: ChatSession, args: str) -> str:
        reference, _, reason = args.partition(" ")
        if not reference:
            raise self._usage("afwijzen")
        return self.say(self.budget.reject(session.email, session.origin, reference, reason.strip()), session.lang)

    def _decide(self, session: ChatSession, args: str) -> str:
        positional, named = command_parts(args, *DATE, *DECISION_PARTS)
        if not positional:
            raise self._usage("besluit-uitgave")
        reference, _, outcome = positional[0].partition(" ")
        if not outcome.strip():
            raise self._usage("besluit-uitgave")
        day = pick(named, DATE)
        present, considerations, objections, conditions = decision_fields(named)
        reply = self.budget.decide(
            session.email,
            session.origin,
            reference,
            outcome,
            present,
            considerations,
            objections=objections,
            conditions=conditions,
            decided_on=parse_date(day) if day else None,
        )
        return self.say(reply, session.lang)

    def _budget_decision(self, session: ChatSession, args: str) -> str:
        """`begrotingsbesluit 13-12-2026 herziening | De stuurgroep stelt de herziene begroting 2027 vast`."""
        head, _, text = args.partition("|")
        words = head.split()
        if len(words) != 2 or not text.strip():
            raise self._usage("begrotingsbesluit")
        reply = self.budget.record_budget_decision(session.email, session.origin, parse_date(words[0]), words[1],
                                                   text.strip())
        return self.say(reply, session.lang)

    def _open(self, session: ChatSession, args: str) -> str:
        page = self.budget.open_page(after_cursor(args, "uitgaven"))
        if not page.items:
            return render("budget.requests.none", session.lang)
        procedure = self.bot.programme.governance.procedure("uitgave")
        lines = [render("budget.requests.header", session.lang),
                 *(request_line(r, session.lang, procedure) for r in page.items)]
        lines += more_line(page, "requests", session.lang)
        return "\n".join(lines)

    def _report(self, session: ChatSession, args: str) -> str:
        from bot.reports.budget_report import chart_png, render_text

        choice = meaning(GROUPING_WORDS, args)
        if choice in ("help", "hulp"):
            return self.bot.help_book.area("budget", session.lang)
        if choice in ("regels", "lines"):
            return self._lines(session)
        if choice and choice not in GROUPINGS:
            raise Refused("budget.report.unknown_grouping", by=choice[:40], options=", ".join(GROUPINGS))
        report = self.budget.report(choice or None)
        if session.extra.get("images") and report.rows:
            attachment = {
                "name": f"begroting-{report.by}.png",
                "mime": "image/png",
                "data": chart_png(report, session.lang),
            }
            session.extra.setdefault("attachments", []).append(attachment)
        return render_text(report, session.lang).rstrip("\n")

    def _lines(self, session: ChatSession) -> str:
        out = [render("budget.lines.header", session.lang)]
        out.extend(line_text(line, balance, session.lang) for line, balance in self.budget.lines())
        return "\n".join(out)

    def _cofinancing(self, session: ChatSession, args: str) -> str:
        if not args.strip():
            raise self._usage("cofinanciering")
        return cofinancing_text(self.budget, parse_amount(args), session.lang)

    def _mandate_report(self, session: ChatSession, args: str) -> str:
        if not args.strip():
            raise self._usage("mandaat")
        return self.budget.mandate_report(parse_date(args.split()[0]), session.lang).rstrip("\n")


def cofinancing_text(service: BudgetService, amount: Decimal, lang: str) -> str:
    """The split of *amount* in text: the province's share (where the programme has one), then each
    municipality by population."""
    shares = service.cofinancing(amount)
    config = service.config.cofinancing
    assert config is not None  # service.cofinancing refuses without it
    share = f"{(config.province_share * 100).normalize():f}".replace(".", ",") + "%"
    if config.province is None:
        lines = [render("budget.cofinancing.header_municipalities", lang, amount=format_euro(amount))]
    else:
        lines = [render("budget.cofinancing.header", lang, amount=format_euro(amount), province=config.province,
                        share=share)]
    lines += [
        render("budget.cofinancing.line", lang, name=name, amount=format_euro(value)) for name, value in shares.items()
    ]
    if config.source or config.reference_year:
        lines.append(
            render("budget.cofinancing.source", lang, year=config.reference_year or "-", source=config.source or "-")
        )
    return "\n".join(lines)


def budget_commands(bot: ChatBot, service: BudgetService | None = None) -> list[Command]:
    """The budget area's commands for *bot* (with the application's BudgetService when given)."""
    return BudgetCommands(bot, service or BudgetService(bot.ideas.ctx)).commands()
