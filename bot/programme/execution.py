"""`[voortgang]` and `[communicatie]`: the reporting moments and the communication calendar's rules.

Checked at start-up, so a wrong figure stops the start with the section named instead of
surfacing weeks later in the worker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.domain.execution import ReportingPolicy
from bot.programme.calendar import ConfigError


@dataclass(frozen=True)
class ExecutionConfig:
    reporting: ReportingPolicy
    communicator_role: str  # who plans the communicatiekalender (§7: the communicatiemedewerker)
    digest_above: int = 5  # status notices per person per day that go out at once; the rest in one digest
    digest_hour: int = 17  # when a day's digest goes out


def _int(section: Mapping[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = section.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ConfigError(f"[voortgang] {key}: een geheel getal van {low} tot en met {high}")
    return value


def parse_execution_config(raw: Mapping[str, Any]) -> ExecutionConfig:
    section = raw.get("voortgang", {})
    if not isinstance(section, Mapping):
        raise ConfigError("[voortgang] moet een tabel zijn")
    months = section.get("momenten", [3, 9])
    if (not isinstance(months, list) or not months
            or not all(isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12 for m in months)):
        raise ConfigError("[voortgang] momenten: een lijst van maanden (1-12), bijvoorbeeld [3, 9]")
    ask = _int(section, "vragen_dagen_voor", 14, 2, 60)
    remind = _int(section, "herinneren_dagen_voor", 7, 1, ask - 1)
    hour = _int(section, "uur", 9, 0, 23)
    communication = raw.get("communicatie", {})
    role = communication.get("rol", "communicatiemedewerker") if isinstance(communication, Mapping) else None
    if not isinstance(role, str) or role not in raw.get("rollen", {}):
        raise ConfigError("[communicatie] rol: een rol uit [rollen]")
    comms = communication if isinstance(communication, Mapping) else {}
    above = comms.get("bundel_boven", 5)
    digest_hour = comms.get("bundel_uur", 17)
    for key, value, low, high in (("bundel_boven", above, 0, 1000), ("bundel_uur", digest_hour, 0, 23)):
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ConfigError(f"[communicatie] {key}: een geheel getal van {low} tot en met {high}")
    return ExecutionConfig(ReportingPolicy(tuple(sorted(set(months))), ask, remind, hour), role, above, digest_hour)
