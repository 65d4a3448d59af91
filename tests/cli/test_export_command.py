"""``sciatica-coach export --format csv|fhir``: a ZIP of tables and a FHIR bundle, written
readable by the person alone, never a ZIP to a terminal, and each parsed back."""

from __future__ import annotations

import csv
import io
import json
import stat
import zipfile
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle

from sciatica_coach.cli import journal_access, journal_commands

from .conftest import Cli, flat
from .test_journal_commands import seed_weeks


def test_csv_writes_a_private_zip_of_tables(cli: Cli, tmp_path: Path) -> None:
    seed_weeks(14)
    cli("log", "pain", "4", "--where", "left:heel", "--note", "=1+1")
    out = tmp_path / "journal.zip"
    result = cli("export", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    archive = zipfile.ZipFile(out)
    assert "README.txt" in archive.namelist()
    pain = list(csv.DictReader(io.StringIO(archive.read("pain.csv").decode("utf-8-sig"))))
    assert len(pain) == len(journal_access.journal().pain_entries())
    assert pain[-1]["note"] == "'=1+1" and pain[-1]["places"] == "1"
    maps = list(csv.DictReader(io.StringIO(archive.read("maps.csv").decode("utf-8-sig"))))
    assert [(m["source"], m["region_name"], m["side"]) for m in maps] == [
        ("pain_score", "Heel", "left")
    ]
    sessions = list(csv.DictReader(io.StringIO(archive.read("sessions.csv").decode("utf-8-sig"))))
    assert len(sessions) == 8  # records without steps: one row each


def test_a_zip_is_never_written_to_a_terminal(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal_commands, "_to_terminal", lambda: True)
    result = cli("export", "--format", "csv")
    assert result.exit_code == 2
    assert "--out FILE.zip" in flat(result.stderr) and result.stdout == ""


@pytest.mark.parametrize("out", [None, "-"])
def test_a_zip_goes_down_a_pipe(cli: Cli, out: str | None) -> None:
    cli("log", "pain", "5")
    result = cli("export", "--format", "csv", *(["--out", out] if out else []))
    assert result.exit_code == 0, result.stderr
    archive = zipfile.ZipFile(io.BytesIO(result.stdout_bytes))
    assert archive.read("pain.csv").decode("utf-8-sig").count("\r\n") == 2


def test_fhir_writes_a_bundle_fhir_resources_reads_back(cli: Cli, tmp_path: Path) -> None:
    seed_weeks(14)
    out = tmp_path / "journal.fhir.json"
    result = cli("export", "--format", "fhir", "--out", str(out), "--name", "Ann Smith")
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    bundle = Bundle.model_validate_json(out.read_bytes())
    kinds = [type(entry.resource).__name__ for entry in bundle.entry or []]
    assert kinds.count("Procedure") == 8 and kinds.count("QuestionnaireResponse") == 3
    patient = json.loads(out.read_text())["entry"][0]["resource"]
    assert patient["name"] == [{"text": "Ann Smith"}]


def test_fhir_prints_to_standard_output_without_a_name(cli: Cli) -> None:
    cli("log", "peg", "5", "6", "4")
    result = cli("export", "--format", "fhir")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["resourceType"] == "Bundle" and "name" not in data["entry"][0]["resource"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "--format must be csv, json or fhir"),
        (["--format", "csv", "--name", "Ann"], "--name is for --format fhir only"),
        (["--format", "fhir", "--name", "Ann\x07"], "plain text"),
    ],
)
def test_bad_options_are_explained(cli: Cli, args: list[str], message: str) -> None:
    result = cli("export", *args)
    assert result.exit_code == 2
    assert message in flat(result.stderr)


def test_a_journal_moved_by_export_and_import_keeps_its_fhir_ids(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_weeks(7)
    before = json.loads(cli("export", "--format", "fhir").stdout)
    moved = tmp_path / "journal.json"
    assert cli("export", "--out", str(moved)).exit_code == 0
    journal_access.forget_journals()
    monkeypatch.setenv("SCIATICA_COACH_HOME", str(tmp_path / "new-computer"))
    assert cli("import", str(moved)).exit_code == 0
    after = json.loads(cli("export", "--format", "fhir").stdout)
    assert [e["fullUrl"] for e in after["entry"]] == [e["fullUrl"] for e in before["entry"]]
