"""What each way in loads: the program starts with little, and costly libraries wait until
they are needed (each checked in a fresh interpreter, through ``sys.modules``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY_FOR_THE_CLI = ("matplotlib", "alembic", "fastapi", "sqlalchemy.orm", "weasyprint")


def loaded(script: str, *modules: str) -> dict[str, bool]:
    """Run ``script`` in a new interpreter; which of ``modules`` it had imported by the end."""
    probe = script + f"\nimport sys\nprint(*[m in sys.modules for m in {list(modules)!r}])\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    flags = done.stdout.split()[-len(modules) :]
    return dict(zip(modules, (flag == "True" for flag in flags), strict=True))


def test_importing_the_programs_entry_module_loads_nothing_heavy() -> None:
    found = loaded("import sciatica_coach.cli.app", *HEAVY_FOR_THE_CLI)
    assert not any(found.values()), found


def test_the_server_loads_matplotlib_only_when_a_chart_is_drawn(tmp_path: Path) -> None:
    url = f"sqlite+pysqlite:///{tmp_path / 'journal.sqlite3'}"
    script = f"""
import sys
from fastapi.testclient import TestClient
from sciatica_coach.web import create_app
client = TestClient(create_app({url!r}), base_url="http://127.0.0.1")
for path in ("/", "/journal", "/api/journal/progress", "/learn", "/screen", "/map", "/session"):
    assert client.get(path).status_code == 200, path
print("before:", "matplotlib" in sys.modules)
assert client.get("/journal/chart.svg").status_code == 200
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert "before: False" in done.stdout, done.stderr
    assert loaded(script, "matplotlib") == {"matplotlib": True}
