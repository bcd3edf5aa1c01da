"""Load: 20 requests a second for 60 s against `vaart serve` and `vaart worker` on PostgreSQL (127.0.0.1).

The bounded short form of `make load` (the full 10 minutes): the same script, tests/load. Target
(issue "Deploy and operate"): the rate held, error rate 0, every idea stored, every outbox row
delivered (none pending, none dead), and no secret or message body in the logs. Each figure is
printed next to its target; Slack's 3 s acknowledgement limit is the latency's.
"""

from __future__ import annotations

import sys

from tests.load import run

DURATION = 60.0
RATE = 20.0


def main() -> None:
    result = run(DURATION, RATE)
    result.report(sys.stdout)


if __name__ == "__main__":
    main()
