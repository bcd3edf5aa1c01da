"""Which programme a person chose to talk to in their direct messages, per platform, as a port.

An installation may run several programmes (a store per programme); a DM, a Teams personal chat or
the console belongs to no programme by itself, so the person's choice (`programma CODE`) decides,
and the default programme when there is none. The SQL implementation is
`storage.programme_choices_repo.SqlProgrammeChoices`, in the default programme's store.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class ProgrammeChoices(Protocol):
    def get(self, platform: str, person: str) -> str | None:
        """The code *person* (their id on *platform*) chose, or None."""
        ...

    def set(self, platform: str, person: str, code: str, at: datetime) -> None: ...
