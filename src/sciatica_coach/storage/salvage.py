"""Every row that can still be read from a damaged journal, table by table and row by row
past the damaged pages, as the rows of the normal export (:mod:`.transfer`).

Why row by row and by id only: a damaged page makes a whole scan fail at that page, while
each row can still be found by its id through the table's own tree (the ``id`` is SQLite's
row id), without any index, which may be what is damaged. So each table is read in order of
id, a batch at a time; where a batch fails, one id at a time until rows read again. An id
that fails is counted as lost (a gap in the ids, such as a session opened and never started,
cannot be told apart from a lost row there: the count may be a little high, never low). Up to
the highest id the table's tree still gives; when even that is unreadable, until
:data:`GIVE_UP_AFTER` ids in a row give nothing, and the end of that table is said to be
unsure. A session whose plan or body map was lost keeps its other columns, the reference
emptied, so the rescued file can be imported.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, Select, bindparam, func, select
from sqlalchemy.exc import SQLAlchemyError

from .database import StorageError, short
from .entries import ENTRIES
from .queries import columns_of
from .tables import ROWS, JournalRow
from .transfer import REFERENCES, encode_row

JSON = dict[str, Any]
BATCH = 100
"""Rows read at a time where the pages are sound."""
GIVE_UP_AFTER = 1_000
"""Ids in a row that give nothing before a table whose highest id is unreadable is left."""
UNREADABLE = (SQLAlchemyError, ValueError, TypeError, OverflowError)
"""What reading a damaged row raises: the driver's error, or a column that cannot be
decoded (JSON or a time that the junk is not)."""


@dataclass
class Losses:
    """What the salvage could not bring back, filled in as the tables are read."""

    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ROWS, 0))
    """Ids that could not be read, by table."""
    unsure_end: dict[str, int] = field(default_factory=dict)
    """Tables whose highest id could not be read, with the last id found (0: none): rows
    past it may be lost, how many cannot be told."""
    cleared: dict[str, int] = field(default_factory=dict)
    """References to a lost row emptied, by table."""

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def salvaged_batches(
    engine: Engine, user_id: int, losses: Losses, size: int = BATCH
) -> Iterator[tuple[str, list[JSON]]]:
    """Every table of :data:`~.tables.ROWS` in order, as ``(table, rows)`` of at most
    ``size`` JSON-ready rows of the user ``user_id`` (at least one pair per table), every
    row that can be read; what cannot is counted in ``losses``."""
    found: dict[str, set[int]] = {name: set() for name in ROWS}
    try:
        with engine.connect() as connection:
            for name, row_type in ROWS.items():
                reader = _TableReader(connection, name, row_type, user_id, losses)
                empty = True
                for rows in reader.batches(size):
                    rows = [_kept_references(name, row, found, losses) for row in rows]
                    found[name].update(row["id"] for row in rows)
                    empty = False
                    yield name, rows
                if empty:
                    yield name, []
    except SQLAlchemyError as error:
        raise StorageError(f"could not read the journal: {short(error)}") from None


class _TableReader:
    def __init__(
        self,
        connection: Connection,
        name: str,
        row_type: type[JournalRow],
        user_id: int,
        losses: Losses,
    ) -> None:
        self.connection = connection
        self.name = name
        self.user_id = user_id
        self.losses = losses
        self.names = columns_of(ENTRIES[name])
        chosen = [getattr(row_type, column) for column in self.names]
        self.scan: Select[Any] = (
            select(*chosen, row_type.user_id)
            .where(row_type.id > bindparam("after"))
            .order_by(row_type.id)
            .limit(bindparam("size"))
        )
        self.one: Select[Any] = select(*chosen, row_type.user_id).where(
            row_type.id == bindparam("id")
        )
        self.highest = self._highest(row_type)

    def _highest(self, row_type: type[JournalRow]) -> int | None:
        try:
            highest = self.connection.execute(select(func.max(row_type.id))).scalar()
        except UNREADABLE:
            self._recover()
            self.losses.unsure_end[self.name] = 0
            return None
        return 0 if highest is None else int(highest)

    def batches(self, size: int) -> Iterator[list[JSON]]:
        """The user's rows, oldest id first, past any that cannot be read."""
        after = 0
        failed = 0  # ids that failed since the last row read
        missed = 0  # ids in a row that gave nothing
        stepping_to = 0  # after a batch failed, one id at a time up to here
        while self.highest is None or after < self.highest:
            try:
                if after < stepping_to:
                    raise ValueError("stepping past a damaged page")
                part = self.connection.execute(self.scan, {"after": after, "size": size}).all()
                rows = [self._encoded(values) for values in part]
            except UNREADABLE:
                self._recover()
                stepping_to = max(stepping_to, after + size)
                after += 1
                found, broken = self._read_one(after)
                if broken:
                    failed += 1
                    missed += 1
                elif found is None:
                    missed += 1
                else:
                    self._found(after, failed)
                    failed = missed = 0
                    if found["user"] == self.user_id:
                        yield [found["row"]]
                if self.highest is None and missed >= GIVE_UP_AFTER:
                    return  # the failures past the last row found are not counted: unsure
                continue
            if not part:
                break
            after = int(part[-1][0])
            self._found(after, failed)
            failed = missed = 0
            mine = [
                row for row, values in zip(rows, part, strict=True) if values[-1] == self.user_id
            ]
            if mine:
                yield mine
        self.losses.rows[self.name] += failed

    def _found(self, row_id: int, failed_before: int) -> None:
        """A row was read at ``row_id``: the ids that failed before it were lost rows."""
        self.losses.rows[self.name] += failed_before
        if self.name in self.losses.unsure_end:
            self.losses.unsure_end[self.name] = row_id

    def _read_one(self, row_id: int) -> tuple[dict[str, Any] | None, bool]:
        """``({"row", "user"}, False)``, ``(None, False)`` for no such id, ``(None, True)``
        for an id that cannot be read."""
        try:
            values = self.connection.execute(self.one, {"id": row_id}).first()
            if values is None:
                return None, False
            return {"row": self._encoded(values), "user": values[-1]}, False
        except UNREADABLE:
            self._recover()
            return None, True

    def _recover(self) -> None:
        """After a failed read, end the transaction: PostgreSQL refuses every later
        statement in one that failed (SQLite only starts a new snapshot)."""
        with suppress(SQLAlchemyError):
            self.connection.rollback()

    def _encoded(self, values: Any) -> JSON:
        return encode_row(self.names, tuple(values)[:-1])


def _kept_references(name: str, row: JSON, found: dict[str, set[int]], losses: Losses) -> JSON:
    """``row`` with each reference to a row that was not rescued emptied (and counted)."""
    for column, table in REFERENCES.get(name, {}).items():
        if row[column] is not None and row[column] not in found[table]:
            row = {**row, column: None}
            losses.cleared[name] = losses.cleared.get(name, 0) + 1
    return row
