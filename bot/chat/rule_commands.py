"""Chat commands for two rules of the Programmaplan that need a step of their own:

- `geen-consensus REF | bezwaren: ...` (no-consensus): the staf records that the stuurgroep reached no
  overeenstemming (§3.1); that is not a decision, and the proposal goes to the next meeting;
- `penvoerder REF ORGANISATIE` (lead-partner): the project's penvoerder, which is not always the
  submitter's organisation (§3.1); the budget report by penvoerder follows it.

Registered through `ChatBot(extensions=...)`, so the console, Slack and Teams all have them.
"""

from __future__ import annotations

from bot.chat.bot import ChatBot, ChatSession, Command
from bot.chat.parsing import OBJECTIONS, command_parts, pick, split_items
from bot.domain.errors import Refused

NO_CONSENSUS_USAGE = "geen-consensus REF | bezwaren: ...; ..."
PENVOERDER_USAGE = "penvoerder REF ORGANISATIE"


class RuleCommands:
    def __init__(self, bot: ChatBot) -> None:
        self.bot = bot

    def commands(self) -> list[Command]:
        return [
            Command(
                "geen-consensus",
                ("no-consensus", "geen_consensus"),
                self._no_consensus,
                NO_CONSENSUS_USAGE,
                area="rules",
                action="no_consensus",
            ),
            Command(
                "penvoerder",
                ("lead-partner",),
                self._penvoerder,
                PENVOERDER_USAGE,
                area="rules",
                action="set_penvoerder",
            ),
        ]

    def _no_consensus(self, session: ChatSession, args: str) -> str:
        positional, named = command_parts(args, *OBJECTIONS)
        if not positional or not positional[0].strip():
            raise Refused("chat.usage", usage=NO_CONSENSUS_USAGE)
        objections = split_items(pick(named, OBJECTIONS) or "")
        reply = self.bot.ideas.no_consensus(session.email, session.origin, positional[0].split()[0], objections)
        return self.bot.say(reply, session.lang)

    def _penvoerder(self, session: ChatSession, args: str) -> str:
        reference, _, name = args.strip().partition(" ")
        if not reference or not name.strip():
            raise Refused("chat.usage", usage=PENVOERDER_USAGE)
        reply = self.bot.ideas.set_penvoerder(session.email, session.origin, reference, name.strip())
        return self.bot.say(reply, session.lang)


def rule_commands(bot: ChatBot) -> list[Command]:
    return RuleCommands(bot).commands()
