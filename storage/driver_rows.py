"""The list views' statements, compiled once and run on the database driver's own cursor.

A list page is a handful of small indexed queries (a tally, one range per status): SQLite answers
each in a few microseconds, but SQLAlchemy's execution of a cached statement costs ~50 us more
(the execution context, events, the result object), which made a page three to twenty times its
hand-written SQL. Here each Core statement is compiled once per dialect (its SQL, the order of its
parameters, the types' bind and result processors) and then run on the DB-API cursor of the unit of
work's own connection, so it reads in the same transaction and snapshot as everything else there.

The values come out exactly as SQLAlchemy gives them (the column types' result processors are
applied: aware datetimes, `Money` as Decimal, dates on SQLite), as rows with attribute access.
Statements with an expanding `IN` must carry their values (`column.in_([...])`); a bound expanding
parameter (`bindparam(..., expanding=True)`) is refused when compiled, not mis-run: a list bound at
execution is one statement per length instead (`bound_list`, `bound_values`).
"""

from __future__ import annotations

from collections import OrderedDict, namedtuple
from collections.abc import Callable, Iterable, Mapping, Sequence
from threading import Lock
from typing import Any

from sqlalchemy import Connection, Executable, bindparam
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter

Processor = Callable[[Any], Any] | None


class _Plan:
    """One statement compiled for one dialect: what the driver runs and how its values are read."""

    def __init__(self, statement: Any, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        if any(bind.expanding and bind.value is None for bind in compiled.binds.values()):
            raise ValueError("an expanding parameter without its values cannot be compiled once")
        self.required = frozenset(name for name, bind in compiled.binds.items() if bind.value is None)
        expanded = compiled.construct_expanded_state(dict.fromkeys(self.required))
        self.sql = expanded.statement
        self.order: Sequence[str] | None = expanded.positiontup if dialect.positional else None
        self.defaults = dict(expanded.parameters)
        self.binds = {**{name: processor for bind, name in compiled.bind_names.items()
                         if not bind.expanding and (processor := bind.type._cached_bind_processor(dialect))},
                      **expanded.processors}  # the expanded IN values' own
        columns = list(statement.selected_columns)
        self.reads: list[tuple[int, Callable[[Any], Any]]] = [
            (n, processor) for n, column in enumerate(columns)
            if (processor := column.type._cached_result_processor(dialect, None)) is not None
        ]
        row: Any = namedtuple("Row", [str(c.key) for c in columns], rename=True)  # type: ignore[misc]
        self.make: Callable[[Iterable[Any]], Any] = row._make

    def parameters(self, values: Mapping[str, Any]) -> Any:
        if not self.required <= values.keys():
            raise ValueError(f"values missing for {sorted(self.required - values.keys())}")
        merged = {**self.defaults, **{name: values[name] for name in self.required}}
        for name, processor in self.binds.items():
            merged[name] = processor(merged[name])
        if self.order is None:
            return merged
        return tuple(merged[name] for name in self.order)

    def rows(self, raw: Sequence[Sequence[Any]]) -> list[Any]:
        make, reads = self.make, self.reads
        if not reads:
            return [make(r) for r in raw]
        out = []
        for r in raw:
            values = list(r)
            for n, processor in reads:
                values[n] = processor(values[n])
            out.append(make(values))
        return out


PLANS = 256  # compiled statements kept; the list views use a few dozen


_plans: OrderedDict[tuple[str, int], tuple[Any, _Plan]] = OrderedDict()  # see DriverRows._plan
_plans_lock = Lock()


class DriverRows:
    """Core statements run on *conn*'s DB-API cursor, each compiled once per dialect and statement.
    The statements are module constants or built once per shape, so the statement itself is the
    key; a plan keeps its statement, so the id it is found by is not reused while it is kept."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect

    def _plan(self, statement: Executable) -> _Plan:
        key = (self.dialect.name, id(statement))
        with _plans_lock:
            found = _plans.get(key)
            if found is not None and found[0] is statement:
                _plans.move_to_end(key)
                return found[1]
        plan = _Plan(statement, self.dialect)  # outside the lock: two threads may compile it twice, harmlessly
        with _plans_lock:
            _plans[key] = (statement, plan)
            while len(_plans) > PLANS:
                _plans.popitem(last=False)
        return plan

    def all(self, statement: Executable, values: Mapping[str, Any] | None = None) -> list[Any]:
        plan = self._plan(statement)
        cursor = self.conn.connection.cursor()
        try:
            cursor.execute(plan.sql, plan.parameters(values or {}))
            return plan.rows(cursor.fetchall())
        finally:
            cursor.close()

    def first(self, statement: Executable, values: Mapping[str, Any] | None = None) -> Any | None:
        rows = self.all(statement, values)
        return rows[0] if rows else None

    def scalar(self, statement: Executable, values: Mapping[str, Any] | None = None) -> Any | None:
        row = self.first(statement, values)
        return None if row is None else row[0]

    def number(self, statement: Executable, values: Mapping[str, Any] | None = None) -> int:
        """The single number a count or sum statement returns (no row, or NULL: 0)."""
        return int(self.scalar(statement, values) or 0)


def bound_list(name: str, count: int) -> list[BindParameter[Any]]:
    """*count* parameters for an `IN (...)` that a statement built once per count can carry
    (`column.in_(bound_list("uid", 3))`, run with `bound_values("uid", uids)`)."""
    return [bindparam(f"{name}{n}") for n in range(count)]


def bound_values(name: str, values: Sequence[Any]) -> dict[str, Any]:
    """The values of `bound_list(name, len(values))`."""
    return {f"{name}{n}": value for n, value in enumerate(values)}
