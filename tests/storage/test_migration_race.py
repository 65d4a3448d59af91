"""Several processes starting on an old PostgreSQL schema at once (web workers, the CLI):
one migrates while the others wait, and every one of them starts (review L-6)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import create_engine, make_url

from sciatica_coach.storage.database import SCHEMA_HEAD, create, migrate

from .conftest import postgres_url
from .test_migrations import revision_of

STARTER = """
import sys, time
from pathlib import Path
from sciatica_coach.storage import open_database

url, go = sys.argv[1], Path(sys.argv[2])
for _ in range(3000):  # at most 30 s: every process waits for the same start
    if go.exists():
        break
    time.sleep(0.01)
open_database(url).dispose()
"""


@pytest.fixture
def own_schema() -> Iterator[str]:
    """A PostgreSQL URL whose tables go into a schema of this test's own, dropped after (the
    test role may not create databases; a schema is as apart for this)."""
    url = postgres_url()
    name = f"race_{uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {name}")
    try:
        yield (
            make_url(url)
            .update_query_dict({"options": f"-csearch_path={name}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        admin.dispose()


def test_three_processes_on_an_old_schema_all_start_and_it_ends_at_the_head(
    own_schema: str, tmp_path: Path
) -> None:
    old = create(own_schema)
    migrate(old, "0005_weekly_goals")
    old.dispose()
    assert revision_of(own_schema) == "0005_weekly_goals"
    go = tmp_path / "go"
    starters = [
        subprocess.Popen(
            [sys.executable, "-c", STARTER, own_schema, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        for _ in range(3)
    ]
    go.touch()
    ended = [starter.communicate(timeout=120) for starter in starters]
    assert [s.returncode for s in starters] == [0, 0, 0], [err for _out, err in ended]
    assert revision_of(own_schema) == SCHEMA_HEAD
