"""The meetings area of the real `vaart` command: the route as JSON for scripts, refusals in Dutch with
exit status 1, and the calendar export."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.e2e.test_console import Vaart
from tests.unit.scheduling.zod import ROUTE_13_DECEMBER_2024, ROUTE_28_JUNE_2024

VAART = [sys.executable, "-m", "bot.cli"]
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """`vaart ARGS` in this process (exit status, stdout and stderr as a process gives them), on a
    store of its own in January 2024; `tests/e2e/test_console.py` keeps the real process."""
    vaart = Vaart(tmp_path / "var", monkeypatch)
    vaart.env["VAART_NOW"] = "2024-01-15T10:00:00"
    return vaart.run


@pytest.mark.parametrize(
    ("day", "expected"), [("2024-06-28", ROUTE_28_JUNE_2024), ("2024-12-13", ROUTE_13_DECEMBER_2024)]
)
def test_the_route_of_the_seed_meetings_as_json(run: Run, day: str, expected: dict[str, object]) -> None:
    result = run("route", day, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected
    assert result.stderr == ""


def test_a_route_on_a_saturday_keeps_stdout_pure_json_and_warns_on_stderr(run: Run) -> None:
    result = run("route", "2024-06-29", "--json")
    assert result.returncode == 0
    plan = json.loads(result.stdout)
    first = plan["steps"][0]
    assert first["dates"] == ["2024-06-07"]
    assert first["moved"] == [{"from": "2024-06-08", "to": "2024-06-07", "reason": "zaterdag"}]
    assert "Let op: op zaterdag 29 juni 2024 wordt niet gewerkt" in result.stderr


@pytest.mark.parametrize("bad", ["2024-02-30", "2023-02-29", "28-06-2024", "morgen", "2024-13-01"])
def test_a_date_that_does_not_exist_is_refused_in_dutch_with_exit_1(run: Run, bad: str) -> None:
    result = run("route", bad, "--json")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "geen bestaande datum" in lines[0] and "als JJJJ-MM-DD (jaar-maand-dag)" in lines[0]
    assert "2024-06-28" not in lines[0]  # the Programmaplan's own example, long past, is no longer offered


@pytest.mark.parametrize(
    "args",
    [("route", "1950-01-01"), ("route", "2200-01-01"), ("route", "٢٠٢٤-٠٦-٢٨"),
     ("meetings", "add", "--gremium", "stuurgroep", "--date", "9999-12-31"),
     ("meetings", "add", "--gremium", "stuurgroep", "--date", "2031-01-10"),
     ("budget", "mandate-report", "--since", "9999-12-31"), ("budget", "mandate-report", "--since", "2024-W26-5"),
     ("calendar", "export", "--year", "1950", "--out", "x")],
)
def test_a_date_outside_the_accepted_range_is_one_dutch_line_with_exit_1(run: Run, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert any(w in lines[0] for w in ("buiten", "geen bestaande datum", "geen geldige datum", "geen geldig jaar"))


def test_calendar_export_writes_one_file_per_gremium(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "kalenders"
    result = run("calendar", "export", "--year", "2024", "--out", str(out))
    assert result.returncode == 0, result.stderr
    files = sorted(out.glob("*.ics"))
    assert len(files) == 6 and sorted(result.stdout.splitlines()) == [str(p) for p in files]
    stuurgroep = Calendar.from_ical((out / "zod-stuurgroep-2024.ics").read_bytes())
    assert [str(e["UID"]) for e in stuurgroep.walk("VEVENT")] == [
        "zod-stuurgroep-20240628@regiodeal-zod.nl",
        "zod-stuurgroep-20241213@regiodeal-zod.nl",
    ]
    refused = run("calendar", "export", "--year", "20x4", "--out", str(out))
    assert refused.returncode == 1 and "geen geldig jaar" in refused.stderr


def test_meetings_move_and_list_from_the_command_line(run: Run) -> None:
    assert run("meetings", "generate", "--year", "2024", "--no-invites").returncode == 0
    moved = run("meetings", "move", "2024-06-28", "2024-07-05", "--gremium", "stuurgroep")
    assert moved.returncode == 0 and "verplaatst van 28-06-2024 naar 05-07-2024" in moved.stdout
    listing = json.loads(run("meetings", "list", "--gremium", "stuurgroep", "--json").stdout)
    assert [(m["date"], m["sequence"], m["status"]) for m in listing[:2]] == [
        ("2024-07-05", 1, "moved"),
        ("2024-12-13", 0, "scheduled"),
    ]
    # after 2024 the calendar's rule plans the stuurgroep (Bijlage 2 gives only 2024): marked as assumed
    assert listing[2:] and all(m["date"] >= "2025" and m["assumed"] for m in listing[2:])
    past = run("meetings", "move", "2024-07-05", "2024-01-05", "--gremium", "stuurgroep")
    assert past.returncode == 1 and "verleden" in past.stderr
