"""Escalation to the ambtelijk facilitators (§3.2): "drie vooruitgeschoven secretarissen met een
specifieke rol ... in gebeurtenissen die vragen om escalatie".

The kernteam or the programmadirecteur puts an idea or project before them (`escalate`); each
facilitator hears it in chat and by mail, through the outbox, in the same transaction. It stays
open until one of them records the outcome (`conclude`); whoever escalated then hears it.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.cycle import Escalation, Facilitator, concluded, require_role
from bot.domain.errors import Refused
from bot.domain.people import Person
from bot.domain.text import clean_text
from bot.messages import profiled
from bot.services.base import Context, Reply, Service
from bot.services.objections import cycle_config, tell
from bot.services.ports.cycle import cycle_uow
from bot.services.ports.read_models import PAGE, Page
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import audit


class EscalationService(Service):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.config = cycle_config(ctx).escalation

    def facilitators(self, uow: UnitOfWork) -> list[Facilitator]:
        """The programme file's three, and anyone in the people store with the facilitator role."""
        found = {f.email: f for f in self.config.facilitators}
        for person in uow.people.with_role(self.config.role):
            found.setdefault(person.email, Facilitator(person.name, person.email, person.organisation or ""))
        return list(found.values())

    def escalate(self, actor_email: str, origin: str, subject: str, reason: str,
                 request_key: str | None = None) -> Reply:
        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            require_role(actor.roles, self.config.may_escalate, self._words("escalation.wrong_role"))
            ref, title = self._subject(uow, subject)
            text = clean_text(reason, "reden", self.programme.limits.text_max)
            repo = cycle_uow(uow).cycle
            already = repo.open_escalation_for(ref, lock=True)
            if already is not None:
                raise Refused(self._words("escalation.already_open"), subject=ref, reference=already.reference)
            facilitators = self.facilitators(uow)
            if not facilitators:
                raise Refused(self._words("escalation.no_facilitators"))
            number = uow.next_number(f"escalation:{now.year}")
            reference = f"{self.programme.reference_prefix}-ESC-{now.year}-{number:03d}"
            repo.add_escalation(Escalation(reference, ref, text, actor.email, now))
            seq = audit(uow, now, actor.email, "escalated", ref, origin,
                        details={"escalation": reference, "facilitators": len(facilitators)})
            params = {"reference": reference, "subject": ref, "title": title, "reason": text, "by": actor.email}
            notice = self._words("escalation.notice")
            for f in facilitators:
                person = uow.people.get(f.email)
                key = f"{reference}:{seq}:{f.email}"
                tell(uow, self.programme.language, f.email, person, f"{key}:chat", notice, now, params)
                tell(uow, self.programme.language, f.email, person, f"{key}:mail", notice, now,
                     params, mail_only=True)
            names = ", ".join(f.name for f in facilitators)
            return Reply(self._words("escalation.raised"), {**params, "facilitators": names})

        return self.run(actor_email, origin, "escalate", subject.strip()[:80], work, request_key)

    def conclude(self, actor_email: str, origin: str, reference: str, outcome: str,
                 request_key: str | None = None) -> Reply:
        """One of the facilitators records the outcome; *reference* is the escalation's or its subject's."""

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if actor.email not in {f.email for f in self.facilitators(uow)}:
                raise Refused(self._words("escalation.not_facilitator"))
            repo = cycle_uow(uow).cycle
            wanted = reference.strip().upper()[:80]
            found = repo.get_escalation(wanted, lock=True) or repo.open_escalation_for(wanted, lock=True)
            if found is None:
                raise Refused("escalation.unknown", reference=wanted or "-")
            done = concluded(found, clean_text(outcome, "uitkomst", self.programme.limits.text_max), actor.email, now)
            repo.save_escalation(done)
            seq = audit(uow, now, actor.email, "escalation_concluded", found.subject_ref, origin,
                        details={"escalation": found.reference})
            params = {"reference": found.reference, "subject": found.subject_ref, "outcome": done.outcome or "",
                      "by": actor.email}
            raiser = uow.people.get(found.raised_by)
            tell(uow, self.programme.language, found.raised_by, raiser, f"{found.reference}:{seq}:raiser",
                 self._words("escalation.concluded_notice"), now, params)
            return Reply("escalation.concluded", params)

        return self.run(actor_email, origin, "escalation_conclude", reference.strip()[:80], work, request_key)

    def of(self, subject: str, limit: int = 5) -> list[Escalation]:
        """The latest escalations of an idea or project (its `status` shows them)."""
        return self.read(lambda uow: cycle_uow(uow).cycle.escalations_of(subject.strip().upper()[:80], limit))

    def get(self, reference: str) -> Escalation:
        """One escalation by its reference (`status ZOD-ESC-2026-001`)."""

        def work(uow: UnitOfWork) -> Escalation:
            found = cycle_uow(uow).cycle.get_escalation(reference.strip().upper()[:80])
            if found is None:
                raise Refused("escalation.unknown", reference=reference.strip()[:40])
            return found

        return self.read(work)

    def page(self, open_only: bool = True, after: str | None = None, limit: int = PAGE) -> Page[Escalation]:
        return self.read(lambda uow: cycle_uow(uow).cycle.escalation_page(open_only, limit, after))

    def _words(self, code: str) -> str:
        """*code*, or the profile's own wording of it (the VDG escalates to its gemeentesecretarissen)."""
        kind, _, key = code.rpartition(".")
        return profiled(kind, key, self.programme.governance.procedure("voorstel"))

    def _subject(self, uow: UnitOfWork, subject: str) -> tuple[str, str]:
        """An idea by its reference, or a project of the budget (an imported one has no idea)."""
        wanted = subject.strip()[:80]
        idea = uow.ideas.get(wanted) if wanted else None
        if idea is not None:
            return idea.reference, idea.title
        name = cycle_uow(uow).cycle.project_name(wanted) if wanted else None
        if name is not None:
            return wanted, name
        raise Refused("escalation.unknown_subject", reference=wanted or "-")
