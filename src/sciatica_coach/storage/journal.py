"""The journal: the one way the app saves and reads a person's history.

A repository over an :class:`~sqlalchemy.Engine`: each call is one short transaction, so the
CLI and the web app can share a file, and every write either commits before it returns its id
or raises :class:`StorageError` (input problems raise :class:`ValueError` first, before the
database is touched). Nothing is dropped silently. Readers return plain dataclasses from
:mod:`.entries`, oldest first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Engine, Select, func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import InstrumentedAttribute, Session

from sciatica_coach.domain.activity import PastSession
from sciatica_coach.domain.session import SessionRecord
from sciatica_coach.storage import validation
from sciatica_coach.storage.database import StorageError, short, write_transaction
from sciatica_coach.storage.entries import (
    ENTRIES,
    Note,
    PainEntry,
    PainMap,
    PegEntry,
    Screening,
    StoredPlan,
    StoredSession,
)
from sciatica_coach.storage.tables import (
    ROWS,
    Base,
    NoteRow,
    PainMapRow,
    PainRow,
    PegRow,
    PlanRow,
    ScreeningRow,
    SessionRow,
)
from sciatica_coach.storage.transfer import export, parse, reset_sequences

E = TypeVar("E")
JSON = dict[str, Any]


class Journal:
    """Saves and reads screenings, pain, plans, sessions and notes in one database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # --- writers -------------------------------------------------------------------------

    def add_screening(self, taken_at: datetime, level: str, answers: JSON, result: JSON) -> int:
        return self._add(
            ScreeningRow, taken_at=taken_at, level=level, answers=answers, result=result
        )

    def add_pain_map(self, recorded_at: datetime, regions: list[JSON]) -> int:
        return self._add(PainMapRow, recorded_at=recorded_at, regions=regions)

    def add_plan(self, created_at: datetime, plan: JSON) -> int:
        return self._add(PlanRow, created_at=created_at, plan=plan)

    def add_session(
        self,
        started_at: datetime,
        ended_at: datetime | None,
        status: str,
        stop_reason: str | None,
        pain_before: int | None,
        pain_after: int | None,
        duration_seconds: float,
        record: JSON,
        plan_id: int | None,
    ) -> int:
        return self._add(
            SessionRow,
            started_at=started_at,
            ended_at=ended_at,
            status=status,
            stop_reason=stop_reason,
            pain_before=pain_before,
            pain_after=pain_after,
            duration_seconds=duration_seconds,
            record=record,
            plan_id=plan_id,
        )

    def add_session_record(
        self, record: SessionRecord, started_at: datetime, ended_at: datetime, plan_id: int | None
    ) -> int:
        """Save a session record from the session state machine (CLI and web alike)."""
        return self.add_session(
            started_at=started_at,
            ended_at=ended_at,
            status=record.status,
            stop_reason=record.stop_reason,
            pain_before=record.pain_before,
            pain_after=record.pain_after,
            duration_seconds=record.duration_seconds,
            record=record.to_json(),
            plan_id=plan_id,
        )

    def add_pain(
        self,
        recorded_at: datetime,
        now: int,
        worst: int | None = None,
        average: int | None = None,
        regions: list[JSON] | None = None,
        note: str | None = None,
    ) -> int:
        """Save a pain score; its ``day`` is ``recorded_at``'s date in the timezone given."""
        day = recorded_at.date() if isinstance(recorded_at, datetime) else None
        return self._add(
            PainRow,
            recorded_at=recorded_at,
            day=day,
            now=now,
            worst=worst,
            average=average,
            regions=regions,
            note=note,
        )

    def add_peg(self, recorded_at: datetime, pain: int, enjoyment: int, activity: int) -> int:
        return self._add(
            PegRow, recorded_at=recorded_at, pain=pain, enjoyment=enjoyment, activity=activity
        )

    def add_note(self, recorded_at: datetime, text: str) -> int:
        return self._add(NoteRow, recorded_at=recorded_at, text=text)

    # --- readers (oldest first; ``since`` inclusive, ``until`` exclusive) ------------------

    def screenings(self, since: datetime | None = None) -> list[Screening]:
        return self._read(ScreeningRow, Screening, ScreeningRow.taken_at, since)

    def pain_maps(self, since: datetime | None = None) -> list[PainMap]:
        return self._read(PainMapRow, PainMap, PainMapRow.recorded_at, since)

    def plans(self) -> list[StoredPlan]:
        return self._read(PlanRow, StoredPlan, PlanRow.created_at)

    def sessions(self, since: datetime | None = None) -> list[StoredSession]:
        return self._read(SessionRow, StoredSession, SessionRow.started_at, since)

    def pain_entries(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[PainEntry]:
        return self._read(PainRow, PainEntry, PainRow.recorded_at, since, until)

    def peg_entries(self, since: datetime | None = None) -> list[PegEntry]:
        return self._read(PegRow, PegEntry, PegRow.recorded_at, since)

    def notes(self) -> list[Note]:
        return self._read(NoteRow, Note, NoteRow.recorded_at)

    def past_sessions(self, since: datetime) -> list[PastSession]:
        """Sessions started at or after ``since``, as the planner's dose limits need them.

        Holds come from ``record["holds_done"]`` (``[muscle_id, side, count]``, summed per
        muscle and side); a count with no muscle or side cannot limit one, so it is left out.
        """
        return [
            PastSession(
                started_at=session.started_at,
                holds=_holds(session.record),
                stopped_for_bad_pain=session.stop_reason == "bad_pain",
                bad_spot=_bad_spot(session.record),
            )
            for session in self.sessions(since)
        ]

    # --- the whole journal -----------------------------------------------------------------

    def export_all(self) -> dict[str, Any]:
        """Every table as JSON-ready data, under a ``format``/``version`` header.

        Read in one transaction (repeatable read on PostgreSQL), so a backup taken while the
        app is writing is still consistent: no session without its plan."""
        with self._reading() as session:
            if session.get_bind().dialect.name == "postgresql":
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            tables = {
                name: _entries(session, select(row).order_by(row.id), ENTRIES[name])
                for name, row in ROWS.items()
            }
        return export(tables)

    def import_all(self, data: dict[str, Any]) -> None:
        """Load an :meth:`export_all` result into this journal, which must be empty.

        All or nothing: a bad header, a malformed row or a non-empty journal raises
        :class:`StorageError` and leaves the journal as it was."""
        rows = parse(data)
        try:
            with (
                self._engine.connect() as connection,
                write_transaction(connection),
                Session(bind=connection) as session,
            ):
                if not self._empty(session):
                    raise StorageError("the journal is not empty; import needs an empty one")
                for name, table_rows in rows.items():
                    session.add_all(ROWS[name](**row) for row in table_rows)
                    session.flush()
                reset_sequences(session)
        except SQLAlchemyError as error:
            raise StorageError(f"the import failed: {short(error)}") from None

    def is_empty(self) -> bool:
        with self._reading() as session:
            return self._empty(session)

    def integrity_ok(self) -> bool:
        """SQLite's own integrity check; on PostgreSQL, that every table can be read."""
        try:
            with self._engine.connect() as connection:
                if connection.dialect.name == "sqlite":
                    return connection.exec_driver_sql("PRAGMA integrity_check").all() == [("ok",)]
                connection.execute(text("SELECT 1"))
                for row in ROWS.values():
                    connection.execute(select(func.count()).select_from(row))
                return True
        except SQLAlchemyError:
            return False

    # --- helpers -----------------------------------------------------------------------------

    def _add(self, row_type: type[Base], **values: Any) -> int:
        name = row_type.__tablename__
        validation.CHECKS[name](values)
        try:
            with Session(self._engine) as session, session.begin():
                row = row_type(**values)
                session.add(row)
                session.flush()
                new_id = row.id
        except SQLAlchemyError as error:
            raise StorageError(f"could not save to {name}: {short(error)}") from None
        return new_id

    def _read(
        self,
        row_type: type[Base],
        entry: type[E],
        order: InstrumentedAttribute[Any],
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[E]:
        query = select(row_type).order_by(order, row_type.id)
        for bound, name in ((since, "since"), (until, "until")):
            if bound is not None:
                validation.aware({name: bound}, name)
        if since is not None:
            query = query.where(order >= since)
        if until is not None:
            query = query.where(order < until)
        with self._reading() as session:
            return _entries(session, query, entry)

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        try:
            with Session(self._engine) as session:
                yield session
        except SQLAlchemyError as error:
            raise StorageError(f"could not read the journal: {short(error)}") from None

    @staticmethod
    def _empty(session: Session) -> bool:
        return all(session.scalar(select(row.id).limit(1)) is None for row in ROWS.values())


def _entries(session: Session, query: Select[Any], entry: type[E]) -> list[E]:
    """Run ``query`` and copy each row into the ``entry`` dataclass (same field names)."""
    names = [field.name for field in fields(entry)]  # type: ignore[arg-type]
    return [entry(**{n: getattr(row, n) for n in names}) for row in session.scalars(query)]


def _bad_spot(record: JSON) -> tuple[str, str, int] | None:
    """The spot whose hold caused the bad-pain stop, found through the record's plan."""
    step_id = record.get("bad_step_id")
    plan = record.get("plan")
    if not step_id or not isinstance(plan, dict):
        return None
    for step in plan.get("steps", []):
        if isinstance(step, dict) and step.get("id") == step_id:
            muscle, side, spot = step.get("muscle_id"), step.get("side"), step.get("spot")
            if isinstance(muscle, str) and isinstance(side, str) and isinstance(spot, int):
                return (muscle, side, spot)
    return None


def _holds(record: JSON) -> dict[tuple[str, str], int]:
    counts: Counter[tuple[str, str]] = Counter()
    for muscle_id, side, count in record.get("holds_done", []):
        if muscle_id is not None and side is not None:
            counts[(muscle_id, side)] += count
    return dict(counts)
