"""Use cases on people: add someone with their functions, list who is who."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.domain.errors import Refused
from bot.domain.people import Person, new_person
from bot.messages import LANGUAGES
from bot.services.base import Reply, Service
from bot.services.ports.unit_of_work import UnitOfWork
from bot.services.record import audit, reader_language


class PeopleService(Service):
    def add(
        self,
        actor_email: str,
        origin: str,
        email: str,
        name: str,
        roles: Iterable[str],
        organisation: str | None = None,
        language: str | None = None,
    ) -> Reply:
        """Add a person, or update their name, organisation, roles and language (idempotent)."""
        wanted = list(roles)

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            person = new_person(self.programme, email, name, wanted, organisation, language)
            existing = uow.people.get(person.email)
            if existing is None:  # the language they chose before they were registered, unless one is given
                person.language = person.language or uow.people.language_choice(person.email)
                uow.people.add(person)
                event = "added"
            else:  # the language they chose themselves stays, unless another is given
                existing.name, existing.organisation = person.name, person.organisation
                existing.roles, existing.language = person.roles, person.language or existing.language
                event = "updated"
            details = {"roles": person.roles, "organisation": person.organisation or ""}
            audit(uow, now, actor.email, f"person_{event}", person.email, origin, details=details)
            code = f"person.{event}" if person.roles else f"person.{event}_without_roles"
            return Reply(code, {"email": person.email, "name": person.name, "roles": ", ".join(person.roles)})

        return self.run(actor_email, origin, "person_add", email.strip().lower()[:80], work)

    def add_accounthouders(self, actor_email: str, origin: str) -> Reply:
        """The programme file's accounthouders as people, in one transaction: the colleges' and the
        partners' (provincie, waterschappen), each with the accounthouder role and their organisation.
        Roles they hold already stay; nobody already so registered is touched (idempotent)."""
        profile = self.programme.governance
        role = profile.accounthouder_role

        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if role is None or not profile.accounthouders:
                raise Refused("person.no_accounthouders")
            added = updated = 0
            for named in profile.accounthouders:
                existing = uow.people.get(named.email)
                if existing is None:
                    uow.people.add(new_person(self.programme, named.email, named.name, [role], named.organisation,
                                              uow.people.language_choice(named.email)))
                    added += 1
                elif role in existing.roles and existing.organisation == named.organisation:
                    continue
                else:
                    roles = existing.roles if role in existing.roles else [*existing.roles, role]
                    checked = new_person(self.programme, named.email, existing.name, roles, named.organisation,
                                         existing.language)  # the role conflicts, as `add` checks them
                    existing.roles, existing.organisation = checked.roles, checked.organisation
                    updated += 1
                audit(uow, now, actor.email, "person_accounthouder", named.email, origin,
                      details={"organisation": named.organisation, "body": named.body or ""})
            return Reply("person.accounthouders",
                         {"added": added, "updated": updated, "count": len(profile.accounthouders)})

        return self.run(actor_email, origin, "person_accounthouders", "-", work)

    def set_language(self, actor_email: str, origin: str, language: str) -> Reply:
        """The language *actor_email* reads from now on: in the register, or for someone not (yet) in it
        (a guest), remembered beside it, so what they are sent comes in it too."""
        def work(uow: UnitOfWork, actor: Person, now: datetime) -> Reply:
            if language not in LANGUAGES:
                raise Refused("person.bad_language", language=language)
            person = uow.people.get(actor.email)
            if person is None:
                uow.people.choose_language(actor.email, language, now)
            else:
                person.language = language
            audit(uow, now, actor.email, "person_language", actor.email, origin, details={"language": language})
            return Reply("person.language_set", {"language": language})

        return self.run(actor_email, origin, "person_language", actor_email[:80], work)

    def language(self, email: str) -> str:
        """The language *email* reads (`reader_language`): what a chat session starts in, and what a
        delivery channel draws a card in."""
        return self.read(lambda uow: reader_language(uow, email.strip().lower(), self.programme.language))

    def list(self) -> list[Person]:
        return self.read(lambda uow: uow.people.everyone())

    def get(self, email: str) -> Person | None:
        return self.read(lambda uow: uow.people.get(email))

    def known(self, email: str) -> bool:
        """Whether *email* belongs to someone registered (cheaper than `get` when that is all one needs)."""
        return self.read(lambda uow: uow.people.known(email))
