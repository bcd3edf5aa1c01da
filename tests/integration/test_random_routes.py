"""Property: whatever sequence of commands people send, the store never holds an impossible state.

Hypothesis drives random commands (by random people, on random ideas) through the real services
on a real SQLite store, and after every step checks the invariants of every idea, the audit
chain, and that refused commands added nothing to the outbox. The Programmaplan's rules are among
the invariants: no decision of any outcome with objections (§3.1), no akkoord on an advice that
fails the rejection criterion (Bijlage 4), no decision before its meeting, no alliantie completed
without toetsing and decision (§4.1), no toetsing without subdoel and principe (Bijlage 4, §5), no
person holding functions the plan forbids together (§3.1, §3.4), no mandate approval for a proposal
or project (§6), and the penvoerder in the budget following the idea's.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import text

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.domain.assessment import Judgement
from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.lifecycle import PROJECT_STAGES, Status
from bot.domain.people import check_role_purity
from bot.domain.programme import Programme
from bot.domain.timezone import AMSTERDAM, to_local
from bot.services.ports.budget import budget_uow
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
    "no_consensus": EMAIL["staf"],
    "penvoerder": EMAIL["kernteam"],
    "spend": EMAIL["kernteam"],
    "appoint": "beheer@vaart.local",
    "time": "-",
}
ROLES = ["kernteam", "staf", "programmadirecteur", "coordinatieteam", "expertteam", "expertteam_voorzitter",
         "stuurgroep", "ambtelijk_facilitator"]  # fmt: skip
PAST_GEREED = {
    Status.GEREED,
    Status.GETOETST,
    Status.GEAGENDEERD,
    Status.AKKOORD,
    Status.AFGEWEZEN,
    Status.IN_UITVOERING,
    Status.AFGEROND,
}


def check_programme_rules(idea: Idea, programme: Programme) -> None:
    """The rules of issue 13 that a stored idea shows."""
    state = idea.state
    if state in PAST_GEREED - {Status.AFGEROND} or (state is Status.AFGEROND and idea.decisions):
        assert idea.din["subdoelen"] and idea.din["principes"], f"{idea.reference} went to toetsing unlinked"
    if state is Status.AFGEROND:
        assert any(d.outcome == "akkoord" for d in idea.decisions), f"{idea.reference} completed without decision"
    rejecting = [key for key, spec in programme.criteria.items() if spec.rejecting]
    for decision in idea.decisions:
        assert not decision.objections, "a decision was recorded while an objection stood"
        assert decision.decided_on <= to_local(decision.recorded_at).date(), "decided before its meeting"
        if decision.outcome == "akkoord":
            advice = [a for a in idea.advices if a.recorded_at <= decision.recorded_at][-1]
            for key in rejecting:
                assert advice.criteria[key]["oordeel"] != Judgement.VOLDOET_NIET.value, "akkoord against Bijlage 4"


def check_idea(idea: Idea, programme_parts: list[str]) -> None:
    state = idea.state
    if state is not Status.INGEDIEND:
        assert idea.kernteam_contact is not None
    if state in {Status.ONTWERPTEAM, Status.VOORSTEL, Status.TERUG} | PAST_GEREED and state is not Status.AFGEROND:
        # an ontwerpteam, or (an alliantie, §4.1) the reason the proposal is made by or with a party
        assert idea.designers or idea.outcome_reason, f"{idea.reference} has no ontwerpteam at {state}"
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
        clock = self.app.clock
        assert isinstance(clock, ManualClock)
        self.clock = clock

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
            reply = self.app.ideas.submit(
                who, "test", title, "Een omschrijving", organisation="Zorgcoöperatie", opgaven=["1"]
            )
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
            Status.ALLIANTIE: lambda: s.start_proposal(EMAIL["kernteam"], "test", ref, "project"),
            Status.VOORSTEL: lambda: (
                [s.set_part(EMAIL["kernteam"], "test", ref, k, v) for k, v in PARTS.items()]
                + [
                    s.link_din(EMAIL["kernteam"], "test", ref, "programmalijn", "1"),
                    s.link_din(EMAIL["kernteam"], "test", ref, "subdoel", "1"),
                    s.link_din(EMAIL["kernteam"], "test", ref, "principe", "1"),
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
        if idea.state is Status.GEAGENDEERD and idea.meeting_date is not None:
            self._meeting_held(idea.meeting_date)  # the stuurgroep decides in its meeting
        step = steps.get(idea.state)
        if step is not None:
            self._try(step)

    def _meeting_held(self, day: date) -> None:
        """Let the clock reach the meeting (never back)."""
        moment = datetime.combine(day, time(14, 0), AMSTERDAM)
        if moment > self.clock.now():
            self.clock.set(moment)

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
            kind = data.draw(st.sampled_from(["programmalijn", "subdoel", "principe", "opgave"]))
            self._try(s.link_din, who, "test", ref, kind, data.draw(st.sampled_from(["1", "2", "99", "Zorg"])))
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
        elif action == "no_consensus":
            self._try(s.no_consensus, who, "test", ref, data.draw(st.sampled_from([[], ["Emmen: eerst een plan"]])))
        elif action == "penvoerder":
            self._try(s.set_penvoerder, who, "test", ref, data.draw(st.sampled_from(["Gemeente Emmen", "Treant", ""])))
        elif action == "spend":
            self._spend(data, who, ref)
        elif action == "appoint":  # someone is given functions: what is stored keeps role purity
            roles = data.draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=3, unique=True))
            self._try(self.app.people.add, "beheer@vaart.local", "test", "nieuw@regiodeal-zod.nl", "Nieuw", roles)
        elif action == "time":
            self.clock.advance(timedelta(days=data.draw(st.integers(min_value=1, max_value=20))))
        elif action == "start":
            self._try(s.start_execution, who, "test", ref)
        elif action == "progress":
            self._try(s.report_progress, who, "test", ref, "Op schema")
        else:
            self._try(s.complete, who, "test", ref, data.draw(st.sampled_from(["", "Geslaagd"])))
        assert isinstance(self.app.clock, ManualClock)
        self.app.clock.advance(timedelta(hours=7))

    def _spend(self, data: st.DataObject, who: str, ref: str) -> None:
        """A research request for the idea, then the director's approval: never under the mandate
        once the idea is a proposal or project (§6 "niet zijnde een project/programma/experiment")."""
        budget = self.app.budget
        amount = data.draw(st.sampled_from([Decimal("20000.00"), Decimal("60000.00")]))
        try:
            reply = budget.request(who, "test", amount, "Onderzoek in de oriëntatie", "onderzoek", idea_ref=ref)
        except Refused:
            return
        stage = self.app.ideas.status(EMAIL["staf"], ref).state
        try:
            approved = budget.approve(EMAIL["director"], "test", reply.params["reference"])
        except Refused:
            return
        if approved.code == "budget.request.approved":
            assert stage not in PROJECT_STAGES, f"mandate used for {ref} at {stage.value}"

    @invariant()
    def every_idea_is_in_a_possible_state(self) -> None:
        parts = list(self.app.programme.proposal_parts)
        for idea in self.app.ideas.read(lambda uow: uow.ideas.all()):
            check_idea(idea, parts)
            check_programme_rules(idea, self.app.programme)

    @invariant()
    def everyone_keeps_role_purity(self) -> None:
        for person in self.app.people.list():
            assert check_role_purity(person.roles, self.app.programme) == person.roles

    @invariant()
    def the_budget_has_the_penvoerder_of_the_idea(self) -> None:
        projects = {p.reference: p for p in self.app.budget.read(lambda uow: budget_uow(uow).budget.projects(False))}
        for idea in self.app.ideas.read(lambda uow: uow.ideas.all()):
            if idea.reference in projects:
                assert projects[idea.reference].penvoerder == (idea.lead_partner or "-")

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
