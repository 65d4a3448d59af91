"""The shipped Alembic migrations: they build the schema the models describe, and keep data."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, MetaData, Table, insert, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sciatica_coach.storage import Journal, open_database
from sciatica_coach.storage.database import (
    MIGRATIONS,
    SCHEMA_HEAD,
    alembic_config,
    create,
    head_revision,
)
from sciatica_coach.storage.tables import LOCAL_USER_ID, ROWS, Base, PegRow, UserRow

from .conftest import Backend
from .sample import PLAN, RECORD, at


def revision_of(url: str) -> str | None:
    engine = create(url)
    with engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
    engine.dispose()
    return revision


def test_an_empty_database_is_brought_to_the_head(backend: Backend) -> None:
    assert head_revision() == "0009_user_time_zone"
    engine = open_database(backend.url)
    assert revision_of(backend.url) == "0009_user_time_zone"
    accounts = {"users", "logins", "login_failures"}
    assert set(inspect(engine).get_table_names()) == {*ROWS, *accounts, "alembic_version"}
    engine.dispose()


def test_the_migrations_build_exactly_what_the_models_describe(backend: Backend) -> None:
    engine = open_database(backend.url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def at_revision(backend: Backend, revision: str) -> Engine:
    engine = create(backend.url)
    with engine.connect() as connection, connection.begin():
        command.upgrade(alembic_config(connection), revision)
    return engine


def fill_first_schema(engine: Engine) -> None:
    """One entry of each kind, written with the first schema's columns only."""
    later = {"goals", "safety_records"}  # goals came in 0005, safety records in 0006
    first = [name for name in ROWS if name not in later]
    tables = {name: Table(name, MetaData(), autoload_with=engine) for name in first}
    naive = engine.dialect.name == "sqlite"

    def moment(minutes: float) -> datetime:
        value = at(minutes).astimezone(UTC)
        return value.replace(tzinfo=None) if naive else value

    with engine.begin() as connection:
        connection.execute(
            insert(tables["plans"]), {"id": 1, "created_at": moment(0), "plan": PLAN}
        )
        connection.execute(
            insert(tables["pain_maps"]),
            [
                {
                    "id": 1,
                    "recorded_at": moment(1),
                    "regions": [{"key": "left:heel", "intensity": 5}],
                },
                {
                    "id": 2,
                    "recorded_at": moment(30),
                    "regions": [{"key": "left:heel", "intensity": 2, "moment": "after"}],
                },
                {
                    "id": 3,
                    "recorded_at": moment(600),
                    "regions": [{"key": "left:calf_posterior", "intensity": 2}],
                },
            ],
        )
        connection.execute(
            insert(tables["sessions"]),
            {
                "id": 1,
                "started_at": moment(2),
                "ended_at": moment(20),
                "status": "finished",
                "stop_reason": None,
                "pain_before": 5,
                "pain_after": 2,
                "duration_seconds": 900.0,
                "plan_id": 1,
                "record": RECORD,
            },
        )
        connection.execute(
            insert(tables["notes"]),
            {"id": 1, "recorded_at": moment(3), "text": "before the upgrade"},
        )


def test_data_written_at_the_first_schema_survives_upgrades_and_reopening(
    backend: Backend,
) -> None:
    engine = at_revision(backend, "0001_initial")
    fill_first_schema(engine)
    engine.dispose()
    before = None
    for _ in range(2):
        reopened = open_database(backend.url)
        exported = Journal(reopened).export_all()
        before = before or exported
        assert exported == before
        assert Journal(reopened).notes()[0].text == "before the upgrade"
        reopened.dispose()
    assert revision_of(backend.url) == head_revision()


def test_sessions_from_before_are_paired_with_their_maps_by_time(backend: Backend) -> None:
    engine = at_revision(backend, "0001_initial")
    fill_first_schema(engine)
    engine.dispose()
    journal = Journal(open_database(backend.url))
    (session,) = journal.sessions()
    assert (session.before_map_id, session.after_map_id) == (1, 2)  # map 3 is hours later
    assert (session.state, session.version, session.updated_at) == (None, 0, session.ended_at)


def test_a_journal_from_before_accounts_belongs_to_the_local_user(backend: Backend) -> None:
    engine = at_revision(backend, "0002_durable_sessions")
    fill_first_schema(engine)
    engine.dispose()
    engine = open_database(backend.url)
    with Session(engine) as session:
        (local,) = session.scalars(select(UserRow)).all()
        assert (local.id, local.name, local.password_hash) == (LOCAL_USER_ID, "local", None)
        for row in ROWS.values():
            assert set(session.scalars(select(row.user_id))) <= {LOCAL_USER_ID}
    assert Journal(engine).notes()[0].text == "before the upgrade"
    engine.dispose()


def test_downgrade_to_nothing_and_back_up(backend: Backend) -> None:
    engine = open_database(backend.url)
    with engine.connect() as connection, connection.begin():
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    assert Journal(open_database(backend.url)).is_empty()


def test_check_constraints_hold_even_past_validation(backend: Backend) -> None:
    engine = open_database(backend.url)
    with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
        session.add(PegRow(recorded_at=at(0), pain=11, enjoyment=0, activity=0))
    with Session(engine) as session:
        assert session.scalars(select(PegRow)).all() == []
    engine.dispose()


def test_the_migrations_ship_inside_the_package() -> None:
    assert (MIGRATIONS / "env.py").is_file()
    assert sorted(path.name for path in (MIGRATIONS / "versions").glob("r*.py")) == [
        "r0001_initial.py",
        "r0002_durable_sessions.py",
        "r0003_accounts.py",
        "r0004_reading_indexes.py",
        "r0005_weekly_goals.py",
        "r0006_safety_records.py",
        "r0007_user_country.py",
        "r0008_login_browser_binding.py",
        "r0009_user_time_zone.py",
    ]
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert '"storage/migrations/versions/*.py"' in pyproject


def test_the_schema_head_the_code_knows_is_alembics() -> None:
    assert head_revision() == SCHEMA_HEAD


def test_a_current_journal_opens_without_loading_alembic(tmp_path: Path) -> None:
    """Opening a journal already at the newest schema skips Alembic (half a second a start);
    a new or older one is migrated by it."""
    url = f"sqlite+pysqlite:///{tmp_path / 'j.sqlite3'}"
    probe = (
        "import sys; from sciatica_coach.storage import open_database; "
        f"open_database({url!r}); print('alembic' in sys.modules)"
    )
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    again = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert (first.stdout.strip(), again.stdout.strip()) == ("True", "False"), first.stderr
    assert revision_of(url) == SCHEMA_HEAD
