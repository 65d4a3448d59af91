"""Migration 0009 adds ``users.time_zone``: accounts made before it keep everything and have
no zone (the computer's is used until they choose one), and a zone kept is read back."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import MetaData, Table, insert, inspect

from sciatica_coach.storage import open_database
from sciatica_coach.storage.accounts import Accounts
from sciatica_coach.storage.database import alembic_config, create

from .conftest import Backend

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_accounts_from_before_0009_are_kept_with_no_zone(backend: Backend) -> None:
    engine = create(backend.url)
    with engine.connect() as connection, connection.begin():
        command.upgrade(alembic_config(connection), "0008_login_browser_binding")
    users = Table("users", MetaData(), autoload_with=engine)
    created = NOW.replace(tzinfo=None) if engine.dialect.name == "sqlite" else NOW
    with engine.begin() as connection:
        connection.execute(
            insert(users), {"id": 2, "name": "ann", "password_hash": "x", "created_at": created}
        )
    engine.dispose()
    engine = open_database(backend.url)  # migrates to the head
    columns = {c["name"]: c for c in inspect(engine).get_columns("users")}
    assert columns["time_zone"]["nullable"]
    store = Accounts(engine)
    ann = store.user(2)
    assert ann is not None and (ann.name, ann.time_zone) == ("ann", None)
    store.set_time_zone(2, "Pacific/Auckland")
    assert store.user_named("ann") == ann.__class__(2, "ann", "x", NOW, "Pacific/Auckland")
    store.set_time_zone(2, None)
    kept = store.user(2)
    assert kept is not None and kept.time_zone is None
    engine.dispose()
