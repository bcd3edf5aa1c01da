"""Several programmes in one installation, as the chat sees them: each programme is a whole App on
its own store, so routing a request to the right programme's chat is all it takes to keep one
programme's rows out of another's answers.

`Programmes` holds the programmes' chats (a `FrontDesk` for Slack and Teams, a `ChatBot` for the
console) by code, the default first, and each person's choice for their direct messages per
platform. Which programme a request belongs to: a channel (Slack) or team (Teams) mapped to a
programme pins it there; anywhere else the person's choice, else the default. A button names its
programme by its reference (every programme's reference prefix is its own): a reference no
programme of this installation issues is refused. With more than one programme each chat gets
the `programma` command: the list with the current one marked, or `programma CODE` to switch (not
inside a pinned channel). `ProgrammeDesks.single(desk)` is a one-programme installation: no
command, nothing persisted, every request to that one desk, exactly as before there were several.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Generic, TypeVar

from bot.chat.bot import ChatBot
from bot.chat.desk import FrontDesk
from bot.chat.session import ChatSession, Command
from bot.domain.errors import Refused
from bot.messages import render
from bot.services.ports.chat import ChatDirectory, ChatIdentity, PostedMessage
from bot.services.ports.programmes import ProgrammeChoices
from bot.services.ports.unit_of_work import Clock

T = TypeVar("T")
PINNED = "programme_pinned"  # session.extra: the code of the channel's programme, set per request
CHOOSER = "programme_chooser"  # session.extra: who chooses on this platform (Slack user id, Teams object id)
COMMAND = "programma"


class SessionChoices:
    """The console's choice: for the session only (nothing to persist, one person at a terminal)."""

    def __init__(self) -> None:
        self._chosen: dict[tuple[str, str], str] = {}

    def get(self, platform: str, person: str) -> str | None:
        return self._chosen.get((platform, person.strip().lower()))

    def set(self, platform: str, person: str, code: str, at: datetime) -> None:
        self._chosen[(platform, person.strip().lower())] = code


class Programmes(Generic[T]):
    """The programmes' chats by code (*items*, the default first) and the people's choices."""

    def __init__(
        self,
        items: Mapping[str, T],
        chat_of: Callable[[T], ChatBot],
        choices: ProgrammeChoices | SessionChoices,
        clock: Clock,
    ) -> None:
        if not items:
            raise ValueError("an installation has at least one programme")
        self.items = {code.upper(): item for code, item in items.items()}
        self.default = next(iter(self.items))
        self.chat_of = chat_of
        self.choices = choices
        self.clock = clock
        prefixes: dict[str, str] = {}
        for code, item in self.items.items():
            prefix = chat_of(item).programme.reference_prefix.upper()
            if prefix in prefixes:
                raise ValueError(f"programmes {prefixes[prefix]} and {code} share the reference prefix {prefix}")
            prefixes[prefix] = code
        self.spoken: dict[tuple[str, str], str] = {}  # the language a person switched programme in
        self._prefixes = dict(sorted(prefixes.items(), key=lambda kv: -len(kv[0])))  # longest first
        if self.several:
            for item in self.items.values():
                chat_of(item).add(self._command())

    @property
    def several(self) -> bool:
        return len(self.items) > 1

    @property
    def codes(self) -> list[str]:
        return list(self.items)

    def get(self, code: str) -> T:
        return self.items[code]

    def chosen(self, platform: str, person: str) -> str:
        """The programme *person* (their id on *platform*, the address on the console) talks to in direct
        messages: their choice, else the default."""
        if not self.several:
            return self.default
        code = self.choices.get(platform, person)
        return code if code in self.items else self.default

    def language(self, platform: str, person: str) -> str | None:
        """The language *person* spoke when they switched programme in this process: their session in the
        new programme starts in it (None: the person's own or the programme's, as always)."""
        return self.spoken.get((platform, person)) if self.several else None

    def by_reference(self, reference: str) -> str | None:
        """The programme that issues *reference* (ZOD-2026-0001, VDG-U-2026-0001), or None."""
        wanted = reference.strip().upper()
        for prefix, code in self._prefixes.items():
            if wanted.startswith(prefix + "-"):
                return code
        return None

    def for_reference(self, reference: str, fallback: str) -> str:
        """A button's programme: the one its reference names; *fallback* (the context's) for a button
        without one (a home view's "new idea"); Refused for a reference no programme here issues."""
        if not reference.strip() or not self.several:
            return fallback
        code = self.by_reference(reference)
        if code is None:
            raise Refused("programme.unknown_reference", reference=reference.strip()[:40])
        return code

    # -- the `programma` command -----------------------------------------------------------------------
    def _command(self) -> Command:
        return Command(COMMAND, ("programme", "program"), self._answer, "programma [CODE]", open_to_all=True)

    def _answer(self, session: ChatSession, args: str) -> str:
        pinned = session.extra.get(PINNED)
        chooser = str(session.extra.get(CHOOSER) or session.email)
        current = str(pinned) if pinned else self.chosen(session.origin, chooser)
        wanted = args.strip().upper()
        if not wanted:
            lines = [render("programme.list", session.lang)]
            for code, item in self.items.items():
                mark = render("programme.current", session.lang) if code == current else ""
                lines.append(f"  {code:<6} {self.chat_of(item).programme.name}{mark}")
            return "\n".join(lines)
        if pinned:
            raise Refused("programme.pinned", programme=str(pinned))
        if wanted not in self.items:
            raise Refused("programme.unknown", programme=wanted[:20], codes=", ".join(self.items))
        self.choices.set(session.origin, chooser, wanted, self.clock.now())
        self.spoken[(session.origin, chooser)] = session.lang
        name = self.chat_of(self.items[wanted]).programme.name
        code = "programme.switched_console" if session.origin == "console" else "programme.switched"
        return render(code, session.lang, programme=wanted, name=name)


class ProgrammeDesks(Programmes[FrontDesk]):
    """The rich front ends' programmes: their desks, and which Slack channels and Teams teams (or
    conversations) belong to which programme (each programme's kernteam channel among them)."""

    def __init__(
        self,
        desks: Mapping[str, FrontDesk],
        choices: ProgrammeChoices | SessionChoices,
        slack_channels: Mapping[str, str] | None = None,
        teams_teams: Mapping[str, str] | None = None,
        slack_kernteam: Mapping[str, str | None] | None = None,
        teams_kernteam: Mapping[str, str | None] | None = None,
    ) -> None:
        """*slack_channels*, *teams_teams*: channel or team id -> code; *slack_kernteam*, *teams_kernteam*:
        code -> that programme's kernteam channel or conversation (mapped to it too)."""
        if not desks:
            raise ValueError("an installation has at least one programme")
        super().__init__(desks, lambda desk: desk.chat, choices, next(iter(desks.values())).clock)
        self.slack_channels = {channel: code.upper() for channel, code in (slack_channels or {}).items()}
        self.teams_teams = {team: code.upper() for team, code in (teams_teams or {}).items()}
        self.slack_kernteam = {code.upper(): chan for code, chan in (slack_kernteam or {}).items()}
        self.teams_kernteam = {code.upper(): conv for code, conv in (teams_kernteam or {}).items()}
        for code, channel in self.slack_kernteam.items():
            if channel:
                self.slack_channels.setdefault(channel, code)
        for code, conversation in self.teams_kernteam.items():
            if conversation:
                self.teams_teams.setdefault(conversation, code)
        unknown = {*self.slack_channels.values(), *self.teams_teams.values()} - set(self.items)
        if unknown:
            raise ValueError(f"channels mapped to a programme this installation does not run: {sorted(unknown)}")

    def identities(self, code: str) -> ChatDirectory:
        """The chat directory *code*'s front end learns people's platform identities through: its own,
        and with several programmes every programme's too, so each programme's outbox can reach a person
        who has so far only talked to another programme."""
        own = self.items[code].directory
        others = [desk.directory for other, desk in self.items.items() if other != code]
        return SharedIdentities(own, others) if others else own

    @classmethod
    def single(cls, desk: FrontDesk) -> ProgrammeDesks:
        """A one-programme installation: every request goes to *desk*, as before there were several."""
        return cls({desk.programme.code: desk}, SessionChoices())

    @classmethod
    def of(cls, desks: ProgrammeDesks | FrontDesk) -> ProgrammeDesks:
        return desks if isinstance(desks, ProgrammeDesks) else cls.single(desks)

    def slack_channel(self, channel: str | None) -> str | None:
        """The programme a Slack channel is mapped to, or None (a DM, an unmapped channel)."""
        return self.slack_channels.get(channel) if channel and self.several else None

    def teams_team(self, *ids: str | None) -> str | None:
        """The programme a Teams team (or channel conversation) is mapped to, or None."""
        if not self.several:
            return None
        for key in ids:
            if key and key in self.teams_teams:
                return self.teams_teams[key]
        return None


class SharedIdentities:
    """A programme's chat directory that also tells the other programmes' directories who people are
    (identities and DM channels); everything else (cards posted, claims) stays the programme's own."""

    def __init__(self, own: ChatDirectory, others: list[ChatDirectory]) -> None:
        self.own = own
        self.others = others

    def identity(self, platform: str, external_user_id: str) -> ChatIdentity | None:
        return self.own.identity(platform, external_user_id)

    def identity_for_email(self, platform: str, email: str) -> ChatIdentity | None:
        return self.own.identity_for_email(platform, email)

    def save_identity(self, identity: ChatIdentity, at: datetime) -> None:
        for directory in (self.own, *self.others):
            directory.save_identity(identity, at)

    def set_dm_channel(self, platform: str, external_user_id: str, channel: str, at: datetime) -> None:
        for directory in (self.own, *self.others):
            directory.set_dm_channel(platform, external_user_id, channel, at)

    def posted(self, platform: str, kind: str, reference: str, recipient: str) -> PostedMessage | None:
        return self.own.posted(platform, kind, reference, recipient)

    def posted_all(self, platform: str, kind: str, reference: str) -> list[PostedMessage]:
        return self.own.posted_all(platform, kind, reference)

    def save_posted(self, message: PostedMessage, at: datetime) -> None:
        self.own.save_posted(message, at)

    def claim(self, key: str, at: datetime) -> bool:
        return self.own.claim(key, at)


def parse_programme_map(text: str | None) -> dict[str, str]:
    """`VDG=C0123,C0456;ZOD=C0789` -> {"C0123": "VDG", "C0456": "VDG", "C0789": "ZOD"}; a malformed
    part (no `=`, no code) is an error, so a typo in the setting stops the start."""
    found: dict[str, str] = {}
    for part in (text or "").split(";"):
        if not part.strip():
            continue
        code, sep, ids = part.partition("=")
        if not sep or not code.strip():
            raise ValueError(f"a programme map part needs CODE=ID[,ID]: {part.strip()[:60]!r}")
        for one in ids.split(","):
            if one.strip():
                found[one.strip()] = code.strip().upper()
    return found
