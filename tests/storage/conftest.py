"""The ``backend`` fixture: every storage test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``SCIATICA_COACH_TEST_POSTGRES_URL`` (``make test`` starts a local server
and sets it). Without it those tests fail, loudly, unless ``SCIATICA_COACH_SKIP_POSTGRES=1``:
a storage layer tested on one backend only would pass here and break in production.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import SQLAlchemyError

from sciatica_coach.storage import Journal, open_database
from sciatica_coach.storage.database import short
from sciatica_coach.storage.tables import Base

POSTGRES_URL = "SCIATICA_COACH_TEST_POSTGRES_URL"
SKIP_POSTGRES = "SCIATICA_COACH_SKIP_POSTGRES"


@dataclass(frozen=True)
class Backend:
    name: str
    url: str


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No storage test touches the real journal, whatever the environment says."""
    home = tmp_path / "home"
    monkeypatch.setenv("SCIATICA_COACH_HOME", str(home))
    monkeypatch.delenv("SCIATICA_COACH_DATABASE_URL", raising=False)
    return home


def postgres_url() -> str:
    url = os.environ.get(POSTGRES_URL, "").strip()
    if url:
        return url
    if os.environ.get(SKIP_POSTGRES) == "1":
        pytest.skip(f"PostgreSQL skipped: {SKIP_POSTGRES}=1")
    pytest.fail(
        f"{POSTGRES_URL} is not set, so the PostgreSQL half of the storage tests cannot run. "
        f"Run `make test` (it starts a local server), point {POSTGRES_URL} at a database, "
        f"or set {SKIP_POSTGRES}=1 to skip them.",
        pytrace=False,
    )


def reset_postgres(url: str) -> None:
    """A clean schema for each test: drop every table (in the public schema) we may have made."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            for name in [*Base.metadata.tables, "alembic_version"]:
                connection.exec_driver_sql(f"DROP TABLE IF EXISTS {name} CASCADE")
    except SQLAlchemyError as error:
        pytest.fail(
            f"PostgreSQL at {engine.url.render_as_string(hide_password=True)} is not usable "
            f"({short(error)}). Run `make test`, which "
            f"starts one, or set {SKIP_POSTGRES}=1.",
            pytrace=False,
        )
    finally:
        engine.dispose()


def make_backend(name: str, tmp_path: Path) -> Backend:
    if name == "sqlite":
        return Backend(name, f"sqlite+pysqlite:///{tmp_path / 'journal.sqlite3'}")
    url = postgres_url()
    reset_postgres(url)
    return Backend(name, url)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    return make_backend(request.param, tmp_path)


@pytest.fixture
def journal(backend: Backend) -> Iterator[Journal]:
    engine = open_database(backend.url)
    yield Journal(engine)
    engine.dispose()
