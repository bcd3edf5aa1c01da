"""What a form is, independent of who draws it: fields with their kinds, options and limits, the
errors per field, what a submission answered; and the checks every submission passes before any
service is called."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.domain.errors import Refused
from bot.messages import render
from bot.services.base import Reply

FieldKind = Literal["text", "multiline", "select", "multiselect", "radio"]
Value = str | list[str] | None
Values = Mapping[str, Value]


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Field:
    """One input. *names* are the field names the domain uses in its refusals (text.too_long etc.);
    *initial*: the option chosen when the form opens (the one choice its reader has)."""

    key: str
    label: str
    kind: FieldKind
    required: bool = True
    max_length: int | None = None
    options: tuple[Option, ...] = ()
    hint: str = ""
    names: tuple[str, ...] = ()
    initial: str = ""


@dataclass(frozen=True)
class Form:
    name: str
    reference: str
    title: str
    submit: str
    fields: tuple[Field, ...]
    intro: str = ""


class FormErrors(Exception):
    """What is wrong, per field key, in the reader's language."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class Submitted:
    """A form that went through: the reply to show, and the reference it concerns."""

    text: str
    reply: Reply
    reference: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def check_values(form: Form, values: Values, lang: str) -> dict[str, Value]:
    """The values of a submitted form, cleaned; FormErrors (per field, in *lang*) when one is wrong."""
    errors: dict[str, str] = {}
    clean: dict[str, Value] = {}
    for spec in form.fields:
        value = values.get(spec.key)
        if isinstance(value, str):
            value = value.strip() or None
        if isinstance(value, list):
            value = [v for v in value if v] or None
        if value is None:
            if spec.required:
                errors[spec.key] = render("form.error.required", lang)
            clean[spec.key] = None
            continue
        if spec.options:
            allowed = {o.value for o in spec.options}
            chosen = value if isinstance(value, list) else [value]
            if any(v not in allowed for v in chosen):
                errors[spec.key] = render("form.error.unknown_option", lang)
                continue
        if isinstance(value, str) and spec.max_length is not None and len(value) > spec.max_length:
            errors[spec.key] = render("form.error.too_long", lang, length=len(value), max=spec.max_length)
            continue
        clean[spec.key] = value
    if errors:
        raise FormErrors(errors)
    return clean

def field_for(form: Form, refusal: Refused) -> str:
    """The field a refusal is about: by the domain's field name, else by its kind, else the first."""
    named = str(refusal.params.get("field", ""))
    for spec in form.fields:
        if named and named in spec.names:
            return spec.key
    code = refusal.code
    by_code = {
        "din.unknown_value": "opgaven" if refusal.params.get("kind") == "opgave" else "programmalijn",
        "idea.designers_required": "designers",
        "idea.designers_only_for_ontwerpteam": "designers",
        "person.bad_email": "designers" if form.name == "orientation" else "present",
        "person.unknown": "present",
        "decision.nobody_present": "present",
        "decision.not_stuurgroep": "present",
        "decision.conflict": "present",
        "decision.nobody_left": "present",
        "decision.no_consensus": "objections",
        "decision.objections_required": "objections",
        "decision.rejection_criterion": "outcome",
        "decision.no_advice": "outcome",
        "decision.before_meeting": "outcome",
        "decision.amount_required": "amount",
        "decision.amount_only_for_akkoord": "amount",
        "advice.rejecting_criterion": "verdict",
        "budget.request.reason_required": "reason",
        "date.invalid": "decided_on",
        "date.out_of_range": "decided_on",
        "bodies.decided_in_future": "decided_on",
        "bodies.before_advice": "decided_on",
        "bodies.unknown_outcome": "outcome",
    }
    wanted = by_code.get(code) or ("amount" if code.startswith("amount.") else "")
    keys = [spec.key for spec in form.fields]
    if code == "advice.bad_judgement" or code == "advice.missing_items":
        wanted = next((k for k in keys if k.startswith(("c:", "p:"))), "")
    return wanted if wanted in keys else keys[0]
