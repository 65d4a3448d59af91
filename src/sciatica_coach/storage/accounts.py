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

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from sciatica_coach.storage.database import StorageError, short
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


@dataclass(frozen=True)
class Login:
    user_id: int
    created_at: datetime
    expires_at: datetime


class NameTaken(Exception):
    """An account with that name exists already."""


class Accounts:
    """The users of one database and how they are signed in."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # --- users ------------------------------------------------------------------------------

    def add_user(self, name: str, password_hash: str, created_at: datetime) -> int:
        try:
            with self._writing() as session:
                row = UserRow(name=name, password_hash=password_hash, created_at=created_at)
                session.add(row)
                session.flush()
                return row.id
        except IntegrityError:
            raise NameTaken(name) from None

    def user(self, user_id: int) -> User | None:
        return self._user(select(UserRow).where(UserRow.id == user_id))

    def user_named(self, name: str) -> User | None:
        return self._user(select(UserRow).where(func.lower(UserRow.name) == name.lower()))

    def users(self) -> list[User]:
        with self._reading() as session:
            rows = session.scalars(select(UserRow).order_by(UserRow.id)).all()
            return [_user(row) for row in rows]

    def set_password(self, user_id: int, password_hash: str) -> None:
        with self._writing() as session:
            session.execute(
                update(UserRow).where(UserRow.id == user_id).values(password_hash=password_hash)
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
        self, token_hash: str, user_id: int, created_at: datetime, expires_at: datetime
    ) -> None:
        with self._writing() as session:
            session.add(
                LoginRow(
                    token_hash=token_hash,
                    user_id=user_id,
                    created_at=created_at,
                    expires_at=expires_at,
                )
            )

    def login(self, token_hash: str) -> Login | None:
        with self._reading() as session:
            row = session.scalar(select(LoginRow).where(LoginRow.token_hash == token_hash))
            return Login(row.user_id, row.created_at, row.expires_at) if row else None

    def end_login(self, token_hash: str) -> None:
        with self._writing() as session:
            session.execute(delete(LoginRow).where(LoginRow.token_hash == token_hash))

    def end_logins_of(self, user_id: int, keep: str | None = None) -> None:
        """Sign the user out everywhere (but the browser whose token hash is ``keep``)."""
        with self._writing() as session:
            query = delete(LoginRow).where(LoginRow.user_id == user_id)
            if keep is not None:
                query = query.where(LoginRow.token_hash != keep)
            session.execute(query)

    def end_expired_logins(self, now: datetime) -> None:
        with self._writing() as session:
            session.execute(delete(LoginRow).where(LoginRow.expires_at <= now))

    # --- failed log-ins -------------------------------------------------------------------------

    def add_failures(self, keys: list[str], at: datetime) -> None:
        with self._writing() as session:
            session.add_all(LoginFailureRow(key=key, at=at) for key in keys)

    def failures_since(self, key: str, since: datetime) -> int:
        with self._reading() as session:
            count = session.scalar(
                select(func.count())
                .select_from(LoginFailureRow)
                .where(LoginFailureRow.key == key, LoginFailureRow.at >= since)
            )
            return int(count or 0)

    def forget_failures(self, before: datetime) -> None:
        with self._writing() as session:
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.at < before))

    # --- helpers ----------------------------------------------------------------------------

    def _user(self, query: object) -> User | None:
        with self._reading() as session:
            row = session.scalar(query)  # type: ignore[call-overload]
            return _user(row) if row is not None else None

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        try:
            with Session(self._engine) as session, session.begin():
                yield session
        except IntegrityError:
            raise
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
    return User(row.id, row.name, row.password_hash, row.created_at)
