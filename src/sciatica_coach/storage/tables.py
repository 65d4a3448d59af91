"""The journal's tables as typed SQLAlchemy ORM classes (private to :mod:`sciatica_coach.storage`).

Rich, evolving structures (screening answers, plans, session records) are JSON columns: they are
always read whole and their shape belongs to the domain, not to the schema. What is queried or
must be checked (times, scores, status) gets its own column, with CHECK constraints for 0..10
scores so a bad value cannot get in even past :mod:`.validation`, and on every journal table an
index on ``(user_id, time, id)``, because every reader asks for one user's rows in time order.
The schema itself is created by the Alembic migrations in ``migrations/``; ``tests/storage``
checks that they match these classes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sciatica_coach.storage.utc import UTCDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def score_check(column: str, *, nullable: bool = False) -> CheckConstraint:
    """A named CHECK that ``column`` is a 0..10 score (or NULL when ``nullable``)."""
    rule = f"{column} >= 0 AND {column} <= 10"
    return CheckConstraint(f"{column} IS NULL OR ({rule})" if nullable else rule, name=column)


class Base(DeclarativeBase):
    """Every table has an integer ``id`` key; times are aware UTC, JSON is JSON."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        str: String(200),
    }
    id: Mapped[int] = mapped_column(primary_key=True)


LOCAL_USER_ID = 1
"""The person using the app on their own computer, with no login: every journal made before
accounts existed belongs to them (migration 0003 creates them as user 1, named ``local``)."""


class UserRow(Base):
    """An account. ``password_hash`` is an argon2 hash (None for the local user, who cannot
    log in: they are the person at this computer). ``country`` is the one they chose in
    settings (ISO 3166-1 alpha-2), for the emergency number to call; None until chosen.
    ``time_zone`` is their IANA zone's name (``Pacific/Auckland``), for "today" and the times
    shown; None until known (the computer's zone is used)."""

    __tablename__ = "users"
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str | None]
    created_at: Mapped[datetime]
    country: Mapped[str | None] = mapped_column(String(2))
    time_zone: Mapped[str | None] = mapped_column(String(64))


class LoginRow(Base):
    """A signed-in browser: the SHA-256 of its cookie's token (the token itself is never
    stored, so a copy of the database opens no one's journal), until ``expires_at``.
    ``csrf_hash`` is the SHA-256 of the CSRF secret that browser was given at sign-in: the
    sign-in counts only beside that secret (review M-2). None on rows from before 0008,
    which are refused."""

    __tablename__ = "logins"
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)
    csrf_hash: Mapped[str | None] = mapped_column(String(64))


class LoginFailureRow(Base):
    """A failed log-in, by what was tried (``name:…`` and ``address:…``), for the rate limit."""

    __tablename__ = "login_failures"
    key: Mapped[str] = mapped_column(index=True)
    at: Mapped[datetime] = mapped_column(index=True)


class JournalRow(Base):
    """A journal row: it belongs to one user, and every query filters by it."""

    __abstract__ = True
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True, server_default=str(LOCAL_USER_ID)
    )


def by_user_and(time: str, table: str) -> Index:
    """The index every reader of ``table`` uses: one user's rows in ``time`` order."""
    return Index(f"ix_{table}_user_id_{time}", "user_id", time, "id")


class ScreeningRow(JournalRow):
    __tablename__ = "screenings"
    __table_args__ = (by_user_and("taken_at", "screenings"),)
    taken_at: Mapped[datetime]
    level: Mapped[str]
    answers: Mapped[dict[str, Any]]
    result: Mapped[dict[str, Any]]


class PainMapRow(JournalRow):
    __tablename__ = "pain_maps"
    __table_args__ = (by_user_and("recorded_at", "pain_maps"),)
    recorded_at: Mapped[datetime]
    regions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class PlanRow(JournalRow):
    __tablename__ = "plans"
    __table_args__ = (by_user_and("created_at", "plans"),)
    created_at: Mapped[datetime]
    plan: Mapped[dict[str, Any]]


class SessionRow(JournalRow):
    """A guided session, from the moment it is opened.

    ``state`` is the whole state of the session machine while it runs (``None`` for sessions
    saved whole, as before durable sessions); ``version`` goes up with every change, so a write
    based on an old state is refused (optimistic concurrency). ``record`` is the summary the
    journal and the dose limits read, kept up to date with every event. ``started_at`` is when
    it was opened, then when it started.
    """

    __tablename__ = "sessions"
    __table_args__ = (
        score_check("pain_before", nullable=True),
        score_check("pain_after", nullable=True),
        CheckConstraint("duration_seconds >= 0", name="duration_seconds"),
        CheckConstraint("version >= 0", name="version"),
        by_user_and("started_at", "sessions"),
        Index("ix_sessions_user_id_status", "user_id", "status", "started_at"),
    )
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    status: Mapped[str]
    stop_reason: Mapped[str | None]
    pain_before: Mapped[int | None]
    pain_after: Mapped[int | None]
    duration_seconds: Mapped[float] = mapped_column(Float)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"), index=True)
    record: Mapped[dict[str, Any]]
    state: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(server_default="0")
    updated_at: Mapped[datetime | None]
    before_map_id: Mapped[int | None] = mapped_column(ForeignKey("pain_maps.id"))
    after_map_id: Mapped[int | None] = mapped_column(ForeignKey("pain_maps.id"))


class PainRow(JournalRow):
    __tablename__ = "pain_entries"
    __table_args__ = (
        score_check("now"),
        score_check("worst", nullable=True),
        score_check("average", nullable=True),
        CheckConstraint("worst IS NULL OR worst >= now", name="worst_at_least_now"),
        by_user_and("recorded_at", "pain_entries"),
    )
    recorded_at: Mapped[datetime]
    day: Mapped[date] = mapped_column(Date, index=True)
    now: Mapped[int]
    worst: Mapped[int | None]
    average: Mapped[int | None]
    regions: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)


class PegRow(JournalRow):
    __tablename__ = "peg_entries"
    __table_args__ = (
        score_check("pain"),
        score_check("enjoyment"),
        score_check("activity"),
        by_user_and("recorded_at", "peg_entries"),
    )
    recorded_at: Mapped[datetime]
    pain: Mapped[int]
    enjoyment: Mapped[int]
    activity: Mapped[int]


class NoteRow(JournalRow):
    __tablename__ = "notes"
    __table_args__ = (by_user_and("recorded_at", "notes"),)
    recorded_at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)


class GoalRow(JournalRow):
    """A weekly goal the person chose; the newest one set applies. Kept as a history (never
    overwritten) so a past week is judged by the goal that held then."""

    __tablename__ = "goals"
    __table_args__ = (
        CheckConstraint(
            "sessions_per_week >= 0 AND sessions_per_week <= 14", name="sessions_per_week"
        ),
        CheckConstraint("pegs_per_week >= 0 AND pegs_per_week <= 7", name="pegs_per_week"),
        by_user_and("set_at", "goals"),
    )
    set_at: Mapped[datetime]
    sessions_per_week: Mapped[int]
    pegs_per_week: Mapped[int]


class SafetyRecordRow(JournalRow):
    """What the person told the app about their safety between checks, kept as a history:
    the health history they confirmed, a red flag answered again, a doctor's visit since a
    flag, a clinician's clearance. ``kind`` says which; ``data`` holds its fields."""

    __tablename__ = "safety_records"
    __table_args__ = (by_user_and("recorded_at", "safety_records"),)
    recorded_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]]


ROWS: dict[str, type[JournalRow]] = {
    row.__tablename__: row
    for row in (
        ScreeningRow,
        PainMapRow,
        PlanRow,
        SessionRow,
        PainRow,
        PegRow,
        NoteRow,
        GoalRow,
        SafetyRecordRow,
    )
}
"""Every journal table, in an order that respects foreign keys (plans before sessions)."""
