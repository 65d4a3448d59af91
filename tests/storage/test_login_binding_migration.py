"""Migration 0008 binds sign-ins to the browser's CSRF secret: it adds ``logins.csrf_hash``,
keeps the sign-ins already there (with no hash), and the service layer refuses those: the
person signs in once more (security review M-2)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import MetaData, Table, insert, inspect

from sciatica_coach.coach import accounts
from sciatica_coach.coach.errors import SignInNeeded
from sciatica_coach.storage import open_database
from sciatica_coach.storage.accounts import Accounts
from sciatica_coach.storage.database import alembic_config, create

from .conftest import Backend

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_sign_ins_from_before_0008_are_kept_but_open_nothing(backend: Backend) -> None:
    engine = create(backend.url)
    with engine.connect() as connection, connection.begin():
        command.upgrade(alembic_config(connection), "0007_user_country")
    users = Table("users", MetaData(), autoload_with=engine)
    logins = Table("logins", MetaData(), autoload_with=engine)
    naive = engine.dialect.name == "sqlite"

    def moment(value: datetime) -> datetime:
        return value.replace(tzinfo=None) if naive else value

    with engine.begin() as connection:
        connection.execute(
            insert(users), {"id": 2, "name": "ann", "password_hash": "x", "created_at": moment(NOW)}
        )
        connection.execute(
            insert(logins),
            {
                "token_hash": accounts.token_hash("old-token"),
                "user_id": 2,
                "created_at": moment(NOW),
                "expires_at": moment(NOW + timedelta(days=14)),
            },
        )
    engine.dispose()
    engine = open_database(backend.url)  # migrates to the head
    columns = {c["name"] for c in inspect(engine).get_columns("logins")}
    assert "csrf_hash" in columns
    store = Accounts(engine)
    kept = store.login(accounts.token_hash("old-token"))
    assert kept is not None and (kept.user_id, kept.csrf_hash) == (2, None)
    for secret in ("", "any-secret"):
        with pytest.raises(SignInNeeded):
            accounts.signed_in_user(store, "old-token", NOW, browser_secret=secret)
    engine.dispose()
