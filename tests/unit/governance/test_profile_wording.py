"""A governance profile's own wording (`KIND.per-member-body.KEY`) is said wherever its base text
(`KIND.KEY`) would be: every chat reply and refusal and every web text goes through
`messages.worded`. So a variant may ask only for the values its base's callers give, or the
variant is never said: the VDG's session would fail on a missing value instead of answering."""

from __future__ import annotations

import string

from bot.messages import _CATALOGUE, worded

PROFILE = "per-member-body"
# variants whose callers pick them by name and give the extra value themselves, each with the caller
GIVEN_BY_THEIR_CALLERS = {
    "route.title": "bot.reports.route: the route's meeting gremium",
    "route.not_in_calendar": "bot.reports.route.warning_text: the route's meeting gremium",
    "route.meeting_on_closed_day": "bot.reports.route.warning_text: the route's meeting gremium",
    "meeting.lonely_week": "bot.services.meetings: the gremium of the meeting",
    "reminder.body": "scheduling.reminders: the route's gremium (Gremium.code)",
    "package.subject": "scheduling.reminders: the route's gremium (Gremium.code)",
    "package.body": "scheduling.reminders: the route's gremium (Gremium.code)",
    "ui.home.route": "bot.frontends.slack.home: the route's gremium",
    "package.finance.title": "scheduling.package_execution: the programme director's name",
}


def _asks(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_a_profiles_own_wording_asks_for_no_value_its_base_texts_callers_do_not_give() -> None:
    nl, en = _CATALOGUE["nl"], _CATALOGUE["en"]
    for code in [c for c in nl if f".{PROFILE}." in c]:
        base = code.replace(f".{PROFILE}.", ".", 1)
        if base not in nl or base in GIVEN_BY_THEIR_CALLERS:
            continue
        given = _asks(nl[base]) | _asks(en.get(base, ""))
        for lang in ("nl", "en"):
            text = _CATALOGUE[lang].get(code, "")
            assert _asks(text) <= given, f"{code} ({lang}) asks for {sorted(_asks(text) - given)}"


def test_worded_gives_the_profiles_own_code_where_it_has_one_and_the_code_itself_elsewhere() -> None:
    assert worded("idea.picked_up", PROFILE) == f"idea.{PROFILE}.picked_up"
    assert worded("idea.picked_up", "consensus-in-meeting") == "idea.picked_up"
    assert worded("idea.unknown_reference", PROFILE) == "idea.unknown_reference"
    assert worded("help", PROFILE) == "help"
