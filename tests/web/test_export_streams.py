"""``GET /api/journal/export`` streams: the download starts as the journal is read, with
the same attachment name, type and security headers as before and the same body; trouble
reading the journal before the first byte is a clear error answer, not a cut-off file."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sciatica_coach.coach.clinical_export import csv_records, fhir_records
from sciatica_coach.content import default_knowledge_base
from sciatica_coach.exports.csv_tables import journal_zip
from sciatica_coach.exports.fhir_bundle import FHIR_MEDIA_TYPE, journal_bundle
from sciatica_coach.storage import Journal, StorageError

from .conftest import plan, play, screen, started_session


@pytest.fixture
def used(client: TestClient) -> TestClient:
    screen(client)
    play(client, started_session(client, plan(client)["id"]), [])
    client.post("/api/journal/pain", json={"now": 4, "note": "Ça va mieux \u2013 38 °C"})
    return client


def journal_of(app: FastAPI) -> Journal:
    journal = app.state.coach.journal
    assert isinstance(journal, Journal)
    return journal


def test_the_json_download_streams_the_document_it_always_sent(
    used: TestClient, app: FastAPI
) -> None:
    with used.stream("GET", "/api/journal/export") as response:
        assert response.status_code == 200
        assert "content-length" not in response.headers  # sent as it is made
        body = b"".join(response.iter_bytes())
    assert response.headers["content-type"] == "application/json"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="sciatica-coach-journal-')
    assert disposition.endswith('.json"')
    assert response.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    whole = journal_of(app).export_all()
    assert body == (json.dumps(whole, indent=2, ensure_ascii=False) + "\n").encode()


def test_the_csv_download_streams_the_same_tables(used: TestClient, app: FastAPI) -> None:
    with used.stream("GET", "/api/journal/export", params={"format": "csv"}) as response:
        assert "content-length" not in response.headers
        body = b"".join(response.iter_bytes())
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"].endswith('.zip"')
    kb = default_knowledge_base()
    now = app.state.coach.now()
    whole = zipfile.ZipFile(io.BytesIO(journal_zip(csv_records(kb, journal_of(app), None, now))))
    streamed = zipfile.ZipFile(io.BytesIO(body))
    assert streamed.namelist() == whole.namelist()
    assert all(streamed.read(name) == whole.read(name) for name in whole.namelist())


def test_the_fhir_download_streams_the_bundle_it_always_sent(
    used: TestClient, app: FastAPI
) -> None:
    with used.stream(
        "GET", "/api/journal/export", params={"format": "fhir", "name": "Ann"}
    ) as response:
        assert response.status_code == 200
        assert "content-length" not in response.headers
        body = b"".join(response.iter_bytes())
    assert response.headers["content-type"] == FHIR_MEDIA_TYPE
    assert response.headers["content-disposition"].endswith('.fhir.json"')
    kb = default_knowledge_base()
    now = app.state.coach.now()
    assert body == journal_bundle(fhir_records(kb, journal_of(app), None, now, "Ann"))
    assert json.loads(body)["entry"][0]["resource"]["name"] == [{"text": "Ann"}]


def test_a_name_that_is_not_plain_text_is_refused_before_the_download(
    used: TestClient,
) -> None:
    response = used.get("/api/journal/export", params={"format": "fhir", "name": "Ann\x1b[2J"})
    assert response.status_code == 422
    assert "content-disposition" not in response.headers


@pytest.mark.parametrize("format", ["json", "csv", "fhir"])
def test_a_journal_that_cannot_be_read_is_an_error_not_a_cut_off_file(
    used: TestClient, monkeypatch: pytest.MonkeyPatch, format: str
) -> None:
    def unreadable(*args: object, **kwargs: object) -> Iterator[object]:
        raise StorageError("could not read the journal: disk I/O error")
        yield  # a generator, as the real readers are

    monkeypatch.setattr(Journal, "export_batches", unreadable)
    monkeypatch.setattr(Journal, "entries_in_batches", unreadable)
    response = used.get("/api/journal/export", params={"format": format})
    assert response.status_code >= 500
    assert response.headers["content-type"].startswith("application/json")
    assert "could not read the journal" in response.text
    assert "content-disposition" not in response.headers
