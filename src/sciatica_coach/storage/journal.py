"""The journal: the one way the app saves and reads a person's history.

A repository over an :class:`~sqlalchemy.Engine`: each call is one short transaction, so the
CLI and the web app (any number of its workers) can share a database, and every write either
commits before it returns or raises :class:`StorageError` (input problems raise
:class:`ValueError` first, before the database is touched). Nothing is dropped silently.
Readers return plain dataclasses from :mod:`.entries`, oldest first.

:meth:`Journal.atomic` gives a journal whose calls all run in one write transaction that no
other writer can interleave with (SQLite's write lock, a PostgreSQL advisory lock): for work
that reads, decides and then writes, such as starting a session within the day's limits.
A session's state is saved with a version number; a save based on an older version raises
:class:`StaleVersion` and changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Select, delete, func, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import InstrumentedAttribute, Session

from sciatica_coach.domain.session_record import SessionRecord
from sciatica_coach.storage import integrity, queries, validation
from sciatica_coach.storage.database import StorageError, short, write_transaction
from sciatica_coach.storage.entries import (
    ENTRIES,
    CheckAnswer,
    CheckedAnswers,
    Goal,
    Note,
    PainEntry,
    PainMap,
    PegEntry,
    SafetyRecord,
    Screening,
    SessionOutcome,
    SessionPlanApart,
    StoredPlan,
    StoredSession,
)
from sciatica_coach.storage.tables import (
    LOCAL_USER_ID,
    ROWS,
    GoalRow,
    JournalRow,
    NoteRow,
    PainMapRow,
    PainRow,
    PegRow,
    PlanRow,
    SafetyRecordRow,
    ScreeningRow,
    SessionRow,
    UserRow,
)
from sciatica_coach.storage.transfer import (
    FORMAT,
    REFERENCES,
    VERSION,
    Latest,
    encode_row,
    parse,
    reset_sequences,
)

E = TypeVar("E")
JSON = dict[str, Any]
UNFINISHED = ("ready", "in_progress")
MAX_PAGE = 500
"""The most entries one page of a list holds."""
BATCH = 100
"""Rows read at a time by the readers of a whole table (:meth:`Journal.export_batches`,
:meth:`Journal.entries_in_batches`): what an export holds in memory at once, whatever the
journal's length. Sessions, the largest rows, are about 8 kB each."""
KEEP_IDS_UP_TO = 10**9
"""Ids kept on import only up to here: the id sequences must keep room to grow."""
SESSION_LOCK = 727_001
"""The PostgreSQL advisory lock that :meth:`Journal.atomic` holds."""
COUNTRY_CODE = re.compile(r"[A-Z]{2}")
"""A country as ISO 3166-1 alpha-2 writes it (the setting for the emergency number)."""


IN_BATCHES: dict[type[Any], tuple[type[JournalRow], InstrumentedAttribute[Any]]] = {
    Screening: (ScreeningRow, ScreeningRow.taken_at),
    PainMap: (PainMapRow, PainMapRow.recorded_at),
    StoredSession: (SessionRow, SessionRow.started_at),
    PainEntry: (PainRow, PainRow.recorded_at),
    PegEntry: (PegRow, PegRow.recorded_at),
    Note: (NoteRow, NoteRow.recorded_at),
}
"""The entries :meth:`Journal.entries_in_batches` reads: their table and the time they are
ordered by (as their list readers order them)."""


class StaleVersion(Exception):
    """A session changed since the state a write was based on; ``current`` is what it is now."""

    def __init__(self, current: StoredSession | None) -> None:
        super().__init__("the session has changed since it was read")
        self.current = current


class Journal:
    """One person's screenings, pain, plans, sessions and notes, in a database shared with
    anyone else's: every row written carries ``user_id`` and every query filters by it, so
    one journal can never read or change another's (an id from someone else is "not found").
    """

    def __init__(
        self,
        engine: Engine,
        bound: Session | None = None,
        user_id: int = LOCAL_USER_ID,
        reader: Connection | None = None,
    ) -> None:
        self._engine = engine
        self._bound = bound
        self._reader = reader
        self.user_id = user_id

    @property
    def engine(self) -> Engine:
        """The database, for the accounts kept beside the journals (see :mod:`.accounts`)."""
        return self._engine

    def for_user(self, user_id: int) -> Journal:
        """The journal of another user in the same database."""
        return Journal(self._engine, None, user_id)

    @contextmanager
    def atomic(self) -> Iterator[Journal]:
        """A journal whose every call runs in one write transaction, committed at the end.

        No other writer can run in between (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: an
        advisory lock held to the end), so a read-decide-write cannot race another one."""
        if self._bound is not None:
            yield self
            return
        try:
            with (
                self._engine.connect() as connection,
                write_transaction(connection),
                Session(bind=connection) as session,
            ):
                if connection.dialect.name == "postgresql":
                    session.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": SESSION_LOCK}
                    )
                yield Journal(self._engine, session, self.user_id)
                session.flush()
        except SQLAlchemyError as error:
            raise StorageError(f"could not update the journal: {short(error)}") from None

    @contextmanager
    def snapshot(self) -> Iterator[Journal]:
        """A journal whose readers all run on one connection, in one transaction: what
        they read fits together (nothing written in between), and a dozen reads cost one
        connection instead of a dozen. For reading only: it refuses writes."""
        if self._bound is not None or self._reader is not None:
            yield self
            return
        try:
            with self._engine.connect() as connection:
                yield Journal(self._engine, None, self.user_id, reader=connection)
        except SQLAlchemyError as error:
            raise integrity.read_failure(self._engine, error) from None

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
        """Save a whole session record at once (one that is not played here)."""
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

    def open_session(
        self,
        opened_at: datetime,
        plan_id: int | None,
        before_map_id: int | None,
        state: JSON,
        record: SessionRecord,
    ) -> int:
        """A new session, not started yet (status ``ready``, version 0)."""
        return self._add(
            SessionRow,
            started_at=opened_at,
            ended_at=None,
            status=record.status,
            stop_reason=None,
            pain_before=None,
            pain_after=None,
            duration_seconds=record.duration_seconds,
            record=record.to_json(),
            plan_id=plan_id,
            state=state,
            version=0,
            updated_at=opened_at,
            before_map_id=before_map_id,
            after_map_id=None,
        )

    def save_session(
        self,
        session_id: int,
        version: int,
        state: JSON,
        record: SessionRecord,
        updated_at: datetime,
        started_at: datetime | None = None,
        ended_at: datetime | None = None,
        after_map_id: int | None = None,
    ) -> int:
        """Save a session's new state if it is still at ``version``; return the new version.

        Raises :class:`StaleVersion` (with the session as it now is) when another change came
        first: nothing is written, and the caller shows the person the current state."""
        values: dict[str, Any] = {
            "state": state,
            "record": record.to_json(),
            "status": record.status,
            "stop_reason": record.stop_reason,
            "pain_before": record.pain_before,
            "pain_after": record.pain_after,
            "duration_seconds": record.duration_seconds,
            "updated_at": updated_at,
            "version": version + 1,
        }
        if started_at is not None:
            values["started_at"] = started_at
        if ended_at is not None:
            values["ended_at"] = ended_at
        if after_map_id is not None:
            values["after_map_id"] = after_map_id
        current = self.session(session_id)
        if current is None:
            raise StaleVersion(None)
        validation.session({**_row_values(current), **values})
        with self._writing("sessions") as session:
            changed = session.execute(
                update(SessionRow)
                .where(
                    SessionRow.user_id == self.user_id,
                    SessionRow.id == session_id,
                    SessionRow.version == version,
                )
                .values(**values)
            )
        if changed.rowcount != 1:  # type: ignore[attr-defined]
            raise StaleVersion(self.session(session_id))
        return version + 1

    def touch_session(self, session_id: int, at: datetime) -> None:
        """Note that a player is still showing a session at ``at`` (its ``updated_at``).

        No new version: nothing about the session changed, so an event sent from another tab
        is not refused for it. Only moves forward, and only on a session not over."""
        with self._writing("sessions") as session:
            session.execute(
                update(SessionRow)
                .where(
                    SessionRow.user_id == self.user_id,
                    SessionRow.id == session_id,
                    SessionRow.status.in_(UNFINISHED),
                    SessionRow.updated_at < at,
                )
                .values(updated_at=at)
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

    def add_goal(self, set_at: datetime, sessions_per_week: int, pegs_per_week: int) -> int:
        return self._add(
            GoalRow,
            set_at=set_at,
            sessions_per_week=sessions_per_week,
            pegs_per_week=pegs_per_week,
        )

    def add_safety_record(self, recorded_at: datetime, kind: str, data: dict[str, Any]) -> int:
        return self._add(SafetyRecordRow, recorded_at=recorded_at, kind=kind, data=data)

    # --- the person's settings (kept with their account, not in the journal's entries) -----

    def country(self) -> str | None:
        """The country this person chose for their emergency number, or None."""
        with self._reading() as session:
            return session.scalar(select(UserRow.country).where(UserRow.id == self.user_id))

    def set_country(self, country: str | None) -> None:
        """Keep the country chosen (an ISO 3166-1 alpha-2 code), or forget it (None)."""
        if country is not None and not COUNTRY_CODE.fullmatch(country):
            raise ValueError(f"a country is two capital letters (ISO 3166-1), not {country!r}")
        with self._writing("settings") as session:
            session.execute(
                update(UserRow).where(UserRow.id == self.user_id).values(country=country)
            )

    # --- readers (oldest first; ``since`` inclusive, ``until`` exclusive) ------------------

    def screenings(self, since: datetime | None = None) -> list[Screening]:
        return self._read(ScreeningRow, Screening, ScreeningRow.taken_at, since)

    def answers_to(
        self, question_id: str, since: datetime | None = None, until: datetime | None = None
    ) -> list[CheckAnswer]:
        """Each safety check's answer to one question, picked out by the database."""
        if not question_id.isidentifier():
            raise ValueError(f"question ids are plain names, not {question_id!r}")
        self._check_bounds(since, until)
        dialect = self._engine.dialect.name
        query = queries.answers_to(question_id, dialect, since is not None, until is not None)
        values = {"user_id": self.user_id, "since": since, "until": until}
        with self._reading() as session:
            return queries.entries(session, query, CheckAnswer, values)

    def pain_maps(self, since: datetime | None = None) -> list[PainMap]:
        return self._read(PainMapRow, PainMap, PainMapRow.recorded_at, since)

    def plans(self) -> list[StoredPlan]:
        return self._read(PlanRow, StoredPlan, PlanRow.created_at)

    def sessions(self, since: datetime | None = None) -> list[StoredSession]:
        return self._read(SessionRow, StoredSession, SessionRow.started_at, since)

    def session_outcomes(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[SessionOutcome]:
        """Sessions without their record and state: when, how they ended, pain before/after."""
        return self._read(SessionRow, SessionOutcome, SessionRow.started_at, since, until)

    def first_pain_moment(self, since: datetime) -> datetime | None:
        """The earliest moment, at or after ``since``, of anything that may hold a pain
        score: a pain entry, a safety check, a started session with a score before it."""
        validation.aware({"since": since}, "since")
        values = {**self._mine, "since": since}
        with self._reading() as session:
            found = [
                moment
                for query in queries.first_pain_moments()
                if (moment := session.scalar(query, values))
            ]
        return min(found, default=None)

    def pain_entries(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[PainEntry]:
        return self._read(PainRow, PainEntry, PainRow.recorded_at, since, until)

    def peg_entries(self, since: datetime | None = None) -> list[PegEntry]:
        return self._read(PegRow, PegEntry, PegRow.recorded_at, since)

    def notes(self, since: datetime | None = None) -> list[Note]:
        return self._read(NoteRow, Note, NoteRow.recorded_at, since)

    def safety_records(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        kinds: Iterable[str] | None = None,
    ) -> list[SafetyRecord]:
        """The safety records in the range, of the ``kinds`` asked for (None: all)."""
        if kinds is None:
            return self._read(
                SafetyRecordRow, SafetyRecord, SafetyRecordRow.recorded_at, since, until
            )
        self._check_bounds(since, until)
        query = self._select(SafetyRecordRow, SafetyRecord).where(
            SafetyRecordRow.kind.in_(sorted(set(kinds)))
        )
        if since is not None:
            query = query.where(SafetyRecordRow.recorded_at >= since)
        if until is not None:
            query = query.where(SafetyRecordRow.recorded_at < until)
        query = query.order_by(SafetyRecordRow.recorded_at, SafetyRecordRow.id)
        with self._reading() as session:
            return queries.entries(session, query, SafetyRecord, self._mine)

    def latest_safety_record(self, kind: str, until: datetime) -> SafetyRecord | None:
        """The newest safety record of ``kind`` at or before ``until``."""
        validation.aware({"until": until}, "until")
        query = (
            self._select(SafetyRecordRow, SafetyRecord)
            .where(SafetyRecordRow.kind == kind, SafetyRecordRow.recorded_at <= until)
            .order_by(SafetyRecordRow.recorded_at.desc(), SafetyRecordRow.id.desc())
            .limit(1)
        )
        return self._one(query, SafetyRecord)

    def checks_since(self, since: datetime, until: datetime | None = None) -> list[CheckedAnswers]:
        """The safety checks in the range with their level and answers, not their results."""
        return self._read(ScreeningRow, CheckedAnswers, ScreeningRow.taken_at, since, until)

    def goals(self) -> list[Goal]:
        """Every goal set, oldest first (a handful: one per change of mind)."""
        return self._read(GoalRow, Goal, GoalRow.set_at)

    # --- pages (newest first: at most ``limit``, each older than the entry ``before``) ------

    def newest_sessions(self, limit: int, before: int | None = None) -> list[StoredSession]:
        return self._newest(SessionRow, StoredSession, SessionRow.started_at, limit, before)

    def newest_pain_maps(self, limit: int, before: int | None = None) -> list[PainMap]:
        return self._newest(PainMapRow, PainMap, PainMapRow.recorded_at, limit, before)

    def newest_plans(self, limit: int, before: int | None = None) -> list[StoredPlan]:
        return self._newest(PlanRow, StoredPlan, PlanRow.created_at, limit, before)

    def newest_pain_entries(self, limit: int, before: int | None = None) -> list[PainEntry]:
        return self._newest(PainRow, PainEntry, PainRow.recorded_at, limit, before)

    def newest_peg_entries(self, limit: int, before: int | None = None) -> list[PegEntry]:
        return self._newest(PegRow, PegEntry, PegRow.recorded_at, limit, before)

    def pain_maps_by_id(self, ids: Iterable[int]) -> dict[int, PainMap]:
        """The maps with these ids (those that are this journal's), by id."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        query = self._select(PainMapRow, PainMap).where(PainMapRow.id.in_(wanted))
        with self._reading() as session:
            found = queries.entries(session, query, PainMap, self._mine)
        return {m.id: m for m in found}

    # --- single entries ------------------------------------------------------------------

    def latest_screening(self, until: datetime) -> Screening | None:
        """The newest screening taken at or before ``until`` (never one dated later)."""
        validation.aware({"until": until}, "until")
        query = (
            self._select(ScreeningRow, Screening)
            .where(ScreeningRow.taken_at <= until)
            .order_by(ScreeningRow.taken_at.desc(), ScreeningRow.id.desc())
            .limit(1)
        )
        return self._one(query, Screening)

    def screening(self, screening_id: int) -> Screening | None:
        query = self._select(ScreeningRow, Screening).where(ScreeningRow.id == screening_id)
        return self._one(query, Screening)

    def pain_map(self, map_id: int) -> PainMap | None:
        return self._one(self._select(PainMapRow, PainMap).where(PainMapRow.id == map_id), PainMap)

    def plan(self, plan_id: int) -> StoredPlan | None:
        return self._one(self._select(PlanRow, StoredPlan).where(PlanRow.id == plan_id), StoredPlan)

    def latest_plan(self) -> StoredPlan | None:
        return next(iter(self.newest_plans(1)), None)

    def delete_session(self, session_id: int, version: int) -> None:
        """Remove a session that was opened and never started (it was never a session)."""
        with self._writing("sessions") as session:
            session.execute(
                delete(SessionRow).where(
                    SessionRow.user_id == self.user_id,
                    SessionRow.id == session_id,
                    SessionRow.version == version,
                    SessionRow.status == "ready",
                )
            )

    def session(self, session_id: int) -> StoredSession | None:
        """One session by id, or None."""
        query = self._select(SessionRow, StoredSession).where(SessionRow.id == session_id)
        return self._one(query, StoredSession)

    def unfinished_sessions(self) -> list[StoredSession]:
        """Sessions opened and not over yet (ready, or in progress), oldest first."""
        query = self._select(SessionRow, StoredSession).where(SessionRow.status.in_(UNFINISHED))
        with self._reading() as session:  # a few at most: sorted here, found by the index
            found = queries.entries(session, query, StoredSession, self._mine)
        return sorted(found, key=lambda s: (s.started_at, s.id))

    # --- the whole journal -----------------------------------------------------------------

    def export_all(self) -> dict[str, Any]:
        """Every table as JSON-ready data, under a ``format``/``version`` header (all of
        :meth:`export_batches` in one document)."""
        tables: dict[str, list[JSON]] = {name: [] for name in ROWS}
        for name, rows in self.export_batches():
            tables[name] += rows
        return {"format": FORMAT, "version": VERSION, "tables": tables}

    def export_batches(self, size: int = BATCH) -> Iterator[tuple[str, list[JSON]]]:
        """Every table, in the order of :data:`~.tables.ROWS`, as JSON-ready rows by id:
        ``(table, rows)`` with at most ``size`` rows each, at least one pair per table (an
        empty table gives ``(table, [])``), read from the database as they are handed on.

        Read in one transaction (repeatable read on PostgreSQL), so a backup taken while the
        app is writing is still consistent: no session without its plan."""
        with self._reading() as session:
            if isinstance(session, Connection) and session.dialect.name == "postgresql":
                session.execution_options(isolation_level="REPEATABLE READ")
            for name, row in ROWS.items():
                names = queries.columns_of(ENTRIES[name])
                query = self._select(row, ENTRIES[name]).order_by(row.id)
                empty = True
                for part in queries.batches(session, query, self._mine, size):
                    empty = False
                    yield name, [encode_row(names, values) for values in part]
                if empty:
                    yield name, []

    def entries_in_batches(self, entry: type[E], size: int = BATCH) -> Iterator[list[E]]:
        """Every entry of one kind (:class:`Screening`, :class:`PainMap`,
        :class:`StoredSession`, :class:`PainEntry`, :class:`PegEntry` or :class:`Note`),
        oldest first as its list reader gives them, at most ``size`` at a time, each batch
        read from the database as it is handed on. For the exports, which show what
        happened: a session comes without the state it would resume from (``state`` None),
        as large as its record and never shown."""
        row_type, order = IN_BATCHES[entry]
        left_out = frozenset({"state"}) if entry is StoredSession else frozenset()
        query = queries.whole_table(row_type, entry, order.key, left_out)
        with self._reading() as session:
            yield from queries.entry_batches(session, query, entry, self._mine, size)

    def sessions_plan_apart(self, size: int = BATCH) -> Iterator[list[SessionPlanApart]]:
        """Every session as :meth:`entries_in_batches` gives them, each with its record's
        plan read apart as JSON text where the database can (:class:`SessionPlanApart`)."""
        with self._reading() as session:
            query = queries.sessions_plan_apart(self._engine.dialect.name)
            for part in queries.batches(session, query, self._mine, size):
                yield [SessionPlanApart(StoredSession(*row[:-1]), row[-1]) for row in part]

    def import_all(
        self,
        data: dict[str, Any],
        latest: Latest | None = None,
        before_writing: Callable[[bool], object] | None = None,
    ) -> None:
        """Load an :meth:`export_all` result into this journal, which must be empty.

        All or nothing: a bad header, a malformed row, a date after ``latest`` or a
        non-empty journal raises :class:`StorageError` and leaves the journal as it was.
        ``before_writing`` (the service layer's backup) is called once all of that has
        passed, right before the first row is written, under the write lock, with whether
        the database holds any journal row (anyone's) at all: a refused file calls nothing."""
        rows = parse(data, latest)
        try:
            with (
                self._engine.connect() as connection,
                write_transaction(connection),
                Session(bind=connection) as session,
            ):
                if not self._empty(session):
                    raise StorageError("the journal is not empty; import needs an empty one")
                if before_writing is not None:
                    before_writing(not _no_rows_at_all(session))
                self._insert(session, rows)
                reset_sequences(session)
        except SQLAlchemyError as error:
            raise StorageError(f"the import failed: {short(error)}") from None

    def _insert(self, session: Session, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Insert parsed rows as this user's. Into a database with no journal at all the ids
        are kept (an export into a new database comes back identical); otherwise every row
        gets a new id and the sessions' references follow, so an import can never collide
        with, or point at, anyone else's rows."""
        keep_ids = _no_rows_at_all(session) and all(
            row["id"] <= KEEP_IDS_UP_TO for table_rows in rows.values() for row in table_rows
        )
        new_ids: dict[str, dict[int, int]] = {name: {} for name in rows}
        for name, table_rows in rows.items():
            for row in table_rows:
                values = {**row, "user_id": self.user_id}
                if keep_ids:
                    session.add(ROWS[name](**values))
                    continue
                old_id = values.pop("id")
                for column, table in REFERENCES.get(name, {}).items():
                    if values[column] is not None:
                        values[column] = new_ids[table][values[column]]
                added = ROWS[name](**values)
                session.add(added)
                session.flush()
                new_ids[name][old_id] = added.id
            session.flush()

    def is_empty(self) -> bool:
        with self._reading() as session:
            return self._empty(session)

    def damage(self) -> str | None:
        """Why the journal is damaged and read-only, with how to recover; None while it is
        sound. Checked again first when the last check is old (see :mod:`.integrity`)."""
        return integrity.watch(self._engine).current()

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

    def _select(self, row_type: type[JournalRow], entry: type[Any]) -> Select[Any]:
        """The columns of ``entry``, of the rows of ``:user_id`` (:attr:`_mine`) only."""
        return queries.entry_select(row_type, entry)

    @property
    def _mine(self) -> dict[str, Any]:
        """The values every query is run with: this journal's user, and no one else's."""
        return {"user_id": self.user_id}

    def _add(self, row_type: type[JournalRow], **values: Any) -> int:
        name = row_type.__tablename__
        validation.CHECKS[name](values)
        with self._writing(name) as session:
            row = row_type(**values, user_id=self.user_id)
            session.add(row)
            session.flush()
            return row.id

    def _one(self, query: Select[Any], entry: type[E]) -> E | None:
        with self._reading() as session:
            found = queries.entries(session, query.limit(1), entry, self._mine)
        return found[0] if found else None

    @contextmanager
    def _writing(self, name: str) -> Iterator[Session]:
        """A session to write in: the bound transaction, or a new one committed at the end."""
        if self._reader is not None:
            raise RuntimeError("a snapshot of the journal is for reading only")
        if self._bound is not None:
            yield self._bound
            return
        integrity.watch(self._engine).refuse_if_damaged()
        try:
            with Session(self._engine) as session, session.begin():
                yield session
        except SQLAlchemyError as error:
            raise StorageError(f"could not save to {name}: {short(error)}") from None

    def _read(
        self,
        row_type: type[JournalRow],
        entry: type[E],
        order: InstrumentedAttribute[Any],
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[E]:
        self._check_bounds(since, until)
        query = queries.time_range(row_type, entry, order.key, since is not None, until is not None)
        values = {**self._mine, "since": since, "until": until}
        with self._reading() as session:
            return queries.entries(session, query, entry, values)

    @staticmethod
    def _check_bounds(since: datetime | None, until: datetime | None) -> None:
        for bound, name in ((since, "since"), (until, "until")):
            if bound is not None:
                validation.aware({name: bound}, name)

    def _newest(
        self,
        row_type: type[JournalRow],
        entry: type[E],
        order: InstrumentedAttribute[Any],
        limit: int,
        before: int | None,
    ) -> list[E]:
        if not 1 <= limit <= MAX_PAGE:
            raise ValueError(f"limit must be from 1 to {MAX_PAGE}, not {limit!r}")
        with self._reading() as session:
            cursor = None
            if before is not None:
                found = session.execute(
                    select(order, row_type.id).where(
                        row_type.user_id == self.user_id, row_type.id == before
                    )
                ).first()
                if found is None:  # not an entry of this journal: nothing comes before it
                    return []
                cursor = (found[0], found[1])
            query = queries.newest_first(row_type, entry, order.key, cursor is not None)
            values = {**self._mine, "limit": limit}
            if cursor is not None:
                values |= {"moment": cursor[0], "below": cursor[1]}
            return queries.entries(session, query, entry, values)

    @contextmanager
    def _reading(self) -> Iterator[Connection | Session]:
        """Where to read: the bound transaction, or a plain connection (reads build entry
        dataclasses from rows, so they need no ORM session, which costs more to set up)."""
        if self._bound is not None:
            yield self._bound
            return
        if self._reader is not None:
            yield self._reader
            return
        try:
            with self._engine.connect() as connection:
                yield connection
        except SQLAlchemyError as error:
            raise integrity.read_failure(self._engine, error) from None

    def _empty(self, session: Connection | Session) -> bool:
        return all(
            session.scalar(select(row.id).where(row.user_id == self.user_id).limit(1)) is None
            for row in ROWS.values()
        )


def _no_rows_at_all(session: Session) -> bool:
    """Whether no journal table holds a row, of any user."""
    return all(session.scalar(select(row.id).limit(1)) is None for row in ROWS.values())


def _row_values(entry: Any) -> dict[str, Any]:
    return {field.name: getattr(entry, field.name) for field in fields(entry)}
