"""The one catalogue of wording, Dutch first, English on request.

Each area keeps its texts in a module of this package (`core`, `amounts`, `scheduling`, `budget`)
as two dicts, ``NL`` and ``EN``, keyed by message code. Codes are what `Refused` carries and what
services return; nothing else in vaart writes user-facing prose.
"""

from __future__ import annotations

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


def render(code: str, lang: str = "nl", **params: Any) -> str:
    """The text for *code* in *lang*, with *params* filled in; Dutch when English is missing."""
    table = _CATALOGUE.get(lang, _CATALOGUE["nl"])
    template = table.get(code) or _CATALOGUE["nl"].get(code)
    if template is None:
        raise KeyError(f"no message for code {code!r}")
    return template.format(**params)


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
