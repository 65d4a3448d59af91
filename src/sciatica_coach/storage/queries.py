"""How the journal's readers ask the database: only the columns an entry has, this user's
rows only, and pages cut in SQL.

Why not ORM objects: a row read as an ORM object is built, tracked and then copied into an
entry dataclass; selecting the entry's columns and building the dataclass straight from each
row does half the work, and a slim entry (a session without its ~8 kB record) reads only
what it names. Each query here is served by the ``(user_id, time)`` index of its table
(``tests/storage/test_query_plans.py`` checks the plans on SQLite and PostgreSQL).
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from sciatica_coach.storage.tables import JournalRow

E = TypeVar("E")
Column = InstrumentedAttribute[Any]


def columns_of(entry: type[Any]) -> list[str]:
    """The column names an entry dataclass is made of, in its field order."""
    return [field.name for field in fields(entry)]


def entry_select(row_type: type[JournalRow], entry: type[Any], user_id: int) -> Select[Any]:
    """The columns of ``entry`` from ``row_type``, of one user's rows."""
    chosen = [getattr(row_type, name) for name in columns_of(entry)]
    return select(*chosen).where(row_type.user_id == user_id)


def entries(session: Session, query: Select[Any], entry: type[E]) -> list[E]:
    """Run ``query`` (made by :func:`entry_select`) and build one ``entry`` per row."""
    return [entry(*row) for row in session.execute(query)]


def in_time_order(
    query: Select[Any],
    order: Column,
    key: Column,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Select[Any]:
    """Oldest first, ``since`` inclusive and ``until`` exclusive."""
    if since is not None:
        query = query.where(order >= since)
    if until is not None:
        query = query.where(order < until)
    return query.order_by(order, key)


def newest_first(
    query: Select[Any], order: Column, key: Column, limit: int, cursor: tuple[datetime, int] | None
) -> Select[Any]:
    """At most ``limit`` rows, newest first, each older than ``cursor`` (its time and id):
    a keyset page, so the hundredth page costs what the first does."""
    if cursor is not None:
        moment, below = cursor
        older: ColumnElement[bool] = or_(order < moment, and_(order == moment, key < below))
        query = query.where(order <= moment, older)
    return query.order_by(order.desc(), key.desc()).limit(limit)
