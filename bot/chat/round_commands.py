"""The schriftelijke ronde's chat commands: `ronde start REF DATUM` (staf, programmadirecteur),
`ronde REF akkoord|bezwaar REDEN|onthouding` (the stuurgroep members of the round), `rondes`, and
`status ZOD-R-2026-001`; the `status` of an idea or spend request shows its rounds.

Registered through `ChatBot(extensions=...)`, so the console, Slack and Teams all have them.
"""

from __future__ import annotations

import re

from bot.chat.bot import ChatBot, ChatSession, Command, after_cursor
from bot.chat.parsing import AMOUNT, command_parts, pick
from bot.chat.status_notes import round_notes, round_outcome
from bot.chat.views import more_line
from bot.domain.dates import parse_date
from bot.domain.errors import Refused
from bot.domain.money import format_euro, parse_amount
from bot.domain.rounds import RoundStatus, WrittenRound
from bot.domain.timezone import to_local
from bot.messages import render
from bot.services.base import Reply
from bot.services.rounds import RoundService

USAGE = "ronde start REF DATUM [| bedrag: 45.000] [| toelichting: ...] of ronde REF akkoord|bezwaar REDEN|onthouding"
START_WORDS = ("start",)
NOTE_WORDS = ("toelichting", "note")


class RoundCommands:
    def __init__(self, bot: ChatBot, rounds: RoundService) -> None:
        self.bot = bot
        self.rounds = rounds
        bot.status_notes.append(self._status_note)

    def commands(self) -> list[Command]:
        if self.rounds.settings is None:  # no [schriftelijke_ronde]: the programme decides nothing in writing
            return []
        prefix = re.escape(self.bot.programme.reference_prefix)
        self.bot.references.add("round", rf"{prefix}-R-\d{{4}}-\d{{1,6}}", self._status,
                                f"{self.bot.programme.reference_prefix}-R-2026-001")
        config = self.rounds.config
        roles = tuple(dict.fromkeys((*config.starters, config.voters)))
        return [
            Command("ronde", ("round",), self._round, USAGE, area="rules", roles=roles),
            Command("rondes", ("rounds",), self._list, "rondes [alle] [na REF]", area="rules"),
        ]

    # -- commands ----------------------------------------------------------------------------------
    def _round(self, session: ChatSession, args: str) -> str:
        words = args.split(maxsplit=2)
        if len(words) < 2:
            raise Refused("chat.usage", usage=USAGE)
        if words[0].lower() in START_WORDS:
            return self._start(session, args.strip()[len(words[0]):])
        reference, choice = words[0], words[1]
        reason = words[2] if len(words) > 2 else ""
        reply = self.rounds.vote(session.email, session.origin, reference, choice, reason)
        return vote_text(self.bot, reply, session.lang)

    def _start(self, session: ChatSession, args: str) -> str:
        positional, named = command_parts(args, *AMOUNT, *NOTE_WORDS)
        words = (positional[0] if positional else "").split()
        if len(words) != 2:
            raise Refused("chat.usage", usage=USAGE)
        amount_text, note = pick(named, AMOUNT), pick(named, NOTE_WORDS)
        reply = self.rounds.start(session.email, session.origin, words[0], parse_date(words[1]),
                                  parse_amount(amount_text) if amount_text else None, note)
        return self.bot.say(reply, session.lang)

    def _list(self, session: ChatSession, args: str) -> str:
        word, _, rest = args.strip().partition(" ")
        everything = word.lower() in ("alle", "all")
        page = self.rounds.page(open_only=not everything, after=after_cursor(rest if everything else args, "rondes"))
        if not page.items:
            return render("rounds.none", session.lang)
        lines = [render("rounds.header", session.lang)]
        for r in page.items:
            lines.append(render("rounds.line", session.lang, reference=r.reference, subject=r.subject_ref,
                                deadline=r.deadline.strftime("%d-%m-%Y"), outcome=round_outcome(r, session.lang),
                                voted=len(r.votes), count=len(r.members), title=r.title[:80]))
        return "\n".join(lines + more_line(page, "rounds", session.lang))

    # -- status ------------------------------------------------------------------------------------
    def _status(self, session: ChatSession, reference: str) -> str:
        if not self.bot.in_register(session):
            raise Refused("chat.only_submit")
        return round_view(self.rounds.get(reference), self.rounds.names(), self.rounds.config.silence_is_consent,
                          session.lang)

    def _status_note(self, viewer: str | None, reference: str, lang: str) -> list[str]:
        return round_notes(self.rounds.of(reference), lang)


def vote_text(bot: ChatBot, reply: Reply, lang: str) -> str:
    """The answer to a vote, its choice in the reader's words (the console, Slack and Teams)."""
    chosen = render(f"round.choice.{reply.params['choice']}", lang)
    return bot.say(Reply(reply.code, {**reply.params, "choice": chosen}), lang)


def round_view(r: WrittenRound, names: dict[str, str], silence_is_consent: bool, lang: str) -> str:
    """A round as `status` shows it: its state, deadline and every member's vote so far."""
    amount = format_euro(r.amount) if r.amount is not None else "-"
    common = {"reference": r.reference, "subject": r.subject_ref, "title": r.title, "amount": amount,
              "deadline": r.deadline.strftime("%d-%m-%Y")}
    if r.status is RoundStatus.OPEN:
        silence = render("round.silence.yes" if silence_is_consent else "round.silence.no", lang)
        lines = [render("round.status.open", lang, **common, voted=len(r.votes), count=len(r.members),
                        silence=silence)]
    else:
        closed = to_local(r.closed_at).strftime("%d-%m-%Y %H:%M") if r.closed_at else "-"
        lines = [render("round.status.closed", lang, **common, closed=closed, outcome=round_outcome(r, lang))]
    for email in r.members:
        vote = r.vote_of(email)
        name = names.get(email, email)
        if vote is None:
            lines.append(render("round.status.no_vote", lang, name=name))
        else:
            choice = render(f"round.choice.{vote.choice}", lang)
            lines.append(render("round.status.vote", lang, name=name, choice=choice,
                                when=to_local(vote.at).strftime("%d-%m-%Y %H:%M"),
                                reason=f": {vote.reason}" if vote.reason else ""))
    return "\n".join(lines)


def round_commands(bot: ChatBot, rounds: RoundService) -> list[Command]:
    return RoundCommands(bot, rounds).commands()
