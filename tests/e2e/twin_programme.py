"""A second ZOD-like programme for tests of two programmes in one installation that both have what
the VDG lacks (a mandate for spending, the schriftelijke ronde): the shipped zod.toml with another
code, name and reference prefix, written to the test's directory."""

from __future__ import annotations

from pathlib import Path

ZOD_TOML = Path(__file__).resolve().parents[2] / "bot" / "programme" / "zod.toml"
TWIN = "ZWD"
TWIN_NAME = "Regio Deal Zuidwest-Drenthe"


def twin_programme(directory: Path) -> Path:
    """zod.toml as programme ZWD (references ZWD-2026-0001, ZWD-U-..., ZWD-R-...) in *directory*."""
    text = ZOD_TOML.read_text(encoding="utf-8")
    replacements = {'code = "ZOD"': f'code = "{TWIN}"', 'referentie_prefix = "ZOD"': f'referentie_prefix = "{TWIN}"',
                    'naam = "Regio Deal Zuid- en Oost-Drenthe II"': f'naam = "{TWIN_NAME}"'}
    for old, new in replacements.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "zwd.toml"
    path.write_text(text, encoding="utf-8")
    return path
