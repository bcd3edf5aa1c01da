"""The shipped programme configuration, loaded the way the bot loads it (for the tests)."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

ZOD_TOML = Path(__file__).resolve().parents[3] / "bot" / "programme" / "zod.toml"


def raw_config() -> dict[str, Any]:
    """A fresh copy each time, so a test may change it."""
    return copy.deepcopy(tomllib.loads(ZOD_TOML.read_text(encoding="utf-8")))


# The two worked routes of Bijlage 2, as the seed gives them (`vaart route DATE --json`).
ROUTE_28_JUNE_2024 = {
    "meeting_date": "2024-06-28",
    "steps": [
        {"step": "stukken_naar_coordinatieteam", "dates": ["2024-06-07"], "moved": []},
        {"step": "bespreking_coordinatieteam", "dates": ["2024-06-13"], "moved": []},
        {"step": "stukken_naar_stuurgroep", "dates": ["2024-06-14"], "moved": []},
        {"step": "bespreking_pfo", "dates": ["2024-06-17", "2024-06-24"], "moved": []},
        {"step": "bespreking_colleges", "dates": ["2024-06-18", "2024-06-25"], "moved": []},
        {"step": "stuurgroep", "dates": ["2024-06-28"], "moved": []},
    ],
}
ROUTE_13_DECEMBER_2024 = {
    "meeting_date": "2024-12-13",
    "steps": [
        {"step": "stukken_naar_coordinatieteam", "dates": ["2024-11-22"], "moved": []},
        {"step": "bespreking_coordinatieteam", "dates": ["2024-11-28"], "moved": []},
        {"step": "stukken_naar_stuurgroep", "dates": ["2024-11-29"], "moved": []},
        {"step": "bespreking_pfo", "dates": ["2024-12-02", "2024-12-09"], "moved": []},
        {"step": "bespreking_colleges", "dates": ["2024-12-03", "2024-12-10"], "moved": []},
        {"step": "stuurgroep", "dates": ["2024-12-13"], "moved": []},
    ],
}
