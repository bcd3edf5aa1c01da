"""The schriftelijke ronde's rule (§3.1 consensus), with silence as consent configured both ways, the
deadline, the votes and the reminders, on the domain alone."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest

from bot.domain.errors import Refused
from bot.domain.rounds import (
    Choice,
    WrittenRound,
    cast_vote,
    due_reminder,
    due_to_close,
    outcome,
    parse_choice,
    start_round,
)
from bot.domain.timezone import AMSTERDAM
from bot.programme.rounds import RoundConfigError, parse_round_config

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=AMSTERDAM)
A, B, C = "a@emmen.nl", "b@coevorden.nl", "c@hoogeveen.nl"
NINE = time(9, 0)


def a_round(deadline: date = date(2026, 11, 27), members: tuple[str, ...] = (A, B, C)) -> WrittenRound:
    return start_round("ZOD-R-2026-001", "idea", "ZOD-2026-0001", "Zorgbus", Decimal("45000"), deadline, members,
                       "s@regiodeal-zod.nl", NOW, (2023, 2027), (3, 1), NINE)


def voted(r: WrittenRound, *votes: tuple[str, Choice, str]) -> WrittenRound:
    for email, choice, reason in votes:
        r, _ = cast_vote(r, email, choice, reason, NOW)
    return r


@pytest.mark.parametrize("silence", [True, False])
def test_every_member_agreeing_is_consensus_however_silence_is_configured(silence: bool) -> None:
    r = voted(a_round(), (A, Choice.AKKOORD, ""), (B, Choice.AKKOORD, ""), (C, Choice.ONTHOUDING, ""))
    result = outcome(r, silence)
    assert result.consensus and result.deciding == [A, B] and result.abstained == [C]


@pytest.mark.parametrize("silence", [True, False])
def test_one_objection_is_no_consensus_however_the_others_voted(silence: bool) -> None:
    r = voted(a_round(), (A, Choice.AKKOORD, ""), (B, Choice.BEZWAAR, "Eerst een business case"))
    result = outcome(r, silence)
    assert not result.consensus and result.why == "objection" and result.objections[0].reason.startswith("Eerst")


def test_silence_counts_as_consent_only_when_the_programme_file_says_so() -> None:
    r = voted(a_round(), (A, Choice.AKKOORD, ""))
    consenting = outcome(r, silence_is_consent=True)
    assert consenting.consensus and consenting.deciding == [A, B, C] and consenting.consenting_by_silence == [B, C]
    strict = outcome(r, silence_is_consent=False)
    assert not strict.consensus and strict.why == "silence" and strict.silent == [B, C]


def test_everyone_abstaining_decides_nothing() -> None:
    r = voted(a_round(), (A, Choice.ONTHOUDING, ""), (B, Choice.ONTHOUDING, ""), (C, Choice.ONTHOUDING, ""))
    assert outcome(r, True).why == "nobody_agreed" and not outcome(r, False).consensus


def test_the_deadline_lies_after_today_and_inside_the_programme_period() -> None:
    with pytest.raises(Refused) as today:
        a_round(date(2026, 11, 23))
    assert today.value.code == "round.deadline_not_ahead"
    with pytest.raises(Refused) as outside:
        a_round(date(2028, 1, 7))
    assert outside.value.code == "round.deadline_outside_period"


def test_votes_are_taken_until_the_end_of_the_deadline_day_and_the_round_closes_then() -> None:
    r = a_round()
    last_minute = datetime(2026, 11, 27, 23, 59, tzinfo=AMSTERDAM)
    assert cast_vote(r, A, Choice.AKKOORD, "", last_minute)[1]
    assert not due_to_close(r, last_minute)
    midnight = datetime(2026, 11, 28, 0, 0, tzinfo=AMSTERDAM)
    with pytest.raises(Refused) as late:
        cast_vote(r, A, Choice.AKKOORD, "", midnight)
    assert late.value.code == "round.after_deadline"
    assert due_to_close(r, midnight)


def test_the_round_closes_early_when_everyone_has_voted() -> None:
    r = voted(a_round(), (A, Choice.AKKOORD, ""), (B, Choice.AKKOORD, ""))
    assert not due_to_close(r, NOW)
    assert due_to_close(voted(r, (C, Choice.BEZWAAR, "Nee")), NOW)


def test_a_vote_is_final_the_same_vote_again_changes_nothing_another_is_refused() -> None:
    r = voted(a_round(), (A, Choice.BEZWAAR, "Te duur"))
    same, changed = cast_vote(r, A, Choice.BEZWAAR, "Te duur", NOW)
    assert same == r and not changed
    for choice, reason in ((Choice.AKKOORD, ""), (Choice.BEZWAAR, "Toch anders")):
        with pytest.raises(Refused) as other:
            cast_vote(r, A, choice, reason, NOW)
        assert other.value.code == "round.already_voted"


def test_only_the_rounds_members_vote_and_an_objection_needs_a_reason() -> None:
    with pytest.raises(Refused) as stranger:
        cast_vote(a_round(), "x@elders.nl", Choice.AKKOORD, "", NOW)
    assert stranger.value.code == "round.not_member"
    with pytest.raises(Refused) as bare:
        cast_vote(a_round(), A, Choice.BEZWAAR, "", NOW)
    assert bare.value.code == "round.reason_required"


def test_choices_are_read_in_dutch_and_english() -> None:
    assert [parse_choice(w) for w in ("Akkoord", "object", "onthouding", "abstain")] == [
        Choice.AKKOORD, Choice.BEZWAAR, Choice.ONTHOUDING, Choice.ONTHOUDING]
    with pytest.raises(Refused):
        parse_choice("misschien")


def test_a_reminder_goes_once_and_after_downtime_only_the_latest_one() -> None:
    r = a_round(date(2026, 12, 4))
    assert due_reminder(r, (3, 1), NINE, datetime(2026, 12, 1, 8, 59, tzinfo=AMSTERDAM))[0] is None
    days, marked = due_reminder(r, (3, 1), NINE, datetime(2026, 12, 3, 9, 0, tzinfo=AMSTERDAM))
    assert days == 1 and marked.reminders_sent == (1, 3)
    assert due_reminder(marked, (3, 1), NINE, datetime(2026, 12, 3, 12, 0, tzinfo=AMSTERDAM))[0] is None


def test_a_reminder_whose_moment_passed_before_the_start_is_never_sent() -> None:
    r = a_round(date(2026, 11, 25))  # 3 days before is 22 November: before the round started
    assert r.reminders_sent == (3,)
    assert due_reminder(r, (3, 1), NINE, datetime(2026, 11, 24, 9, 0, tzinfo=AMSTERDAM))[0] == 1


def test_a_programme_without_the_section_decides_nothing_in_writing() -> None:
    """The VDG's colleges decide one by one; it has no stuurgroep to vote, and no [schriftelijke_ronde]."""
    assert parse_round_config({}, {"kernteam", "staf"}) is None


def test_the_programme_file_section_is_checked() -> None:
    roles = {"stuurgroep", "staf", "programmadirecteur"}
    config = parse_round_config({"schriftelijke_ronde": {}}, roles)
    assert config is not None
    assert (config.voters, config.silence_is_consent, config.reminder_days) == ("stuurgroep", False, (3, 1))
    assent = parse_round_config({"schriftelijke_ronde": {"stilzwijgend": True}}, roles)
    assert assent is not None and assent.silence_is_consent
    for bad in ({"stemmers": "bestuur"}, {"stilzwijgend": "ja"}, {"herinnering_dagen": [0]},
                {"herinnering_tijd": "9 uur"}, {"regel": "meerderheid"}, {"starters": ["kassier"]}):
        with pytest.raises(RoundConfigError):
            parse_round_config({"schriftelijke_ronde": bad}, roles)
