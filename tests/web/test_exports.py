"""``GET /api/journal/export?format=csv|fhir``: a ZIP of tables and a FHIR bundle, each an
attachment with its name and type, each parsed back; a bad request gets 422, never 500."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from fastapi.testclient import TestClient
from fhir.resources.R4B.bundle import Bundle

from .conftest import plan, play, screen, started_session


@pytest.fixture
def used(client: TestClient) -> TestClient:
    """A journal with a safety check, a session played through and a pain score."""
    screen(client)
    play(client, started_session(client, plan(client)["id"]), [])
    client.post("/api/journal/pain", json={"now": 4, "note": '=cmd|"/c calc"!A1'})
    client.post("/api/journal/peg", json={"pain": 5, "enjoyment": 4, "activity": 3})
    return client


def test_csv_is_a_zip_of_tables_with_a_readme(used: TestClient) -> None:
    response = used.get("/api/journal/export", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=") and disposition.endswith('.zip"')
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.namelist()[0] == "README.txt"

    def rows(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))

    assert rows("pain.csv")[0]["note"] == '\'=cmd|"/c calc"!A1'
    assert rows("peg.csv")[0]["peg_score"] == "4"
    steps = rows("sessions.csv")
    assert len({s["session_id"] for s in steps}) == 1
    assert any(s["step_kind"] == "hold" for s in steps)
    assert len(rows("screenings.csv")) == 1
    assert used.get("/api/journal/export", params={"format": "csv"}).content == response.content


def test_fhir_is_a_bundle_under_a_pseudonym_or_a_name(used: TestClient) -> None:
    response = used.get("/api/journal/export", params={"format": "fhir"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/fhir+json; fhirVersion=4.0"
    assert response.headers["content-disposition"].endswith('.fhir.json"')
    bundle = Bundle.model_validate_json(response.content)
    kinds = [type(entry.resource).__name__ for entry in bundle.entry or []]
    assert kinds.count("Procedure") == 1 and kinds.count("QuestionnaireResponse") == 1
    assert "name" not in json.loads(response.content)["entry"][0]["resource"]
    named = used.get("/api/journal/export", params={"format": "fhir", "name": "Ann Smith"})
    assert json.loads(named.content)["entry"][0]["resource"]["name"] == [{"text": "Ann Smith"}]
    ids = [e["fullUrl"] for e in json.loads(named.content)["entry"]]
    assert ids == [e["fullUrl"] for e in json.loads(response.content)["entry"]]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"format": "xml"}, "format"),
        ({"format": "fhir", "name": "x" * 101}, "name"),
        ({"format": "fhir", "name": "Ann\x1b[2J"}, "name"),
        ({"format": "csv", "name": "Ann"}, "name"),
    ],
)
def test_a_bad_request_gets_422_saying_which_field(
    client: TestClient, params: dict[str, str], field: str
) -> None:
    response = client.get("/api/journal/export", params=params)
    assert response.status_code == 422
    assert any(problem["loc"][-1] == field for problem in response.json()["detail"])


def test_an_empty_journal_exports_too(client: TestClient) -> None:
    for format_ in ("csv", "fhir", "json"):
        assert client.get("/api/journal/export", params={"format": format_}).status_code == 200
