"""The journal as one JSON document, for backups and for moving between SQLite and PostgreSQL.

Why a format of our own rather than a database dump: it is readable, independent of the
backend and versioned, so an export from any version can be checked before a single row is
written. Times are ISO 8601 strings in UTC, dates ``YYYY-MM-DD``, ids kept, so
``import_all(export_all())`` into an empty journal gives back an identical export.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, text
from sqlalchemy.orm import Session

from sciatica_coach.storage import validation
from sciatica_coach.storage.database import StorageError
from sciatica_coach.storage.tables import ROWS
from sciatica_coach.storage.utc import UTCDateTime

FORMAT = "sciatica-coach-journal"
VERSION = 4
"""2 added the sessions' durable state (``state``, ``version``, ``updated_at``) and the body
maps before and after each session; 3 added the weekly goals; 4 the safety records (health
history, flags answered again, doctor's visits, clearances). Versions 1 to 3 are still read:
the columns are filled as an upgraded journal would have them, and the tables added later
are empty."""
ADDED_LATER = {"goals": 3, "safety_records": 4}
ADDED_IN_2 = {
    "sessions": {
        "state": None,
        "version": 0,
        "updated_at": None,
        "before_map_id": None,
        "after_map_id": None,
    }
}


def encode_row(names: Sequence[str], values: Iterable[Any]) -> dict[str, Any]:
    """One row of the export: its columns by name, dates and times as ISO 8601 text."""
    return _encode(dict(zip(names, values, strict=True)))


@dataclass(frozen=True)
class Latest:
    """The latest moments an import may hold (the service layer sets them from its clock):
    ``any_time`` for every date, ``deciding`` for the rows that decide what may be done now
    (screenings and plans), so no imported check can count as current."""

    any_time: datetime
    deciding: datetime


DECIDING = {"screenings", "plans"}
REFERENCES = {
    "sessions": {"plan_id": "plans", "before_map_id": "pain_maps", "after_map_id": "pain_maps"}
}
"""Columns that hold another row's id, by table: kept pointing right when ids change."""


def parse(data: object, latest: Latest | None = None) -> dict[str, list[dict[str, Any]]]:
    """Rows ready to insert, checked like new entries; or :class:`StorageError` saying why.

    The tables come in :data:`ROWS`'s order whatever order the file lists them in, so a row is
    inserted after every row it refers to (security review L-3)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StorageError(f"this is not a Sciatica Coach journal export (format {FORMAT!r})")
    version = data.get("version")
    if version not in (1, 2, 3, VERSION) or isinstance(version, bool):
        raise StorageError(f"unsupported export version {version!r}; need 1 to {VERSION}")
    tables = data.get("tables")
    if isinstance(tables, dict) and version < VERSION:
        tables = {name: [] for name, added in ADDED_LATER.items() if added > version} | tables
    if not isinstance(tables, dict) or set(tables) != set(ROWS):
        raise StorageError(f"the export must list exactly these tables: {', '.join(ROWS)}")
    parsed: dict[str, list[dict[str, Any]]] = {}
    for name, rows in tables.items():
        if not isinstance(rows, list):
            raise StorageError(f"'{name}' in the export must be a list of rows")
        if version == 1:
            rows = [_upgrade_row(name, row) for row in rows]
        parsed[name] = [_row(name, index, row) for index, row in enumerate(rows)]
        if latest is not None:
            bound = latest.deciding if name in DECIDING else latest.any_time
            for index, row in enumerate(parsed[name]):
                _not_after(name, index, row, bound)
    _references_inside(parsed)
    return {name: parsed[name] for name in ROWS}  # plans before the sessions that name them


def _references_inside(parsed: dict[str, list[dict[str, Any]]]) -> None:
    """Every id a row refers to is a row of the same export: an import can never point at
    rows it did not bring (someone else's, in a shared database)."""
    ids = {name: {row["id"] for row in rows} for name, rows in parsed.items()}
    for name, columns in REFERENCES.items():
        for index, row in enumerate(parsed[name]):
            for column, table in columns.items():
                if row[column] is not None and row[column] not in ids[table]:
                    raise StorageError(
                        f"{name}[{index}]: {column} {row[column]} is not one of the "
                        f"{table.replace('_', ' ')} in this export"
                    )


def _not_after(name: str, index: int, row: dict[str, Any], bound: datetime) -> None:
    for column, value in row.items():
        later = (
            value > bound
            if isinstance(value, datetime)
            else isinstance(value, date) and value > bound.date()
        )
        if later:
            raise StorageError(
                f"{name}[{index}]: {column} {value.isoformat()} is later than "
                f"{bound.isoformat(timespec='minutes')}; an export holds only the past"
            )


def _upgrade_row(name: str, row: object) -> object:
    """A version-1 row with the columns version 2 added."""
    if not isinstance(row, dict) or name not in ADDED_IN_2:
        return row
    upgraded = {**ADDED_IN_2[name], **row}
    if name == "sessions":
        upgraded["updated_at"] = row.get("ended_at") or row.get("started_at")
    return upgraded


def reset_sequences(session: Session) -> None:
    """After inserting explicit ids, make PostgreSQL's id sequences continue past them."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for name in ROWS:
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {name}"
            )
        )


def _encode(values: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, datetime | date) else value
        for key, value in values.items()
    }


def _row(name: str, index: int, row: object) -> dict[str, Any]:
    # whose journal it is is not part of it: an import is always into the importer's own
    columns = [column for column in ROWS[name].__table__.columns if column.name != "user_id"]
    expected = {column.name for column in columns}
    if not isinstance(row, dict) or set(row) != expected:
        raise StorageError(f"{name}[{index}] must have exactly: {', '.join(sorted(expected))}")
    try:
        decoded = {column.name: _decode(column.type, row[column.name]) for column in columns}
        validation.check_id(decoded)
        validation.CHECKS[name](decoded)
    except ValueError as error:
        raise StorageError(f"{name}[{index}]: {error}") from None
    return decoded


def _decode(kind: object, value: Any) -> Any:
    if value is None or not isinstance(kind, UTCDateTime | Date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 text, not {value!r}")
    return datetime.fromisoformat(value) if isinstance(kind, UTCDateTime) else _day(value)


def _day(value: str) -> date:
    return date.fromisoformat(value)
