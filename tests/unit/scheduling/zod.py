"""The shipped programme configuration, loaded the way the bot loads it (for the tests)."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

ZOD_TOML = Path(__file__).resolve().parents[3] / "bot" / "programmes" / "zod.toml"


def raw_config() -> dict[str, Any]:
    """A fresh copy each time, so a test may change it."""
    return copy.deepcopy(tomllib.loads(ZOD_TOML.read_text(encoding="utf-8")))
