"""The Idea aggregate changes its own state: no code sets another object's `status` or records an idea's event
(`_record`), not even the aggregate's own module (a new idea records its arrival itself, `Idea.submit`); a
procedure asks the Idea through an intention-named method instead."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def reach_ins(path: Path) -> list[str]:
    """`x.status = ...` and `x._record(...)` on anything but `self`, as "file:line"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            targets = [t for t in targets if isinstance(t, ast.Attribute) and t.attr == "status"]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "_record":
            targets = [node.func]
        for target in targets:
            assert isinstance(target, ast.Attribute)
            if not (isinstance(target.value, ast.Name) and target.value.id == "self"):
                found.append(f"{path.name}:{target.lineno}")
    return found


def test_no_module_sets_a_status_or_records_an_idea_event_but_on_itself() -> None:
    sources = [p for package in ("bot", "storage", "scheduling", "integrations")
               for p in sorted((ROOT / package).rglob("*.py"))]
    assert len(sources) > 100
    assert [hit for path in sources for hit in reach_ins(path)] == []


def test_the_check_sees_a_reach_in(tmp_path: Path) -> None:
    probe = tmp_path / "procedure.py"
    probe.write_text("def f(idea):\n    idea.status = 'x'\n    idea._record('e', None)\n    self.status = 'y'\n",
                     "utf-8")
    assert reach_ins(probe) == ["procedure.py:2", "procedure.py:3"]
