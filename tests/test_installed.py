"""Smoke tests of the program as installed: the commands a person runs first, each in its own
process, and the web app's main pages. ``make lowest`` runs them on the lowest versions
``pyproject.toml`` allows (.ci/lowest.sh), so each floor there is a version they pass on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sciatica_coach.web import create_app


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = os.environ | {"SCIATICA_COACH_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "sciatica_coach", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_it_starts_and_shows_its_version_and_help(tmp_path: Path) -> None:
    version = run(tmp_path, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("sciatica-coach ")
    shown = run(tmp_path, "--help")
    assert shown.returncode == 0, shown.stderr
    assert "regions" in shown.stdout


@pytest.mark.parametrize(
    "pipeline",
    [
        "regions | head -1",
        "regions | true",  # the reader is gone before the first write
        "--help | true",
        "muscles --json | head -c 10",
        "export | true",
    ],
)
def test_a_reader_that_stops_reading_ends_it_quietly(tmp_path: Path, pipeline: str) -> None:
    """``regions | head`` exits 0 and prints nothing on stderr (``pipefail``: the exit code
    seen is the program's, not the reader's)."""
    command, reader = pipeline.split(" | ")
    script = f'set -o pipefail; "{sys.executable}" -m sciatica_coach {command} | {reader}'
    environment = os.environ | {"SCIATICA_COACH_HOME": str(tmp_path)}
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, env=environment, timeout=120
    )
    assert (done.returncode, done.stderr) == (0, "")


def test_a_first_journey_writes_every_kind_of_file(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "out"
    out.mkdir()
    steps = [
        ("log", "pain", "3"),
        ("status",),
        ("plan", "--help"),
        ("export", "--out", str(out / "journal.json")),
        ("export", "--format", "csv", "--out", str(out / "journal.zip")),
        ("export", "--format", "fhir", "--out", str(out / "journal.fhir.json")),
        ("report", "--out", str(out / "summary.pdf")),
        ("progress", "--chart", str(out / "chart.svg")),
        ("map", "--where", "left:buttock_center", "--out", str(out / "map.svg")),
    ]
    for args in steps:
        done = run(home, *args)
        assert done.returncode == 0, f"{args}: {done.stderr}"
    assert json.loads((out / "journal.json").read_text())["tables"]["pain_entries"]
    assert zipfile.ZipFile(out / "journal.zip").namelist()
    assert json.loads((out / "journal.fhir.json").read_text())["resourceType"] == "Bundle"
    assert (out / "summary.pdf").read_bytes().startswith(b"%PDF-")
    assert "<svg" in (out / "chart.svg").read_text()
    assert "<svg" in (out / "map.svg").read_text()


def test_the_web_app_serves_its_pages_and_downloads(tmp_path: Path) -> None:
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'journal.sqlite3'}")
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        for path in ["/", "/learn", "/map", "/journal", "/api/health", "/journal/chart.svg"]:
            answer = client.get(path)
            assert answer.status_code == 200, (path, answer.text[:200])
        fhir = client.get("/api/journal/export", params={"format": "fhir"})
        assert fhir.status_code == 200
        assert fhir.json()["resourceType"] == "Bundle"
