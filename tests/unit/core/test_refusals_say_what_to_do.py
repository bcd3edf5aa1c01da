"""Every refusal a person meets in chat says what to do instead: a command to type, a choice to
make, someone to ask. Found by reading the code for every `Refused("code")` it raises."""

from __future__ import annotations

import re
from pathlib import Path

from bot.messages import _CATALOGUE

ROOT = Path(__file__).resolve().parents[3] / "bot"
RAISED = re.compile(r'Refused\(\s*"([a-z_.-]+)"')
# A hint: a command in quotes, or words that point somewhere.
HINT = re.compile(
    r"'|\b(leg|plan|boek|book|Kies|kies|Noem|noem|Typ|typ|Gebruik|gebruik|Schrijf|schrijf|Vraag|vraag|Geef|geef|eerst|Controleer|"
    r"Mogelijk|mogelijk|Bekend|dat mag|is voor|zie|Zie|Vul|Leg|legt|Plan|Verplaats|Voeg|Probeer|probeer|Een ander|"
    r"Type|type|Choose|choose|Name|name|Ask|ask|See|see|Give|give|first|Check|check|Fill|Record|Move|Add|"
    r"Another|Try|try|Known|Possible|possible|is for|Usage|allowed|record|"
    # the same hints lower case, after the semicolon that keeps a refusal one sentence
    r"vul|voeg|verplaats|controleer|bekend|een ander|fill|move|add|another|known)\b"
)
# Not a chat person's refusal (settings read at start, the command line's own), or a rule whose answer
# is in the rule itself (role purity, the plan's caps and period, the stuurgroep deciding in its meeting).
NOT_CHAT = ("delivery.", "frontend.slack", "teams.", "web.config", "calendar.cannot_write", "period.", "roles.",
            "cofinancing.", "budget.line.", "budget.lines.", "budget.vat.", "budget.realisation.", "budget.release.")
NOTHING_TO_DO = frozenset({
    "idea.penvoerder_unchanged", "meeting.unchanged",  # it is so already
    "decision.before_meeting", "agenda.late",  # they say when and how (toelaten) in the rule's own words
    "budget.request.no_requester",  # a request without a requester cannot be typed in chat
})


def raised_codes() -> set[str]:
    return {m.group(1) for path in ROOT.rglob("*.py") for m in RAISED.finditer(path.read_text(encoding="utf-8"))}


def test_every_refusal_in_chat_says_what_to_do_instead_in_both_languages() -> None:
    codes = {c for c in raised_codes() if not c.startswith(NOT_CHAT) and c not in NOTHING_TO_DO}
    assert len(codes) > 80
    for lang in ("nl", "en"):
        silent = sorted(c for c in codes if not HINT.search(_CATALOGUE[lang].get(c, "")))
        assert not silent, (lang, silent)
