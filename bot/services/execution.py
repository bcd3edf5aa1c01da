"""The programme cycle's services together, as the composition root hands them out: progress per
reporting moment, beschikkingen, the communicatiekalender, the daily digests of status notices."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.base import Context
from bot.services.beschikking import BeschikkingService
from bot.services.communication import CommunicationService
from bot.services.digest import DigestService
from bot.services.progress import ProgressService


@dataclass(frozen=True)
class ExecutionServices:
    progress: ProgressService
    beschikking: BeschikkingService
    communication: CommunicationService
    digest: DigestService

    @classmethod
    def build(cls, ctx: Context) -> ExecutionServices:
        """`[voortgang]` and `[communicatie]` are checked here, so a wrong figure stops the start."""
        return cls(ProgressService(ctx), BeschikkingService(ctx), CommunicationService(ctx), DigestService(ctx))

    def run_due(self) -> tuple[list[str], int]:
        """The worker's tick: the reporting rounds' next steps, the calendar's due items, the digests due;
        returns the rounds' steps and how many messages the calendar and the digests wrote."""
        return self.progress.run_rounds(), self.communication.send_due() + self.digest.send_due()
