"""An empty map after a session says "no pain anywhere now": it is saved only when the person
says so ("No pain now"), never because nothing was marked (issue 25, item 4; web review,
major 3). A finish with nothing marked and nothing said keeps the pain score without a map,
so the journal and the clinician's summary never read a missing map as no pain."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from .conftest import plan, play, screen, started_session


def finished_session(client: TestClient) -> int:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    play(client, session_id, [])
    return session_id


def finish(client: TestClient, session_id: int, **form: object) -> int:
    response = client.post(
        f"/session/{session_id}/finish", data={"action": "save", **form}, follow_redirects=False
    )
    status: int = response.status_code
    return status


@pytest.mark.parametrize(
    ("form", "after"),
    [
        ({"pain_after": "3"}, None),
        ({"pain_after": "0"}, None),
        ({"pain_after": "0", "no_pain": "yes"}, []),
        ({"pain_after": "3", "where": ["left:buttock_center"]}, ["left:buttock_center"]),
    ],
    ids=["nothing-marked", "zero-nothing-marked", "no-pain-now", "marked"],
)
def test_it_saves_an_after_map_only_when_one_was_given(
    client: TestClient, form: dict[str, object], after: list[str] | None
) -> None:
    session_id = finished_session(client)
    assert finish(client, session_id, **form) == 303
    entry = client.get("/api/journal/sessions").json()[0]
    assert entry["pain_after"] == int(str(form["pain_after"]))
    if after is None:
        assert entry["after_map"] is None
    else:
        assert entry["after_map"]["where"] == after


def test_it_asks_again_when_no_pain_and_places_are_both_given(client: TestClient) -> None:
    session_id = finished_session(client)
    response = client.post(
        f"/session/{session_id}/finish",
        data={
            "action": "save",
            "pain_after": "2",
            "no_pain": "yes",
            "where": ["left:buttock_center"],
        },
    )
    assert response.status_code == 422
    assert "No pain now" in response.text
    assert 'id="no-pain" checked' in response.text
    assert client.get("/api/journal/sessions").json()[0]["after_map"] is None


def test_the_finish_form_offers_no_pain_now(client: TestClient) -> None:
    session_id = finished_session(client)
    page = client.get(f"/session/{session_id}").text
    assert 'name="no_pain" value="yes"' in page
    assert "No pain now" in page
