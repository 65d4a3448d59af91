"""The shipped Alembic migrations: they build the schema the models describe, and keep data."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sciatica_coach.storage import Journal, open_database
from sciatica_coach.storage.database import MIGRATIONS, alembic_config, create, head_revision
from sciatica_coach.storage.tables import ROWS, Base, PegRow

from .conftest import Backend
from .sample import at, fill


def revision_of(url: str) -> str | None:
    engine = create(url)
    with engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
    engine.dispose()
    return revision


def test_an_empty_database_is_brought_to_the_head(backend: Backend) -> None:
    assert head_revision() == "0001_initial"
    engine = open_database(backend.url)
    assert revision_of(backend.url) == "0001_initial"
    assert set(inspect(engine).get_table_names()) == {*ROWS, "alembic_version"}
    engine.dispose()


def test_the_migrations_build_exactly_what_the_models_describe(backend: Backend) -> None:
    engine = open_database(backend.url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_data_written_at_the_first_schema_survives_upgrades_and_reopening(
    backend: Backend,
) -> None:
    engine = create(backend.url)
    with engine.connect() as connection, connection.begin():
        command.upgrade(alembic_config(connection), "0001_initial")
    ids = fill(Journal(engine))
    before = Journal(engine).export_all()
    engine.dispose()
    for _ in range(2):
        reopened = open_database(backend.url)
        assert Journal(reopened).export_all() == before
        assert Journal(reopened).notes()[0].id == ids["notes"]
        reopened.dispose()
    assert revision_of(backend.url) == head_revision()


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
    assert [path.name for path in (MIGRATIONS / "versions").glob("r*.py")] == ["r0001_initial.py"]
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert '"storage/migrations/versions/*.py"' in pyproject
