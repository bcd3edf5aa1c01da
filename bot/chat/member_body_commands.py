"""Chat commands of the `per-member-body` procedure (a programme whose proposals each member body
decides on its own, like the twelve VDG colleges):

- `pho-advies REF positief|negatief TOELICHTING [| bedrag: 30.000]` (pho-advice): the preparatory
  gremium's recommendation (the PHO's), not a decision; the proposal goes to every body;
- `collegebesluit REF GEMEENTE akkoord|afgewezen [VOORWAARDEN] [| datum: DD-MM-JJJJ]`
  (college-decision): one college's decision, recorded by that gemeente's accounthouder;
- under `status REF`: the advice, "7 van 12 colleges akkoord, 1 met voorwaarden, 4 open", and each
  college's decision.

Registered only when the programme's profile decides proposals per member body, so the console,
Slack and Teams of such a programme have them and the Regio Deal's command table stays as it is.
"""

from __future__ import annotations

from bot.chat.bot import ChatBot, ChatSession, Command
from bot.chat.parsing import AMOUNT, DATE, command_parts, meaning, pick
from bot.chat.status_notes import body_notes
from bot.domain.dates import parse_date
from bot.domain.errors import Refused
from bot.domain.governance import PER_MEMBER_BODY
from bot.domain.member_bodies import OUTCOMES
from bot.domain.money import parse_amount
from bot.messages import render
from bot.services.base import Reply
from bot.services.member_bodies import MemberBodyService, money_text, tally_text

PHO_USAGE = "pho-advies REF positief|negatief TOELICHTING [| bedrag: 30.000]"
COLLEGE_USAGE = "collegebesluit REF GEMEENTE akkoord|afgewezen [VOORWAARDEN] [| datum: DD-MM-JJJJ]"
WORDS = {"agreed": "akkoord", "rejected": "afgewezen", "approved": "akkoord"}


class MemberBodyCommands:
    def __init__(self, bot: ChatBot, service: MemberBodyService) -> None:
        self.bot = bot
        self.service = service
        bot.status_notes.append(self._status_note)

    def commands(self) -> list[Command]:
        profile = self.bot.programme.governance
        spec = next((profile.decision(kind) for kind in ("voorstel", "uitgave")
                     if profile.procedure(kind) == PER_MEMBER_BODY), None)
        recorders = spec.recorders if spec else ()
        accounthouder = (spec.recorder_role,) if spec and spec.recorder_role else ()
        return [
            Command("pho-advies", ("pho-advice", "pho_advies"), self._advice, PHO_USAGE, area="rules",
                    roles=recorders),
            Command("collegebesluit", ("college-decision",), self._decision, COLLEGE_USAGE, area="rules",
                    roles=accounthouder),
        ]

    def _advice(self, session: ChatSession, args: str) -> str:
        positional, named = command_parts(args, *AMOUNT)
        words = positional[0].split(maxsplit=2) if positional else []
        if len(words) < 3:
            raise Refused("chat.usage", usage=render("usage.pho-advies", session.lang))
        reference, verdict, text = words
        typed_amount = pick(named, AMOUNT)
        amount = parse_amount(typed_amount) if typed_amount else None
        reply = self.service.preparatory_advice(session.email, session.origin, reference, verdict.lower(), text,
                                                amount)
        return self._say(reply, session.lang)

    def _decision(self, session: ChatSession, args: str) -> str:
        positional, named = command_parts(args, *DATE)
        words = positional[0].split() if positional else []
        at = next((i for i, w in enumerate(words) if meaning(WORDS, w) in OUTCOMES and i > 1), None)
        if at is None:
            raise Refused("chat.usage", usage=render("usage.collegebesluit", session.lang))
        reference, body = words[0], " ".join(words[1:at])
        outcome = meaning(WORDS, words[at])
        conditions = " ".join(words[at + 1 :])
        typed = pick(named, DATE)
        day = parse_date(typed) if typed else None
        reply = self.service.body_decision(session.email, session.origin, reference, body, outcome, conditions, day)
        return self._say(reply, session.lang)

    def _say(self, reply: Reply, lang: str) -> str:
        return bodies_say(reply, lang)

    def _status_note(self, viewer: str | None, reference: str, lang: str) -> list[str]:
        return body_notes(self.service.state(reference), self.bot.programme.raw, lang)


def bodies_say(reply: Reply, lang: str) -> str:
    """A member-body reply with its tally and money in the reader's language (the command's and the form's)."""
    params = dict(reply.params)
    if "counts" in params:
        params["tally"] = tally_text(params.pop("counts"), lang)
    if "money" in params:
        params["money"] = (" " + money_text(params["money"], lang)) if params["money"] else ""
    if "positive" in params:
        params["verdict"] = render(f"bodies.verdict.{params.pop('positive')}", lang)
    if "is_late" in params:
        params["late"] = render("bodies.late", lang) if params.pop("is_late") else ""
    for key in ("outcome", "final"):
        if key in params:
            params[key] = render(f"outcome.{params[key]}", lang)
    return render(reply.code, lang, **params)


def member_body_commands(bot: ChatBot, service: MemberBodyService) -> list[Command]:
    """The extension hook for `ChatBot(extensions=[...])`: nothing unless proposals are decided per body."""
    profile = bot.programme.governance
    if PER_MEMBER_BODY not in (profile.procedure("voorstel"), profile.procedure("uitgave")):
        return []
    return MemberBodyCommands(bot, service).commands()
