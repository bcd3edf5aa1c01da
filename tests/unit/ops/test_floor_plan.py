"""The floor plan's contracts (pyproject.toml, `make lint`) name every use-case module: an adapter or a
port that starts importing a new service module is caught, not waved through."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[3]


def contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return {c["id"]: c for c in config["contracts"]}


def use_case_modules() -> set[str]:
    return {f"bot.services.{p.stem}" for p in (ROOT / "bot" / "services").glob("*.py") if p.stem != "__init__"}


def test_adapters_may_import_no_use_case_module() -> None:
    forbidden = set(contracts()["adapters"]["forbidden_modules"])  # type: ignore[arg-type]
    assert use_case_modules() <= forbidden, sorted(use_case_modules() - forbidden)


def test_ports_import_no_use_case_module() -> None:
    forbidden = set(contracts()["ports"]["forbidden_modules"])  # type: ignore[arg-type]
    assert use_case_modules() <= forbidden, sorted(use_case_modules() - forbidden)


def test_make_lint_runs_the_contracts() -> None:
    assert "lint-imports" in (ROOT / "Makefile").read_text().split("\nlint:")[1].split("\n\n")[0]
