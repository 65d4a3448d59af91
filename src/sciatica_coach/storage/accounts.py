"""Accounts: users, signed-in browsers and failed log-ins, in the journal's database.

A repository like :class:`~sciatica_coach.storage.journal.Journal`: each call one short
transaction, plain dataclasses out, :class:`StorageError` when the database fails. What a
password or a token is, and every rule about them (hashing, expiry, the rate limit), belongs
to the service layer (:mod:`sciatica_coach.coach.accounts`); this only keeps the rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, func, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from sciatica_coach.storage.database import StorageError, short, write_transaction
from sciatica_coach.storage.tables import (
    LOCAL_USER_ID,
    ROWS,
    LoginFailureRow,
    LoginRow,
    UserRow,
)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    password_hash: str | None
    created_at: datetime
    time_zone: str | None = None
    """The IANA name of the person's zone as stored (checked by the service layer)."""


@dataclass(frozen=True)
class Login:
    user_id: int
    created_at: datetime
    expires_at: datetime
    csrf_hash: str | None = None
    """The hash of the CSRF secret the browser was given with this sign-in (None: a sign-in
    from before migration 0008, bound to nothing)."""


TIME_ZONE_LENGTH = 64
"""The longest zone name kept (the column's width)."""
ATTEMPTS_LOCK = 727_002
"""The PostgreSQL advisory lock held while counting sign-in attempts."""


class NameTaken(Exception):
    """An account with that name exists already."""


class Accounts:
    """The users of one database and how they are signed in."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # --- users ------------------------------------------------------------------------------

    def add_user(self, name: str, password_hash: str, created_at: datetime) -> int:
        """A new user; names are kept in lower case, so "Ann" and "ann" are one name."""
        name = name.lower()
        with self._writing() as session:
            if session.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
                raise NameTaken(name)
            row = UserRow(name=name, password_hash=password_hash, created_at=created_at)
            session.add(row)
            session.flush()
            return row.id

    def user(self, user_id: int) -> User | None:
        return self._user(select(UserRow).where(UserRow.id == user_id))

    def user_named(self, name: str) -> User | None:
        return self._user(select(UserRow).where(UserRow.name == name.lower()))

    def users(self) -> list[User]:
        with self._reading() as session:
            rows = session.scalars(select(UserRow).order_by(UserRow.id)).all()
            return [_user(row) for row in rows]

    def set_password(self, user_id: int, password_hash: str) -> None:
        with self._writing() as session:
            session.execute(
                update(UserRow).where(UserRow.id == user_id).values(password_hash=password_hash)
            )

    def set_time_zone(self, user_id: int, time_zone: str | None) -> None:
        """Keep the person's zone by name, or forget it (None); the name is checked by the
        service layer (:mod:`sciatica_coach.coach.person_time`)."""
        if time_zone is not None and len(time_zone) > TIME_ZONE_LENGTH:
            raise ValueError(f"a time zone's name is at most {TIME_ZONE_LENGTH} characters")
        with self._writing() as session:
            session.execute(
                update(UserRow).where(UserRow.id == user_id).values(time_zone=time_zone)
            )

    def delete_user(self, user_id: int) -> None:
        """The user, their every journal row and every log-in, in one transaction."""
        if user_id == LOCAL_USER_ID:
            raise ValueError("the local journal's owner is not an account and stays")
        with self._writing() as session:
            for row in reversed(ROWS.values()):  # sessions before the plans they refer to
                session.execute(delete(row).where(row.user_id == user_id))
            session.execute(delete(LoginRow).where(LoginRow.user_id == user_id))
            session.execute(delete(UserRow).where(UserRow.id == user_id))

    # --- signed-in browsers ---------------------------------------------------------------------

    def add_login(
        self,
        token_hash: str,
        user_id: int,
        created_at: datetime,
        expires_at: datetime,
        csrf_hash: str | None = None,
    ) -> None:
        with self._writing() as session:
            session.add(
                LoginRow(
                    token_hash=token_hash,
                    user_id=user_id,
                    created_at=created_at,
                    expires_at=expires_at,
                    csrf_hash=csrf_hash,
                )
            )

    def login(self, token_hash: str) -> Login | None:
        with self._reading() as session:
            row = session.scalar(select(LoginRow).where(LoginRow.token_hash == token_hash))
            if row is None:
                return None
            return Login(row.user_id, row.created_at, row.expires_at, row.csrf_hash)

    def end_login(self, token_hash: str) -> None:
        with self._writing() as session:
            session.execute(delete(LoginRow).where(LoginRow.token_hash == token_hash))

    def end_logins_of(self, user_id: int) -> None:
        """Sign the user out everywhere."""
        with self._writing() as session:
            session.execute(delete(LoginRow).where(LoginRow.user_id == user_id))

    def end_expired_logins(self, now: datetime) -> None:
        with self._writing() as session:
            session.execute(delete(LoginRow).where(LoginRow.expires_at <= now))

    # --- failed log-ins -------------------------------------------------------------------------

    def try_attempt(self, keys: list[str], at: datetime, since: datetime, limit: int) -> list[int]:
        """Count an attempt against each key, unless a key already has ``limit`` since
        ``since`` (then ``[]``). Counted before the password is checked, in one locked
        transaction, so parallel tries cannot all slip under the limit; a success takes its
        attempt back (:meth:`forget_attempt`)."""
        with self._writing(locked=True) as session:
            for key in keys:
                count = session.scalar(
                    select(func.count())
                    .select_from(LoginFailureRow)
                    .where(LoginFailureRow.key == key, LoginFailureRow.at >= since)
                )
                if int(count or 0) >= limit:
                    return []
            rows = [LoginFailureRow(key=key, at=at) for key in keys]
            session.add_all(rows)
            session.flush()
            return [row.id for row in rows]

    def forget_attempt(self, ids: list[int]) -> None:
        with self._writing() as session:
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.id.in_(ids)))

    def forget_failures(self, before: datetime) -> None:
        with self._writing() as session:
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.at < before))

    # --- helpers ----------------------------------------------------------------------------

    def _user(self, query: object) -> User | None:
        with self._reading() as session:
            row = session.scalar(query)  # type: ignore[call-overload]
            return _user(row) if row is not None else None

    @contextmanager
    def _writing(self, locked: bool = False) -> Iterator[Session]:
        """A write transaction; ``locked`` holds off every other locked one until it ends
        (SQLite's write lock taken at once; a PostgreSQL advisory lock)."""
        try:
            with self._engine.connect() as connection:
                begin = write_transaction(connection) if locked else connection.begin()
                with begin, Session(bind=connection) as session:
                    if locked and connection.dialect.name == "postgresql":
                        session.execute(
                            text("SELECT pg_advisory_xact_lock(:key)"), {"key": ATTEMPTS_LOCK}
                        )
                    yield session
                    session.flush()
        except SQLAlchemyError as error:
            raise StorageError(f"could not save the account: {short(error)}") from None

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        try:
            with Session(self._engine) as session:
                yield session
        except SQLAlchemyError as error:
            raise StorageError(f"could not read the accounts: {short(error)}") from None


def _user(row: UserRow) -> User:
    return User(row.id, row.name, row.password_hash, row.created_at, row.time_zone)
