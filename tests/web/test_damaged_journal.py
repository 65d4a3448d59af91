"""The web app on a damaged journal (review L-4): ``/api/health`` says ``damaged`` with 503
and the message, a write gets 503 with the message (JSON for the API, a page otherwise),
and reads that the damage does not touch keep working."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sciatica_coach.web import create_app
from tests.storage.damage import filled_journal, overwrite_page, pages, url_of
from tests.web.conftest import FakeClock, local_client


def damaged_client(tmp_path: Path, clock: FakeClock, data: bool = False) -> TestClient:
    """An app on a journal with an index page overwritten, or (``data``) one of the pain
    scores' own pages, which the safety check reads."""
    path = tmp_path / "journal.sqlite3"
    filled_journal(path)
    overwrite_page(
        path, pages(path, "pain_entries")[8] if data else pages(path, "ix_pain_entries_day")[0]
    )
    return local_client(create_app(url_of(path), clock=clock))


def test_health_says_damaged_with_503_and_how_to_recover(tmp_path: Path) -> None:
    with damaged_client(tmp_path, FakeClock()) as client:
        answer = client.get("/api/health")
    assert answer.status_code == 503
    body = answer.json()
    assert body["status"] == "damaged"
    assert "read-only" in body["message"]
    assert "restore" in body["message"]


def test_writes_get_503_with_the_message_and_reads_still_work(tmp_path: Path) -> None:
    with damaged_client(tmp_path, FakeClock()) as client:
        refused = client.post("/api/journal/pain", json={"now": 3})
        assert refused.status_code == 503
        assert "damaged" in refused.json()["detail"]
        assert "export --salvage" in refused.json()["detail"]
        page = client.post("/journal/pain", data={"now": "3"})
        assert page.status_code == 503
        assert "nothing new can be saved" in page.text
        assert "journal.sqlite3" not in page.text  # no server paths on a page
        assert client.get("/api/journal/pain").status_code == 200


def test_a_sound_journal_is_ok(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    filled_journal(path)
    with local_client(create_app(url_of(path), clock=FakeClock())) as client:
        answer = client.get("/api/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"


def test_the_openapi_document_declares_the_damaged_answer(tmp_path: Path) -> None:
    with damaged_client(tmp_path, FakeClock()) as client:
        doc = client.get("/api/openapi.json").json()
    declared = doc["paths"]["/api/health"]["get"]["responses"]["503"]
    schema_name = declared["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    schema = doc["components"]["schemas"][schema_name]
    assert "damaged" in schema["properties"]["status"]["enum"]
    assert "message" in schema["properties"]


@pytest.mark.parametrize("data", [False, True], ids=["index page", "data page"])
def test_a_red_flag_on_a_damaged_journal_is_still_said_in_full(tmp_path: Path, data: bool) -> None:
    """Review 29 C1: read-only must never hide an emergency. The check is screened and its
    result shown whole (the page, the API), with a note that it was not kept."""
    from tests.web.conftest import answers, form_answers

    with damaged_client(tmp_path, FakeClock(), data) as client:
        api = client.post("/api/screenings", json={"answers": answers(saddle_numbness=True)})
        page = client.post("/screen", data=form_answers(saddle_numbness="yes"))
        calm = client.post("/api/screenings", json={"answers": answers()})
    assert api.status_code == 200, api.text
    said = api.json()
    assert (said["level"], said["saved"], said["id"]) == ("emergency", False, None)
    assert page.status_code == 200, page.text
    assert "could not be saved" in page.text
    assert 'data-level="emergency"' in page.text
    assert 'id="not-saved"' in page.text
    # on a phone the emergency comes first: the notices follow the result, not precede it
    result = page.text.index('id="screening-result"')
    assert result < page.text.index('id="not-saved"') < page.text.index('id="journal-damaged"')
    if data:  # milder results are not decided without the journal, which can raise them
        assert calm.status_code == 503
    else:
        assert calm.status_code == 200 and calm.json()["saved"] is False
        assert calm.json()["session_allowed"] is True  # it stands; it keeps nothing
