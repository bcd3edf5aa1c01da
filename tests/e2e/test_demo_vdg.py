"""`vaart --programma vdg demo` in an installation of both programmes: the VDG's own tour (its
portefeuillehoudersoverleg, its twelve colleges, the VDG-bestuur's documents package), in its own words."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from bot.bootstrap.settings import load_programme, programme_text
from bot.cli.demo import tour_for
from bot.cli.main import main as vaart
from bot.domain.errors import Refused
from bot.messages import render
from tests.e2e.test_vdg_wording_sweep import hits


def demo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, code: str) -> tuple[int, str]:
    for name in ("VAART_PROGRAMME", "VAART_PROGRAMMA", "VAART_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VAART_PROGRAMMES", "zod,vdg")
    monkeypatch.setenv("VAART_VAR_DIR", str(tmp_path / "var"))  # the installation's store: the demo leaves it be
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        exit_status = vaart(["--programma", code, "demo"])
    return exit_status, said.getvalue()


def test_the_vdg_demo_walks_its_own_route_on_a_fresh_store_in_its_own_words(monkeypatch: pytest.MonkeyPatch,
                                                                              tmp_path: Path) -> None:
    status, said = demo(monkeypatch, tmp_path, "vdg")
    assert status == 0
    assert said.startswith("vaart demo — Samenwerkingsagenda 2023-2027 Vereniging van Drentse Gemeenten")
    assert "Stukken VDG-bestuur 8 januari 2027" in said and "Herinnering: Versturen stukken" in said
    assert "Advies van het portefeuillehoudersoverleg over VDG-2026-0001 vastgelegd" in said
    assert "Daarmee is het besluit definitief: akkoord (VDG-B-2027-001)" in said
    assert "VDG-U-2026-0001] Uitgaveverzoek goedgekeurd" in said and "na de gevraagde datum" not in said
    assert not hits({"demo": [said]})
    assert not (tmp_path / "var").exists()


def test_the_regio_deals_demo_is_still_its_stuurgroep_tour_in_the_same_installation(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    status, said = demo(monkeypatch, tmp_path, "zod")
    assert status == 0
    assert "Besluit ZOD-B-2027-001" in said and "Stukken stuurgroep 22 januari 2027" in said


def test_a_programme_deciding_in_writing_is_told_there_is_no_tour_for_it(tmp_path: Path) -> None:
    zod = programme_text()
    written = zod.replace('besluit = "stuurgroep"\nprocedure = "consensus-in-meeting"',
                          'besluit = "stuurgroep"\nprocedure = "written-round"', 1)
    assert written != zod
    path = tmp_path / "schriftelijk.toml"
    path.write_text(written, encoding="utf-8")
    with pytest.raises(Refused) as caught:
        tour_for(load_programme(path))
    assert render(caught.value.code, "nl", **caught.value.params) == (
        "Programma ZOD besluit over een voorstel met de procedure written-round, en daarvoor heeft 'vaart demo' "
        "geen rondleiding (wel voor: consensus-in-meeting, per-member-body)."
    )
