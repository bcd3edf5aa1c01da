"""Calendar: the four-year calendar of all gremia (2024-2027) plus the routes of eight stuurgroep meetings.

What is measured is what `vaart calendar export --year Y` does for four years on a store that holds
those years (read the store, merge the plan, build every VEVENT, write one file per gremium per year
atomically) and `vaart route DATE` for two stuurgroep meetings a year. The floor (issue "Meetings,
the document route to the stuurgroep, ICS invites and reminders"): the same events, already known,
serialised directly with icalendar and written to the same number of files, in the same run.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from icalendar import Calendar, Event

from bot.bootstrap.clock import ManualClock
from bot.domain.meetings import MeetingRecord
from bot.domain.timezone import AMSTERDAM
from bot.services.invitations import invite_description
from bot.services.route import route_plan
from tests.conftest import make_app

YEARS = (2024, 2025, 2026, 2027)
STUURGROEP = ("06-28", "12-13", "06-27", "12-12", "06-26", "12-11", "06-25", "12-10")  # two a year
ROUNDS = 5


def best_of(rounds: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="vaart-bench-") as tmp:
        base = Path(tmp)
        app = make_app(base, ManualClock(datetime(2024, 1, 1, 8, 0, tzinfo=AMSTERDAM)))
        for year in YEARS:
            app.meetings.generate("beheer@vaart.local", "cli", year, invite=False)
        raw = app.programme.raw
        setup_records = {year: app.meetings.year_records(year) for year in YEARS}
        events = sum(len(r) for r in setup_records.values())
        dates = [f"{YEARS[i // 2]}-{md}" for i, md in enumerate(STUURGROEP)]

        def ours() -> None:
            for year in YEARS:
                app.meetings.export(year, base / "ours")
            for day in dates:
                route_plan(raw, day)

        descriptions = {
            r.uid: invite_description(app.meetings.setup, r) for records in setup_records.values() for r in records
        }

        def floor() -> None:
            out = base / "floor"
            out.mkdir(exist_ok=True)
            for year, records in setup_records.items():
                by_gremium: dict[str, list[MeetingRecord]] = {}
                for record in records:
                    by_gremium.setdefault(record.gremium, []).append(record)
                for gremium, mine in by_gremium.items():
                    calendar = Calendar()
                    calendar.add("prodid", "-//floor//NL")
                    calendar.add("version", "2.0")
                    for r in mine:
                        event = Event()
                        event.add("uid", r.uid)
                        event.add("dtstamp", r.dtstamp.astimezone(UTC))
                        event.add("sequence", r.sequence)
                        event.add("summary", r.title)
                        if r.week_only:
                            event.add("dtstart", r.day)
                            event.add("dtend", date.fromordinal(r.day.toordinal() + 5))
                        else:
                            event.add("dtstart", r.starts_at.astimezone(UTC))
                            event.add("dtend", r.ends_at.astimezone(UTC))
                        event.add("description", descriptions[r.uid])
                        event.add("status", "CONFIRMED")
                        calendar.add_component(event)
                    (out / f"{gremium}-{year}.ics").write_bytes(calendar.to_ical())

        ours()  # warm up both: imports, caches, the SQLite page cache
        floor()
        ours_s = best_of(ROUNDS, ours)
        floor_s = best_of(ROUNDS, floor)
        app.close()
    print(f"{events} events in {len(YEARS)} years, {len(dates)} routes, best of {ROUNDS}")
    print(
        f"calendar+routes: {ours_s * 1000:.1f} ms  floor (icalendar direct): {floor_s * 1000:.1f} ms  "
        f"ratio {ours_s / floor_s:.2f}"
    )


if __name__ == "__main__":
    main()
