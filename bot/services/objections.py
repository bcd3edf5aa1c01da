"""Objections against stuurgroep decisions (§3.1): "een uitspraak over de inhoud aan de stuurgroep
is gericht en over procesmatige/uitvoerende aspecten aan de provincie".

`file` records who objects to which decision, when, and routes it in the same transaction: an
objection on content goes onto the next open stuurgroep agenda (the agenda rule) — where each member
body decided (the VDG's colleges) to every body's accounthouders instead —, one on the process
to the province's contact by mail; the staf hears of both. `handle` records the handling and, with
an outcome, closes it. The term comes from the programme file; an objection after it is refused.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.cycle import (
    ROUTED_BODIES,
    ROUTED_STUURGROEP,
    Objection,
    ObjectionKind,
    handled,
    objection_kind,
    require_in_term,
    require_role,
)
from bot.domain.errors import Refused
from bot.domain.governance import PER_MEMBER_BODY
from bot.domain.member_bodies import procedure_spec
from bot.domain.people import Person
from bot.domain.text import clean_text
from bot.domain.timezone import to_local
from bot.messages import render
from bot.programme.cycle import CycleConfig, parse_cycle_config
from bot.services.agenda import StorePlanned, place_on_agenda
from bot.services.base import Context, Reply, Service
from bot.services.member_bodies import accounthouders
from bot.services.ports.cycle import CycleRepository, cycle_uow
from bot.services.ports.meetings import meeting_uow
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.read_models import PAGE, Page
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import audit, reader_language

MAIL_ONLY = "mail_only"  # payload key: the chat router sends this one by mail, whoever is in chat


def cycle_config(ctx: Context) -> CycleConfig:
    return parse_cycle_config(ctx.programme.raw, set(ctx.programme.roles))


def tell(uow: UnitOfWork, programme_language: str, recipient: str, person: Person | None, key: str, code: str,
         now: datetime, params: dict[str, str], mail_only: bool = False) -> None:
    """One notice through the outbox, in the recipient's language (the programme's for strangers)."""
    lang = reader_language(uow, recipient, programme_language, person)
    payload: dict[str, object] = {"event": code}
    if mail_only:
        payload[MAIL_ONLY] = True
    uow.enqueue(OutboundMessage(key=key, recipient=recipient, subject=render(f"{code}.subject", lang, **params),
                                body=render(code, lang, **params), payload=payload), now)


class ObjectionService(Service):
    def __init__(self, ctx: Context, store_planned: StorePlanned | None = None) -> None:
        super().__init__(ctx)
        self.config = cycle_config(ctx)
        self.store_planned = store_planned

    def file(self, actor_email: str, origin: str, number: str, kind: str, text: str,
             request_key: str | None = None) -> Reply:
        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            repo = cycle_uow(uow).cycle
            wanted = number.strip().upper()[:40]
            facts = repo.decision(wanted)
            if facts is None:
                raise Refused("objection.unknown_decision", number=wanted or "-")
            chosen = objection_kind(kind)
            body = clean_text(text, "bezwaar", self.programme.limits.text_max)
            config = self.config.objections
            require_in_term(facts.number, facts.decided_on, to_local(now).date(), config.term_days)
            number_now = uow.next_number(f"objection:{now.year}")
            reference = f"{self.programme.reference_prefix}-BZ-{now.year}-{number_now:03d}"
            meeting_id, routed = None, ""
            bodies = self._bodies(uow) if chosen is ObjectionKind.INHOUD else []
            if bodies:  # decided per member body: each college that decided handles it itself
                routed = ROUTED_BODIES
            elif chosen is ObjectionKind.INHOUD:
                try:
                    placement = place_on_agenda(meeting_uow(uow), self.programme, actor, None, False, now,
                                                self.store_planned)
                except Refused as refusal:
                    if refusal.code != "agenda.no_open_meeting":
                        raise
                    routed = ROUTED_STUURGROEP
                else:
                    meeting_id = placement.meeting.id if placement.meeting else None
                    routed = placement.day.isoformat()
            else:
                if config.province_contact is None:
                    raise Refused("objection.no_province_contact")
                routed = config.province_contact
            objection = Objection(reference, facts.number, chosen, body, actor.email, now, routed,
                                  meeting_id=meeting_id)
            repo.add_objection(objection)
            seq = audit(uow, now, actor.email, "objection_filed", reference, origin,
                        details={"decision": facts.number, "kind": chosen.value, "routed_to": routed})
            params = {"reference": reference, "number": facts.number, "subject": facts.subject, "by": actor.email,
                      "text": body, "kind": render(f"objection.kind.{chosen.value}", self.programme.language),
                      "meeting": _day(routed), "province": config.province}
            for body, email in bodies:
                tell(uow, self.programme.language, email, uow.people.get(email), f"{reference}:{seq}:{email}",
                     "objection.to_body", now, {**params, "body": body})
            if chosen is ObjectionKind.PROCES:
                tell(uow, self.programme.language, routed, None, f"{reference}:{seq}:province", "objection.to_province",
                     now, params, mail_only=True)
            for person in _with_roles(uow, config.handlers):
                tell(uow, self.programme.language, person.email, person, f"{reference}:{seq}:{person.email}",
                     "objection.to_staf", now, params)
            code = "objection.filed_inhoud" if chosen is ObjectionKind.INHOUD else "objection.filed_proces"
            if bodies:
                code = "objection.filed_inhoud_bodies"
            elif chosen is ObjectionKind.INHOUD and meeting_id is None:
                code = "objection.filed_inhoud_no_meeting"
            return Reply(code, params)

        return self.run(actor_email, origin, "objection_file", number.strip()[:80], work, request_key)

    def handle(self, actor_email: str, origin: str, reference: str, handling: str, outcome: str | None = None,
               request_key: str | None = None) -> Reply:
        """The staf records how an objection is handled (and, with an outcome, that it is closed)."""

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            require_role(actor.roles, self.config.objections.handlers, "objection.wrong_role")
            repo = cycle_uow(uow).cycle
            found = _objection(repo, reference, lock=True)
            limit = self.programme.limits.text_max
            after = handled(found, clean_text(handling, "behandeling", limit),
                            clean_text(outcome, "uitkomst", limit) if outcome else None, actor.email, now)
            repo.save_objection(after)
            seq = audit(uow, now, actor.email, "objection_handled", found.reference, origin,
                        details={"status": after.status.value, "outcome": after.outcome or ""})
            params = {"reference": found.reference, "number": found.decision_number,
                      "handling": after.handling or "", "outcome": after.outcome or "-"}
            filer = uow.people.get(found.filed_by)
            code = "objection.closed_notice" if after.outcome else "objection.handling_notice"
            tell(uow, self.programme.language, found.filed_by, filer, f"{found.reference}:{seq}:filer", code, now,
                 params)
            return Reply("objection.handled" if after.outcome else "objection.in_handling", params)

        return self.run(actor_email, origin, "objection_handle", reference.strip()[:80], work, request_key)

    def _bodies(self, uow: UnitOfWork) -> list[tuple[str, str]]:
        """Where proposals are decided per member body (the VDG's colleges): every body with each of
        its accounthouders; elsewhere nothing, and a content objection goes to the stuurgroep's agenda."""
        if self.programme.governance.procedure("voorstel") != PER_MEMBER_BODY:
            return []
        spec, gremium = procedure_spec(self.programme)
        return [(body.name, email) for body, emails in accounthouders(uow, spec, gremium) for email in emails]

    def page(self, open_only: bool = True, after: str | None = None, limit: int = PAGE) -> Page[Objection]:
        return self.read(lambda uow: cycle_uow(uow).cycle.objection_page(open_only, limit, after))

    def get(self, reference: str) -> Objection:
        return self.read(lambda uow: _objection(cycle_uow(uow).cycle, reference))


def _objection(repo: CycleRepository, reference: str, lock: bool = False) -> Objection:
    found = repo.get_objection(reference, lock=lock)
    if found is None:
        raise Refused("objection.unknown", reference=reference.strip()[:40])
    return found


def _with_roles(uow: UnitOfWork, roles: tuple[str, ...]) -> list[Person]:
    seen: dict[str, Person] = {}
    for role in roles:
        for person in uow.people.with_role(role):
            seen.setdefault(person.email, person)
    return list(seen.values())


def _day(routed: str) -> str:
    try:
        return datetime.fromisoformat(routed).strftime("%d-%m-%Y")
    except ValueError:
        return routed



