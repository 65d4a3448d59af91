"""deploy/backup.sh, which compose's backup service runs daily: a real pg_dump of a journal
in the test PostgreSQL, readable by its owner only, the newest seven kept, and restorable."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from sciatica_coach.coach.setup import open_journal

from .hosted import fresh_schema, postgres_server
from .settings import ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("pg_dump") is None or shutil.which("pg_restore") is None,
    reason="needs PostgreSQL's client programs (make postgres)",
)


def test_a_backup_is_private_restorable_and_only_seven_are_kept(tmp_path: Path) -> None:
    server = postgres_server()
    old = [tmp_path / f"coach-2000010{day}-030000.dump" for day in range(1, 9)]
    for path in old:
        path.write_bytes(b"an older backup")
    with fresh_schema(server) as url:
        open_journal(url).latest_plan()  # the journal's tables, made by its migrations
        schema = url.rsplit("%3D", 1)[1]
        where = make_url(server)
        env = {
            **os.environ,
            "PGHOST": where.host or "127.0.0.1",
            "PGPORT": str(where.port or 5432),
            "PGUSER": where.username or "",
            "PGPASSWORD": where.password or "",
            "PGDATABASE": where.database or "",
            "BACKUP_DIR": str(tmp_path),
            "PG_DUMP_OPTIONS": f"--schema={schema}",
        }
        done = subprocess.run(
            ["sh", str(ROOT / "deploy" / "backup.sh"), "once"],
            env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    kept = sorted(tmp_path.glob("coach-*.dump"))
    assert len(kept) == 7 and not list(tmp_path.glob("*.part"))
    newest = kept[-1]
    assert newest not in old and old[0] not in kept and old[1] not in kept
    assert stat.S_IMODE(newest.stat().st_mode) == 0o600
    listing = subprocess.run(
        ["pg_restore", "--list", str(newest)], capture_output=True, text=True, timeout=30
    )
    assert listing.returncode == 0 and f"TABLE {schema} sessions" in listing.stdout
