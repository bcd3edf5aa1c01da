"""What every chat delivery channel (Slack, Teams) looks up while it turns an outbox row into a post:
the recipient's language, the idea, and the spend request with who decided it. One copy for both."""

from __future__ import annotations

from bot.domain.budget_mandate import SpendRequest
from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.programme import Programme
from bot.services.budget import BudgetService
from bot.services.ideas import IdeaService
from bot.services.people import PeopleService
from bot.services.ports.outbox import DeliveryError


class DeliveryLookups:
    name: str
    programme: Programme
    ideas: IdeaService
    people: PeopleService
    budget: BudgetService | None

    def _language(self, email: str) -> str:
        person = self.people.get(email)
        return (person.language if person and person.language else None) or self.programme.language

    def _idea(self, reference: str) -> Idea | None:
        found: Idea | None = self.ideas.read(lambda uow: uow.ideas.get(reference.strip().upper()))
        return found

    def _request(self, reference: str) -> tuple[SpendRequest, str | None]:
        assert self.budget is not None
        try:
            request = self.budget.get_request(reference)
        except Refused as refusal:
            raise DeliveryError(f"{self.name}: spend request {reference}: {refusal.code}", permanent=True) from refusal
        decider = self.people.get(request.decided_by) if request.decided_by else None
        return request, (decider.name if decider else request.decided_by)
