"""The programme cycle's services together, as the composition root hands them out: progress per
reporting moment, beschikkingen, the communicatiekalender."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.base import Context
from bot.services.beschikking import BeschikkingService
from bot.services.communication import CommunicationService
from bot.services.progress import ProgressService


@dataclass(frozen=True)
class CycleServices:
    progress: ProgressService
    beschikking: BeschikkingService
    communication: CommunicationService

    @classmethod
    def build(cls, ctx: Context) -> CycleServices:
        """`[voortgang]` and `[communicatie]` are checked here, so a wrong figure stops the start."""
        return cls(ProgressService(ctx), BeschikkingService(ctx), CommunicationService(ctx))

    def run_due(self) -> tuple[list[str], int]:
        """The worker's tick: the reporting rounds' next steps, then the calendar's due items."""
        return self.progress.run_rounds(), self.communication.send_due()
