"""CLI: `vaart status` and `vaart --help` as whole processes, and `vaart audit verify` at 1M rows.

Start-up (#17: "`vaart status REF` as a whole process under 400 ms"): each command is run as its own
process, interleaved in the same run with `python -c pass`, a bare sqlite3 read of the idea's row
(the floor of a lookup on the embedded default) and `python -c "import sqlalchemy.orm"` (what every
other command on the store loads; `status` on SQLite does without it: storage.sqlite_lookup);
medians of RUNS. Audit (#17: "`audit verify` at 1M rows within 2x the streaming floor and under
100 MB"): a chain of AUDIT_ROWS valid rows is written by a bulk insert that computes the hashes,
then `vaart audit verify` runs as a process next to the floor, a hand-written sqlite3 walk
recomputing the same hashes, also a process. Peak memory is each child's own maximum resident set
(`os.wait4`, from the kernel's rusage). Nothing here is asserted in tests.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.bootstrap.app import build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings
from bot.domain.audit import GENESIS, chain_hash
from tests.conftest import START

RUNS = 7
AUDIT_ROWS = 1_000_000
CHUNK = 50_000
PYTHON = [sys.executable]
VAART = [sys.executable, "-m", "bot.cli"]
LAUNCHER = """
import resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.call(sys.argv[1:])
elapsed = time.perf_counter() - started
sys.stdout.flush()
print(f"\\n@@ {elapsed:.6f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
sys.exit(code)
"""
FLOOR_WALK = """
import sqlite3, sys
from bot.domain.audit import GENESIS, chain_hash
db = sqlite3.connect(sys.argv[1])
prev, expected, bad = GENESIS, 1, 0
for seq, p, at, actor, action, obj, result, origin, details, digest in db.execute(
        "SELECT seq, prev_hash, at, actor, action, object, result, origin, details, hash FROM audit_log ORDER BY seq"):
    bad += seq != expected or p != prev or chain_hash(seq, p, at, actor, action, obj, result, origin, details) != digest
    prev, expected = digest, seq + 1
print(expected - 1, bad)
"""


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Seconds, peak RSS in MB and stdout of one process, measured by a small launcher process with
    `resource.getrusage(RUSAGE_CHILDREN)`: its only child is the command (measured from here, the
    child's high-water mark would start at this large process's size)."""
    done = subprocess.run([*PYTHON, "-c", LAUNCHER, *argv], env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{argv[-3:]} exited {done.returncode}: {done.stderr[-500:]}")
    out, _, measured = done.stdout.rpartition("\n@@ ")
    seconds, peak_kb = measured.split()
    return float(seconds), int(peak_kb) / 1024, out


def _store(var_dir: Path) -> str:
    """A store with one idea (submitted through the service layer); its reference."""
    app = build(Settings.from_env({"VAART_VAR_DIR": str(var_dir)}), clock=ManualClock(START))
    try:
        reply = app.ideas.submit("anna@voorbeeld.nl", "bench", "Buurtbus", "Een bus voor ouderen")
        return str(reply.params["reference"])
    finally:
        app.close()


SQLITE_READ = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT reference, title, status FROM ideas WHERE reference = ?", (sys.argv[2],)).fetchone())
"""


def startup(env: dict[str, str], reference: str) -> None:
    store = str(Path(env["VAART_VAR_DIR"]) / "vaart.db")
    commands = {
        "python -c pass": [*PYTHON, "-c", "pass"],
        "floor: bare sqlite3 read of the idea": [*PYTHON, "-c", SQLITE_READ, store, reference],
        "python -c 'import sqlalchemy.orm'": [*PYTHON, "-c", "import sqlalchemy.orm"],
        "vaart --help": [*VAART, "--help"],
        f"vaart status {reference}": [*VAART, "status", reference],
    }
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(RUNS):  # interleaved: a burst of load on the machine falls on all of them alike
        for name, argv in commands.items():
            seconds, peak, _ = timed(argv, env)
            samples[name].append((seconds, peak))
    for name, got in samples.items():
        median = statistics.median(s for s, _ in got) * 1000
        best = min(s for s, _ in got) * 1000
        peak = max(p for _, p in got)
        aim = "" if not name.startswith("vaart status") else (
            f"   (aim < 400 ms: {'ok' if median < 400 else 'OVER AIM'})")
        print(f"{name:38} median {median:7.0f} ms   best {best:7.0f} ms   peak {peak:6.1f} MB{aim}")


def audit_chain(path: Path, rows: int) -> float:
    """*rows* valid audit rows appended by a bulk insert (the hashes computed here), the head set; seconds."""
    started = time.perf_counter()
    db = sqlite3.connect(str(path), isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("BEGIN")
    prev = GENESIS
    for low in range(1, rows + 1, CHUNK):
        batch = []
        for seq in range(low, min(low + CHUNK, rows + 1)):
            at = f"2026-11-{1 + seq % 28:02d}T{seq % 24:02d}:{seq % 60:02d}:00+00:00"
            row = (seq, prev, at, f"persoon{seq % 97}@partner{seq % 7}.nl", "submit_idea", f"ZOD-2026-{seq % 9999:04d}",
                   "ok", "bench", f'{{"n":{seq}}}')
            prev = chain_hash(*row)
            batch.append((*row, prev))
        db.executemany("INSERT INTO audit_log (seq, prev_hash, at, actor, action, object, result, origin, details, "
                       "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
    db.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) "
               "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash", (rows, prev))
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return time.perf_counter() - started


def audit(tmp: Path) -> None:
    var_dir = tmp / "audit"
    build(Settings.from_env({"VAART_VAR_DIR": str(var_dir)}), clock=ManualClock(START)).close()  # migrated, empty
    store = var_dir / "vaart.db"
    built = audit_chain(store, AUDIT_ROWS)
    env = {**os.environ, "VAART_VAR_DIR": str(var_dir)}
    env.pop("VAART_DATABASE_URL", None)
    print(f"audit chain of {AUDIT_ROWS:,} rows written in {built:.1f} s (bulk insert computing valid hashes)")
    floor_s, floor_mb, floor_out = timed([*PYTHON, "-c", FLOOR_WALK, str(store)], env)
    assert floor_out.split() == [str(AUDIT_ROWS), "0"], floor_out
    ours_s, ours_mb, ours_out = timed([*VAART, "audit", "verify"], env)
    assert f"{AUDIT_ROWS:,}".replace(",", ".") in ours_out or str(AUDIT_ROWS) in ours_out, ours_out
    verdict = "ok" if ours_s <= 2 * floor_s and ours_mb < 100 else "OVER AIM"
    print(f"vaart audit verify (whole process)   {ours_s:6.1f} s   peak {ours_mb:6.1f} MB")
    print(f"floor: sqlite3 walk, same hashes     {floor_s:6.1f} s   peak {floor_mb:6.1f} MB")
    print(f"ratio {ours_s / floor_s:.2f}x   (aim <= 2x and < 100 MB: {verdict})")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="vaart-bench-cli-") as name:
        tmp = Path(name)
        reference = _store(tmp / "status")
        env = {**os.environ, "VAART_VAR_DIR": str(tmp / "status")}
        env.pop("VAART_DATABASE_URL", None)
        startup(env, reference)
        audit(tmp)


if __name__ == "__main__":
    main()
