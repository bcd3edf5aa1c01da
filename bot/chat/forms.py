"""Forms for the front ends that can show them (Slack modals now, Teams Adaptive Cards next).

Some steps are easier to fill in than to type: the intake of an idea, the outcome of an
orientation, the expert advice per criterion, the stuurgroep decision the staf records, the reason
for turning down a spend request. A `Form` says which fields there are, in the reader's language;
each front end draws it its own way and hands the values back to `FormBook.submit`, which checks
them, calls the same service the text command calls, and answers with the reply or with an error
per field (`FormErrors`), so every front end can show the mistakes next to the fields.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.chat.bot import ChatBot
from bot.chat.form_model import Field as Field
from bot.chat.form_model import Form as Form
from bot.chat.form_model import FormErrors as FormErrors
from bot.chat.form_model import Option as Option
from bot.chat.form_model import Submitted as Submitted
from bot.chat.form_model import Value as Value
from bot.chat.form_model import Values as Values
from bot.chat.form_model import check_values, field_for
from bot.chat.member_body_commands import bodies_say
from bot.chat.parsing import split_items, split_list
from bot.chat.progress_form import progress_form, submit_progress
from bot.domain.dates import parse_date
from bot.domain.errors import Refused
from bot.domain.governance import PER_MEMBER_BODY
from bot.domain.lifecycle import ACTIONS, ORIENTATION_OUTCOMES, Status
from bot.domain.member_bodies import OUTCOMES, bodies_deciding, bodies_recorded_by
from bot.domain.money import parse_amount
from bot.domain.people import Person
from bot.domain.programme import Programme
from bot.messages import profiled, render, worded
from bot.services.base import Reply
from bot.services.budget_notices import spend_words
from bot.services.member_bodies import MemberBodyService
from bot.services.progress import ProgressService

FORMS = ("idea", "orientation", "advice", "decision", "spend_reject", "progress", "college")
JUDGEMENTS = ("voldoet", "voldoet_deels", "voldoet_niet")
# The forms a text command opens when it is typed without its details ("advies REF").
FORM_WORDS = {"advies": "advice", "advice": "advice", "orientatie": "orientation", "oriëntatie": "orientation",
              "orientation": "orientation", "besluit": "decision", "decide": "decision",
              "voortgangsrapport": "progress", "progress-report": "progress",
              "collegebesluit": "college", "college-decision": "college"}
# The lifecycle action each idea form carries out, and the form an idea's status asks for next.
FORM_ACTIONS = {"orientation": "orientation_outcome", "advice": "record_advice", "decision": "decide"}
TASK_FORMS = {Status.ORIENTATIE: "orientation", Status.GEREED: "advice", Status.GEAGENDEERD: "decision"}


def task_form(state: Status, procedure: str) -> str | None:
    """The form an idea in *state* asks for next under the profile's *procedure* for proposals: for a
    proposal with the colleges (`per-member-body`) the college's decision, which each accounthouder
    records (`collegebesluit`), not a meeting's decision form."""
    form = TASK_FORMS.get(state)
    if form == "decision" and procedure == PER_MEMBER_BODY:
        return "college"
    return form


def may_fill(form: str, person: Person, programme: Programme) -> bool:
    """Whether *person* may fill in *form* at all (the service checks the case on submit): the
    lifecycle action's actors, or for a college's decision an accounthouder of a college."""
    if form == "college":
        return bool(colleges_of(person, programme))
    return person.has_role(*ACTIONS[FORM_ACTIONS[form]].actors) if form in FORM_ACTIONS else True


def colleges_of(person: Person, programme: Programme) -> tuple[str, ...]:
    """The colleges whose decision *person* records, on a proposal or on a spend request."""
    found = [*bodies_recorded_by(person, programme, "voorstel"), *bodies_recorded_by(person, programme, "uitgave")]
    return tuple(dict.fromkeys(found))


DIRECTOR = "programmadirecteur"
NO_CONSENSUS = "geen_consensus"


class FormBook:
    """Builds the forms and carries out their submissions through the chat bot's services."""

    def __init__(self, chat: ChatBot, spend: Any | None = None, progress: ProgressService | None = None,
                 bodies: MemberBodyService | None = None) -> None:
        """*spend*: the budget service (approve/reject), when the budget area is there; *progress*: the
        progress service, for the progress report form; *bodies*: the member bodies' service, for a
        college's decision where the colleges decide one by one."""
        self.chat = chat
        self.spend = spend
        self.progress = progress
        self.bodies = bodies

    @property
    def programme(self) -> Any:
        return self.chat.programme

    # -- the forms -------------------------------------------------------------------------------
    def build(self, name: str, reference: str, lang: str, email: str | None = None) -> Form:
        """The form *name* in *lang*; drawn for its reader when *email* says who opens it (a college's
        decision offers that accounthouder's colleges), for everyone when checking a submission."""
        builders: dict[str, Callable[[str, str], Form]] = {
            "idea": lambda ref, lg: self.idea(lg),
            "orientation": self.orientation,
            "advice": self.advice,
            "decision": self.decision,
            "spend_reject": self.spend_reject,
            "progress": self._progress,
            "college": lambda ref, lg: self.college(ref, lg, email),
        }
        builder = builders.get(name)
        if builder is None:
            raise Refused("frontend.unknown_form", form=name[:40])
        return builder(reference, lang)

    def may_open(self, name: str, reference: str, email: str) -> None:
        """Refuse before showing a form its reader may not submit (the service checks again on submit)."""
        person = self.chat.people.get(email)
        if name in FORM_ACTIONS:
            idea = self.chat.ideas.status(email, reference)
            actors = ACTIONS[FORM_ACTIONS[name]].actors
            if person is None or not person.has_role(*actors):
                raise Refused("idea.wrong_role", reference=idea.reference, roles=sorted(actors))
        elif name == "spend_reject":
            if person is None or not person.has_role(DIRECTOR):
                spending = self.programme.governance.procedure("uitgave")
                raise Refused(profiled("budget.request", "not_director", spending), reference=reference)
            if self.spend is not None:
                self.spend.get_request(reference)
        elif name == "progress" and self.progress is not None:
            self.progress.check_reporter(email, reference)
        elif name == "college" and (person is None or not may_fill(name, person, self.programme)):
            role = self.programme.governance.accounthouder_role or "accounthouder"
            raise Refused("idea.wrong_role", reference=reference.strip().upper()[:40], roles=[role])

    def idea(self, lang: str) -> Form:
        limits = self.programme.limits
        opgaven = tuple(Option(str(i), o) for i, o in enumerate(self.programme.opgaven, start=1))
        lines = tuple(Option(line, line) for line in self.programme.programme_lines)
        return Form(
            "idea",
            "",
            render("form.idea.title", lang),
            render("form.idea.submit", lang),
            (
                Field("title", render("form.field.title", lang), "text", True, limits.title_max, names=("titel",)),
                Field(
                    "description",
                    render("form.field.description", lang),
                    "multiline",
                    True,
                    limits.text_max,
                    names=("omschrijving",),
                ),
                Field("opgaven", render("form.field.opgaven", lang), "multiselect", False, options=opgaven),
                Field("programmalijn", render("form.field.programmalijn", lang), "select", False, options=lines),
                Field(
                    "organisation",
                    render("form.field.organisation", lang),
                    "text",
                    False,
                    limits.name_max,
                    names=("organisatie",),
                ),
                Field("contact", render("form.field.contact", lang), "text", False, limits.name_max),
                Field(
                    "support",
                    render("form.field.support", lang),
                    "multiline",
                    False,
                    limits.text_max,
                    names=("gevraagde ondersteuning",),
                ),
            ),
            intro=render(worded("form.idea.intro", self.programme.governance.procedure("voorstel")), lang),
        )

    def orientation(self, reference: str, lang: str) -> Form:
        limit = self.programme.limits.text_max
        outcomes = tuple(
            Option(key, render(f"status.{status.value}", lang)) for key, status in ORIENTATION_OUTCOMES.items()
        )
        return Form(
            "orientation",
            reference,
            render("form.orientation.title", lang),
            render("form.save", lang),
            (
                Field("outcome", render("form.field.outcome", lang), "radio", True, options=outcomes),
                Field(
                    "designers",
                    render("form.field.designers", lang),
                    "text",
                    False,
                    1000,
                    hint=render("form.hint.designers", lang),
                ),
                Field(
                    "reason",
                    render("form.field.reason", lang),
                    "multiline",
                    False,
                    limit,
                    names=("reden", "toelichting"),
                ),
            ),
            intro=render("form.reference", lang, reference=reference),
        )

    def advice(self, reference: str, lang: str) -> Form:
        limit = self.programme.limits.text_max
        judgements = tuple(Option(j, render(f"judgement.{j}", lang)) for j in JUDGEMENTS)
        fields: list[Field] = []
        for key, spec in self.programme.criteria.items():
            fields.append(Field(f"c:{key}", spec.name, "select", True, options=judgements, hint=spec.question))
            note = render("form.field.note", lang, name=spec.name)
            fields.append(Field(f"cn:{key}", note, "text", True, limit, names=(key,)))
        for number, principle in enumerate(self.programme.principles, start=1):
            label = render("form.field.principle", lang, name=principle)
            fields.append(Field(f"p:{number}", label, "select", True, options=judgements))
            note = render("form.field.note", lang, name=principle)
            fields.append(Field(f"pn:{number}", note, "text", True, limit, names=(principle,)))
        verdicts = (Option("positief", render("form.verdict.positive", lang)),
                    Option("negatief", render("form.verdict.negative", lang)))
        fields.append(Field("verdict", render("form.field.verdict", lang), "radio", True, options=verdicts))
        fields.append(Field("advice", render("form.field.development_advice", lang), "multiline", True, limit))
        return Form(
            "advice",
            reference,
            render("form.advice.title", lang),
            render("form.save", lang),
            tuple(fields),
            intro=render("form.reference", lang, reference=reference),
        )

    def decision(self, reference: str, lang: str) -> Form:
        limit = self.programme.limits.text_max
        # "geen consensus" is not a decision (§3.1) but is recorded from the same form, by the staf
        choices = ("akkoord", "afgewezen", "terug", NO_CONSENSUS)
        outcomes = tuple(Option(o, render(f"outcome.{o}", lang)) for o in choices)
        members = self.chat.people.list()
        present = tuple(Option(p.email, _name(p)) for p in members if "stuurgroep" in p.roles)
        return Form(
            "decision",
            reference,
            render("form.decision.title", lang),
            render("form.save", lang),
            (
                Field("outcome", render("form.field.decision", lang), "radio", True, options=outcomes),
                Field("present", render("form.field.present", lang), "multiselect", True, options=present),
                Field("considerations", render("form.field.considerations", lang), "multiline", True, limit,
                      names=("overwegingen",)),
                Field("objections", render("form.field.objections", lang), "multiline", False, limit,
                      names=("bezwaren",)),
                Field("conditions", render("form.field.conditions", lang), "multiline", False, limit,
                      names=("voorwaarden",)),
                Field("amount", render("form.field.amount", lang), "text", False, 40),
            ),
            intro=render("form.reference", lang, reference=reference),
        )

    def spend_reject(self, reference: str, lang: str) -> Form:
        limit = self.programme.limits.text_max
        return Form(
            "spend_reject",
            reference,
            render("form.spend_reject.title", lang),
            render("form.spend_reject.submit", lang),
            (Field("reason", render("form.field.reject_reason", lang), "multiline", True, limit, names=("reden",)),),
            intro=render("form.reference", lang, reference=reference),
        )

    def college(self, reference: str, lang: str, email: str | None = None) -> Form:
        """One college's decision on a proposal or a spend request (`collegebesluit REF GEMEENTE ...`):
        for its reader (*email*) the colleges that person records, the one chosen when there is one;
        without a reader every college, so that a submission for another is refused by the service's
        rule in its own words."""
        if self.bodies is None:
            raise Refused("frontend.unknown_form", form="college")
        names = [b.name for kind in ("voorstel", "uitgave") for b in bodies_deciding(self.programme, kind)]
        person = self.chat.people.get(email) if email else None
        own = colleges_of(person, self.programme) if person else ()
        colleges = tuple(Option(name, name) for name in dict.fromkeys(own or names))
        if not colleges:  # a programme whose colleges decide nothing one by one has no such form
            raise Refused("frontend.unknown_form", form="college")
        initial = colleges[0].value if len(colleges) == 1 else ""
        outcomes = tuple(Option(o, render(f"outcome.{o}", lang)) for o in OUTCOMES)
        return Form(
            "college",
            reference,
            render("form.college.title", lang),
            render("form.save", lang),
            (
                Field("body", render("form.field.college", lang), "select", True, options=colleges, initial=initial),
                Field("outcome", render("form.field.decision", lang), "radio", True, options=outcomes),
                Field("conditions", render("form.field.college_conditions", lang), "multiline", False,
                      self.programme.limits.text_max, names=("voorwaarden",)),
                Field("decided_on", render("form.field.decided_on", lang), "text", False, 10,
                      hint=render("form.hint.decided_on", lang)),
            ),
            intro=render("form.reference", lang, reference=reference),
        )

    def _progress(self, reference: str, lang: str) -> Form:
        if self.progress is None:
            raise Refused("frontend.unknown_form", form="progress")
        return progress_form(self.progress, reference, lang, self.programme.limits.text_max)

    # -- submitting ------------------------------------------------------------------------------
    def submit(
        self,
        name: str,
        reference: str,
        values: Values,
        email: str,
        origin: str,
        lang: str,
        request_key: str | None = None,
    ) -> Submitted:
        """Check *values* against the form, then carry it out. What is wrong with the values raises
        FormErrors (per field, in words); only an unknown form raises Refused."""
        form = self.build(name, reference, lang)
        clean = check_values(form, values, lang)
        handlers: dict[str, Callable[[dict[str, Value], str, str, str | None], Reply]] = {
            "idea": lambda v, ref, who, key: self._submit_idea(v, ref, who, key, lang),
            "orientation": self._submit_orientation,
            "advice": self._submit_advice,
            "decision": self._submit_decision,
            "spend_reject": self._submit_reject,
            "progress": self._submit_progress,
            "college": self._submit_college,
        }
        try:
            reply = handlers[name](clean, reference, email, request_key)
        except Refused as refusal:
            raise FormErrors({field_for(form, refusal): self.chat.describe(refusal, lang)}) from refusal
        return Submitted(self.say(reply, lang), reply, str(reply.params.get("reference", reference)))

    def say(self, reply: Reply, lang: str) -> str:
        if reply.code.startswith("progress."):
            return render(reply.code, lang, **reply.params)
        if reply.code.startswith("budget."):
            return budget_say(reply, lang)
        if reply.code.startswith("bodies."):
            return bodies_say(reply, lang)
        return self.chat.say(reply, lang)

    # -- each form's service call --------------------------------------------------------------
    def _submit_idea(self, v: dict[str, Value], reference: str, email: str, key: str | None, lang: str) -> Reply:
        description = _text(v["description"])
        if v.get("contact"):
            description = f"{description}\n\n{render('form.contact_line', 'nl', contact=_text(v['contact']))}"
        opgaven = [self.programme.opgaven[int(i) - 1] for i in _list(v["opgaven"])]
        return self.chat.ideas.submit(
            email,
            _origin(key),
            _text(v["title"]),
            description,
            _optional(v["organisation"]),
            _optional(v["support"]),
            opgaven,
            _optional(v["programmalijn"]),
            request_key=key,
            language=lang,
        )

    def _submit_orientation(self, v: dict[str, Value], reference: str, email: str, key: str | None) -> Reply:
        outcome = _text(v["outcome"])
        designers = split_list(_optional(v["designers"]) or "")
        return self.chat.ideas.conclude_orientation(
            email, _origin(key), reference, outcome, designers, _optional(v["reason"]), request_key=key
        )

    def _submit_advice(self, v: dict[str, Value], reference: str, email: str, key: str | None) -> Reply:
        criteria = {k: (_text(v[f"c:{k}"]), _optional(v[f"cn:{k}"]) or "") for k in self.programme.criteria}
        principles = {
            p: (_text(v[f"p:{n}"]), _optional(v[f"pn:{n}"]) or "")
            for n, p in enumerate(self.programme.principles, start=1)
        }
        return self.chat.ideas.record_advice(
            email,
            _origin(key),
            reference,
            _text(v["verdict"]) == "positief",
            criteria,
            principles,
            _text(v["advice"]),
            request_key=key,
        )

    def _submit_decision(self, v: dict[str, Value], reference: str, email: str, key: str | None) -> Reply:
        if _text(v["outcome"]) == NO_CONSENSUS:
            return self.chat.ideas.no_consensus(email, _origin(key), reference, _lines(v["objections"]), key)
        amount_text = _optional(v["amount"])
        return self.chat.ideas.decide(
            email,
            _origin(key),
            reference,
            _text(v["outcome"]),
            _list(v["present"]),
            _text(v["considerations"]),
            objections=_lines(v["objections"]),
            conditions=_lines(v["conditions"]),
            amount=parse_amount(amount_text) if amount_text else None,
            request_key=key,
        )

    def _submit_reject(self, v: dict[str, Value], reference: str, email: str, key: str | None) -> Reply:
        if self.spend is None:
            raise Refused("frontend.unknown_form", form="spend_reject")
        reply: Reply = self.spend.reject(email, _origin(key), reference, _text(v["reason"]), request_key=key)
        return reply

    def _submit_college(self, v: dict[str, Value], reference: str, email: str, key: str | None) -> Reply:
        if self.bodies is None:
            raise Refused("frontend.unknown_form", form="college")
        typed = _optional(v["decided_on"])
        day = parse_date(typed) if typed else None
        return self.bodies.body_decision(email, _origin(key), reference, _text(v["body"]), _text(v["outcome"]),
                                         _text(v["conditions"]), day, request_key=key)

    def _submit_progress(self, v: dict[str, Value], reference: str, email: str, key: str | None) -> Reply:
        if self.progress is None:
            raise Refused("frontend.unknown_form", form="progress")
        return submit_progress(self.progress, v, reference, email, _origin(key), key)


def budget_say(reply: Reply, lang: str) -> str:
    """A budget reply in words (its status, outcome and reason codes rendered too)."""
    params: dict[str, Any] = {**reply.params, **spend_words(reply.params, lang)}
    if "outcome" in params:
        params["outcome"] = render(f"outcome.{params['outcome']}", lang)
    return render(reply.code, lang, **params)


def _name(person: Person) -> str:
    return f"{person.name} ({person.organisation})" if person.organisation else person.name


def _origin(key: str | None) -> str:
    """The front end a request came from, by its request key's prefix ("slack:...", "teams:...")."""
    return key.split(":", 1)[0] if key and ":" in key else "chat"


def _text(value: Value) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    return value or ""


def _optional(value: Value) -> str | None:
    return _text(value) or None


def _list(value: Value) -> list[str]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _lines(value: Value) -> list[str]:
    """One item per line (or separated by ';')."""
    text = _text(value)
    return [item for line in text.splitlines() for item in split_items(line)]
