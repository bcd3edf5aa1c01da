"""Scale: the list views at 1,000, 10,000 and 100,000 ideas on SQLite, each next to its SQL floor.

The store (tests/bench/scale_store.py): one block of 100 ideas through the service layer, copied in
SQL for the rest. Per size, each view is timed as the median of 41 runs, as a user gets it (chat
command in, text out; the App Home as Block Kit JSON), and beside it its floor: hand-written SQL on
a bare sqlite3 connection that reads the same rows and the same counts (the cheapest queries the
schema allows, tallies included). Aims at 100,000 (issue "Constant-time views"): every view under
50 ms and within 3x its floor, and at most 2x its time at 1,000. `budget` is an aggregate over
every project and booking, so its floor is the GROUP BY of tests/bench/bench_budget.py.

`python -m tests.bench bench_scale --keep DIR` leaves the 100,000-idea store in DIR (for the CLI
measurements of tests/bench/bench_cli.py). `--store DIR` times the views again on a kept store (no
building, no CLI figures: seconds instead of minutes, for profiling one change), and `--view NAME`
(repeatable) times only that view (`--view mijn --view "App Home"`).

Every view first looks the person up (the chat's member check, or the service's actor), and the
floors do too: the register's floor also counts the objections against the page's decisions, which
the view shows beside each line.
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.frontends.slack import home as slack_home
from bot.frontends.slack.home_data import home_data
from bot.services.ideas import OPEN_STATUSES
from bot.services.ports.chat import ChatIdentity
from tests.bench import scale_store as store
from tests.bench.bench_budget import FLOOR_LEDGER, FLOOR_PROJECTS, FLOOR_TRANCHES
from tests.cast import EMAIL
from tests.conftest import START, make_app

SIZES = (1_000, 10_000, 100_000)
RUNS = 41  # a view under a millisecond: its median of 5 moved by a third from one run to the next
PAGE = 15
KERN, DIRECTOR = EMAIL["kernteam"], EMAIL["director"]
KERN_WAITS = ("ingediend", "voorstel_in_uitwerking", "akkoord", "terug_naar_ontwerpteam")
SUMMARY = "SELECT id, reference, title, status, meeting_date, kernteam_contact FROM ideas"


def median_ms(work: Callable[[], Any]) -> float:
    work()  # the first run fills the caches, as any second user of a running server finds them
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


# -- the floors: hand-written SQL for the rows and counts each view shows ------------------------------
def _tally(db: sqlite3.Connection, *names: str) -> int:
    marks = ",".join("?" * len(names))
    return int(db.execute(f"SELECT coalesce(sum(value), 0) FROM tallies WHERE name IN ({marks})", names).fetchone()[0])


def _per_status(
    db: sqlite3.Connection, statuses: tuple[str, ...], extra: str = "", args: tuple[Any, ...] = ()
) -> list[Any]:
    parts = " UNION ALL ".join(
        f"SELECT * FROM ({SUMMARY} WHERE status = ? {extra} ORDER BY id LIMIT {PAGE})" for _ in statuses
    )
    values: list[Any] = []
    for status in statuses:
        values += [status, *args]
    return db.execute(f"SELECT * FROM ({parts}) ORDER BY id LIMIT {PAGE}", values).fetchall()


def floor_mine(db: sqlite3.Connection) -> list[Any]:
    person = _person(db, KERN)
    involved = db.execute(
        f"{SUMMARY} WHERE id IN (SELECT idea_id FROM idea_people WHERE email = ? GROUP BY idea_id "
        f"ORDER BY idea_id DESC LIMIT {PAGE}) ORDER BY id DESC", (KERN,)).fetchall()
    total = _tally(db, f"ideas:person:{KERN}")
    conflict = ("AND NOT EXISTS (SELECT 1 FROM idea_people p WHERE p.idea_id = ideas.id AND p.email = ? "
                "AND p.relation IN ('submitter', 'designer')) AND (status != 'voorstel_in_uitwerking' "
                "OR kernteam_contact IS NULL OR kernteam_contact = ?)")
    tasks = _per_status(db, KERN_WAITS, conflict, (KERN, KERN))
    waiting = _tally(db, *(f"ideas:status:{s}" for s in KERN_WAITS if s != "voorstel_in_uitwerking"))
    waiting += db.execute("SELECT (SELECT count(*) FROM ideas WHERE status = 'voorstel_in_uitwerking' AND "
                          "kernteam_contact IS NULL) + (SELECT count(*) FROM ideas WHERE status = "
                          "'voorstel_in_uitwerking' AND kernteam_contact = ?)", (KERN,)).fetchone()[0]
    own = db.execute("SELECT count(*) FROM idea_people p JOIN ideas i ON i.id = p.idea_id WHERE p.email = ? "
                     "AND p.relation IN ('submitter', 'designer')", (KERN,)).fetchone()[0]
    return [person, involved, total, tasks, waiting, own]


def _person(db: sqlite3.Connection, email: str) -> Any:
    return db.execute("SELECT name, roles, language FROM people WHERE email = ?", (email,)).fetchone()


def floor_open(db: sqlite3.Connection) -> list[Any]:
    counted = _tally(db, *(f"ideas:status:{s}" for s in OPEN_STATUSES))
    return [_person(db, KERN), _per_status(db, OPEN_STATUSES), counted]


def floor_home(db: sqlite3.Connection) -> list[Any]:
    meetings = db.execute("SELECT * FROM meetings WHERE day >= ? ORDER BY starts_at LIMIT 5",
                          (START.date().isoformat(),)).fetchall()
    sg = db.execute("SELECT * FROM meetings WHERE day >= ? AND gremium = 'stuurgroep' ORDER BY starts_at LIMIT 3",
                    (START.date().isoformat(),)).fetchall()
    return [*floor_mine(db), meetings, sg]


def floor_decisions(db: sqlite3.Connection) -> list[Any]:
    rows = db.execute(
        "SELECT d.number, d.decided_on, d.outcome, d.amount, d.subject, i.reference FROM decisions d "
        f"JOIN ideas i ON i.id = d.idea_id ORDER BY d.decided_on DESC, d.id DESC LIMIT {PAGE}").fetchall()
    numbers = [r[0] for r in rows]
    objections = db.execute(f"SELECT decision_number, count(*) FROM objections WHERE decision_number IN "
                            f"({','.join('?' * len(numbers))}) GROUP BY decision_number", numbers).fetchall()
    return [_person(db, KERN), rows, _tally(db, "decisions"), objections]


def floor_requests(db: sqlite3.Connection) -> list[Any]:
    statuses = ("requested", "to_stuurgroep")
    parts = " UNION ALL ".join(
        f"SELECT * FROM (SELECT * FROM spend_requests WHERE status = ? ORDER BY id LIMIT {PAGE})" for _ in statuses)
    rows = db.execute(f"SELECT * FROM ({parts}) ORDER BY id LIMIT {PAGE}", statuses).fetchall()
    more = db.execute("SELECT count(*) FROM spend_requests WHERE status IN (?, ?) AND id > ?",
                      (*statuses, rows[-1][0] if rows else 0)).fetchone()[0]
    return [_person(db, DIRECTOR), rows, more]


def floor_budget(db: sqlite3.Connection) -> list[Any]:
    figures = [db.execute(query).fetchall() for query in (FLOOR_TRANCHES, FLOOR_PROJECTS, FLOOR_LEDGER)]
    return [_person(db, DIRECTOR), *figures]


# -- the views, as users get them ------------------------------------------------------------------------
View = tuple[Callable[[], Any], Callable[[sqlite3.Connection], Any], Callable[[], Any]]


def views_of(app: App) -> dict[str, View]:
    """Each view as a user gets it, its SQL floor, and its reading: the same calls into the core
    (the chat's member check included) without the text or Block Kit made of them."""
    chat, desk = app.chat, app.desk
    kern = chat.session(KERN, "console")
    director = chat.session(DIRECTOR, "console")
    identity = ChatIdentity("slack", "U1", KERN, "Kees Kern")

    def home() -> dict[str, Any]:
        return slack_home.home(home_data(app.desk, identity, "nl", {}), app.programme, "nl")

    def member(email: str, read: Callable[[], Any]) -> Callable[[], Any]:
        return lambda: (chat.people.known(email), read())

    return {
        "mijn": (lambda: chat.handle(kern, "mijn"), floor_mine, lambda: desk.ideas.mine(KERN)),
        "open": (lambda: chat.handle(kern, "open"), floor_open, member(KERN, desk.ideas.open_page)),
        "App Home": (home, floor_home, lambda: home_data(app.desk, identity, "nl", {})),
        "besluiten": (lambda: chat.handle(kern, "besluiten"), floor_decisions, member(KERN, desk.ideas.decisions)),
        "uitgaven": (lambda: chat.handle(director, "uitgaven"), floor_requests,
                     member(DIRECTOR, desk.budget.open_page)),
        "budget": (lambda: chat.handle(director, "budget"), floor_budget, member(DIRECTOR, desk.budget.report)),
    }


CLI_COMMANDS = (  # the commands that read a whole register, list or report (each: its own process)
    ("decisions",), ("decisions", "--json"), ("decisions", "--format", "csv"), ("budget", "report", "--json"),
    ("budget", "requests"), ("din", "coverage"), ("meetings", "list", "--year", "2026"), ("audit", "verify"),
    ("audit-log", "--limit", "1000"), ("people", "list"), ("outbox", "list"),
)


def cli_memory(var_dir: Path) -> None:
    """Peak memory of each whole-register CLI command on the 100k store (#17: under 150 MB), and of
    `vaart chat` answering `mijn` and `open`, each a process of its own (tests/bench/bench_cli.timed)."""
    import os

    from tests.bench.bench_cli import VAART, timed

    env = {**os.environ, "VAART_VAR_DIR": str(var_dir), "VAART_NOW": START.isoformat()}
    env.pop("VAART_DATABASE_URL", None)
    runs = [(" ".join(c), [*VAART, *c]) for c in CLI_COMMANDS]
    runs.append(("chat --as KERN: mijn, open", [*VAART, "chat", "--as", KERN]))
    worst = 0.0
    print("peak memory of the CLI at 100k (each command a process of its own):")
    for name, argv in runs:
        if argv[-2:] == ["--as", KERN]:
            argv = ["sh", "-c", 'printf "mijn\\nopen\\n" | "$0" "$@"', *argv]
        seconds, peak, _ = timed(argv, env)
        worst = max(worst, peak)
        print(f"  vaart {name:36} {peak:7.1f} MB   {seconds:5.1f} s")
    print(f"largest {worst:.1f} MB   (aim < 150 MB: {'ok' if worst < 150 else 'OVER AIM'})")


def _options() -> tuple[Path | None, Path | None, list[str]]:
    def value(flag: str) -> Path | None:
        return Path(sys.argv[sys.argv.index(flag) + 1]) if flag in sys.argv else None

    views = [sys.argv[n + 1] for n, word in enumerate(sys.argv[:-1]) if word == "--view"]
    return value("--keep"), value("--store"), views


def time_views(app: App, database: Path, only: list[str]) -> dict[str, tuple[float, float, float]]:
    """Each view (or the *only* ones): its time, its floor and its reading, median ms."""
    raw = sqlite3.connect(database)
    try:
        return {name: (median_ms(view), median_ms(lambda f=floor, db=raw: f(db)), median_ms(read))
                for name, (view, floor, read) in views_of(app).items() if not only or name in only}
    finally:
        raw.close()


def transaction_line(app: App) -> str:
    """What one empty read-only unit of work costs (the pool's connection, BEGIN, ROLLBACK, the session):
    the least a view pays beside its SQL, which a floor on an open sqlite3 connection does not."""
    def empty() -> None:
        app.desk.ideas.read(lambda uow: None)  # the services' own way in: Service.read

    return f"one empty read-only unit of work (no query): {median_ms(empty):.2f} ms, paid once by every view"


def reading_line(results: dict[str, tuple[float, float, float]]) -> str:
    """How the views' reading (the core's calls, no text made) compares to the floor at the size shown."""
    within = [name for name, (_, floor, read) in results.items() if read <= 3 * floor]
    cells = ", ".join(f"{name} {read:.2f} ms ({read / floor:.1f}x)" for name, (_, floor, read) in results.items())
    return f"reading only (no text made): {cells}; within 3x of the floor: {len(within)} of {len(results)}"


def on_kept_store(kept: Path, only: list[str]) -> None:
    """`--store DIR`: the views again on a store `--keep DIR` left, at its one size."""
    from bot.bootstrap.app import build
    from bot.bootstrap.settings import Settings

    database = kept / "vaart.db"
    app = build(Settings.from_env({"VAART_VAR_DIR": str(kept)}), clock=ManualClock(START))
    try:
        ideas = sqlite3.connect(database).execute("SELECT count(*) FROM ideas").fetchone()[0]
        results = time_views(app, database, only)
        print(f"{'view':<11}{f'{ideas // 1000}k':>10}{'floor':>9}   x floor  reading  x floor"
              f"   (ms, median of {RUNS}, store {database})")
        for name, (t, f, r) in results.items():
            print(f"{name:<11}{t:>10.2f}{f:>9.2f}   {t / f:>6.1f}x {r:>8.2f}  {r / f:>6.1f}x")
        print(transaction_line(app))
    finally:
        app.close()


def main() -> None:
    keep, kept, only = _options()
    if kept is not None:
        on_kept_store(kept, only)
        return
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        app = make_app(Path(tmp), ManualClock(START))
        database = Path(app.settings.database_url.removeprefix("sqlite:///"))
        store.build_block(app)
        block = time.perf_counter() - started
        tops = store.block_tops(database)
        results: dict[str, list[tuple[float, float, float]]] = {}
        building = block
        for size in SIZES:
            grown = time.perf_counter()
            store.grow(database, tops, size)
            store.finish(app)
            building += time.perf_counter() - grown
            for name, figures in time_views(app, database, only).items():
                results.setdefault(name, []).append(figures)
        transaction = transaction_line(app)
        app.close()
        print(f"stores built in {building:.0f} s (the block of {store.BLOCK} through the services: {block:.0f} s)")
        header = "".join(f"{f'{n // 1000}k':>10}{'floor':>9}" for n in SIZES)
        print(f"{'view':<11}{header}   x floor  growth   (ms, median of {RUNS})")
        misses = 0
        for name, figures in results.items():
            cells = "".join(f"{t:>10.2f}{f:>9.2f}" for t, f, _ in figures)
            (first, _, _), (last, last_floor, _) = figures[0], figures[-1]
            ratio, growth = last / last_floor, last / first
            ok = last < 50 and ratio <= 3 and growth <= 2
            misses += not ok
            print(f"{name:<11}{cells}   {ratio:>6.1f}x  {growth:>5.2f}x  {'ok' if ok else 'MISSED'}")
        print(f"aim at 100k: < 50 ms, <= 3x floor, <= 2x the 1k time: {len(results) - misses} of {len(results)} met")
        print(reading_line({name: figures[-1] for name, figures in results.items()}) + " (at 100k)")
        print(transaction)
        if not only:
            cli_memory(database.parent)
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(database, keep / "vaart.db")
            print(f"the 100k store is in {keep / 'vaart.db'}")
