"""The schriftelijke ronde (written round): how the stuurgroep decides between its meetings.

The stuurgroep meets at least twice a year (Bijlage 2), but a spend request above the mandate or a
ripe proposal cannot always wait; the common Dutch practice is a written round. Its rule is the
Programmaplan's own (§3.1 "Besluitvorming vindt plaats op basis van overeenstemming (consensus)"):

- any objection (bezwaar) means no consensus: nothing is decided, "geen consensus" is recorded;
- without objection there is consensus when at least one member agreed (explicitly, or by silence
  when the programme file says silence is consent, "stilzwijgende procedure"), and, when silence is
  NOT consent, every member has answered (agreed or abstained). All abstaining is no consensus: a
  decision needs someone deciding, as in a meeting (`decision.nobody_left`).

Who votes is fixed when the round starts (the stuurgroep members then, without the submitter,
designers or requester of the subject: they may not decide on it). A vote is final: the same vote
again is answered as already given (idempotent), a different one is refused. Votes are taken until
the end of the deadline day (Europe/Amsterdam); the round closes when every member has voted or
at the first moment after the deadline. Pure: stdlib only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from bot.domain.errors import Refused
from bot.domain.period import Period, require_day
from bot.domain.timezone import AMSTERDAM, to_local

IDEA = "idea"
SPEND = "spend"


class Choice(StrEnum):
    AKKOORD = "akkoord"
    BEZWAAR = "bezwaar"
    ONTHOUDING = "onthouding"


CHOICE_WORDS = {
    "akkoord": Choice.AKKOORD, "agree": Choice.AKKOORD,
    "bezwaar": Choice.BEZWAAR, "object": Choice.BEZWAAR,
    "onthouding": Choice.ONTHOUDING, "abstain": Choice.ONTHOUDING,
}


class RoundStatus(StrEnum):
    OPEN = "open"
    CONSENSUS = "consensus"  # the decision is recorded (its number on the round)
    NO_CONSENSUS = "geen_consensus"  # nothing decided; the subject waits for the stuurgroep
    LAPSED = "vervallen"  # the subject changed meanwhile (decided in a meeting): nothing recorded


@dataclass(frozen=True)
class Vote:
    email: str
    choice: Choice
    reason: str
    at: datetime


@dataclass(frozen=True)
class WrittenRound:
    reference: str
    subject_kind: str  # IDEA or SPEND
    subject_ref: str
    title: str
    amount: Decimal | None  # what "akkoord" allocates
    deadline: date
    members: tuple[str, ...]
    started_by: str
    started_at: datetime
    note: str = ""
    status: RoundStatus = RoundStatus.OPEN
    votes: tuple[Vote, ...] = ()
    reminders_sent: tuple[int, ...] = ()  # the days-before-deadline whose reminder went (or was passed)
    closed_at: datetime | None = None
    decision_number: str | None = None
    id: int | None = field(default=None, compare=False)

    @property
    def closes_at(self) -> datetime:
        """The first moment no vote is taken: midnight after the deadline day, Amsterdam time."""
        return datetime.combine(self.deadline + timedelta(days=1), time(0), AMSTERDAM)

    def vote_of(self, email: str) -> Vote | None:
        return next((v for v in self.votes if v.email == email), None)

    @property
    def silent(self) -> list[str]:
        voted = {v.email for v in self.votes}
        return [m for m in self.members if m not in voted]

    @property
    def is_open(self) -> bool:
        return self.status is RoundStatus.OPEN


@dataclass(frozen=True)
class RoundOutcome:
    consensus: bool
    agreed: list[str]  # explicitly
    consenting_by_silence: list[str]
    abstained: list[str]
    objections: list[Vote]
    silent: list[str]
    why: str  # "" (consensus), "objection", "silence", "nobody_agreed"

    @property
    def deciding(self) -> list[str]:
        """The members the decision is taken by: those who agreed, explicitly or by silence."""
        return [*self.agreed, *self.consenting_by_silence]


def parse_choice(word: str) -> Choice:
    choice = CHOICE_WORDS.get(word.strip().lower())
    if choice is None:
        raise Refused("round.unknown_choice", choice=word.strip()[:20])
    return choice


def require_deadline(deadline: date, now: datetime, period: Period) -> None:
    """A deadline after today and inside the programme period (§8)."""
    today = to_local(now).date()
    if deadline <= today:
        raise Refused("round.deadline_not_ahead", date=deadline.strftime("%d-%m-%Y"), today=today.strftime("%d-%m-%Y"))
    require_day(period, deadline, "round.deadline_outside_period")


def passed_reminders(deadline: date, days: Iterable[int], at: time, now: datetime) -> tuple[int, ...]:
    """The reminders whose moment is already past at *now* (sent, or no longer worth sending)."""
    return tuple(sorted(d for d in days if reminder_moment(deadline, d, at) <= now))


def reminder_moment(deadline: date, days_before: int, at: time) -> datetime:
    return datetime.combine(deadline - timedelta(days=days_before), at, AMSTERDAM)


def start_round(
    reference: str, subject_kind: str, subject_ref: str, title: str, amount: Decimal | None, deadline: date,
    members: Sequence[str], started_by: str, now: datetime, period: Period, reminder_days: Iterable[int],
    reminder_at: time, note: str = "",
) -> WrittenRound:
    require_deadline(deadline, now, period)
    voters = tuple(dict.fromkeys(members))
    if not voters:
        raise Refused("round.no_members", reference=subject_ref)
    return WrittenRound(
        reference, subject_kind, subject_ref, title, amount, deadline, voters, started_by, now, note,
        reminders_sent=passed_reminders(deadline, reminder_days, reminder_at, now),
    )


def cast_vote(
    round_: WrittenRound, email: str, choice: Choice, reason: str, now: datetime
) -> tuple[WrittenRound, bool]:
    """The round with *email*'s vote; False when the same vote was there already (nothing changes)."""
    if not round_.is_open:
        raise Refused("round.closed", reference=round_.reference)
    if now >= round_.closes_at:
        raise Refused("round.after_deadline", reference=round_.reference, date=round_.deadline.strftime("%d-%m-%Y"))
    if email not in round_.members:
        raise Refused("round.not_member", reference=round_.reference)
    if choice is Choice.BEZWAAR and not reason:
        raise Refused("round.reason_required", reference=round_.reference)
    earlier = round_.vote_of(email)
    if earlier is not None:
        if earlier.choice is choice and (choice is not Choice.BEZWAAR or earlier.reason == reason):
            return round_, False
        raise Refused("round.already_voted", reference=round_.reference, choice=earlier.choice.value)
    return replace(round_, votes=(*round_.votes, Vote(email, choice, reason, now))), True


def outcome(round_: WrittenRound, silence_is_consent: bool) -> RoundOutcome:
    """What the round's votes come to under the consensus rule (see the module's docstring)."""
    by = {v.email: v for v in round_.votes}
    agreed = [m for m in round_.members if m in by and by[m].choice is Choice.AKKOORD]
    abstained = [m for m in round_.members if m in by and by[m].choice is Choice.ONTHOUDING]
    objections = [by[m] for m in round_.members if m in by and by[m].choice is Choice.BEZWAAR]
    silent = round_.silent
    by_silence = list(silent) if silence_is_consent else []
    if objections:
        why = "objection"
    elif silent and not silence_is_consent:
        why = "silence"
    elif not agreed and not by_silence:
        why = "nobody_agreed"
    else:
        why = ""
    return RoundOutcome(not why, agreed, by_silence, abstained, objections, silent, why)


def due_to_close(round_: WrittenRound, now: datetime) -> bool:
    return round_.is_open and (now >= round_.closes_at or not round_.silent)


def due_reminder(round_: WrittenRound, days: Iterable[int], at: time, now: datetime) -> tuple[int | None, WrittenRound]:
    """The one reminder to send now (the latest whose moment has come, not yet sent), and the round
    with every reminder up to it marked: after downtime only one goes out, never a stale one too."""
    if not round_.is_open or now >= round_.closes_at:
        return None, round_
    due = [d for d in days if d not in round_.reminders_sent and reminder_moment(round_.deadline, d, at) <= now]
    if not due:
        return None, round_
    marked = tuple(sorted({*round_.reminders_sent, *due}))
    return min(due), replace(round_, reminders_sent=marked)


def closed(
    round_: WrittenRound, status: RoundStatus, now: datetime, decision_number: str | None = None
) -> WrittenRound:
    return replace(round_, status=status, closed_at=now, decision_number=decision_number)
