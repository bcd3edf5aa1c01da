"""The governance profile (`[besturing]`): the shipped profiles read as the seeds say, and a profile that
contradicts itself stops the start with the file, the line of the key and the problem in one Dutch sentence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.bootstrap.settings import load_programme
from bot.domain.errors import Refused
from bot.domain.governance import CONSENSUS, PER_MEMBER_BODY, WRITTEN_ROUND, require_procedure
from bot.messages import render
from bot.programme.toml_lines import line_of

PROGRAMMES = Path(__file__).resolve().parents[3] / "bot" / "programme"
ZOD = (PROGRAMMES / "zod.toml").read_text(encoding="utf-8")
VDG = (PROGRAMMES / "vdg.toml").read_text(encoding="utf-8")


def refusal(tmp_path: Path, text: str) -> Refused:
    path = tmp_path / "kapot.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Refused) as caught:
        load_programme(path)
    assert caught.value.code == "programme.invalid"
    return caught.value


def sentence(problem: Refused) -> str:
    return render(problem.code, "nl", **problem.params)


def line_number(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_the_regio_deal_decides_proposals_by_consensus_in_the_stuurgroep_meeting_with_a_toetsing() -> None:
    profile = load_programme().governance
    assert profile.procedure("voorstel") == CONSENSUS
    assert profile.decision("voorstel").decided_by == "stuurgroep"  # type: ignore[union-attr]
    assert profile.decision("voorstel").prepared_by == "expertteam"  # type: ignore[union-attr]
    assert profile.has_step("toetsing")


def test_the_vdg_has_no_toetsing_the_pho_prepares_and_the_twelve_colleges_all_decide() -> None:
    profile = load_programme(PROGRAMMES / "vdg.toml").governance
    spec = profile.decision("voorstel")
    assert spec is not None and spec.procedure == PER_MEMBER_BODY
    assert spec.prepared_by == "pho" and spec.decided_by == "colleges"
    assert not profile.has_step("toetsing")
    colleges = profile.gremia["colleges"]
    assert len(colleges.bodies) == 12 and spec.quorum is None
    assert all(len(b.accounthouders) == 1 and b.accounthouders[0].endswith(".invalid") for b in colleges.bodies)


def test_a_decision_by_a_gremium_that_does_not_exist_refuses_to_start_with_its_line(tmp_path: Path) -> None:
    broken = ZOD.replace('besluit = "stuurgroep"\nprocedure = "consensus-in-meeting"\nvastlegging = ["staf"]'
                         '           # `besluit REF ...`', 'besluit = "raad"\nprocedure = "consensus-in-meeting"\n'
                         'vastlegging = ["staf"]', 1)
    assert broken != ZOD
    problem = refusal(tmp_path, broken)
    assert problem.params["line"] == line_number(broken, 'besluit = "raad"')
    assert sentence(problem) == (
        f"Het programmabestand kapot.toml start niet: op regel {problem.params['line']} wordt 'voorstel' voorbereid"
        " of besloten door het gremium 'raad', en dat gremium bestaat niet onder [besturing.gremia], dus verbeter die"
        " regel eerst."
    )


def test_a_role_on_two_levels_refuses_to_start_with_the_line_of_the_gremium_level(tmp_path: Path) -> None:
    broken = ZOD.replace('rollen = ["expertteam", "expertteam_voorzitter"]',
                         'rollen = ["expertteam", "expertteam_voorzitter", "staf"]', 1)
    problem = refusal(tmp_path, broken)
    header = line_number(broken, "[besturing.gremia.expertteam]")
    assert problem.params["line"] == header + 2  # niveau = "toetsing"
    assert "staat de rol 'staf' op twee niveaus, 'programmateam' onder [rollen] en 'toetsing'" in sentence(problem)


def test_an_unknown_procedure_refuses_to_start_with_its_line(tmp_path: Path) -> None:
    broken = VDG.replace('procedure = "per-member-body"', 'procedure = "loting"', 1)
    problem = refusal(tmp_path, broken)
    assert problem.params["line"] == line_number(broken, 'procedure = "loting"')
    assert "staat voor 'voorstel' de besluitprocedure 'loting', die vaart niet kent" in sentence(problem)


@pytest.mark.parametrize(
    ("old", "new", "marker", "words"),
    [
        ('stappen = ["orientatie", "uitwerking", "besluit"', 'stappen = ["orientatie", "loting", "besluit"',
         "stappen =", "staat de stap 'loting', die vaart niet kent"),
        ('regel = "allen"', "regel = 13", "regel = 13", "is de regel '13' niet 'allen' en ook geen aantal van 1 tot"),
        ('accounthouder_rol = "accounthouder"', 'accounthouder_rol = "burgemeester"', "accounthouder_rol",
         "noemt 'colleges' de rol 'burgemeester'"),
        ('voorbereiding = "pho" ', 'voorbereiding = "expertteam" ', 'voorbereiding = "expertteam"',
         "door het gremium 'expertteam', en dat gremium bestaat niet"),
    ],
)
def test_other_contradictions_of_the_vdg_profile_refuse_to_start_with_their_line(
    tmp_path: Path, old: str, new: str, marker: str, words: str
) -> None:
    broken = VDG.replace(old, new, 1)
    assert broken != VDG
    problem = refusal(tmp_path, broken)
    assert problem.params["line"] == line_number(broken, marker)
    assert words in sentence(problem)


def test_a_consensus_decision_without_the_toetsing_step_refuses_to_start(tmp_path: Path) -> None:
    broken = ZOD.replace('"uitwerking", "toetsing", "agendering"', '"uitwerking", "agendering"', 1)
    assert broken != ZOD
    problem = refusal(tmp_path, broken)
    assert problem.params["line"] == line_number(broken, "stappen = [")
    assert "ontbreekt de stap 'toetsing'" in sentence(problem)


def test_a_written_round_procedure_needs_the_section_that_says_who_votes(tmp_path: Path) -> None:
    broken = VDG.replace('procedure = "per-member-body"', 'procedure = "written-round"', 1)
    assert broken != VDG and "[schriftelijke_ronde]" not in broken
    problem = refusal(tmp_path, broken)
    assert problem.params["line"] == line_number(broken, 'procedure = "written-round"')
    assert "besluit 'voorstel' met 'written-round', maar het programmabestand heeft geen [schriftelijke_ronde]" in (
        sentence(problem)
    )


def test_a_programme_deciding_proposals_in_writing_refuses_a_decision_in_the_meeting(tmp_path: Path) -> None:
    written = ZOD.replace('besluit = "stuurgroep"\nprocedure = "consensus-in-meeting"',
                          'besluit = "stuurgroep"\nprocedure = "written-round"', 1)
    assert written != ZOD
    path = tmp_path / "schriftelijk.toml"
    path.write_text(written, encoding="utf-8")
    profile = load_programme(path).governance
    assert profile.procedure("voorstel") == WRITTEN_ROUND
    with pytest.raises(Refused) as caught:
        require_procedure(profile, "voorstel", CONSENSUS, "ZOD-2026-0001")
    assert render(caught.value.code, "nl", **caught.value.params) == (
        "In dit programma besluit de stuurgroep over ZOD-2026-0001 in een schriftelijke ronde; de staf start die met "
        "'ronde start ZOD-2026-0001 DATUM | bedrag: BEDRAG'."
    )


def test_the_vaart_command_refuses_to_start_on_a_bad_profile_with_one_dutch_line_and_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "kapot.toml"
    path.write_text(VDG.replace('procedure = "per-member-body"', 'procedure = "loting"', 1), encoding="utf-8")
    env = {"VAART_PROGRAMME": str(path), "VAART_VAR_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "people", "list"], env=env, capture_output=True,
                          text=True, cwd=PROGRAMMES.parents[1], timeout=120, check=False)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Het programmabestand kapot.toml start niet: op regel ")


def test_line_of_finds_keys_in_quoted_tables_and_falls_back_to_the_nearest_table() -> None:
    text = '[a]\nx = 1\n[a.b."c d"]\ny = 2\n[[a.e]]\nz = 3\n'
    assert line_of(text, ("a", "x")) == 2
    assert line_of(text, ("a", "b", "c d", "y")) == 4
    assert line_of(text, ("a", "b", "c d", "missing")) == 3
    assert line_of(text, ("a", "e", "z")) == 6
    assert line_of(text, ("nowhere",)) == 1
