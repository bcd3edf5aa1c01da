"""The one catalogue of wording, Dutch first, English on request.

Each area keeps its texts in a module of this package (`core`, `amounts`, `scheduling`, `budget`)
as two dicts, ``NL`` and ``EN``, keyed by message code. Codes are what `Refused` carries and what
services return; nothing else in vaart writes user-facing prose.
"""

from __future__ import annotations

import re
import string
from typing import Any

from bot.messages import (
    amounts,
    budget,
    bureau_profiles,
    commands,
    conversation,
    core,
    cycle,
    cycle_profiles,
    delivery,
    execution,
    frontends,
    governance,
    installation,
    meeting_profiles,
    operations,
    pages,
    programmes,
    rounds,
    rules,
    scheduling,
    teams,
    web,
    web_events,
    web_profiles,
)

LANGUAGES = ("nl", "en")
_CATALOGUE: dict[str, dict[str, str]] = {"nl": {}, "en": {}}
_MODULES = (
    core,
    amounts,
    scheduling,
    budget,
    delivery,
    frontends,
    teams,
    operations,
    web,
    pages,
    rules,
    cycle,
    commands,
    conversation,
    execution,
    rounds,
    governance,
    installation,
    programmes,
    meeting_profiles,
    cycle_profiles,
    bureau_profiles,
    web_events,
    web_profiles,
)
for _module in _MODULES:
    _CATALOGUE["nl"].update(_module.NL)
    _CATALOGUE["en"].update(_module.EN)


class _Counted(string.Formatter):
    """`{count:agendapunt|agendapunten}`: the number with the word for one or for more ("1 agendapunt",
    "3 agendapunten"), so no text says "agendapunt(en)"; every other field as str.format fills it."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" not in format_spec:
            return str(super().format_field(value, format_spec))
        one, _, more = format_spec.partition("|")
        return f"{value} {one if str(value) == '1' else more}"


_COUNTED = _Counted()
_WITH_COUNT = re.compile(r"\{\w+:[^{}|]*\|[^{}]*\}")
_counts: dict[str, bool] = {}  # per template: whether it names a count (looked up once)


def render(code: str, lang: str = "nl", **params: Any) -> str:
    """The text for *code* in *lang*, with *params* filled in; Dutch when English is missing."""
    table = _CATALOGUE.get(lang, _CATALOGUE["nl"])
    template = table.get(code) or _CATALOGUE["nl"].get(code)
    if template is None:
        raise KeyError(f"no message for code {code!r}")
    counted = _counts.get(template)
    if counted is None:
        counted = _counts[template] = _WITH_COUNT.search(template) is not None
    return _COUNTED.format(template, **params) if counted else template.format(**params)


def has(code: str) -> bool:
    return code in _CATALOGUE["nl"]


def codes(lang: str = "nl") -> set[str]:
    return set(_CATALOGUE[lang])


def profiled(kind: str, status: str, procedure: str) -> str:
    """`status.X`/`next.X`, or the governance profile's own wording (`status.per-member-body.X`) where it has one."""
    special = f"{kind}.{procedure}.{status}"
    return special if has(special) else f"{kind}.{status}"


def worded(code: str, procedure: str) -> str:
    """*code* (`idea.picked_up`) in the governance profile's own wording where it has one
    (`idea.per-member-body.picked_up`): what a front end says of any reply or refusal."""
    kind, _, key = code.rpartition(".")
    return profiled(kind, key, procedure) if kind else code
