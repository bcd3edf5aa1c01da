"""A turn's reads share one read-only unit of work until a write (bot.services.shared_read)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from bot.domain.errors import Refused
from bot.services.shared_read import ending_shared_reads, read_with, sharing


class Opened:
    """A unit of work that only says when it is entered and left."""

    def __init__(self, log: list[str], name: str) -> None:
        self.log, self.name = log, name

    def __enter__(self) -> Opened:
        self.log.append(f"open {self.name}")
        return self

    def __exit__(self, *exc: Any) -> None:
        self.log.append(f"close {self.name}")


def counting(log: list[str], prefix: str = "r") -> Any:
    made = iter(range(1, 1000))
    return lambda: Opened(log, f"{prefix}{next(made)}")


def test_outside_a_turn_every_read_has_its_own_unit_of_work() -> None:
    log: list[str] = []
    reads = counting(log)
    assert [read_with(reads, lambda uow: uow.name) for _ in range(2)] == ["r1", "r2"]
    assert log == ["open r1", "close r1", "open r2", "close r2"]


def test_in_a_turn_the_reads_share_one_opened_at_the_first_read_and_closed_at_the_end() -> None:
    log: list[str] = []
    reads = counting(log)
    with sharing(reads):
        assert log == []  # nothing opened before anything is read
        with sharing(reads):  # a turn inside a turn: the same one
            names = [read_with(reads, lambda uow: uow.name) for _ in range(3)]
        assert log == ["open r1"]
    assert names == ["r1", "r1", "r1"] and log == ["open r1", "close r1"]


def test_a_write_ends_the_shared_read_so_the_next_read_sees_it() -> None:
    log: list[str] = []
    reads, writes = counting(log), ending_shared_reads(counting(log, "w"))
    with sharing(reads):
        read_with(reads, lambda uow: None)
        with writes():
            pass
        read_with(reads, lambda uow: None)
    assert log == ["open r1", "close r1", "open w1", "close w1", "open r2", "close r2"]


def test_a_refusal_keeps_the_shared_read_and_any_other_error_ends_it() -> None:
    log: list[str] = []
    reads = counting(log)

    def refuse(uow: Any) -> None:
        raise Refused("idea.unknown_reference", reference="ZOD-2027-0099")

    def fail(uow: Any) -> None:
        raise RuntimeError("database went away")

    with sharing(reads):
        with pytest.raises(Refused):
            read_with(reads, refuse)
        assert read_with(reads, lambda uow: uow.name) == "r1"
        with pytest.raises(RuntimeError):
            read_with(reads, fail)
        assert log == ["open r1", "close r1"]
        assert read_with(reads, lambda uow: uow.name) == "r2"  # a fresh connection after the error


def test_another_programmes_reads_and_another_thread_do_not_share_the_turn() -> None:
    log: list[str] = []
    ours, theirs = counting(log), counting(log, "t")
    seen: list[str] = []
    with sharing(ours):
        read_with(ours, lambda uow: None)
        assert read_with(theirs, lambda uow: uow.name) == "t1"
        worker = threading.Thread(target=lambda: seen.append(read_with(ours, lambda uow: uow.name)))
        worker.start()
        worker.join()
    assert seen == ["r2"] and log.count("close t1") == 1 and log[-1] == "close r1"
