"""Progress per reporting moment (Programmaplan §5 monitoring; the 2021 tables' "Voortgang per maart").

`report` records what the regisseur or penvoerder of a running project reports for the open
moment (progress text, milestones reached, money spent so far, risks). `run_rounds` is the
worker's job: before each moment it asks the regisseur and the penvoerder of every running
project, reminds once who has not reported, and then tells the kernteam who still has not. Each
step is one transaction on the moment's locked round row, with outbox keys that the outbox
takes once, so two workers, a retried tick or a worker back from downtime send everything once.
`overview` is the report per moment in the layout of the 2021 tables.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

from bot.domain.budget import require_amount
from bot.domain.errors import Refused
from bot.domain.execution import Moment, ProgressReport, next_moment, open_moment, parse_moment
from bot.domain.lifecycle import Status
from bot.domain.money import format_euro
from bot.domain.people import Person, language_of
from bot.domain.text import clean_optional, clean_text
from bot.messages import render
from bot.programme.execution import ExecutionConfig, parse_execution_config
from bot.reports.budget_report import GroupBy
from bot.reports.progress_report import ProgressOverview, compute_progress
from bot.services.base import Context, Reply, Service, resolve_actor
from bot.services.ports.execution import ExecutionRepository, RunningProject, execution_uow
from bot.services.ports.outbound import OutboundMessage
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import audit, reader_language

REPORTERS = ("kernteam", "staf", "programmadirecteur")  # besides the people of the project itself
BATCH = 500  # running projects read per query
LISTED = 50  # projects named in the kernteam's notice; the rest counted


class ProgressService(Service):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.config: ExecutionConfig = parse_execution_config(ctx.programme.raw)

    def moment(self, text: str | None, now: datetime | None = None) -> Moment:
        """The typed moment, or the one open now; refused when there is none."""
        policy = self.config.reporting
        if text:
            return parse_moment(text, policy, self.programme.period)
        found = open_moment(policy, now or self.ctx.clock.now(), self.programme.period)
        if found is None:
            raise Refused("progress.moment.none_open")
        return found

    # -- reporting -----------------------------------------------------------------------------------
    def report(
        self,
        actor_email: str,
        origin: str,
        reference: str,
        text: str,
        milestones: str | None = None,
        spent: Decimal | None = None,
        risks: str | None = None,
        moment: str | None = None,
        request_key: str | None = None,
    ) -> Reply:
        """Record (or replace) the report of a running project for the open moment."""
        limits = self.programme.limits

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            repo = execution_uow(uow).execution
            chosen = self.moment(moment, now)
            self._check_open(chosen, now)
            ref = self._running(uow, repo, reference, actor)
            entry = ProgressReport(
                reference=ref,
                moment=chosen.key,
                text=clean_text(text, "voortgang", limits.text_max),
                milestones=clean_optional(milestones, "mijlpalen", limits.text_max) or "",
                spent=require_amount(spent, allow_zero=True) if spent is not None else Decimal("0.00"),
                risks=clean_optional(risks, "risico's", limits.text_max) or "",
                reporter=actor.email,
                reported_at=now,
            )
            replaced = repo.save_report(entry)
            audit(uow, now, actor.email, "progress_reported", ref, origin,
                  details={"moment": chosen.key, "spent": str(entry.spent), "replaced": replaced})
            return Reply("progress.recorded", {"reference": ref, "moment": chosen.key,
                                               "spent": format_euro(entry.spent)})

        return self.run(actor_email, origin, "progress_reported", reference.strip()[:80], work, request_key)

    def _check_open(self, moment: Moment, now: datetime) -> None:
        policy = self.config.reporting
        if now < moment.ask_at(policy) or now >= next_moment(policy, moment).ask_at(policy):
            raise Refused("progress.moment.closed", moment=moment.key)

    def _running(self, uow: UnitOfWork, repo: ExecutionRepository, reference: str, actor: Person) -> str:
        """The project's reference when it is running and *actor* may report on it."""
        budget_ref, status = repo.project_state(reference)
        typed = reference.strip()[:80]
        if status is not None:
            if status != Status.IN_UITVOERING.value:
                raise Refused("progress.not_running", reference=typed.upper(), status=status)
            idea = uow.ideas.get(typed)
            involved = idea is not None and actor.email in {idea.submitter, idea.kernteam_contact, *idea.designers}
            if not (involved or actor.has_role(*REPORTERS)):
                raise Refused("progress.not_allowed", reference=typed.upper())
            return typed.upper()
        if budget_ref is None:
            raise Refused("progress.unknown_project", reference=typed)
        if actor.has_role(*REPORTERS):  # a project of the Uitvoeringsprogramma: the programme reports,
            return budget_ref
        imported = repo.imported_project(budget_ref)  # and so do the people of its penvoerder
        if imported is None or actor.email not in imported.contacts:
            raise Refused("progress.not_allowed", reference=budget_ref)
        return budget_ref

    def check_reporter(self, actor_email: str, reference: str) -> None:
        """Refuse before a form is shown to someone who may not report on *reference*, or when it is
        not running or no moment is open (the report checks all of it again)."""
        self.moment(None)
        def work(uow: UnitOfWork) -> str:
            return self._running(uow, execution_uow(uow).execution, reference, resolve_actor(uow, actor_email))

        self.read(work)

    def form_hint(self, reference: str) -> str:
        """The proposal's milestones, shown with the form's question about them ("" when none)."""

        def work(uow: UnitOfWork) -> str:
            idea = uow.ideas.get(reference.strip()[:80])
            return "" if idea is None else idea.parts.get("resultaten", "")

        return self.read(work)

    # -- the report per moment -------------------------------------------------------------------
    def overview(self, moment: str | None, by: GroupBy, lang: str) -> ProgressOverview:
        chosen = self.moment(moment)
        no_group = render("budget.report.no_group", lang)

        def work(uow: UnitOfWork) -> ProgressOverview:
            rows = execution_uow(uow).execution.progress_rows(chosen.key)
            return compute_progress(rows, chosen, by=by, no_group=no_group)

        return self.read(work)

    # -- the worker's rounds -----------------------------------------------------------------------
    def run_rounds(self) -> list[str]:
        """One tick: for every moment with work due, the next step; returns what was done."""
        now = self.ctx.clock.now()
        policy = self.config.reporting
        current = open_moment(policy, now, self.programme.period)
        with self.ctx.uow_factory() as uow:
            pending = [r.moment for r in execution_uow(uow).execution.open_rounds()]
        # A round not begun by the moment's day plus the ask's lead is stale: the next moment comes first
        # (a store started in February does not ask for September's moment).
        fresh = current is not None and now < current.start(policy) + timedelta(days=policy.ask_days_before)
        keys = sorted(set(pending) | ({current.key} if current and fresh else set()))
        return [done for key in keys if (done := self._step(parse_moment(key, policy, None), now))]

    def _step(self, moment: Moment, now: datetime) -> str | None:
        policy = self.config.reporting
        with self.ctx.uow_factory() as uow:
            repo = execution_uow(uow).execution
            state = repo.lock_round(moment.key)
            if state.asked_at is None:
                phase, updated = "ask", replace(state, asked_at=now)
            elif state.reminded_at is None and now >= max(moment.remind_at(policy), state.asked_at + policy.gap):
                phase, updated = "remind", replace(state, reminded_at=now)
            elif (state.reminded_at is not None and state.told_at is None
                  and now >= max(moment.start(policy), state.reminded_at + policy.gap)):
                phase, updated = "tell", replace(state, told_at=now)
            else:
                return None
            count = self._send(uow, repo, moment, phase, now)
            repo.save_round(updated)
            audit(uow, now, "systeem", f"progress_round_{phase}", moment.key, "worker", details={"messages": count})
            uow.commit()
        return f"{moment.key}:{phase}:{count}"

    def _send(self, uow: UnitOfWork, repo: ExecutionRepository, moment: Moment, phase: str, now: datetime) -> int:
        """Ask (or remind) the people of every running project that has not reported, the ideas in
        uitvoering first, then the projects of an imported table; an imported project without a known
        person is asked of the kernteam instead, in one message per member that says so. In the last
        phase the kernteam hears which projects have still not reported."""
        missing: list[RunningProject] = []
        orphans: list[RunningProject] = []
        sent = 0
        for fetch in (repo.running_projects, repo.imported_projects):
            after: str | None = None
            while batch := fetch(after, BATCH):
                after = batch[-1].reference
                reported = repo.reported(moment.key, [p.reference for p in batch]) if phase != "ask" else set()
                for project in batch:
                    if project.reference in reported:
                        continue
                    missing.append(project)
                    people = [e for e in dict.fromkeys([project.regisseur, *project.contacts]) if e]
                    if not people:
                        orphans.append(project)
                    if phase == "tell":
                        continue
                    for email in people:
                        sent += self._tell(uow, email, f"progress.{phase}", moment, phase, now,
                                           reference=project.reference, title=project.title,
                                           penvoerder=project.penvoerder or "-")
        kernteam = uow.people.with_role("kernteam")
        if phase != "tell":
            if orphans:
                for person in kernteam:
                    lang = language_of(person, self.programme.language)
                    sent += self._tell(uow, person.email, f"progress.{phase}_kernteam", moment, phase, now,
                                       person=person, reference="zonder-persoon", count=len(orphans),
                                       listed=self._listed(orphans, lang, ()))
            return sent
        marked = {p.reference for p in orphans}
        for person in kernteam:
            lang = language_of(person, self.programme.language)
            sent += self._tell(uow, person.email, "progress.tell", moment, phase, now, count=len(missing),
                               listed=self._listed(missing, lang, marked) or render("progress.tell.nobody", lang),
                               person=person)
        return sent

    def _listed(self, projects: list[RunningProject], lang: str, marked: set[str] | tuple[()]) -> str:
        """The first `LISTED` projects, one line each (those asked of the kernteam marked so), the rest counted."""
        lines = [render("progress.tell.item", lang, reference=p.reference, title=p.title,
                        penvoerder=p.penvoerder or "-")
                 + (" " + render("progress.tell.no_person", lang) if p.reference in marked else "")
                 for p in projects[:LISTED]]
        if len(projects) > LISTED:
            lines.append(render("progress.tell.more", lang, count=len(projects) - LISTED))
        return "\n".join(lines)

    def _tell(self, uow: UnitOfWork, email: str, code: str, moment: Moment, phase: str, now: datetime,
              person: Person | None = None, **params: object) -> int:
        lang = reader_language(uow, email, self.programme.language, person)
        def fill(c: str) -> str:
            return render(c, lang, moment=moment.label(lang), key=moment.key, **params)
        reference = str(params.get("reference", "kernteam"))
        uow.enqueue(OutboundMessage(
            key=f"progress:{moment.key}:{phase}:{reference}:{email}",
            recipient=email,
            subject=fill(f"{code}.subject"),
            body=fill(code),
            payload={"event": f"progress.{phase}", "moment": moment.key, "reference": reference},
        ), now)
        return 1
