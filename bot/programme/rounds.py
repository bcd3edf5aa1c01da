"""The programme file's `[schriftelijke_ronde]`: how the stuurgroep decides in writing between its
meetings (who votes, whether silence is consent, the reminders, the rule), checked at start-up so a
wrong value stops the bot instead of surfacing in the first round."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from typing import Any

SECTION = "schriftelijke_ronde"
RULES = ("consensus",)  # §3.1; another rule would be another profile's
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class RoundConfigError(ValueError):
    """`[schriftelijke_ronde]` does not parse (for the operator)."""


@dataclass(frozen=True)
class RoundConfig:
    voters: str  # the role whose members vote
    starters: tuple[str, ...]  # the roles that may start a round
    silence_is_consent: bool  # "stilzwijgende procedure"
    reminder_days: tuple[int, ...]  # days before the deadline a reminder goes to who has not voted
    reminder_at: time  # the hour of the reminders (Europe/Amsterdam)
    rule: str


def _fail(key: str, problem: str) -> RoundConfigError:
    return RoundConfigError(f"[{SECTION}] {key}: {problem}")


def parse_round_config(raw: Mapping[str, Any], roles: set[str]) -> RoundConfig | None:
    """`[schriftelijke_ronde]`; a programme without it decides nothing in writing (None): the VDG, whose
    colleges decide one by one, has no stuurgroep to vote. A key left out takes the Regio Deal's value."""
    if SECTION not in raw:
        return None
    spec = raw[SECTION]
    if not isinstance(spec, Mapping):
        raise _fail("", "a table is needed")
    voters = spec.get("stemmers", "stuurgroep")
    if not isinstance(voters, str) or voters not in roles:
        raise _fail("stemmers", f"unknown role {voters!r}")
    starters = spec.get("starters", ["staf", "programmadirecteur"])
    if not isinstance(starters, list) or not starters or not all(isinstance(s, str) for s in starters):
        raise _fail("starters", "a list of roles is needed")
    unknown = [s for s in starters if s not in roles]
    if unknown:
        raise _fail("starters", f"unknown roles {', '.join(unknown)}")
    silence = spec.get("stilzwijgend", False)
    if not isinstance(silence, bool):
        raise _fail("stilzwijgend", "true or false")
    days = spec.get("herinnering_dagen", [3, 1])
    if not isinstance(days, list) or not all(isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 60
                                             for d in days):
        raise _fail("herinnering_dagen", "a list of whole days between 1 and 60")
    at = spec.get("herinnering_tijd", "09:00")
    match = _TIME.match(at) if isinstance(at, str) else None
    if match is None:
        raise _fail("herinnering_tijd", "a time as UU:MM")
    rule = spec.get("regel", "consensus")
    if rule not in RULES:
        raise _fail("regel", f"one of {', '.join(RULES)}")
    return RoundConfig(voters, tuple(starters), silence, tuple(sorted(set(days), reverse=True)),
                       time(int(match.group(1)), int(match.group(2))), rule)
