"""`help` as people expect it: first what this person can do now (by their roles, and on their own
ideas in the state those are in), then `help alles` for every command, grouped by area. Every line
comes from the one command table and the wording catalogue (`usage.NAME`, `help.cmd.NAME`), so
the console, Slack and Teams show the same help in the person's language.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.chat.parsing import COLLEGE_REQUESTS
from bot.chat.session import ChatSession, Command
from bot.domain.governance import CONSENSUS
from bot.domain.lifecycle import ACTIONS, DESIGNER, SUBMITTER
from bot.domain.member_bodies import bodies_deciding, bodies_recorded_by
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.messages import has, profiled, render
from bot.services.ideas import IdeaService
from bot.services.people import PeopleService

ALL_WORDS = frozenset({"alles", "all", "alle"})
AREAS = ("core", "meetings", "budget", "rules", "cycle", "execution", "other")
OWN_IDEAS_SHOWN = 5  # the newest own ideas help looks at; `mijn` pages through the rest
RELATIONS = frozenset({SUBMITTER, DESIGNER})


def usage_text(command: Command, lang: str, procedure: str = CONSENSUS, variant: str | None = None) -> str:
    """`usage.NAME`, the profile's own, or the reader's *variant* where it has one
    (`usage.college-requests.mijn`: an accounthouder's `mijn uitgaven`)."""
    code = _worded("usage", command, procedure, variant)
    return render(code, lang) if has(code) else command.usage


def description(command: Command, lang: str, procedure: str = CONSENSUS, variant: str | None = None) -> str:
    """`help.cmd.NAME`, or the profile's own (`help.cmd.per-member-body.bezwaar`: no stuurgroep in the VDG),
    or the reader's *variant*."""
    code = _worded("help.cmd", command, procedure, variant)
    return render(code, lang) if has(code) else ""


def _worded(kind: str, command: Command, procedure: str, variant: str | None) -> str:
    special = f"{kind}.{variant}.{command.name}"
    return special if variant and has(special) else profiled(kind, command.name, procedure)


def help_line(command: Command, lang: str, procedure: str = CONSENSUS, variant: str | None = None) -> str:
    usage = usage_text(command, lang, procedure, variant)
    text = description(command, lang, procedure, variant)
    if not text:
        return f"  {usage}"
    if len(usage) > 44:
        return f"  {usage}\n  {'':44} {text}"
    return f"  {usage:<44} {text}"


def staff_roles(command: Command) -> frozenset[str]:
    """The roles a command is for: its lifecycle action's actors (less the relations to an idea),
    or the roles it names; empty when it is for everyone it is open to."""
    if command.action:
        return frozenset(ACTIONS[command.action].actors) - RELATIONS
    return frozenset(command.roles)


def available(command: Command, person: Person | None) -> bool:
    """Whether *person* (None: a guest) can use *command* now, apart from their own ideas."""
    roles = staff_roles(command)
    if roles:
        return person is not None and person.has_role(*roles)
    return command.open_to_all or person is not None


class HelpBook:
    def __init__(self, commands: Mapping[str, Command], people: PeopleService, ideas: IdeaService,
                 programme: Programme) -> None:
        """*commands*: the bot's table by word (filled in after this is made; read at each help)."""
        self.commands = commands
        self.people = people
        self.ideas = ideas
        self.programme = programme
        self._procedure = programme.governance.procedure("voorstel")  # whose wording the help speaks
        # the wording for everyone (`help alles`, `help mijn`): `mijn uitgaven` where the colleges decide on spending
        self._every = COLLEGE_REQUESTS if bodies_deciding(programme, "uitgave") else None

    def _variant(self, person: Person | None) -> str | None:
        """The reader's own wording: `mijn uitgaven` for whoever records a college's decision on spending,
        as `mijn uitgaven` lists it (`bodies_recorded_by`); nobody else is told of "your college"."""
        if person is not None and bodies_recorded_by(person, self.programme, "uitgave"):
            return COLLEGE_REQUESTS
        return None

    def unique(self) -> list[Command]:
        seen: dict[str, Command] = {}
        for command in self.commands.values():
            seen.setdefault(command.name, command)
        return list(seen.values())

    def answer(self, session: ChatSession, args: str) -> str:
        word = args.strip().lower()
        if word in ALL_WORDS:
            return self.everything(session.lang)
        if word:
            command = self.commands.get(word)
            if command is None:
                return render("help.unknown", session.lang, command=word[:40])
            return render(
                "help.one",
                session.lang,
                usage=usage_text(command, session.lang, self._procedure, self._every),
                description=description(command, session.lang, self._procedure, self._every),
            )
        return self.now(session)

    def now(self, session: ChatSession) -> str:
        lang = session.lang
        person = self.people.get(session.email)
        if person is None:
            who = render("help.guest", lang)
        else:
            roles = ", ".join(self.programme.role_name(r, lang) for r in person.roles)
            who = f"{person.name}, {roles}" if roles else person.name
        lines = [render("help.now", lang, who=who)]
        core = [c for c in self.unique() if c.area == "core" and available(c, person)]
        mine = self._variant(person)
        lines += [help_line(c, lang, self._procedure, mine) for c in core]
        others = [c for c in self.unique() if c.area != "core" and available(c, person)]
        lines += [help_line(c, lang, self._procedure, mine) for c in others]
        own = self.own_ideas(session, person)
        if own:
            lines += [render("help.own_header", lang), *own]
        lines.append(render("help.all_hint", lang))
        return "\n".join(lines)

    def own_ideas(self, session: ChatSession, person: Person | None) -> list[str]:
        """A line per own idea (submitted or designed) with the commands its state allows them."""
        page = self.ideas.involved(session.email, limit=OWN_IDEAS_SHOWN)
        lines = []
        for summary in page.items:
            idea = self.ideas.find(summary.reference)
            if idea is None:
                continue
            relations = {SUBMITTER} if idea.submitter == session.email else set()
            if session.email in idea.designers:
                relations.add(DESIGNER)
            words = []
            for command in self.unique():
                if not command.action or available(command, person):
                    continue
                action = ACTIONS[command.action]
                if idea.state in action.sources and relations & action.actors:
                    words.append(f"{command_word(command, session.lang)} {idea.reference}")
            words.append(f"status {idea.reference}")
            lines.append(
                render(
                    "help.own_line",
                    session.lang,
                    reference=idea.reference,
                    title=idea.title,
                    status=render(profiled("status", idea.status, self.programme.governance.procedure("voorstel")),
                                  session.lang),
                    commands=", ".join(words),
                )
            )
        return lines

    def everything(self, lang: str) -> str:
        lines = [render("help.all_header", lang)]
        for area in AREAS:
            commands = [c for c in self.unique() if c.area == area]
            if not commands:
                continue
            lines.append(render(profiled("help.area", area, self._procedure), lang))
            lines += [help_line(c, lang, self._procedure, self._every) for c in commands]
        lines.append(render("help.parts", lang, parts=", ".join(self.programme.proposal_parts)))
        lines.append(f"  {render('help.stop', lang):<44} {render('help.cmd.stop', lang)}")
        return "\n".join(lines)

    def area(self, area: str, lang: str) -> str:
        """The commands of one area (`vergaderhulp`, `budget help`)."""
        lines = [render(profiled("help.area", area, self._procedure), lang)]
        lines += [help_line(c, lang, self._procedure, self._every) for c in self.unique() if c.area == area]
        return "\n".join(lines)


def command_word(command: Command, lang: str) -> str:
    """The word a person types for *command* in *lang*: the usage's first word."""
    return usage_text(command, lang).split()[0]
