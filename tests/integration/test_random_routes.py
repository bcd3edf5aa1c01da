"""Property: whatever sequence of commands people send, the store never holds an impossible state.

Hypothesis drives random commands (by random people, on random ideas) through the real services
on a real SQLite store, and after every step checks the invariants of every idea, the audit
chain, and that refused commands added nothing to the outbox.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import text

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.lifecycle import Status
from storage.audit import verify
from tests.cast import ANNA, DIRK, EMAIL, PARTS
from tests.conftest import START, make_app
from tests.scenario import register_cast

ACTORS = [ANNA, DIRK, *EMAIL.values()]
RIGHT_ACTOR = {
    "pick_up": EMAIL["kernteam"],
    "orient": EMAIL["kernteam"],
    "orient_other": EMAIL["kernteam"],
    "propose": DIRK,
    "part": DIRK,
    "all_parts": DIRK,
    "din": DIRK,
    "review": EMAIL["director"],
    "advice": EMAIL["chair"],
    "schedule": EMAIL["director"],
    "decide": EMAIL["staf"],
    "recuse": EMAIL["sg1"],
    "start": EMAIL["kernteam"],
    "progress": EMAIL["kernteam"],
    "complete": EMAIL["kernteam"],
}
PAST_GEREED = {
    Status.GEREED,
    Status.GETOETST,
    Status.GEAGENDEERD,
    Status.AKKOORD,
    Status.AFGEWEZEN,
    Status.IN_UITVOERING,
    Status.AFGEROND,
}


def check_idea(idea: Idea, programme_parts: list[str]) -> None:
    state = idea.state
    if state is not Status.INGEDIEND:
        assert idea.kernteam_contact is not None
    if state in {Status.ONTWERPTEAM, Status.VOORSTEL, Status.TERUG} | PAST_GEREED and state is not Status.AFGEROND:
        assert idea.designers, f"{idea.reference} has no ontwerpteam at {state}"
    if state in PAST_GEREED and idea.proposal_type:
        assert all(idea.parts.get(p) for p in programme_parts)
        assert idea.din["programmalijn"] and idea.din["opgaven"]
    if state in {Status.GETOETST, Status.GEAGENDEERD}:
        assert idea.advices and idea.current_advice is not None
        assert not idea.is_conflicted(idea.advices[-1].recorded_by)
    if state is Status.GEAGENDEERD:
        assert idea.meeting_date is not None
    if state in {Status.AKKOORD, Status.IN_UITVOERING}:
        last = idea.decisions[-1]
        assert last.outcome == "akkoord" and last.amount and last.amount > 0 and not last.objections
    for decision in idea.decisions:
        assert decision.present and not set(decision.present) & ({idea.submitter, *idea.designers} - set())
        assert set(decision.recused) <= set(idea.recusals)
    if state is Status.AFGEROND and idea.proposal_type:
        assert idea.evaluation


class RandomRoutes(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = tempfile.TemporaryDirectory()
        self.app: App = make_app(Path(self.tmp.name), ManualClock(START))
        register_cast(self.app.people)
        self.refs: list[str] = []

    def teardown(self) -> None:
        self.app.close()
        self.tmp.cleanup()

    def _outbox(self) -> int:
        with self.app.engine.connect() as conn:
            return int(conn.execute(text("SELECT COUNT(*) FROM outbox")).scalar_one())

    def _try(self, call: object, *args: object, **kwargs: object) -> None:
        before = self._outbox()
        try:
            call(*args, **kwargs)  # type: ignore[operator]
        except Refused:
            assert self._outbox() == before, "a refused command must not send anything"

    @rule(who=st.sampled_from([ANNA, "gast@example.org", EMAIL["coordinator"]]), title=st.text(max_size=130))
    def submit(self, who: str, title: str) -> None:
        before = self._outbox()
        try:
            reply = self.app.ideas.submit(who, "test", title, "Een omschrijving", opgaven=["1"])
        except Refused:
            assert self._outbox() == before
            return
        self.refs.append(reply.params["reference"])

    @precondition(lambda self: bool(self.refs))
    @rule(data=st.data())
    def advance(self, data: st.DataObject) -> None:
        """The person whose turn it is takes the natural next step (so routes get far)."""
        ref = data.draw(st.sampled_from(self.refs))
        idea = self.app.ideas.status(EMAIL["staf"], ref)
        s = self.app.ideas
        meeting = START.date() + timedelta(days=120)
        criteria = {k: ("voldoet", "t") for k in self.app.programme.criteria}
        principles = {p: ("voldoet", "t") for p in self.app.programme.principles}
        outcome = data.draw(st.sampled_from(["akkoord", "akkoord", "afgewezen", "terug"]))
        steps = {
            Status.INGEDIEND: lambda: s.pick_up(EMAIL["kernteam"], "test", ref),
            Status.ORIENTATIE: lambda: s.conclude_orientation(EMAIL["kernteam"], "test", ref, "ontwerpteam", [DIRK]),
            Status.ONTWERPTEAM: lambda: s.start_proposal(DIRK, "test", ref, "programma"),
            Status.VOORSTEL: lambda: (
                [s.set_part(DIRK, "test", ref, k, v) for k, v in PARTS.items()]
                + [
                    s.link_din(DIRK, "test", ref, "programmalijn", "1"),
                    s.submit_for_review(EMAIL["director"], "test", ref),
                ]
            ),
            Status.TERUG: lambda: s.submit_for_review(EMAIL["director"], "test", ref),
            Status.GEREED: lambda: s.record_advice(EMAIL["chair"], "test", ref, True, criteria, principles, "a"),
            Status.GETOETST: lambda: s.schedule(EMAIL["director"], "test", ref, meeting),
            Status.GEAGENDEERD: lambda: s.decide(
                EMAIL["staf"],
                "test",
                ref,
                outcome,
                [EMAIL["sg1"], EMAIL["sg2"]],
                "overwegingen",
                amount=Decimal("1000.00") if outcome == "akkoord" else None,
            ),
            Status.AKKOORD: lambda: s.start_execution(EMAIL["kernteam"], "test", ref),
            Status.IN_UITVOERING: lambda: s.complete(EMAIL["kernteam"], "test", ref, "Geslaagd"),
        }
        step = steps.get(idea.state)
        if step is not None:
            self._try(step)

    @precondition(lambda self: bool(self.refs))
    @rule(data=st.data())
    def act(self, data: st.DataObject) -> None:
        ref = data.draw(st.sampled_from(self.refs))
        s = self.app.ideas
        action = data.draw(st.sampled_from(sorted(RIGHT_ACTOR)))
        # Mostly the person whose turn it is (so routes get far), sometimes anyone at all.
        who = data.draw(st.sampled_from([RIGHT_ACTOR[action]] * len(ACTORS) + ACTORS))
        if action == "all_parts":
            for part, content in PARTS.items():
                self._try(s.set_part, who, "test", ref, part, content)
        elif action == "pick_up":
            self._try(s.pick_up, who, "test", ref, data.draw(st.sampled_from([None, EMAIL["kernteam2"], ANNA])))
        elif action == "orient":
            self._try(s.conclude_orientation, who, "test", ref, "ontwerpteam", [DIRK])
        elif action == "orient_other":
            outcome = data.draw(st.sampled_from(["alliantie", "niet_verder", "onzin"]))
            self._try(s.conclude_orientation, who, "test", ref, outcome, [], data.draw(st.sampled_from(["", "Reden"])))
        elif action == "propose":
            self._try(s.start_proposal, who, "test", ref, data.draw(st.sampled_from(["project", "feest"])))
        elif action == "part":
            part = data.draw(st.sampled_from([*PARTS, "onzin"]))
            self._try(s.set_part, who, "test", ref, part, data.draw(st.sampled_from(["", "Tekst", "x" * 5000])))
        elif action == "din":
            self._try(s.link_din, who, "test", ref, "programmalijn", data.draw(st.sampled_from(["2", "99", "Zorg"])))
        elif action == "review":
            self._try(s.submit_for_review, who, "test", ref)
        elif action == "advice":
            verdict = data.draw(st.sampled_from(["voldoet", "voldoet_niet"]))
            criteria = {k: (verdict, "t") for k in self.app.programme.criteria}
            principles = {p: ("voldoet", "t") for p in self.app.programme.principles}
            self._try(s.record_advice, who, "test", ref, data.draw(st.booleans()), criteria, principles, "advies")
        elif action == "schedule":
            offset = data.draw(st.integers(min_value=-3, max_value=60))
            self._try(s.schedule, who, "test", ref, START.date() + timedelta(days=offset))
        elif action == "decide":
            outcome = data.draw(st.sampled_from(["akkoord", "afgewezen", "terug"]))
            present = data.draw(st.sampled_from([[EMAIL["sg1"], EMAIL["sg2"]]] * 3 + [[], [ANNA, EMAIL["sg1"]]]))
            amount = data.draw(st.sampled_from([Decimal("45000.00")] * 3 + [None, Decimal("-1")]))
            objections = data.draw(st.sampled_from([[], [], ["bezwaar"]]))
            self._try(
                s.decide, who, "test", ref, outcome, present, "overwegingen", objections=objections, amount=amount
            )
        elif action == "recuse":
            self._try(s.recuse, who, "test", ref)
        elif action == "start":
            self._try(s.start_execution, who, "test", ref)
        elif action == "progress":
            self._try(s.report_progress, who, "test", ref, "Op schema")
        else:
            self._try(s.complete, who, "test", ref, data.draw(st.sampled_from(["", "Geslaagd"])))
        assert isinstance(self.app.clock, ManualClock)
        self.app.clock.advance(timedelta(hours=7))

    @invariant()
    def every_idea_is_in_a_possible_state(self) -> None:
        parts = list(self.app.programme.proposal_parts)
        for idea in self.app.ideas.read(lambda uow: uow.ideas.all()):
            check_idea(idea, parts)

    @invariant()
    def the_audit_chain_holds(self) -> None:
        assert verify(self.app.engine)[0] == []


RandomRoutes.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_random_command_sequences_never_leave_an_impossible_state = RandomRoutes.TestCase
