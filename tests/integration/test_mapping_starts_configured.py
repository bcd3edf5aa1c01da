"""The mapping is configured when it starts, not at the first mapped object made: a domain object made
before it (a module's constant Person, as the unit tests keep) stays readable afterwards. Until the
mappers were configured, reading `roles` on such an object raised AttributeError, which failed unit
tests now and then, depending on which test of the same worker started the mapping first."""

from __future__ import annotations

import subprocess
import sys

MADE_BEFORE_THE_MAPPING = """
from bot.domain.people import Person
kept = Person("p@vdg.invalid", "Pim", roles=["kernteam"])
from storage.mapping import start_mappers
start_mappers()
print(kept.has_role("kernteam"), kept.roles)
"""


def test_a_person_made_before_the_mapping_is_readable_after_it() -> None:
    run = subprocess.run([sys.executable, "-c", MADE_BEFORE_THE_MAPPING], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "True ['kernteam']"
