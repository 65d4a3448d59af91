"""How the journal's readers ask the database: only the columns an entry has, this user's
rows only, and pages cut in SQL.

Why not ORM objects: a row read as an ORM object is built, tracked and then copied into an
entry dataclass; selecting the entry's columns and building the dataclass straight from each
row does half the work, and a slim entry (a session without its ~8 kB record) reads only
what it names. Each query here is served by the ``(user_id, time)`` index of its table
(``tests/storage/test_query_plans.py`` checks the plans on SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy import (
    JSON,
    BindParameter,
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    case,
    func,
    null,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from sciatica_coach.storage.entries import StoredSession
from sciatica_coach.storage.tables import JournalRow, PainRow, ScreeningRow, SessionRow

E = TypeVar("E")
Column = InstrumentedAttribute[Any]


def columns_of(entry: type[Any]) -> list[str]:
    """The column names an entry dataclass is made of, in its field order."""
    return [field.name for field in fields(entry)]


def entry_select(row_type: type[JournalRow], entry: type[Any]) -> Select[Any]:
    """The columns of ``entry`` from ``row_type``, of the rows of the user ``:user_id``."""
    chosen = [getattr(row_type, name) for name in columns_of(entry)]
    return select(*chosen).where(row_type.user_id == bindparam("user_id"))


_BUILT: dict[tuple[object, ...], Select[Any]] = {}


def _kept(key: tuple[object, ...], build: Callable[[], Select[Any]]) -> Select[Any]:
    """The statement of this shape, built the first time: with its values as bound
    parameters, one statement serves every user and every range, and building one costs
    more than running it."""
    found = _BUILT.get(key)
    if found is None:
        found = _BUILT[key] = build()
    return found


def time_range(
    row_type: type[JournalRow], entry: type[Any], order: str, since: bool, until: bool
) -> Select[Any]:
    """A user's rows oldest first, from ``:since`` (inclusive) to ``:until`` (exclusive) when
    asked."""
    key = ("range", row_type, entry, order, since, until)
    return _kept(key, lambda: _time_range(row_type, entry, order, since, until))


def _time_range(
    row_type: type[JournalRow], entry: type[Any], order: str, since: bool, until: bool
) -> Select[Any]:
    column = getattr(row_type, order)
    query = entry_select(row_type, entry)
    if since:
        query = query.where(column >= bindparam("since"))
    if until:
        query = query.where(column < bindparam("until"))
    return query.order_by(column, row_type.id)


def whole_table(
    row_type: type[JournalRow], entry: type[Any], order: str, left_out: frozenset[str]
) -> Select[Any]:
    """A user's rows oldest first (as :func:`time_range` without bounds), the columns in
    ``left_out`` read as NULL: not sent by the database, nor parsed."""
    key = ("whole", row_type, entry, order, left_out)
    return _kept(key, lambda: _whole_table(row_type, entry, order, left_out))


def _whole_table(
    row_type: type[JournalRow], entry: type[Any], order: str, left_out: frozenset[str]
) -> Select[Any]:
    chosen = [
        null().label(name) if name in left_out else getattr(row_type, name)
        for name in columns_of(entry)
    ]
    query = select(*chosen).where(row_type.user_id == bindparam("user_id"))
    return query.order_by(getattr(row_type, order), row_type.id)


def sessions_plan_apart(dialect: str) -> Select[Any]:
    """A user's sessions oldest first as :class:`~.entries.StoredSession` columns (``state``
    NULL), then the record's plan as JSON text, taken out of the record.

    A record carries its whole plan (~15 kB of JSON) and ten years of sessions carry a few
    distinct plans, so an export that gets each plan as text can parse each distinct text
    once. SQLite cuts the plan out (its JSON functions keep every number as written); on
    other databases the plan column is NULL and the record comes whole."""
    return _kept(("plan apart", dialect), lambda: _sessions_plan_apart(dialect))


def _sessions_plan_apart(dialect: str) -> Select[Any]:
    record: ColumnElement[Any] | Column = SessionRow.record
    plan: ColumnElement[Any] = null()
    if dialect == "sqlite":
        apart = func.json_type(SessionRow.record, "$.plan") == "object"
        record = type_coerce(
            case((apart, func.json_remove(SessionRow.record, "$.plan")), else_=SessionRow.record),
            JSON,
        )
        plan = case((apart, func.json_extract(SessionRow.record, "$.plan")))
    chosen = [
        record.label(name)
        if name == "record"
        else null().label(name)
        if name == "state"
        else getattr(SessionRow, name)
        for name in columns_of(StoredSession)
    ]
    query = select(*chosen, plan.label("plan")).where(SessionRow.user_id == bindparam("user_id"))
    return query.order_by(SessionRow.started_at, SessionRow.id)


def newest_first(
    row_type: type[JournalRow], entry: type[Any], order: str, after_cursor: bool
) -> Select[Any]:
    """At most ``:limit`` rows, newest first; with a cursor, each older than the row at
    ``:moment`` with id ``:below``: a keyset page, so the hundredth costs what the first does."""
    shape = ("newest", row_type, entry, order, after_cursor)
    return _kept(shape, lambda: _newest_first(row_type, entry, order, after_cursor))


def _newest_first(
    row_type: type[JournalRow], entry: type[Any], order: str, after_cursor: bool
) -> Select[Any]:
    column, key = getattr(row_type, order), row_type.id
    query = entry_select(row_type, entry)
    if after_cursor:
        moment: BindParameter[Any] = bindparam("moment")
        below: BindParameter[Any] = bindparam("below")
        older: ColumnElement[bool] = or_(column < moment, and_(column == moment, key < below))
        query = query.where(column <= moment, older)
    return query.order_by(column.desc(), key.desc()).limit(bindparam("limit"))


def answers_to(question_id: str, dialect: str, since: bool, until: bool) -> Select[Any]:
    """Each check's answer to one question (see :func:`json_member`), oldest first."""
    shape = ("answers", question_id, dialect, since, until)
    return _kept(shape, lambda: _answers_to(question_id, dialect, since, until))


def _answers_to(question_id: str, dialect: str, since: bool, until: bool) -> Select[Any]:
    answer = json_member(ScreeningRow.answers, question_id, dialect).label("answer")
    query = select(ScreeningRow.id, ScreeningRow.taken_at, answer).where(
        ScreeningRow.user_id == bindparam("user_id")
    )
    if since:
        query = query.where(ScreeningRow.taken_at >= bindparam("since"))
    if until:
        query = query.where(ScreeningRow.taken_at < bindparam("until"))
    return query.order_by(ScreeningRow.taken_at, ScreeningRow.id)


def first_pain_moments() -> list[Select[Any]]:
    """The first pain entry, safety check and started session with a score before it, at or
    after ``:since``: one row each, straight from each table's index."""
    tables = ((PainRow, PainRow.recorded_at), (ScreeningRow, ScreeningRow.taken_at),
              (SessionRow, SessionRow.started_at))  # fmt: skip
    found = []
    for row_type, time in tables:

        def build(row_type: type[JournalRow] = row_type, time: Column = time) -> Select[Any]:
            query = select(time).where(
                row_type.user_id == bindparam("user_id"), time >= bindparam("since")
            )
            if row_type is SessionRow:
                query = query.where(
                    SessionRow.status != "ready", SessionRow.pain_before.is_not(None)
                )
            return query.order_by(time).limit(1)

        found.append(_kept(("first", row_type), build))
    return found


def json_member(column: Column, key: str, dialect: str) -> ColumnElement[Any]:
    """The value under ``key`` in a JSON object column, as JSON (None when it is missing),
    picked out by the database so the rest of the object is never sent or parsed.

    SQLite's ``json_extract`` gives ``true`` as 1, so there the JSON type decides: a true
    or false comes back as itself, anything else as ``json_extract`` quoted back to JSON."""
    if dialect != "sqlite":
        return column[key]
    path = f'$."{key}"'
    kind = func.json_type(column, path)
    member = case(
        (kind.in_(("true", "false")), kind),
        else_=func.json_quote(func.json_extract(column, path)),
    )
    return type_coerce(member, JSON)


def entries(
    session: Connection | Session,
    query: Select[Any],
    entry: type[E],
    values: dict[str, Any] | None = None,
) -> list[E]:
    """Run ``query`` with its ``values`` and build one ``entry`` per row (the query's
    columns are the entry's fields, in order)."""
    return [entry(*row) for row in session.execute(query, values or {})]


def batches(
    session: Connection | Session, query: Select[Any], values: dict[str, Any], size: int
) -> Iterator[Sequence[Any]]:
    """Run ``query`` and hand its rows over ``size`` at a time, fetched as they are handed
    (``yield_per``: a server-side cursor on PostgreSQL), so a whole table is never in memory."""
    result = session.execute(query, values, execution_options={"yield_per": size})
    yield from result.partitions()


def entry_batches(
    session: Connection | Session,
    query: Select[Any],
    entry: type[E],
    values: dict[str, Any],
    size: int,
) -> Iterator[list[E]]:
    """:func:`entries` in batches of at most ``size`` (:func:`batches`)."""
    for part in batches(session, query, values, size):
        yield [entry(*row) for row in part]
