"""DIN coverage (§5): linking every intervention to the principles and the DIN lets the programme
"beter zien waar we nog moeten investeren". Every opgave, programmalijn, subdoel and leidend
principe of the programme file, with the ideas, proposals and projects linked and the money
allocated to them, read as GROUP BYs on `idea_din` from the store (never every idea). The one
reading for chat `dekking`, `vaart din coverage` and the web's `/dekking`."""

from __future__ import annotations

from bot.domain.cycle import Coverage, coverage
from bot.domain.programme import Programme
from bot.services.base import Service
from bot.services.ports.cycle import cycle_uow
from bot.services.ports.unit_of_work import UnitOfWork


def din_elements(programme: Programme) -> list[tuple[str, str]]:
    """(kind, name) for every DIN element, in the programme file's order; a subdoel that two
    programmalijnen share (Bijlage 1's spanning lines) is one element."""
    subgoals = list(dict.fromkeys(s for line in programme.programme_lines.values() for s in line))
    return [
        *(("opgave", o) for o in programme.opgaven),
        *(("programmalijn", name) for name in programme.programme_lines),
        *(("subdoel", s) for s in subgoals),
        *(("principe", p) for p in programme.principles),
    ]


class CoverageService(Service):
    def overview(self) -> Coverage:
        def work(uow: UnitOfWork) -> Coverage:
            repo = cycle_uow(uow).cycle
            return coverage(din_elements(self.programme), repo.din_counts(), repo.din_money(),
                            tuple(self.programme.programme_lines), tuple(self.programme.opgaven), repo.din_heat(),
                            repo.din_heat_money(), repo.din_unlinked())

        return self.read(work)
