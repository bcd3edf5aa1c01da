"""Small parsers for what people type in chat: segments, judgements, verdicts, a paged list's cursor
(dates: `bot.domain.dates`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from bot.domain.assessment import Judgement
from bot.domain.errors import Refused

_KEY = re.compile(r"^[a-zà-ÿ_]+$")


# The named parts of a one-line idea (`idee titel | omschrijving | opgaven: 1, 5`), in Dutch or English,
# by what they fill in.
IDEA_PARTS = {"opgaven": "opgaven", "opgave": "opgaven", "challenges": "opgaven", "challenge": "opgaven",
              "organisatie": "organisation", "organisation": "organisation", "steun": "support",
              "support": "support", "programmalijn": "line", "line": "line"}


def idea_parts(text: str) -> tuple[list[str], dict[str, str]]:
    """A one-line idea's title and description, and its named parts by `IDEA_PARTS`' meaning. A segment
    that looks named but names nothing an idea has ('Doel: ouderen vervoeren') is description, not
    dropped."""
    positional, named = split_segments(text, known=IDEA_PARTS.keys())
    return positional, {IDEA_PARTS[key]: value for key, value in named.items()}


# The outcomes of an orientation as typed, in Dutch or English (`orientatie REF design-team ...`).
ORIENTATION_WORDS = {"ontwerpteam": "ontwerpteam", "design_team": "ontwerpteam", "designteam": "ontwerpteam",
                     "alliantie": "alliantie", "alliance": "alliantie",
                     "niet_verder": "niet_verder", "not_pursued": "niet_verder", "stop": "niet_verder"}

# The stuurgroep's decisions on an idea as typed, in Dutch or English (`besluit REF approved | ...`).
DECISION_WORDS = {"approved": "akkoord", "rejected": "afgewezen", "back": "terug"}

# The kinds of DIN link as typed, in Dutch or English (`link REF challenge 5`).
DIN_WORDS = {"opgave": "opgave", "challenge": "opgave", "programmalijn": "programmalijn", "line": "programmalijn",
             "subdoel": "subdoel", "sub_goal": "subdoel", "subgoal": "subdoel", "principe": "principe",
             "principle": "principe"}

# The budget's and the progress report's groupings as typed, in Dutch or English (`budget pillar`); not
# "line", a letter away from `budget lines`.
GROUPING_WORDS = {"pijler": "pijler", "pillar": "pijler", "programmalijn": "programmalijn",
                  "programme_line": "programmalijn", "penvoerder": "penvoerder", "lead_partner": "penvoerder"}


def meaning(words: Mapping[str, str], typed: str) -> str:
    """What *typed* stands for by *words* (a command's Dutch and English words for one thing, '-' read as
    '_'); a word they do not know comes back as typed, in lower case, for the refusal to quote."""
    word = typed.strip().lower()
    return words.get(word.replace("-", "_"), word)

# The named parts commands share, each in Dutch and English (`pick` reads the first one typed).
AMOUNT = ("bedrag", "amount")
DATE = ("datum", "date")
PRESENT = ("aanwezig", "present")
CONSIDERATIONS = ("overwegingen", "considerations")
OBJECTIONS = ("bezwaren", "objections")
CONDITIONS = ("voorwaarden", "conditions")
DECISION_PARTS = (*PRESENT, *CONSIDERATIONS, *OBJECTIONS, *CONDITIONS)


def pick(named: dict[str, str], words: tuple[str, ...]) -> str | None:
    """The value of the first of *words* (one part's names) that was typed, if any."""
    return next((named[word] for word in words if named.get(word)), None)


def command_parts(text: str, *known: str) -> tuple[list[str], dict[str, str]]:
    """`split_segments` for a command whose named parts are *known*: any other named part is refused,
    nothing done. A mistyped 'lijn:' for 'regel:' filed a spend request on the default line, and
    'haalbaarheid: voldoet' in an advice left that criterion out, both without a word."""
    positional, named = split_segments(text)
    unknown = [key for key in named if key not in known]
    if unknown:
        raise Refused("chat.unknown_part", part=unknown[0][:30], known=", ".join(f"{k}:" for k in known))
    return positional, named


def decision_fields(named: dict[str, str]) -> tuple[list[str], str, list[str], list[str]]:
    """The named parts of a stuurgroep decision (`DECISION_PARTS`), in Dutch or English: who was
    present, the considerations, the objections and the conditions."""
    return (
        split_list(pick(named, PRESENT) or ""),
        pick(named, CONSIDERATIONS) or "",
        split_items(pick(named, OBJECTIONS) or ""),
        split_items(pick(named, CONDITIONS) or ""),
    )


def split_segments(text: str, known: Iterable[str] | None = None) -> tuple[list[str], dict[str, str]]:
    """Split 'a | b | key: value' into positional parts ['a', 'b'] and {'key': 'value'}.

    A segment is a key/value pair when it starts with a single word followed by ':' (with *known*: one
    of those words; any other such segment stays positional, as typed).
    """
    keys = None if known is None else frozenset(known)
    positional: list[str] = []
    named: dict[str, str] = {}
    for raw in text.split("|"):
        segment = raw.strip()
        if not segment:
            continue
        head, sep, tail = segment.partition(":")
        key = head.strip().lower()
        if sep and _KEY.match(key) and (keys is None or key in keys):
            named[key] = tail.strip()
        else:
            positional.append(segment)
    return positional, named


def split_list(text: str) -> list[str]:
    """'a, b; c' -> ['a', 'b', 'c'] (e-mail lists); objections use ';' only (see split_items)."""
    return [item.strip() for item in text.replace(";", ",").split(",") if item.strip()]


def split_items(text: str) -> list[str]:
    return [item.strip() for item in text.split(";") if item.strip()]


_JUDGEMENTS = {
    "voldoet": Judgement.VOLDOET,
    "ja": Judgement.VOLDOET,
    "meets": Judgement.VOLDOET,
    "deels": Judgement.DEELS,
    "voldoet deels": Judgement.DEELS,
    "voldoet_deels": Judgement.DEELS,
    "partly": Judgement.DEELS,
    "voldoet niet": Judgement.VOLDOET_NIET,
    "voldoet_niet": Judgement.VOLDOET_NIET,
    "niet": Judgement.VOLDOET_NIET,
    "nee": Judgement.VOLDOET_NIET,
    "does not meet": Judgement.VOLDOET_NIET,
}


def parse_judgement(text: str, item: str) -> tuple[str, str]:
    """'voldoet deels: toelichting' -> ('voldoet_deels', 'toelichting')."""
    head, _, note = text.partition(":")
    verdict = _JUDGEMENTS.get(" ".join(head.lower().split()))
    if verdict is None:
        raise Refused("advice.bad_judgement", item=item, options="voldoet, deels, voldoet niet")
    return verdict.value, note.strip()


def parse_verdict(text: str) -> bool:
    word = text.strip().lower()
    if word in ("positief", "positive", "pos", "+"):
        return True
    if word in ("negatief", "negative", "neg", "-"):
        return False
    raise Refused("chat.bad_verdict")


TASK_WORDS = ("taken", "tasks")
REQUEST_WORDS = ("uitgaven", "requests")  # `mijn uitgaven`: what an accounthouder's college has to decide
COLLEGE_REQUESTS = "college-requests"  # the wording of `mijn` (help) for whom `mijn uitgaven` is there
AFTER_WORDS = ("na", "after")


def after_cursor(args: str, command: str) -> str | None:
    """The cursor of a paged list: nothing for the first page, `na REF` (`after REF`) for the next."""
    words = args.split()
    if not words:
        return None
    if len(words) == 2 and words[0].lower() in AFTER_WORDS:
        return words[1].strip()[:40]
    raise Refused("pages.usage", command=command)
