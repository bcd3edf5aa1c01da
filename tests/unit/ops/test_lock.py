"""The lock: a fresh clone installs exactly what was tested, today and in two years.

`make lock` is the only command that resolves; it writes requirements.lock (everything make install
puts in .venv), deploy/requirements.lock (its runtime part, for the image) and deploy/uv-bootstrap.lock
(uv alone) from one resolution. These checks hold by construction of those files, whatever the package
index offers today: nothing here compares the lock with what happens to be installed.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).parents[3]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)(?: ; (.+?))? \\$")


def _pins(path: Path) -> dict[str, tuple[Version, frozenset[str]]]:
    """name -> (version, hashes) of every block that applies to this Python; a block without a hash fails.

    A universal lock may pin a package twice under exclusive markers (soupsieve for 3.11.0-3.11.4 and for
    3.11.5 on): exactly one of them applies here.
    """
    found: dict[str, tuple[Version, frozenset[str]]] = {}
    name = ""
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match and (match.group(3) is None or Marker(match.group(3)).evaluate()):
            name = canonicalize_name(match.group(1))
            assert name not in found, f"{path.name}: {name} is pinned twice for this Python"
            found[name] = (Version(match.group(2)), frozenset())
        elif line.strip().startswith("--hash=sha256:") and name:
            version, hashes = found[name]
            found[name] = (version, hashes | {line.strip().split(":", 1)[1].rstrip(" \\")})
        elif not line.startswith(" "):
            name = ""
    for pinned, (_, hashes) in found.items():
        assert hashes, f"{path.name}: {pinned} has no --hash (make lock generates them)"
    return found


def _project() -> dict[str, object]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert isinstance(data, dict)
    return data


def _requirements(group: str) -> list[Requirement]:
    project = _project()
    listed = project["dependencies"] if group == "runtime" else project["optional-dependencies"][group]  # type: ignore[index]
    return [Requirement(text) for text in listed]  # type: ignore[union-attr]


ALL = ROOT / "requirements.lock"
RUNTIME = ROOT / "deploy" / "requirements.lock"
BOOTSTRAP = ROOT / "deploy" / "uv-bootstrap.lock"


@pytest.mark.parametrize("group", ["runtime", "dev"])
def test_every_dependency_in_pyproject_is_locked_inside_its_range(group: str) -> None:
    pins = _pins(ALL)
    for requirement in _requirements(group):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is in pyproject.toml but not in requirements.lock: run make lock"
        version = pins[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{name}: the lock pins {version}, outside {requirement.specifier}: run make lock"
        )


def test_the_runtime_lock_is_the_runtime_part_of_the_one_resolution() -> None:
    everything, runtime = _pins(ALL), _pins(RUNTIME)
    for name, pin in runtime.items():
        assert everything.get(name) == pin, f"{name}: deploy/requirements.lock and requirements.lock differ"
    for requirement in _requirements("runtime"):
        assert canonicalize_name(requirement.name) in runtime
    for tool in ("pytest", "mypy", "ruff", "hypothesis", "uv"):
        assert tool not in runtime, f"{tool} is a development tool and stays out of the image"


def test_uv_is_bootstrapped_at_the_version_the_lock_holds() -> None:
    bootstrap = _pins(BOOTSTRAP)
    assert list(bootstrap) == ["uv"]
    assert bootstrap["uv"] == _pins(ALL)["uv"]


def test_the_locks_name_no_index_so_a_mirror_works_the_same() -> None:
    for path in (ALL, RUNTIME, BOOTSTRAP):
        text = path.read_text()
        assert "--index-url" not in text and "://" not in text, path.name


def test_the_lock_is_for_the_python_that_requires_python_names() -> None:
    requires = str(_project()["requires-python"])
    assert Version("3.11.7") in SpecifierSet(requires)
    assert Version("3.12") not in SpecifierSet(requires)  # the lock is resolved and tested for 3.11 only


def test_make_install_installs_the_lock_and_only_make_lock_resolves() -> None:
    makefile = (ROOT / "Makefile").read_text()
    install = makefile.split("$(STAMP):", 1)[1].split("\n\n", 1)[0]
    assert "pip sync --quiet --python $(BIN)/python --require-hashes --compile-bytecode requirements.lock" in install
    assert "--require-hashes --no-deps -r deploy/uv-bootstrap.lock" in install
    assert "--no-deps --no-build-isolation -e ." in install  # the project itself, nothing resolved
    lock_script = (ROOT / "deploy" / "lock.sh").read_text()
    assert "pip compile" in lock_script
    for name in ("Makefile", ".ci/run", "deploy/Dockerfile"):
        assert "pip compile" not in (ROOT / name).read_text(), f"{name} resolves; only make lock may"
