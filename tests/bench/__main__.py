"""`make bench`: every benchmark module under tests/bench, each printing its figure next to its floor."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    selected = [n for n in names if len(sys.argv) < 2 or n in sys.argv[1:]]
    for name in selected:
        module = importlib.import_module(f"tests.bench.{name}")
        print(f"== {name}: {(module.__doc__ or '').strip().splitlines()[0]}")
        module.main()
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
