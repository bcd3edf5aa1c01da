"""`vaart status REF [--as EMAIL] [--lang nl|en]`: any reference the bot hands out, as the chat's `status`
shows it, to the operator (who sees everything) or `--as` someone.

An idea reads through the store alone (`bot.bootstrap.store.open_lookup`), not the whole application: a
lookup from a shell starts in the time the store needs (#17). Every other kind (a spend request, a
decision, a meeting, a round, an objection, an escalation) and a reference of no known shape go to the
chat's registry of reference kinds (`bot.chat.references`), so the answer and the refusal are the chat's.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING

from bot.cli.common import OPERATOR, chosen_settings, open_app
from bot.cli.parser import Subcommands
from bot.domain.errors import Refused

if TYPE_CHECKING:
    from bot.bootstrap.store import Lookup


def register(sub: Subcommands) -> None:
    status = sub.add_parser("status", help="waar een idee, uitgaveverzoek, besluit of vergadering staat "
                            "(zoals 'status REF' in de chat)")
    status.add_argument("reference", metavar="REF",
                        help="het kenmerk van een idee, uitgaveverzoek, besluit of vergadering")
    status.add_argument("--as", dest="as_email", metavar="EMAIL", help="zoals deze persoon het ziet")
    status.add_argument("--lang", choices=["nl", "en"])
    status.set_defaults(run=_status)


def _status(args: argparse.Namespace) -> int:
    """The kind is told from the programme's prefix before any store opens, so each kind opens one."""
    from bot.bootstrap.settings import Settings, load_programme
    from bot.bootstrap.store import open_lookup
    from bot.chat.references import idea_pattern

    reference = args.reference.strip()
    settings = chosen_settings() or Settings.from_env()
    programme = load_programme(settings.programme_file, settings.language)
    if not re.fullmatch(idea_pattern(programme.reference_prefix), reference, re.IGNORECASE):
        return _any_reference(args, reference)
    found = open_lookup(settings, programme)
    try:
        print(_idea(found, args, reference))
    finally:
        found.close()
    return 0


def _idea(found: Lookup, args: argparse.Namespace, reference: str) -> str:
    """One idea with the notes the chat adds under it (escalations, written rounds, member bodies)."""
    from bot.chat.status_notes import (
        STATUS_ESCALATIONS,
        body_notes,
        escalation_notes,
        round_notes,
        sees_escalation_reason,
    )
    from bot.chat.views import idea_view, named_people
    from bot.domain.ideas import Idea

    if args.as_email:
        idea = found.ideas.status(args.as_email, args.reference)
    else:
        known: Idea | None = found.ideas.read(lambda uow: uow.ideas.get(reference.upper()))
        if known is None:
            raise Refused("status.unknown_idea", reference=reference[:40])  # no chat advice ('typ mijn') here
        idea = known
    lang = args.lang or found.programme.language
    # the operator holds the store already, so sees every reason; `--as` sees what that person would
    private = bool(args.as_email) and not sees_escalation_reason(found.person(args.as_email),
                                                                 found.escalations.config)
    notes = [
        *escalation_notes(found.escalations.of(idea.reference, limit=STATUS_ESCALATIONS), lang, private,
                          found.programme.governance.procedure("voorstel")),
        *round_notes(found.rounds_of(idea.reference), lang),
        *body_notes(found.bodies.state(idea.reference) if found.bodies else None, found.programme.raw, lang),
    ]
    return "\n".join([idea_view(idea, found.programme, lang, named_people(idea, found.person)), *notes])


def _any_reference(args: argparse.Namespace, reference: str) -> int:
    """Every other kind through the chat's registry; its refusal in the chat's words, exit 1."""
    from bot.chat.session import ChatSession

    app = open_app()
    try:
        chat = app.chat
        lang = args.lang or app.programme.language
        if args.as_email:
            session = chat.session(args.as_email, "cli", lang)
        else:
            session = ChatSession(OPERATOR, "cli", lang, operator=True)
        try:
            answer = chat.references.answer(session, reference[:80])
        except Refused as refusal:
            print(chat.describe(refusal, lang), file=sys.stderr)
            return 1
        print(answer)
    finally:
        app.close()
    return 0
