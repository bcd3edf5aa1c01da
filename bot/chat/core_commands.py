"""The chat's own command table: help, who, language, status, and an idea's way from submission to
completion (oppakken, orientatie, voorstel, ... afronden), each a method that parses its arguments and
calls the idea service. Apart from the dispatch (`bot.chat.bot.ChatBot`: sessions, the table's words,
refusals and replies in words) as the other areas' commands are (`round_commands`, `budget_commands`);
it knows the bot only as `ChatCore`, so it does not import it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol

from bot.chat.advice import advice_questions, assessment_item, idea_questions
from bot.chat.dialogs import Dialog
from bot.chat.help import ALL_WORDS, HelpBook
from bot.chat.parsing import (
    AMOUNT,
    DECISION_PARTS,
    DECISION_WORDS,
    DIN_WORDS,
    ORIENTATION_WORDS,
    REQUEST_WORDS,
    TASK_WORDS,
    after_cursor,
    command_parts,
    decision_fields,
    idea_parts,
    meaning,
    parse_judgement,
    parse_verdict,
    pick,
    split_list,
)
from bot.chat.references import ReferenceKinds, idea_pattern
from bot.chat.session import ChatSession, Command
from bot.chat.status_views import decision_status
from bot.chat.views import (
    college_requests_lines,
    decisions_view,
    idea_page_lines,
    idea_view,
    mine_view,
    named_people,
    open_view,
    tasks_view,
)
from bot.domain.dates import parse_date
from bot.domain.decision_register import IDEA
from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.member_bodies import bodies_deciding
from bot.domain.money import parse_amount
from bot.domain.programme import Programme
from bot.messages import LANGUAGES, render
from bot.services.base import Reply
from bot.services.ideas import IdeaService
from bot.services.people import PeopleService

DEVELOPMENT_ADVICE = ("ontwikkeladvies", "advies", "advice")  # the named part of `advies`


class ChatCore(Protocol):
    """What the core commands use of the bot (`bot.chat.bot.ChatBot`)."""

    ideas: IdeaService
    people: PeopleService
    programme: Programme
    commands: dict[str, Command]
    status_notes: list[Callable[[str | None, str, str], list[str]]]
    references: ReferenceKinds
    help_book: HelpBook

    def say(self, reply: Reply, lang: str) -> str: ...

    def in_register(self, session: ChatSession) -> bool: ...


class CoreCommands:
    def __init__(self, bot: ChatCore) -> None:
        self.bot = bot
        self.ideas = bot.ideas
        self.people = bot.people
        self.programme = bot.programme

    def commands(self) -> list[Command]:
        """The table, and the reference kinds `status` knows from here: an idea and a decision."""
        prefix = self.programme.reference_prefix
        self.bot.references.add("idea", idea_pattern(prefix), self._idea_status,
                                f"{prefix}-2026-0007")
        self.bot.references.add("decision", rf"{re.escape(prefix)}-B-\d{{4}}-\d{{1,6}}", self._decision_status,
                                f"{prefix}-B-2026-001")
        team = ("kernteam", "coordinatieteam", "staf", "programmadirecteur")
        return [
            Command("help", ("hulp", "?"), self._help, "help [alles]", open_to_all=True, words=ALL_WORDS),
            Command("idee", ("idea",), self._idea, "idee [titel | omschrijving]", open_to_all=True),
            Command("status", (), self._status, "status REF", open_to_all=True),
            Command("mijn", ("mine",), self._mine, "mijn [taken] [na REF]", open_to_all=True,
                    words=frozenset(TASK_WORDS)),
            Command("wie", ("whoami",), self._whoami, "wie", open_to_all=True),
            Command("taal", ("language",), self._language, "taal nl|en", open_to_all=True,
                    words=frozenset(LANGUAGES)),
            Command("open", ("ideeen", "ideas"), self._open, "open [na REF]", roles=team),
            Command("oppakken", ("pickup",), self._pick_up, "oppakken REF [EMAIL]", action="pick_up"),
            Command(
                "orientatie",
                ("oriëntatie", "orientation"),
                self._orientation,
                "orientatie REF ontwerpteam EMAIL[, EMAIL] | orientatie REF alliantie|niet-verder REDEN",
                action="orientation_outcome",
            ),
            Command(
                "voorstel",
                ("proposal",),
                self._proposal,
                "voorstel REF project|programma|experiment",
                True,
                action="start_proposal",
            ),
            Command("deel", ("part",), self._part, "deel REF ONDERDEEL TEKST", True, action="set_part"),
            Command(
                "din",
                ("link",),
                self._din,
                "din REF opgave|programmalijn|subdoel|principe WAARDE",
                True,
                action="link_din",
            ),
            Command("toetsing", ("review",), self._review, "toetsing REF", action="submit_for_review"),
            Command("advies", ("advice",), self._advice, "advies REF", action="record_advice"),
            Command("onthouding", ("recuse",), self._recuse, "onthouding REF", action="recuse"),
            Command("agenderen", ("schedule",), self._schedule, "agenderen REF DATUM", action="schedule"),
            Command(
                "besluit",
                ("decide",),
                self._decide,
                "besluit REF akkoord|afgewezen|terug | aanwezig: a@b.nl | overwegingen: ... [| bedrag: 45.000]",
                action="decide",
            ),
            Command("uitvoering", ("start",), self._start, "uitvoering REF", action="start_execution"),
            Command("voortgang", ("progress",), self._progress, "voortgang REF TEKST", True, action="report_progress"),
            Command("afronden", ("complete",), self._complete, "afronden REF EVALUATIE", action="complete"),
            Command("besluiten", ("decisions",), self._decisions, "besluiten [na NUMMER]"),
        ]

    def _usage(self, session: ChatSession, name: str) -> Refused:
        return Refused("chat.usage", usage=self.bot.commands[name].usage)

    def _ref_and_rest(self, session: ChatSession, args: str, name: str, need_rest: bool = True) -> tuple[str, str]:
        reference, _, rest = args.partition(" ")
        if not reference or (need_rest and not rest.strip()):
            raise self._usage(session, name)
        return reference, rest.strip()

    def _help(self, session: ChatSession, args: str) -> str:
        return self.bot.help_book.answer(session, args)

    def _whoami(self, session: ChatSession, args: str) -> str:
        person = self.people.get(session.email)
        if person is None:
            return render("whoami.unknown", session.lang, email=session.email)
        roles = ", ".join(self.programme.role_name(r, session.lang) for r in person.roles) or "-"
        return render("whoami", session.lang, name=person.name, email=person.email, roles=roles)

    def _language(self, session: ChatSession, args: str) -> str:
        choice = args.strip().lower()
        if choice not in LANGUAGES:
            raise Refused("person.bad_language", language=choice[:10])
        session.lang = choice
        return self.bot.say(self.people.set_language(session.email, session.origin, choice), choice)

    def _idea(self, session: ChatSession, args: str) -> str:
        if not args:
            session.dialog = Dialog(
                questions=idea_questions(self.programme),
                finish=lambda a: self.bot.say(
                    self.ideas.submit(
                        session.email,
                        session.origin,
                        a["title"],
                        a["description"],
                        a["organisation"],
                        a["support"],
                        a["opgaven"] or (),
                        a["line"],
                        language=session.lang,
                    ),
                    session.lang,
                ),
            )
            return session.dialog.prompt(session.lang)
        positional, named = idea_parts(args)
        if len(positional) < 2:
            raise self._usage(session, "idee")
        reply = self.ideas.submit(
            session.email,
            session.origin,
            positional[0],
            " | ".join(positional[1:]),
            named.get("organisation"),
            named.get("support"),
            split_list(named.get("opgaven", "")),
            named.get("line"),
            language=session.lang,
        )
        return self.bot.say(reply, session.lang)

    def _status(self, session: ChatSession, args: str) -> str:
        if not args:
            raise self._usage(session, "status")
        return self.bot.references.answer(session, args.split()[0].strip()[:80])

    def _idea_status(self, session: ChatSession, reference: str) -> str:
        idea = self._operator_idea(reference) if session.operator else self.ideas.status(session.email, reference)
        notes = [line for note in self.bot.status_notes for line in note(session.viewer, idea.reference, session.lang)]
        people = named_people(idea, self.people.get)
        return "\n".join([idea_view(idea, self.programme, session.lang, people), *notes])

    def _operator_idea(self, reference: str) -> Idea:
        """Any idea: the operator is not asked whose it is."""
        idea = self.ideas.find(reference)
        if idea is None:
            raise Refused("idea.unknown_reference", reference=reference.strip()[:40])
        return idea

    def _decision_status(self, session: ChatSession, number: str) -> str:
        entry = self.ideas.decision(number)
        if entry is None:
            raise Refused("status.decision.unknown", number=number[:40])
        if not self.bot.in_register(session):  # a guest sees the decisions on their own ideas only
            if entry.kind != IDEA:
                raise Refused("chat.only_submit")
            self.ideas.status(session.email, entry.reference)
        idea = self.ideas.find(entry.reference) if entry.kind == IDEA else None
        if idea is None:
            return decision_status(entry, idea, session.lang)
        return decision_status(entry, idea, session.lang, self.programme.governance.procedure("voorstel"))

    def _mine(self, session: ChatSession, args: str) -> str:
        """`mijn`: the first page of each list; `mijn na REF`, `mijn taken [na REF]` and (an accounthouder's
        college's spend requests) `mijn uitgaven [na REF]` page on."""
        word, _, rest = args.partition(" ")
        if word.lower() in TASK_WORDS:
            return tasks_view(self.ideas.tasks(session.email, after_cursor(rest, "mijn taken")), session.lang,
                              self.programme.governance.procedure("voorstel"))
        if word.lower() in REQUEST_WORDS and bodies_deciding(self.programme, "uitgave"):
            requests = self.ideas.college_requests(session.email, after_cursor(rest, "mijn uitgaven"))
            if not requests.items:
                return render("mine.no_requests", session.lang)
            return "\n".join(college_requests_lines(requests, self.programme, session.lang))
        after = after_cursor(args, "mijn")
        if after is None:
            return mine_view(self.ideas.mine(session.email), self.programme, session.lang)
        person = self.people.get(session.email)
        name = person.name if person else session.email
        page = self.ideas.involved(session.email, after)
        procedure = self.programme.governance.procedure("voorstel")
        lines = idea_page_lines(page, "mine", session.lang, procedure)
        return "\n".join([render("mine.header", session.lang, name=name), *lines])

    def _open(self, session: ChatSession, args: str) -> str:
        return open_view(self.ideas.open_page(after_cursor(args, "open")), session.lang,
                         self.programme.governance.procedure("voorstel"))

    def _pick_up(self, session: ChatSession, args: str) -> str:
        reference, rest = self._ref_and_rest(session, args, "oppakken", need_rest=False)
        return self.bot.say(self.ideas.pick_up(session.email, session.origin, reference, rest or None), session.lang)

    def _orientation(self, session: ChatSession, args: str) -> str:
        reference, rest = self._ref_and_rest(session, args, "orientatie")
        outcome, _, detail = rest.partition(" ")
        outcome = meaning(ORIENTATION_WORDS, outcome)
        if outcome == "ontwerpteam":
            emails, _, note = detail.partition("|")
            reply = self.ideas.conclude_orientation(
                session.email, session.origin, reference, outcome, split_list(emails), note.strip() or None
            )
        else:
            reply = self.ideas.conclude_orientation(session.email, session.origin, reference, outcome, (), detail)
        return self.bot.say(reply, session.lang)

    def _proposal(self, session: ChatSession, args: str) -> str:
        reference, rest = self._ref_and_rest(session, args, "voorstel")
        return self.bot.say(self.ideas.start_proposal(session.email, session.origin, reference, rest), session.lang)

    def _part(self, session: ChatSession, args: str) -> str:
        reference, rest = self._ref_and_rest(session, args, "deel")
        part, _, text = rest.partition(" ")
        return self.bot.say(self.ideas.set_part(session.email, session.origin, reference, part, text), session.lang)

    def _din(self, session: ChatSession, args: str) -> str:
        reference, rest = self._ref_and_rest(session, args, "din")
        kind, _, value = rest.partition(" ")
        if not value.strip():
            raise self._usage(session, "din")
        return self.bot.say(
            self.ideas.link_din(session.email, session.origin, reference, meaning(DIN_WORDS, kind), value),
            session.lang,
        )

    def _review(self, session: ChatSession, args: str) -> str:
        reference, _ = self._ref_and_rest(session, args, "toetsing", need_rest=False)
        return self.bot.say(self.ideas.submit_for_review(session.email, session.origin, reference), session.lang)

    def _recuse(self, session: ChatSession, args: str) -> str:
        reference, _ = self._ref_and_rest(session, args, "onthouding", need_rest=False)
        return self.bot.say(self.ideas.recuse(session.email, session.origin, reference), session.lang)

    def _schedule(self, session: ChatSession, args: str) -> str:
        reference, rest = self._ref_and_rest(session, args, "agenderen")
        meeting = parse_date(rest)
        return self.bot.say(self.ideas.schedule(session.email, session.origin, reference, meeting), session.lang)

    def _advice(self, session: ChatSession, args: str) -> str:
        positional, named = command_parts(args, *DEVELOPMENT_ADVICE)
        if not positional:
            raise self._usage(session, "advies")
        reference, _, verdict = positional[0].partition(" ")
        if not verdict.strip():
            self.ideas.status(session.email, reference)  # unknown reference: refuse before asking questions
            return self._advice_dialog(session, reference)
        criteria: dict[str, tuple[str, str]] = {}
        principles: dict[str, tuple[str, str]] = {}
        for segment in positional[1:]:
            name, _, judgement = segment.partition("=")
            key = assessment_item(self.programme, name)
            target = criteria if key in self.programme.criteria else principles
            target[key] = parse_judgement(judgement, name.strip())
        reply = self.ideas.record_advice(
            session.email,
            session.origin,
            reference,
            parse_verdict(verdict),
            criteria,
            principles,
            pick(named, DEVELOPMENT_ADVICE) or "",
        )
        return self.bot.say(reply, session.lang)

    def _advice_dialog(self, session: ChatSession, reference: str) -> str:
        questions = advice_questions(self.programme)

        def finish(answers: dict[str, Any]) -> str:
            criteria = {k[2:]: v for k, v in answers.items() if k.startswith("c:")}
            principles = {k[2:]: v for k, v in answers.items() if k.startswith("p:")}
            reply = self.ideas.record_advice(
                session.email, session.origin, reference, answers["verdict"], criteria, principles, answers["advice"]
            )
            return self.bot.say(reply, session.lang)

        session.dialog = Dialog(questions, finish, what="dialog.advice")
        return session.dialog.prompt(session.lang)

    def _decide(self, session: ChatSession, args: str) -> str:
        positional, named = command_parts(args, *AMOUNT, *DECISION_PARTS)
        if not positional:
            raise self._usage(session, "besluit")
        reference, _, outcome = positional[0].partition(" ")
        if not outcome.strip():
            raise self._usage(session, "besluit")
        amount_text = pick(named, AMOUNT)
        present, considerations, objections, conditions = decision_fields(named)
        reply = self.ideas.decide(
            session.email,
            session.origin,
            reference,
            meaning(DECISION_WORDS, outcome),
            present,
            considerations,
            objections=objections,
            conditions=conditions,
            amount=parse_amount(amount_text) if amount_text else None,
        )
        return self.bot.say(reply, session.lang)

    def _start(self, session: ChatSession, args: str) -> str:
        reference, _ = self._ref_and_rest(session, args, "uitvoering", need_rest=False)
        return self.bot.say(self.ideas.start_execution(session.email, session.origin, reference), session.lang)

    def _progress(self, session: ChatSession, args: str) -> str:
        reference, rest = self._ref_and_rest(session, args, "voortgang")
        return self.bot.say(self.ideas.report_progress(session.email, session.origin, reference, rest), session.lang)

    def _complete(self, session: ChatSession, args: str) -> str:
        reference, rest = self._ref_and_rest(session, args, "afronden")
        return self.bot.say(self.ideas.complete(session.email, session.origin, reference, rest), session.lang)

    def _decisions(self, session: ChatSession, args: str) -> str:
        return decisions_view(self.ideas.decisions(after_cursor(args, "besluiten")), session.lang)
