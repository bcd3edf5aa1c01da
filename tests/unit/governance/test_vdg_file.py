"""What vdg.toml holds of seed 003 beyond the profile: the eight portefeuilles each with a PHO and an
ambtelijk overleg, and the accounthouders of every gemeente, the provincie and the waterschappen."""

from __future__ import annotations

from pathlib import Path

from bot.bootstrap.settings import load_programme

VDG = load_programme(Path(__file__).resolve().parents[3] / "bot" / "programme" / "vdg.toml")
PORTEFEUILLES = [
    "Gezondheid en Welzijn", "Energie, Klimaat en Milieu", "Ruimte en Wonen", "Onderwijs en Cultuur", "Sport",
    "Participatie, Schulden en Integratie", "Economische Zaken en Industrie", "Financiën",
]


def test_the_eight_portefeuilles_each_have_a_pho_and_an_ambtelijk_overleg_in_the_calendar() -> None:
    portefeuilles = VDG.raw["portefeuilles"]
    assert [p["naam"] for p in portefeuilles.values()] == PORTEFEUILLES
    gremia = VDG.raw["kalender"]["gremia"]
    for spec in portefeuilles.values():
        assert gremia[spec["pho"]]["naam"] == f"Portefeuillehoudersoverleg {spec['naam']}"
        assert gremia[spec["ambtelijk_overleg"]]["naam"] == f"Ambtelijk overleg {spec['naam']}"
    assert list(VDG.programme_lines) == PORTEFEUILLES  # a proposal links to its portefeuille


def test_every_gemeente_the_provincie_and_four_waterschappen_have_a_placeholder_accounthouder() -> None:
    colleges = VDG.governance.gremia["colleges"].bodies
    assert len(colleges) == 12
    assert sorted(b.name for b in colleges) == sorted(VDG.raw["gemeenten"]["inwoners"])
    others = VDG.raw["accounthouders"]
    assert next(o["organisatie"] for o in others) == "Provincie Drenthe"
    assert sum(o["organisatie"].startswith("Waterschap") for o in others) == 4
    assert all(o["email"].endswith(".invalid") and "in te vullen" in o["naam"] for o in others)
    assert "accounthouder" in VDG.roles and VDG.roles["accounthouder"].level == "accounthouders"
