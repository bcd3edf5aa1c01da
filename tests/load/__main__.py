"""`python -m tests.load [--duration 600] [--rate 20]` (`make load`): the full load test; exit 1 when a
target is missed. See tests/load/__init__.py."""

from __future__ import annotations

import argparse
import sys

from tests.load import MAX_DURATION, MAX_RATE, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.load", description=__doc__)
    parser.add_argument("--duration", type=float, default=600.0, help=f"seconds (at most {MAX_DURATION:.0f})")
    parser.add_argument("--rate", type=float, default=20.0, help=f"requests per second (at most {MAX_RATE:.0f})")
    args = parser.parse_args(argv)
    print(f"load test: vaart serve + vaart worker on PostgreSQL, 127.0.0.1, {args.rate:.0f}/s for "
          f"{args.duration:.0f} s", flush=True)
    result = run(args.duration, args.rate)
    result.report(sys.stdout)
    return 1 if result.failures() else 0


if __name__ == "__main__":
    raise SystemExit(main())
