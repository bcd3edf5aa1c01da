"""What the chat front ends look up while they draw a card or turn an outbox row into a post: the
recipient's language, an idea with its kernteam contact, a spend request with who decided it. One
copy for the Slack and Teams handlers and their delivery channels.
"""

from __future__ import annotations

from bot.domain.budget_mandate import SpendRequest
from bot.domain.errors import Refused
from bot.domain.ideas import Idea
from bot.domain.programme import Programme
from bot.services.budget import BudgetService
from bot.services.ideas import IdeaService
from bot.services.people import PeopleService
from bot.services.ports.outbox import DeliveryError


class ChatLookups:
    def __init__(
        self, programme: Programme, ideas: IdeaService, people: PeopleService, budget: BudgetService | None
    ) -> None:
        self.programme = programme
        self.ideas = ideas
        self.people = people
        self.budget = budget

    def language(self, email: str) -> str:
        return self.people.language(email)

    def idea(self, reference: str) -> Idea | None:
        return self.ideas.find(reference)

    def contact_name(self, idea: Idea) -> str | None:
        """The name of the idea's kernteam contact (the address when they are not in the store)."""
        contact = self.people.get(idea.kernteam_contact) if idea.kernteam_contact else None
        return contact.name if contact else idea.kernteam_contact

    def idea_and_contact(self, reference: str) -> tuple[Idea, str | None] | None:
        idea = self.idea(reference)
        return None if idea is None else (idea, self.contact_name(idea))

    def request_and_decider(self, reference: str) -> tuple[SpendRequest, str | None]:
        """The spend request and the name of whoever decided it; Refused when there is none."""
        if self.budget is None:
            raise Refused("budget.request.unknown", reference=reference.strip()[:40])
        request = self.budget.get_request(reference)
        decider = self.people.get(request.decided_by) if request.decided_by else None
        return request, (decider.name if decider else request.decided_by)

    def find_request(self, reference: str) -> tuple[SpendRequest, str | None] | None:
        """`request_and_decider`, or None when there is no such request."""
        try:
            return self.request_and_decider(reference)
        except Refused:
            return None


class DeliveryLookups:
    """The lookups of a chat delivery channel: a row that cannot be drawn is a dead letter."""

    name: str
    lookups: ChatLookups

    def _language(self, email: str) -> str:
        return self.lookups.language(email)

    def _idea(self, reference: str) -> Idea | None:
        return self.lookups.idea(reference)

    def _request(self, reference: str) -> tuple[SpendRequest, str | None]:
        try:
            return self.lookups.request_and_decider(reference)
        except Refused as refusal:
            raise DeliveryError(f"{self.name}: spend request {reference}: {refusal.code}", permanent=True) from refusal
