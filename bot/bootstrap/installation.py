"""An installation: every programme `VAART_PROGRAMMES` names, each a whole `App` on its own store.

`build()` stays the way to make one programme (the tests and the single-programme CLI use it);
`build_installation()` makes one `App` per programme, in order, the default first, all on one
clock. Every file is read and checked before the first store is opened, so a bad second file
stops the start with nothing created. Without `VAART_PROGRAMMES` the installation is exactly the
`App` `build()` makes from the same settings. Its `/metrics` registry (`metrics`) reads every
programme's store with a `programma` label; made on first use, like an `App`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock, SystemClock
from bot.bootstrap.programmes import PROGRAMMES, ProgrammeEntry, programme_entries, selected
from bot.bootstrap.settings import Settings, load_programme
from bot.services.ports.outbox import Channel
from bot.services.ports.unit_of_work import Clock

if TYPE_CHECKING:
    from bot.bootstrap.metrics import Metrics


@dataclass
class Installation:
    apps: dict[str, App]  # code -> App, in the order of VAART_PROGRAMMES, the default first
    entries: list[ProgrammeEntry]
    _metrics: Metrics | None = field(default=None, repr=False)

    @property
    def default(self) -> App:
        return next(iter(self.apps.values()))

    @property
    def metrics(self) -> Metrics:
        """One registry for every programme (bot.bootstrap.metrics); one programme's is its App's."""
        if len(self.apps) == 1:
            return self.default.metrics
        if self._metrics is None:
            from bot.bootstrap.metrics import Metrics

            self._metrics = Metrics({code: app.engine for code, app in self.apps.items()}, self.default.clock)
        return self._metrics

    def app(self, code: str | None) -> App:
        """The programme *code* names (any case); an unknown code is refused in one sentence."""
        return self.apps[selected(self.entries, code).code]

    def entry(self, code: str) -> ProgrammeEntry:
        return selected(self.entries, code)

    def close(self) -> None:
        for app in self.apps.values():
            app.close()


def build_installation(
    settings: Settings | None = None,
    clock: Clock | None = None,
    channels: dict[str, Channel] | None = None,
    migrate: bool = True,
) -> Installation:
    """Every programme of the installation (the environment, or *settings*' env), built and migrated."""
    base = settings or Settings.from_env()
    if PROGRAMMES in base.env:
        entries = programme_entries(base.env)
    else:  # one programme: these very settings, as build() takes them
        entries = [replace(programme_entries(base.env)[0], settings=base)]
    # every file read and checked once, before any store exists; each app is built from what was read
    programmes = [load_programme(entry.settings.programme_file, entry.settings.language) for entry in entries]
    if clock is None:
        frozen = entries[0].settings.frozen_now
        clock = ManualClock(frozen) if frozen else SystemClock()
    apps: dict[str, App] = {}
    try:
        for entry, programme in zip(entries, programmes, strict=True):
            apps[entry.code] = build(entry.settings, clock, channels, migrate, programme)
    except BaseException:
        for made in apps.values():
            made.close()
        raise
    return Installation(apps, entries)
